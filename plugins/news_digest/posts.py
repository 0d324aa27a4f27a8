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
    """Convert one job; returns an Article or the ConversionError's message.
    A top-level function, so that worker processes can run it."""
    try:
        return convert_article(
            job.data, source=job.rel, category=job.category, file_time=job.file_time, options=options
        )
    except ConversionError as exc:
        return str(exc)


def convert_jobs(jobs: list[Job], options: Options, workers: int):
    """Convert jobs, spread over worker processes when there are enough of
    them to pay for it. Yields results in the jobs' order."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        yield from (convert_job(job, options) for job in jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Load the word lists before forking: the workers share them.
    load_lexicon()
    load_gazetteer()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Results are used as they come (a generator), not gathered in a list.
        yield from pool.map(convert_job, jobs, [options] * len(jobs), chunksize=chunk)


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
    """Bring the Markdown post of every raw file up to date.

    A post is (re)written when it is missing, or when its raw file or the
    converter changed and nobody has edited it. An edited post is kept as it
    is. Exact duplicate raw files are published once. Slugs are given in the
    raw files' order, so the result does not depend on how many workers ran.
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
    for job, result in zip(jobs, convert_jobs(jobs, options, workers)):
        job.data = b""  # written out as it goes: a big digest is not held twice in memory
        if isinstance(result, str):
            report.failed.append((job.rel, result))
            continue
        post_rel = job.post_path.relative_to(content).as_posix()
        slug = job.slug or make_unique_slug(result.slug, taken)
        taken[slug] = post_rel
        entry_id = job.entry_id or make_entry_id(job.rel, slug)
        article = replace(result, slug=slug)
        write_atomically(job.post_path, render_markdown(article, entry_id=entry_id, digest_input=job.digest_input))
        report.written.append(post_rel)
    return report
