"""related_ahead: related links worked out in a second process are taken
only when they were worked out from the same stories (their digest)."""
import os

import pytest
from news_digest.pelican import related_ahead
from news_digest.pelican.parallel_pages import may_fork

SETTINGS = {"PARALLEL_PAGES": True, "PARALLEL_PAGES_MAX_MB": 1_000_000}

pytestmark = pytest.mark.skipif(not may_fork(True), reason="needs fork() and two cores")


def links(docs):
    return {"links": {doc: [(other, 1.0)] for doc, other in zip(docs, reversed(docs))}, "pid": os.getpid()}


def temporary_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("news_digest-related-ahead-"))


def digest(docs):
    return "|".join(docs)


def test_links_of_the_same_stories_are_taken_from_the_second_process(tmp_path):
    docs = ["a", "b", "c"]
    assert related_ahead.start(digest(docs), lambda: links(docs), False, SETTINGS, tmp_path)
    found = related_ahead.take(digest(docs))
    assert found["links"] == links(docs)["links"] and found["pid"] != os.getpid()
    assert related_ahead.take(digest(docs)) is None  # taken once
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("others", [["a", "b"], ["a", "b", "d"], ["c", "b", "a"]])
def test_links_of_other_stories_are_not_taken(tmp_path, others):
    docs = ["a", "b", "c"]
    assert related_ahead.start(digest(docs), lambda: links(docs), False, SETTINGS, tmp_path)
    assert related_ahead.take(digest(others)) is None
    assert related_ahead.running is None and temporary_files(tmp_path) == []


def early(kept):
    """An early process's work: the kept stories and those it is given."""

    def compute(receive, report):
        docs = kept + receive()
        report(digest(docs))
        return digest(docs), links(docs)

    return compute


@pytest.mark.parametrize("given, built, taken", [
    (["c"], ["a", "b", "c"], True),  # the stories the build has: taken
    (["d"], ["a", "b", "c"], False),  # it was given another new story
    (["c"], ["a", "c"], False),  # the build has lost a kept story
])
def test_an_early_process_s_links_are_taken_only_for_the_stories_the_build_has(tmp_path, given, built, taken):
    assert related_ahead.start_early(early(["a", "b"]), SETTINGS, tmp_path)
    related_ahead.give(given)
    found = related_ahead.take(digest(built))
    assert (found is not None) == taken
    if taken:
        assert found["links"] == links(built)["links"] and found["pid"] != os.getpid()
    assert related_ahead.running is None and temporary_files(tmp_path) == []


@pytest.mark.parametrize("expected, kept", [(["a", "b", "c"], True), (["a", "b", "d"], False)])
def test_the_merge_keeps_an_early_process_that_works_from_the_stories_it_expects(tmp_path, expected, kept):
    """link_ahead's start: the early process goes on when it said the digest
    of the stories the merge expects; otherwise a new one starts on them."""
    assert related_ahead.start_early(early(["a", "b"]), SETTINGS, tmp_path)
    process = related_ahead.running["process"]
    related_ahead.give(["c"])
    assert related_ahead.start(digest(expected), lambda: links(expected), False, SETTINGS, tmp_path)
    assert (related_ahead.running["process"] is process) == kept
    found = related_ahead.take(digest(expected))
    assert found["links"] == links(expected)["links"]
    assert related_ahead.running is None and temporary_files(tmp_path) == []


def test_an_early_process_is_stopped_when_the_cache_has_its_stories_links(tmp_path):
    """link_related takes a second process's links before it reads the
    cache: when the cache has them, the merge lets the process go rather
    than have the build wait for links it holds already."""
    assert related_ahead.start_early(early(["a", "b"]), SETTINGS, tmp_path)
    process = related_ahead.running["process"]
    related_ahead.give(["c"])
    assert not related_ahead.start(digest(["a", "b", "c"]), lambda: links(["a", "b", "c"]), True, SETTINGS, tmp_path)
    assert related_ahead.running is None and not process.is_alive() and temporary_files(tmp_path) == []
    assert related_ahead.take(digest(["a", "b", "c"])) is None


def test_an_early_process_never_given_its_stories_is_stopped(tmp_path):
    assert related_ahead.start_early(early(["a"]), SETTINGS, tmp_path)
    process = related_ahead.running["process"]
    assert related_ahead.take(digest(["a"])) is None
    assert not process.is_alive() and temporary_files(tmp_path) == []


def failing():
    raise RuntimeError("the related stage failed")


def test_a_failed_second_process_gives_nothing(tmp_path):
    assert related_ahead.start("a", failing, False, SETTINGS, tmp_path)
    assert related_ahead.take("a") is None
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("cache_hit, settings", [
    (True, SETTINGS),
    (False, {**SETTINGS, "PARALLEL_PAGES": False}),
    (False, {**SETTINGS, "PARALLEL_PAGES_MAX_MB": 0}),
])
def test_no_second_process_when_the_cache_has_the_links_or_the_settings_say_no(tmp_path, cache_hit, settings):
    assert not related_ahead.start("a", lambda: links(["a"]), cache_hit, settings, tmp_path)
    assert related_ahead.running is None and related_ahead.take("a") is None


def test_stop_ends_the_second_process_and_leaves_no_file(tmp_path):
    import time

    assert related_ahead.start("a", lambda: time.sleep(30), False, SETTINGS, tmp_path)
    process = related_ahead.running["process"]
    related_ahead.stop()
    assert not process.is_alive() and temporary_files(tmp_path) == []


def test_a_file_a_killed_build_left_is_removed_by_the_next(tmp_path):
    left = tmp_path / "news_digest-related-ahead-1234.part"
    left.write_bytes(b"half a result")
    other = tmp_path / "news_digest-tags.json"
    other.write_text("{}")
    assert related_ahead.start("a", lambda: links(["a"]), False, SETTINGS, tmp_path)
    assert not left.exists() and other.exists()
    assert related_ahead.take("a") is not None
    assert temporary_files(tmp_path) == []


def test_a_second_process_may_start_only_when_one_is_at_work_or_allowed(tmp_path):
    too_big = {**SETTINGS, "PARALLEL_PAGES_MAX_MB": 0}
    assert related_ahead.may_start(SETTINGS) and not related_ahead.may_start(too_big)
    assert related_ahead.start_early(early(["a"]), SETTINGS, tmp_path)
    assert related_ahead.may_start(too_big)  # the early one: the merge compares its stories
    related_ahead.stop()
    assert not related_ahead.may_start(too_big)
