"""The ways one story writes one entity, grouped: a surname and the full
name, an acronym and its expansion, a short and a full organisation name,
a plural, a transliteration variant.

Pure: Candidates in, groups of Candidates out.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .entity import Candidate
from .gazetteer import Gazetteer
from .kinds import is_common, is_town_club, looks_like_person, name_like
from .partition import Partition
from .spelling import fold, translit_key
from .vocabulary import CONNECTORS, EVENT_WORDS, FACILITY_WORDS, NAME_PARTICLES, ORG_WORDS, PLACE_KINDS, PLACE_WORDS

# Words names end in that, alone, stand for the one such name of a story
# ("the University"). Not a legislature's: "Senate" and "Congress" are
# names of their own, whatever "Republican Senate" a story also writes.
GENERIC_TAILS = (ORG_WORDS | EVENT_WORDS | FACILITY_WORDS) - {"senate", "congress", "parliament", "assembly"}


@dataclass
class NameIndex:
    """The story's names by last word (transliteration key), first word,
    first word's stem, all words but the first, and initials, so that
    merging is not quadratic: every lookup is a dictionary's."""

    by_last: dict = field(default_factory=lambda: defaultdict(list))
    by_first: dict = field(default_factory=lambda: defaultdict(list))
    by_stem: dict = field(default_factory=lambda: defaultdict(list))
    by_rest: dict = field(default_factory=lambda: defaultdict(list))  # tokens[1:] -> names
    by_initials: dict = field(default_factory=lambda: defaultdict(list))  # "DEC", "PS3" -> names


def index_names(found: dict[str, Candidate], keys: list[str]) -> NameIndex:
    index = NameIndex()
    for k in keys:
        cand = found[k]
        if len(cand.tokens) > 1:
            index.by_last[translit_key(fold(cand.tokens[-1]))].append(cand)
            index.by_first[fold(cand.tokens[0])].append(cand)
    for cand in found.values():  # in the story's order: the first match wins
        if len(cand.tokens) > 1:
            index.by_rest[cand.tokens[1:]].append(cand)
            shorts = (initials(cand.tokens), inner_capitals(cand.tokens), connector_initials(cand.tokens))
            for short in dict.fromkeys(shorts):
                index.by_initials[short].append(cand)
    for k in keys:
        index.by_stem[fold(found[k].tokens[0]).rstrip("s").split(".")[0]].append(found[k])
    return index


def merge_candidates(
    found: dict[str, Candidate], parenthesised: list[tuple[str, str]], gaz: Gazetteer, word_counts: dict | None = None
) -> list[list[Candidate]]:
    """Group the ways of writing one entity. `parenthesised` are (short,
    long) pairs the text itself joins ("Hindustan Aeronautics (HAL)")."""
    keys = sorted(found, key=lambda k: (-len(found[k].tokens), -found[k].count, found[k].first))
    partition = Partition(keys)
    root, union = partition.root, partition.join

    multi = [k for k in keys if len(found[k].tokens) > 1]
    index = index_names(found, keys)
    for short, long in parenthesised:
        a, b = fold(short), fold(long)
        if a in found and b in found:
            union(a, b)
    # One name with a hyphen or a space between its parts ("Kim Jong-un", "Kim Jong Un").
    spaced: dict[str, str] = {}
    for key in keys:
        if "-" in key:
            union(key, spaced.setdefault(key.replace("-", " "), key))
    for key in keys:
        if "-" not in key and key in spaced:
            union(key, spaced[key])
    for key in keys:
        cand = found[key]
        tokens = cand.tokens
        if len(tokens) == 1 or all(t.lower() in NAME_PARTICLES for t in tokens[:-1]):
            target = name_part_of(cand, index, gaz)
            if target is not None:
                union(key, fold(target.text))
                continue
        target = expansion_of(cand, index)
        if target is not None:
            union(key, fold(target.text))
            continue
        target = org_base_of(cand, found, index, gaz, word_counts or {}) or place_of(cand, found, gaz)
        if target is not None:
            union(key, fold(target.text))
    # A name that ends a longer one ("Superior Court" in "Santa Barbara
    # County Superior Court", "Merlins Crailsheim" in "Hakro Merlins
    # Crailsheim"), when only one longer one has it, unless it could be a
    # person of its own.
    # So does a lone word names are built from, which the story uses for
    # the one name it ends ("Street" for "Downing Street", "Cup" for
    # "Davis Cup", "University" for "Zhejiang University").
    longer_by_tail = defaultdict(list)
    for k in multi:
        tokens = found[k].tokens
        # (a lone word only for a plain name: not "Council of the University", "House and Senate")
        plain_name = not any(t == "and" or t in CONNECTORS for t in tokens)
        for cut in range(1, len(tokens) if plain_name else len(tokens) - 1):
            longer_by_tail[tokens[cut:]].append(k)
    for key in keys:
        tokens = found[key].tokens
        if root(key) != key or (len(tokens) < 2 and fold(tokens[0]) not in GENERIC_TAILS):
            continue
        longer = sorted(longer_by_tail.get(tokens, ()), key=lambda k: len(found[k].tokens))
        if len(tokens) == 1 and longer and fold(found[longer[0]].tokens[0]) in gaz.first_names:
            continue  # "Bridge" is a surname in "Wayne Bridge", not a word of it
        # Longer names that all end with the shortest one are one name
        # ("Singapore Tourism Board", "... Department of the Singapore Tourism Board").
        if longer and all(found[k].tokens[-len(found[longer[0]].tokens):] == found[longer[0]].tokens for k in longer):
            lead = found[longer[0]].tokens[:-len(tokens)]
            if fold(tokens[-1]) in ORG_WORDS | EVENT_WORDS or not looks_like_person(found[key], gaz) or all(
                t.isupper() or t in gaz.demonyms or fold(t) in gaz.places for t in lead
            ):
                union(key, longer[0])
    # A name with its tail abbreviated: "Zaporizhzhia NPP" and
    # "Zaporizhzhia Nuclear Power Plant".
    for key in multi:
        if root(key) == key:
            target = partial_expansion_of(found[key], index)
            if target is not None:
                union(key, fold(target.text))
    # One name with a word in the singular and in the plural, as
    # translations waver ("China Returnee Employment Survey Report",
    # "China Returnees Employment Survey Report"); not people.
    by_singular = defaultdict(list)
    for k in multi:
        if not looks_like_person(found[k], gaz):
            by_singular[tuple(t[:-1] if len(t) > 3 and t.endswith("s") else t for t in found[k].tokens)].append(k)
    for same in by_singular.values():
        for k in same[1:]:
            if root(k) != root(same[0]):
                union(k, same[0])
    # A name with each word cut short ("Lib Dems", "Liberal Democrats").
    for k, other in pairs_cut_short({k: found[k].tokens for k in multi}):
        if root(k) != root(other):
            union(k, other)
    # One person's name rendered two ways by translation: three words, the
    # last two the same ("Pham Minh Chinh", "Van Minh Chinh").
    by_given = defaultdict(list)
    for k in multi:
        if len(found[k].tokens) == 3 and name_like(found[k], gaz):
            by_given[found[k].tokens[1:]].append(k)
    for same in by_given.values():
        for k in same[1:]:
            union(k, same[0])
    # Plurals: "Oscars" and "Oscar", "Tories" and "Tory".
    for key in keys:
        one = key[:-3] + "y" if key.endswith("ies") and key[:-3] + "y" in found else key[:-1]
        if key.endswith("s") and one in found and root(key) != root(one):
            union(key, one) if found[one].count >= found[key].count else union(one, key)
    # Spelling variants ("Lysytchansk", "Lyssytchansk").
    singles = [k for k in keys if root(k) == k and len(k) >= 5]
    for a, b in spelling_pairs(singles, found):
        if root(a) != root(b) and abs(len(a) - len(b)) <= 2 and same_spelling(found[a], found[b], gaz):
            union(b, a) if found[a].count >= found[b].count else union(a, b)
    # One place the gazetteer lists under two names ("Macao" the territory,
    # "Macau" the city).
    by_place: dict[str, str] = {}
    for key in keys:
        if key in gaz.places:
            first = by_place.setdefault(gaz.english_place(key) or key, key)
            if root(first) != root(key):
                union(key, first)
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for key in keys:
        groups[root(key)].append(found[key])
    # A lone word that could stand for several names of the story ("Li" with
    # Li Lanjuan and Li Xiaoliang, "University" with two universities) names
    # none of them for sure: it is not an entity of its own.
    return [
        group for group in groups.values()
        if not (len(group) == 1 and (
            stands_for_several(group[0], index, gaz) or only_after_an_age(group[0], gaz) or group[0].text in QUARTERS
        ))
    ]


def only_after_an_age(cand: Candidate, gaz: Gazetteer) -> bool:
    """A word only ever written after an age ("the 42-year-old Finn", "the
    30-year-old Texan") describes a person: a surname there joins the
    person's full name, and a place stays one ("the 31-year-old Norway
    international", "a 20-year-old US man")."""
    return cand.aged == cand.count and fold(cand.text) not in gaz.places and not cand.text.isupper()


# A quarter alone ("the West", "the North") is a direction or a part of the
# world, not a name, unless a name ("Kanye West") takes it in.
QUARTERS = frozenset({"North", "South", "East", "West"})


def name_part_of(cand: Candidate, index: NameIndex, gaz: Gazetteer) -> Candidate | None:
    """A surname (with its particles: "von der Leyen") or first name alone
    -> the full name it stands for."""
    word = fold(cand.tokens[-1])
    if gaz.places.get(word) in ("country", "continent", "state"):
        return None
    same_last = index.by_last.get(translit_key(word), [])
    last = [m for m in same_last if looks_like_person(m, gaz)]
    if last:
        return max(last, key=lambda m: (m.count, -m.first))
    first = [m for m in index.by_first.get(word, [])
             if looks_like_person(m, gaz) or (len(m.tokens) == 3 and name_like(m, gaz))]
    if len(first) == 1:
        return first[0]  # "Tedros" of "Tedros Adhanom Ghebreyesus"
    if gaz.places.get(word) not in ("country", "state", "continent", "big city"):
        last = [m for m in same_last if fold(m.tokens[-1]) == word and name_like(m, gaz)]
        if len(last) == 1:
            return last[0]
    return None


def expansion_of(cand: Candidate, index: NameIndex) -> Candidate | None:
    """An acronym -> its expansion in the same text ("DEC" ->
    "Disasters Emergency Committee", "HAL" -> "Hindustan Aeronautics Limited")."""
    if len(cand.tokens) != 1:
        return None
    word = cand.tokens[0].replace(".", "")
    if MIXED_ACRONYM.fullmatch(word):
        # Its connectors in lower case ("IoT", "MoD", "DfT"): spelt as written.
        longer = index.by_initials.get(word)
        return longer[0] if longer else None
    # An acronym in capitals, or written as a word as some papers do ("Nasa", "Icann").
    if not (2 <= len(word) <= 6 and word.isupper() and word[0].isalpha()) and not (
        4 <= len(word) <= 6 and word.isalpha() and word[0].isupper() and word[1:].islower()
    ):
        return None
    longer = index.by_initials.get(word.upper())
    return longer[0] if longer else None


def partial_expansion_of(cand: Candidate, index: NameIndex) -> Candidate | None:
    """A name ending in an acronym -> the name with the acronym spelt out
    ("Zaporizhzhia NPP" -> "Zaporizhzhia Nuclear Power Plant")."""
    tokens = cand.tokens
    short = tokens[-1].replace(".", "")
    if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
        return None
    head = tokens[:-1]
    for other in index.by_first.get(fold(tokens[0]), ()):
        if len(other.tokens) > len(tokens) and other.tokens[:len(head)] == head \
                and initials(other.tokens[len(head):]) == short:
            return other
    return None


def org_base_of(
    cand: Candidate, found: dict[str, Candidate], index: NameIndex, gaz: Gazetteer, word_counts: dict
) -> Candidate | None:
    """A shortened organisation name -> its full form ("Altria" ->
    "Altria Group", "Stoke" -> "Stoke City", "Hannover" -> "Hannover 96", "Highfield" -> "Highfields
    Capital Management", "Amazon" -> "Amazon.com", "Xinhuanet" -> "Xinhua
    News Agency")."""
    tokens = cand.tokens
    best = None
    if len(tokens) == 1:
        word = fold(tokens[0])
        if word.endswith("net") and len(word) > 6 and not is_common(word, word_counts) \
                and word[:-3] not in gaz.first_names:
            # "Xinhuanet": the web portal of "Xinhua", named for it (not "Internet")
            portal_of = [o for o in index.by_stem.get(word[:-3], ()) if fold(o.tokens[0]) == word[:-3]]
            if portal_of:
                return portal_of[0]
        for other in index.by_stem.get(word.rstrip("s").split(".")[0], ()):
            head = fold(other.tokens[0])
            if other is cand:
                continue
            if len(other.tokens) == 1 and head.split(".")[0] == word and "." in head:
                return other  # a web address of the same name
            if len(other.tokens) > 1 and head != word and head.rstrip("s") == word.rstrip("s") \
                    and fold(other.tokens[-1]) in ORG_WORDS:
                return other
    for other in index.by_first.get(fold(tokens[0]), ()):
        extra = len(other.tokens) - len(tokens)
        if 1 <= extra <= 2 and other.tokens[:len(tokens)] == tokens:
            # (sports news names a club by its town alone: "Hannover" for "Hannover 96")
            if is_town_club(other.tokens, gaz) or all(
                fold(t) in ORG_WORDS or fold(t) == "city" for t in other.tokens[len(tokens):]
            ):
                if best is None or other.count > best.count:
                    best = other
    # "Media Council" -> "Ugandan Media Council": the same body with its country.
    if best is None:
        for other in index.by_rest.get(tokens, ()):
            if other.tokens[0] in gaz.demonyms:
                return other
    # "Defense Sergei Shoigu" -> "Sergei Shoigu": a common word glued in front.
    if best is None and len(tokens) >= 3:
        tail = fold(" ".join(tokens[1:]))
        if tail in found and looks_like_person(found[tail], gaz):
            best = found[tail]
    return best


# Words of a state's formal name: "Republic of Cyprus", "Islamic Republic of Iran".
STATE_FORMS = frozenset(
    "republic kingdom state federation commonwealth principality sultanate emirate islamic people's "
    "democratic federal socialist arab united".split()
)


def place_of(cand: Candidate, found: dict[str, Candidate], gaz: Gazetteer) -> Candidate | None:
    """A place written with its kind or as a state's formal name -> the
    place as the story writes it plainly ("Republic of Cyprus" -> "Cyprus",
    "Tangshan City" -> "Tangshan"), unless the gazetteer knows the longer
    name as a place of its own ("Mexico City", "Kansas City")."""
    tokens = cand.tokens
    last = tokens[-1].lower()
    if len(tokens) < 2 or not ("of" in tokens or last in PLACE_KINDS or last in STATE_FORMS):
        return None
    if fold(cand.text) in gaz.places:
        return None
    if all(fold(t) in STATE_FORMS for t in tokens):  # "Islamic Republic" -> "Islamic Republic of Iran"
        longer = [o for o in found.values() if len(o.tokens) > len(tokens) and o.tokens[:len(tokens)] == tokens]
        return longer[0] if len(longer) == 1 else None
    if "of" in tokens and all(fold(t) in STATE_FORMS for t in tokens[:tokens.index("of")]):
        plain_name = fold(" ".join(tokens[tokens.index("of") + 1:]))
    elif fold(tokens[-1]) in PLACE_KINDS:
        plain_name = fold(" ".join(tokens[:-1]))
    else:
        return None
    other = found.get(plain_name)
    return other if other is not None and other is not cand else None


def stands_for_several(cand: Candidate, index: NameIndex, gaz: Gazetteer) -> bool:
    """A single word that is the first word of two or more longer names of
    its kind: a generic head ("University" of two universities) or a
    surname written first ("Li" of Li Lanjuan and Li Xiaoliang)."""
    if len(cand.tokens) != 1:
        return False
    word = fold(cand.tokens[0])
    others = index.by_first.get(word, ())
    if len(others) < 2:
        return False
    longer = {fold(other.text): other for other in others}
    if word in ORG_WORDS | PLACE_WORDS | EVENT_WORDS:
        return len(longer) >= 2
    return len([o for o in longer.values() if looks_like_person(o, gaz)]) >= 2


# A deletion form shared by more names than this is a list ("Route 1" ...
# "Route 9"), not one name's spellings: left alone, so the work stays linear.
MAX_SHARING = 32


def spelling_pairs(keys: list[str], found: dict[str, Candidate]) -> list[tuple[str, str]]:
    """The pairs of keys that could pass same_spelling, in the keys' order,
    found without comparing every pair: those with the same first letter,
    word count and words but the last, and the same transliteration key or
    a deletion form in common (two strings one edit apart share one: the
    shorter itself, or both with the differing letter deleted)."""
    # Only names of the same first letter, word count and words but the
    # last can pair: most stand alone there, and need no deletion forms.
    heads = defaultdict(list)
    for position, k in enumerate(keys):
        tokens = found[k].tokens
        heads[(k[0], len(tokens), tokens[:-1] if len(tokens) > 1 else ())].append(position)
    pairs = set()
    for alike in heads.values():
        if len(alike) < 2:
            continue
        groups = defaultdict(list)
        for position in alike:
            k = keys[position]
            groups[("key", translit_key(k))].append(position)
            if len(k) >= 7:
                for form in {k, *(k[:i] + k[i + 1:] for i in range(len(k)))}:
                    groups[("form", form)].append(position)
        for members in groups.values():
            if 1 < len(members) <= MAX_SHARING:
                pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:] if a != b)
    return [(keys[a], keys[b]) for a, b in sorted(pairs)]


def same_spelling(a: Candidate, b: Candidate, gaz: Gazetteer) -> bool:
    """Two spellings of one name: same transliteration key, or one or two
    letters apart in a long name that no gazetteer knows as two places."""
    if len(a.tokens) != len(b.tokens):
        return False
    fa, fb = fold(a.text), fold(b.text)
    if fa[:1] != fb[:1] or min(len(fa), len(fb)) < 5:
        return False
    if a.tokens[:-1] != b.tokens[:-1] and len(a.tokens) > 1:
        return False
    if translit_key(fa) == translit_key(fb):
        return True
    both_known = fa in gaz.places and fb in gaz.places
    return not both_known and min(len(fa), len(fb)) >= 7 and Levenshtein.distance(fa, fb) <= 1


def pairs_cut_short(names: dict) -> list[tuple]:
    """The pairs of {key: words} where one name is the other cut short,
    looked for among names whose words start with the same three letters,
    and not among dozens of such names (a list or hostile text, not one
    entity). Used within a story and across the digest.

    >>> pairs_cut_short({"a": ("Lib", "Dems"), "b": ("Liberal", "Democrats"), "c": ("New", "York")})
    [('a', 'b')]
    """
    by_prefixes = defaultdict(list)
    for key, words in names.items():
        if len(words) > 1:
            by_prefixes[tuple(w[:3].lower() for w in words)].append(key)
    return [
        (a, b) for same in by_prefixes.values() if len(same) <= 20
        for i, a in enumerate(same) for b in same[i + 1:] if cut_short(names[a], names[b])
    ]


def cut_short(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name is the other with every word cut short: "Lib Dems" and
    "Liberal Democrats" (a plural stays a plural). Each short word keeps at
    least three letters; a name with a word in common is not cut short
    ("New York", "New Yorkers").

    >>> cut_short(("Lib", "Dems"), ("Liberal", "Democrats")), cut_short(("New", "York"), ("New", "Yorkers"))
    (True, False)
    """
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        short, long = (x, y) if len(x) < len(y) else (y, x)
        if short.endswith("s") and long.endswith("s"):
            short, long = short[:-1], long[:-1]
        if len(short) < 3 or len(long) - len(short) < 2 or not long.lower().startswith(short.lower()):
            return False
    return True


def initials(tokens) -> str:
    """ "Disasters Emergency Committee" -> "DEC", "Securities and Exchange Commission" -> "SEC"."""
    return "".join(t[0] for t in tokens if t not in CONNECTORS and t != "and").upper()


# An acronym that keeps its connectors' letters in lower case: "IoT", "MoD".
MIXED_ACRONYM = re.compile(r"[A-Z](?:[a-z]?[A-Z])+")


def connector_initials(tokens) -> str:
    """ "Internet of Things" -> "IoT", "Department for Transport" -> "DfT":
    the words' initials, a connector's in lower case ("" without one)."""
    letters = "".join(t[0].lower() if t in CONNECTORS else t[0].upper() for t in tokens if t != "and")
    return letters if letters != letters.upper() else ""


def inner_capitals(tokens) -> str:
    """ "PlayStation 3" -> "PS3": capitals and numbers, as product names
    abbreviate."""
    return "".join(c for t in tokens if t not in CONNECTORS for c in t if c.isupper() or c.isdigit())
