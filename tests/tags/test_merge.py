"""The ways one story writes one entity, grouped."""
import pytest

from news_digest.tags.candidates import find_candidates, find_parenthesised
from news_digest.tags.merge import merge_candidates


def grouped(title, paragraphs, gaz, word_counts):
    found = find_candidates(title, paragraphs, paragraphs[0], gaz, word_counts)
    groups = merge_candidates(found, find_parenthesised(paragraphs), gaz)
    return sorted(sorted(c.text for c in group) for group in groups)


@pytest.mark.parametrize("title, paragraphs, groups", [
    pytest.param("Merkel visits Paris", ["Angela Merkel arrived in Paris on Monday. Merkel met Emmanuel Macron."],
                 [["Angela Merkel", "Merkel"], ["Emmanuel Macron"], ["Paris"]], id="surname-and-full-name"),
    pytest.param("Aid agencies appeal", ["The Disasters Emergency Committee (DEC) said. The DEC will meet."],
                 [["DEC", "Disasters Emergency Committee"]], id="acronym-and-expansion"),
    pytest.param("Altria shares rise", ["Altria Group said profits rose. Altria will pay."],
                 [["Altria", "Altria Group"]], id="short-and-full-organisation"),
    pytest.param("Lysychansk under fire", ["Troops in Lysychansk held. Lyssytchansk was shelled."],
                 [["Lyssytchansk", "Lysychansk"]], id="transliteration-variants"),
    pytest.param("Oscars night", ["The Oscars were held. The Oscar went to Shrek."],
                 [["Oscar", "Oscars"], ["Shrek"]], id="plural"),
])
def test_merge_candidates(title, paragraphs, groups, gaz, word_counts):
    assert grouped(title, paragraphs, gaz, word_counts) == groups
