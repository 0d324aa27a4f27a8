"""One entity, one tag page across the whole digest.

Each post is tagged on its own, so two posts may spell one entity two ways
("Lysychansk", "Lyssytchansk"; "US", "United States"). Once every post is read,
`canonical_tags` maps every tag name in the digest to one name per entity.
Pure: names in, a mapping out.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from .partition import Partition
from .spelling import fold, translit_key
from .vocabulary import PERSON


def loose(name: str) -> str:
    """fold() without punctuation: "Wal-Mart" and "Wal Mart" agree."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


def canonical_tags(
    posts: list[tuple[list[str], bool]],
    types: dict[str, str] | None = None,
    aliases: dict[str, str] | None = None,
    ignore=(),
    places: dict | None = None,
    slug_of=None,
) -> dict[str, str | None]:
    """Map every tag name of the digest to its canonical name (None: drop it).

    `posts` is [(tags, edited_by_a_person)]: a person's spelling is preferred
    as the canonical one; otherwise the spelling most posts use. `slug_of`
    gives a tag's page address: names that share one are one tag.

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
    # Transliteration variants share a key: one pass.
    partition.join_alike(groups, translit_key)
    # One letter apart in a long name: compared within buckets of names that
    # share a first letter, word count and length, to stay near-linear.
    buckets = defaultdict(list)
    for k in groups:
        if len(k) >= 7:
            buckets[(k[:1], k.count(" "), len(k))].append(k)
    for (letter, words, length), bucket in buckets.items():
        for other_length in (length, length + 1):
            others = bucket if other_length == length else buckets.get((letter, words, other_length), [])
            for i, a in enumerate(bucket):
                for b in (others[i + 1:] if other_length == length else others):
                    if partition.root(a) != partition.root(b) and not (a in places and b in places) \
                            and Levenshtein.distance(a, b, score_cutoff=1) <= 1:
                        partition.join(b, a)
    # Names that would share a tag page's address are one tag ("BBC2", "BBC’2").
    if slug_of is not None:
        partition.join_alike(groups, lambda k: slug_of(groups[k][0]))
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
