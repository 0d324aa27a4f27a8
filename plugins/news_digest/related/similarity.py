"""Related stories by similarity: sparse TF-IDF vectors of each story's
words and entities, compared through an inverted index with capped postings
(no all-pairs matrix). Called through
stories.find_related, which loads this module (numpy, scipy) only when
related links are worked out.
"""
from __future__ import annotations

import bisect
import hashlib
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy import sparse

from .feature_table import feature_arrays
from .features import RelatedDoc, RelatedOptions
from .two_cores import on_two_cores


def tfidf_matrix(docs: list[RelatedDoc], options: RelatedOptions, store=None) -> sparse.csr_matrix:
    """Rows: L2-normalised TF-IDF vectors (sublinear tf), each cut to its
    `max_features` strongest features (ties: the later term in alphabetical
    order). Features come from `store` where it has them (see
    feature_table.py). Worked out on arrays, a block of stories at a time
    (a big digest has millions of features), with the logarithms of the few
    distinct counts and document frequencies taken by Python's math.log, so
    that the weights are exactly those of a plain loop over each story."""
    n = len(docs)
    names, id_parts, count_parts = feature_arrays(docs, options, store)
    df = np.bincount(np.concatenate(id_parts), minlength=len(names)) if names else np.zeros(0, dtype=np.int64)
    idf_of = {d: math.log((n + 1) / (d + 1)) + 1.0 for d in np.unique(df).tolist()}
    idf = np.array([idf_of[d] for d in df.tolist()])
    alphabetical = np.empty(len(names), dtype=np.int32)
    alphabetical[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names), dtype=np.int32)
    kept_terms, kept_weights, row_lengths = [], [], np.zeros(n, dtype=np.int64)
    for start in range(0, n, options.block_rows):
        block = range(start, min(n, start + options.block_rows))
        term_ids = np.concatenate([id_parts[i] for i in block])
        counts = np.concatenate([count_parts[i] for i in block]).astype(np.float64)
        rows = np.repeat(np.arange(start, block.stop), [len(id_parts[i]) for i in block])
        keep = df[term_ids] > 1
        term_ids, counts, rows = term_ids[keep], counts[keep], rows[keep]
        distinct, count_at = np.unique(counts, return_inverse=True)
        tf = np.array([1.0 + math.log(c) for c in distinct.tolist()])
        weights = tf[count_at.ravel()] * idf[term_ids]
        rank = alphabetical[term_ids]
        # Each row's entries weakest first; the last max_features of each row stay.
        order = np.lexsort((rank, weights, rows))
        rows, weights, rank, term_ids = rows[order], weights[order], rank[order], term_ids[order]
        row_end = np.searchsorted(rows, rows, side="right")
        kept = row_end - np.arange(len(rows)) <= options.max_features
        rows, weights, rank, term_ids = rows[kept], weights[kept], rank[kept], term_ids[kept]
        # Summed weakest first, as the loop did.
        norms = np.sqrt(np.bincount(rows - start, weights=weights * weights, minlength=len(block)))
        norms[norms == 0] = 1.0
        # In each row, terms in alphabetical order.
        order = np.lexsort((rank, rows))
        rows, weights, term_ids = rows[order], weights[order], term_ids[order]
        kept_terms.append(term_ids)
        kept_weights.append((weights / norms[rows - start]).astype(np.float32))
        row_lengths[start:block.stop] = np.bincount(rows - start, minlength=len(block))
    del id_parts, count_parts
    term_ids = np.concatenate(kept_terms) if kept_terms else np.zeros(0, dtype=np.int32)
    # Columns numbered by first use, row by row.
    _, first_use, column_at = np.unique(term_ids, return_index=True, return_inverse=True)
    column_of_first = np.empty(len(first_use), dtype=np.int64)
    column_of_first[np.argsort(first_use, kind="stable")] = np.arange(len(first_use))
    indptr = np.concatenate(([0], np.cumsum(row_lengths)))
    return sparse.csr_matrix(
        (np.concatenate(kept_weights) if kept_weights else np.zeros(0, dtype=np.float32),
         column_of_first[column_at.ravel()].astype(np.int32), indptr.astype(np.int64)),
        shape=(n, max(1, len(first_use))),
    )


def prune_postings(matrix: sparse.csr_matrix, keep: int) -> sparse.csc_matrix:
    """The same matrix with each feature's column cut to its `keep` largest
    weights: a feature shared by thousands of stories says little about any two."""
    csc = matrix.tocsc()
    starts, data = csc.indptr, csc.data
    mask = np.ones(len(data), dtype=bool)
    for col in np.nonzero(np.diff(starts) > keep)[0]:
        lo, hi = starts[col], starts[col + 1]
        threshold = np.partition(data[lo:hi], hi - lo - keep)[hi - lo - keep]
        mask[lo:hi] = data[lo:hi] >= threshold  # ties with the last one kept stay
    if mask.all():
        return csc
    pruned = csc.copy()
    pruned.data = np.where(mask, pruned.data, 0).astype(np.float32)
    pruned.eliminate_zeros()
    return pruned


def top_neighbours(
    queries: sparse.csr_matrix,
    postings: sparse.csr_matrix,
    keys: list[str],
    fingerprints: np.ndarray,
    want: int,
    options: RelatedOptions,
    days=None,
    sections=None,
) -> list[list[tuple[int, float]]]:
    """For each query row, the `want` best (row, score) pairs of the product
    with `postings` (features x stories), computed a block of rows at a
    time, the second half of the blocks in a forked child (two_cores.py)."""
    n = queries.shape[0]
    order = np.argsort(np.array(keys, dtype=object)).astype(np.int64)
    rank_of_key = np.empty(n, dtype=np.int64)
    rank_of_key[order] = np.arange(n)
    return on_two_cores(
        lambda lo, hi: rows_neighbours(queries, postings, rank_of_key, fingerprints, want, options, days, sections,
                                       lo, hi),
        n, options.block_rows,
    )


def rows_neighbours(queries, postings, rank_of_key, fingerprints, want, options, days, sections,
                    lo: int, hi: int) -> list[list[tuple[int, float]]]:
    """top_neighbours of the query rows lo to hi - 1 (lo on a block's start)."""
    found: list[list[tuple[int, float]]] = []
    for start in range(lo, hi, options.block_rows):
        block = (queries[start:min(hi, start + options.block_rows)] @ postings).tocsr()
        for r in range(block.shape[0]):
            i = start + r
            first, last = block.indptr[r], block.indptr[r + 1]
            cols = block.indices[first:last]
            scores = block.data[first:last].astype(np.float64)
            if days is not None:
                scores = scores * np.power(0.5, np.abs(days[cols] - days[i]) / options.time_scale_days)
            if sections is not None:
                scores = scores * np.where(sections[cols] == sections[i], 1.0 + options.section_weight, 1.0)
            keep = (cols != i) & (fingerprints[cols] != fingerprints[i])
            cols, scores = cols[keep], scores[keep]
            if len(cols) > want * 4:
                top = np.argpartition(-scores, want * 4)[: want * 4]
                cols, scores = cols[top], scores[top]
            # Highest score first, then the key's alphabetical rank.
            ranked = np.lexsort((rank_of_key[cols], -np.round(scores, options.score_decimals)))[:want]
            found.append([(int(cols[j]), float(scores[j])) for j in ranked])
    return found


def cut_rows(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row cut to its `keep` largest entries."""
    matrix = matrix.tocsr()
    data = matrix.data.copy()
    for r in range(matrix.shape[0]):
        lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
        if hi - lo > keep:
            # Keep ties with the keep-th largest: which of two equal weights
            # to drop would otherwise be arbitrary, and unstable.
            row = data[lo:hi]
            threshold = np.partition(row, hi - lo - keep)[hi - lo - keep]
            row[row < threshold] = 0
    # Copies of the index arrays too: eliminate_zeros() compacts them in place.
    cut = sparse.csr_matrix((data, matrix.indices.copy(), matrix.indptr.copy()), shape=matrix.shape)
    cut.eliminate_zeros()
    return cut


@dataclass
class Neighbourhood:
    """What the related stage learns of a digest: each story's nearest
    stories, and how alike any two stories are against how alike two stories
    picked at random are (the digest's background, for calibrated floors)."""

    keys: list[str]
    neighbours: list[list[tuple[int, float]]]  # (story, score), most similar first
    cosine: Callable[[int, int], float]  # plain TF-IDF cosine of two stories
    background: list[tuple[int, int, float]]  # (story, story, cosine) of sampled pairs
    # cosine of many pairs at once, each pair a story and one of its
    # neighbours: arrays of the smaller and of the larger index in
    cosines: Callable[[np.ndarray, np.ndarray], np.ndarray]


# Pairs sampled for the background (every pair in a digest with fewer).
BACKGROUND_PAIRS = 2000


def most_similar(
    docs: list[RelatedDoc], options: RelatedOptions = RelatedOptions(), store=None
) -> Neighbourhood:
    """For each story, up to `max_related` (story, score) pairs, most similar
    first; never itself or a story with the same fingerprint. Deterministic:
    ties are broken by key.

    One pass over the stories' own vectors. (Each vector blended first with
    the centroid of its 20 nearest neighbours, as in Rocchio's pseudo-relevance
    feedback, was measured against this: story grouping the same on the 711
    same-story articles alone and among the BBC's, their links and the
    same-section share of the BBC's links within 0.007 either way, and three
    times the link lists one new story changes, 54 against 17 of 2,226.)
    `store` keeps each story's features for the next build (see feature_table.py)."""
    n = len(docs)
    keys = [doc.key for doc in docs]
    if n < 2:
        return Neighbourhood(keys, [[] for _ in docs], lambda i, j: 0.0, [], lambda low, high: np.zeros(len(low)))
    # One number per distinct fingerprint; a story without one is unique.
    ids: dict[str, int] = {}
    fingerprints = np.array([ids.setdefault(doc.fingerprint or f"\x00{i}", len(ids)) for i, doc in enumerate(docs)])
    matrix = tfidf_matrix(docs, options, store)
    days = None
    if options.time_scale_days > 0 and all(doc.date for doc in docs):
        days = np.array([doc.date.timestamp() / 86400 for doc in docs])
    sections = None
    if options.section_weight > 0:
        names = sorted({doc.section for doc in docs})
        sections = np.array([names.index(doc.section) for doc in docs])
    queries = cut_rows(matrix, options.query_features) if options.query_features < options.max_features else matrix
    found = top_neighbours(
        queries, prune_postings(matrix, options.max_postings).T, keys, fingerprints, options.max_related, options,
        days, sections,
    )
    # The plain cosine of every pair found, worked out in bulk (grouping and
    # the floor ask for it); another pair's, if asked, one at a time. A pair
    # is numbered smaller * n + larger: sorted as the pairs are.
    low, high, _ = neighbour_pairs(found)
    pair_numbers = np.unique(low * n + high)
    pair_values = np.array(pair_cosines(matrix, pair_numbers // n, pair_numbers % n), dtype=np.float64)
    known = dict(zip(pair_numbers.tolist(), pair_values.tolist()))

    by_column = matrix.copy()
    by_column.sort_indices()

    def cosine(i: int, j: int) -> float:
        low, high = min(i, j), max(i, j)
        number = low * n + high
        if number not in known:
            known[number] = row_cosine(by_column, low, high)
        return known[number]

    def cosines(low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """cosine of found pairs only (a pair found nowhere has no number here)."""
        return pair_values[np.searchsorted(pair_numbers, low * n + high)]

    return Neighbourhood(keys, found, cosine, background_pairs(matrix, docs), cosines)


def neighbour_pairs(neighbours: list[list[tuple[int, float]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (story, neighbour, score) of `neighbours` as arrays of the smaller
    index, the larger index and the score, story by story."""
    firsts = np.repeat(np.arange(len(neighbours), dtype=np.int64), [len(pairs) for pairs in neighbours])
    seconds = np.array([j for pairs in neighbours for j, _ in pairs], dtype=np.int64)
    scores = np.array([score for pairs in neighbours for _, score in pairs], dtype=np.float64)
    return np.minimum(firsts, seconds), np.maximum(firsts, seconds), scores


def pair_cosines(matrix: sparse.csr_matrix, firsts: np.ndarray, seconds: np.ndarray, chunk: int = 20000) -> list[float]:
    """The cosine of rows firsts[k] and seconds[k], for each k (the rows are
    unit vectors), in chunks so that a big digest's pairs are not all copied
    at once."""
    values: list[float] = []
    for start in range(0, len(firsts), chunk):
        rows = firsts[start:start + chunk], seconds[start:start + chunk]
        values.extend(np.asarray(matrix[rows[0]].multiply(matrix[rows[1]]).sum(axis=1)).ravel().tolist())
    return values


def row_cosine(matrix: sparse.csr_matrix, i: int, j: int) -> float:
    """pair_cosines of one pair, without the cost of scipy's row selection
    (asked a thousand times a build): the products of the shared columns
    (`matrix` has its indices sorted), summed in float32 in column order.
    scipy sums in another order, so the two may differ in float32's last
    bit; each pair is worked out once a build, always the same way, so a
    build stays deterministic."""
    a = slice(matrix.indptr[i], matrix.indptr[i + 1])
    b = slice(matrix.indptr[j], matrix.indptr[j + 1])
    _, at, bt = np.intersect1d(matrix.indices[a], matrix.indices[b], assume_unique=True, return_indices=True)
    if not len(at):
        return 0.0
    return float(np.cumsum(matrix.data[a][at] * matrix.data[b][bt], dtype=np.float32)[-1])


def background_pairs(matrix: sparse.csr_matrix, docs: list[RelatedDoc]) -> list[tuple[int, int, float]]:
    """The cosine of pairs of stories picked at random, or of every pair of
    a small digest.

    The pairs are picked by consistent hashing, so that one new story
    leaves nearly all of them as they were: each story stands on a ring at
    the hash of its key, and each of BACKGROUND_PAIRS fixed points on the
    ring picks the story that follows it. A new story takes over only the
    points just before it: about 2 * BACKGROUND_PAIRS / n pairs change. Drawn
    afresh for each size of digest, every pair would change, and with them
    the background's mean and spread: every decision near a threshold
    (which reports are one story, which links clear the floor) could flip,
    and a rebuild after one new story would write hundreds of pages and
    feeds again."""
    n = len(docs)
    if n * (n - 1) // 2 <= BACKGROUND_PAIRS:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    else:
        ring = sorted((ring_point(doc.key), i) for i, doc in enumerate(docs))
        points = [point for point, _ in ring]

        def follower(point: int, other: int = -1) -> int:
            k = bisect.bisect_left(points, point)
            first = ring[k % n][1]
            return ring[(k + 1) % n][1] if first == other else first

        pairs = []
        for m in range(BACKGROUND_PAIRS):
            i = follower(ring_point(f"background pair {m}: first"))
            pairs.append((i, follower(ring_point(f"background pair {m}: second"), i)))
    firsts, seconds = np.array([i for i, _ in pairs], dtype=np.int64), np.array([j for _, j in pairs], dtype=np.int64)
    return [(i, j, v) for (i, j), v in zip(pairs, pair_cosines(matrix, firsts, seconds))]


def ring_point(text: str) -> int:
    """Where `text` stands on the hash ring: 64 bits of its BLAKE2b hash."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
