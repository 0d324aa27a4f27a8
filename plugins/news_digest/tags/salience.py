"""How much a story is about each of its entities, and which become tags.

Salience: mentions, plus weight for a name in the headline (or sharing a
word with it), in the standfirst, and early in the story.

Pure: groups of Candidates in, ranked Entities out.
"""
from __future__ import annotations

from dataclasses import dataclass

from .entity import Candidate, Entity
from .gazetteer import Gazetteer
from .junk import is_regional_adjective
from .kinds import REGIONS, entity_type
from .spans import TOKEN, strip_possessive
from .spelling import fold
from .vocabulary import (
    CONNECTORS, EVENT_WORDS, FACILITY_WORDS, MEDIA_ENDINGS, MEDIA_WORDS, NEWS_AGENCIES, ORG_WORDS, OTHER, PERSON, PLACE,
    REGION_KINDS,
)

DEFAULT_MAX = 20
DEFAULT_ANY_KIND = 8


@dataclass(frozen=True)
class Evidence:
    """What a story says of one entity, for weighing how much it is about it."""

    mentions: int
    in_title: bool
    title_link: bool  # shares a word with the headline ("Court rejects..." -> Court of Appeals)
    in_standfirst: bool
    position: float  # where it is first mentioned: 0 at the start of the story, 1 at the end
    kind: str
    words: int
    media: bool = False  # a news outlet: the story's source more often than its subject


def weigh_evidence(groups: list[list[Candidate]], title: str, paragraphs: list[str], gaz: Gazetteer, word_counts: dict):
    """(group, canonical name, Evidence) for each group."""
    title_words = {fold(strip_possessive(w)) for w in TOKEN.findall(title)}
    # "French economy" is about France, "Russian offensive" about Russia.
    title_stems = {w[:4] for w in title_words if len(w) >= 5} | {
        fold(w)[:4] for w in TOKEN.findall(title) if w in gaz.demonyms
    }
    total = max(1, sum(len(p) for p in paragraphs))
    for group in groups:
        kind = entity_type(group, gaz, word_counts)
        name = (kind == PLACE and english_name(group, gaz)) or canonical_name(group, gaz, kind == PLACE)
        words = [fold(t) for t in name.split() if t not in CONNECTORS]
        in_title = any(c.in_title for c in group) or (kind == PERSON and words[-1] in title_words)
        title_link = not in_title and (
            any(w in title_words and len(w) > 3 for w in words)
            or (kind == PLACE and len(words) == 1 and words[0][:4] in title_stems)
        )
        yield group, name, Evidence(
            mentions=sum(c.count for c in group),
            in_title=in_title,
            title_link=title_link,
            in_standfirst=any(c.in_standfirst for c in group),
            position=min(min(c.first for c in group), total) / total,
            kind=kind,
            words=len(name.split()),
            media=kind != PERSON and is_media(name),
        )


# A news outlet counts half: stories cite agencies and papers as their
# sources ("Reuters reported"), and a cited source took the slot of an
# entity the story is about. A story about an outlet still names it often.
MEDIA_WEIGHT = 0.5


def salience(ev: Evidence) -> float:
    score = ev.mentions + 3.0 * ev.in_title + 1.5 * ev.title_link + 1.5 * ev.in_standfirst + 0.5 * (1 - ev.position)
    return score * MEDIA_WEIGHT if ev.media else score


def is_media(name: str) -> bool:
    """A news outlet or wire service ("Reuters", "Xinhua News Agency", "Hunan Daily").

    >>> [is_media(n) for n in ("Reuters", "China News Service", "Global Times", "Times Square", "Post Office")]
    [True, True, True, False, False]
    """
    words = fold(name).split()
    return bool(words) and (
        " ".join(words) in NEWS_AGENCIES or words[-1] in MEDIA_WORDS or " ".join(words[-2:]) in MEDIA_ENDINGS
    )


def rank_entities(
    groups: list[list[Candidate]], title: str, paragraphs: list[str], gaz: Gazetteer, word_counts: dict
) -> list[Entity]:
    """One Entity per group (the ways a story writes one entity), most
    salient first."""
    entities = [
        Entity(name, ev.kind, ev.mentions, round(salience(ev), 3), tuple(sorted({f for c in group for f in c.forms})))
        for group, name, ev in weigh_evidence(groups, title, paragraphs, gaz, word_counts)
        if not is_regional_adjective(name, gaz)
    ]
    entities.sort(key=lambda e: (-e.score, e.name))
    return entities


STATES = ("country", "state", "continent")


def english_name(group: list[Candidate], gaz: Gazetteer) -> str | None:
    """A place's name as geonames writes it in English ("Luhansk" for
    "Lugansk"), when the story spells it in a way geonames knows; a region
    without its kind ("Henan" for "Henan Province", as tag pages name it
    when a story writes it alone)."""
    for cand in sorted(group, key=lambda c: -c.count):
        name = gaz.english_place(cand.text)
        if name is None and len(cand.tokens) > 1 and cand.tokens[-1].lower() in REGION_KINDS:
            region = gaz.english_place(" ".join(cand.tokens[:-1]))
            if region is not None and gaz.places.get(fold(region)) in ("region", "state", "big city"):
                name = region
        if name:
            return name
    return None


# Words a name of a kind is built from: "Grand Prix", "World Cup", "Supreme Court".
GENERIC_NAME_WORDS = ORG_WORDS | EVENT_WORDS | FACILITY_WORDS | {"grand", "world", "supreme"}


def canonical_name(group: list[Candidate], gaz: Gazetteer, place: bool = False) -> str:
    """The name a tag page uses: a country's, state's or continent's name as
    the gazetteer knows it ("Cyprus", not "Republic of Cyprus"), else a name
    of several words, then the most used; but never a name of generic words
    alone when the story writes it in full ("Abu Dhabi Grand Prix", not
    "Grand Prix"). A place is named without the nationality the story
    also writes before it ("Canary Island", not "Spanish Canary Island");
    a body keeps it ("Russian Ministry of Defence")."""
    plain = {c.tokens for c in group}
    best = max(group, key=lambda c: (
        gaz.places.get(fold(c.text)) in STATES,
        not (place and c.tokens[0] in gaz.demonyms and len(c.tokens) > 2 and c.tokens[1:] in plain),
        len(c.tokens) > 1 and not c.tokens[0].isupper(), c.count, len(c.tokens), -c.first,
    ))
    if all(fold(t) in GENERIC_NAME_WORDS for t in best.tokens):
        fuller = [c for c in group if len(c.tokens) > len(best.tokens) and c.tokens[-len(best.tokens):] == best.tokens]
        if fuller:
            best = max(fuller, key=lambda c: (c.count, -len(c.tokens), -c.first))
    return best.text


def choose_tags(
    entities: list[Entity],
    max_tags: int = DEFAULT_MAX,
    aliases: dict | None = None,
    ignore=(),
    places: dict | None = None,
    any_kind: int = DEFAULT_ANY_KIND,
) -> list[Entity]:
    """The entities worth a tag: salient ones first (mentioned twice, or in the
    headline or standfirst), then, while there is room, names mentioned once
    that are clearly names (several words, a known place or a title before
    them). Aliases applied, ignored names left out, one tag per entity; a
    name an alias turns into a country or state ("US" -> "United States")
    is a place (`places`: the gazetteer's).

    At most `max_tags` in all, of which the first `any_kind` may be of any
    kind and the rest are people the story names in full (two words or
    more) and places: a full name is nearly always a real person that
    readers look for, and a place a story names is nearly always real,
    while a body or other name it mentions once is often named in passing
    or no name at all (measured on both labelled sets, entities ranked 9th
    to 14th: people named in full right 9 times in 10, places 45 in 51,
    organisations 22 in 41, other names 48 in 91)."""
    aliases = {fold(k): v for k, v in (aliases or {}).items()}
    ignored = {fold(name) for name in ignore}
    salient = [e for e in entities if e.mentions >= 2 or e.score >= 2.5]
    chosen_first = set(map(id, salient))  # by identity: comparing Entities field by field was quadratic
    others = [e for e in entities if id(e) not in chosen_first and (e.type != OTHER or len(e.name.split()) > 1)]
    chosen: list[Entity] = []
    seen: set[str] = set()
    for entity in salient + others:
        if len(chosen) >= max_tags:
            break
        named_in_full = entity.type == PERSON and len(entity.name.split()) > 1
        if len(chosen) >= any_kind and not (entity.type == PLACE or named_in_full):
            continue
        name = aliases.get(fold(entity.name))
        if name is None:
            name = next((aliases[fold(f)] for f in entity.forms if fold(f) in aliases), entity.name)
        key = fold(name)
        if key in ignored or key in seen:
            continue
        seen.add(key)
        kind = PLACE if (places or {}).get(key) in REGIONS else entity.type
        chosen.append(Entity(name, kind, entity.mentions, entity.score, entity.forms))
    return chosen
