"""Capitals that machine translation lost: "the kyiv army" -> "the Kyiv
army", "heroes of russia" -> "heroes of Russia".

A lower-case word is capitalised only when it is a known proper name (a
country, state, region or big city the gazetteer knows) and not itself a
common English word: one English puts an article before ("the turkey", "a
split"), or a name that is also a common noun (HOMOGRAPHS: "china" stays
lowercase). Names the story itself capitalises elsewhere are not used: in
machine translation a Title Case line capitalises plain words ("Wellness").

Pure: text and word lists in, text out.
"""
from __future__ import annotations

import re
from collections import defaultdict

# Place names that are also everyday nouns, whose lower-case use in English
# text is the noun ("fine china", "a jersey").
HOMOGRAPHS = frozenset("china turkey chad guinea jersey guernsey".split())
# A run of lower-case words: not inside a URL, an address, a hyphenated or
# apostrophised word.
LOWER_RUN = re.compile(r"(?<![\w'\u2019.@/\-])[a-z]+(?: [a-z]+)*(?![\w'\u2019@/\-])")
LOWER_LETTERS = re.compile(r"[a-z]+")
LONGEST_NAME = 3  # words

# The last names dict indexed, and its index: one dict serves a whole build.
_index: list = [None, None]


def name_index(names: dict[str, str]) -> tuple[frozenset, dict]:
    """(the one-word names, {first word: the longer names it starts})."""
    if _index[0] is not names:
        longer = defaultdict(list)
        for name in names:
            if " " in name:
                longer[name.split(" ", 1)[0]].append(name)
        _index[:] = [names, (frozenset(n for n in names if " " not in n), dict(longer))]
    return _index[1]


def is_common_word(word: str, bigrams: dict) -> bool:
    """English uses it with an article ("the turkey", "a split"), or it is a
    place name that is also a noun."""
    return word in HOMOGRAPHS or any(f"{article} {word}" in bigrams for article in ("the", "a", "an"))


def restore_capitals(text: str, names: dict[str, str], bigrams: dict) -> str:
    """Capitalise the known proper names `text` writes in lower case.
    `names` maps a lower-case name of one to three words to its proper form.

    >>> restore_capitals("heroes of russia and the kyiv army, with china", {"russia": "Russia", "kyiv": "Kyiv", "china": "China"}, {})
    'heroes of Russia and the Kyiv army, with china'
    """
    if not text:
        return text
    singles, longer = name_index(names)
    # Most paragraphs name no place in lower case: found out in C.
    found = LOWER_LETTERS.findall(text)
    if singles.isdisjoint(found) and longer.keys().isdisjoint(found):
        return text
    words = set(found)
    if not (words & singles) and not any(name in text for w in words & longer.keys() for name in longer[w]):
        return text

    def fix(match: re.Match) -> str:
        words = match.group().split()
        out, i = [], 0
        while i < len(words):
            for j in range(min(len(words), i + LONGEST_NAME), i, -1):
                phrase = " ".join(words[i:j])
                proper = names.get(phrase)
                if proper and (j - i > 1 or not is_common_word(phrase, bigrams)):
                    out.append(proper)
                    i = j
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    return LOWER_RUN.sub(fix, text)
