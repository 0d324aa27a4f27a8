"""Pelican glue: a story's tags as the digest's tag merge gives them
(tag_merge.py), and as a new story's are expected to be before it runs
(related_early.py)."""
from __future__ import annotations

from ..text.markdown_post import CHECKSUM_KEY, is_edited
from .posts import known_edited
from .safe_urls import share_slug


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


def expected_names(names: list[str], edited: bool, last_mapping: dict, slug_of) -> tuple[str, ...]:
    """A post's tags as the last merge's mapping would give them, before
    this build's merge is made (a name it did not see stays itself)."""
    return tuple(merged_names(names, edited, {name: last_mapping.get(name, name) for name in names}, slug_of))


def tag_slugs(pelican_settings: dict):
    """slug_of(name): the slug of a tag named so, as the stories' own Tags
    of that name have it (safe_urls.share_slug); each worked out once."""
    from pelican.urlwrappers import Tag

    slugs: dict[str, str] = {}

    def slug_of(name: str) -> str:
        if name not in slugs:
            tag = Tag(name, pelican_settings)
            share_slug(tag)
            slugs[name] = tag.slug
        return slugs[name]

    return slug_of
