"""Word lists from the build cache are the same lists, made again when stale."""
import pickle

import pytest

from news_digest import repair, word_cache
from news_digest.gazetteer import load_gazetteer, read_gazetteer


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(word_cache, "folder", tmp_path)
    repair.release_lexicon()
    load_gazetteer.cache_clear()
    yield tmp_path
    repair.release_lexicon()
    load_gazetteer.cache_clear()


def test_word_lists_from_the_cache_are_the_same(cache_folder):
    first = repair.load_lexicon()
    words = ["russiafor", "hesaid", "theirfamilies", "Zagreb", "unbelievable"]
    splits = [repair.split_word(w, first) for w in words]
    sizes = (len(first.unigrams), len(first.bigrams))
    assert (cache_folder / "news_digest-lexicon.pickle").exists()
    repair.release_lexicon()
    again = repair.load_lexicon()  # from the pickle
    assert (len(again.unigrams), len(again.bigrams)) == sizes
    assert [repair.split_word(w, again) for w in words] == splits
    assert splits[0] == ["russia", "for"]
    assert load_gazetteer() == read_gazetteer()
    load_gazetteer.cache_clear()
    assert load_gazetteer() == read_gazetteer()  # from the pickle


def test_a_stale_or_damaged_pickle_is_made_again(cache_folder):
    path = cache_folder / "news_digest-numbers.pickle"
    assert word_cache.cached("numbers", ("wordsegment",), (), lambda: [1, 2]) == [1, 2]
    assert word_cache.cached("numbers", ("wordsegment",), (), lambda: [3]) == [1, 2]  # cached
    path.write_bytes(pickle.dumps(("another stamp", [9])))
    assert word_cache.cached("numbers", ("wordsegment",), (), lambda: [3]) == [3]
    path.write_bytes(b"\x80\x05 damaged")
    assert word_cache.cached("numbers", ("wordsegment",), (), lambda: [4]) == [4]
    assert pickle.loads(path.read_bytes())[1] == [4]


def test_no_folder_no_pickle(tmp_path, monkeypatch):
    monkeypatch.setattr(word_cache, "folder", None)
    assert word_cache.cached("numbers", (), (), lambda: [5]) == [5]
    assert not list(tmp_path.iterdir())
