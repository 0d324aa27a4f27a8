"""Each story's related stories: its SEE ALSO lines that the digest has,
then its most similar stories (related/), kept in Pelican's cache."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

from ..related.features import RelatedDoc
from ..related.see_also import match_headlines
from ..settings import related_options
from . import related_ahead
from .build_cache import BlobStore, cache_file, cache_folder, cached, code_stamp, key_digest, last_kept
from .descriptions import article_text


def link_related(articles, settings: dict, pelican_settings: dict) -> None:
    """Set `digest_related` (articles) and `see_also_unresolved` (headlines)."""
    articles = sorted(articles, key=lambda a: a.slug)
    by_slug = {a.slug: a for a in articles}
    docs = related_docs(articles, lambda article: tuple(t.name for t in getattr(article, "tags", [])))
    options = related_options(settings)
    found = (
        cached(pelican_settings, "related", related_key(docs, options),
               lambda: related_ahead.take(docs) or related_with_stored_features(docs, options, pelican_settings))
        if settings["RELATED_MAX"] else {"links": {}, "story_of": {}}
    )
    related_ahead.stop()  # if the cache had the links
    similar, story_of = found["links"], found["story_of"]
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
    group_reports(articles, story_of)


def related_docs(articles, entities_of) -> list[RelatedDoc]:
    """What the related stage is given of each story (`articles` sorted by
    slug), with its tags as `entities_of(article)` gives them."""
    return [
        RelatedDoc(
            key=article.slug,
            title=article.title,
            text=article_text(article),
            entities=entities_of(article),
            date=article.date,
            fingerprint=hashlib.sha1(article.digest_text.encode("utf-8")).hexdigest(),
            section=article.category.name,
        )
        for article in articles
    ]


def related_key(docs: list[RelatedDoc], options) -> list:
    """Everything the related links are made from, for `cached`."""
    return [repr(options), related_stamp()] + [
        (d.key, d.title, d.fingerprint, d.entities, d.date.isoformat() if d.date else "", d.section) for d in docs
    ]


def link_ahead(articles, entities_of, settings: dict, pelican_settings: dict) -> None:
    """Start working out the related links in a second process
    (related_ahead.py) from the tags `entities_of(article)` expects the
    merge to give, unless the cache has those links."""
    if not settings["RELATED_MAX"]:
        return
    docs = related_docs(sorted(articles, key=lambda a: a.slug), entities_of)
    options = related_options(settings)
    digest = key_digest(related_key(docs, options))
    last = last_kept(pelican_settings, "related")
    related_ahead.start(docs, lambda: related_with_stored_features(docs, options, pelican_settings),
                        last is not None and last[0] == digest, settings, cache_folder(pelican_settings))


def load_related_stage() -> None:
    """Import what working out related links needs (numpy and scipy), ahead
    of the related stage."""
    from ..related import similarity  # noqa: F401


def related_stamp() -> str:
    """What related links are made by: the related stage's code and the
    word lists it reads, so that a new version does not reuse the last
    version's links."""
    from .. import related
    from ..tags import spelling, vocabulary

    files = sorted(Path(related.__file__).parent.glob("*.py")) + [Path(spelling.__file__), Path(vocabulary.__file__)]
    return code_stamp(("numpy", "scipy"), tuple(files))


def group_reports(articles, story_of: dict) -> None:
    """Set each story's group (`digest_story`), its other reports
    (`digest_reports`, newest first) and whether listings show it: the
    newest report of a group stands for it on the front page
    (`digest_lead`) and in its section (`digest_section_lead`)."""
    members = defaultdict(list)
    for article in articles:
        article.digest_story = story_of.get(article.slug, article.slug)
        members[article.digest_story].append(article)
    for group in members.values():
        group.sort(key=lambda a: (a.date, a.slug), reverse=True)
        sections = {}
        for article in group:
            article.digest_reports = [other for other in group if other is not article]
            article.digest_lead = article is group[0]
            article.digest_section_lead = sections.setdefault(article.category.slug, article) is article
        for article in group:
            # Reports of the story are related first, in any case.
            article.digest_related = article.digest_reports + [
                other for other in article.digest_related if other not in article.digest_reports
            ]


def related_with_stored_features(docs, options, pelican_settings: dict) -> dict:
    """find_related, with each story's features kept in Pelican's cache
    folder: a new story does not make every other story's words counted again."""
    from ..related import feature_table, features
    from ..related.stories import find_related
    from ..tags import spelling

    # What works out a story's features: features.py, and spelling.fold for
    # its entities; feature_table.py keeps the table of them all.
    stamp = code_stamp((), (Path(features.__file__), Path(spelling.__file__), Path(feature_table.__file__)))
    store = BlobStore(cache_file(pelican_settings, "related-features", ".sqlite"), stamp)
    try:
        found = find_related(docs, options, store)
    finally:
        store.close()
    return {"links": found.links, "story_of": found.story_of}
