"""Every story's features as arrays of term numbers and counts, for
tfidf_matrix, with the digest's table of them kept in one piece.

Read story by story from the store (all_features), a digest of 2,225
stories takes some 0.13 s to decode its features and number their terms,
on every rebuild. So the store also keeps one table of every story's term
numbers and counts, read back at once; a story the table does not have
(a new one) comes from the store's own entry, or is worked out. The table
is written again when it holds less than REWRITE_BELOW of the digest's
stories, not on every rebuild, and not by a build that worked out most
stories' features (a cold build): the next build writes it.

The numbers are only labels: tfidf_matrix orders terms by their text and
numbers its columns by first use, so the matrix is the same whatever numbers
the table gave.
"""
from __future__ import annotations

import json

import numpy as np

from .features import RelatedDoc, RelatedOptions, all_features, feature_key

# The store's key of the table (its layout's version in the name).
TABLE_KEY = "feature-table-1"
REWRITE_BELOW = 0.9


class Table:
    """The kept table: terms by number, and each story's run of the arrays."""

    def __init__(self, names: list[str], keys: list[str], offsets: np.ndarray, ids: np.ndarray, counts: np.ndarray):
        self.names, self.ids, self.counts = names, ids, counts
        self.runs = {key: (int(offsets[k]), int(offsets[k + 1])) for k, key in enumerate(keys)}


def encode_table(names: list[str], keys: list[str], id_parts: list[np.ndarray], count_parts: list[np.ndarray]) -> bytes:
    """The table of the stories `keys` (their term numbers into `names`,
    and counts), with only the terms they use, numbered again."""
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    # Numbered again in one pass, without sorting (a big digest has millions).
    used = np.flatnonzero(np.bincount(ids, minlength=len(names)))
    number = np.zeros(len(names), dtype="<i4")
    number[used] = np.arange(len(used), dtype="<i4")
    offsets = np.concatenate(([0], np.cumsum([len(part) for part in id_parts]))).astype("<i8")
    head = json.dumps([[names[k] for k in used.tolist()], keys], ensure_ascii=False).encode("utf-8", "surrogatepass")
    counts = np.concatenate(count_parts) if count_parts else np.zeros(0)
    return b"".join([len(head).to_bytes(8, "little"), head, offsets.tobytes(),
                     number[ids].tobytes(), counts.astype("<f4").tobytes()])


def decode_table(data: bytes) -> Table:
    """encode_table's table; ValueError when it is not one."""
    size = int.from_bytes(data[:8], "little")
    names, keys = json.loads(data[8:8 + size].decode("utf-8", "surrogatepass"))
    at = 8 + size
    offsets = np.frombuffer(data, dtype="<i8", count=len(keys) + 1, offset=at)
    at += offsets.nbytes
    total = int(offsets[-1])
    ids = np.frombuffer(data, dtype="<i4", count=total, offset=at)
    counts = np.frombuffer(data, dtype="<f4", count=total, offset=at + ids.nbytes)
    if at + ids.nbytes + counts.nbytes != len(data) or (total and int(ids.max()) >= len(names)):
        raise ValueError("not a feature table")
    return Table(names, keys, offsets, ids.astype(np.int32), counts.astype(np.float32))


def feature_arrays(docs: list[RelatedDoc], options: RelatedOptions, store=None):
    """(terms by number, each story's term numbers, each story's counts as
    float32), from the store's table where it has the story (see the
    module's docstring); the table is kept for the next build."""
    table = None
    kept = store.get(TABLE_KEY) if store is not None else None
    if kept is not None:
        try:
            table = decode_table(kept)
        except (ValueError, UnicodeDecodeError, IndexError, TypeError):
            table = None  # written by other code, or damaged: worked out again
    names: list[str] = list(table.names) if table is not None else []
    keys = [feature_key(doc, options) for doc in docs] if store is not None else []
    id_parts: list = [None] * len(docs)
    count_parts: list = [None] * len(docs)
    missing = []
    for i in range(len(docs)):
        run = table.runs.get(keys[i]) if table is not None else None
        if run is None:
            missing.append(i)
        else:
            id_parts[i], count_parts[i] = table.ids[run[0]:run[1]], table.counts[run[0]:run[1]]
    from_store = 0
    if missing:
        numbers: dict[str, int] = {name: k for k, name in enumerate(names)}
        found, from_store = all_features([docs[i] for i in missing], options, store,
                                         [keys[i] for i in missing] if store is not None else None)
        for i, (terms, values) in zip(missing, found):
            for term in terms:
                if term not in numbers:
                    numbers[term] = len(names)
                    names.append(term)
            id_parts[i] = np.fromiter(map(numbers.__getitem__, terms), dtype=np.int32, count=len(terms))
            count_parts[i] = np.array(values, dtype=np.float32)  # as the stored counts were held
    # Written when the table lacks many stories, or when there is none but
    # the store had most stories' own entries; not in a build that worked
    # out most stories' features (a cold build: it holds the most memory
    # then). A table read back stays in the store: reading it marks it used.
    lacking = table is not None and len(missing) > (1 - REWRITE_BELOW) * len(docs)
    if store is not None and (lacking or table is None and from_store * 2 >= len(docs) > 0):
        store.put(TABLE_KEY, encode_table(names, keys, id_parts, count_parts))
    return names, id_parts, count_parts
