"""URLs kept once the build's context is final give what Pelican would."""
from types import SimpleNamespace

from pelican.contents import Article, Static
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from news_digest.pelican import frozen_urls


def make_article(settings, slug="flood-in-zagreb"):
    from datetime import datetime

    metadata = {
        "title": "Flood in Zagreb", "slug": slug, "date": datetime(2024, 3, 1),
        "category": Category("world", settings), "tags": [Tag("Zagreb", settings), Tag("Ivan Kovač", settings)],
    }
    return Article("<p>Story</p>", metadata=metadata, settings=settings, source_path="/c/world/a.md")


def test_kept_urls_are_the_ones_pelican_works_out():
    frozen_urls.install()
    frozen_urls.install()  # twice: wrapped once
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{category}/{slug}.html", "TAG_URL": "tag/{slug}/", "PATH": "/c",
                "ARTICLE_SAVE_AS": "{category}/{slug}.html"}
    article = make_article(settings)
    before = (article.url, article.category.url, [t.url for t in article.tags])
    assert before == ("world/flood-in-zagreb.html", "category/world.html", ["tag/zagreb/", "tag/ivan-kovac/"])
    generator = SimpleNamespace(articles=[article], tags={Tag("Zagreb", settings): [article]},
                                categories=[(Category("world", settings), [article])], authors=[])
    frozen_urls.keep_article_urls([generator, SimpleNamespace(pages=[])])
    assert (article.url, article.category.url, [t.url for t in article.tags]) == before
    assert [t.url for t in generator.tags] == ["tag/zagreb/"]

    # Kept: a later change no longer reaches the URL (nothing changes one after this point).
    article.slug = "changed"
    assert (article.url, article.save_as) == ("world/flood-in-zagreb.html", "world/flood-in-zagreb.html")
    # Anything not kept is worked out as before.
    other = make_article(settings, slug="other")
    assert (other.url, other.save_as) == ("world/other.html", "world/other.html")


def test_static_files_still_note_that_their_url_was_used():
    frozen_urls.install()
    static = Static("", settings={**DEFAULT_CONFIG, "PATH": "/c"}, source_path="/c/images/a.png",
                    metadata={})
    assert static.url == "images/a.png"
    assert static._output_location_referenced


def test_relative_source_paths_are_pelicans(tmp_path, monkeypatch):
    frozen_urls.install()
    settings = {**DEFAULT_CONFIG, "PATH": "/c"}
    article = make_article(settings)
    assert article.get_relative_source_path() == "world/a.md"
    assert article.get_relative_source_path("/c/world/b.md") == "world/b.md"
    assert article.get_relative_source_path("/elsewhere/b.md") == "../elsewhere/b.md"
    # A relative PATH is read against the working folder, each time.
    relative = Article("<p>Story</p>", metadata={"title": "T"}, settings={**DEFAULT_CONFIG, "PATH": "content"},
                       source_path=str(tmp_path / "content" / "world" / "a.md"))
    monkeypatch.chdir(tmp_path)
    assert relative.get_relative_source_path() == "world/a.md"
    monkeypatch.chdir(tmp_path / "..")
    assert relative.get_relative_source_path() == f"../{tmp_path.name}/content/world/a.md"
    # No source path: None, as Pelican says.
    assert Article("<p>x</p>", metadata={"title": "T"}, settings=settings).get_relative_source_path() is None
