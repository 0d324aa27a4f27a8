"""What templates show of each story besides its text: reading time, word
count, the previous and next story in its section, and its schema.org
description."""
from __future__ import annotations

from collections import defaultdict

from jinja2 import pass_context
from markupsafe import Markup

from ..site.html_text import plain_text
from ..site.seo import NewsItem, news_article_jsonld, reading_minutes, word_count
from .markdown_reader import COUNTED, html_checksum
from .memory import unmemoized


def describe_articles(articles) -> None:
    """Reading time, previous and next story in the section, word count,
    description and time last modified of each article, for templates."""
    by_section = defaultdict(list)
    for article in articles:
        by_section[article.category.slug].append(article)
    for stories in by_section.values():
        stories.sort(key=lambda a: (a.date, a.slug))
        for i, article in enumerate(stories):
            article.digest_older = stories[i - 1] if i > 0 else None
            article.digest_newer = stories[i + 1] if i + 1 < len(stories) else None
    for article in articles:
        article.digest_word_count = words_of(article)
        article.digest_reading_minutes = reading_minutes(article.digest_word_count)
        article.digest_description = " ".join(plain_text(unmemoized(article.get_summary, "")).split())[:300]
        modified = getattr(article, "modified", None) or article.date
        article.digest_modified = max(modified, article.date)


@pass_context
def news_jsonld(context, article) -> Markup:
    """Filter: an article's schema.org description (JSON-LD), made from the
    values describe_articles gives it when its page is rendered, not for
    every story of every build: a rebuild renders few pages."""
    site = context.get("digest_siteurl") or ""
    authors = [a.name for a in getattr(article, "authors", []) if a.name]
    return Markup(news_article_jsonld(NewsItem(
        url=f"{site}/{article.url}",
        title=article.title,
        published=article.date,
        modified=article.digest_modified,
        section=article.category.name,
        keywords=tuple(t.name for t in getattr(article, "tags", [])),
        description=article.digest_description,
        author=", ".join(authors) or context.get("SITENAME", ""),
        publisher=context.get("SITENAME", ""),
        publisher_url=f"{site}/",
        language=context.get("DEFAULT_LANG", "en"),
        word_count=article.digest_word_count,
    )))


def article_text(article) -> str:
    """An article's words, worked out once per build."""
    if getattr(article, "digest_text", None) is None:
        article.digest_text = plain_body(article)
    return article.digest_text


def plain_body(article) -> str:
    """An article's words, worked out afresh."""
    return plain_text(unmemoized(article.get_content, ""))


def words_of(article) -> int:
    """The article's word count: the reader's, if the article's HTML is
    still what the reader counted (a plugin may change it since)."""
    kept = str((getattr(article, "metadata", None) or {}).get(COUNTED) or "")
    found, _, count = kept.partition(":")
    if found and count.isdigit() and found == html_checksum(getattr(article, "_content", None) or ""):
        # Pelican's intrasite links change only attributes, which are not words.
        return int(count)
    return word_count(article_text(article))
