"""TF-IDF rows worked out on arrays are exactly those of a plain loop over
each story (the loop it replaced), ties and cuts included."""
import math
from collections import Counter

import numpy as np
import pytest

from news_digest.related.features import RelatedDoc, RelatedOptions, features
from news_digest.related.similarity import tfidf_matrix


def plain_loop(docs, options):
    """Each story's weights in turn: the reference (the code tfidf_matrix replaced)."""
    rows, df = [], Counter()
    for doc in docs:
        counted = features(doc, options)
        terms, counts = list(counted), list(counted.values())
        rows.append((terms, [float(np.float32(c)) for c in counts]))
        df.update(terms)
    idf = {t: math.log((len(docs) + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    found = []
    for terms, counts in rows:
        weighted = sorted(((1.0 + math.log(c)) * idf[t], t) for t, c in zip(terms, counts) if df[t] > 1)
        weighted = weighted[-options.max_features:]
        norm = math.sqrt(sum(w * w for w, _ in weighted)) or 1.0
        found.append({t: np.float32(w / norm) for w, t in weighted})
    return found




def doc(key, text, entities=(), title=""):
    return RelatedDoc(key=key, title=title or key, text=text, entities=tuple(entities), fingerprint=key)


DIGESTS = {
    "shared-and-single-words": [
        doc("a", "river flood town river rescue", ["Danube"]),
        doc("b", "river flood bridge closed", ["Danube"]),
        doc("c", "market shares fell bank rates"),
        doc("d", "bank rates held market calm"),
    ],
    "ties-cut-by-the-feature-limit": [
        doc("a", "alpha beta gamma delta epsilon"),
        doc("b", "alpha beta gamma delta epsilon"),
        doc("c", "alpha beta gamma delta zeta"),
    ],
    "no-word-shared": [doc("a", "alpha beta"), doc("b", "gamma delta")],
    "empty": [],
}


@pytest.mark.parametrize("name", DIGESTS)
@pytest.mark.parametrize("max_features", [2, 100])
@pytest.mark.parametrize("block_rows", [1, 256])  # a story at a time, or all at once
def test_rows_are_those_of_a_plain_loop(name, max_features, block_rows):
    docs = DIGESTS[name]
    options = RelatedOptions(max_features=max_features, block_rows=block_rows)
    matrix = tfidf_matrix(docs, options)
    assert matrix.shape[0] == len(docs) and matrix.dtype == np.float32
    # Columns are numbered by first use, row by row, each row alphabetical.
    columns = {}
    expected = plain_loop(docs, options)
    for i, row in enumerate(expected):
        terms = sorted(row)
        for t in terms:
            columns.setdefault(t, len(columns))
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        assert list(matrix.indices[start:end]) == [columns[t] for t in terms]
        assert list(matrix.data[start:end]) == [row[t] for t in terms]  # exactly, not approximately


def test_one_pair_cosine_is_the_bulk_one():
    from news_digest.related.similarity import pair_cosines, row_cosine

    docs = DIGESTS["shared-and-single-words"] + DIGESTS["ties-cut-by-the-feature-limit"][:2]
    matrix = tfidf_matrix(docs, RelatedOptions())
    by_column = matrix.copy()
    by_column.sort_indices()
    pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
    expected = pair_cosines(matrix, np.array([i for i, _ in pairs]), np.array([j for _, j in pairs]))
    assert [row_cosine(by_column, i, j) for i, j in pairs] == pytest.approx(expected, rel=1e-6, abs=1e-7)
    assert row_cosine(by_column, 0, 2) == 0.0  # nothing shared
    assert row_cosine(by_column, 4, 5) == pytest.approx(1.0)  # the same words


def test_the_cosines_of_neighbours_in_bulk_are_the_ones_asked_one_by_one():
    from news_digest.related.similarity import most_similar

    docs = DIGESTS["shared-and-single-words"] + DIGESTS["ties-cut-by-the-feature-limit"]
    near = most_similar(docs, RelatedOptions())
    pairs = sorted({(min(i, j), max(i, j)) for i, found in enumerate(near.neighbours) for j, _ in found})
    assert pairs
    low, high = np.array([i for i, _ in pairs]), np.array([j for _, j in pairs])
    assert near.cosines(low, high).tolist() == [near.cosine(i, j) for i, j in pairs]
