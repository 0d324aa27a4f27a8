"""related_ahead: related links worked out in a second process are taken
only when they were worked out from the same stories."""
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


def test_links_of_the_same_stories_are_taken_from_the_second_process(tmp_path):
    docs = ["a", "b", "c"]
    assert related_ahead.start(list(docs), lambda: links(docs), False, SETTINGS, tmp_path)
    found = related_ahead.take(list(docs))
    assert found["links"] == links(docs)["links"] and found["pid"] != os.getpid()
    assert related_ahead.take(docs) is None  # taken once
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("others", [["a", "b"], ["a", "b", "d"], ["c", "b", "a"]])
def test_links_of_other_stories_are_not_taken(tmp_path, others):
    docs = ["a", "b", "c"]
    assert related_ahead.start(docs, lambda: links(docs), False, SETTINGS, tmp_path)
    assert related_ahead.take(others) is None
    assert related_ahead.running is None and temporary_files(tmp_path) == []


def failing():
    raise RuntimeError("the related stage failed")


def test_a_failed_second_process_gives_nothing(tmp_path):
    assert related_ahead.start(["a"], failing, False, SETTINGS, tmp_path)
    assert related_ahead.take(["a"]) is None
    assert temporary_files(tmp_path) == []


@pytest.mark.parametrize("cache_hit, settings", [
    (True, SETTINGS),
    (False, {**SETTINGS, "PARALLEL_PAGES": False}),
    (False, {**SETTINGS, "PARALLEL_PAGES_MAX_MB": 0}),
])
def test_no_second_process_when_the_cache_has_the_links_or_the_settings_say_no(tmp_path, cache_hit, settings):
    assert not related_ahead.start(["a"], lambda: links(["a"]), cache_hit, settings, tmp_path)
    assert related_ahead.running is None and related_ahead.take(["a"]) is None


def test_stop_ends_the_second_process_and_leaves_no_file(tmp_path):
    import time

    assert related_ahead.start(["a"], lambda: time.sleep(30), False, SETTINGS, tmp_path)
    process = related_ahead.running["process"]
    related_ahead.stop()
    assert not process.is_alive() and temporary_files(tmp_path) == []


def test_a_file_a_killed_build_left_is_removed_by_the_next(tmp_path):
    left = tmp_path / "news_digest-related-ahead-1234.part"
    left.write_bytes(b"half a result")
    other = tmp_path / "news_digest-tags.json"
    other.write_text("{}")
    assert related_ahead.start(["a"], lambda: links(["a"]), False, SETTINGS, tmp_path)
    assert not left.exists() and other.exists()
    assert related_ahead.take(["a"]) is not None
    assert temporary_files(tmp_path) == []
