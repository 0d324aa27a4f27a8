"""Converting raw files, in worker processes when that pays.

Each job is converted with the word lists of the process it runs in
(word_lists.py): worker processes forked after the lists are loaded share
one copy. The converter itself is loaded where it runs: before the workers
of a big conversion fork, so that they share it; in the one worker that
converts a rebuild's few new stories, so that the build process, reading
the other posts meanwhile, does not wait for it (about 0.1 s); in a rebuild,
that worker starts before the posts are planned (start_early).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ..text.article import Options
from ..text.errors import ConversionError
from ..text.render import make_entry_id, render_markdown
from .word_lists import load_word_lists, load_word_lists_on_two_cores, release_word_lists

# Fewer raw files than this are converted in-process: starting workers costs more.
PARALLEL_FROM = 200


@dataclass
class Job:
    """A raw file that needs (re)converting, and what its post already fixed."""

    rel: str
    post_path: Path
    data: bytes
    file_time: datetime
    category: str
    digest_input: str
    slug: str | None = None  # kept from an earlier version of the post
    entry_id: str | None = None
    replaces: Path | None = None  # the post of the file this one was moved from, removed once written


# In a worker process: what renders a post's HTML for the build process's
# reader (markdown_reader.Prerenderer), or None.
prerenderer = None


def start_worker(parent: int, reader_settings: dict | None, warm: bool = False) -> None:
    """A worker process's initializer; `warm`: it loads the converter and
    the word lists now, before it is given a job (start_early)."""
    global prerenderer
    die_with(parent)
    if reader_settings is not None:
        from .markdown_reader import Prerenderer

        prerenderer = Prerenderer(reader_settings)
    if warm:
        try:
            from ..text import convert  # noqa: F401

            load_word_lists()
        except Exception:  # noqa: BLE001 - the first job loads them again, and reports what is wrong
            pass


# The worker start_early started: (its pool, the reader settings it renders
# for), until convert_jobs takes it or lets it go.
early: tuple | None = None


def start_early(workers: int, known_posts: int, reader_settings: dict | None) -> None:
    """In a rebuild of a digest of `known_posts` stories, start the one
    worker its few new stories would be converted by (worker_count), and
    have it load the converter and the word lists (some 0.3 s) while this
    process plans the posts, instead of after: the build waits for that
    worker's first story before it merges tags. convert_jobs takes it when
    the plan has a few jobs; otherwise it is let go (its process stops once
    the lists are loaded, on the core this one does not use)."""
    global early
    import multiprocessing

    let_go_early()
    if worker_count(1, known_posts, workers or os.cpu_count() or 1) != 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                               initializer=start_worker, initargs=(os.getpid(), reader_settings, True))
    pool.submit(int)  # the process starts now, not with the first job
    early = (pool, reader_settings)


def take_early(processes: int, reader_settings: dict | None):
    """The worker start_early started, if this conversion wants one worker
    rendering for the same reader; it is let go otherwise."""
    global early
    found, early = early, None
    if found is not None and processes == 1 and found[1] == reader_settings:
        return found[0]
    if found is not None:
        found[0].shutdown(wait=False, cancel_futures=True)
    return None


def let_go_early() -> None:
    take_early(0, None)


def convert_job(job: Job, options: Options):
    """Convert one job; returns (Article, its Markdown post, what the
    prerenderer made of the post or None) or the ConversionError's message.
    The post is rendered here, in the worker, with the slug the post keeps
    or the article's own; write_posts renders it again in the rare case that
    slug is taken. A top-level function, so that worker processes can run it."""
    from ..text.convert import convert_article

    try:
        article = convert_article(
            job.data, source=job.rel, category=job.category, file_time=job.file_time, options=options,
            words=load_word_lists(),
        )
    except ConversionError as exc:
        return str(exc)
    article = replace(article, slug=job.slug or article.slug)
    markdown = render_job(job, article)
    return article, markdown, rendered_for_reader(markdown)


def rendered_for_reader(markdown: str):
    if prerenderer is None:
        return None
    try:
        return prerenderer.render(markdown)
    except Exception:  # the build process reads the post itself, and reports what is wrong
        return None


def render_job(job: Job, article) -> str:
    entry_id = job.entry_id or make_entry_id(job.rel)
    return render_markdown(article, entry_id=entry_id, digest_input=job.digest_input)


def die_with(parent: int) -> None:
    """Make this process (a worker, or the forked page writer) exit when the
    build process `parent` dies, even by kill -9, instead of converting on
    for nobody with a quarter of a gigabyte: Linux's parent-death signal,
    and a thread that notices the parent is gone elsewhere."""
    import signal
    import threading
    import time

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)  # died before we could ask
    threading.Thread(target=watch, daemon=True).start()


def worker_count(jobs: int, other_posts: int, workers: int) -> int:
    """How many worker processes convert `jobs` raw files (0: this process
    does). Many jobs: one worker per core. A few jobs in a big digest: one
    worker, which converts them (loading the word lists takes about a second)
    while Pelican reads the other posts. Otherwise starting a process costs
    more than it saves.

    >>> worker_count(5000, 0, 2), worker_count(1, 5000, 2), worker_count(1, 10, 2), worker_count(5000, 0, 1)
    (2, 1, 0, 0)
    """
    if workers < 2 or not jobs:
        return 0
    if jobs >= PARALLEL_FROM:
        return workers
    return 1 if other_posts >= PARALLEL_FROM else 0


class Results:
    """The results of converting jobs, in the jobs' order, as an iterator;
    `ready()` says whether the next one can be had without waiting for a
    worker (so a reader may take it now rather than after other work)."""

    def __init__(self, results: Iterator, ready=lambda: False):
        self.results, self.ready = results, ready

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.results)


def one_by_one(pool, futures: list) -> Results:
    """Results of jobs submitted one at a time (a few, to one worker), each
    ready when its own is done."""
    taken = [0]

    def in_order():
        with pool:
            for future in futures:
                taken[0] += 1
                yield future.result()

    return Results(in_order(), lambda: taken[0] == len(futures) or futures[taken[0]].done())


def convert_jobs(jobs: list[Job], options: Options, workers: int, other_posts: int = 0,
                 reader_settings: dict | None = None) -> Results:
    """Convert jobs, spread over worker processes when that pays (see
    worker_count). Returns the results in the jobs' order (Results); the
    workers start at once and run ahead of whoever reads it. With
    `reader_settings` (MARKDOWN and FORMATTED_FIELDS), workers also render
    each post's HTML for the reader (markdown_reader.Prerenderer)."""
    processes = worker_count(len(jobs), other_posts, workers or os.cpu_count() or 1)
    pool = take_early(processes, reader_settings)
    if not processes:
        # Converted here when asked for: as soon as anything else.
        return Results((convert_job(job, options) for job in jobs), lambda: True)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if not other_posts:
        # Nothing else to do meanwhile: load the converter and the word lists
        # before forking, so that the workers share one copy (the converter
        # while a cold build's gazetteer is still being read beside it).
        from ..text import convert  # noqa: F401

        load_word_lists_on_two_cores()
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    chunk = max(1, min(16, len(jobs) // (processes * 8)))
    # Spawned workers would get the reader's settings pickled, and a
    # Markdown extension in them need not pickle: they convert only.
    if pool is None:
        pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=start_worker,
                                   initargs=(os.getpid(), reader_settings if forked else None))
    if processes == 1:
        # A rebuild's few new stories: each taken as soon as it is converted.
        futures = [pool.submit(convert_job, job, options) for job in jobs]
        release_word_lists()
        return one_by_one(pool, futures)
    # map() submits every job now; its results are used as they come.
    results = pool.map(convert_job, jobs, [options] * len(jobs), chunksize=chunk)
    release_word_lists()  # the workers have their own copies now

    def in_order():
        with pool:
            yield from results

    return Results(in_order())
