"""Slugs: made once from the headline, unique in the digest.

The slugify function is handed in: the glue passes Pelican's own
(pelican.utils.slugify), so that our slugs are made the way Pelican makes
those of categories and tags, without this pure layer importing Pelican.
"""
from __future__ import annotations

import hashlib
import re
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


FOLDER_WORDS = re.compile(r"[^\W_A-Z][^\WA-Z]*(?:[ _-][^\W_A-Z][^\WA-Z]*)*")  # "world", "middle-east"


def section_name(folder: str, names: dict) -> str:
    """A section's name as a person writes it: the name the settings give
    its folder, else a lower-case folder name capitalised word by word
    (a name with capitals is kept as it is).

    >>> section_name("world", {}), section_name("middle-east", {}), section_name("uk", {"uk": "UK"})
    ('World', 'Middle East', 'UK')
    >>> section_name("eBay news", {}), section_name("<a>", {})
    ('eBay news', '<a>')
    """
    if folder in names:
        return str(names[folder])
    if not FOLDER_WORDS.fullmatch(folder):
        return folder  # capitals of its own, or more than words: as it is
    return " ".join(word[:1].upper() + word[1:] for word in folder.replace("_", " ").replace("-", " ").split()) or folder


def usable_slug(slug: str) -> bool:
    """A slug that names a file: it holds a letter or a digit.

    >>> usable_slug("world"), usable_slug(""), usable_slug("-")
    (True, False, False)
    """
    return any(c.isalnum() for c in slug)


def fallback_slug(name: str, slugify: Callable, kind: str) -> str:
    """A slug of its own for a name Pelican's slugify leaves nothing of
    (it strips tags, so "<a>" and "&&&" both become ""): what words the name
    has, kept apart from any other by a hash of the whole name.

    >>> def slugify(text, regex_subs):
    ...     return "-".join("".join(c for c in text.lower() if c.isalnum() or c == " ").split())
    >>> fallback_slug("<img src=x onerror=alert(13)>", slugify, "section")
    'img-srcx-onerroralert13-6a391e29'
    >>> fallback_slug("&&&", slugify, "section")
    'section-98d6a632'
    """
    words = slugify(name.replace("<", " ").replace(">", " "), regex_subs=SLUG_SUBSTITUTIONS).strip("-_")[:60]
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{words if usable_slug(words) else kind}-{digest}"


# Folders and files of the site that no setting names.
SITE_NAMES = frozenset({"index", "search", "tags", "archives", "sections", "categories", "404", "feeds",
                        "pagefind", "theme", "sitemap", "robots", "section", "tag", "pages", "daily"})


def reserved_slugs(settings: dict) -> frozenset:
    """The names at the top of the output that the site writes itself, from
    Pelican's settings (a plain dict): its direct templates, the first part
    of every *_SAVE_AS path that is not a story's own, the theme's folder and
    the feeds'.

    >>> sorted(reserved_slugs({"DIRECT_TEMPLATES": ["index", "digest"], "TAGS_SAVE_AS": "all-tags.html"}))[:4]
    ['404', 'all-tags', 'archives', 'categories']
    """
    names = set(SITE_NAMES) | {str(name) for name in settings.get("DIRECT_TEMPLATES", ())}
    paths = [value for key, value in settings.items()
             if isinstance(value, str) and (key.endswith("_SAVE_AS") or key.startswith("FEED_"))]
    paths.append(str(settings.get("THEME_STATIC_DIR", "theme")))
    for path in paths:
        first = path.strip("/").split("/", 1)[0]
        if first and "{" not in first:
            names.add(first.rsplit(".", 1)[0] if "." in first else first)
    return frozenset(name.lower() for name in names)
