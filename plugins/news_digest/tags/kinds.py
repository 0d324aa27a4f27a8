"""What kind of entity a name is: person, place, organisation, event, work
or other, from the gazetteer (first names, places), the word a name ends in,
and how the story uses it.

Pure: Candidates and word lists in, a type out.
"""
from __future__ import annotations

from .entity import Candidate
from .gazetteer import Gazetteer
from .spelling import fold
from .vocabulary import (
    CONNECTORS, EVENT, EVENT_WORDS, FACILITY_WORDS, NAME_PARTICLES, ORG_WORDS, ORGANISATION, OTHER, PERSON, PLACE, PLACE_WORDS,
    WORK,
)


REGIONS = ("country", "state", "continent", "region")


def place_kind(name: str, gaz: Gazetteer) -> str | None:
    """What kind of place `name` is ("country", "city"...), in any spelling
    geonames knows for it; None if it is not a known place."""
    kind = gaz.places.get(fold(name))
    if kind is None and " " not in name:
        english = gaz.english_place(name)
        kind = gaz.places.get(fold(english), "city") if english else None
        if kind == "city" and fold(name) in gaz.first_names:
            return None  # "Asma" (al-Assad's wife), not Āsmār, a town that geonames also spells so
    return kind


def candidate_place(cand: Candidate, gaz: Gazetteer) -> str | None:
    """place_kind of a candidate, worked out once."""
    if cand.place is None:
        cand.place = place_kind(cand.text, gaz) or ""
    return cand.place or None


def is_common(lower: str, word_counts: dict) -> bool:
    """A frequent English word (so, at a sentence start, probably not a name)."""
    return word_counts.get(lower, 0) >= 1_000_000


def is_place(cand: Candidate, gaz: Gazetteer, word_counts: dict) -> bool:
    """In the gazetteer: a country, state or region by any name, a city
    unless its name is also a common word ("Young", "Bush", "Golden")."""
    kind = candidate_place(cand, gaz)
    if kind is None:
        return False
    return kind != "city" or len(cand.tokens) > 1 or not is_common(cand.tokens[0].lower(), word_counts)


def looks_like_person(cand: Candidate, gaz: Gazetteer) -> bool:
    """Two to four words that start with a known first name, or that a title
    ("President", "Mr") stood before. Worked out once per candidate."""
    if cand.person is None:
        cand.person = _looks_like_person(cand, gaz)
    return cand.person


def _looks_like_person(cand: Candidate, gaz: Gazetteer) -> bool:
    tokens = cand.tokens
    # Digits, acronyms ("NATO", not an initial "W") and connectors other than
    # surname particles ("von der Leyen") are not in a person's name.
    if not 2 <= len(tokens) <= 4 or any(
        t.isdigit() or (t.isupper() and len(t) > 1) or (t in CONNECTORS and t.lower() not in NAME_PARTICLES)
        for t in tokens
    ):
        return False
    last = fold(tokens[-1])
    if last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS or last in FACILITY_WORDS or tokens[0] == "The":
        return False
    if fold(cand.text) in gaz.places or gaz.places.get(last) in ("country", "state", "continent"):
        return False
    if len(tokens) > 2 and fold(" ".join(tokens[:2])) in gaz.places:
        return False  # "Hong Kong Government", "San Jose Sharks": a place of two words opens it
    return fold(tokens[0]) in gaz.first_names or cand.titled


def is_town_club(tokens: tuple[str, ...], gaz: Gazetteer) -> bool:
    """A club named for its town and the year it was founded ("Hannover 96",
    "Darmstadt 98", "Schalke 04")."""
    return len(tokens) == 2 and len(tokens[1]) == 2 and tokens[1].isdigit() and fold(tokens[0]) in gaz.places


def name_like(cand: Candidate, gaz: Gazetteer) -> bool:
    """Two or three capitalised words that could be a person's name even
    if the first name is not in our list ("Robby Ginepri")."""
    tokens = [t for t in cand.tokens if t.lower() not in NAME_PARTICLES]
    if not 2 <= len(tokens) <= 3 or any((t.isupper() and len(t) > 1) or t.isdigit() or t in CONNECTORS for t in tokens):
        return False
    words = [fold(t) for t in tokens]
    return not any(w in ORG_WORDS or w in EVENT_WORDS or w in PLACE_WORDS or w in FACILITY_WORDS for w in words) \
        and fold(cand.text) not in gaz.places


def entity_type(group: list[Candidate], gaz: Gazetteer, word_counts: dict) -> str:
    """The type of an entity written in the ways of `group`."""
    best = max(group, key=lambda c: (len(c.tokens), c.count))
    words = [fold(t) for t in best.tokens]
    singles = {fold(c.tokens[0]) for c in group if len(c.tokens) == 1}
    # A country, state or region is a place however the story uses it
    # ("President of Cyprus"); so is a building or site.
    if any(candidate_place(c, gaz) in REGIONS for c in group) or words[-1] in FACILITY_WORDS:
        return PLACE
    if is_town_club(best.tokens, gaz):
        return ORGANISATION
    person = any(looks_like_person(c, gaz) for c in group)
    if any(c.placed for c in group) and not person:
        return PLACE  # "the town of Nurdai"
    if (
        person
        or (len(words) == 1 and any(c.titled for c in group))
        # "Eliud Kipchoge" ... "Kipchoge said": a full name, then the surname alone.
        or (name_like(best, gaz) and fold(best.tokens[-1]) in singles)
    ):
        return PERSON
    places = [c for c in group if is_place(c, gaz, word_counts)]
    # A body named for a place is the body when the place is only another
    # language's spelling of a town: "Wada" (Vada, India) is the World
    # Anti-Doping Agency, where "London" and the London Assembly stay a place.
    if words[-1] in ORG_WORDS and places and all(fold(c.text) not in gaz.places for c in places):
        places = []
    if places or words[-1] in PLACE_WORDS:
        return PLACE
    if words[-1] in EVENT_WORDS or any(w.isdigit() and len(w) == 4 for w in words):
        return EVENT
    if any(w in ORG_WORDS for w in words) or any(
        c.tokens[0].isupper() and len(c.tokens) == 1 and len(c.tokens[0]) > 1 for c in group
    ):
        return ORGANISATION
    if any(c.quoted and len(c.tokens) > 1 for c in group) or any(w.isdigit() for w in words):
        return WORK
    return OTHER
