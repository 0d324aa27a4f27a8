"""The benchmark: `invoke bench` or `python -m news_digest.bench [--corpus DIR]`.

Every figure is measured in the same run, and reported as a ratio where one
makes sense, because these machines are noisy. Writes report.json and
report.md into --out (default bench-results/).

1. Full build: raw articles with the plugin, cold (a fresh copy of the raw
   files, empty output and cache, the plugin not yet compiled), against
   plain Pelican on the Markdown the converter produced, bare (no plugin,
   no feeds) and with its own feeds and pelican-sitemap; alternated, median
   of the ratios. Extra rows: warm (built again with everything the cold
   build left) and without search. The feed gives the share of related
   links that stay in a story's section.
2. Conversion: milliseconds per article, by stage.
3. Related stage: time and peak memory on N and 10 N stories (synthesised).
4. Rebuild after one new article, with pelicanconf.py as it is, against its
   cold build (and a rebuild with nothing changed); medians of --runs, each
   rebuild timed once the disk has written what the build before it left.
5. The large synthesised digest: its cold build's time and peak memory, and
   its rebuilds. Peak memory is sampled in one more cold build of its own,
   never in a timed one (sampling costs the build time).
6. Reports of one story: the same-story clusters (../shared/corpus/clusters,
   labels in ../shared/eval/clusters-dev.json) built as a digest, alone and
   among the BBC corpus's unrelated sections; the grouping's pairwise
   precision and recall, read off the JSON Feed's _news_digest.story, and
   how often the first related link is another report of the story. The
   labels are read after the build, never by it. Skipped when absent.

Before any of it, the run waits (up to four minutes) until creating a file
is cheap again (wait_for_quiet_disk), and reports what it measured.

The larger corpora are synthesised from the given one: copy k of a story has
its paragraphs rotated by k, every (k + 2)th sentence of the body dropped, and
" (k)" added to its headline, so that each copy is a different story with its
own slug, its own words in a different order, and the same entities.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def raw_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.txt") if p.name.lower() != "readme.txt")


def variant(text: str, k: int) -> str:
    """Copy k of a raw article (k = 0 is the article itself)."""
    if k == 0:
        return text
    lines = text.splitlines()
    headline, paragraphs = lines[0], [p for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]
    if paragraphs:
        shift = k % len(paragraphs)
        paragraphs = paragraphs[shift:] + paragraphs[:shift]
    body = []
    for paragraph in paragraphs:
        sentences = SENTENCE.split(paragraph.strip())
        kept = [s for i, s in enumerate(sentences) if (i + 1) % (k + 2) or len(sentences) == 1]
        body.append(" ".join(kept))
    return f"{headline} ({k})\n\n" + "\n\n".join(body) + "\n"


def synthesise(corpus: Path, target: Path, count: int) -> int:
    """Write `count` raw articles into target/<section>/, copies of the corpus."""
    files = raw_files(corpus)
    written = 0
    for k in range(count // max(1, len(files)) + 1):
        for path in files:
            if written >= count:
                return written
            text = path.read_bytes().decode("utf-8", errors="replace")
            out = target / path.parent.name / f"{path.stem}-{k}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(variant(text, k), encoding="utf-8")
            written += 1
    return written


def run_pelican(content: Path, output: Path, settings: dict, cache: Path, cold: bool = False,
                sample: bool = False) -> tuple[float, dict]:
    """Build with `python -m pelican` in a child process; return (seconds,
    peak memory in MB: of the build process, of its largest child, and if
    `sample`, of the build and its children together). A `cold` build
    starts, as a fresh clone's does, without the plugin's compiled bytecode.

    A sampled build is not a timed one: each sample (the proportional set
    size of every process of the build, from /proc) cost some 33 ms every
    0.2 s in the build process, a thread holding the interpreter and the
    kernel walking the build's memory meanwhile: one new story among
    2,225 took 8.3-8.5 s with it, 7.2-7.7 s without."""
    if cold:
        forget_bytecode()
    overrides = {"SITEURL": "https://digest.example", "CACHE_PATH": str(cache), **settings}
    start = time.perf_counter()
    figures = run_child("child-build", str(content), str(output), json.dumps(overrides), "sample" if sample else "")
    return time.perf_counter() - start, figures


def forget_bytecode(folder: Path = ROOT / "plugins") -> None:
    """Remove the compiled bytecode of the code in `folder` (the plugin's),
    wherever this Python keeps it."""
    for source in folder.rglob("*.py"):
        try:
            Path(importlib.util.cache_from_source(str(source))).unlink(missing_ok=True)
        except (NotImplementedError, OSError):
            pass


def run_child(*args: str) -> dict:
    """Run `python -m news_digest.bench <args>` in a fresh process (so that
    its memory is its own); return the JSON it prints last. Python keeps
    the bytecode it compiles, as it does for a user: some shells and CI
    images set PYTHONDONTWRITEBYTECODE, and with it every rebuild compiled
    the plugin's 70 modules again (0.1-0.3 s) while plain Pelican's came
    compiled from its install."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run([sys.executable, "-m", "news_digest.bench", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_build(content: str, output: str, overrides: str, sample: str = "") -> None:
    """Run Pelican in this process, then print its peak memory (with the
    build's children at the same moment, if `sample`)."""
    import threading

    from pelican import main as pelican_main

    settings = json.loads(overrides)
    args = [content, "-o", output, "-s", str(ROOT / "pelicanconf.py"), "-q", "-e"]
    args += [f"{k}={json.dumps(v)}" for k, v in settings.items()]
    peak = {"total": 0.0, "build": 0.0}
    done = threading.Event()

    def sample_tree():
        while not done.wait(0.2):
            total, own = tree_memory_mb(os.getpid())
            if total > peak["total"]:
                peak.update(total=total, build=own)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    if sample:
        sampler.start()
    try:
        pelican_main(args)
    finally:
        done.set()
        if sample:
            sampler.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # Children: the conversion workers and the Pagefind indexer. The total is
    # the build and its children at the same moment, sampled every 0.2 s.
    print(json.dumps({"peak_total_mb": round(peak["total"]) or None,
                      "build_process_share_of_total_peak_mb": round(peak["build"]) or None,
                      "build_process_mb": round(own), "largest_child_mb": round(children)}))


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """Memory of a process and all its descendants, and of the process alone,
    in MB: the proportional set size (a page shared by n processes counts 1/n,
    so forked workers are not counted twice). 0 where /proc does not say."""
    parents = {}
    try:
        entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return 0.0, 0.0
    for name in entries:
        try:
            with open(f"/proc/{name}/stat") as handle:
                parents[int(name)] = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {pid}, True
    while grew:
        found = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    sizes = {}
    for member in tree:
        try:
            with open(f"/proc/{member}/smaps_rollup") as handle:
                sizes[member] = next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return sum(sizes.values()) / 1024, sizes.get(pid, 0) / 1024


def copy_corpus(corpus: Path, target: Path) -> Path:
    """A content folder holding the corpus's raw files, on disk before the
    builds that read it are timed."""
    shutil.copytree(corpus, target, ignore=shutil.ignore_patterns("README*"))
    settle()
    return target


def related_quality(output: Path, k: int = 5) -> dict:
    """From a built digest's Atom feed: the share of each story's first k
    related links that stay in its own section, and stories with fewer."""
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.parse(str(output / "feeds" / "all.atom.xml")).getroot()
    section_of, related = {}, {}
    for entry in root.iter(f"{atom}entry"):
        links = entry.findall(f"{atom}link")
        url = next(l.get("href") for l in links if l.get("rel") == "alternate")
        sections = [c.get("term") for c in entry.findall(f"{atom}category") if c.get("scheme", "").endswith("/section/")]
        section_of[url] = sections[0] if sections else ""
        related[url] = [l.get("href") for l in links if l.get("rel") == "related"][:k]
    same = {u: sum(section_of.get(r) == section_of[u] for r in rel) for u, rel in related.items()}
    shown = [same[u] / len(rel) for u, rel in related.items() if rel]
    return {
        "stories": len(same),
        # Precision of the links shown (up to k): the relevance floor shows
        # fewer links rather than pad, so this is the guard's figure.
        "same_section_share_of_first_5_shown": round(sum(shown) / max(1, len(shown)), 4),
        # The old figure, every missing link counted as a miss.
        "same_section_share_at_5_fixed": round(sum(same.values()) / k / max(1, len(same)), 4),
        "stories_with_fewer_than_5": sum(1 for rel in related.values() if len(rel) < k),
        "stories_without_links": sum(1 for rel in related.values() if not rel),
        "links_per_story": round(sum(len(rel) for rel in related.values()) / max(1, len(related)), 2),
    }


def story_quality(output: Path, content: Path, story_of_file: dict[str, str]) -> dict:
    """Grouping and first-link figures for the labelled files in a built
    digest. story_of_file maps a raw file (relative to the content folder) to
    its labelled story."""
    from itertools import combinations
    from urllib.parse import urlparse

    from lxml import etree

    by_slug = {}  # slug -> raw file, from each post's Slug: and Source: lines
    for post in content.rglob("*.md"):
        head = post.read_text(encoding="utf-8", errors="replace").split("\n\n", 1)[0]
        meta = {k.strip().lower(): v.strip() for k, v in
                (line.split(":", 1) for line in head.splitlines() if ":" in line)}
        if "slug" in meta and "source" in meta:
            by_slug[meta["slug"]] = Path(os.path.normpath(meta["source"])).as_posix()

    def file_of(url: str):
        return by_slug.get(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html"))

    feed = json.loads((output / "feeds" / "all.json").read_text(encoding="utf-8"))
    group = {file_of(item["url"]): item.get("_news_digest", {}).get("story") for item in feed["items"]}
    labelled = sorted(f for f in group if f in story_of_file)
    found = {pair for pair in combinations(labelled, 2) if group[pair[0]] == group[pair[1]]}
    truth = {pair for pair in combinations(labelled, 2) if story_of_file[pair[0]] == story_of_file[pair[1]]}
    atom = "{http://www.w3.org/2005/Atom}"
    first = reports_in_5 = counted = 0
    for entry in etree.parse(str(output / "feeds" / "all.atom.xml")).getroot().iter(f"{atom}entry"):
        links = entry.findall(f"{atom}link")
        me = file_of(next(l.get("href") for l in links if l.get("rel") == "alternate"))
        if me not in story_of_file:
            continue
        mates = {f for f in labelled if f != me and story_of_file[f] == story_of_file[me]}
        shown = [file_of(l.get("href")) for l in links if l.get("rel") == "related"][:5]
        counted += 1
        first += bool(shown) and shown[0] in mates
        reports_in_5 += len(mates & set(shown)) / max(1, len(mates))
    return {
        "articles": counted,
        "grouping_pairwise_precision": round(len(found & truth) / max(1, len(found)), 4),
        "grouping_pairwise_recall": round(len(found & truth) / max(1, len(truth)), 4),
        "grouped_pairs": len(found), "labelled_pairs": len(truth),
        "first_link_same_story": round(first / max(1, counted), 4),
        "same_story_reports_in_first_5": round(reports_in_5 / max(1, counted), 4),
    }


def story_grouping(corpus: Path, work: Path, clusters: Path, labels: Path) -> dict | None:
    """The labelled same-story clusters built as a digest alone, and with the
    corpus's articles around them."""
    if not labels.is_file() or not clusters.is_dir():
        return None
    story_of = {}
    for name, story in json.loads(labels.read_text()).items():
        # Label keys are relative to ../shared: corpus/clusters/<section>/<file>.
        story_of[Path(name).relative_to("corpus/clusters").as_posix()] = story
    results = {}
    for kind, around in (("alone", None), ("among_corpus", corpus)):
        content = copy_corpus(clusters, work / f"stories-{kind}")
        if around is not None:
            for path in raw_files(around):
                target = content / f"corpus-{path.parent.name}" / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        output = work / f"stories-{kind}-out"
        seconds, _ = run_pelican(content, output, {"FEED_MAX_ITEMS": 100000}, work / f"stories-{kind}-cache")
        results[kind] = {"digest_articles": len(raw_files(content)), "seconds": round(seconds, 1),
                         **story_quality(output, content, story_of)}
    return results


# Shapes of hostile or broken input, each a function of its size n.
PATHOLOGICAL = {
    "names in one paragraph": lambda n: " ".join(f"Mr Name{i} Smith met Anna{i} Jones." for i in range(n)),
    "a list of numbered names": lambda n: "\n".join(f"Route {i}" for i in range(n)),
    "acronyms and expansions": lambda n: " ".join(
        f"The {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676 % 26)} and Alpha{i} Beta{i} Corp." for i in range(n)),
    "Markdown symbols": lambda n: "*_[<" * (n * 8),
    "capitalised words": lambda n: " ".join(f"Word{i}" for i in range(n)),
    "one entity again and again": lambda n: " ".join(["Zagreb Croatia Vukovar"] * n),
    "quotes and apostrophes": lambda n: " ".join(["He said \"it's 'fine'\" and \u201cleft"] * n),
    "run-together words": lambda n: "".join(["thegovernmentsaidthat"] * n),
    "long lines without breaks": lambda n: ("word " * 50 + "\n") * n,
}


def pathological(sizes=(1000, 2000, 4000, 8000)) -> dict:
    """Seconds to convert, render and Markdown each shape at each size, and
    the ratio of each doubling (2 is linear)."""
    from markdown import Markdown

    from .pelican.word_lists import load_word_lists
    from .settings import conversion_options, resolve_settings
    from .text.convert import convert_article
    from .text.render import render_markdown

    options, words = conversion_options(resolve_settings({})), load_word_lists()
    results = {}
    for name, make in PATHOLOGICAL.items():
        seconds = []
        for n in sizes:
            raw = f"A pathological story\n\n{make(n)}\n".encode()
            start = time.perf_counter()
            article = convert_article(raw, source="pathological.txt", category="test", file_time=datetime(2026, 1, 1),
                                      options=options, words=words)
            Markdown(extensions=["extra", "meta"]).convert(render_markdown(article))
            seconds.append(time.perf_counter() - start)
        results[name] = {"bytes": [len(make(n)) for n in sizes], "seconds": [round(t, 3) for t in seconds],
                         "doubling_ratios": [round(b / max(a, 1e-6), 2) for a, b in zip(seconds, seconds[1:])]}
    return results


# Plain Pelican with what a user would otherwise run for feeds and a
# sitemap: its own Atom and RSS feeds (all, sections, tags) and the
# pelican-sitemap plugin (requirements-dev.txt; left out, and said so, when
# it is not installed).
PELICAN_FEEDS = {
    "FEED_ALL_ATOM": "feeds/all.atom.xml", "FEED_ALL_RSS": "feeds/all.rss.xml",
    "CATEGORY_FEED_ATOM": "feeds/section/{slug}.atom.xml", "CATEGORY_FEED_RSS": "feeds/section/{slug}.rss.xml",
    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml", "TAG_FEED_RSS": "feeds/tag/{slug}.rss.xml",
}


def pelican_with_feeds() -> tuple[dict, str]:
    """Settings for the second anchor, and what it is."""
    try:
        import pelican.plugins.sitemap  # noqa: F401
    except ImportError:
        return {"PLUGINS": [], **PELICAN_FEEDS}, "Pelican's own feeds (pelican-sitemap is not installed)"
    sitemap = {"format": "xml"}
    return ({"PLUGINS": ["pelican.plugins.sitemap"], "SITEMAP": sitemap, **PELICAN_FEEDS},
            "Pelican's own feeds and pelican-sitemap")


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return round(statistics.median(n / d for n, d in zip(numerators, denominators)), 3)


def full_build(corpus: Path, work: Path, runs: int) -> dict:
    """The plugin's cold build of the raw files against plain Pelican on the
    posts it wrote: bare, and with Pelican's own feeds and sitemap."""
    # Every post in the feeds, as the tests and the scorecard have it: the
    # related-link share is read from the whole Atom feed.
    every = {"FEED_MAX_ITEMS": 100000}
    bare = {"PLUGINS": [], **every}
    with_feeds, with_feeds_name = pelican_with_feeds()
    with_feeds = {**with_feeds, **every}
    # A cold build is a fresh clone's: a fresh copy of the raw files (made
    # before any build is timed: on ext4, creating files within seconds of
    # deleting thousands costs 0.5 ms of kernel time each), an empty output
    # folder and an empty cache folder. Each run has its own of all three.
    contents = [copy_corpus(corpus, work / f"build-content-{run + 1}") for run in range(runs)]
    searchless = [copy_corpus(corpus, work / f"build-content-nosearch-{run + 1}") for run in range(runs)]
    cold, plain, feeds, warm, quiet = [], [], [], [], []
    for run, (content, fresh) in enumerate(zip(contents, searchless), 1):
        cold.append(run_pelican(content, work / f"out-cold-{run}", every, work / f"cache-cold-{run}", cold=True)[0])
        # The anchors read the posts that cold build wrote, into empty folders too.
        plain.append(run_pelican(content, work / f"out-bare-{run}", bare, work / f"cache-bare-{run}")[0])
        feeds.append(run_pelican(content, work / f"out-feeds-{run}", with_feeds, work / f"cache-feeds-{run}")[0])
        # Extra rows: the same content built again with everything the cold
        # build left (output and cache); a cold build without search (its
        # own fresh copy of the raw files, empty output and cache).
        warm.append(run_pelican(content, work / f"out-cold-{run}", every, work / f"cache-cold-{run}")[0])
        quiet.append(run_pelican(fresh, work / f"out-nosearch-{run}", {"NEWS_DIGEST_SEARCH": False, **every},
                                 work / f"cache-nosearch-{run}", cold=True)[0])
    return {
        "articles": len(raw_files(corpus)),
        "related_links": related_quality(work / f"out-cold-{len(contents)}"),
        "definition": "cold: fresh copy of the raw files, empty output, empty cache, the plugin's bytecode removed; "
                      "the anchors build the posts it wrote, into empty folders; warm: the cold build's content, "
                      "output and cache again",
        "pelican_bare_s": [round(t, 2) for t in plain],
        "pelican_with_feeds": with_feeds_name,
        "pelican_with_feeds_s": [round(t, 2) for t in feeds],
        "plugin_cold_s": [round(t, 2) for t in cold],
        "plugin_warm_s": [round(t, 2) for t in warm],
        "plugin_cold_without_search_s": [round(t, 2) for t in quiet],
        "ratio_cold_to_bare_median": median_ratio(cold, plain),
        "ratio_cold_to_pelican_with_feeds_median": median_ratio(cold, feeds),
        "ratio_warm_to_bare_median": median_ratio(warm, plain),
        "ratio_cold_without_search_to_bare_median": median_ratio(quiet, plain),
    }


def conversion(corpus: Path) -> dict:
    """Milliseconds per article, by stage, converting in this process."""
    from .pelican.word_lists import load_word_lists
    from .settings import conversion_options, resolve_settings

    start = time.perf_counter()
    load_word_lists()
    loading = time.perf_counter() - start
    options = conversion_options(resolve_settings({}))
    files = raw_files(corpus)
    best: dict[str, float] = {}
    # Two passes, the faster kept per stage: the machine's noise only adds time.
    for _ in range(2):
        timings, converted = convert_all(files, options)
        best = {stage: min(seconds, best.get(stage, seconds)) for stage, seconds in timings.items()}
    per_article = {stage: round(seconds * 1000 / max(1, converted), 3) for stage, seconds in best.items()}
    return {
        "articles": converted,
        "ms_per_article": round(sum(best.values()) * 1000 / max(1, converted), 3),
        "ms_per_article_by_stage": per_article,
        "word_lists_load_s": round(loading, 2),
    }


def convert_all(files, options) -> tuple[dict[str, float], int]:
    """Convert every file in this process; return seconds by stage, count."""
    from .pelican.word_lists import load_word_lists
    from .text.convert import convert_article
    from .text.errors import ConversionError
    from .text.render import render_markdown

    timings: dict[str, float] = {}
    converted = 0
    for path in files:
        try:
            article = convert_article(
                path.read_bytes(), source=str(path), category=path.parent.name,
                file_time=datetime.fromtimestamp(path.stat().st_mtime), options=options, timings=timings,
                words=load_word_lists(),
            )
        except ConversionError:
            continue
        start = time.perf_counter()
        render_markdown(article)
        timings["markdown"] = timings.get("markdown", 0.0) + time.perf_counter() - start
        converted += 1
    return timings, converted


def related_docs(corpus: Path, count: int):
    """RelatedDoc values for `count` stories synthesised from the corpus."""
    from .pelican.word_lists import load_word_lists
    from .related.features import RelatedDoc
    from .settings import conversion_options, resolve_settings
    from .text.convert import convert_article
    from .text.errors import ConversionError
    from .text.structure import LIST

    options = conversion_options(resolve_settings({}))
    base = []
    for path in raw_files(corpus):
        try:
            article = convert_article(path.read_bytes(), source=str(path), category=path.parent.name,
                                      file_time=datetime(2026, 1, 1), options=options, words=load_word_lists())
        except ConversionError:
            continue
        base.append((path, article))
    docs = []
    k = 0
    while len(docs) < count:
        for path, article in base:
            if len(docs) >= count:
                break
            paragraphs = [t for b in article.blocks for t in (b.items if b.kind == LIST else (b.text,))]
            text = variant(article.title + "\n\n" + "\n\n".join(paragraphs), k)
            docs.append(RelatedDoc(
                key=f"{article.slug}-{k}", title=f"{article.title} ({k})", text=text.split("\n\n", 1)[-1],
                entities=article.tags, fingerprint=f"{path}-{k}", section=article.category,
            ))
        k += 1
    return docs


def child_related(corpus: str, count: str) -> None:
    """Time the related stage on `count` stories; print seconds and peak MB."""
    from .related.stories import find_related

    docs = related_docs(Path(corpus), int(count))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    find_related(docs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"stories": len(docs), "seconds": round(seconds, 3), "peak_mb": round(peak),
                      "peak_before_mb": round(before)}))


def related(corpus: Path, small: int, large: int) -> dict:
    results = {}
    for count in (small, large):
        results[str(count)] = run_child("child-related", str(corpus), str(count))
    a, b = results[str(small)], results[str(large)]
    results["time_ratio"] = round(b["seconds"] / max(a["seconds"], 1e-9), 2)
    results["size_ratio"] = round(large / small, 2)
    return results


def add_one_story(corpus: Path, content: Path, n: int = 1) -> None:
    """The nth new raw article in the content folder: a copy of the corpus's
    first story, different enough to be a story of its own (and from the
    other new ones)."""
    first = raw_files(corpus)[0]
    name = "zz-new-article.txt" if n == 1 else f"zz-new-article-{n}.txt"
    new = content / first.parent.name / name
    new.write_text(variant(first.read_bytes().decode("utf-8", "replace"), 996 + n), encoding="utf-8")


# Creating a file on ext4 (as on this machine) can cost a check of every free
# inode the allocator passes for a recent deletion (the kernel's
# recently_deleted, seen in perf): within a minute or two of
# deleting thousands of files (an earlier benchmark's folder), each new file
# took 0.5-0.75 ms of kernel time here instead of about 0.04 ms, and a cold
# build writes 30,000. So a run first waits until files are cheap to create.
QUIET_MS_PER_FILE = 0.2


def file_creation_ms(folder: Path, count: int = 500) -> float:
    """Milliseconds to create and write one small new file in `folder`, a
    new folder. The files stay (in the benchmark's work folder, deleted
    with it): deleting them is what would slow the next ones."""
    folder.mkdir(parents=True)
    data = b"x" * 4096
    start = time.perf_counter()
    for k in range(count):
        (folder / f"{k}.html").write_bytes(data)
    return (time.perf_counter() - start) * 1000 / count


def wait_for_quiet_disk(work: Path, most_s: float = 240.0, every_s: float = 15.0, probe=file_creation_ms,
                        sleep=time.sleep, clock=time.monotonic) -> dict:
    """Probe file creation in `work` until it costs at most
    QUIET_MS_PER_FILE, waiting `every_s` between probes and `most_s` in all;
    what was measured, for the report (a last probe still slow says the
    run's figures may be too)."""
    started, probes = clock(), []
    while True:
        probes.append(round(probe(work / f"disk-probe-{len(probes) + 1}"), 3))
        if probes[-1] <= QUIET_MS_PER_FILE or clock() - started + every_s > most_s:
            return {"ms_per_new_file": probes, "waited_s": round(clock() - started, 1),
                    "quiet": probes[-1] <= QUIET_MS_PER_FILE}
        sleep(every_s)


def settle() -> None:
    """Let the disk finish writing what the last build left (the kernel
    writes it back over the next half minute) before a rebuild is timed: a
    story arrives long after the build before it, and its rebuild should
    not be charged for that build's writes."""
    if hasattr(os, "sync"):
        os.sync()


def rebuilds(corpus: Path, raw: Path, work: Path, name: str, settings: dict, runs: int = 3) -> dict:
    """With `pelicanconf.py` as a user has it: `runs` cold builds (each of its
    own fresh copy of the raw files in `raw`), then on the last one's
    folders `runs` builds with nothing changed, then `runs` rebuilds, each
    after one new raw article. Figures: medians, the ratios against the
    median cold build; the peak memory: of one more cold build, sampled
    and not timed (run_pelican)."""
    contents = [copy_corpus(raw, work / f"{name}-content-{run}") for run in range(1, runs + 1)]
    sampled = copy_corpus(raw, work / f"{name}-content-sampled")
    peak = run_pelican(sampled, work / f"{name}-out-sampled", settings, work / f"{name}-cache-sampled", cold=True,
                       sample=True)[1]
    settle()
    cold = []
    for run, content in enumerate(contents, 1):
        cold.append(run_pelican(content, work / f"{name}-out-{run}", settings, work / f"{name}-cache-{run}",
                                cold=True)[0])
    content, out, cache = contents[-1], work / f"{name}-out-{runs}", work / f"{name}-cache-{runs}"
    unchanged, again = [], []
    for _ in range(runs):
        settle()
        unchanged.append(run_pelican(content, out, settings, cache)[0])
    for n in range(1, runs + 1):
        add_one_story(corpus, content, n)
        settle()
        again.append(run_pelican(content, out, settings, cache)[0])
    median_cold = statistics.median(cold)
    return {"cold_s": round(median_cold, 2), "cold_runs_s": [round(t, 2) for t in cold],
            "nothing_changed_s": [round(t, 2) for t in unchanged], "after_one_new_s": [round(t, 2) for t in again],
            "ratio": round(statistics.median(again) / median_cold, 3),
            "ratio_nothing_changed": round(statistics.median(unchanged) / median_cold, 3),
            "cold_peak": peak}


def rebuild(corpus: Path, work: Path, runs: int) -> dict:
    return rebuilds(corpus, corpus, work, "rebuild", {}, runs)


def big_build(corpus: Path, work: Path, count: int, runs: int) -> dict:
    """A big synthesised digest with the project's own settings (feeds hold
    Pelican's default FEED_MAX_ITEMS, 100 stories, as a real digest's
    would): its cold build's time and memory, and its rebuilds."""
    raw = work / "big-raw"
    written = synthesise(corpus, raw, count)
    figures = rebuilds(corpus, raw, work, "big", {}, runs)
    peak = figures.pop("cold_peak")
    return {"articles": written, "seconds": figures["cold_s"], **peak, "rebuild": figures}


def write_report(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = ["# news-digest benchmark", "", f"Run {results['when']} on {results['machine']}.", ""]
    for section, values in results.items():
        if isinstance(values, dict):
            lines.append(f"## {section}")
            lines.append("")
            for key, value in values.items():
                lines.append(f"- {key}: {value}")
            lines.append("")
    (out / "report.md").write_text("\n".join(lines))


def default_corpus(shared: Path = ROOT.parent / "shared" / "corpus" / "bbc") -> Path:
    """The development corpus when it is there, else the sample digest."""
    return shared if raw_files(shared) else ROOT / "content"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child-build":
        child_build(*argv[1:5])
        return 0
    if argv and argv[0] == "child-related":
        child_related(*argv[1:3])
        return 0
    parser = argparse.ArgumentParser(prog="python -m news_digest.bench")
    parser.add_argument("--corpus", default="", help="raw articles (default ../shared/corpus/bbc, else content/)")
    parser.add_argument("--out", default=str(ROOT / "bench-results"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--related", default="2000,20000", help="the two related-stage sizes")
    parser.add_argument("--big", type=int, default=20000, help="articles in the large build (0: skip)")
    parser.add_argument("--clusters", default=str(ROOT.parent / "shared" / "corpus" / "clusters"),
                        help="same-story clusters, one folder per section")
    parser.add_argument("--cluster-labels", default=str(ROOT.parent / "shared" / "eval" / "clusters-dev.json"))
    parser.add_argument("--pathological-sizes", default="1000,2000,4000,8000", help="sizes of each hostile shape")
    parser.add_argument("--only", default="build,conversion,related,rebuild,big,stories,pathological")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus) if args.corpus else default_corpus()
    if not args.corpus:
        print(f"news_digest.bench: benchmarking {corpus}", file=sys.stderr)
    if not raw_files(corpus):
        print(f"news_digest.bench: {corpus}: no raw .txt articles", file=sys.stderr)
        return 2
    only = set(args.only.split(","))
    small, large = (int(n) for n in args.related.split(","))
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"),
                     "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
                     "corpus": str(corpus)}
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        results["disk"] = wait_for_quiet_disk(work)
        if not results["disk"]["quiet"]:
            print(f"news_digest.bench: creating a file still costs {results['disk']['ms_per_new_file'][-1]} ms "
                  "(thousands deleted recently?); timings may be slow", file=sys.stderr)
        steps = [
            ("conversion", lambda: conversion(corpus)),
            ("build", lambda: full_build(corpus, work, args.runs)),
            ("related", lambda: related(corpus, small, large)),
            ("rebuild", lambda: rebuild(corpus, work, args.runs)),
            ("big", lambda: big_build(corpus, work, args.big, args.runs) if args.big else None),
            ("stories", lambda: story_grouping(corpus, work, Path(args.clusters), Path(args.cluster_labels))),
            ("pathological", lambda: pathological(tuple(int(n) for n in args.pathological_sizes.split(",")))),
        ]
        for name, step in steps:
            if name in only:
                print(f"news_digest.bench: {name}...", file=sys.stderr, flush=True)
                results[name] = step()
                write_report(results, Path(args.out))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
