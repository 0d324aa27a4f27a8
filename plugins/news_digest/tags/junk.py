"""What looks like a name but is not one: a capitalised sentence opener, a
nationality adjective or portfolio glued in front of a name, a lone weekday,
title or generic acronym.

Pure: words and word lists in, words (or a verdict) out.
"""
from __future__ import annotations

import re
from collections import Counter

from .entity import Candidate
from .gazetteer import Gazetteer
from .kinds import is_common, is_place
from .spans import plain, strip_possessive
from .spelling import fold
from .vocabulary import CONNECTORS, EVENT_WORDS, NAME_PARTICLES, OPENERS, ORG_WORDS, PARTY_WORDS, PLACE_WORDS


def is_opener(token: str) -> bool:
    """A word that opens sentences and is no name ("The", "But", "He's"):
    drop_opener drops it."""
    return is_opener_word(plain(strip_possessive(token)).lower())


def is_opener_word(lower: str) -> bool:
    """is_opener, for a word already in lower case with straight apostrophes."""
    return lower in OPENERS or lower.split("'")[0] in OPENERS


def drop_opener(
    tokens: list[str], mid_caps: Counter, alone_caps: set[str], gaz: Gazetteer, word_counts: dict,
    in_title: bool = False,
) -> list[str]:
    """The first word of a sentence is capitalised whatever it is: keep it
    only when it looks like a name. `mid_caps` counts the words the story
    capitalises in mid-sentence, `alone_caps` those it uses alone there."""
    first = strip_possessive(tokens[0])
    lower = plain(first).lower()
    if lower in NAME_PARTICLES and len(tokens) > 1:
        keep = True  # "Von der Leyen said"
    elif len(tokens) > 1 and lower not in OPENERS and (
        fold(" ".join(tokens)) in gaz.places or fold(" ".join(tokens[:2])) in gaz.places
    ):
        keep = True  # "Hong Kong in World Cup bid", "New York votes", "New York Times said"
    elif is_opener_word(lower):
        keep = False
    elif in_title:
        # A headline's first word: editors capitalise it, so ask for
        # evidence from the story.
        keep = (
            first in alone_caps or first in mid_caps or is_place(Candidate((first,)), gaz, word_counts)
            or word_counts.get(lower, 0) < 200_000
        )
    elif len(tokens) == 1 and word_counts.get(lower, 0) >= 50_000_000:
        # A very common word alone ("World", "Sky"): a name only if the
        # text also uses it alone in mid-sentence.
        keep = first in alone_caps
    else:
        second = tokens[1] if len(tokens) > 1 else ""
        keep = (
            first in mid_caps
            or not is_common(lower, word_counts)
            or gaz.places.get(fold(first)) in ("country", "state", "continent", "region")
            or (fold(first) in gaz.places and len(tokens) == 1)
            or (first.isupper() and len(first) > 1)
            # a first name, then a surname or an initial ("Donald J. Trump"), not an acronym
            or (second and fold(first) in gaz.first_names
                and not (second.isupper() and (len(second) > 1 or len(tokens) == 2))
                and gaz.places.get(fold(second)) not in ("country", "continent", "state"))
        )
    if keep:
        return tokens
    rest = tokens[1:]
    while rest and rest[0] in CONNECTORS:
        rest = rest[1:]
    return rest


def strip_demonym(tokens: list[str], gaz: Gazetteer, word_counts: dict) -> list[str]:
    """"Canadian Heather Hennigar" -> "Heather Hennigar", "Defense Sergei
    Shoigu" -> "Sergei Shoigu": an adjective or portfolio before a first
    name. "European Indoor Championships" and "Ugandan Media Council" stay."""
    if len(tokens) >= 2:
        lead, last = tokens[0], fold(tokens[-1])
        if (lead in gaz.demonyms or lead in gaz.portfolios) and fold(tokens[1]) in gaz.first_names:
            return tokens[1:]
        if lead in gaz.demonyms and len(tokens) == 2 and not (
            last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS or is_common(last, word_counts)
        ) and tokens[1][:1].isupper():
            return tokens[1:]  # "Indian Chandrayaan-2"
        if lead in gaz.demonyms and len(tokens) == 3 and not (
            last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS
        ) and not any(t in CONNECTORS for t in tokens):
            return tokens[1:]  # "American Robby Ginepri"
    return tokens


# A company's legal form, which its tag leaves off ("Moderna Inc" is Moderna).
# Not "Corporation" or "Company", which belong to many names ("National
# Iranian Oil Company").
LEGAL_FORMS = frozenset("Co Ltd Inc LLC Limited Incorporated plc PLC Plc GmbH AG".split())


# Letters after a name, or a member's seat before them ("Ruth Kelly MP",
# "Salford MP", "UKIP MEP"): not part of the name.
POST_NOMINALS = frozenset("MP MSP MEP MLA QC KC MBE OBE CBE".split())


def strip_post_nominal(tokens: list[str]) -> list[str]:
    """ "Ruth Kelly MP" -> "Ruth Kelly", "Tory MP" -> "Tory"; "MP" alone stays.

    >>> strip_post_nominal(["Ruth", "Kelly", "MP"]), strip_post_nominal(["MP"])
    (['Ruth', 'Kelly'], ['MP'])
    """
    return tokens[:-1] if len(tokens) > 1 and tokens[-1] in POST_NOMINALS else tokens


def strip_former(tokens: list[str]) -> list[str]:
    """ "Ex-Boeing boss" -> "Boeing", "Ex-Labour MP" -> "Labour": what a
    person used to belong to, without the prefix a headline capitalises.

    >>> strip_former(["Ex-Boeing"]), strip_former(["Ex-chat"]), strip_former(["Exxon"])
    (['Boeing'], [], ['Exxon'])
    """
    if not tokens or not tokens[0].startswith("Ex-"):
        return tokens
    rest = tokens[0][3:]
    return ([rest] if rest[:1].isupper() else []) + tokens[1:]


def strip_legal_form(tokens: list[str]) -> list[str]:
    """ "Shanxi Yingmen Aviation Technology Group Co" -> "... Group",
    "JP Morgan & Co" -> "JP Morgan"; a name that is only a form stays.

    >>> strip_legal_form(["Wal-Mart", "Stores", "Inc"]), strip_legal_form(["Inc"])
    (['Wal-Mart', 'Stores'], ['Inc'])
    """
    if len(tokens) < 2 or tokens[-1] not in LEGAL_FORMS:
        return tokens
    rest = tokens[:-1]
    while len(rest) > 1 and rest[-1] in CONNECTORS:
        rest = rest[:-1]
    return rest


CURRENCY_CODES = frozenset("EUR USD GBP RMB CNY JPY UAH CHF RUB INR HKD AUD CAD".split())
DIRECTIONS = frozenset("north south east west northern southern eastern western central middle s".split())


def is_regional_adjective(name: str, gaz: Gazetteer) -> bool:
    """ "South African", "North American", "Middle Eastern": an adjective.
    (Not junk while reading a story: its mentions count for the place,
    "South Africa", when the story names that too.)

    >>> from types import SimpleNamespace
    >>> gaz = SimpleNamespace(demonyms={"African", "Irish"})
    >>> is_regional_adjective("South African", gaz), is_regional_adjective("London Irish", gaz)
    (True, False)
    """
    words = name.split()
    return len(words) > 1 and words[-1] in gaz.demonyms and all(w.lower() in DIRECTIONS for w in words[:-1])


# "(R-Ohio)", "(D-N.Y.)": a US legislator's party and state, the state by
# its name, postal code or AP abbreviation. Not "D-Day" or "D-Link".
AP_STATES = frozenset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev
    N.H N.J N.M N.Y N.C N.D Okla Ore Pa Penn R.I S.C S.D Tenn Vt Va Wash W.Va Wis Wyo""".split()
)
PARTY_AND_STATE = re.compile(r"([RDI])-([A-Z][A-Za-z.]{1,13})")


def is_party_and_state(word: str, gaz: Gazetteer) -> bool:
    """A US legislator's party and state, as news writes it after the name.

    >>> from types import SimpleNamespace
    >>> gaz = SimpleNamespace(places={"ohio": "state"})
    >>> [is_party_and_state(w, gaz) for w in ("R-Ohio", "D-N.Y.", "I-VT", "D-Day", "D-Link")]
    [True, True, True, False, False]
    """
    m = PARTY_AND_STATE.fullmatch(word)
    if not m:
        return False
    state = m.group(2).rstrip(".")
    return state in AP_STATES or (state.isupper() and len(state) == 2) or gaz.places.get(fold(state)) == "state"


# A member of a US party, after a state: how US news refers to a legislator
# already named ("the Kentucky Republican said").
PARTY_MEMBERS = frozenset({"Republican", "Democrat"})


def is_junk(tokens: list[str], gaz: Gazetteer) -> bool:
    """Never a tag: a lone weekday, month, title, nationality adjective,
    generic acronym ("TV", "PVRs"), or a number."""
    bare = [plain(strip_possessive(t)) for t in tokens]
    text = " ".join(bare)
    if len(text) < 2 or text.replace(" ", "").isdigit() or text in gaz.junk:
        return True
    if len(bare) == 1:
        word = bare[0]
        if re.fullmatch(r"[A-Z]{2,}s", word):
            return True  # "MPs", "DJs", "PVRs": people or things, not names
        if is_party_and_state(word, gaz):
            return True  # "(R-Ohio)": a US legislator's party and state
        singular = word[:-1] if word.endswith("s") else word
        return (
            word in gaz.demonyms or word in gaz.junk or word in gaz.titles or word in CURRENCY_CODES
            or singular in gaz.demonyms or singular in gaz.junk
        )
    if bare[-1].endswith("s") and bare[-1][:-1] in gaz.demonyms:
        return True  # "South Koreans"
    if bare[-1] in PARTY_MEMBERS and fold(" ".join(bare[:-1])) in gaz.places:
        return True  # "the Kentucky Republican": a legislator's state and party, said of a person
    if len(bare) == 2 and bare[0] in CURRENCY_CODES and bare[1].replace(".", "").replace(",", "").isdigit():
        return True  # "EUR 50": a sum of money
    if all(t in gaz.titles or t in gaz.portfolios or t in gaz.demonyms for t in bare) \
            and fold(bare[-1]) not in ORG_WORDS:
        return True  # "Home Secretary", "Iranian President"; not "Scottish Executive"
    if bare[-1] in gaz.titles and all(t.lower() in PARTY_WORDS or t in gaz.titles for t in bare):
        return True  # "Democratic Sen.", "Republican Gov.": a party and a title
    return all(t in gaz.titles or t in gaz.junk and t not in gaz.demonyms for t in bare) and not any(
        t in gaz.demonyms for t in bare
    )
