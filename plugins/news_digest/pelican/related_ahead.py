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

After a few new stories the second process starts earlier still, as Pelican
starts reading posts (start_early, from related_early.py): it gets ready,
waits for the new stories (give), works out the links of the stories the
last build kept and those, and says the digest of the stories it works
from; the merge keeps it when that is the digest of the stories it expects.

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

# The second process at work: {"digest", "process", "path"}, or None. Its
# "digest" is that of the stories it works from (related_links.related_key),
# or None until an early process says it ("said": the pipe it says it on;
# "send": the pipe it waits on for the new stories until they are given).
running: dict | None = None
PREFIX = "news_digest-related-ahead-"


def allowed(settings: dict) -> bool:
    """May a second process work out related links now (fork() and two
    cores, and the build not too big to copy)?"""
    from .memory import peak_mb
    from .parallel_pages import may_fork

    return may_fork(settings["PARALLEL_PAGES"]) and peak_mb() <= settings["PARALLEL_PAGES_MAX_MB"]


def may_start(settings: dict) -> bool:
    """Could `start` find a process at work, or start one? If not, the
    stories' digest it is given is not worth working out (a big digest's
    rebuild: 20,000 stories' texts, for nothing)."""
    return running is not None or allowed(settings)


def start(digest: str, compute, cache_hit: bool, settings: dict, cache_dir) -> bool:
    """Start `compute()` (the related links of the stories whose digest is
    `digest`) in a forked process, unless the cache has them (`cache_hit`),
    forking does not pay or is not there, or a process started early is
    already at work on those stories. Returns whether one is at work."""
    if not cache_hit and running is not None and running.get("early") \
            and (running["digest"] or early_digest()) == digest:
        return True
    stop()  # with the cache's links at hand, link_related need not wait for any
    if cache_hit or not allowed(settings):
        return False
    return fork(lambda: (digest, compute()), digest, cache_dir)


def start_early(compute, settings: dict, cache_dir) -> bool:
    """Start `compute(receive, report)` in a forked process before the
    stories are all known: it gets ready, takes what `give` sends it
    (`receive()`), works out the stories it expects from that, calls
    `report(digest)` with their digest as soon as it has it, and returns
    (digest, links)."""
    stop()
    if not allowed(settings):
        return False
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    said, saying = context.Pipe(duplex=False)
    started = fork(lambda: compute(receiving.recv, saying.send), None, cache_dir)
    receiving.close()  # the second process's ends
    saying.close()
    if not started:
        sending.close()
        said.close()
        return False
    running.update({"send": sending, "said": said, "early": True})
    return True


def give(value) -> None:
    """Send the early process what it waits for (start_early)."""
    sending = (running or {}).pop("send", None)
    if sending is not None:
        try:
            sending.send(value)
        except OSError:
            pass  # it is gone: take() finds no links
        sending.close()


def fork(compute, digest: str | None, cache_dir) -> bool:
    global running
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
    running = {"digest": digest, "process": process, "path": path}
    return True


def work(compute, path: str, parent: int) -> None:
    """The second process: (digest, links), pickled to `path` (a file, so
    that a result nobody takes never blocks the process)."""
    from .workers import die_with

    die_with(parent)
    found = compute()
    with open(path, "wb") as handle:
        pickle.dump(found, handle, protocol=pickle.HIGHEST_PROTOCOL)


def early_digest() -> str | None:
    """The digest of the stories the early process works from: it says it
    as soon as it is given the new stories (None if it never was, or ended
    without saying)."""
    if running is None or "send" in running or "said" not in running:
        return None
    said = running.pop("said")
    try:
        running["digest"] = said.recv()
    except (EOFError, OSError):
        pass
    said.close()
    return running["digest"]


def take(digest: str):
    """The second process's links if it worked them out from the stories
    of `digest`, or None (then it is stopped)."""
    global running
    found = running
    if found is None:
        return None
    if found["digest"] is None:
        early_digest()
    if found["digest"] != digest:
        logger.debug("news_digest: the merge gave other tags than the last build's: related links worked out again")
        stop()
        return None
    running = None
    found["process"].join()
    try:
        if found["process"].exitcode == 0:
            with open(found["path"], "rb") as handle:
                worked_from, value = pickle.load(handle)
            if worked_from == digest:
                logger.debug("news_digest: related links worked out while %s", "the posts were read, from the "
                             "stories the last build kept" if found.get("early") else "the tags were merged")
                return value
        return None
    except (OSError, EOFError, pickle.UnpicklingError, TypeError, ValueError):
        return None
    finally:
        remove(found["path"])


def stop() -> None:
    """Stop the second process, if any: its links are not wanted."""
    global running
    found, running = running, None
    if found is None:
        return
    for end in ("send", "said"):
        if end in found:
            found.pop(end).close()
    found["process"].terminate()
    found["process"].join()
    remove(found["path"])


def remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
