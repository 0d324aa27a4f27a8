"""What the converter takes and gives, as plain values: its Options, the
WordLists it reads, and the Article it makes (convert.py; render.py writes
the post). Apart from convert.py, so that a build that converts nothing, or
converts in a worker process, does not load the converter to name them.

Pure: no Pelican, no file I/O.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .structure import LIST, Block

if TYPE_CHECKING:
    from ..tags.entity import Entity
    from ..tags.gazetteer import Gazetteer
    from .lexicon import Lexicon


@dataclass(frozen=True)
class Options:
    """Conversion settings, as plain values (the glue builds them from
    NEWS_DIGEST_* settings)."""

    boilerplate: tuple = field(default_factory=tuple)  # compiled patterns
    standfirst_max_words: int = 60
    slug_max_length: int = 80
    split_run_together: bool = True
    restore_capitals: bool = True
    tags_max: int = 12
    tags_of_any_kind: int = 8
    tag_aliases: tuple = ()  # (variant, canonical) pairs
    tag_ignore: tuple = ()
    # Pelican's slugify, handed in by the glue (see slugs.py); not part of
    # what the converter's cache key is made from.
    slugify: Callable | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class WordLists:
    """The word lists conversion reads, loaded by the caller (the glue keeps
    them in the build's cache): English word frequencies, for run-together
    words and for telling common words from names, and the tagger's
    gazetteer."""

    lexicon: Lexicon
    gazetteer: Gazetteer


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
    warnings: tuple[str, ...] = ()  # what was published with a doubt (bytes that did not decode)

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
