"""Each story's related stories: its SEE ALSO lines that the digest has,
then its most similar stories (related/), kept in Pelican's cache."""
from __future__ import annotations

import hashlib
import pickle
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from ..related.features import RelatedDoc
from ..related.see_also import match_headlines
from ..settings import related_options
from . import related_ahead
from .build_cache import (
    BlobStore, cache_file, cache_folder, cached, checked, code_stamp, keep, key_digest, last_kept, with_checksum,
)
from .files import write_atomically
from .descriptions import article_text


def link_related(articles, settings: dict, pelican_settings: dict) -> None:
    """Set `digest_related` (articles) and `see_also_unresolved` (headlines)."""
    articles = sorted(articles, key=lambda a: a.slug)
    by_slug = {a.slug: a for a in articles}
    options = related_options(settings)
    docs, digest = docs_after_merge(articles, lambda article: tuple(t.name for t in getattr(article, "tags", [])),
                                    options)

    def work_out() -> dict:
        found = related_with_stored_features(docs, options, pelican_settings)
        keep_docs(by_post(articles, docs), pelican_settings, related_ahead.allowed(settings))
        return found

    if settings["RELATED_MAX"]:
        digest = digest or key_digest(related_key(docs, options))
        # A second process's links, worked out from these very stories (it
        # kept them too), are what the cache would hold: it is not read.
        found = related_ahead.take(digest)
        if found is not None:
            keep(pelican_settings, "related", digest, found)
        else:
            found = cached(pelican_settings, "related", None, work_out, digest)
    else:
        found = {"links": {}, "story_of": {}}
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
    return [related_doc(article, entities_of(article), article_text(article)) for article in articles]


# What link_ahead gave the related stage, for link_related: [the stories
# (sorted by slug), their RelatedDocs, the options' repr, their digest].
ahead: list = []


def docs_ahead(articles: list, entities_of, options) -> tuple[list[RelatedDoc], str]:
    """link_ahead's RelatedDocs and their digest, kept for docs_after_merge."""
    docs = related_docs(articles, entities_of)
    digest = key_digest(related_key(docs, options))
    ahead[:] = [articles, docs, repr(options), digest]
    return docs, digest


def docs_after_merge(articles: list, entities_of, options) -> tuple[list[RelatedDoc], str | None]:
    """The stories' RelatedDocs with their tags as the merge left them, and
    their digest if link_ahead worked it out from these very documents (it
    expected those tags, as a rule: its documents and digest were some 0.1 s
    of a one-new rebuild's 7). A document is taken from link_ahead only if
    the story still says what it was made from."""
    found, ahead[:] = list(ahead), []
    if not found or len(found[0]) != len(articles):
        return related_docs(articles, entities_of), None
    stories, earlier, options_then, digest = found
    docs = []
    for story, doc, article in zip(stories, earlier, articles):
        entities = entities_of(article)
        if story is not article or doc.text is not article_text(article) or doc.key != article.slug \
                or doc.title != article.title or doc.date != article.date or doc.section != article.category.name:
            doc = related_doc(article, entities, article_text(article))
        elif doc.entities != entities:
            doc = replace(doc, entities=entities)
        docs.append(doc)
    same = options_then == repr(options) and all(a is b for a, b in zip(docs, earlier))
    return docs, digest if same else None


def related_doc(article, entities: tuple, text: str) -> RelatedDoc:
    return RelatedDoc(
        key=article.slug,
        title=article.title,
        text=text,
        entities=entities,
        date=article.date,
        fingerprint=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        section=article.category.name,
    )


def related_key(docs: list[RelatedDoc], options) -> list:
    """Everything the related links are made from, for `cached`."""
    return [repr(options), related_stamp()] + [
        (d.key, d.title, d.fingerprint, d.entities, d.date.isoformat() if d.date else "", d.section) for d in docs
    ]


def link_ahead(articles, entities_of, settings: dict, pelican_settings: dict) -> None:
    """Start working out the related links in a second process
    (related_ahead.py) from the tags `entities_of(article)` expects the
    merge to give, unless the cache has those links."""
    if not settings["RELATED_MAX"] or not related_ahead.may_start(settings):
        return
    articles = sorted(articles, key=lambda a: a.slug)
    options = related_options(settings)
    docs, digest = docs_ahead(articles, entities_of, options)
    last = last_kept(pelican_settings, "related")

    def compute() -> dict:
        found = related_with_stored_features(docs, options, pelican_settings)
        keep_docs(by_post(articles, docs), pelican_settings)
        return found

    related_ahead.start(digest, compute, last is not None and last[0] == digest, settings,
                        cache_folder(pelican_settings))


def keep_docs(kept: dict[str, RelatedDoc], pelican_settings: dict, wanted: bool = True) -> None:
    """Keep what the related stage was given of each story ({post path:
    RelatedDoc}), for the next build to start on early (related_early.py);
    unless not `wanted` (the next build could not start early either)."""
    path = cache_file(pelican_settings, "related-docs", ".pickle")
    if not wanted:
        path.unlink(missing_ok=True)
        return
    try:
        write_atomically(path, with_checksum(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)))
    except OSError:
        pass


def by_post(articles, docs: list[RelatedDoc]) -> dict[str, RelatedDoc]:
    return {article.relative_source_path: doc for article, doc in zip(articles, docs)}


def has_kept_docs(pelican_settings: dict) -> bool:
    return cache_file(pelican_settings, "related-docs", ".pickle").is_file()


def kept_docs(pelican_settings: dict) -> dict:
    """{post path: RelatedDoc} as keep_docs kept them ({} when there are none)."""
    try:
        return pickle.loads(checked(cache_file(pelican_settings, "related-docs", ".pickle").read_bytes()))
    except Exception:  # noqa: BLE001 - missing or damaged: nothing to start on
        return {}


def early_links(old_posts: list[str], settings: dict, pelican_settings: dict, receive, report) -> tuple[str, dict]:
    """In a second process (related_early.py): the related links of the
    stories of the posts `old_posts` (paths as their stories'
    relative_source_path gives them), as the last build gave them to the
    related stage, and of the new stories `receive()` gives ({post path:
    RelatedDoc}); reports their digest as soon as it has it, and returns
    (digest, links). Gets ready (numpy, scipy, the kept stories) first."""
    load_related_stage()
    last = kept_docs(pelican_settings)
    new_docs = receive()
    stories = {post: last[post] for post in old_posts if post in last} | new_docs
    docs = sorted(stories.values(), key=lambda doc: doc.key)
    options = related_options(settings)
    digest = key_digest(related_key(docs, options))
    report(digest)
    found = related_with_stored_features(docs, options, pelican_settings)
    keep_docs(stories, pelican_settings)  # the next build's, if these are the stories
    return digest, found


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
