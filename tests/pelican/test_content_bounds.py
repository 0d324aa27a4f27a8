"""The content listing: Pelican's own, but nothing outside the content
folder, and no walk of the folder for a listing that can find nothing."""
import pytest
from pelican.generators import Generator
from pelican.settings import read_settings

from news_digest.pelican import content_bounds
from tests.helpers import ROOT


@pytest.fixture
def generator(tmp_path):
    content = tmp_path / "content"
    for rel in ("world/a.md", "b.md", "notes.txt", "world/c.html"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("x", encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content), "PLUGINS": []})
    return Generator(context={}, settings=settings, path=str(content), theme=settings["THEME"],
                     output_path=str(tmp_path / "output"))


@pytest.mark.parametrize("extensions, expected", [
    (None, {"./b.md", "world/a.md", "world/c.html"}),  # the readers' extensions
    (["md"], {"./b.md", "world/a.md"}),
    (False, {"./b.md", "world/a.md", "world/c.html", "./notes.txt"}),  # every file
    ([], set()),
    ((), set()),
    ({}.keys(), set()),  # Pelican's disabled readers, when it could load every reader
])
def test_the_listing_is_pelican_s_own(generator, extensions, expected):
    assert content_bounds.inside_only(Generator.get_files)(generator, [""], extensions=extensions) == expected


def test_a_listing_that_can_find_nothing_does_not_walk_the_folder(generator, monkeypatch):
    walked = []
    monkeypatch.setattr("pelican.generators.os.walk", lambda *a, **k: walked.append(a) or iter(()))
    assert content_bounds.inside_only(Generator.get_files)(generator, [""], extensions={}.keys()) == set()
    assert walked == []
