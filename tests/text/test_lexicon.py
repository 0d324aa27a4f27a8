"""The lexicon read from wordsegment's files is wordsegment's own."""
import pytest
import wordsegment

from news_digest.text.lexicon import read_counts, read_wordsegment


def test_read_wordsegment_is_what_wordsegment_loads():
    unigrams, bigrams, words = read_wordsegment()
    theirs = wordsegment.Segmenter()
    theirs.load()
    assert unigrams == theirs.unigrams and list(unigrams) == list(theirs.unigrams)
    assert bigrams == theirs.bigrams and list(bigrams) == list(theirs.bigrams)
    assert words == theirs.words


@pytest.mark.parametrize("text, expected", [
    ("the\t23135851162.0\nof\t13151942776.0\n", {"the": 23135851162.0, "of": 13151942776.0}),
    ("a b\t3\nc d\t4", {"a b": 3.0, "c d": 4.0}),  # no line break at the end
    ("x\t1\nx\t2\n", {"x": 2.0}),  # the last line wins, as in wordsegment
    ("x\t1\t9\ny\t2\n", "ValueError"),  # not one tab a line: wordsegment's parse, and its error
])
def test_read_counts(tmp_path, text, expected):
    path = tmp_path / "counts.txt"
    path.write_text(text, encoding="utf-8")
    if expected == "ValueError":
        with pytest.raises(ValueError):
            read_counts(str(path))
        with pytest.raises(ValueError):
            wordsegment.Segmenter.parse(str(path))
        return
    assert read_counts(str(path)) == expected == wordsegment.Segmenter.parse(str(path))
