"""Pelican glue: pages and feeds that no longer belong to the site are
removed by every build (signal finalized), not only by a production build
that empties the output folder first.

A deleted story's page, a tag no story has any more, the feed of a section
that is gone: Pelican's development build leaves them, and a static host
serves them for ever. A page (`.html`) or a file under the feeds folder
that this build neither wrote nor found as it should be (files.touched) is
removed; the theme's files, Pagefind's bundles (search_build.py prunes
those) and static files are never touched. NEWS_DIGEST_REMOVE_STALE_OUTPUT
switches it off; Pelican's WRITE_SELECTED (a partial build) does too.
"""
from __future__ import annotations

import logging
import os

from . import files
from .configure import plugin_settings

logger = logging.getLogger(__name__)
static_paths: set[str] = set()  # output paths of this build's static files


def note_static_files(generators) -> None:
    """Signal all_generators_finalized: the static files' output paths."""
    static_paths.clear()
    for generator in generators:
        for item in getattr(generator, "staticfiles", []):
            if getattr(item, "save_as", None):
                static_paths.add(os.path.abspath(os.path.join(generator.output_path, item.save_as)))


def output_pages(output: str, feeds_folder: str, theme_folder: str) -> list[str]:
    """Pages and feed files under `output` (absolute paths)."""
    output = os.path.abspath(output)
    found = []
    for folder, dirs, names in os.walk(output):
        rel = os.path.relpath(folder, output)
        if rel == ".":
            dirs[:] = [d for d in dirs if d != theme_folder and not d.startswith("pagefind")]
        in_feeds = rel == feeds_folder or rel.startswith(feeds_folder + os.sep)
        inside = os.path.join(folder, "")  # joined by hand: a big digest's output has 200,000 files
        found.extend(inside + name for name in names if in_feeds or name.endswith(".html"))
    return found


def wanted(settings: dict) -> bool:
    """Whether this build removes stale output at all."""
    return bool(plugin_settings(settings)["REMOVE_STALE_OUTPUT"]) and not settings.get("WRITE_SELECTED")


def folders(settings: dict) -> tuple[str, str]:
    """The feeds' top folder and the theme's, as output_pages takes them."""
    feeds = (plugin_settings(settings)["FEED_ALL_JSON"] or "feeds/").split("/", 1)[0]
    return feeds, settings.get("THEME_STATIC_DIR", "theme")


def list_output(pelican) -> list[str] | None:
    """The output's pages and feeds before the build's last pages are
    written (finish.py: while the second process still writes tag pages,
    not after both are done). Any file the build writes after this is one it
    touched, so this listing misses no stale file; a file it lists that is
    gone by the end (removed by something else meanwhile) is passed over."""
    if not wanted(pelican.settings):
        return None
    return output_pages(pelican.output_path, *folders(pelican.settings))


def remove_stale_output(pelican, listed: list[str] | None = None) -> None:
    """Remove the pages and feeds this build did not touch, of `listed`
    (list_output) or else of the output as it is now."""
    settings = pelican.settings
    if not wanted(settings):
        files.touched.clear()
        return
    if listed is None:
        listed = output_pages(pelican.output_path, *folders(settings))
    kept = files.touched | static_paths
    stale = sorted(path for path in listed if path not in kept)
    for path in stale:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass  # gone already (list_output)
        except OSError as exc:
            logger.warning("news_digest: %s: no longer part of the site, but cannot be removed (%s)", path, exc.strerror)
    if stale:
        logger.info("news_digest: removed %d pages and feeds no longer part of the site", len(stale))
    files.touched.clear()
