"""Raw .txt articles become Markdown posts as Pelican starts reading posts
(signal article_generator_init), and Pelican reads each post as soon as it
is written.

They are converted *before* Pelican reads content, rather than read by a
`.txt` reader, because the posts must exist as files a person can see and
edit, and because Pelican then reads, caches and writes them exactly as it
would any Markdown post.
"""
from __future__ import annotations

import fnmatch
import logging
import os
from pathlib import Path

from ..settings import conversion_options
from ..text.slugs import reserved_slugs
from . import related_early, word_lists, workers
from .build_cache import BuildState, cache_folder
from .configure import plugin_settings
from .markdown_reader import ReusingMarkdownReader, forget_prerendered
from .posts import PostPlan, converter_fingerprint, has_new_raw_files, plan_posts, write_posts
from .related_links import load_related_stage

logger = logging.getLogger(__name__)

class AnyCase(tuple):
    """File extensions matched whatever their case (Pelican compares them
    with `in`): "story.TXT" is a raw article too."""

    def __contains__(self, extension) -> bool:
        return super().__contains__(str(extension).lower())


RAW_EXTENSIONS = AnyCase(("txt",))
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


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
    options = conversion_options(settings)
    # Which raw files and posts the last build found up to date, by their
    # stamps; `pelican --ignore-cache` reads every one again.
    stamps = BuildState(pelican_settings, "post-stamps")
    headers = BuildState(pelican_settings, "post-headers")
    load = pelican_settings.get("LOAD_CONTENT_CACHE", True)
    word_lists.folder = cache_folder(pelican_settings)
    word_lists.start_reading_gazetteer()  # a cold build's, meanwhile
    reader_settings = prerender_settings(generator)
    if load and has_new_raw_files(stamps.previous, raw_files):
        # A rebuild with a new raw file: its worker loads the word lists while the posts are planned.
        workers.start_early(settings["WORKERS"], len(stamps.previous), reader_settings)
    plan = plan_posts(
        Path(generator.path),
        sorted(raw_files),
        sorted(markdown_files),
        converter_fingerprint(repr(options)),
        pelican_settings.get("DEFAULT_CATEGORY", "misc"),
        reserved_slugs(pelican_settings),
        stamps.previous if load else {},
        headers.previous if load else {},
    )
    stamps.current, headers.current = plan.stamps, plan.headers
    stamps.save()
    headers.save()
    written = write_posts(plan, options, settings["WORKERS"], reader_settings)
    generator.get_files = PostsAsConverted(generator, plan, written, len(raw_files))


def prerender_settings(generator) -> dict | None:
    """What conversion workers need to render posts' HTML as this build's
    Markdown reader does, if that reader is ours (markdown_reader.py)."""
    reader = getattr(getattr(generator, "readers", None), "readers", {}).get("md")
    if type(reader) is not ReusingMarkdownReader:
        return None
    return {"MARKDOWN": reader.settings["MARKDOWN"], "FORMATTED_FIELDS": reader.settings["FORMATTED_FIELDS"]}


class PostsAsConverted:
    """Stands in for the articles generator's get_files for the one listing
    Pelican reads posts from (generate_context): it gives the posts that are
    already up to date, and each converted post as soon as it is written
    (before the up-to-date posts still to give, so that its related links
    can start: related_early.py). So Pelican reads posts while worker
    processes convert the rest, instead of after them. Pelican has no
    signal for this (its preread signal does not say which file), hence
    this attribute on the generator instance; it removes itself when
    called."""

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
        # Posts about to be written, and those they replace (a moved raw file's old post).
        pending = {os.path.normpath(self.plan.post_rel(job)) for job in self.plan.jobs}
        pending |= {os.path.normpath(os.path.relpath(job.replaces, self.plan.content))
                    for job in self.plan.jobs if job.replaces is not None}
        unchanged = [path for path in listed if os.path.normpath(path) not in pending]
        related = bool(self.plan.jobs) and plugin_settings(self.generator.settings)["RELATED_MAX"]
        early = related and related_early.prepare(
            self.generator, [self.plan.post_rel(job) for job in self.plan.jobs], unchanged)
        new_posts = self.converted(early)
        # Each new post is read as soon as it is converted, before the
        # unchanged posts still to read: once they all are, their related
        # links are started on (related_early.py).
        for path in unchanged:
            yield path
            yield from new_posts(wait=False)
        if related and not early:
            # The related stage will work out links here. Its numpy and scipy
            # (some 0.2 s) are loaded now, while a worker is still converting
            # the new stories, rather than after.
            load_related_stage()
        yield from new_posts(wait=True)
        self.finish()

    def converted(self, early: bool):
        """new_posts(wait): the new posts to read, as they are converted;
        every one that is left when `wait`, else those converted by now."""
        ignores = self.generator.settings["IGNORE_FILES"]
        extensions = tuple(f".{ext}" for ext in self.generator.readers.extensions)
        written, left = self.written, [True]

        def new_posts(wait: bool):
            while left[0] and (wait or written.ready()):
                post_rel = next(written, None)
                if post_rel is None:
                    left[0] = False
                    if early:
                        related_early.start(self.generator)  # every new post is read
                    return
                name = os.path.basename(post_rel)
                if (
                    name.endswith(extensions)
                    and not any(fnmatch.fnmatch(name, pattern) for pattern in ignores)
                    and os.path.isfile(os.path.join(self.generator.path, post_rel))
                ):
                    yield post_rel

        return new_posts

    def finish(self) -> None:
        """Convert whatever is left, then say what happened (once)."""
        if self.finished:
            return
        self.finished = True
        for _ in self.written:
            pass
        word_lists.finish_reading_gazetteer()  # if conversion did not need it
        forget_prerendered()
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
    for path, warning in report.warned:
        logger.warning("news_digest: %s: %s", path, warning)
    for old, new in report.moved:
        logger.info("news_digest: %s: moved from %s; the story keeps its post's slug and feed ID", new, old)
    for post, source in report.removed:
        logger.warning("news_digest: %s: removed, as its raw file %s is gone", post, source)
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
