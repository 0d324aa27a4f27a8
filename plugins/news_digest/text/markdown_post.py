"""An article -> a Pelican Markdown post, and the post's header read back.

Every piece of article text is escaped so that Markdown and HTML in a raw file
stay text: `escape_markdown` covers Python-Markdown's syntax, including the
`extra` extensions Pelican enables (attribute lists, footnotes, abbreviations,
definition lists).
"""
from __future__ import annotations

import hashlib
import re
import os
from pathlib import PurePath
from urllib.parse import quote, unquote

# Characters Python-Markdown treats as syntax anywhere in a line.
INLINE_ESCAPES = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "{": "\\{", "}": "\\}",
    "[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;",
})
ESCAPED = re.compile(r"[\\`*_{}\[\]<>]")  # the keys of INLINE_ESCAPES
ENTITY = re.compile(r"&(?=#?\w+;)")
# Syntax that only counts at the start of a line: headings, lists, quotes,
# definition lists, ordered lists ("2005. The year...").
LINE_START = re.compile(r"^(?:[#+\-=:]|\d+(?=[.)](?:\s|$)))")
# Line breaks and ordinary spaces: a metadata value must stay on one line, but
# a no-break space inside a headline is part of it.
WHITESPACE = re.compile("[ \t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")
# What WHITESPACE changes: a character of it but a space, or two spaces.
ODD_WHITESPACE = re.compile("[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]|  ")
SPECIALS = "\\`*_{}[]<>&#"
TILDE_RUNS = re.compile("~+")

CHECKSUM_KEY = "Digest_checksum"
CHECKSUM_LINE = re.compile(rf"^{CHECKSUM_KEY}:[^\n]*\n", re.MULTILINE)
HEADER_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s?(.*)$")


def one_line(text: str) -> str:
    """Collapse any whitespace (newlines included) to single spaces."""
    if ODD_WHITESPACE.search(text):  # most text has single spaces alone, which sub would copy one by one
        text = WHITESPACE.sub(" ", text)
    return text.strip()


def escape_markdown(text: str) -> str:
    """Make article text render as exactly that text through Markdown.

    >>> escape_markdown("<script>alert(1)</script> *bold* [x](javascript:y)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\*bold\\\\* \\\\[x\\\\](javascript:y)'
    >>> escape_markdown("# Not a heading")
    '&#35; Not a heading'
    """
    text = ENTITY.sub("&amp;", one_line(text))
    if ESCAPED.search(text):  # most paragraphs have none: translate is slow
        text = text.translate(INLINE_ESCAPES)
    match = LINE_START.match(text)
    if match:
        end = match.end()
        if text[0].isdigit():
            return text[:end] + "\\" + text[end:]
        return f"&#{ord(text[0])};" + text[1:]
    return text


def is_symbol_soup(text: str) -> bool:
    """Text that is mostly Markdown punctuation (ASCII art, separators,
    garbage): escaping each mark would make Python-Markdown's work grow
    faster than the text.

    >>> is_symbol_soup("*" * 100), is_symbol_soup("A *starred* word")
    (True, False)
    """
    specials = sum(text.count(c) for c in SPECIALS)
    return specials >= 64 and (specials * 50 >= len(text) or specials > 2000)


def fenced(text: str) -> str:
    """Text as a fenced code block: shown exactly, never parsed as Markdown."""
    longest = max((len(run) for run in TILDE_RUNS.findall(text)), default=0)
    fence = "~" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def render_text_block(text: str) -> str:
    """A paragraph of article text as Markdown that shows exactly that text."""
    return fenced(one_line(text)) if is_symbol_soup(text) else escape_markdown(text)


def metadata_value(text: str) -> str:
    """A plain-text metadata value on one line (the theme escapes it)."""
    return one_line(text)


def render_post(metadata: list[tuple[str, str]], body: list[str]) -> str:
    """Write a Markdown post: metadata lines, a blank line, body blocks, and a
    checksum of all that so that a later build can tell a person's edit."""
    lines = [f"{key}: {metadata_value(value)}" for key, value in metadata if value != ""]
    text = "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"
    head, _, rest = text.partition("\n\n")
    return f"{head}\n{CHECKSUM_KEY}: {content_checksum(text)}\n\n{rest}"


def content_checksum(text: str) -> str:
    """sha256 of a post without its checksum line."""
    return hashlib.sha256(CHECKSUM_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def read_header(text: str) -> dict[str, list[str]]:
    """The metadata block of a Markdown post: key (lower case) -> values."""
    header: dict[str, list[str]] = {}
    # Only the lines before the first blank one can be metadata.
    for line in text.split("\n\n", 1)[0].split("\n"):
        match = HEADER_LINE.match(line)
        if not match:
            break
        header.setdefault(match.group(1).lower(), []).append(match.group(2).strip())
    return header


def is_edited(text: str, header: dict | None = None) -> bool:
    """True when a generated post no longer matches the checksum it was written
    with: a person has changed it, and a build must leave it alone. `header`:
    read_header(text), when the caller has it."""
    recorded = (read_header(text) if header is None else header).get(CHECKSUM_KEY.lower())
    return not recorded or recorded[0] != content_checksum(text)


def source_value(rel: str) -> str:
    """A raw file's path as the post's Source: line holds it, so that it
    reads back the same: a metadata value is one line with its spaces
    collapsed, so "%", whitespace and unprintable characters are
    percent-encoded (a name with a double space, a tab or a newline).

    >>> source_value("world/a  b" + chr(9) + "c%.txt"), source_value("world/Zürich.txt")
    ('world/a%20%20b%09c%25.txt', 'world/Zürich.txt')
    """
    return "".join(quote(c) if c == "%" or c.isspace() or not c.isprintable() else c for c in rel)


def source_matches(value: str, rel: str) -> bool:
    """Was the post whose Source: is `value` made from the raw file `rel`?
    (Posts written before Source: was encoded hold the path as it was, and
    a raw file at the top of the content folder was once "./story.txt".)

    >>> source_matches("./story.txt", "story.txt"), source_matches("a%20b.txt", "a b.txt")
    (True, True)
    """
    return clean_rel(rel) in source_paths(value)


def source_paths(value: str) -> set[str]:
    """The raw file paths a post's Source: value may stand for: as encoded
    (source_value) or as written before that, each as clean_rel gives it."""
    return {clean_rel(value), clean_rel(unquote(value))}


def clean_rel(rel: str) -> str:
    """A path in the content folder as one string, however it was listed:
    Pelican lists a file at the top as "./story.txt".

    >>> clean_rel("./story.txt"), clean_rel("world//a.txt")
    ('story.txt', 'world/a.txt')
    """
    return PurePath(os.path.normpath(rel)).as_posix()


def is_complete_post(text: str) -> bool:
    """A post that parses whole: a header with a title, a blank line, a body,
    and the final newline every post is written with. One cut short by a
    crash is not a person's edit."""
    head, blank, body = text.partition("\n\n")
    return bool(blank and body.strip() and text.endswith("\n") and read_header(head).get("title"))
