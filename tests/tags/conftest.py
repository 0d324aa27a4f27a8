"""The word lists the tagger's steps read."""
import pytest

from news_digest.pelican.word_lists import load_gazetteer, load_lexicon


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="session")
def word_counts():
    return load_lexicon().unigrams
