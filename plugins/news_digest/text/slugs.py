"""Slugs: made once from the headline, unique in the digest.

The slugify function is handed in: the glue passes Pelican's own
(pelican.utils.slugify), so that our slugs are made the way Pelican makes
those of categories and tags, without this pure layer importing Pelican.
"""
from __future__ import annotations

import hashlib
from typing import Callable

SLUG_SUBSTITUTIONS = (
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
)


def make_slug(headline: str, slugify: Callable, fallback: str = "", max_length: int = 80) -> str:
    """A URL-safe slug for a headline, never empty. `slugify(text,
    regex_subs=...)` is Pelican's.

    >>> def slugify(text, regex_subs):
    ...     return "-".join("".join(c for c in text.lower() if c.isalnum() or c == " ").split())
    >>> make_slug("Putin orders continuation of Russian offensive", slugify)
    'putin-orders-continuation-of-russian-offensive'
    >>> make_slug("?!...", slugify, fallback="")
    'story-5910f62d'
    """
    slug = slugify(headline[:max_length * 4], regex_subs=SLUG_SUBSTITUTIONS).strip("-_")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut[max_length // 2:] else cut[:max_length]
        slug = slug.strip("-_")
    if not slug and fallback:
        slug = make_slug(fallback, slugify, "", max_length)
    if not slug:
        slug = "story-" + hashlib.sha1(headline.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return slug


def make_unique_slug(slug: str, taken) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is not yet in `taken`.

    >>> make_unique_slug("a", {"a", "a-2"})
    'a-3'
    """
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
