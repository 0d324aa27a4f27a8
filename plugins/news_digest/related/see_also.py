"""SEE ALSO lines: the headline a story names, matched to a story of the
digest loosely (quotes, case, punctuation and transliteration do not
matter), with rapidfuzz.

Pure: headlines in, keys out.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..tags.spelling import fold, translit_key

TITLE_NOISE = re.compile(r"[^\w\s]")


def normalise_headline(title: str) -> str:
    """Headline for loose matching: case, accents, quotes, punctuation and
    transliteration differences ignored.

    >>> normalise_headline("Ukraine: “Impossible to say that Lyssytchansk is under control”")
    'ukraine imposible to sai that lisichansk is under control'
    """
    words = TITLE_NOISE.sub(" ", fold(title)).split()
    return " ".join(translit_key(w) for w in words)


def match_headlines(wanted: list[str], titles: dict[str, str], cutoff: float = 88.0) -> list[str | None]:
    """The key of the story each wanted headline names, or None.

    `titles` is {key: headline}. rapidfuzz scores the normalised headlines.
    """
    keys = list(titles)
    choices = [normalise_headline(titles[k]) for k in keys]
    found = []
    for headline in wanted:
        best = process.extractOne(normalise_headline(headline), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        found.append(keys[best[2]] if best else None)
    return found
