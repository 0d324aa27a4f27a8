"""A loop split between this process and a forked child gives what one loop gives."""
import os

import pytest

from news_digest.related import two_cores
from news_digest.related.two_cores import on_two_cores


def squares(lo, hi):
    return [(i * i, os.getpid()) for i in range(lo, hi)]


@pytest.mark.parametrize("count, step, least, split", [
    (10, 1, 4, 5),  # halves
    (11, 1, 4, 5),  # an odd count: the child takes the larger half
    (1000, 256, 4, 256),  # halves meet at a block's start
    (200, 256, 4, None),  # less than two blocks: one loop
    (3, 1, 4, None),  # too few to pay for a fork
    (0, 1, 0, None),
])
def test_the_halves_give_what_one_loop_gives(count, step, least, split):
    found = on_two_cores(squares, count, step, least)
    assert [value for value, _ in found] == [i * i for i in range(count)]
    here = {i for i, (_, pid) in enumerate(found) if pid == os.getpid()}
    assert here == (set(range(count)) if split is None else set(range(split)))


def test_a_child_that_fails_leaves_its_half_to_this_process(monkeypatch):
    parent = os.getpid()

    def fails_in_the_child(lo, hi):
        if os.getpid() != parent:
            os._exit(1)
        return squares(lo, hi)

    found = on_two_cores(fails_in_the_child, 10, 1, 4)
    assert [value for value, _ in found] == [i * i for i in range(10)]
    assert {pid for _, pid in found} == {parent}


def test_without_fork_one_loop(monkeypatch):
    monkeypatch.setattr(two_cores.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert {pid for _, pid in on_two_cores(squares, 5000)} == {os.getpid()}
