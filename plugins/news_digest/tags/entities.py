"""Named entities of a story, most salient first: the tagger's steps in order.

A statistical model (spaCy's small English model) costs 350 MB, tens of
milliseconds an article and labels news text less well than we need (0.73
precision, 0.76 recall on our labelled articles), so this is a rule-based
tagger tuned to news text:
- candidates.py finds capitalised phrases (spans.py cuts them),
- junk.py filters what is not a name (sentence openers, titles, weekdays,
  nationality adjectives),
- merge.py groups the ways the story writes one entity (full name and
  surname, acronym and expansion, transliteration variants),
- kinds.py types each entity with the gazetteers,
- salience.py ranks them and chooses the tags.

Pure: plain text in, Entity values out. The gazetteer and the word
frequencies are passed in.
"""
from __future__ import annotations

from .candidates import find_candidates, find_parenthesised
from .entity import Entity
from .gazetteer import Gazetteer
from .merge import merge_candidates
from .salience import rank_entities


def find_entities(
    title: str, paragraphs: list[str], standfirst: str, gazetteer: Gazetteer, word_counts: dict
) -> list[Entity]:
    """Every entity of a story, most salient first."""
    found = find_candidates(title, paragraphs, standfirst, gazetteer, word_counts)
    groups = merge_candidates(found, find_parenthesised(paragraphs), gazetteer, word_counts)
    return rank_entities(groups, title, paragraphs, gazetteer, word_counts)
