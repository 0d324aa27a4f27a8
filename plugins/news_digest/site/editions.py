"""Daily editions: each day's stories, by section, and the daily feed's
entry for a day.

Pure: plain values in, positions, strings and Entry values out.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from .feeds import Entry


def editions(stories: list[tuple[date, str]]) -> list[tuple[date, list[tuple[str, list[int]]]]]:
    """Each day with stories, newest first: its sections in name order, each
    with the positions of its stories, in the order given.

    >>> d1, d2 = date(2026, 11, 20), date(2026, 11, 19)
    >>> editions([(d2, "World"), (d1, "World"), (d1, "Business"), (d1, "World")])
    [(datetime.date(2026, 11, 20), [('Business', [2]), ('World', [1, 3])]), (datetime.date(2026, 11, 19), [('World', [0])])]
    """
    days: dict[date, dict[str, list[int]]] = {}
    for i, (day, section) in enumerate(stories):
        days.setdefault(day, {}).setdefault(section, []).append(i)
    return [(day, sorted(days[day].items(), key=lambda item: item[0].casefold())) for day in sorted(days, reverse=True)]


@dataclass(frozen=True)
class EditionStory:
    title: str
    url: str  # absolute
    summary_html: str  # sanitised HTML, as the story's own feed entry has it
    authors: tuple[str, ...] = ()


def edition_entry(day: date, title: str, url: str, sections: list[tuple[str, list[EditionStory]]],
                  updated: datetime, publisher: str) -> Entry:
    """One day's entry in the daily feed: its stories by section, each a
    linked headline and its summary; by its stories' authors, else by the
    `publisher`."""
    parts = []
    for section, stories in sections:
        parts.append(f"<h2>{html.escape(section)}</h2>")
        for story in stories:
            parts.append(f'<h3><a href="{html.escape(story.url, quote=True)}">{html.escape(story.title)}</a></h3>')
            if story.summary_html:
                parts.append(story.summary_html)
    count = sum(len(stories) for _, stories in sections)
    published = datetime.combine(day, time(0), tzinfo=timezone.utc)
    authors = tuple(dict.fromkeys(a for _, stories in sections for story in stories for a in story.authors))
    return Entry(
        id=url, title=title, link=url, published=published, updated=max(updated, published),
        authors=authors or (publisher,),
        content_html="\n".join(parts),
        summary_html=html.escape(f"{count} stor{'y' if count == 1 else 'ies'}"),
    )
