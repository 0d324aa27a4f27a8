"""Each story's related stories: its SEE ALSO lines that the digest has,
then its most similar stories (related/), kept in Pelican's cache."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..related.features import RelatedDoc
from ..related.see_also import match_headlines
from ..settings import related_options
from .build_cache import BlobStore, cache_file, cached, code_stamp
from .descriptions import article_text


def link_related(articles, settings: dict, pelican_settings: dict) -> None:
    """Set `digest_related` (articles) and `see_also_unresolved` (headlines)."""
    articles = sorted(articles, key=lambda a: a.slug)
    by_slug = {a.slug: a for a in articles}
    docs = []
    for article in articles:
        docs.append(
            RelatedDoc(
                key=article.slug,
                title=article.title,
                text=article_text(article),
                entities=tuple(t.name for t in getattr(article, "tags", [])),
                date=article.date,
                fingerprint=hashlib.sha1(article.digest_text.encode("utf-8")).hexdigest(),
                section=article.category.name,
            )
        )
    options = related_options(settings)
    key = [repr(options)] + [
        (d.key, d.title, d.fingerprint, d.entities, d.date.isoformat() if d.date else "", d.section) for d in docs
    ]
    similar = (
        cached(pelican_settings, "related", key, lambda: related_with_stored_features(docs, options, pelican_settings))
        if settings["RELATED_MAX"] else {}
    )
    # Every SEE ALSO line of the digest matched in one call, so that the
    # digest's headlines are normalised once, not once per story.
    wanted_all = [headline for article in articles for headline in article.see_also_list]
    titles = {a.slug: a.title for a in articles}
    matched = iter(match_headlines(wanted_all, titles, settings["SEE_ALSO_MATCH"]) if wanted_all else [])
    for article in articles:
        wanted = article.see_also_list
        matches = [next(matched) for _ in wanted]
        resolved = [key for key in matches if key and key != article.slug]
        article.see_also_unresolved = [h for h, key in zip(wanted, matches) if not key or key == article.slug]
        keys = list(dict.fromkeys(resolved + [key for key, _ in similar.get(article.slug, [])]))
        article.digest_related = [by_slug[key] for key in keys[: max(settings["RELATED_MAX"], len(resolved))]]


def related_with_stored_features(docs, options, pelican_settings: dict) -> dict:
    """find_related, with each story's features kept in Pelican's cache
    folder: a new story does not make every other story's words counted again."""
    from ..related import features
    from ..related.stories import find_related
    from ..tags import spelling

    # What works out a story's features: features.py, and spelling.fold for its entities.
    stamp = code_stamp((), (Path(features.__file__), Path(spelling.__file__)))
    store = BlobStore(cache_file(pelican_settings, "related-features", ".sqlite"), stamp)
    try:
        return find_related(docs, options, store)
    finally:
        store.close()
