"""The last build's slugs, kept in the cache (pelican/kept_slugs.py)."""
import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

from news_digest.pelican import kept_slugs, safe_urls


@pytest.fixture(autouse=True)
def no_open_slugs():
    kept_slugs._open.clear()  # nothing another test left to save


@pytest.fixture
def counted(monkeypatch):
    """The names Pelican's slug property slugified."""
    calls = []
    real = Tag.slug.fget

    def slug(tag):
        if tag._slug is None:
            calls.append(tag.name)
        return real(tag)

    monkeypatch.setattr(Tag, "slug", property(slug, Tag.slug.fset))
    return calls


def build(settings: dict, names: list[str]) -> list[str]:
    """One build's tags through share_slug, kept at its end; their slugs."""
    settings = dict(settings)  # each build its own settings, as each pelican run has
    tags = [Tag(name, settings) for name in names]
    for tag in tags:
        safe_urls.share_slug(tag)
    kept_slugs.save_slugs()
    return [tag.slug for tag in tags]


def test_the_next_build_takes_the_slugs_the_last_one_made(tmp_path, counted):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}
    assert build(settings, ["São Paulo", "Lisbon"]) == ["sao-paulo", "lisbon"]
    assert counted == ["São Paulo", "Lisbon"]
    counted.clear()
    assert build(settings, ["São Paulo", "Lisbon", "Porto"]) == ["sao-paulo", "lisbon", "porto"]
    assert counted == ["Porto"]
    counted.clear()
    # A build that made none still leaves every slug for the next.
    build(settings, ["Lisbon"])
    assert build(settings, ["Porto", "São Paulo"]) == ["porto", "sao-paulo"] and counted == []


@pytest.mark.parametrize("change", [
    {"TAG_REGEX_SUBSTITUTIONS": [("Lisbon", "lisboa")]},
    {"SLUG_REGEX_SUBSTITUTIONS": [("Lisbon", "lisboa")]},
    {"SLUGIFY_PRESERVE_CASE": True},
    {"SLUGIFY_USE_UNICODE": True},
    {"LOAD_CONTENT_CACHE": False},  # pelican --ignore-cache
])
def test_slugs_kept_under_other_settings_are_not_taken(tmp_path, counted, change):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}
    build(settings, ["Lisbon"])
    changed = {**settings, **change}
    pelicans = Tag("Lisbon", changed).slug
    counted.clear()
    assert build(changed, ["Lisbon"]) == [pelicans]
    assert counted == ["Lisbon"]


@pytest.mark.parametrize("damage", [b"", b"not json", None])
def test_a_damaged_file_means_slugs_are_made_again(tmp_path, counted, damage):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}
    build(settings, ["Lisbon"])
    path = kept_slugs.cache_file(settings, "slugs")
    data = path.read_bytes()
    path.write_bytes(damage if damage is not None else data.replace(b"lisbon", b"lisbom"))
    counted.clear()
    assert build(settings, ["Lisbon"]) == ["lisbon"] and counted == ["Lisbon"]


def test_a_slug_someone_set_is_not_kept_as_pelicans(tmp_path, counted):
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}
    tag = Tag("Lisbon", dict(settings))
    tag.slug = "tag-1"  # a fallback slug (safe_urls)
    safe_urls.share_slug(tag)
    kept_slugs.save_slugs()
    assert build(settings, ["Lisbon"]) == ["lisbon"] and counted == ["Lisbon"]
