"""Pelican glue: the front page, archives, tag, section and author pages are
written by a second process while this one writes the article pages and feeds.

Pelican writes every page of a site one after another, on one core, and a
digest has many more tag pages than stories (7,129 tag pages for 2,225 BBC
stories: about half of all the writing). Pages do not depend on each other,
so once every URL is known (signal all_generators_finalized) the articles
generator's listings are split in two: a forked copy of the build writes
the direct templates (the front page and its pages, archives, topics), the
section and author listings, the daily editions and the sitemaps, then its
share of the tag pages, and exits; this process goes on with the article
pages, feeds and the search index, then writes what is left of the tag
pages. (In a rebuild after one new story, few tag pages change, and the
front page's 200 pages, all shifted by the new story, are the second
process's largest part; with the daily editions and the sitemaps it no
longer sits idle while this one writes the feeds.)
Both copies hold the same finished context, so every page is the same as
Pelican would write it alone.

Pelican has no hook for this, hence instance attributes on the articles
generator (as reading.PostsAsConverted does). A listing the other process
could not write is written here after all, so a failure costs time and
never a page. Only where fork() is the way processes start (Linux), with
more than one core, while the build has held at most
NEWS_DIGEST_PARALLEL_PAGES_MAX_MB (the copy costs memory), and the settings
do not say otherwise.
"""
from __future__ import annotations

import functools
import gc
import json
import logging
import mmap
import multiprocessing
import os
import sys
import tempfile
import traceback
from pathlib import Path

from . import files, listings, page_inputs
from .configure import plugin_settings
from .memory import peak_mb
from .workers import die_with

logger = logging.getLogger(__name__)

# Listings the second process writes, in Pelican's order (generate_pages).
# The tag pages, most of the work, are shared: each process takes the next
# TAGS_AT_ONCE tags nobody has taken until none are left, so both finish
# together whatever else each had to write.
FORKED = ("generate_direct_templates", "generate_tags", "generate_categories", "generate_authors")
TAGS_AT_ONCE = 32
# Other generators whose whole output (generate_output) the second process
# writes, before its share of the tag pages (which then balance the two
# processes' work), mark themselves with this attribute: their pages are
# made from the finished context alone (the daily editions, the sitemaps).
WHOLE_OUTPUT = "news_digest_second_process"

# Listings being written by a second process: (generator, pid, write, tag
# share, Pelican's writer, the other generators whose output it writes).
running: list[tuple] = []


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")


def may_fork(enabled: bool) -> bool:
    """May a forked copy of the build share its work (NEWS_DIGEST_PARALLEL_PAGES
    as `enabled`, Linux, two cores)? Its memory bound is asked apart."""
    return enabled and usable_cores() >= 2 and can_fork()


def split_listings_by_settings(generators) -> None:
    """Signal all_generators_finalized: split_listings as the settings say."""
    if generators:
        settings = plugin_settings(generators[0].settings)
        split_listings(generators, settings["PARALLEL_PAGES"], settings["PARALLEL_PAGES_MAX_MB"])


def split_listings(generators, enabled: bool = True, max_mb: float = float("inf")) -> None:
    """Make the articles generator hand its tag, section and author listings to a
    second process when it starts writing its pages.

    The second process shares this one's memory until either writes to it,
    and rendering pages touches every story, so it comes to hold a good part
    of a copy (about 440 MB for a 20,000-story build of 700 MB): it is used
    only while this process has held at most `max_mb`. Its peak so far, not
    what it holds now: memory handed back just before (release_before_writing)
    comes back in the feeds, and a 20,000-story build that forked at a low
    moment peaked at 1,034 MB (the build 674, the copy 360)."""
    if not may_fork(enabled):
        return
    size = peak_mb()
    if size > max_mb:
        logger.info("news_digest: tag and section pages written in this process: it has held %d MB, "
                    "more than NEWS_DIGEST_PARALLEL_PAGES_MAX_MB (%d)", size, max_mb)
        return
    others = [generator for generator in generators if getattr(generator, WHOLE_OUTPUT, False)]
    for generator in generators:
        if hasattr(generator, "generate_tags") and hasattr(generator, "generate_articles"):
            generator.generate_articles = ForkFirst(generator, others)


class SharedCounter:
    """A counter that a process and its forked copy both draw from."""

    def __init__(self):
        self.memory = mmap.mmap(-1, 8)  # anonymous and shared: survives fork() as one
        self.lock = multiprocessing.get_context("fork").Lock()

    def take(self) -> int:
        with self.lock:
            value = int.from_bytes(self.memory[:8], "little")
            self.memory[:8] = (value + 1).to_bytes(8, "little")
        return value


class TagShare:
    """The tag pages, handed out TAGS_AT_ONCE at a time to whichever process
    asks next."""

    def __init__(self, generator):
        self.tags = list(generator.tags.items())
        self.counter = SharedCounter()

    def write(self, generator, write) -> None:
        everything = generator.tags
        try:
            while True:
                start = self.counter.take() * TAGS_AT_ONCE
                if start >= len(self.tags):
                    return
                # Pelican's own generate_tags, over this process's share.
                generator.tags = dict(self.tags[start:start + TAGS_AT_ONCE])
                listings.write_tag_pages(generator, write)
        finally:
            generator.tags = everything


class ForkFirst:
    """Stands in for generate_articles, the first listing Pelican writes:
    forks the process that writes the FORKED listings, then writes the
    articles here. This process skips the FORKED listings and the other
    generators' output, and takes its share of the tag pages once its own
    pages and feeds are written (finish)."""

    def __init__(self, generator, others=()):
        self.generator, self.others = generator, list(others)

    def __call__(self, write):
        generator = self.generator
        del generator.generate_articles  # the class's own method from now on
        try:
            share = TagShare(generator)
        except (OSError, ImportError) as exc:  # no shared semaphores here (no /dev/shm)
            logger.info("news_digest: tag and section pages written in this process (%s)", exc)
            return generator.generate_articles(write)
        writer = writer_of(write)
        others = self.others if writer is not None else []
        pid = fork_listings(generator, write, share, writer, others)
        if pid:
            running.append((generator, pid, write, share, writer, others))
            for name in FORKED:
                setattr(generator, name, skip)
            for other in others:
                other.generate_output = skip
        return generator.generate_articles(write)


def skip(write) -> None:
    """A listing (or a generator's output) the second process writes."""


def writer_of(write):
    """Pelican's Writer behind the `write` it hands its listings (a partial
    of its write_file): other generators' output is written with it. None
    if `write` is not that."""
    if isinstance(write, functools.partial):
        return getattr(write.func, "__self__", None)
    return None


def fork_listings(generator, write, share: TagShare, writer=None, others=()) -> int:
    """Start the process that writes the FORKED listings; its pid, or 0 if
    it could not start (then this process writes them as usual)."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    # Objects this process made so far stay out of the child's garbage
    # collections, which would otherwise touch (and so copy) every one. They
    # stay out of this process's too, until the build ends (memory.py, which
    # set most of them aside already): unfrozen here, they made the next
    # full collections traverse the whole digest again, 0.4 s of a 4.8 s
    # rebuild after one new story.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError as exc:
        logger.info("news_digest: tag and section pages written in this process (%s)", exc)
        return 0
    if pid:
        return pid
    code = 0
    try:
        die_with(os.getppid())
        generator.generate_direct_templates(write)
        generator.generate_categories(write)
        generator.generate_authors(write)
        for other in others:
            other.generate_output(writer)
        share.write(generator, write)
        # What it wrote, for the parent's list of this build's files
        # (stale_output.py), and what each page was made from (page_inputs.py).
        with open(written_list(os.getppid(), os.getpid()), "w", encoding="utf-8") as handle:
            json.dump({"touched": sorted(files.touched), "pages": page_inputs.made_here()}, handle)
    except BaseException:  # noqa: BLE001 - reported, and the parent writes them again
        logger.warning("news_digest: writing tag and section pages in a second process failed:\n%s",
                       traceback.format_exc())
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def written_list(parent: int, child: int) -> Path:
    """Where the second process lists the files it wrote."""
    return Path(tempfile.gettempdir()) / f"news-digest-written-{parent}-{child}"


def finish() -> None:
    """Signal finalized: write what is left of the tag pages, then wait for
    the second process; if it failed, write all its listings here."""
    while running:
        generator, pid, write, share, writer, others = running.pop()
        for name in FORKED:
            generator.__dict__.pop(name, None)
        for other in others:
            other.__dict__.pop("generate_output", None)
        share.write(generator, write)
        try:
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            code = -1
        listed = written_list(os.getpid(), pid)
        try:
            found = json.loads(listed.read_text(encoding="utf-8"))
            listed.unlink()
            files.touched.update(found["touched"])
            page_inputs.made_elsewhere(found["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # it failed: its listings are written again here
        if code:
            logger.warning("news_digest: the second process exited with %s; writing tag and section pages here", code)
            for name in FORKED:
                getattr(generator, name)(write)
            for other in others:
                other.generate_output(writer)
