"""Keys under which two spellings of one name agree."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Plenković" -> "plenkovic"; a
    leading "The" and curly apostrophes do not count.

    >>> fold("The Vagina Monologues"), fold("Jack’s")
    ('vagina monologues', "jack's")
    """
    text = text.casefold().replace("\u2019", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=200_000)
def translit_key(name: str) -> str:
    """Collapse the letters transliterations disagree on: doubled letters,
    "tch"/"ch", "kh"/"k", "y"/"i", "ou"/"u".

    >>> translit_key("lyssytchansk") == translit_key("lysychansk")
    True
    """
    key = name.replace("tch", "ch").replace("kh", "k").replace("ou", "u").replace("y", "i")
    key = key.replace("j", "i").replace("w", "v")
    return DOUBLED.sub(r"\1", key)


DOUBLED = re.compile(r"(.)\1+")


def translit_keys(names: list[str]) -> list[str]:
    """translit_key of each name, worked out on the names joined by line
    breaks: a few calls on one long text instead of eight on each of the
    gazetteer's 57,000 spellings. No replacement spans a line break, and
    "." matches none, so each name's key is its own.

    >>> translit_keys(["lyssytchansk", "", "kiev", "aa"])
    ['lisichansk', '', 'kiev', 'a']
    """
    if any("\n" in name for name in names):
        return [translit_key(name) for name in names]
    # The function itself, not its cache: the joined text is no key to keep.
    return translit_key.__wrapped__("\n".join(names)).split("\n") if names else []
