"""Pelican glue: a rebuild works out related links in a forked process while
this one merges the digest's tags.

Related links are made from the merged tags, so the two stages run one after
the other: after one new story, some 0.3 s of merging and then 0.7 s of
related links for 2,225 stories, on one core while the other waits. But one
new story seldom changes how the digest's names merge. So, once every post
is read, a second process starts on the related links with the tags as the
last build's merge mapped them (a name it did not see as itself), and this
one merges. Then the merged tags are compared with those: the same, and the
second process's links are the links; otherwise it is stopped and the links
are worked out here as before. Either way they are what a build from
scratch makes of the merged tags.

Only where the build could not take its related links from the cache, with
fork() (Linux) and two cores, and while the build has held at most
NEWS_DIGEST_PARALLEL_PAGES_MAX_MB (the second process copies it), as for
the page writer (parallel_pages.py).
"""
from __future__ import annotations

import glob
import logging
import os
import pickle
import tempfile

logger = logging.getLogger(__name__)

# The second process at work: {"docs", "process", "path"}, or None.
running: dict | None = None
PREFIX = "news_digest-related-ahead-"


def start(docs: list, compute, cache_hit: bool, settings: dict, cache_dir) -> bool:
    """Start `compute()` (the related links of `docs`) in a forked process,
    unless the cache has them (`cache_hit`) or forking does not pay or is
    not there. Returns whether it started."""
    global running
    from .memory import peak_mb
    from .parallel_pages import may_fork

    stop()
    if cache_hit or not may_fork(settings["PARALLEL_PAGES"]) or peak_mb() > settings["PARALLEL_PAGES_MAX_MB"]:
        return False
    import multiprocessing

    try:
        os.makedirs(cache_dir, exist_ok=True)
        # What a build killed before taking its links left behind.
        for leftover in glob.glob(os.path.join(glob.escape(str(cache_dir)), PREFIX + "*.part")):
            remove(leftover)
        handle, path = tempfile.mkstemp(prefix=PREFIX, suffix=".part", dir=cache_dir)
        os.close(handle)
        # Not a daemon: the related stage forks a process of its own (two_cores.py).
        process = multiprocessing.get_context("fork").Process(target=work, args=(compute, path, os.getpid()))
        process.start()
    except OSError as exc:
        logger.debug("news_digest: related links are worked out after the merge: %s", exc)
        return False
    running = {"docs": docs, "process": process, "path": path}
    return True


def work(compute, path: str, parent: int) -> None:
    """The second process: the links, pickled to `path` (a file, so that
    a result nobody takes never blocks the process)."""
    from .workers import die_with

    die_with(parent)
    with open(path, "wb") as handle:
        pickle.dump(compute(), handle, protocol=pickle.HIGHEST_PROTOCOL)


def take(docs: list):
    """The second process's links if it worked them out from `docs`, or None
    (then it is stopped)."""
    global running
    found = running
    if found is None:
        return None
    if found["docs"] != docs:
        logger.debug("news_digest: the merge gave other tags than the last build's: related links worked out again")
        stop()
        return None
    running = None
    found["process"].join()
    try:
        if found["process"].exitcode == 0:
            with open(found["path"], "rb") as handle:
                value = pickle.load(handle)
            logger.debug("news_digest: related links worked out while the tags were merged")
            return value
        return None
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    finally:
        remove(found["path"])


def stop() -> None:
    """Stop the second process, if any: its links are not wanted."""
    global running
    found, running = running, None
    if found is None:
        return
    found["process"].terminate()
    found["process"].join()
    remove(found["path"])


def remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
