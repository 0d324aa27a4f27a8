"""A loop of independent items, split between this process and a forked
child: the related stage's two heavy loops (each story's features, each
story's nearest neighbours) otherwise run on one core while the other
waits. Each item is worked out alone, so the two halves give exactly what
one loop gives. Small loops, and systems without fork, run in one loop.
"""
from __future__ import annotations

import multiprocessing
from typing import Callable

# Fewer items than this: forking and sending the results back cost more than they save.
LEAST = 1000


def on_two_cores(work: Callable[[int, int], list], count: int, step: int = 1, least: int = LEAST) -> list:
    """`work(lo, hi)` gives the results of items lo to hi - 1; the results
    of all `count` items, the second half worked out in a forked child. The
    halves meet at a multiple of `step`. If the child fails, its half is
    worked out here."""
    half = count // 2 // step * step
    if count < least or not half or "fork" not in multiprocessing.get_all_start_methods():
        return work(0, count)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=send_work, args=(work, half, count, send), daemon=True)
    child.start()
    send.close()  # the child's end: reading gives EOFError if the child dies before sending
    try:
        first = work(0, half)
        try:
            second = receive.recv()
        except (EOFError, OSError):
            second = None
    finally:
        receive.close()
        child.join()
    return first + (second if second is not None else work(half, count))


def send_work(work: Callable[[int, int], list], lo: int, hi: int, send) -> None:
    """The child's part."""
    try:
        send.send(work(lo, hi))
    finally:
        send.close()
