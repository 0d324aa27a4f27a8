"""What a build keeps in the cache folder for the next (pelican/build_cache.py, page_inputs.py)."""


def test_records_found_as_they_were_are_not_serialised_again(tmp_path, monkeypatch):
    """A build's records (what each feed, bundle and page was made from) run
    to megabytes in a big digest: one that holds what the last build left
    is not serialised again; one that changed is."""
    from news_digest.pelican import build_cache, page_inputs

    settings = {"CACHE_PATH": str(tmp_path)}
    state, record = build_cache.BuildState(settings, "feeds"), page_inputs.PageRecord(settings)
    state.record("feeds/all.atom.xml", "key-1")
    record.record("index.html", "key-2", [str(tmp_path / "index.html")])
    state.save()
    record.save()
    serialised = []
    real_dumps = build_cache.json.dumps
    monkeypatch.setattr(build_cache.json, "dumps", lambda *a, **k: serialised.append(a) or real_dumps(*a, **k))
    again, record_again = build_cache.BuildState(settings, "feeds"), page_inputs.PageRecord(settings)
    again.record("feeds/all.atom.xml", "key-1")
    record_again.record("index.html", "key-2", [str(tmp_path / "index.html")])
    again.save()
    record_again.save()
    assert serialised == []
    changed = build_cache.BuildState(settings, "feeds")
    changed.record("feeds/all.atom.xml", "key-3")
    changed.save()
    assert len(serialised) == 1 and build_cache.BuildState(settings, "feeds").previous == {"feeds/all.atom.xml": "key-3"}


import os  # noqa: E402

import pytest  # noqa: E402


def link_to_a_file(path):
    (path.parent / "real.xml").write_text("feed")
    os.symlink(path.parent / "real.xml", path)


@pytest.mark.parametrize("make, there", [
    (lambda p: p.write_text("feed"), True),
    (lambda p: None, False),
    (lambda p: p.mkdir(), True),
    (lambda p: link_to_a_file(p), True),
    (lambda p: os.symlink(p.parent / "gone.xml", p), False),  # a link to nothing
])
def test_an_unchanged_output_is_one_still_there_as_os_path_exists_sees_it(tmp_path, make, there):
    """BuildState.unchanged lists the folder once instead of asking for each file."""
    from news_digest.pelican import build_cache

    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    state = build_cache.BuildState(settings, "feeds")
    state.record("tag/a.xml", "key")
    state.save()
    target = tmp_path / "out" / "tag" / "a.xml"
    target.parent.mkdir(parents=True)
    make(target)
    again = build_cache.BuildState(settings, "feeds")
    assert os.path.exists(target) == there
    assert again.unchanged("tag/a.xml", "key", target) == there
    assert not again.unchanged("tag/a.xml", "other key", target)
    assert not again.unchanged("tag/b.xml", "key", target.parent / "b.xml")
    assert not again.unchanged("x.xml", "key", tmp_path / "missing-folder" / "x.xml")
