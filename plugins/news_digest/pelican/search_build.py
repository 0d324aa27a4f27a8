"""Pelican glue: Pagefind indexes each search bundle while Pelican is still
writing the rest of the site.

Pelican writes the article pages first, then archives, tag and section pages,
feeds; Pagefind reads article pages only. So a bundle is handed to Pagefind
(a separate process, on a core Pelican does not use) as soon as the writer
has written its last page, and the rest of the build goes on meanwhile. One
Pagefind runs at a time while the build writes, and one per core once it is
done, if the build is small: each holds its bundle in memory (search_plan.py).

A bundle none of whose pages changed what Pagefind reads of them is not
indexed again; what each bundle was made from is kept in Pelican's cache.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..site import search_plan
from .build_cache import BuildState
from .configure import plugin_settings
from .memory import peak_mb

logger = logging.getLogger(__name__)

# Pagefinds at once at the end of a build, at most (one per core up to this).
MAX_AT_ONCE = 4

# Output folder -> the search build its writer reports pages to.
builds: dict[str, "SearchBuild"] = {}


def page_stamp(page: str) -> str:
    """What Pagefind reads of a page, up to white space: a related block
    that comes or goes leaves a blank line, and Pagefind reads text with
    its spaces collapsed, so that is no reason to index a bundle again."""
    text = " ".join(search_plan.indexed_part(page).split())
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def stamp_on_disk(path: Path) -> str:
    """page_stamp of the page as it is on disk (a missing one: of nothing)."""
    try:
        page = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        page = ""
    return page_stamp(page)


def pagefind_command() -> list[str]:
    """How Pagefind is started: its binary itself where it is found as
    pagefind's Python package looks for it (PAGEFIND_BINARY_PATH, then the
    pagefind_bin_extended and pagefind_bin packages), else through that
    package (`python -m pagefind`, which finds it and execs it). Looked up
    here by hand, without importing those packages (25-60 ms in the build
    process): `python -m pagefind` costs a Python start, about 60 ms, before
    every bundle, and the last bundles of a build are what it waits for."""
    global found_command
    if found_command is None:
        found_command = [sys.executable, "-m", "pagefind"]
        candidates = [os.environ.get("PAGEFIND_BINARY_PATH") or ""]
        for package, names in (("pagefind_bin_extended", ("pagefind_extended",)),
                               ("pagefind_bin", ("pagefind_extended", "pagefind"))):
            try:
                spec = importlib.util.find_spec(package)
            except (ImportError, ValueError):
                spec = None
            for folder in (spec.submodule_search_locations or []) if spec else []:
                candidates += [os.path.join(folder, name + (".exe" if os.name == "nt" else "")) for name in names]
        for candidate in candidates:
            if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                found_command = [candidate]
                break
    return found_command


found_command: list[str] | None = None


class Pagefind:
    """One Pagefind run over one bundle, in the background."""

    def __init__(self, name: str, key: str, config: dict):
        self.name, self.key = name, key
        self.folder = tempfile.TemporaryDirectory(prefix="news-digest-pagefind-")
        Path(self.folder.name, "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        self.log = open(Path(self.folder.name, "pagefind.log"), "w+", encoding="utf-8")
        self.process = subprocess.Popen(
            pagefind_command(), cwd=self.folder.name, stdout=self.log, stderr=subprocess.STDOUT
        )
        try:  # lower priority: the build's own process is the one to keep busy
            os.setpriority(os.PRIO_PROCESS, self.process.pid, 10)
        except (AttributeError, OSError):
            pass  # not POSIX, or it has already finished

    def done(self) -> bool:
        return self.process.poll() is not None

    def wait(self) -> bool:
        """Wait for Pagefind; True when it indexed the bundle."""
        code = self.process.wait()
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        self.folder.cleanup()
        if code:
            logger.warning("news_digest: search: Pagefind failed on %s: %s", self.name, output.strip()[-500:])
        return code == 0


class SearchBuild:
    """The bundles of one build, indexed as their pages are written."""

    def __init__(self, output_path: str, plan: dict[str, list[str]], pelican_settings: dict):
        self.output = Path(os.path.abspath(output_path))
        self.inside = os.path.join(self.output, "")  # what the path of a page in the output starts with
        self.plan = plan
        self.bundle_of = {path: name for name, paths in plan.items() for path in paths}
        self.waiting = {name: set(paths) for name, paths in plan.items() if paths}
        self.stamps: dict[str, str] = {}
        self.queue: list[tuple[str, str]] = []
        self.running: list[Pagefind] = []
        self.finishing = False  # the build's own work is done (finish)
        # next() runs on the writer's thread and on the watcher's.
        self.lock = threading.RLock()
        self.watcher: threading.Thread | None = None
        self.max_mb = plugin_settings(pelican_settings)["PARALLEL_PAGES_MAX_MB"]
        self.state = BuildState(pelican_settings, "search")
        # {page: "page key, stamp"}: a page the writer kept unchanged has the
        # stamp it had, so it is not read back from disk for its bundle's key.
        self.page_stamps = BuildState(pelican_settings, "search-pages")

    def page_written(self, path: str, page: str, key: str = "") -> None:
        """The writer wrote (or found unchanged) `path` with `page` in it,
        rendered from inputs whose page key is `key` (page_inputs.py)."""
        rel = self.rel(path)
        if self.bundle_of.get(rel) in self.waiting:
            self.page_stamped(rel, page_stamp(page), key)

    def page_kept(self, path: str, key: str = "") -> None:
        """The writer kept `path` as the last build left it, made from the
        inputs whose page key is `key`: its stamp is the one recorded with
        that key, or else the page is read back."""
        rel = self.rel(path)
        if self.bundle_of.get(rel) not in self.waiting:
            return
        known, _, stamp = self.page_stamps.previous.get(rel, "").partition(" ")
        if key and known == key and stamp:
            self.page_stamped(rel, stamp, key)
            return
        self.page_stamped(rel, stamp_on_disk(Path(path)), key)

    def rel(self, path: str) -> str:
        path = os.path.abspath(path)
        # A page in the output folder, as nearly all are, by its prefix:
        # relpath and a Path per page cost 0.5 s of a 20,000-story rebuild.
        rel = path[len(self.inside):] if path.startswith(self.inside) else os.path.relpath(path, self.output)
        return rel.replace(os.sep, "/")

    def page_stamped(self, rel: str, stamp: str, key: str) -> None:
        name = self.bundle_of[rel]
        with self.lock:
            self.stamps[rel] = stamp
            if key:
                self.page_stamps.record(rel, f"{key} {stamp}")
            self.waiting[name].discard(rel)
            if not self.waiting[name]:
                del self.waiting[name]
                self.bundle_ready(name)
            self.next()

    def bundle_ready(self, name: str) -> None:
        paths = self.plan[name]
        key = search_plan.bundle_key(name, paths, [self.stamps[p] for p in paths])
        if self.state.unchanged(name, key, self.output / name / "pagefind-entry.json"):
            self.state.record(name, key)
        else:
            self.queue.append((name, key))

    def stayed_small(self) -> bool:
        """Has the build held at most NEWS_DIGEST_PARALLEL_PAGES_MAX_MB at its
        peak? Its peak, not its memory now: what a big build gives back
        before writing comes back in the feeds."""
        return peak_mb() <= self.max_mb

    def at_once(self) -> int:
        """How many Pagefinds may run together. While the build writes, one:
        a second beside the build's two processes only slowed the build. Once
        the build's own work is done, one per core (at most MAX_AT_ONCE), as
        long as the build has stayed small (NEWS_DIGEST_PARALLEL_PAGES_MAX_MB
        at its peak; a big one's memory, given back at its end, may come
        back): each holds its bundle in memory. Pagefind indexes on one
        core, and the last bundle of a cold build of the 2,225 ran alone for
        1.1 s after the build, with the other core idle."""
        if not self.finishing or not self.stayed_small():
            return 1
        return max(1, min(os.cpu_count() or 1, MAX_AT_ONCE))

    def next(self) -> None:
        """Start the next bundles while Pagefind has room."""
        with self.lock:
            for run in [run for run in self.running if run.done()]:
                self.finished(run)
            room = max(0, self.at_once() - len(self.running)) if self.queue else 0
            # The biggest bundle first: the build ends when the last one
            # does, and a small one fits beside a big one, not after it.
            self.queue.sort(key=lambda queued: -len(self.plan[queued[0]]))
            for name, key in self.queue[:room]:
                config = search_plan.pagefind_config(str(self.output), str(self.output / name), self.plan[name])
                self.running.append(Pagefind(name, key, config))
            del self.queue[:room]
            if self.running and self.queue and self.watcher is None:
                self.watcher = threading.Thread(target=self.watch, daemon=True)
                self.watcher.start()

    def watch(self) -> None:
        """Start each queued bundle the moment Pagefind is free. Otherwise a
        bundle that became ready while Pagefind was busy waits for the next
        page written, and after the last article page there is none: the
        2,000-story bundle of a 2,225-story cold build sat through the feeds
        and was indexed after them (3.7 s, with the second core idle).
        Only while the build has stayed small (NEWS_DIGEST_PARALLEL_PAGES_MAX_MB
        at its peak, as at_once asks): a big build's feeds hold the most
        memory of any step, and Pagefind beside them would add its own;
        there, the next page written or the end of the build starts the
        bundle, after the build's memory is released (finish.py)."""
        while True:
            with self.lock:
                if not self.running or not self.queue:
                    self.watcher = None
                    return
                run = self.running[0]  # while the build writes, the only one
            run.process.wait()
            with self.lock:
                if not self.stayed_small():
                    self.watcher = None
                    return
                self.next()

    def finished(self, run: Pagefind) -> None:
        """A bundle is recorded as indexed only when Pagefind succeeded and
        its files are all there: a full disk can leave it half-written, and
        search must not then say "Searching..." for ever."""
        if run.wait():
            problem = bundle_problem(self.output / run.name, len(self.plan[run.name]))
            if problem:
                logger.warning("news_digest: search: the %s bundle is incomplete (%s); it is indexed again "
                               "next build", run.name, problem)
            else:
                self.state.record(run.name, run.key)
        self.running.remove(run)

    def settle(self) -> None:
        """Before the feeds, the step in which a build holds the most memory:
        a big build (NEWS_DIGEST_PARALLEL_PAGES_MAX_MB at its peak) waits for
        the Pagefind still indexing beside it, so that the two never add up.
        A 20,000-story build peaks at about 860 MB in its feeds and a
        bundle's Pagefind holds 180-240 MB: one run of benchmark run 41 had
        them together, at 1,092 MB. Usually the last bundle is done before
        the feeds, and this costs nothing. Queued bundles wait for finish(),
        after the build has given its memory back; a small build goes on
        beside Pagefind."""
        if self.stayed_small():
            return
        with self.lock:
            runs = list(self.running)
        for run in runs:
            run.process.wait()
        with self.lock:
            for run in [run for run in self.running if run.done()]:
                self.finished(run)

    def finish(self) -> None:
        """After the last page: bundles whose pages this build did not write
        are read from disk; then every bundle is indexed before returning."""
        with self.lock:
            for name in list(self.waiting):
                for rel in self.waiting.pop(name):
                    self.stamps[rel] = stamp_on_disk(self.output / rel)
                self.bundle_ready(name)
            self.finishing = True
        while True:
            with self.lock:
                self.next()
                if not self.running:
                    break
                runs = list(self.running)
            # Polled: waiting on one would leave a queued bundle waiting when
            # another ends first; the build has nothing else to do now.
            while not any(run.done() for run in runs):
                time.sleep(0.02)
        for stale in self.output.glob(f"{search_plan.PRIMARY}-*"):
            if stale.name not in self.plan and (stale / "pagefind-entry.json").exists():
                shutil.rmtree(stale, ignore_errors=True)
        self.state.save()
        self.page_stamps.save()


def bundle_problem(folder: Path, pages: int) -> str:
    """What is missing from a Pagefind bundle ("" when nothing is): its
    entry file, each language's metadata and index, a fragment per page."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"pagefind-entry.json: {exc}"
    for language in languages.values():
        meta = folder / f"pagefind.{language.get('hash')}.pf_meta"
        if not meta.is_file() or not meta.stat().st_size:
            return f"{meta.name} is missing or empty"
    fragments = sum(1 for _ in (folder / "fragment").glob("*.pf_fragment")) if (folder / "fragment").is_dir() else 0
    indexed = sum(language.get("page_count", 0) for language in languages.values())
    if indexed < pages or fragments < indexed:
        return f"{indexed} of {pages} pages indexed, {fragments} fragments"
    return ""


def start(output_path: str, plan: dict[str, list[str]], pelican_settings: dict) -> None:
    builds[os.path.abspath(output_path)] = SearchBuild(output_path, plan, pelican_settings)


def build_of(path: str) -> "SearchBuild | None":
    """The search build of the output folder `path` is in, if any."""
    for output, build in builds.items():
        if path.startswith(output + os.sep):
            return build
    return None


def page_written(path: str, page: str, key: str = "") -> None:
    path = os.path.abspath(path)
    build = build_of(path)
    if build is not None:
        build.page_written(path, page, key)


def page_kept(path: str, key: str = "") -> None:
    path = os.path.abspath(path)
    build = build_of(path)
    if build is not None:
        build.page_kept(path, key)


def settle(output_path: str) -> None:
    """SearchBuild.settle for the build of `output_path`, if it has one."""
    build = builds.get(os.path.abspath(output_path))
    if build is not None:
        build.settle()


def work_left(output_path: str) -> bool:
    """Bundles of the build of `output_path` that may yet need Pagefind:
    waiting for pages, or queued behind a run."""
    build = builds.get(os.path.abspath(output_path))
    return build is not None and bool(build.waiting or build.queue)


def finish(output_path: str) -> bool:
    """Index what is left of the build of `output_path`; False if it had none."""
    build = builds.pop(os.path.abspath(output_path), None)
    if build is None:
        return False
    build.finish()
    return True


def plan_search(generator) -> list[str]:
    """Which article pages go in which search bundle; returns the bundle
    names, which the search page merges. Without Pagefind the site still
    builds; the search page then says so."""
    settings = plugin_settings(generator.settings)
    # save_as once per story: Pelican works it out afresh at every access.
    found = [(a, a.save_as) for a in generator.articles]
    pages = [(f"{a.date.isoformat()} {a.slug}", save_as) for a, save_as in found if save_as]
    plan = search_plan.plan_bundles(pages, settings["SEARCH_BUNDLE_SIZE"])
    if settings["SEARCH"]:
        try:
            import pagefind  # noqa: F401  (the Python package that runs the binary)
        except ImportError:
            logger.warning(
                "news_digest: search: Pagefind is not installed, so the site has no search index; "
                "install it with: pip install 'pagefind[bin]'"
            )
        else:
            start(generator.output_path, plan, generator.settings)
    return list(plan)
