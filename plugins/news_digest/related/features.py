"""What a story is made of for comparing it with others: its stemmed words
(headline words counted more) and its entities (tags).

Pure: plain values in (RelatedDoc), plain values out.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from ..tags.spelling import fold
from .two_cores import on_two_cores

WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]|[^\W\d_]{3,}")
STOPWORDS = frozenset(
    """about above after again against all also although among and another any are around as at
    back be because been before being below between both but by can could did does doing down
    during each either even ever every few for from further get gets got had has have having he
    her here hers herself him himself his how however i if in into is it its itself just last
    least less let like made make makes many may me might more most much must my myself never
    new next no nor not now of off often on once one only or other others our ours ourselves out
    over own part per put said same say says see seen she should since so some such than that the
    their theirs them themselves then there these they this those though through thus to too
    under until up upon us very was way we well were what when where whether which while who whom
    whose why will with within without would year years yet you your yours yourself also mr mrs ms
    told added including including people time first two three four five six seven eight nine ten
    percent week weeks month months day days today yesterday according""".split()
)


@dataclass(frozen=True)
class RelatedDoc:
    key: str  # unique in the digest (the slug)
    title: str
    text: str
    entities: tuple[str, ...] = ()
    date: datetime | None = None
    fingerprint: str = ""  # equal for byte-identical stories
    section: str = ""


@dataclass(frozen=True)
class RelatedOptions:
    max_related: int = 5
    entity_weight: float = 2.0  # an entity feature counts this many words
    title_weight: int = 2  # headline words count this many times
    max_features: int = 100  # strongest features kept per story
    max_postings: int = 50  # strongest stories kept per feature
    query_features: int = 50  # strongest features of a story used to find candidates
    time_scale_days: float = 0.0  # 0: off; else similarity halves every this many days
    section_weight: float = 1.0  # same section: score x (1 + this)
    # Scores are compared to this many decimals, ties broken by key: a new
    # story shifts every weight a little, and should not reshuffle near-equal
    # links all over the digest.
    score_decimals: int = 6
    block_rows: int = 256
    candidates: int = 20  # nearest stories considered for grouping and links
    # Reports of one story (stories.group_reports): cosine z-score against the
    # digest's background, days apart, and the z-score when dates say little.
    story_grouping: bool = True
    group_z: float = 4.0
    group_days: int = 2
    group_z_undated: float = 10.0
    dates_tell_below: float = 0.25  # a story's date tells when fewer of the others are this close
    max_reports: int = 12  # reports in one group at most
    # The floor (stories.link_floor): a related story's cosine z-score.
    link_z: float = 2.0


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer: plurals and possessives only.

    >>> [stem(w) for w in ("companies", "shares", "boss", "firm's", "news")]
    ['company', 'share', 'boss', 'firm', 'news']
    """
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ews")):
        return word[:-1]
    return word


def features(doc: RelatedDoc, options: RelatedOptions) -> Counter:
    """Weighted feature counts of a story: stemmed words (headline words
    counted more) and entities."""
    counts: Counter = Counter()
    for word, count in Counter(WORD.findall(doc.text.lower())).items():
        if word not in STOPWORDS and len(word) > 2:
            counts[stem(word)] += count
    for word in WORD.findall(doc.title.lower()):
        if word not in STOPWORDS and len(word) > 2:
            counts[stem(word)] += options.title_weight
    for entity in doc.entities:
        counts["\x00" + fold(entity)] += options.entity_weight
    return counts


def feature_key(doc: RelatedDoc, options: RelatedOptions) -> str:
    """Everything a story's features are made from."""
    made_from = repr((doc.title, doc.entities, options.title_weight, options.entity_weight)) + doc.text
    return hashlib.sha1(made_from.encode("utf-8", "surrogatepass")).hexdigest()


def encode_features(terms: list[str], values: list[float]) -> bytes:
    """A story's features as kept: its terms, one a line, and its counts as
    float32 (as tfidf_matrix holds them). Read back without a JSON parse: a
    big digest's stories have millions of terms. A term with a line break in
    it (an entity a person wrote) makes the story's features JSON instead."""
    if any("\n" in term for term in terms):
        return b"J" + json.dumps([terms, values], ensure_ascii=False).encode("utf-8", "surrogatepass")
    text = "\n".join(terms).encode("utf-8", "surrogatepass")
    counts = array("f", values)
    if sys.byteorder == "big":
        counts.byteswap()  # kept little-endian, whatever machine reads the cache
    return b"T" + len(text).to_bytes(4, "big") + text + counts.tobytes()


def decode_features(data: bytes) -> tuple[list[str], list[float]]:
    """encode_features' (terms, counts)."""
    if data[:1] == b"J":
        terms, values = json.loads(data[1:])
        return terms, values
    if data[:1] != b"T":
        raise ValueError("not kept features")
    length = int.from_bytes(data[1:5], "big")
    terms = data[5:5 + length].decode("utf-8", "surrogatepass").split("\n") if length else []
    values = array("f")
    values.frombytes(data[5 + length:])
    if sys.byteorder == "big":
        values.byteswap()
    if len(values) != len(terms):
        raise ValueError("kept features cut short")
    return terms, values.tolist()


def all_features(docs: list[RelatedDoc], options: RelatedOptions, store=None,
                 keys: list[str] | None = None) -> tuple[list[tuple[list[str], list[float]]], int]:
    """Each story's (terms, counts), and how many came from `store`
    (get_many(keys) -> {key: bytes}, put(key, bytes)), where an earlier build
    kept them; the rest are worked out on two cores, and kept in `store`.
    `keys`: the stories' feature_key, when the caller has them."""
    found: list = [None] * len(docs)
    missing: list[tuple[int, str]] = []
    if keys is None:
        keys = [feature_key(doc, options) for doc in docs] if store is not None else [""] * len(docs)
    kept = store.get_many(keys) if store is not None else {}
    for i, key in enumerate(keys):
        try:
            found[i] = decode_features(kept[key]) if key in kept else None
        except ValueError:
            pass  # kept by other code, or cut short: worked out again
        if found[i] is None:
            missing.append((i, key))

    def work(lo: int, hi: int) -> list:
        return [(list(counts), list(counts.values()))
                for counts in (features(docs[i], options) for i, _ in missing[lo:hi])]

    for (i, key), (terms, values) in zip(missing, on_two_cores(work, len(missing))):
        found[i] = (terms, values)
        if key:
            store.put(key, encode_features(terms, values))
    return found, len(docs) - len(missing)
