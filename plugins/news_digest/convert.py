"""The conversion pipeline: raw bytes -> Article -> Markdown post.

Pure: no Pelican, no file I/O, no logging. Errors are ConversionError.
"""
from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from . import structure
from .dates import find_article_date
from .decode import decode_article
from .entities import Entity, choose_tags, find_entities
from .errors import ConversionError
from .gazetteer import load_gazetteer
from .markdown_post import escape_markdown, fenced, is_symbol_soup, render_post, render_text_block
from .repair import Lexicon, load_lexicon, repair_text
from .settings import DEFAULT_TAG_ALIASES
from .slugs import make_slug
from .structure import HEADING, LIST, PARAGRAPH, Block

SENTENCE = re.compile(r"(?<=[.!?\u2026])[\u201d\u2019\"')]*\s+")
OPENING_QUOTE = re.compile("^[\"\u201c\u201e\u00ab]")
ID_NAMESPACE = uuid.UUID("3f0c1c52-5d0e-4c1b-9a51-6e6577736467")


@dataclass(frozen=True)
class Options:
    """Conversion settings, as plain values (the glue builds them from
    NEWS_DIGEST_* settings)."""

    boilerplate: tuple = field(default_factory=tuple)  # compiled patterns
    standfirst_max_words: int = 60
    slug_max_length: int = 80
    split_run_together: bool = True
    tags_max: int = 8
    tag_aliases: tuple = ()  # (variant, canonical) pairs
    tag_ignore: tuple = ()


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    slug: str
    date: datetime
    date_source: str
    category: str
    standfirst: str
    summary: str
    blocks: tuple[Block, ...]
    see_also: tuple[str, ...]
    entities: tuple[Entity, ...] = ()

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entities)

    @property
    def text(self) -> str:
        """The story as plain text (headline, then every block)."""
        parts = [self.title]
        for block in self.blocks:
            parts.extend(block.items if block.kind == LIST else (block.text,))
        return "\n\n".join(parts)


def make_options(settings: dict) -> Options:
    """Options from resolved NEWS_DIGEST_* settings (without the prefix)."""
    return Options(
        boilerplate=structure.compile_boilerplate(settings["BOILERPLATE"]),
        standfirst_max_words=settings["STANDFIRST_MAX_WORDS"],
        slug_max_length=settings["SLUG_MAX_LENGTH"],
        split_run_together=settings["SPLIT_RUN_TOGETHER"],
        tags_max=settings["TAGS_MAX"],
        tag_aliases=tuple({**DEFAULT_TAG_ALIASES, **settings["TAG_ALIASES"]}.items()),
        tag_ignore=tuple(settings["TAG_IGNORE"]),
    )


def repair_blocks(blocks: tuple[Block, ...], lexicon: Lexicon | None) -> tuple[Block, ...]:
    repaired = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        continued = bool(
            following and following.kind == PARAGRAPH and OPENING_QUOTE.match(following.text)
        )
        if block.kind == LIST:
            items = tuple(repair_text(item, lexicon) for item in block.items)
            repaired.append(Block(LIST, items=items))
        else:
            repaired.append(Block(block.kind, repair_text(block.text, lexicon, continued)))
    return tuple(repaired)


def summarise(blocks: tuple[Block, ...], max_words: int) -> tuple[str, str]:
    """Return (standfirst, summary). The standfirst is a short first paragraph
    that sums up the story; without one the summary is the story's opening,
    cut at a sentence end."""
    first = next((b.text for b in blocks if b.kind == PARAGRAPH), "")
    if blocks and blocks[0].kind == PARAGRAPH and len(first.split()) <= max_words:
        return first, first
    summary = ""
    for sentence in SENTENCE.split(first):
        if summary and len((summary + " " + sentence).split()) > max_words:
            break
        summary = f"{summary} {sentence}".strip()
    words = summary.split()
    if len(words) > max_words:
        summary = " ".join(words[:max_words]) + "\u2026"
    return "", summary


def convert_article(
    data: bytes,
    *,
    source: str,
    category: str,
    file_time: datetime,
    options: Options,
    timings: dict[str, float] | None = None,
) -> Article:
    """Convert one raw article; raise ConversionError when it cannot be.

    With `timings`, the seconds spent in each stage (decode, structure,
    repair, tags) are added to it: the benchmark reads them.
    """
    clock = StageClock(timings)
    text = decode_article(data)
    if not text.strip():
        raise ConversionError("empty: no text in the file")
    clock.lap("decode")
    parsed = structure.parse_structure(text, options.boilerplate)
    clock.lap("structure")
    lexicon = load_lexicon() if options.split_run_together else None
    title = repair_text(parsed.headline, lexicon)
    blocks = repair_blocks(parsed.blocks, lexicon)
    see_also = tuple(repair_text(s, lexicon) for s in parsed.see_also)
    standfirst, summary = summarise(blocks, options.standfirst_max_words)
    filename = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = filename.rsplit(".", 1)[0]
    when, date_source = find_article_date(filename, "\n".join(b.text for b in blocks), file_time)
    clock.lap("repair")
    entities = tag_article(title, blocks, standfirst, options)
    clock.lap("tags")
    return Article(
        source=source,
        title=title,
        slug=make_slug(title, stem, options.slug_max_length),
        date=when,
        date_source=date_source,
        category=category,
        standfirst=standfirst,
        summary=summary,
        blocks=blocks,
        see_also=see_also,
        entities=entities,
    )


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


def tag_article(title: str, blocks: tuple[Block, ...], standfirst: str, options: Options) -> tuple[Entity, ...]:
    """The entities a post is tagged with, most salient first."""
    paragraphs = [t for b in blocks for t in (b.items if b.kind == LIST else (b.text,))]
    found = find_entities(title, paragraphs, standfirst, load_gazetteer(), load_lexicon().unigrams)
    chosen = choose_tags(found, options.tags_max, dict(options.tag_aliases), options.tag_ignore)
    return tuple(chosen)


def make_entry_id(source: str, slug: str) -> str:
    """A feed entry ID, made once when the post is created and kept in it."""
    return "urn:uuid:" + str(uuid.uuid5(ID_NAMESPACE, f"{source}\n{slug}"))


def render_body(blocks: tuple[Block, ...]) -> list[str]:
    body = []
    for block in blocks:
        if block.kind == HEADING and not is_symbol_soup(block.text):
            body.append("## " + escape_markdown(block.text))
        elif block.kind == LIST and not any(is_symbol_soup(item) for item in block.items):
            body.append("\n".join("- " + escape_markdown(item) for item in block.items))
        elif block.kind == LIST:
            body.append(fenced("\n".join(block.items)))
        else:
            body.append(render_text_block(block.text))
    return body


def format_date(when: datetime) -> str:
    if (when.hour, when.minute, when.second) == (0, 0, 0):
        return when.strftime("%Y-%m-%d")
    return when.strftime("%Y-%m-%d %H:%M:%S")


def render_markdown(article: Article, *, entry_id: str = "", digest_input: str = "") -> str:
    """The Pelican Markdown post for an article."""
    metadata = [
        ("Title", article.title),
        ("Date", format_date(article.date)),
        ("Slug", article.slug),
        ("Category", article.category),
        ("Summary", escape_markdown(article.summary)),
        ("Tags", ", ".join(t.replace(",", " ") for t in article.tags)),
        ("Tag_types", "; ".join(f"{e.name.replace(';', ' ')}: {e.type}" for e in article.entities)),
    ]
    metadata += [("See_also", headline) for headline in article.see_also]
    metadata += [
        ("Source", article.source),
        ("Entry_id", entry_id),
        ("Digest_input", digest_input),
    ]
    return render_post(metadata, render_body(article.blocks))


def article_record(article: Article, markdown: str) -> dict:
    """The JSON object `convert --json` prints for one article."""
    return {
        "source": article.source,
        "title": article.title,
        "slug": article.slug,
        "date": article.date.isoformat(),
        "date_source": article.date_source,
        "category": article.category,
        "summary": article.summary,
        "standfirst": article.standfirst,
        "tags": list(article.tags),
        "entities": [{"name": e.name, "type": e.type, "mentions": e.mentions} for e in article.entities],
        "see_also": list(article.see_also),
        "markdown": markdown,
    }
