"""English word frequencies (wordsegment's), which repair uses to split
run-together words and the tagger to tell common words from names.

Reading them from wordsegment's files takes most of a second; the glue keeps
what `read_wordsegment` returns in the build's cache and makes the Lexicon
with `make_lexicon` (pelican/word_lists.py).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Word and word-pair frequencies used to split run-together words."""

    unigrams: dict
    bigrams: dict
    segment: object  # callable: str -> list[str]
    is_word: object = None  # callable: str -> bool, the large English word list

    def __post_init__(self):
        if self.is_word is None:
            object.__setattr__(self, "is_word", in_large_word_list)


def in_large_word_list(word: str) -> bool:
    """wordfreq's large English list knows the word (321,000 words, rare ones
    and inflections included: "saithe", "overreacts"). Its list loads on the
    first call, which few stories make: only words wordsegment does not know
    are asked about."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large") > 0


def read_wordsegment() -> tuple[dict, dict, list]:
    """wordsegment's own files: (unigram counts, bigram counts, words), as
    its Segmenter.load() reads them."""
    import wordsegment

    segmenter = wordsegment.Segmenter
    with open(segmenter.WORDS_FILENAME, encoding="utf-8") as reader:
        words = reader.read().splitlines()
    return read_counts(segmenter.UNIGRAMS_FILENAME), read_counts(segmenter.BIGRAMS_FILENAME), words


def read_counts(filename: str) -> dict:
    """A file of "word<TAB>count" lines as {word: float(count)}, the last
    line winning, as wordsegment's Segmenter.parse reads it. Its parse makes
    a list per line; splitting the whole text at once reads the 620,000
    lines of a cold build's first second a fifth faster."""
    import wordsegment

    with open(filename, encoding="utf-8") as reader:
        text = reader.read()
    if text.count("\t") != text.count("\n") + (not text.endswith("\n")):
        return wordsegment.Segmenter.parse(filename)  # not one tab a line: as wordsegment reads it
    fields = text.replace("\t", "\n").split("\n")
    return dict(zip(fields[0::2], map(float, fields[1::2])))


def make_lexicon(unigrams: dict, bigrams: dict, words: list) -> Lexicon:
    """A Lexicon from what read_wordsegment returns (what Segmenter.load()
    does, with counts that may come from a cache)."""
    import wordsegment

    segmenter = wordsegment.Segmenter()
    segmenter.unigrams, segmenter.bigrams, segmenter.words = unigrams, bigrams, words
    segmenter.total, segmenter.limit = segmenter.TOTAL, segmenter.LIMIT
    return Lexicon(segmenter.unigrams, segmenter.bigrams, segmenter.segment)


def read_lexicon() -> Lexicon:
    """The Lexicon straight from wordsegment's files (no cache)."""
    return make_lexicon(*read_wordsegment())
