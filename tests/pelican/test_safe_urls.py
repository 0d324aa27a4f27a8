"""Slugs shared between the Tag objects of one name (pelican/safe_urls.py)."""
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from news_digest.pelican import safe_urls


def test_tags_of_one_name_share_pelicans_slug_which_is_worked_out_once(monkeypatch, tmp_path):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path)}
    calls = []
    real = Tag.slug.fget

    def counted(tag):
        calls.append(tag.name)
        return real(tag)

    monkeypatch.setattr(Tag, "slug", property(counted, Tag.slug.fset))
    first, second, other = Tag("São Paulo", settings), Tag("São Paulo", settings), Tag("Lisbon", settings)
    for tag in (first, second, other):
        safe_urls.share_slug(tag)
    assert calls == ["São Paulo", "Lisbon"]  # the second is given the first's
    assert (second._slug, other._slug) == (first.slug, "lisbon") == ("sao-paulo", "lisbon")
    second.name = "Rio de Janeiro"  # a new name still makes a new slug, as Pelican's would
    assert real(second) == "rio-de-janeiro"


def test_slugs_are_not_shared_across_kinds_or_settings(tmp_path):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path)}
    tag = Tag("Europe", settings)
    safe_urls.share_slug(tag)
    section = Category("Europe", {**settings, "CATEGORY_REGEX_SUBSTITUTIONS": [("Europe", "eu")]})
    safe_urls.share_slug(section)
    assert (tag.slug, section.slug) == ("europe", "eu")
    changed = Tag("Europe", {**settings, "TAG_REGEX_SUBSTITUTIONS": [("Europe", "continent")]})
    safe_urls.share_slug(changed)
    assert changed.slug == "continent"
