"""Pelican glue: settings, signal handlers, logging. No text processing here.

Raw `.txt` articles are converted into Markdown posts *before* Pelican reads
content (signal `article_generator_init`), rather than read by a `.txt`
reader, because the posts must exist as files a person can see and edit, and
because Pelican then reads, caches and writes them exactly as it would any
Markdown post.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .convert import make_options
from .posts import converter_fingerprint, sync_posts
from .settings import PELICAN_FEED_SETTINGS, SettingsError, resolve_settings

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


def feed_generators(pelican):
    """Add the feed generator (signal get_generators)."""
    from .feed_generator import DigestFeedGenerator

    return DigestFeedGenerator


def convert_raw_files(generator) -> None:
    """Turn every raw .txt article under the article paths into a Markdown
    post beside it, before Pelican looks for posts."""
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
    fingerprint = converter_fingerprint(repr(sorted(settings.items())))
    report = sync_posts(
        Path(generator.path),
        sorted(raw_files),
        sorted(markdown_files),
        make_options(settings),
        fingerprint,
        pelican_settings.get("DEFAULT_CATEGORY", "misc"),
    )
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
        len(raw_files),
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
    """Once every article is read: give templates plain lists to work with."""
    for article in generator.articles:
        article.see_also_list = as_list(getattr(article, "see_also", None))
