"""An Article -> its Markdown post (and its `convert --json` record).

Pure: plain values in, text out.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from .article import Article
from .markdown_post import escape_markdown, fenced, is_symbol_soup, render_post, render_text_block, source_value
from .structure import HEADING, LIST, Block

ID_NAMESPACE = uuid.UUID("3f0c1c52-5d0e-4c1b-9a51-6e6577736467")


def make_entry_id(source: str) -> str:
    """A feed entry ID, made once when the post is created and kept in it.
    Made from the raw file's path within the content folder alone, so that a
    fresh clone (no posts yet) gives a story the same ID even after its
    headline, and so its slug, was edited."""
    return "urn:uuid:" + str(uuid.uuid5(ID_NAMESPACE, source.replace("\\", "/")))


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
        ("Source", source_value(article.source)),
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
