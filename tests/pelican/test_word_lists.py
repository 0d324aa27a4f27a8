"""Word lists from the build cache are the same lists, made again when stale."""
import pickle

import pytest

from news_digest.pelican import word_lists
from news_digest.pelican.build_cache import checked, with_checksum
from news_digest.tags.gazetteer import read_gazetteer
from news_digest.text.repair import split_word


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(word_lists, "folder", tmp_path)
    word_lists.release_word_lists()
    yield tmp_path
    word_lists.release_word_lists()


def test_word_lists_from_the_cache_are_the_same(cache_folder):
    first = word_lists.load_lexicon()
    words = ["russiafor", "hesaid", "theirfamilies", "Zagreb", "unbelievable"]
    splits = [split_word(w, first) for w in words]
    sizes = (len(first.unigrams), len(first.bigrams))
    assert (cache_folder / "news_digest-lexicon.marshal").exists()
    word_lists.release_word_lists()
    again = word_lists.load_lexicon()  # from the pickle
    assert (len(again.unigrams), len(again.bigrams)) == sizes
    assert [split_word(w, again) for w in words] == splits
    assert splits[0] == ["russia", "for"]
    assert word_lists.load_gazetteer() == read_gazetteer()
    word_lists.load_gazetteer.cache_clear()
    assert word_lists.load_gazetteer() == read_gazetteer()  # from the pickle


def test_a_stale_or_damaged_pickle_is_made_again(cache_folder):
    path = cache_folder / "news_digest-numbers.pickle"
    assert word_lists.cached("numbers", ("wordsegment",), (), lambda: [1, 2]) == [1, 2]
    assert word_lists.cached("numbers", ("wordsegment",), (), lambda: [3]) == [1, 2]  # cached
    path.write_bytes(with_checksum(pickle.dumps(("another stamp", [9]))))
    assert word_lists.cached("numbers", ("wordsegment",), (), lambda: [3]) == [3]
    path.write_bytes(b"\x80\x05 damaged")
    assert word_lists.cached("numbers", ("wordsegment",), (), lambda: [4]) == [4]
    assert pickle.loads(checked(path.read_bytes()))[1] == [4]
    # One byte flipped inside the kept value: a miss, not a wrong value.
    kept = bytearray(path.read_bytes())
    kept[-3] ^= 0x01
    path.write_bytes(bytes(kept))
    assert word_lists.cached("numbers", ("wordsegment",), (), lambda: [5]) == [5]


def test_no_folder_no_pickle(tmp_path, monkeypatch):
    monkeypatch.setattr(word_lists, "folder", None)
    assert word_lists.cached("numbers", (), (), lambda: [5]) == [5]
    assert not list(tmp_path.iterdir())


def test_on_two_cores_the_gazetteer_is_read_by_a_child(cache_folder, monkeypatch):
    """With nothing cached, a forked child reads the gazetteer and keeps
    its pickle; this process takes it from there, the same lists; with the
    pickle there, no child."""
    import multiprocessing

    from news_digest.tags import gazetteer

    expected = read_gazetteer()
    here = []
    monkeypatch.setattr(gazetteer, "read_gazetteer", lambda: here.append(1) or expected)
    monkeypatch.setattr(word_lists, "read_gazetteer", lambda: here.append(1) or expected)
    words = word_lists.load_word_lists_on_two_cores()
    # The child's call to the patched function is not counted here.
    assert here == [] and (cache_folder / "news_digest-gazetteer.pickle").exists()
    assert words.gazetteer == expected and len(words.lexicon.unigrams) > 100_000
    word_lists.release_word_lists()
    (cache_folder / "news_digest-gazetteer.pickle").unlink()
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert word_lists.load_word_lists_on_two_cores().gazetteer == expected and here == [1]  # no fork: read here


def test_a_gazetteer_being_read_by_a_child_is_waited_for(cache_folder, monkeypatch):
    """A cold build starts the child before planning its posts; whoever
    then asks for the gazetteer here takes the child's pickle instead of
    reading it again."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork here: the gazetteer is read in this process")
    expected = read_gazetteer()
    here = []
    monkeypatch.setattr(word_lists, "read_gazetteer", lambda: here.append(1) or expected)
    word_lists.start_reading_gazetteer()
    assert word_lists.reading is not None
    assert word_lists.load_gazetteer() == expected and here == []
    assert word_lists.reading is None and (cache_folder / "news_digest-gazetteer.pickle").exists()
    word_lists.load_gazetteer.cache_clear()
    word_lists.start_reading_gazetteer()  # the pickle is there: no child
    assert word_lists.reading is None
