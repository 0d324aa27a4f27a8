"""Related stories: the other reports of the same story first, then the
digest's related stories, and nothing that is not related.

Similarity is the cosine of TF-IDF vectors whose features are the story's
words and its entities (tags), so that a shared rare entity counts for a lot
and one on every story for little; it halves every RELATED_TIME_SCALE_DAYS
days apart (reports of one event are days apart, a topic spans years). It is
computed as a sparse product in blocks of rows, with each vector cut to its
strongest features and each feature's posting list cut to its strongest
documents: the cost grows with the digest, not with its square
(similarity.py).

Two decisions rest on how alike two stories are *against the digest's
background*: the cosine of pairs picked at random, as a z-score. A raw
cosine threshold would shift with the digest's size and vocabulary; a
z-score does not.

- **Reports of one story** (group_reports): two stories are one event when
  their cosine stands `group_z` deviations above the background, they share
  an entity, and they are at most `group_days` days apart. Closeness in time
  is evidence only where the digest's dates are sparse: when a quarter or
  more of the digest falls within `group_days` of either story's date (a
  day's digest, or stories dated by their file times), it is no evidence,
  and they must stand `group_z_undated` deviations above. This is judged
  per story, not for the whole digest: dated reports among a mass of
  stories of one day are still told apart by their dates. Groups are formed by complete linkage: every pair inside a
  group meets the test, so two events are never chained into one.
- **The floor** (link_floor): another story is linked only when it shares an
  entity with the story and its cosine stands `link_z` deviations above the
  background. A story with nothing related has fewer links, or none.

Pure: plain values in (RelatedDoc), plain values out (keys and scores).
"""
from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from ..tags.spelling import fold
from ..tags.vocabulary import CONNECTORS, EVENT_WORDS, FACILITY_WORDS, ORG_WORDS, PLACE_WORDS, VENUE_WORDS
from .features import STOPWORDS, WORD, RelatedDoc, RelatedOptions, stem

# Words names are built from, which say nothing of which entity it is.
GENERIC = ORG_WORDS | EVENT_WORDS | PLACE_WORDS | FACILITY_WORDS | VENUE_WORDS | CONNECTORS | frozenset(
    """new north south east west northern southern eastern western central united national
    international royal great greater saint upper lower old high first general federal state states
    republican republicans democratic democrats democrat american british european""".split()
)


@dataclass(frozen=True)
class RelatedStories:
    links: dict[str, list[tuple[str, float]]]  # story -> (story, score), other reports first
    story_of: dict[str, str]  # story -> its story group's id (the key of its earliest report)


@dataclass(frozen=True)
class Background:
    """How alike stories picked at random are, and whether dates tell stories apart."""

    mean: float
    sd: float
    sparse: tuple[bool, ...]  # per story: dated, and few stories fall within group_days of it

    def z(self, value: float) -> float:
        return (value - self.mean) / self.sd


def find_related(docs: list[RelatedDoc], options: RelatedOptions = RelatedOptions(), store=None) -> RelatedStories:
    """For each story, its other reports, then up to `max_related` related
    stories in all, most similar first. numpy and scipy are loaded only here:
    a build whose related links come from the cache does without them."""
    if len(docs) < 2 or not options.max_related:
        return RelatedStories({doc.key: [] for doc in docs}, {doc.key: doc.key for doc in docs})
    from .similarity import most_similar

    near = most_similar(docs, replace(options, max_related=max(options.candidates, options.max_related)), store)
    background = measure_background(near.background, docs, options)
    names = [Names.of(doc) for doc in docs]
    stories = group_reports(docs, names, near, background, options) if options.story_grouping else list(range(len(docs)))
    links = {}
    for i, pairs in enumerate(near.neighbours):
        mates = [(j, s) for j, s in pairs if stories[j] == stories[i]]
        room = max(0, options.max_related - len(mates))
        others = []  # the first `room` candidates that clear the floor, most similar first
        for j, s in pairs:
            if len(others) >= room:
                break
            if stories[j] != stories[i] and link_floor(names, near, background, options, i, j):
                others.append((j, s))
        links[docs[i].key] = [(docs[j].key, s) for j, s in mates + others]
    first_of: dict[int, str] = {}
    for i in sorted(range(len(docs)), key=lambda i: (docs[i].date or 0, docs[i].key) if docs[i].date else (0, docs[i].key)):
        first_of.setdefault(stories[i], docs[i].key)
    return RelatedStories(links, {doc.key: first_of[stories[i]] for i, doc in enumerate(docs)})


# What two unrelated news stories' cosine looks like, measured on the BBC and
# US news development corpora (mean 0.014 and 0.017, sd 0.025 and 0.028): a
# small digest has too few pairs to measure its own background, so its
# measure is shrunk towards this one, by PRIOR_PAIRS pairs' worth.
PRIOR_MEAN, PRIOR_SD, PRIOR_PAIRS = 0.016, 0.027, 300


def measure_background(pairs: list[tuple[int, int, float]], docs: list[RelatedDoc], options: RelatedOptions) -> Background:
    """The background from the sampled pairs (similarity.background_pairs),
    shrunk towards a typical news digest's when the pairs are few."""
    values = [v for _, _, v in pairs]
    weight = len(values) / (len(values) + PRIOR_PAIRS)
    mean = statistics.fmean(values) if values else PRIOR_MEAN
    sd = statistics.pstdev(values) if len(values) > 1 else PRIOR_SD
    mean = weight * mean + (1 - weight) * PRIOR_MEAN
    sd = weight * sd + (1 - weight) * PRIOR_SD
    return Background(mean, sd or PRIOR_SD, sparse_dates(docs, options))


def sparse_dates(docs: list[RelatedDoc], options: RelatedOptions) -> tuple[bool, ...]:
    """For each story: is it dated, with fewer than `dates_tell_below` of
    the other stories within `group_days` of its date?"""
    days = sorted(doc.date.toordinal() for doc in docs if doc.date)
    others = max(1, len(docs) - 1)
    sparse = []
    for doc in docs:
        if not doc.date:
            sparse.append(False)
            continue
        day = doc.date.toordinal()
        near = bisect_right(days, day + options.group_days) - bisect_left(days, day - options.group_days) - 1
        sparse.append(near < options.dates_tell_below * others)
    return tuple(sparse)


@dataclass(frozen=True)
class Names:
    """What a story names, in the forms two stories' names are compared in."""

    tags: frozenset
    words: frozenset  # entity_forms
    acronyms: frozenset
    initials: frozenset  # of its names of several words
    headline: frozenset  # headline_words

    @classmethod
    def of(cls, doc: RelatedDoc) -> Names:
        words, acronyms, initials = set(), set(), set()
        for entity in doc.entities:
            entity_words, entity_acronyms, entity_initials = entity_forms(entity)
            words |= entity_words
            acronyms |= entity_acronyms
            initials |= entity_initials
        return cls(frozenset(doc.entities), frozenset(words), frozenset(acronyms), frozenset(initials),
                   frozenset(headline_words(doc.title)))

    def shared(self, other: Names) -> bool:
        """The stories name one entity, however each spells it: the same tag,
        a name word they share ("Paul Ryan", "Paul D Ryan"; "Obama", "Barack
        Obama"; "Georgetown", "Georgetown University"), or an acronym and
        its expansion ("NAACP")."""
        return bool(self.tags & other.tags or self.words & other.words
                    or self.acronyms & other.initials or other.acronyms & self.initials)


def shares_entity(a: RelatedDoc, b: RelatedDoc) -> bool:
    """Names.shared, for two stories."""
    return Names.of(a).shared(Names.of(b))


def headline_words(title: str) -> set[str]:
    """The words of a headline that say what it is about (stemmed, no stop words)."""
    return {stem(w) for w in WORD.findall(title.lower()) if w not in STOPWORDS and len(w) > 2}


@lru_cache(maxsize=100_000)
def entity_forms(entity: str) -> tuple[frozenset, frozenset, frozenset]:
    """What Names compares of one entity, worked out once per build (a
    digest names one entity on many stories): its distinctive words (not
    the generic words names are built from: "Party", "House", "University",
    "New"); itself, if it is an acronym; its initials, if it has several words."""
    words = frozenset(w for w in fold(entity).replace("-", " ").split() if w not in GENERIC and len(w) > 2)
    bare = entity.replace(".", "")
    acronym = frozenset([bare] if bare.isupper() and 2 < len(bare) < 8 else [])
    several = " " in entity
    initials = frozenset(["".join(w[0] for w in entity.split() if w not in CONNECTORS).upper()] if several else [])
    return words, acronym, initials


def one_event(docs: list[RelatedDoc], names: list[Names], near, background: Background, options: RelatedOptions,
              i: int, j: int) -> bool:
    """Are stories i and j two reports of one event? (See the module's docstring.)"""
    a, b = docs[i], docs[j]
    if not names[i].shared(names[j]):
        return False
    if a.date and b.date and abs((a.date - b.date).days) > options.group_days:
        return False  # days apart: another event, however alike
    z = background.z(near.cosine(i, j))
    if background.sparse[i] and background.sparse[j]:
        return z >= options.group_z
    # Without dates to go by, the text must be far more alike, and the
    # headlines must name something in common.
    return z >= options.group_z_undated and bool(names[i].headline & names[j].headline)


def group_reports(docs: list[RelatedDoc], names: list[Names], near, background: Background,
                  options: RelatedOptions) -> list[int]:
    """The story group of each story (an index). Candidate pairs, most
    similar first, join their groups only when every pair across the two
    groups is one event (complete linkage)."""
    import numpy as np

    low, high = candidate_pairs(near.neighbours)
    # A pair below its z-score test (one_event's) is never one event, so it
    # never joins two groups: most candidates are, and are left out in bulk.
    sparse = np.array(background.sparse, dtype=bool)
    least = np.where(sparse[low] & sparse[high], options.group_z, options.group_z_undated)
    alike = background.z(near.cosines(low, high)) >= least
    candidates = zip(low[alike].tolist(), high[alike].tolist())
    members = [[i] for i in range(len(docs))]
    tested: dict[tuple[int, int], bool] = {}

    def event(i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key not in tested:
            tested[key] = one_event(docs, names, near, background, options, *key)
        return tested[key]

    for i, j in candidates:
        a, b = members[i], members[j]
        if a is b or len(a) + len(b) > options.max_reports:
            continue
        if all(event(x, y) for x in a for y in b):
            merged = a + b
            for x in merged:
                members[x] = merged
    return [min(members[i]) for i in range(len(docs))]


def candidate_pairs(neighbours: list[list[tuple[int, float]]]):
    """Every (i, j) pair of neighbours as arrays of the smaller and the
    larger index, most similar first, then by the smaller and the larger
    index: sorted as arrays (a big digest has twenty pairs a story)."""
    import numpy as np

    from .similarity import neighbour_pairs

    low, high, scores = neighbour_pairs(neighbours)
    order = np.lexsort((high, low, -scores))
    return low[order], high[order]


def link_floor(names: list[Names], near, background: Background, options: RelatedOptions, i: int, j: int) -> bool:
    """Is story j related enough to story i to be linked? (See the module's docstring.)"""
    return names[i].shared(names[j]) and background.z(near.cosine(i, j)) >= options.link_z
