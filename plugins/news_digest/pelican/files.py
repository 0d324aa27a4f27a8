"""Writing files so that a crash never leaves a half-written one, and
noting every file a build writes or finds unchanged (stale_output.py
removes the rest)."""
from __future__ import annotations

import logging
import os
import stat

logger = logging.getLogger(__name__)
touched: set[str] = set()  # absolute paths this build wrote or found as they should be


def note_kept(path) -> None:
    """A file this build would have written, found unchanged without writing it."""
    touched.add(os.path.abspath(str(path)))


def write_atomically(path, data: str | bytes, new_too: bool = False) -> bool:
    """Write a file so that a crash never leaves a half-written one where a
    good one was (a temporary file beside it, renamed over it). A file that
    already holds these bytes is left alone: cheaper, and its timestamp stays
    true. A link at the path is replaced, never written through. A new file
    is written in place unless `new_too` (a page the next build would just
    write again), so a crash can leave it cut short: posts pass new_too, as a
    cut-short post would be taken for a person's edit. Returns whether the
    file changed."""
    path = str(path)
    touched.add(os.path.abspath(path))
    data = data.encode("utf-8") if isinstance(data, str) else data
    # One lstat for what islink, getsize and lexists each asked the file
    # system: a cold build writes some 30,000 files, most of them new.
    try:
        found = os.lstat(path)
    except OSError:  # missing, or out of reach: writing it will say why
        found = None
    if found is not None and stat.S_ISREG(found.st_mode) and found.st_size == len(data):
        try:
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
        except OSError:
            pass
    existed = found is not None  # a link is replaced, never written through
    # With no good file to lose, write in place (creating two directory
    # entries per file is slow on big folders); a failed write is removed.
    temporary = f"{path}.{os.getpid()}.part" if existed or new_too else path
    try:
        try:
            handle = open(temporary, "wb")
        except FileNotFoundError:  # its folder is made only when missing
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            handle = open(temporary, "wb")
        with handle:
            handle.write(data)
        if temporary != path:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


# Output files that could not be written are named, up to this many; then counted.
NAMED_FAILURES = 20
failures = [0]


def write_output(path, data: bytes) -> bool:
    """write_atomically for a page or feed of the site: a file that cannot be
    written (a full disk, a read-only folder) is reported by path and the
    build goes on. Returns whether the file is there as it should be."""
    try:
        write_atomically(path, data)
        return True
    except OSError as exc:
        failures[0] += 1
        if failures[0] <= NAMED_FAILURES:
            logger.error("news_digest: %s: cannot be written (%s)", path, exc.strerror or exc)
        elif failures[0] == NAMED_FAILURES + 1:
            logger.error("news_digest: more files cannot be written; only the first %d are named", NAMED_FAILURES)
        return False
