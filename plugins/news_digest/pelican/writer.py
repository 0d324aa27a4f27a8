"""Pelican glue: a Writer that never leaves a half-written page, and does
not rewrite a page that has not changed.

Pelican's Writer opens its target and writes into it; a build stopped halfway
leaves a truncated page where a good one was. This one keeps the page in
memory, and on a clean close writes it beside the target and renames it over
(signal get_writer). A page whose bytes are already on disk is left alone:
that is cheaper than writing it, and keeps its timestamp true for rsync and
static hosts.
"""
from __future__ import annotations

import io
import logging
import os

from pelican.writers import FileOverwriteFailedError, Writer

from . import page_inputs, search_build
from .files import note_kept, write_output

logger = logging.getLogger(__name__)


class AtomicFile:
    """A text file kept in memory and written on a clean close; thrown away
    if the `with` block fails."""

    def __init__(self, path: str, encoding: str, key: str = ""):
        self.path, self.encoding, self.key = path, encoding, key
        self.buffer = io.StringIO()

    def write(self, text: str) -> int:
        return self.buffer.write(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        if kind is None:
            page = self.buffer.getvalue()
            if write_output(self.path, page.encode(self.encoding)):
                search_build.page_written(self.path, page, self.key)  # Pagefind may start on its bundle
        return False


class AtomicWriter(Writer):
    """Pelican's Writer with atomic, write-if-changed files (same overwrite
    rules), that does not render a page whose inputs are as they were
    (page_inputs.py)."""

    stamp = ""  # the build's global inputs, worked out at its first page

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_written: list[str] = []  # files this build wrote, the first time each
        self.key = ""  # the page key of the page being rendered

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return None
        if self.stamp == "":
            self.stamp = page_inputs.global_inputs(context)
        record = page_inputs.record_for(self.output_path, self.settings)
        # Pelican names the template of listings only; a story's or a page's is its file's.
        kind = template_name or os.path.splitext(os.path.basename(getattr(template, "name", "") or ""))[0]
        key = page_inputs.page_key(name, kind, context, kwargs, relative_urls, self.stamp)
        if key is not None and kind == "article" and "article" in kwargs:
            page_inputs.story_keys[id(kwargs["article"])] = key  # for its feed entry (feed_generator)
        kept = record.kept(name, key)
        if kept is not None and not override_output:
            for path in kept:
                self._written_files.add(path)
                note_kept(path)
                search_build.page_kept(path, key)
            record.record(name, key, kept)
            return None
        start = len(self.first_written)
        self.key = key or ""
        try:
            result = super().write_file(name, template, context, relative_urls, paginated, template_name,
                                        override_output, url, **kwargs)
        finally:
            self.key = ""
        record.record(name, key, sorted(self.first_written[start:]))
        return result

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
        if filename not in self._written_files:
            # In order, so that a page's files are the tail it added (a copy
            # of the set per page would cost the square of the page count).
            self.first_written.append(filename)
        self._written_files.add(filename)
        return AtomicFile(filename, encoding, self.key)


def atomic_writer(pelican):
    """Pages written whole or not at all (signal get_writer)."""
    return AtomicWriter
