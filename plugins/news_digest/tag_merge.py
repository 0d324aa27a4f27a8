"""One entity, one tag page across the whole digest.

Each post is tagged on its own, so two posts may spell one entity two ways
("Lysychansk", "Lyssytchansk"; "US", "United States"). Once every post is read,
`canonical_tags` maps every tag name in the digest to one name per entity.
Pure: names in, a mapping out.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from .entities import PERSON, translit_key
from .gazetteer import fold
from .partition import Partition


def same_entity(a: str, b: str, places: dict) -> bool:
    """Two spellings of one name: equal once case, accents and punctuation are
    ignored, or once transliteration differences are; or one letter apart in
    a long name that the gazetteer does not know as two places."""
    fa, fb = loose(a), loose(b)
    if fa == fb:
        return True
    if fa.count(" ") != fb.count(" ") or fa[:1] != fb[:1] or min(len(fa), len(fb)) < 5:
        return False
    if translit_key(fa) == translit_key(fb):
        return True
    if fa in places and fb in places:
        return False
    return min(len(fa), len(fb)) >= 7 and Levenshtein.distance(fa, fb) <= 1


def loose(name: str) -> str:
    """fold() without punctuation: "Wal-Mart" and "Wal Mart" agree."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


def canonical_tags(
    posts: list[tuple[list[str], bool]],
    types: dict[str, str] | None = None,
    aliases: dict[str, str] | None = None,
    ignore=(),
    places: dict | None = None,
) -> dict[str, str | None]:
    """Map every tag name of the digest to its canonical name (None: drop it).

    `posts` is [(tags, edited_by_a_person)]: a person's spelling is preferred
    as the canonical one; otherwise the spelling most posts use.

    >>> canonical_tags([(["Lysychansk"], False), (["Lyssytchansk", "US"], False), (["Lysychansk"], False)],
    ...                aliases={"US": "United States"})
    {'Lysychansk': 'Lysychansk', 'Lyssytchansk': 'Lysychansk', 'US': 'United States'}
    """
    types = types or {}
    places = places or {}
    aliases = {loose(k): v for k, v in (aliases or {}).items()}
    ignored = {loose(name) for name in ignore}
    target_of: dict[str, str] = {}  # each name as written -> after aliases
    uses: Counter = Counter()
    by_person: Counter = Counter()
    order: dict[str, int] = {}  # first appearance of each target
    for tags, edited in posts:
        for name in tags:
            target = target_of.setdefault(name, aliases.get(loose(name), name))
            order.setdefault(target, len(order))
            uses[target] += 1
            by_person[target] += edited
    # Group spellings: the same loose key first, then variants among keys that
    # share a first letter and word count (keeps this near-linear).
    groups: dict[str, list[str]] = defaultdict(list)
    for name in order:
        groups[loose(name)].append(name)
    partition = Partition(groups)
    root = partition.root
    buckets = defaultdict(list)
    for k in groups:
        buckets[(k[:1], k.count(" "))].append(k)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if root(a) != root(b) and abs(len(a) - len(b)) <= 2 and same_entity(a, b, places):
                    partition.join(b, a)
    # A surname tag -> the one person in the digest with that surname.
    surnames = defaultdict(set)
    for k in groups:
        if " " in k and any(types.get(n) == PERSON for n in groups[k]):
            surnames[k.rsplit(" ", 1)[1]].add(root(k))
    for k in groups:
        if " " not in k and len(surnames.get(k, ())) == 1:
            partition.join(k, next(iter(surnames[k])))
    members = defaultdict(list)
    for k in groups:
        members[root(k)].extend(groups[k])
    canonical: dict[str, str | None] = {}
    for names in members.values():
        best = max(names, key=lambda n: (by_person[n], uses[n], len(loose(n).split()), -order[n]))
        for name in names:
            canonical[name] = None if loose(best) in ignored else best
    return {name: canonical[target] for name, target in target_of.items()}
