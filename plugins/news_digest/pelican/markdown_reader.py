"""Pelican glue: Pelican's Markdown reader, with one Markdown instance reused
for every post of a build instead of a new one per post.

Making a Markdown instance loads and registers every extension again, about
a third of the time Pelican takes to read a news story (measured: 0.22 s of
0.76 s for 500 posts), and a digest has thousands. Python-Markdown's `reset()`
is made for this reuse: it clears the state one document leaves (metadata,
footnotes, the table of contents) through each extension's own reset, so a
post reads exactly as with a fresh instance (tested on every post of the
sample and of the benchmark corpus). Only Pelican's own reader is replaced
(signal readers_init); a reader set in READERS is left alone. A post made
from a raw file is sanitised here (sanitizing.py), before Pelican caches it.
"""
from __future__ import annotations

import zlib

from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from ..site.html_text import plain_text
from ..site.seo import word_count
from .sanitizing import reading_sanitized

# Metadata the reader adds (and Pelican's reader cache keeps): "checksum of
# the post's HTML:its word count" (descriptions.words_of reads it).
COUNTED = "digest_counted_words"


class ReusingMarkdownReader(MarkdownReader):
    """MarkdownReader.read, with the instance reset rather than made again.

    Pelican's _parse_metadata takes the `meta` preprocessor out of the
    instance (so that a summary's lines are not read as metadata); it is put
    back, with its priority, before the next post."""

    def read(self, source_path):
        md = getattr(self, "_reused_md", None)
        if md is None:
            return self.first_read(source_path)
        if "meta" not in md.preprocessors:
            md.preprocessors.register(*self._meta)
        md.reset()
        self._source_path, self._md = source_path, md
        with pelican_open(source_path) as text:
            content = md.convert(text)
        return counted(*reading_sanitized(content, self._parse_metadata(md.Meta)))

    def first_read(self, source_path):
        content, metadata = super().read(source_path)
        md = self._md
        # The meta preprocessor and its priority, found before Pelican took
        # it out; without them this reader makes an instance per post, as
        # Pelican does.
        if hasattr(md, "Meta") and not hasattr(self, "_meta"):
            fresh = type(md)(**self.settings["MARKDOWN"])
            priorities = {p.name: p.priority for p in getattr(fresh.preprocessors, "_priority", [])}
            if "meta" in priorities:
                self._meta = (fresh.preprocessors["meta"], "meta", priorities["meta"])
                self._reused_md = fresh
        return counted(*reading_sanitized(content, metadata))


def counted(content: str, metadata: dict) -> tuple[str, dict]:
    """(content, metadata), with the post's word count as read, and a
    checksum of the HTML it counted, so that a rebuild need not count every
    story again (a third of a second for 2,225 stories)."""
    return content, {**metadata, COUNTED: f"{html_checksum(content)}:{word_count(plain_text(content))}"}


def html_checksum(html: str) -> str:
    return str(zlib.crc32(html.encode("utf-8", "surrogatepass")))


def reuse_markdown(readers) -> None:
    """Signal readers_init."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader
