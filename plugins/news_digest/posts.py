"""Raw files -> Markdown posts on disk, never overwriting a person's edit.

Shared by the Pelican glue and the command line. This is the only module of
the converter that touches files; `sync_posts` returns what happened so that
the caller can log it.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Iterator

from .convert import Options, convert_article, make_entry_id, render_markdown
from .errors import ConversionError
from .gazetteer import fold, load_gazetteer
from .markdown_post import is_edited, read_header
from .repair import load_lexicon, release_lexicon
from .slugs import make_unique_slug

PACKAGE_DIR = Path(__file__).resolve().parent
# Fewer raw files than this are converted in-process: starting workers costs more.
PARALLEL_FROM = 200


@lru_cache(maxsize=8)
def converter_fingerprint(options_repr: str) -> str:
    """Changes whenever the converter's code, its libraries or its options do,
    so that a cached post is then converted again."""
    digest = hashlib.sha256(options_repr.encode())
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for lib in ("ftfy", "wordsegment", "pelican", "markdown"):
        try:
            digest.update(f"{lib}={importlib_metadata.version(lib)}".encode())
        except importlib_metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:16]


def write_atomically(path, data: str | bytes) -> bool:
    """Write a file so that a crash never leaves a half-written one where a
    good one was (a temporary file beside it, renamed over it). A file that
    already holds these bytes is left alone: cheaper, and its timestamp stays
    true. Returns whether the file changed."""
    path = str(path)
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
        existed = True
    except OSError:
        existed = os.path.exists(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    # With no good file to lose, write in place (creating two directory
    # entries per file is slow on big folders); a failed write is removed.
    temporary = f"{path}.{os.getpid()}.part" if existed else path
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        if temporary != path:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


def category_for(rel_path: str, default: str) -> str:
    """A raw file's section: the name of the folder it sits in, exactly as
    Pelican names the category of a post in that folder.

    >>> category_for("world/flood.txt", "News"), category_for("x.txt", "News")
    ('world', 'News')
    """
    return Path(rel_path).parent.name or default


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (dropped, kept)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def post_path_for(content: Path, rel: str) -> Path:
    return (content / rel).with_suffix(".md")


def taken_slugs(content: Path, markdown_files) -> dict[str, str]:
    """Slug -> post path for every Markdown post already in the content."""
    taken = {}
    for rel in markdown_files:
        try:
            with open(content / rel, encoding="utf-8", errors="replace") as handle:
                head = handle.read(8192)
        except OSError:
            continue
        slug = read_header(head).get("slug")
        if slug:
            taken[slug[0]] = rel
    return taken


@dataclass
class Job:
    """A raw file that needs (re)converting, and what its post already fixed."""

    rel: str
    post_path: Path
    data: bytes
    file_time: datetime
    category: str
    digest_input: str
    slug: str | None = None  # kept from an earlier version of the post
    entry_id: str | None = None


def convert_job(job: Job, options: Options):
    """Convert one job; returns (Article, its Markdown post) or the
    ConversionError's message. The post is rendered here, in the worker, with
    the slug the post keeps or the article's own; write_posts renders it
    again in the rare case that slug is taken. A top-level function, so that
    worker processes can run it."""
    try:
        article = convert_article(
            job.data, source=job.rel, category=job.category, file_time=job.file_time, options=options
        )
    except ConversionError as exc:
        return str(exc)
    article = replace(article, slug=job.slug or article.slug)
    return article, render_job(job, article)


def render_job(job: Job, article) -> str:
    entry_id = job.entry_id or make_entry_id(job.rel, article.slug)
    return render_markdown(article, entry_id=entry_id, digest_input=job.digest_input)


def worker_count(jobs: int, other_posts: int, workers: int) -> int:
    """How many worker processes convert `jobs` raw files (0: this process
    does). Many jobs: one worker per core. A few jobs in a big digest: one
    worker, which converts them (loading the word lists takes about a second)
    while Pelican reads the other posts. Otherwise starting a process costs
    more than it saves.

    >>> worker_count(5000, 0, 2), worker_count(1, 5000, 2), worker_count(1, 10, 2), worker_count(5000, 0, 1)
    (2, 1, 0, 0)
    """
    if workers < 2 or not jobs:
        return 0
    if jobs >= PARALLEL_FROM:
        return workers
    return 1 if other_posts >= PARALLEL_FROM else 0


def convert_jobs(jobs: list[Job], options: Options, workers: int, other_posts: int = 0) -> Iterator:
    """Convert jobs, spread over worker processes when that pays (see
    worker_count). Returns the results in the jobs' order, as an iterator;
    the workers start at once and run ahead of whoever reads it."""
    processes = worker_count(len(jobs), other_posts, workers or os.cpu_count() or 1)
    if not processes:
        return (convert_job(job, options) for job in jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if not other_posts:
        # Nothing else to do meanwhile: load the word lists before forking,
        # so that the workers share one copy.
        load_lexicon()
        load_gazetteer()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(jobs) // (processes * 8)))
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=context)
    # map() submits every job now; its results are used as they come.
    results = pool.map(convert_job, jobs, [options] * len(jobs), chunksize=chunk)
    release_word_lists()  # the workers have their own copies now

    def in_order():
        with pool:
            yield from results

    return in_order()


def release_word_lists() -> None:
    """Give back the memory of the word lists convert_jobs loads (over
    100 MB): the rest of a build does not need them, and they load again
    when something is next converted."""
    release_lexicon()
    load_gazetteer.cache_clear()
    fold.cache_clear()


def sync_posts(
    content: Path,
    raw_files: list[str],
    markdown_files: list[str],
    options: Options,
    fingerprint: str,
    default_category: str,
    workers: int = 1,
) -> SyncReport:
    """Bring the Markdown post of every raw file up to date, all at once
    (plan_posts, then write_posts)."""
    plan = plan_posts(content, raw_files, markdown_files, fingerprint, default_category)
    for _ in write_posts(plan, options, workers):
        pass
    return plan.report


@dataclass
class PostPlan:
    """What plan_posts found: posts to (re)write, and what is already known."""

    content: Path
    report: SyncReport
    jobs: list[Job]
    taken: dict[str, str]  # slug -> post path, for unique slugs

    def post_rel(self, job: Job) -> str:
        return job.post_path.relative_to(self.content).as_posix()


def plan_posts(
    content: Path,
    raw_files: list[str],
    markdown_files: list[str],
    fingerprint: str,
    default_category: str,
) -> PostPlan:
    """Which raw files need converting.

    A post is (re)written when it is missing, or when its raw file or the
    converter changed and nobody has edited it. An edited post is kept as it
    is. Exact duplicate raw files are published once.
    """
    report = SyncReport()
    taken = taken_slugs(content, markdown_files)
    seen_bytes: dict[str, str] = {}
    jobs: list[Job] = []
    for rel in sorted(raw_files):
        raw_path = content / rel
        post_path = post_path_for(content, rel)
        post_rel = post_path.relative_to(content).as_posix()
        try:
            data = raw_path.read_bytes()
            file_time = datetime.fromtimestamp(raw_path.stat().st_mtime)
        except OSError as exc:
            report.failed.append((rel, f"cannot be read ({exc.strerror})"))
            continue
        raw_hash = hashlib.sha256(data).hexdigest()
        if raw_hash in seen_bytes:
            report.duplicates.append((rel, seen_bytes[raw_hash]))
            continue
        seen_bytes[raw_hash] = rel
        digest_input = f"{raw_hash[:32]}-{fingerprint}"

        existing = post_path.read_text(encoding="utf-8", errors="replace") if post_path.exists() else ""
        header = read_header(existing) if existing else {}
        if existing:
            if header.get("source", [None])[0] != rel:
                report.skipped.append(
                    (rel, f"{post_rel} exists and was not made from this file; not touching it")
                )
                continue
            if is_edited(existing):
                report.kept_edited.append(post_rel)
                continue
            if header.get("digest_input", [None])[0] == digest_input:
                report.unchanged.append(post_rel)
                continue
        jobs.append(Job(
            rel, post_path, data, file_time, category_for(rel, default_category), digest_input,
            header.get("slug", [None])[0], header.get("entry_id", [None])[0],
        ))
    return PostPlan(content, report, jobs, taken)


def write_posts(plan: PostPlan, options: Options, workers: int = 1) -> Iterator[str]:
    """Convert the plan's jobs and write their posts. Starts converting at
    once, and yields each job's post path (relative to the content folder)
    when the job is done, written or failed, in the jobs' order, so that a
    reader can take each post as soon as it is there. Slugs are given in the
    raw files' order, so the result does not depend on how many workers ran.
    """
    # Not a generator itself, so that the workers start now, not when the
    # first post is asked for.
    other_posts = len(plan.report.unchanged) + len(plan.report.kept_edited)
    return _write_results(plan, convert_jobs(plan.jobs, options, workers, other_posts))


def _write_results(plan: PostPlan, results) -> Iterator[str]:
    report, taken = plan.report, plan.taken
    for job, result in zip(plan.jobs, results):
        job.data = b""  # written out as it goes: a big digest is not held twice in memory
        post_rel = plan.post_rel(job)
        if isinstance(result, str):
            report.failed.append((job.rel, result))
            yield post_rel
            continue
        article, markdown = result
        slug = job.slug or make_unique_slug(article.slug, taken)
        if slug != article.slug:
            article = replace(article, slug=slug)
            markdown = render_job(job, article)
        taken[slug] = post_rel
        write_atomically(job.post_path, markdown)
        report.written.append(post_rel)
        yield post_rel
    release_word_lists()  # the rest of a build does not need them
