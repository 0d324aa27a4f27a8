"""The words of a page's HTML, for word counts, descriptions and related
stories."""
from __future__ import annotations

import html
import re

TAG = re.compile(r"<[^>]+>")


def plain_text(html_text: str) -> str:
    """The words of an article's HTML (a regex is enough: the HTML is ours,
    sanitised).

    >>> plain_text("<p>Fish &amp; chips</p><p>Tea</p>")
    ' Fish & chips  Tea '
    """
    return html.unescape(TAG.sub(" ", html_text or ""))
