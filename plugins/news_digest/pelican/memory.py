"""Keeping the build's memory down: Pelican's memo of every story's HTML,
and memory glibc would otherwise keep."""
from __future__ import annotations


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


def release_memory() -> None:
    """Once every page is written: forget the stories' HTML and hand memory
    back to the system, so that the build and the indexer do not add up."""
    forget_rendered_html()
    return_freed_memory()


def release_before_writing(generators=None) -> None:
    """Signal all_generators_finalized: reading and preparing the stories
    leave much freed memory behind (conversion, tag merge, the related
    stage's matrices), which glibc would keep while the pages are written
    and Pagefind indexes beside them. At 20,000 stories the build drops
    from 616 to 489 MB (0.7 s), and the peak of the build and Pagefind
    together from 1,021-1,043 MB to 947-970 MB (three runs before, two after).
    Without a collection first: there is no cyclic garbage then (none at
    20,000 stories, 20 objects at 2,225), and looking for it took 0.25 s and
    0.06 s. What is left lives to the end of the build: set aside."""
    return_freed_memory(collect=False)
    set_aside_long_lived()


def set_aside_long_lived(generator=None) -> None:
    """Signals article_generator_init (the reader cache loaded) and
    article_generator_pretaxonomy (every story read): what exists now lives
    to the end of the build, so it is moved out of the collector's sight
    (gc.freeze). Otherwise every automatic full collection traverses it all
    again: 15 of them were 4.5 s of a 20,000-story rebuild. Not collected
    first: the garbage then is a few hundred objects (880 in a cold build of
    2,225 stories, none in a rebuild), and a collection of 20,000 stories'
    objects costs 0.4 s."""
    import gc

    gc.freeze()


def stop_setting_aside(pelican=None) -> None:
    """Signal finalized: what was set aside is the collector's again, with
    its usual thresholds (a process may build twice)."""
    import gc

    gc.unfreeze()
    if thresholds_before:
        gc.set_threshold(*thresholds_before.pop())


def exit_without_collecting() -> None:
    """Have the interpreter set the build's objects aside again as it exits
    (atexit, once per process): its last collections at exit otherwise
    traverse every object of the digest, and they took 0.45-0.5 s after a
    rebuild of 2,225 stories whose build itself took 3.8 s. Only the
    collector is told: atexit handlers (logging's flush, multiprocessing's)
    run as before, every file is written and closed before Pelican's main
    returns, and objects are still freed as their last reference goes.
    Registered at exit, not at `finalized`, because a process may build
    again (`pelican --autoreload`) and then needs its collector."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # at most once
    atexit.register(gc.freeze)


# The collector's thresholds while a digest is built, instead of CPython's
# 700, 10, 10: a build allocates millions of objects that live to its end,
# and with the defaults it spent 0.35-0.45 s (of a 4.5 s rebuild after one
# new story, and of a 13 s cold build of 2,225 stories) in about 1,400 young
# and a dozen full collections. A young collection every 50,000 objects
# costs as much per object, but objects that die young are not carried into
# older generations first; a full collection still comes every 10 million.
BUILD_THRESHOLDS = (50_000, 20, 10)
thresholds_before: list[tuple] = []


def collect_less(pelican=None) -> None:
    """Signal get_generators, sent as every build starts (a process may build
    again, as `pelican --autoreload` does), before Pelican loads its cache:
    the build's thresholds, until finalized. Returns no generator."""
    import gc

    if not thresholds_before:
        thresholds_before.append(gc.get_threshold())
    gc.set_threshold(*BUILD_THRESHOLDS)


def return_freed_memory(collect: bool = True) -> None:
    """Collect garbage (when `collect`), then have glibc return the free heap
    to the system (it keeps freed memory otherwise)."""
    import ctypes
    import gc

    if collect:
        gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to do


def peak_mb() -> float:
    """The most this process has held so far, in MB (Linux counts in KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
