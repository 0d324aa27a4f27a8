"""stale_output: what the build did not touch is removed, whether the
output was listed at the end or before the last pages were written."""
import logging
from types import SimpleNamespace

import pytest

from news_digest.pelican import files, stale_output


def site(tmp_path, names):
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return SimpleNamespace(settings={"THEME_STATIC_DIR": "theme"}, output_path=str(tmp_path))


def left(tmp_path):
    return sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())


@pytest.mark.parametrize("early", [False, True])
def test_untouched_pages_and_feeds_go_and_everything_else_stays(tmp_path, early):
    pelican = site(tmp_path, ["index.html", "old.html", "tag/gone.html", "feeds/tag/gone.atom.xml",
                              "feeds/all.atom.xml", "theme/css/main.css", "theme/old.html", "pagefind/x.html",
                              "robots.txt"])
    files.touched.clear()
    listed = stale_output.list_output(pelican) if early else None
    # Written after an early listing: touched, so never taken for stale.
    (tmp_path / "tag" / "new.html").write_text("x")
    for name in ["index.html", "feeds/all.atom.xml", "tag/new.html"]:
        files.note_kept(tmp_path / name)
    stale_output.remove_stale_output(pelican, listed)
    assert left(tmp_path) == ["feeds/all.atom.xml", "index.html", "pagefind/x.html", "robots.txt",
                              "tag/new.html", "theme/css/main.css", "theme/old.html"]
    assert files.touched == set()


def test_a_listed_file_gone_by_the_end_is_passed_over(tmp_path, caplog):
    pelican = site(tmp_path, ["index.html", "tag/a.html"])
    files.touched.clear()
    listed = stale_output.list_output(pelican)
    (tmp_path / "tag" / "a.html").unlink()  # removed by something else meanwhile
    files.note_kept(tmp_path / "index.html")
    with caplog.at_level(logging.WARNING):
        stale_output.remove_stale_output(pelican, listed)
    assert left(tmp_path) == ["index.html"]
    assert "cannot be removed" not in caplog.text


def test_nothing_is_listed_or_removed_when_the_settings_say_no(tmp_path):
    pelican = site(tmp_path, ["old.html"])
    pelican.settings["NEWS_DIGEST_REMOVE_STALE_OUTPUT"] = False
    assert stale_output.list_output(pelican) is None
    stale_output.remove_stale_output(pelican, None)
    assert left(tmp_path) == ["old.html"]
