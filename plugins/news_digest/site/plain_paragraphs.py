"""The HTML Python-Markdown makes of a post that is nothing but plain
paragraphs, without running it.

Python-Markdown (with `extra`) costs about 1 ms a news story, a fifth of what
a conversion worker spends on each: for every block it tries seventeen block
processors, then fifteen inline patterns on the text, then serialises a tree.
Most posts the converter writes are plain paragraphs of prose, in which none
of that can match; for those the HTML is each paragraph, escaped, in <p>.
Anything that could mean something to Markdown (a special character, a line
start that begins a list, header, quote or code, a paragraph over several
lines) gives None, and the caller runs Python-Markdown. Checked byte for byte
against Python-Markdown on every post of the development corpora and in
tests/pelican/test_markdown_reader.py.

Pure: text in, text out.
"""
from __future__ import annotations

import re

# Characters that start inline markup or block markup anywhere in a line
# (escapes, code, emphasis, links and images, footnotes, HTML, autolinks,
# tables, attribute lists, fenced code), and control characters (Markdown's
# own placeholders are made of \x02 and \x03). A line break inside a
# paragraph could start a setext header or a line break.
UNSAFE = re.compile(r"[\\`*_\[\]<>{}|~\x00-\x1f\x7f]")
# What a paragraph may not begin with: indented code, a header, a quote, a
# definition, a list item (bullets and "12. "), a rule, a setext underline.
UNSAFE_START = re.compile(r"[ #>:=+\-]|\d+\.\s")
# A bracket escaped with a backslash (the converter escapes the brackets of
# an editor's insertion, "[the African Vaccine Acquisition Trust]"), which
# Markdown writes as the bracket.
ESCAPED_BRACKET = re.compile(r"\\([\[\]])")
# An "&" that is not a plain character: before a name, or before "#" but in
# a whole character reference ("&#35;", which Markdown keeps as it is; the
# converter writes one for a leading mark that would start a block: any of
# "#+-=:" (text/markdown_post.LINE_START); "&lt;" and "&amp;", which it also
# writes, are named ones and go to Markdown).
# Markdown keeps an entity as it is, and its HTML block preprocessor
# (Python's HTMLParser) reads "&#12" as one too; any other "&" it writes as
# "&amp;". So "M&S" is left to Markdown.
AMP_BEFORE_NAME = re.compile(r"&(?!#[0-9]+;)[#\w]")
PLAIN_AMP = re.compile(r"&(?!#[0-9]+;)")
# A header of one line: "## Title", with no "#" after the first space.
HEADER = re.compile(r"(#{1,6}) ([^#\n]*)\Z")


def paragraphs_html(lines: list[str]) -> str | None:
    """The HTML of a document given as the lines Python-Markdown's block
    parser would read (after its preprocessors), if it is plain paragraphs
    and one-line headers only; else None.

    >>> paragraphs_html(["## Sales", "", "Sales & profits \\\\[of the firm\\\\] rose.", "", "", "Second.", "", ""])
    '<h2>Sales</h2>\\n<p>Sales &amp; profits [of the firm] rose.</p>\\n<p>Second.</p>'
    >>> paragraphs_html(["A *strong* claim."]) is None
    True
    """
    html = []
    for block in "\n".join(lines).split("\n\n"):
        block = block.lstrip("\n")  # Markdown's empty-block processor drops these
        if not block:
            continue
        header = HEADER.match(block)
        if header:
            level, block = len(header.group(1)), header.group(2).strip()
            text = plain_text(block) if block and not UNSAFE_START.match(block) else None
            if text is None:
                return None
            html.append(f"<h{level}>{text}</h{level}>")
            continue
        if UNSAFE_START.match(block):
            return None
        if not block.strip():
            continue  # white space alone (not four spaces: code): no paragraph
        text = plain_text(block)
        if text is None:
            return None
        html.append(f"<p>{text.lstrip()}</p>")
    return "\n".join(html)


def plain_text(block: str) -> str | None:
    """A block's text as Markdown's inline patterns and serialiser leave it,
    if none of them can match in it; else None."""
    bare = ESCAPED_BRACKET.sub("", block) if "\\" in block else block
    if UNSAFE.search(bare) or AMP_BEFORE_NAME.search(bare):
        return None
    if bare is not block:
        block = ESCAPED_BRACKET.sub(r"\1", block)
    return PLAIN_AMP.sub("&amp;", block) if "&" in block else block
