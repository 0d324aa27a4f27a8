"""Slugs: never empty, never a page the site needs."""
import pytest
from pelican.utils import slugify

from news_digest.text.slugs import fallback_slug, make_slug, reserved_slugs, usable_slug

PELICANCONF_LIKE = {
    "DIRECT_TEMPLATES": ["index", "tags", "categories", "archives", "search", "404"],
    "CATEGORIES_SAVE_AS": "sections.html", "TAG_SAVE_AS": "tag/{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html",
    "FEED_ALL_JSON": "feeds/all.json", "THEME_STATIC_DIR": "theme",
}


@pytest.mark.parametrize("slug", ["index", "search", "tags", "archives", "sections", "404", "feeds", "pagefind", "theme"])
def test_reserved_slugs(slug):
    assert slug in reserved_slugs(PELICANCONF_LIKE)


@pytest.mark.parametrize("slug", ["world", "index-2", "putin-orders-offensive"])
def test_a_story_slug_is_not_reserved(slug):
    assert slug not in reserved_slugs(PELICANCONF_LIKE)


@pytest.mark.parametrize("name", ["<a>", "&&&", "<img src=x onerror=alert(13)>", "---", "   "])
def test_names_pelican_leaves_nothing_of_get_a_usable_slug(name):
    assert not usable_slug(slugify(name, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")]))
    slug = fallback_slug(name, slugify, "section")
    assert usable_slug(slug) and "/" not in slug and "<" not in slug and not slug.startswith(".")


def test_fallback_slugs_keep_sections_apart():
    slugs = {fallback_slug(name, slugify, "section") for name in ["<a>", "<b>", "&&&", "%%%", "<a >"]}
    assert len(slugs) == 5


@pytest.mark.parametrize("headline, slug", [
    ("Index", "index"), ("?!?!", "story-"), ("Putin orders continuation of offensive", "putin-orders-continuation-of-offensive"),
])
def test_make_slug(headline, slug):
    assert make_slug(headline, slugify).startswith(slug)
