"""Capitals that machine translation lost are put back, on known names only."""
import pytest

from news_digest.pelican.word_lists import load_word_lists
from news_digest.text.capitals import restore_capitals


@pytest.fixture(scope="module")
def repair():
    words = load_word_lists()
    return lambda text: restore_capitals(text, words.gazetteer.proper_places, words.lexicon.bigrams)


@pytest.mark.parametrize("text, expected", [
    pytest.param("controlled by the kyiv army", "controlled by the Kyiv army", id="a-capital-city"),
    pytest.param("made heroes of russia for their role", "made heroes of Russia for their role", id="a-country"),
    pytest.param("talks in new york and hong kong", "talks in New York and Hong Kong", id="two-word-names"),
    pytest.param("fine china and a turkey for dinner", "fine china and a turkey for dinner", id="nouns-that-are-countries"),
    pytest.param("a split in the party, nice weather", "a split in the party, nice weather", id="words-with-an-article"),
    pytest.param("see example.com/russia and russia-based firms", "see example.com/russia and russia-based firms",
                 id="inside-addresses-and-compounds"),
    pytest.param("Russia said so", "Russia said so", id="already-capitalised"),
])
def test_restore_capitals(repair, text, expected):
    assert repair(text) == expected
