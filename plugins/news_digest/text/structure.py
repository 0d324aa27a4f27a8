"""Clean text -> headline, blocks (paragraphs, sub-headings, lists), SEE ALSO.

Real files separate paragraphs with blank lines, single newlines or hard
wraps; `split_paragraphs` tells these apart. Boilerplate lines are dropped and
"SEE ALSO – headline" lines are kept aside as related headlines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..tags.vocabulary import LOST_STOP_OPENERS
from .errors import ConversionError

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST = "list"

# "SEE ALSO – headline", "Read also: headline".
CUES = ("see also", "read also", "also read", "read more", "see more")
SEE_ALSO_CUE = re.compile(r"(?:" + "|".join(CUES + ("related",)) + r")\s*(?:[-\u2013\u2014:|>]\s*)+", re.IGNORECASE)
# Inside a paragraph a cue is written as a heading writes it: "Read also", "READ ALSO".
INLINE_CUES = tuple(c.capitalize() for c in CUES) + tuple(c.upper() for c in CUES)
# The same cue inside a paragraph, after a sentence: "...on Sunday. Read also: Headline".
INLINE_SEE_ALSO = re.compile(
    r"(?<=[.!?\u2026][\"'\u201d\u2019 ])\s*(?=(?:" + "|".join(INLINE_CUES) + r")\s*[-\u2013\u2014:|>])"
)
STORY_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*$")
# "...the last sentence. source site" glued to the last paragraph.
TRAILING_SOURCE = re.compile(r"(?<=[.!?\u201d\"])\s*source\s*site\s*$", re.IGNORECASE)
METADATA_DATE = re.compile(r"^\s*(date|published|dated)\s*:\s*(\S.{0,80})$", re.IGNORECASE)
BULLET = re.compile(r"^[-*\u2022\u00b7\u2023\u25e6]\s+(?=\S)")
SENTENCE_END = re.compile(r"[.!?\u2026:;][\"'\u201d\u2019)\]]*$")
HEADING_END_PUNCT = re.compile(r"[.!?,;:\u2026]$")
QUOTES_AROUND = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e "
WORD = re.compile(r"\w+")
DANGLING_WORDS = frozenset(
    "a an and as at by for from in into of on or than that the to with".split()
)


@dataclass(frozen=True)
class Block:
    kind: str  # PARAGRAPH, HEADING or LIST
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Structure:
    headline: str
    blocks: tuple[Block, ...]
    see_also: tuple[str, ...]
    date: str = ""  # a "Date:" line above the headline, as written


def compile_boilerplate(patterns) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def is_boilerplate(line: str, boilerplate: tuple[re.Pattern, ...]) -> bool:
    """True when a whole line is one of the boilerplate patterns."""
    line = line.strip().strip("\u2026.").strip()
    return any(p.fullmatch(line) for p in boilerplate)


def find_see_also(line: str) -> str | None:
    """Return the headline named by a "SEE ALSO – headline" line, else None.

    >>> find_see_also("SEE ALSO – Moscow forces control Lugansk region")
    'Moscow forces control Lugansk region'
    >>> find_see_also("We see also that it rained.") is None
    True
    """
    return take_see_also(line.strip())[0]


def take_see_also(line: str) -> tuple[str | None, str]:
    """A line that opens with a SEE ALSO cue: (its headline, the story text
    glued after it, if any). Any other line: (None, the line)."""
    cue = SEE_ALSO_CUE.match(line)
    if not cue:
        return None, line
    headline, story = split_story_tail(line[cue.end():].strip())
    if not 3 <= len(headline) <= 500:
        return None, line
    return headline, story


def split_story_tail(headline: str) -> tuple[str, str]:
    """A SEE ALSO headline and the story text glued after it, when a page's
    "Read also" box lost its line break: (headline, story text), or
    (headline, "") when nothing follows it.

    The story resumes at a sentence ended within the line, or at a word
    that opens sentences ("During", "According", "As") written after the
    headline without a stop; either way only when what follows is at
    least six words ending a sentence, as a headline seldom does.

    >>> split_story_tail("IAEA report: what the mission saw During the invasion, the plant was seized by troops.")
    ('IAEA report: what the mission saw', 'During the invasion, the plant was seized by troops.')
    >>> split_story_tail("Greece and Turkey on the verge of conflict?")
    ('Greece and Turkey on the verge of conflict?', '')
    """
    words = headline.split(" ")
    if not STORY_END.search(headline):
        return headline, ""
    for i in range(3, len(words) - 5):
        before, word = words[i - 1], words[i]
        ended = STORY_END.search(before)
        lost_stop = word[:1].isupper() and word.rstrip(",").lower() in LOST_STOP_OPENERS and before[-1:].isalnum()
        if ended or lost_stop:
            head = " ".join(words[:i])
            return (head[:-1] if head.endswith(".") else head), " ".join(words[i:])
    return headline, ""


# Two headlines run together are about 35 words (the longest in the
# machine-translated corpus); a cue inside a paragraph followed by more than
# this, with no sentence end to resume at, is left as written.
INLINE_HEADLINE_WORDS = 40


def take_inline_see_also(paragraph: str) -> tuple[str, list[str]]:
    """A paragraph without the SEE ALSO headlines written inside it after a
    sentence, and those headlines.

    >>> take_inline_see_also("Talks ended. Read also: Scholz flies to Kyiv")
    ('Talks ended.', ['Scholz flies to Kyiv'])
    """
    parts = INLINE_SEE_ALSO.split(paragraph)
    kept, headlines = [parts[0].rstrip()], []
    for part in parts[1:]:
        headline, story = take_see_also(part)
        if headline and len(headline.split()) <= INLINE_HEADLINE_WORDS:
            headlines.append(headline)
            kept.append(story)
        else:  # more words than two headlines: the story goes on, so nothing leaves it
            kept.append(part)
    return " ".join(k for k in kept if k), headlines


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True when a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    wrapped = sum(1 for line in body if 30 <= len(line) <= 100 and not SENTENCE_END.search(line))
    return wrapped * 2 >= len(body)


def split_paragraphs(block_lines: list[str]) -> list[str]:
    """One blank-line block -> its paragraphs (each one line of text)."""
    if looks_hard_wrapped(block_lines):
        # A wrapped paragraph ends on a sentence end well short of the width.
        width = max(len(line) for line in block_lines)
        paragraphs, current = [], []
        for line in block_lines:
            current.append(line)
            if SENTENCE_END.search(line) and len(line) < 0.8 * width:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs
    return list(block_lines)


def is_heading(text: str) -> bool:
    """A sub-heading: a short capitalised line with no final full stop.

    >>> is_heading("“Heroes of Russia”")
    True
    >>> is_heading("He said so.")
    False
    """
    core = text.strip(QUOTES_AROUND)
    if not core or len(text) > 80 or HEADING_END_PUNCT.search(core):
        return False
    words = WORD.findall(core)
    if not 0 < len(words) <= 10 or not core[0].isupper():
        return False
    # A line that stops on "as", "for", "the"... is a fragment of a sentence.
    return words[-1].lower() not in DANGLING_WORDS


def group_blocks(paragraphs: list[str]) -> list[Block]:
    """Paragraph lines -> blocks; consecutive bullet lines become one list."""
    blocks: list[Block] = []
    for text in paragraphs:
        bullet = BULLET.match(text)
        if bullet:
            item = text[bullet.end():]
            if blocks and blocks[-1].kind == LIST:
                blocks[-1] = Block(LIST, items=blocks[-1].items + (item,))
            else:
                blocks.append(Block(LIST, items=(item,)))
        else:
            blocks.append(Block(PARAGRAPH, text))
    # A sub-heading sits between paragraphs: never first, never last, and the
    # block before it ends a sentence (otherwise it is a wrapped fragment).
    for i in range(1, len(blocks) - 1):
        block, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        if (
            block.kind == PARAGRAPH
            and is_heading(block.text)
            and after.kind == PARAGRAPH
            and (before.kind != PARAGRAPH or SENTENCE_END.search(before.text))
        ):
            blocks[i] = Block(HEADING, block.text)
    return blocks


def parse_structure(text: str, boilerplate: tuple[re.Pattern, ...]) -> Structure:
    """Find the headline, the body blocks and the SEE ALSO headlines."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise ConversionError("empty: no text after decoding")
    # "Date: 4 July 2022" (or "Published:") above the headline is the story's metadata.
    date = ""
    while start < len(lines) and (METADATA_DATE.match(lines[start]) or not lines[start].strip()):
        date = (METADATA_DATE.match(lines[start]) or [None, date, date])[2] or date
        start += 1
    if start >= len(lines):
        raise ConversionError("no headline: nothing but metadata")
    headline = lines[start].strip()
    if find_see_also(headline) or is_boilerplate(headline, boilerplate):
        raise ConversionError(f"no headline: the first line is boilerplate ({headline[:60]!r})")

    see_also: list[str] = []
    # The cheap test first (0.014 ms a story; a regex of the cues takes twice that): most stories have none.
    cues_inside = any(cue in text for cue in INLINE_CUES)
    raw_blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines[start + 1:] + [""]:
        line = line.strip()
        if not line:
            if current:
                raw_blocks.append(current)
                current = []
            continue
        linked, line = take_see_also(line)
        if linked:
            see_also.append(linked)
        elif is_boilerplate(line, boilerplate):
            line = ""
        elif cues_inside:
            line, linked_inline = take_inline_see_also(line)
            see_also += linked_inline
        if line:
            current.append(line)

    paragraphs = [p for block in raw_blocks for p in split_paragraphs(block)]
    if paragraphs:
        paragraphs[-1] = TRAILING_SOURCE.sub("", paragraphs[-1])
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ConversionError("no story: nothing but a headline (and boilerplate)")
    return Structure(headline, tuple(group_blocks(paragraphs)), tuple(see_also), date.strip())
