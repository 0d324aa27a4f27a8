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

A post a conversion worker wrote comes with its HTML, rendered in the worker
by a `Prerenderer` exactly as this reader renders it: Markdown is about half
of the time this process takes to read a post, and the workers have cycles
to spare while it reads. The HTML is used only when the post's text is
byte for byte the text it was rendered from.
"""
from __future__ import annotations

import os
import zlib

from markdown import Markdown
from markdown.serializers import to_html_string
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from ..site.html_text import plain_text
from ..site.plain_paragraphs import paragraphs_html
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
            ready = take_prerendered(source_path, text)
        if ready is None:
            content, meta, formatted = convert(md, text, self._plain), md.Meta, {}
        else:
            content, meta, formatted = ready
        self._md = WithFormatted(md, formatted, self._plain)
        return counted(*reading_sanitized(content, self._parse_metadata(meta)))

    def first_read(self, source_path):
        prerendered.pop(os.path.abspath(source_path), None)
        content, metadata = super().read(source_path)
        md = self._md
        # The meta preprocessor and its priority, found before Pelican took
        # it out; without them this reader makes an instance per post, as
        # Pelican does.
        if hasattr(md, "Meta") and not hasattr(self, "_meta"):
            fresh = type(md)(**self.settings["MARKDOWN"])
            meta = meta_preprocessor(fresh)
            if meta is not None:
                self._meta, self._reused_md = meta, fresh
                self._plain = plain_paragraphs_apply(fresh)
        return counted(*reading_sanitized(content, metadata))


def meta_preprocessor(md: Markdown):
    """The instance's `meta` preprocessor, as register() takes it back."""
    priorities = {p.name: p.priority for p in getattr(md.preprocessors, "_priority", [])}
    return (md.preprocessors["meta"], "meta", priorities["meta"]) if "meta" in priorities else None


class WithFormatted:
    """The reader's Markdown instance, for Pelican's _parse_metadata, with
    the formatted fields (the summary) a worker already rendered, and the
    others rendered by `convert`."""

    def __init__(self, md: Markdown, formatted: dict[str, str], plain: bool):
        self._instance, self._formatted, self._plain = md, formatted, plain

    def __getattr__(self, name):
        return getattr(self._instance, name)

    def convert(self, text: str) -> str:
        html = self._formatted.get(text)
        return convert(self._instance, text, self._plain) if html is None else html


# What Python-Markdown runs with the project's MARKDOWN setting ("extra" and
# "meta"), by kind: plain_paragraphs.paragraphs_html gives its HTML for a
# post of plain paragraphs. With anything else registered (a user's own
# extensions), every post goes through Python-Markdown.
PLAIN_PROCESSORS = {
    "preprocessors": {"normalize_whitespace", "fenced_code_block", "html_block", "meta"},
    "blockprocessors": {"empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote",
                        "reference", "paragraph", "footnote", "defindent", "deflist", "table", "abbr",
                        "markdown_block"},
    "inlinePatterns": {"backtick", "escape", "reference", "link", "image_link", "image_reference",
                       "short_reference", "short_image_ref", "autolink", "automail", "linebreak", "html", "entity",
                       "em_strong", "footnote"},
    "treeprocessors": {"inline", "prettify", "unescape", "footnote", "footnote-duplicate", "attr_list", "abbr"},
    "postprocessors": {"footnote", "amp_substitute", "raw_html"},
}


def plain_paragraphs_apply(md: Markdown) -> bool:
    """Is `md` made as PLAIN_PROCESSORS says, writing HTML?"""
    registries = {"preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
                  "inlinePatterns": md.inlinePatterns, "treeprocessors": md.treeprocessors,
                  "postprocessors": md.postprocessors}
    return md.serializer is to_html_string and md.tab_length == 4 and all(
        {item.name for item in registries[kind]._priority} == names for kind, names in PLAIN_PROCESSORS.items())


def convert(md: Markdown, text: str, plain: bool) -> str:
    """md.convert(text), from an instance just reset; for a post of plain
    paragraphs (`plain`: md is as plain_paragraphs_apply says), the same
    HTML and md.Meta without the block parser, inline patterns and
    serialiser. Only Markdown's own first two preprocessors run: they
    normalise white space and take the metadata out. The next two (fenced
    code, HTML blocks) leave plain paragraphs as they are."""
    if plain and text.strip():
        lines = text.split("\n")
        for name in ("normalize_whitespace", "meta"):  # their order in Markdown (priorities 30, 27)
            if name in md.preprocessors:
                lines = md.preprocessors[name].run(lines)
        html = paragraphs_html(lines)
        if html is not None:
            return html
        md.reset()
    return md.convert(text)


class Prerenderer:
    """In a conversion worker: what ReusingMarkdownReader.read makes of a
    post's Markdown before Pelican's _parse_metadata (its HTML, its raw
    metadata, and each formatted field's HTML), made the same way: one
    instance reset for each post, the `meta` preprocessor out for the
    formatted fields. `settings` holds MARKDOWN and FORMATTED_FIELDS."""

    def __init__(self, settings: dict):
        reader = ReusingMarkdownReader(settings)  # completes MARKDOWN as Pelican's reader does
        self.md = Markdown(**reader.settings["MARKDOWN"])
        self.meta = meta_preprocessor(self.md)
        self.plain = plain_paragraphs_apply(self.md)
        self.formatted_fields = settings["FORMATTED_FIELDS"]

    def render(self, text: str) -> tuple[str, dict, dict[str, str]] | None:
        if self.meta is None:
            return None  # no metadata: not a post this reader reuses an instance for
        md = self.md
        if "meta" not in md.preprocessors:
            md.preprocessors.register(*self.meta)
        md.reset()
        content, meta = convert(md, text, self.plain), md.Meta
        md.preprocessors.deregister("meta")
        formatted = {}
        for name, value in meta.items():
            if name.lower() in self.formatted_fields:
                joined = "\n".join(value)
                md.reset()
                formatted[joined] = convert(md, joined, self.plain)
        return content, meta, formatted


# Posts just written, with what a worker rendered of them, by absolute path:
# (Markdown, HTML, metadata, formatted fields). Each is taken when read.
prerendered: dict[str, tuple] = {}


def offer_prerendered(path, markdown: str, rendered) -> None:
    if rendered is not None:
        prerendered[os.path.abspath(str(path))] = (markdown, *rendered)


def forget_prerendered() -> None:
    """Drop what no reader took (a post Pelican did not read)."""
    prerendered.clear()


def take_prerendered(path: str, text: str):
    """(HTML, metadata, formatted fields) for the post at `path`, if a
    worker rendered exactly `text`."""
    entry = prerendered.pop(os.path.abspath(path), None)
    return entry[1:] if entry is not None and entry[0] == text else None


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
