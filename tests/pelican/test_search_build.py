"""Pagefind runs on a bundle as soon as its pages are written."""
import json
import threading
import time

import pytest

from news_digest.pelican import search_build
from news_digest.site import search_plan

PAGE = '<html lang="en"><body><main data-pagefind-body><h1>{title}</h1>\n<p>{body}</p></main></body></html>'


def names(runs):
    return [run.name for run in runs]


def write_pages(output, titles):
    output.mkdir(parents=True, exist_ok=True)
    pages = {}
    for i, title in enumerate(titles):
        path = output / f"story-{i}.html"
        pages[str(path)] = PAGE.format(title=title, body=f"{title} happened in Zagreb.")
        path.write_text(pages[str(path)], encoding="utf-8")
    return pages


def indexed(output, bundle):
    entry = output / bundle / "pagefind-entry.json"
    if not entry.exists():
        return 0
    return sum(lang["page_count"] for lang in json.loads(entry.read_text())["languages"].values())


def test_a_bundle_is_indexed_while_the_rest_is_written(tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    pages = write_pages(output, ["Flood", "Fire", "Storm"])
    plan = {"pagefind": ["story-0.html", "story-1.html"], "pagefind-2": ["story-2.html"]}
    build = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    paths = list(pages)
    build.page_written(paths[0], pages[paths[0]])
    assert not build.running  # its bundle still waits for story-1
    build.page_written(paths[1], pages[paths[1]])
    assert names(build.running) == ["pagefind"]  # started before story-2 is written
    build.page_written(paths[2], pages[paths[2]])
    build.finish()
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (2, 1)

    # The same pages again: nothing to index.
    again = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for path, page in pages.items():
        again.page_written(path, page)
        assert not again.running and not again.queue
    again.finish()

    # A blank line more (a related block that came or went): nothing to index.
    spaced = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for path, page in pages.items():
        spaced.page_written(path, page.replace("</h1>\n", "</h1>\n\n  \n"))
        assert not spaced.running and not spaced.queue
    spaced.finish()

    # One story's text changed: only its bundle is indexed again.
    changed = pages[paths[2]].replace("Storm", "Storm warning")
    third = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for path, page in pages.items():
        third.page_written(path, changed if path == paths[2] else page)
    assert names(third.running) == ["pagefind-2"]
    third.finish()


def queued_behind_a_running_pagefind(tmp_path, settings):
    output = tmp_path / "output"
    pages = write_pages(output, ["Flood", "Fire"])
    plan = {"pagefind": ["story-0.html"], "pagefind-2": ["story-1.html"]}
    build = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(tmp_path / "cache"), **settings})
    for path, page in pages.items():
        build.page_written(path, page)
    assert names(build.running) == ["pagefind"] and [name for name, _ in build.queue] == ["pagefind-2"]
    return build, output


def test_a_queued_bundle_starts_when_pagefind_is_free_with_no_page_written(tmp_path):
    """After the last article page nothing more is written for a bundle
    (feeds, listings): a bundle queued behind a running Pagefind must still
    start as soon as it ends, not wait for the end of the build."""
    build, output = queued_behind_a_running_pagefind(tmp_path, {})
    deadline = time.monotonic() + 120
    while build.queue and time.monotonic() < deadline:
        time.sleep(0.05)
    with build.lock:  # the watcher's thread starts it
        assert names(build.running) == ["pagefind-2"] and not build.queue
    build.finish()
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (1, 1)


def test_a_big_build_leaves_the_queued_bundle_for_later(tmp_path):
    """A build holding more than NEWS_DIGEST_PARALLEL_PAGES_MAX_MB does not
    add Pagefind's memory to its own between pages: the bundle waits for
    the next page written, or for finish()."""
    build, output = queued_behind_a_running_pagefind(tmp_path, {"NEWS_DIGEST_PARALLEL_PAGES_MAX_MB": 1})
    first, = build.running
    first.process.wait()
    deadline = time.monotonic() + 5
    while build.watcher is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    with build.lock:
        assert build.watcher is None and build.running == [first] and [name for name, _ in build.queue] == ["pagefind-2"]
    build.finish()
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (1, 1)


@pytest.mark.parametrize("cores, peak_mb, at_the_end", [(2, 300, 2), (8, 300, 3), (1, 300, 1), (2, 500, 1)])
def test_pagefinds_run_one_per_core_once_a_small_build_has_written_its_pages(tmp_path, monkeypatch, cores, peak_mb,
                                                                              at_the_end):
    """While the build writes, one Pagefind at a time (a second beside the
    build's two processes only slowed it). Once its own work is done, one
    per core, at most MAX_AT_ONCE: the last bundle of a cold build ran alone
    with the other core idle. Not in a build holding more than
    NEWS_DIGEST_PARALLEL_PAGES_MAX_MB at its peak (400 here): each
    Pagefind adds its bundle's memory to the build's."""
    monkeypatch.setattr(search_build, "MAX_AT_ONCE", 3)
    monkeypatch.setattr(search_build, "peak_mb", lambda: peak_mb)
    monkeypatch.setattr(search_build.os, "cpu_count", lambda: cores)
    output = tmp_path / "output"
    pages = write_pages(output, ["Flood", "Fire", "Storm", "Drought"])
    plan = {name: [f"story-{k}.html"] for k, name in enumerate(search_plan.bundle_names(4))}
    build = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(tmp_path / "cache"),
                                                         "NEWS_DIGEST_PARALLEL_PAGES_MAX_MB": 400})
    together = {False: [], True: []}  # finishing or not: how many ran as each started

    class Counted(search_build.Pagefind):
        def __init__(self, *args):
            super().__init__(*args)
            together[build.finishing].append(len(build.running) + 1)

    monkeypatch.setattr(search_build, "Pagefind", Counted)
    writing = [True]  # while pages are written no run is seen to end: Pagefind may be that quick
    done = Counted.done
    monkeypatch.setattr(Counted, "done", lambda run: not writing[0] and done(run))
    for path, page in pages.items():
        build.page_written(path, page)
    writing[0] = False
    build.finish()
    assert max(together[False]) == 1
    assert max(together[True]) == at_the_end
    assert sum(map(len, together.values())) == 4
    assert [indexed(output, name) for name in plan] == [1, 1, 1, 1]


def test_pages_the_writer_never_wrote_are_read_from_disk(tmp_path):
    output = tmp_path / "output"
    write_pages(output, ["Flood", "Fire"])
    build = search_build.SearchBuild(str(output), {"pagefind": ["story-0.html", "story-1.html"]},
                                     {"CACHE_PATH": str(tmp_path / "cache")})
    build.finish()
    assert indexed(output, "pagefind") == 2


def test_pages_of_another_output_folder_are_not_counted(tmp_path):
    output = tmp_path / "output"
    pages = write_pages(output, ["Flood"])
    search_build.start(str(output), {"pagefind": ["story-0.html"]}, {"CACHE_PATH": str(tmp_path / "cache")})
    try:
        search_build.page_written(str(tmp_path / "output-2" / "story-0.html"), "<p>other</p>")
        assert search_build.builds[str(output)].waiting == {"pagefind": {"story-0.html"}}
        path, page = next(iter(pages.items()))
        search_build.page_written(path, page)
        assert not search_build.builds[str(output)].waiting
    finally:
        assert search_build.finish(str(output))
    assert indexed(output, "pagefind") == 1


def test_work_left_while_a_bundle_waits_for_pages_or_for_pagefind(tmp_path):
    """The build gives its memory back before Pagefind's last runs only when
    there are any (finish.py): not in a rebuild whose bundles are unchanged."""
    output = tmp_path / "output"
    pages = write_pages(output, ["Flood", "Fire"])
    plan = {"pagefind": ["story-0.html"], "pagefind-2": ["story-1.html"]}
    assert not search_build.work_left(str(output))  # no build
    for build_number in (1, 2):
        search_build.start(str(output), plan, {"CACHE_PATH": str(tmp_path / "cache")})
        try:
            assert search_build.work_left(str(output))  # its pages are not written yet
            build = search_build.builds[str(output)]
            for path, page in pages.items():
                search_build.page_written(path, page)
            with build.lock:
                queued = bool(build.queue)
            # The first build queues its second bundle behind Pagefind's first
            # run (if that has not ended); the second finds both unchanged.
            assert search_build.work_left(str(output)) == queued
            if build_number == 2:
                assert not queued and not build.running
        finally:
            assert search_build.finish(str(output))
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (1, 1)


def test_a_kept_page_has_the_stamp_recorded_with_its_page_key(tmp_path):
    """A page the writer kept (same page key) is not read back for its
    bundle's key: its stamp is the one recorded with that key. Another key
    means the page is read back."""
    output, cache = tmp_path / "output", tmp_path / "cache"
    pages = write_pages(output, ["Flood", "Fire"])
    plan = {"pagefind": ["story-0.html", "story-1.html"]}
    first = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for k, (path, page) in enumerate(pages.items()):
        first.page_written(path, page, key=f"key-{k}")
    first.finish()
    # On disk the text changes behind the writer's back: a page kept under
    # its old key is taken as recorded, so nothing is indexed again...
    edited = next(iter(pages))
    (output / "story-0.html").write_text(pages[edited].replace("Flood", "Drought"), encoding="utf-8")
    second = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for k, path in enumerate(pages):
        second.page_kept(path, key=f"key-{k}")
    assert not second.running and not second.queue
    second.finish()
    # ...while under a new key it is read back, and its bundle indexed again.
    third = search_build.SearchBuild(str(output), plan, {"CACHE_PATH": str(cache)})
    for k, path in enumerate(pages):
        third.page_kept(path, key=f"key-{k}" if k else "key-new")
    assert names(third.running) == ["pagefind"]
    third.finish()


def test_a_page_is_named_by_its_path_in_the_output_folder(tmp_path, monkeypatch):
    """SearchBuild.rel, for the paths a writer passes: absolute, relative to
    the working folder, not normalised, and outside the output folder."""
    output = tmp_path / "out"
    build = search_build.SearchBuild(str(output), {}, {"CACHE_PATH": str(tmp_path / "cache")})
    monkeypatch.chdir(tmp_path)
    cases = {
        str(output / "story.html"): "story.html",
        str(output / "tag" / "flood.html"): "tag/flood.html",
        "out/tag/./flood.html": "tag/flood.html",
        str(output / "tag" / ".." / "story.html"): "story.html",
        str(tmp_path / "out-2" / "story.html"): "../out-2/story.html",
        str(tmp_path / "story.html"): "../story.html",
    }
    assert {path: build.rel(path) for path in cases} == cases


def test_a_big_build_waits_for_pagefind_before_its_feeds(tmp_path, monkeypatch):
    """The feeds are where a build holds the most memory: a big build lets
    the running Pagefind finish first, and starts no queued bundle then."""
    build, output = queued_behind_a_running_pagefind(tmp_path, {"NEWS_DIGEST_PARALLEL_PAGES_MAX_MB": 500})
    monkeypatch.setattr(search_build, "peak_mb", lambda: 1000)
    first, = build.running
    build.settle()
    with build.lock:
        assert first.done() and build.running == [] and [name for name, _ in build.queue] == ["pagefind-2"]
    assert indexed(output, "pagefind") == 1
    build.finish()
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (1, 1)


def test_a_small_build_goes_on_beside_pagefind_into_its_feeds(tmp_path, monkeypatch):
    build, output = queued_behind_a_running_pagefind(tmp_path, {"NEWS_DIGEST_PARALLEL_PAGES_MAX_MB": 500})
    monkeypatch.setattr(search_build, "peak_mb", lambda: 100)
    first, = build.running
    waits = []
    real_wait = first.process.wait
    def wait(*args, **kwargs):  # the watcher's thread may wait too; the build's must not
        waits.append(threading.current_thread() is threading.main_thread())
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(first.process, "wait", wait)
    build.settle()
    assert True not in waits
    build.finish()
    assert (indexed(output, "pagefind"), indexed(output, "pagefind-2")) == (1, 1)


def test_pagefind_is_started_as_its_binary_where_its_package_would_find_it(tmp_path, monkeypatch):
    """pagefind_command: the binary pagefind_bin installs (no Python start
    before each bundle); PAGEFIND_BINARY_PATH first, as pagefind's own
    lookup has it; `python -m pagefind` when no binary is found."""
    import subprocess
    import sys

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(search_build, "found_command", None)
    command = search_build.pagefind_command()
    assert len(command) == 1 and "pagefind" in command[0]
    assert subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.startswith("pagefind ")

    own = tmp_path / "my-pagefind"
    own.write_text("#!/bin/sh\n")
    own.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(own))
    monkeypatch.setattr(search_build, "found_command", None)
    assert search_build.pagefind_command() == [str(own)]

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    monkeypatch.setattr(search_build.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(search_build, "found_command", None)
    assert search_build.pagefind_command() == [sys.executable, "-m", "pagefind"]


def test_the_biggest_waiting_bundle_is_indexed_first(tmp_path, monkeypatch):
    """The build ends when its last bundle does: a small bundle runs
    beside a big one, not after it."""
    started = []

    class Recorded:
        def __init__(self, name, key, config):
            self.name = name
            started.append(name)

        def done(self):
            return False

    monkeypatch.setattr(search_build, "Pagefind", Recorded)
    plan = {"pagefind": ["a.html"], "pagefind-2": ["b.html", "c.html", "d.html"], "pagefind-3": ["e.html", "f.html"]}
    build = search_build.SearchBuild(str(tmp_path / "output"), plan, {"CACHE_PATH": str(tmp_path / "cache")})
    monkeypatch.setattr(build, "at_once", lambda: 1)
    build.queue = [("pagefind", "k1"), ("pagefind-3", "k3"), ("pagefind-2", "k2")]
    build.watcher = "watching"  # no thread: this test starts the runs itself
    build.next()
    assert started == ["pagefind-2"]
    build.running.clear()
    build.next()
    assert started == ["pagefind-2", "pagefind-3"]
