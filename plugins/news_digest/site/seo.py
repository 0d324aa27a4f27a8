"""What search engines, link previews and readers' tools read: word counts,
schema.org NewsArticle JSON-LD, the sitemap, the Google News sitemap and
robots.txt.

Pure: plain values in, strings or bytes out.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .feeds import aware, xml_safe

# A word in any script with spaces between words ("naïve", "Ζαγόρι",
# "Киев", "سلام"); in scripts written without spaces each character counts.
# (Runs of letters joined by single marks: the same words as a letter at a
# time with a lookahead after each mark, and about a third faster.)
WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]")
WORDS_PER_MINUTE = 230
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def word_count(text: str) -> int:
    """Words a reader reads.

    >>> word_count("Café owners in Zürich – naïve? Да, это Киев. 東京都")
    11
    """
    unspaced = len(UNSPACED.findall(text))
    spaced = len(WORD.findall(UNSPACED.sub(" ", text) if unspaced else text))
    return spaced + unspaced


def reading_minutes(words: int) -> int:
    """At least one minute.

    >>> reading_minutes(0), reading_minutes(231)
    (1, 2)
    """
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class NewsItem:
    url: str  # absolute
    title: str
    published: datetime
    modified: datetime
    section: str
    keywords: tuple[str, ...]
    description: str
    author: str
    publisher: str
    publisher_url: str
    language: str = "en"
    word_count: int = 0


def news_article_jsonld(item: NewsItem) -> str:
    """schema.org NewsArticle as JSON, safe inside <script>: "<", ">" and "&"
    are written as \\u escapes, so no text can close the script element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": item.url},
        "url": item.url,
        "headline": item.title[:110],
        "datePublished": aware(item.published).isoformat(),
        "dateModified": aware(item.modified).isoformat(),
        "articleSection": item.section,
        "keywords": list(item.keywords),
        "description": item.description,
        "inLanguage": item.language,
        "wordCount": item.word_count,
        "author": {"@type": "Organization", "name": item.author},
        "publisher": {"@type": "Organization", "name": item.publisher, "url": item.publisher_url},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def is_recent(published: datetime, now: datetime, days: int) -> bool:
    """Published in the `days` before `now` (a news sitemap's stories)."""
    return aware(now) - timedelta(days=days) <= aware(published) <= aware(now)


def news_sitemap(items: list[NewsItem], now: datetime, publication: str, days: int = 2) -> bytes:
    """A Google News sitemap of the stories published in the last `days`."""
    name = xml_safe(publication)
    urls = [
        "  <url>\n"
        f"    {element('loc', item.url)}\n"
        "    <news:news>\n"
        "      <news:publication>\n"
        f"        {element('news:name', name)}\n"
        f"        {element('news:language', item.language)}\n"
        "      </news:publication>\n"
        f"      {element('news:publication_date', aware(item.published).isoformat())}\n"
        f"      {element('news:title', xml_safe(item.title))}\n"
        "    </news:news>\n"
        "  </url>\n"
        for item in sorted(items, key=lambda i: (aware(i.published), i.url), reverse=True)
        if is_recent(item.published, now, days)
    ]
    return urlset(urls, f'xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}"')


def sitemap(pages: list[tuple[str, datetime]]) -> bytes:
    """sitemap.xml: each page's absolute URL and when it last changed (for a
    listing, its newest story), in URL order, so that the same site gives
    the same bytes."""
    urls = [
        f"  <url>\n    {element('loc', xml_safe(location))}\n"
        f"    {element('lastmod', aware(modified).isoformat())}\n  </url>\n"
        for location, modified in sorted(dict(pages).items())
    ]
    return urlset(urls, f'xmlns="{SITEMAP_NS}"')


# Sitemaps are written as text, not built with ElementTree: a digest's runs
# to tens of thousands of elements, which ElementTree builds and serialises
# several times slower. The bytes are those ElementTree writes (indented by
# ElementTree.indent): tests/site/test_seo.py holds them.
def element(tag: str, text: str | None) -> str:
    """One element holding text, escaped; an empty one closed at once."""
    if not text:
        return f"<{tag} />"
    return f"<{tag}>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</{tag}>"


def urlset(urls: list[str], namespaces: str) -> bytes:
    """The sitemap document holding `urls` (<url> elements, indented)."""
    root = f"<urlset {namespaces}>\n{''.join(urls)}</urlset>" if urls else f'<urlset xmlns="{SITEMAP_NS}" />'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + root + "\n").encode("utf-8", "xmlcharrefreplace")


def robots_txt(site_url: str, sitemaps: list[str]) -> str:
    """robots.txt that allows everything and names the sitemaps."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {site_url.rstrip('/')}/{path}" for path in sitemaps]
    return "\n".join(lines) + "\n"
