"""Pelican glue: a Writer that never leaves a half-written page or feed.

Pelican's Writer opens its target and writes into it; a build stopped halfway
leaves a truncated page where a good one was. This one writes beside the
target and renames over it when the page is complete (signal get_writer).
"""
from __future__ import annotations

import logging
import os
import tempfile

from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)


class AtomicFile:
    """A text file written to a temporary name, renamed into place on a clean
    close, thrown away if the `with` block fails."""

    def __init__(self, path: str, encoding: str):
        directory = os.path.dirname(path) or "."
        os.makedirs(directory, exist_ok=True)
        fd, self.temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
        self.path = path
        self.handle = os.fdopen(fd, "w", encoding=encoding)

    def write(self, text: str) -> int:
        return self.handle.write(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        self.handle.close()
        if kind is None:
            os.chmod(self.temporary, 0o644)
            os.replace(self.temporary, self.path)
        else:
            os.unlink(self.temporary)
        return False


class AtomicWriter(Writer):
    """Pelican's Writer with atomic file writes (same overwrite rules)."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (writers.Writer._open_w), then an atomic file.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already '
                    "written to it previously (set `override=True` if intended)"
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return AtomicFile(filename, encoding)
