"""The words of a page's HTML, for word counts, descriptions and related
stories; and names made inert for a reader that writes them as HTML."""
from __future__ import annotations

import html
import re

TAG = re.compile(r"<[^>]+>")
# What can open markup in text that is decoded and then written as HTML: a
# bracket, or an entity that decodes to one.
MARKUP_OPENERS = re.compile(r"[<>]|&(?=#?\w+;)")
LOOKALIKES = {"<": "\uff1c", ">": "\uff1e", "&": "\uff06"}  # fullwidth forms


def plain_text(html_text: str) -> str:
    """The words of an article's HTML (a regex is enough: the HTML is ours,
    sanitised).

    >>> plain_text("<p>Fish &amp; chips</p><p>Tea</p>")
    ' Fish & chips  Tea '
    """
    return html.unescape(TAG.sub(" ", html_text or ""))


def inert_markup(name: str) -> str:
    """A name as Pagefind's search UI can show it. Pagefind decodes a filter's
    value again after the HTML parser has, and its UI writes the value into
    the page as HTML, so no amount of escaping is sure to hold: brackets, and
    ampersands that begin an entity, become their fullwidth lookalikes.

    >>> inert_markup("<img src=x onerror=alert(1)>"), inert_markup("Science & Tech")
    ('\uff1cimg src=x onerror=alert(1)\uff1e', 'Science & Tech')
    >>> inert_markup("&lt;b&gt;")
    '\uff06lt;b\uff06gt;'
    """
    return MARKUP_OPENERS.sub(lambda match: LOOKALIKES[match.group()], name)
