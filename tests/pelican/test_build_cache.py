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
