"""The conversion pipeline: raw bytes -> Article (render.py makes the post).

Pure: no Pelican, no file I/O, no logging. Errors are ConversionError.
"""
from __future__ import annotations

import re
import time
from datetime import datetime

from ..tags.entities import find_entities
from ..tags.entity import Entity
from ..tags.salience import choose_tags
from . import structure
from .article import Article, Options, WordLists
from .capitals import restore_capitals
from .dates import find_article_date
from .decode import decode_article_with_stray_bytes
from .errors import ConversionError
from .lexicon import Lexicon
from .repair import repair_text
from .slugs import make_slug
from .structure import LIST, PARAGRAPH, Block

SENTENCE = re.compile(r"(?<=[.!?\u2026])[\u201d\u2019\"')]*\s+")


def repair_blocks(blocks: tuple[Block, ...], lexicon: Lexicon | None) -> tuple[Block, ...]:
    return tuple(
        Block(LIST, items=tuple(repair_text(item, lexicon) for item in block.items)) if block.kind == LIST
        else Block(block.kind, repair_text(block.text, lexicon))
        for block in blocks
    )


def capitalise_names(title: str, blocks: tuple[Block, ...], see_also: tuple[str, ...], words: WordLists):
    """The story with the capitals of known names put back (capitals.py)."""
    def fix(text: str) -> str:
        return restore_capitals(text, words.gazetteer.proper_places, words.lexicon.bigrams)

    blocks = tuple(
        Block(LIST, items=tuple(fix(i) for i in b.items)) if b.kind == LIST else Block(b.kind, fix(b.text))
        for b in blocks
    )
    return fix(title), blocks, tuple(fix(s) for s in see_also)


def summarise(blocks: tuple[Block, ...], max_words: int) -> tuple[str, str]:
    """Return (standfirst, summary). The standfirst is a short first paragraph
    that sums up the story; without one the summary is the story's opening,
    cut at a sentence end. Both are at most 12 characters a word long: a
    run of symbols is one "word", and Markdown's time on the Summary line
    grows faster than its length."""
    max_chars = 12 * max_words
    first = next((b.text for b in blocks if b.kind == PARAGRAPH), "")
    if blocks and blocks[0].kind == PARAGRAPH and len(first.split()) <= max_words and len(first) <= max_chars:
        return first, first
    summary = ""
    for sentence in SENTENCE.split(first[: max_chars * 4]):
        if summary and len((summary + " " + sentence).split()) > max_words:
            break
        summary = f"{summary} {sentence}".strip()
    words = summary.split()
    if len(words) > max_words:
        summary = " ".join(words[:max_words]) + "\u2026"
    if len(summary) > max_chars:
        cut = summary[:max_chars]
        summary = (cut.rsplit(" ", 1)[0] if " " in cut[max_chars // 2:] else cut).rstrip() + "\u2026"
    return "", summary


def convert_article(
    data: bytes,
    *,
    source: str,
    category: str,
    file_time: datetime,
    options: Options,
    words: WordLists,
    timings: dict[str, float] | None = None,
) -> Article:
    """Convert one raw article; raise ConversionError when it cannot be.

    With `timings`, the seconds spent in each stage (decode, structure,
    repair, tags) are added to it: the benchmark reads them.
    """
    clock = StageClock(timings)
    text, stray = decode_article_with_stray_bytes(data)
    if not text.strip():
        raise ConversionError("empty: no text in the file")
    clock.lap("decode")
    parsed = structure.parse_structure(text, options.boilerplate)
    clock.lap("structure")
    lexicon = words.lexicon if options.split_run_together else None
    title = repair_text(parsed.headline, lexicon)
    blocks = repair_blocks(parsed.blocks, lexicon)
    see_also = tuple(repair_text(s, lexicon) for s in parsed.see_also)
    if options.restore_capitals:
        title, blocks, see_also = capitalise_names(title, blocks, see_also, words)
    standfirst, summary = summarise(blocks, options.standfirst_max_words)
    filename = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = filename.rsplit(".", 1)[0]
    when, date_source = find_article_date(
        filename, "\n".join(b.text for b in blocks), file_time, title=title, metadata=parsed.date
    )
    clock.lap("repair")
    entities = tag_article(title, blocks, standfirst, options, words)
    clock.lap("tags")
    return Article(
        source=source,
        title=title,
        slug=make_slug(title, options.slugify, stem, options.slug_max_length),
        date=when,
        date_source=date_source,
        category=category,
        standfirst=standfirst,
        summary=summary,
        blocks=blocks,
        see_also=see_also,
        entities=entities,
        warnings=(stray_bytes_warning(stray),) if stray else (),
    )


def stray_bytes_warning(offsets: tuple[int, ...]) -> str:
    """One line on the bytes that did not decode, naming where they are."""
    shown = ", ".join(str(o) for o in offsets[:10]) + (", ..." if len(offsets) > 10 else "")
    return (f"{len(offsets)} byte{'s' * (len(offsets) != 1)} did not decode (at byte offset{'s' * (len(offsets) != 1)} "
            f"{shown}); read as Windows-1252 and published")


class StageClock:
    """Adds the time since the last lap to a stage's total (no-op without one)."""

    def __init__(self, totals: dict[str, float] | None):
        self.totals = totals
        self.last = time.perf_counter() if totals is not None else 0.0

    def lap(self, stage: str) -> None:
        if self.totals is not None:
            now = time.perf_counter()
            self.totals[stage] = self.totals.get(stage, 0.0) + now - self.last
            self.last = now


def tag_article(
    title: str, blocks: tuple[Block, ...], standfirst: str, options: Options, words: WordLists
) -> tuple[Entity, ...]:
    """The entities a post is tagged with, most salient first."""
    paragraphs = [t for b in blocks for t in (b.items if b.kind == LIST else (b.text,))]
    found = find_entities(title, paragraphs, standfirst, words.gazetteer, words.lexicon.unigrams)
    chosen = choose_tags(
        found, options.tags_max, dict(options.tag_aliases), options.tag_ignore, words.gazetteer.places,
        options.tags_of_any_kind,
    )
    return tuple(chosen)
