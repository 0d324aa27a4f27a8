"""What the listing pages show: the front page's lead story and the latest
stories of each section; stories that share a headline told apart; the
topics page's tags by kind.

Pure: plain values in (FrontItem), positions out.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class FrontItem:
    date: datetime
    slug: str
    section: str
    reports: int = 0  # other reports of its story
    links: int = 0  # related stories linked from it
    listed: bool = True  # the report that stands for its story in listings


@dataclass(frozen=True)
class FrontPage:
    lead: int | None  # position of the lead story
    sections: tuple[tuple[str, tuple[int, ...], int], ...]  # (section, positions shown, how many more)


def choose_front(items: list[FrontItem], per_section: int = 3, lead_window: timedelta = timedelta(days=1)) -> FrontPage:
    """The lead is the story most told of the newest day (within
    `lead_window` of the newest story): the most other reports, then the most
    related stories, then the newest. Sections follow, the one with the
    freshest story first, each with its `per_section` newest stories (the
    lead and the other reports of a story left out) and how many more it has.

    >>> day = datetime(2026, 11, 20)
    >>> items = [FrontItem(day, "a", "World"), FrontItem(day, "b", "World", reports=2),
    ...          FrontItem(day - timedelta(days=3), "c", "Sport", reports=5), FrontItem(day, "d", "Sport")]
    >>> front = choose_front(items, per_section=1)
    >>> front.lead, front.sections
    (1, (('Sport', (3,), 1), ('World', (0,), 0)))
    """
    listed = [i for i, item in enumerate(items) if item.listed]
    if not listed:
        return FrontPage(None, ())
    newest = max(items[i].date for i in listed)
    recent = [i for i in listed if items[i].date >= newest - lead_window]
    lead = max(recent, key=lambda i: (items[i].reports, items[i].links, items[i].date, items[i].slug))
    by_section: dict[str, list[int]] = {}
    for i in sorted(listed, key=lambda i: (items[i].date, items[i].slug), reverse=True):
        if i != lead:
            by_section.setdefault(items[i].section, []).append(i)
    sections = tuple((name, tuple(found[:per_section]), max(0, len(found) - per_section))
                     for name, found in by_section.items())
    return FrontPage(lead, sections)


def title_notes(stories: list[tuple[str, list[str]]]) -> list[str]:
    """For stories that share a headline, a few words that tell each apart:
    its first tag that neither its headline nor the others with that
    headline have ("" for the rest).

    >>> title_notes([("Central bank holds rates", ["Bank of England", "London"]),
    ...              ("Central bank holds rates", ["Reserve Bank of New Zealand"]), ("Other", ["X"])])
    ['Bank of England', 'Reserve Bank of New Zealand', '']
    """
    by_title: dict[str, list[int]] = {}
    for i, (title, _) in enumerate(stories):
        by_title.setdefault(" ".join(title.casefold().split()), []).append(i)
    notes = [""] * len(stories)
    for same in by_title.values():
        if len(same) < 2:
            continue
        for i in same:
            others = {t for j in same if j != i for t in stories[j][1]}
            title = stories[i][0].casefold()
            notes[i] = next((t for t in stories[i][1] if t not in others and t.casefold() not in title), "")
    return notes


# The kinds of entity a topics page lists, in its order, with their headings.
KINDS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"),
         ("event", "Events"), ("work", "Works"), ("other", "Other topics"))


def topics(tags: list[tuple[str, str, int]]) -> list[tuple[str, str, list[int]]]:
    """(kind, heading, positions) for each kind that has tags, busiest tag
    first, from (name, kind, stories) per tag.

    >>> topics([("Zagreb", "place", 2), ("Ivan Penava", "person", 1), ("Split", "place", 5), ("Y", "?", 1)])
    [('person', 'People', [1]), ('place', 'Places', [2, 0]), ('other', 'Other topics', [3])]
    """
    known = {kind for kind, _ in KINDS}
    groups: dict[str, list[int]] = {}
    for i, (_, kind, _) in enumerate(tags):
        groups.setdefault(kind if kind in known else "other", []).append(i)
    return [(kind, heading, sorted(groups[kind], key=lambda i: (-tags[i][2], tags[i][0].casefold())))
            for kind, heading in KINDS if kind in groups]
