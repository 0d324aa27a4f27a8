"""The digest's most similar stories for each story.

Similarity is the cosine of TF-IDF vectors whose features are the story's
words and its entities (tags), so that a shared rare entity counts for a lot
and one on every story for little. It is computed as a sparse product in
blocks of rows, with each vector cut to its strongest features and each
feature's posting list cut to its strongest documents: the cost grows with
the digest, not with its square, and no all-pairs matrix is ever held.

Pure: plain values in (RelatedDoc), plain values out (keys and scores).
"""
from __future__ import annotations

from .features import RelatedDoc, RelatedOptions


def find_related(
    docs: list[RelatedDoc], options: RelatedOptions = RelatedOptions(), store=None
) -> dict[str, list[tuple[str, float]]]:
    """For each story, up to `max_related` (key, score) pairs, most similar
    first (see similarity.py). numpy and scipy are loaded only here: a build
    whose related links come from the cache does without them."""
    from .similarity import most_similar

    return most_similar(docs, options, store)
