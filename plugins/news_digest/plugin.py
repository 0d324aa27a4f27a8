"""Pelican glue: settings, signal handlers, logging. No text processing here.

Raw `.txt` articles are converted into Markdown posts *before* Pelican reads
content (signal `article_generator_init`), rather than read by a `.txt`
reader, because the posts must exist as files a person can see and edit, and
because Pelican then reads, caches and writes them exactly as it would any
Markdown post.
"""
from __future__ import annotations

import fnmatch
import hashlib
import html
import logging
import os
import re
from collections import defaultdict
from pathlib import Path

from . import frozen_urls, parallel_pages, search_build, search_index, word_cache
from .build_cache import BlobStore, cache_file, cache_folder, cached, code_stamp
from .convert import make_options
from .gazetteer import load_country_names
from .markdown_post import CHECKSUM_KEY, is_edited
from .posts import PostPlan, converter_fingerprint, plan_posts, write_posts
from .related import RelatedDoc, RelatedOptions, find_related, match_headlines
from .sanitize import sanitize_html
from .seo import NewsItem, news_article_jsonld, reading_minutes, word_count
from .settings import DEFAULT_TAG_ALIASES, PELICAN_FEED_SETTINGS, SettingsError, resolve_settings
from .tag_merge import canonical_tags

logger = logging.getLogger(__name__)

RAW_EXTENSIONS = ("txt",)
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def plugin_settings(settings: dict) -> dict:
    """Resolved NEWS_DIGEST_* settings; a bad one is logged and defaults used."""
    try:
        return resolve_settings(settings)
    except SettingsError as exc:
        logger.error("news_digest: settings: %s", exc)
        return resolve_settings({})


def check_settings(pelican) -> None:
    """On start-up: report bad settings and feeds Pelican would also write."""
    plugin_settings(pelican.settings)
    for key in PELICAN_FEED_SETTINGS:
        if pelican.settings.get(key):
            logger.warning(
                "news_digest: settings: %s is set, so Pelican writes feeds too; "
                "news_digest writes them with feedgen: set %s = None",
                key,
                key,
            )


def atomic_writer(pelican):
    """Pages written whole or not at all (signal get_writer)."""
    from .writer import AtomicWriter

    return AtomicWriter


def sanitize_content(instance) -> None:
    """A post made from a raw file is untrusted text: whatever its Markdown
    became, only safe HTML goes on (signal content_object_init)."""
    metadata = getattr(instance, "metadata", {})
    if "source" not in metadata or "entry_id" not in metadata:
        return  # a post a person wrote: their HTML is theirs
    instance._content = sanitize_html(instance._content)
    if "summary" in metadata:
        metadata["summary"] = sanitize_html(metadata["summary"])
        instance._summary = metadata["summary"]


def feed_generators(pelican):
    """Add the feed and sitemap generators (signal get_generators)."""
    from .feed_generator import DigestFeedGenerator, SeoGenerator

    return [DigestFeedGenerator, SeoGenerator]


def generators_finalized(generators) -> None:
    """Every generator has its context (signal all_generators_finalized):
    URLs are kept from now on, and the tag and section pages will be written
    alongside the article pages."""
    frozen_urls.keep_article_urls(generators)
    if generators:
        settings = plugin_settings(generators[0].settings)
        parallel_pages.split_listings(generators, settings["PARALLEL_PAGES"], settings["PARALLEL_PAGES_MAX_MB"])


def build_search_index(pelican) -> None:
    """Once the site is written (signal finalized): wait for the pages the
    second process writes, then index the search bundles Pagefind has not
    indexed yet while pages were written (search_build.py)."""
    parallel_pages.finish()
    if search_build.builds:
        release_memory()  # the build's memory goes back before the last Pagefind runs
    search_build.finish(pelican.output_path)


def release_memory() -> None:
    """Hand memory the build no longer uses back to the system (glibc keeps
    freed memory otherwise), so that the build and the indexer do not add up."""
    import ctypes
    import gc

    forget_rendered_html()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to do


def plan_search(generator) -> list[str]:
    """Which article pages go in which search bundle; returns the bundle
    names, which the search page merges. Without Pagefind the site still
    builds; the search page then says so."""
    settings = plugin_settings(generator.settings)
    pages = [(f"{a.date.isoformat()} {a.slug}", a.save_as) for a in generator.articles if a.save_as]
    plan = search_index.plan_bundles(pages, settings["SEARCH_BUNDLE_SIZE"])
    if settings["SEARCH"]:
        try:
            import pagefind  # noqa: F401  (the Python package that runs the binary)
        except ImportError:
            logger.warning(
                "news_digest: search: Pagefind is not installed, so the site has no search index; "
                "install it with: pip install 'pagefind[bin]'"
            )
        else:
            search_build.start(generator.output_path, plan, generator.settings)
    return list(plan)


def convert_raw_files(generator) -> None:
    """Turn every raw .txt article under the article paths into a Markdown
    post beside it, as Pelican starts reading posts (see PostsAsConverted)."""
    settings = plugin_settings(generator.settings)
    if not settings["CONVERT"]:
        return
    pelican_settings = generator.settings
    exclude = list(pelican_settings["ARTICLE_EXCLUDES"]) + list(pelican_settings["STATIC_PATHS"])
    paths = pelican_settings["ARTICLE_PATHS"]
    raw_files = generator.get_files(paths, exclude=exclude, extensions=RAW_EXTENSIONS)
    if not raw_files:
        return
    markdown_files = generator.get_files(paths, exclude=exclude, extensions=MARKDOWN_EXTENSIONS)
    # Only what conversion depends on: switching search or feeds off must not
    # convert every post again.
    options = make_options(settings)
    plan = plan_posts(
        Path(generator.path),
        sorted(raw_files),
        sorted(markdown_files),
        converter_fingerprint(repr(options)),
        pelican_settings.get("DEFAULT_CATEGORY", "misc"),
    )
    word_cache.folder = cache_folder(pelican_settings)
    written = write_posts(plan, options, workers=settings["WORKERS"])
    generator.get_files = PostsAsConverted(generator, plan, written, len(raw_files))


class PostsAsConverted:
    """Stands in for the articles generator's get_files for the one listing
    Pelican reads posts from (generate_context): it gives the posts that are
    already up to date at once, then each converted post as soon as it is
    written. So Pelican reads posts while worker processes convert the rest,
    instead of after them. Pelican has no signal for this (its preread
    signal does not say which file), hence this attribute on the generator
    instance; it removes itself when called."""

    def __init__(self, generator, plan: PostPlan, written, raw_count: int):
        self.generator, self.plan, self.written, self.raw_count = generator, plan, written, raw_count
        self.finished = False

    def __call__(self, paths, exclude=None, extensions=None):
        generator = self.generator
        if generator.__dict__.get("get_files") is self:
            del generator.get_files  # the class's own method from now on
        if extensions is not None:  # someone else's listing: finish first
            self.finish()
        listed = generator.get_files(paths, exclude=exclude, extensions=extensions)
        return listed if extensions is not None else self.posts(listed)

    def posts(self, listed):
        pending = {os.path.normpath(self.plan.post_rel(job)) for job in self.plan.jobs}
        yield from (path for path in listed if os.path.normpath(path) not in pending)
        ignores = self.generator.settings["IGNORE_FILES"]
        extensions = tuple(f".{ext}" for ext in self.generator.readers.extensions)
        for post_rel in self.written:
            name = os.path.basename(post_rel)
            if (
                name.endswith(extensions)
                and not any(fnmatch.fnmatch(name, pattern) for pattern in ignores)
                and os.path.isfile(os.path.join(self.generator.path, post_rel))
            ):
                yield post_rel
        self.finish()

    def finish(self) -> None:
        """Convert whatever is left, then say what happened (once)."""
        if self.finished:
            return
        self.finished = True
        for _ in self.written:
            pass
        log_sync_report(self.plan.report, self.raw_count)


def finish_conversion(generator) -> None:
    """Make sure every post is written, even if nobody listed them."""
    pending = generator.__dict__.pop("get_files", None)
    if isinstance(pending, PostsAsConverted):
        pending.finish()


def log_sync_report(report, raw_count: int) -> None:
    for path, reason in report.failed:
        logger.warning("news_digest: %s: skipped, %s", path, reason)
    for path, reason in report.skipped:
        logger.warning("news_digest: %s: skipped, %s", path, reason)
    for dropped, kept in report.duplicates:
        logger.warning(
            "news_digest: %s: exact duplicate of %s, published once", dropped, kept
        )
    for path in report.kept_edited:
        logger.info("news_digest: %s: edited by hand, kept as it is", path)
    logger.info(
        "news_digest: %d raw articles: %d posts written, %d up to date, %d edited and kept",
        raw_count,
        len(report.written),
        len(report.unchanged),
        len(report.kept_edited),
    )


def as_list(value) -> list[str]:
    """Pelican gives a repeated metadata key as a list, a single one as str."""
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def prepare_articles(generator) -> None:
    """Once every article is read (signal article_generator_finalized): plain
    lists for templates, then related stories, so that a new story shows up in
    older stories' lists."""
    settings = plugin_settings(generator.settings)
    for article in generator.articles:
        article.see_also_list = as_list(getattr(article, "see_also", None))
    link_related(generator.articles, settings, generator.settings)
    describe_articles(generator.articles, generator.settings)
    for article in generator.articles:
        article.digest_text = None  # worked out for related stories and word counts; not kept
    generator.context["digest_siteurl"] = (generator.settings.get("SITEURL") or "").rstrip("/")
    generator.context["digest_search"] = settings["SEARCH"]
    generator.context["digest_search_bundles"] = plan_search(generator)


def describe_articles(articles, pelican_settings: dict) -> None:
    """Reading time, previous and next story in the section, and the
    schema.org description of each article, for templates."""
    site = (pelican_settings.get("SITEURL") or "").rstrip("/")
    by_section = defaultdict(list)
    for article in articles:
        by_section[article.category.slug].append(article)
    for stories in by_section.values():
        stories.sort(key=lambda a: (a.date, a.slug))
        for i, article in enumerate(stories):
            article.digest_older = stories[i - 1] if i > 0 else None
            article.digest_newer = stories[i + 1] if i + 1 < len(stories) else None
    for article in articles:
        article.digest_word_count = word_count(article_text(article))
        article.digest_reading_minutes = reading_minutes(article.digest_word_count)
        article.digest_description = " ".join(plain_text(unmemoized(article.get_summary, "")).split())[:300]
        modified = getattr(article, "modified", None) or article.date
        article.digest_modified = max(modified, article.date)
        authors = [a.name for a in getattr(article, "authors", []) if a.name]
        article.digest_jsonld = news_article_jsonld(NewsItem(
            url=f"{site}/{article.url}",
            title=article.title,
            published=article.date,
            modified=article.digest_modified,
            section=article.category.name,
            keywords=tuple(t.name for t in getattr(article, "tags", [])),
            description=article.digest_description,
            author=", ".join(authors) or pelican_settings.get("SITENAME", ""),
            publisher=pelican_settings.get("SITENAME", ""),
            publisher_url=f"{site}/",
            language=pelican_settings.get("DEFAULT_LANG", "en"),
            word_count=article.digest_word_count,
        ))


TAG = re.compile(r"<[^>]+>")


def unmemoized(method, *args):
    """Call a Pelican content method (get_content, get_summary) without
    leaving the result in Pelican's memo, which otherwise keeps a copy of
    every story's HTML for each site URL it was asked for."""
    value = method(*args)
    memo = getattr(method, "cache", None)
    if isinstance(memo, dict) and getattr(method, "args", None):
        memo.pop((*method.args, *args), None)
    return value


def forget_rendered_html() -> None:
    """Empty Pelican's memo of stories' HTML, once every page is written."""
    from pelican.contents import Content

    for method in (Content.get_content, Content.get_summary):
        memo = getattr(method, "cache", None)  # pelican.utils.memoized
        if isinstance(memo, dict):
            memo.clear()


def plain_text(html_text: str) -> str:
    """The words of an article's HTML (a regex is enough: the HTML is ours)."""
    return html.unescape(TAG.sub(" ", html_text or ""))


def article_text(article) -> str:
    """An article's words, worked out once per build."""
    if getattr(article, "digest_text", None) is None:
        article.digest_text = plain_text(unmemoized(article.get_content, ""))
    return article.digest_text


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
    options = RelatedOptions(
        max_related=settings["RELATED_MAX"],
        section_weight=settings["RELATED_SECTION_WEIGHT"],
        entity_weight=settings["RELATED_ENTITY_WEIGHT"],
        time_scale_days=settings["RELATED_TIME_SCALE_DAYS"],
    )
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
    from . import gazetteer, related

    # What works out a story's features: related.py, and gazetteer.fold for its entities.
    stamp = code_stamp((), (Path(related.__file__), Path(gazetteer.__file__)))
    store = BlobStore(cache_file(pelican_settings, "related-features", ".sqlite"), stamp)
    try:
        return find_related(docs, options, store)
    finally:
        store.close()


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
    try:
        with open(article.source_path, encoding="utf-8") as handle:
            return is_edited(handle.read())
    except OSError:
        return True


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
    if not any(names for names, _ in posts):
        return
    slugs: dict[str, str] = {}

    def slug_of(name: str) -> str:
        if name not in slugs:
            slugs[name] = Tag(name, generator.settings).slug
        return slugs[name]

    aliases = {**DEFAULT_TAG_ALIASES, **settings["TAG_ALIASES"]}
    mapping = cached(
        generator.settings, "tags", [posts, types, aliases, list(settings["TAG_IGNORE"])],
        lambda: canonical_tags(posts, types, aliases, settings["TAG_IGNORE"], load_country_names(), slug_of=slug_of),
    )
    for article, (names, edited) in zip(articles, posts):
        if not names:
            continue
        if edited:
            # The editor's tags stay as written, except where one would share
            # a page address with another spelling: then they share its name.
            merged = [mapping[n] if mapping.get(n) and slug_of(mapping[n]) == slug_of(n) else n for n in names]
        else:
            merged = [mapping[n] for n in names if mapping.get(n)]
        merged = list(dict.fromkeys(merged))
        if merged != names:
            article.tags = [Tag(name, generator.settings) for name in merged]
    generator.context["digest_tag_types"] = {
        mapping.get(name) or name: kind for name, kind in types.items()
    }
