"""One entity, one tag page across the whole digest.

Each post is tagged on its own, so two posts may spell one entity two ways
("Lysychansk", "Lyssytchansk"; "US", "United States"). Once every post is read,
`canonical_tags` maps every tag name in the digest to one name per entity.

The merge is careful, because a wrong join puts two different things on one
page: it never joins two people whose first names differ ("Volodymyr
Zelensky", "Vladimir Zelensky"), nor two people one letter apart ("Vladimir
Zelensky", "Vladimir Zelinsky"), nor a bare surname that two people of the
digest have, nor two things of different types, nor names told apart by a
number, a letter or a code ("World War I", "Radio 4", "UK Treasury", "BAA").

Pure: names in, a mapping out.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Callable

from rapidfuzz.distance import Levenshtein

from .merge import pairs_cut_short
from .partition import Partition
from .spelling import fold, translit_key
from .vocabulary import OTHER, PERSON, PLACE


# What is not a letter or digit (str.isalnum): \W, and the underscore \w holds.
NOT_ALNUM = re.compile(r"[\W_]+")


def loose(name: str) -> str:
    """fold() without punctuation: "Wal-Mart" and "Wal Mart" agree.

    >>> loose("Wal-Mart"), loose("The Kyiv_Post!"), loose("São Paulo")
    ('wal mart', 'kyiv post', 'sao paulo')
    """
    return " ".join(NOT_ALNUM.sub(" ", fold(name)).split())


def canonical_tags(
    posts: list[tuple[list[str], bool]],
    types: dict[str, str] | None = None,
    aliases: dict[str, str] | None = None,
    ignore=(),
    english_place: Callable[[str], str | None] | None = None,
    slug_of=None,
) -> dict[str, str | None]:
    """Map every tag name of the digest to its canonical name (None: drop it).

    `posts` is [(tags, edited_by_a_person)]. The canonical name is a
    person's spelling if one edited it in; else the name an English
    gazetteer knows (`english_place` gives geonames' English name of a
    place, in any spelling it knows: "Lyssytchansk" -> "Lysychansk"); else
    a person's full name; else the spelling most posts use, the fullest on a
    tie. `types` gives each
    name's type; `slug_of` a tag's page address: names that share one are
    one tag.

    >>> canonical_tags([(["Lysychansk"], False), (["Lyssytchansk", "US"], False), (["Lysychansk"], False)],
    ...                aliases={"US": "United States"})
    {'Lysychansk': 'Lysychansk', 'Lyssytchansk': 'Lysychansk', 'US': 'United States'}
    """
    types = types or {}
    english_place = english_place or (lambda name: None)
    aliases = {loose(k): v for k, v in (aliases or {}).items()}
    ignored = {loose(name) for name in ignore}
    keys: dict[str, str] = {}

    def key_of(name: str) -> str:
        """loose(name), worked out once per name (the merge asks again and again)."""
        key = keys.get(name)
        if key is None:
            key = keys[name] = loose(name)
        return key

    target_of: dict[str, str] = {}  # each name as written -> after aliases
    uses: Counter = Counter()
    by_person: Counter = Counter()
    order: dict[str, int] = {}  # first appearance of each target
    for tags, edited in posts:
        for name in tags:
            target = target_of.get(name)
            if target is None:  # once per name: a digest writes its names many times
                target = target_of[name] = aliases.get(key_of(name), name)
            order.setdefault(target, len(order))
            uses[target] += 1
            by_person[target] += edited
    # Group spellings: the same loose key first.
    groups: dict[str, list[str]] = defaultdict(list)
    for name in order:
        groups[key_of(name)].append(name)
    kind = {k: group_type(names, types) for k, names in groups.items()}
    # The place a name spells, for names that may be places.
    place = {k: english_place(names[0]) if kind[k] in (PLACE, OTHER) else None for k, names in groups.items()}
    partition = Partition(groups)

    def join(a: str, b: str) -> None:
        if partition.root(a) != partition.root(b) and compatible(a, b, kind, place):
            partition.join(b, a)

    # The spellings of one place share its English name.
    first_of: dict = {}
    for k in groups:
        if place[k]:
            join(first_of.setdefault(place[k], k), k)
    # Transliteration variants share a key; not acronyms ("BAA" and "BA",
    # "SECC" and "SEC") nor names told apart by a numeral ("World War I").
    first_of = {}
    for k in groups:
        if not any(is_acronym(n) for n in groups[k]):
            first = first_of.setdefault(translit_key(k), k)
            if slip_in_a_word(first, k):
                join(first, k)
    # One letter apart in a long name (not a person's: "Zelensky" and
    # "Zelinsky" are two people): compared within buckets of names that share
    # a first letter, word count and length, to stay near-linear.
    buckets = defaultdict(list)
    for k in groups:
        if len(k) >= 7 and kind[k] != PERSON:
            buckets[(k[:1], k.count(" "), len(k))].append(k)
    for (letter, words, length), bucket in buckets.items():
        for other_length in (length, length + 1):
            others = bucket if other_length == length else buckets.get((letter, words, other_length), [])
            for i, a in enumerate(bucket):
                for b in (others[i + 1:] if other_length == length else others):
                    if not (place[a] and place[b]) and Levenshtein.distance(a, b, score_cutoff=1) <= 1 \
                            and slip_in_a_word(a, b):
                        join(a, b)
    # A plural in "-ies" and its singular, as within a story ("Tories",
    # "Tory"). Not a plural in "-s": "Rovers" and "Rover", "HBOS" and "HBO"
    # are different things.
    first_of = {}
    for k in groups:
        if kind[k] not in (PERSON, PLACE) and not place[k]:
            join(first_of.setdefault(singular(k), k), k)
    # A name with every word cut short ("Lib Dems", "Liberal Democrats"), as
    # within a story.
    for a, b in pairs_cut_short({k: tuple(k.split()) for k in groups}):
        join(a, b)
    # Names that would share a tag page's address are one tag ("BBC2", "BBC’2").
    if slug_of is not None:
        first_of = {}
        for k in groups:
            partition.join(k, first_of.setdefault(slug_of(groups[k][0]), k))
    # A bare surname -> the person of the digest with that surname, when
    # there is only one.
    surnames = defaultdict(set)
    for k in groups:
        if " " in k and kind[k] == PERSON:
            surnames[k.rsplit(" ", 1)[1]].add(partition.root(k))
    for k in groups:
        if " " not in k and kind[k] == PERSON and len(surnames.get(k, ())) == 1:
            join(next(iter(surnames[k])), k)
    members = defaultdict(list)
    for k in groups:
        members[partition.root(k)].extend(groups[k])
    canonical: dict[str, str | None] = {}
    for names in members.values():
        places = {n: place[key_of(n)] for n in names if place.get(key_of(n))}
        known = {n for n, english in places.items() if english == n}
        if not any(kind[key_of(n)] == PLACE for n in places):
            # Renamed only when a story takes it for a place: geonames knows
            # Mon State as "Moon" too.
            places = {}
        # A person goes by their full name, not the surname used most.
        full = {n for n in names if kind[key_of(n)] == PERSON and " " in key_of(n)}
        best = max(names, key=lambda n: (by_person[n], n in known, n in full, uses[n], len(key_of(n).split()), -order[n]))
        if not by_person[best] and not known and places:
            # Named the way the gazetteer names it in English.
            best = next(iter(places.values()))
        for name in names:
            canonical[name] = None if key_of(best) in ignored else best
    return {name: canonical[target] for name, target in target_of.items()}


def is_acronym(name: str) -> bool:
    """ "BAA", "SECC", "NTT": capitals only, a few letters."""
    return name.isupper() and name.isalpha() and len(name) <= 5


def slip_in_a_word(a: str, b: str) -> bool:
    """Are names one letter apart because of a slip in a word, not two
    names told apart by a number, a letter or a code ("World War I" and
    "World War II", "Radio 1" and "Radio 4", "Group B" and "Group D", "US
    Treasury" and "UK Treasury")? Both are loose keys of as many words.

    >>> slip_in_a_word("gazprom neft", "gazprom neftt"), slip_in_a_word("china new network", "china news network")
    (True, True)
    >>> slip_in_a_word("us treasury", "uk treasury"), slip_in_a_word("world war i", "world war ii")
    (False, False)
    """
    return all(
        x.isalpha() and y.isalpha() and (min(len(x), len(y)) >= 4 or min(len(x), len(y)) >= 3 and x[:3] == y[:3])
        for x, y in zip(a.split(), b.split()) if x != y
    )


def singular(key: str) -> str:
    """A loose key whose last word is a plural in "-ies", in the singular.

    >>> singular("tories"), singular("rovers"), singular("series")
    ('tory', 'rovers', 'series')
    """
    last = key.rsplit(" ", 1)[-1]
    if last.endswith("ies") and len(last) > 4 and last != "series":
        return key[:-3] + "y"
    return key


def group_type(names: list[str], types: dict[str, str]) -> str:
    """The type the posts give a name (a known type over "other")."""
    if len(names) == 1:  # most names have one spelling
        return types.get(names[0]) or OTHER
    known = [types[n] for n in names if types.get(n) and types[n] != OTHER]
    return Counter(known).most_common(1)[0][0] if known else OTHER


def compatible(a: str, b: str, kind: dict, place: dict) -> bool:
    """May the names (loose keys) a and b be one entity? Not if their types
    differ, nor if they are two places, nor two people with different
    first names."""
    if OTHER not in (kind[a], kind[b]) and kind[a] != kind[b]:
        return False
    if place[a] and place[b] and place[a] != place[b]:
        return False
    if PERSON in (kind[a], kind[b]) and " " in a and " " in b:
        return translit_key(a.split(" ", 1)[0]) == translit_key(b.split(" ", 1)[0])
    return True
