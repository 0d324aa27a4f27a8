"""Pelican glue: every story, section and tag gets a URL of its own that
takes nothing the site needs, and each section its name as a person writes
it (signal content_object_init).

- A section named after its folder ("world") shows as "World", or as
  NEWS_DIGEST_SECTION_NAMES says; its URL keeps the folder's slug.

- A section or tag whose name Pelican's slugify leaves nothing of ("<a>",
  "&&&": it strips tags) would be written to `section/.html`, and several
  such sections would merge into one: each gets a fallback slug of its own.
- A story whose slug would take a page of the site ("Index" as a headline
  would overwrite index.html and stop the build) gets another, with a warning.
"""
from __future__ import annotations

import logging

from pelican.contents import Article
from pelican.urlwrappers import Category
from pelican.utils import slugify

from ..text.slugs import fallback_slug, make_unique_slug, reserved_slugs, section_name, usable_slug
from .configure import plugin_settings
from .kept_slugs import kept_slugs

logger = logging.getLogger(__name__)

_resolved: list = [None, None]  # [the settings, what they resolve to]; holding them keeps their id unique


def resolved(settings: dict) -> tuple[dict, frozenset]:
    """NEWS_DIGEST_SECTION_NAMES and the reserved slugs, worked out once per
    build's settings rather than once per story."""
    if _resolved[0] is not settings:
        _resolved[:] = [settings, (plugin_settings(settings)["SECTION_NAMES"], reserved_slugs(settings))]
    return _resolved[1]


# [the settings, {(kind of wrapper, name): slug}, the last build's slugs]: a
# digest names one tag on hundreds of stories, each with its own Tag, which
# Pelican slugifies afresh. Authors apart: Pelican gives a story's Author the
# story's settings and its Tags the reader's (equal, but not one object), and
# one list for both would be made afresh at every change of object.
_slugs: list = [None, {}, None]
_author_slugs: list = [None, {}, None]


def share_slug(wrapper, shared: list = _slugs) -> None:
    """Give `wrapper` the slug an earlier wrapper of its kind and name was
    given (Pelican's own slugify of its name, or the last build's: see
    kept_slugs.py), or remember its own."""
    if shared[0] is not wrapper.settings:
        shared[:] = [wrapper.settings, {}, kept_slugs(wrapper.settings)]
    key = (type(wrapper), wrapper.name)
    slug = shared[1].get(key)
    if slug is None:
        slug = shared[2].slug(wrapper) if wrapper._slug is None else wrapper.slug
        if slug:
            shared[1][key] = slug
    elif wrapper._slug is None:
        wrapper._slug = slug  # as the property would set it, so a new name still makes a new slug


def safe_urls(instance) -> None:
    if not isinstance(instance, Article):
        return
    for tag in getattr(instance, "tags", None) or []:
        share_slug(tag)
    # Each story has an Author of its own, which Pelican would slugify for
    # each story's URL.
    for author in getattr(instance, "authors", None) or []:
        share_slug(author, _author_slugs)
    category = getattr(instance, "category", None)
    if category is not None:
        share_slug(category)
        name = section_name(category.name, resolved(instance.settings)[0])
        if name != category.name:
            slug = category.slug
            category = instance.category = Category(name, instance.settings)
            category.slug = slug
    for kind, wrapper in [("section", category), *(("tag", tag) for tag in getattr(instance, "tags", None) or [])]:
        if wrapper is not None and not usable_slug(wrapper.slug):
            wrapper.slug = fallback_slug(wrapper.name, slugify, kind)
    reserved = resolved(instance.settings)[1]
    slug = getattr(instance, "slug", "") or ""
    if slug.lower() in reserved:
        # Posts the converter wrote never hold one (plan_posts avoids them);
        # a person's post does, and "-story" keeps clear of "index-2".
        new = make_unique_slug(f"{slug}-story", reserved)
        logger.warning("news_digest: %s: the slug %r would take a page the site needs; published as %r "
                       "(set another Slug: in the post to choose)", instance.source_path, slug, new)
        instance.slug = new
