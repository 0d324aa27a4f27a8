"""Text repair: quotes re-paired, run-together words split, nothing else touched."""
from dataclasses import replace

import pytest

from news_digest.pelican.word_lists import load_lexicon
from news_digest.text.repair import (
    space_after_punctuation,
    curl_single_quotes,
    repair_quotes,
    repair_text,
    split_run_together,
    split_word,
)


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Russian forces”must carry out the plans approved“, declared the president.",
            "Russian forces “must carry out the plans approved”, declared the president.",
            id="quote-turned-wrong-way-and-glued",
        ),
        pytest.param(
            "“I hope it goes as it did in Lugansk“, he added.",
            "“I hope it goes as it did in Lugansk”, he added.",
            id="closing-quote-turned-wrong-way",
        ),
        pytest.param(
            'He said "this is fine" and "that is good".',
            "He said “this is fine” and “that is good”.",
            id="straight-quotes",
        ),
        pytest.param("« Bonjour » dit-il", "“Bonjour” dit-il", id="guillemets-with-spaces"),
        pytest.param(
            "His team had“shown character” after a month.",
            "His team had “shown character” after a month.",
            id="missing-space-before-quote",
        ),
        pytest.param(
            "They said “no”and left.",
            "They said “no” and left.",
            id="missing-space-after-quote",
        ),
        # A missing mark is put back where a lost space took it with it, or
        # where the quotation's attribution ends it; anywhere else the
        # paragraph is left as it was.
        pytest.param(
            "“Nobody should spend winter in a hall, he said.",
            "“Nobody should spend winter in a hall,” he said.",
            id="a-lost-closing-quote-before-its-attribution",
        ),
        pytest.param(
            "“He made outrageous comments, Lindsey Graham said on Sunday.",
            "“He made outrageous comments,” Lindsey Graham said on Sunday.",
            id="a-lost-closing-quote-before-a-named-speaker",
        ),
        pytest.param(
            "Lord Goldsmith said: “In my answer in 2003, I explained my view, that action was lawful.",
            "Lord Goldsmith said: “In my answer in 2003, I explained my view, that action was lawful.",
            id="the-speaker-saying-i-inside-the-quotation-is-no-attribution",
        ),
        pytest.param(
            "“This is the first part, and the rest follows.",
            "“This is the first part, and the rest follows.",
            id="a-lost-closing-quote-is-not-guessed-without-an-attribution",
        ),
        pytest.param(
            "These figures will fall, \"CEO Wilhelm Wellner told the paper.",
            "These figures will fall, “CEO Wilhelm Wellner told the paper.",
            id="plain-narrative-is-never-wrapped",
        ),
        pytest.param(
            '"We received air defence systems. They saved many lives, "the president noted.',
            "“We received air defence systems. They saved many lives,” the president noted.",
            id="closing-quote-after-the-space-before-a-reporting-clause",
        ),
        pytest.param(
            '"We have the money. "The investment may go up to $20bn."',
            "“We have the money. “The investment may go up to $20bn.”",
            id="a-quotation-continued-after-a-lost-paragraph-break",
        ),
        pytest.param("He is 6'2\" tall.", "He is 6'2″ tall.", id="inch-mark-is-not-a-quote"),
        pytest.param("No quotes here.", "No quotes here.", id="no-quotes"),
    ],
)
def test_repair_quotes(text, expected):
    assert repair_quotes(text) == expected


def test_open_quotation_continued_in_next_paragraph_stays_open():
    text = "“This is the first part of a long quotation."
    assert repair_quotes(text) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "will be made “heroes of russiafor their role in the fighting.",
            "will be made “heroes of russia” for their role in the fighting.",
            id="lost-close-quote-where-words-ran-together",
        ),
        pytest.param(
            "the two men had directlyreport (Monday) on the course of the operations“.",
            "the two men had directly “report (Monday) on the course of the operations”.",
            id="lost-open-quote-where-words-ran-together",
        ),
        pytest.param(
            "“We chose it because the engineers are here,she said.",
            "“We chose it because the engineers are here,” she said.",
            id="lost-close-quote-and-space-after-comma",
        ),
        pytest.param("It's the 'best' one", "It’s the ‘best’ one", id="single-quotes-curled"),
    ],
)
def test_repair_text(text, expected, lexicon):
    assert repair_text(text, lexicon) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("heroes of russiafor their role", "heroes of russia for their role", id="russiafor"),
        pytest.param("had directlyreport on", "had directly report on", id="directlyreport"),
        pytest.param("it alsosaid so", "it also said so", id="alsosaid"),
        pytest.param("and reversinghis decision", "and reversing his decision", id="reversinghis"),
        pytest.param("work toprevent harm", "work to prevent harm", id="toprevent"),
        pytest.param("and theirfamilies too", "and their families too", id="theirfamilies"),
    ],
)
def test_split_run_together(text, expected, lexicon):
    assert split_run_together(text, lexicon)[0] == expected


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("Russiafor", id="capitalised"),
        pytest.param("information", id="known-word"),
        pytest.param("screensaver", id="known-compound"),
        pytest.param("tighthead", id="rugby-compound"),
        pytest.param("backbenches", id="political-compound"),
        pytest.param("renationalise", id="prefixed-word"),
        pytest.param("hereditaries", id="rare-word-with-function-word-inside"),
        pytest.param("baikalomycin", id="new-coinage"),
        # Real words from the machine-translated and US news corpora that an
        # earlier splitter broke ("sai the", "over reacts", "hut or"...).
        pytest.param("saithe", id="a-fish"),
        pytest.param("overreacts", id="an-inflection"),
        pytest.param("hutor", id="a-transliterated-word"),
        pytest.param("outpolling", id="out-compound"),
        pytest.param("overbalancing", id="over-compound"),
        pytest.param("sickout", id="compound-with-out"),
        pytest.param("underfund", id="under-compound"),
        pytest.param("subornation", id="a-legal-word"),
        pytest.param("weaponised", id="british-spelling"),
        pytest.param("mesophase", id="a-scientific-word"),
        pytest.param("outraising", id="campaign-word"),
        pytest.param("bluejeans", id="closed-compound"),
        pytest.param("hesaid", id="a-run-together-word-the-word-list-knows"),
    ],
)
def test_words_never_split(word, lexicon):
    assert split_run_together(f"the {word} here", lexicon)[0] == f"the {word} here"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("see www.russiafor.com today", id="domain"),
        pytest.param("mail russiafor@example.org", id="email"),
        pytest.param("the anti-russiafor group", id="hyphenated"),
        pytest.param("#gunviolence and @russiafor", id="hashtag-and-handle"),
        pytest.param("they didn'tknowit", id="beside-an-apostrophe"),
    ],
)
def test_urls_and_compounds_untouched(text, lexicon):
    assert split_run_together(text, lexicon)[0] == text


@pytest.mark.parametrize("text", [
    pytest.param("according to Gazeta.Ru and Lenta.Ru,", id="russian-sites"),
    pytest.param("sold by Amazon.Com today", id="a-dot-com"),
])
def test_domains_keep_their_dots(text):
    assert space_after_punctuation(text)[0] == text


def test_split_word_returns_none_for_dictionary_word(lexicon):
    assert split_word("report", lexicon) is None


@pytest.mark.parametrize("word, expected", [
    pytest.param("hutorovka", None, id="no-common-word-at-its-end"),
    pytest.param("zsvoboda", None, id="no-common-word-at-its-start"),
    pytest.param("russiafor", ["russia", "for"], id="common-words-at-both-ends"),
])
def test_split_word_segments_only_what_could_split(lexicon, word, expected):
    # The segmenter (a search over every cut) runs only for a word with a
    # possible piece at each end; the others cannot be split anyway.
    calls = []

    def segment(text):
        calls.append(text)
        return lexicon.segment(text)

    assert split_word(word, replace(lexicon, segment=segment)) == expected
    assert calls == ([word] if expected else [])


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("It's here", "It’s here", id="apostrophe"),
        pytest.param("the '90s", "the ’90s", id="elided-decade"),
        pytest.param("a 'quoted' word", "a ‘quoted’ word", id="single-pair"),
        pytest.param("the players' union", "the players’ union", id="plural-possessive"),
    ],
)
def test_curl_single_quotes(text, expected):
    assert curl_single_quotes(text) == expected


def test_word_lists_released_after_a_build_load_again_when_needed():
    from news_digest.pelican.word_lists import release_word_lists

    lexicon = load_lexicon()
    assert split_word("russiafor", lexicon) == ["russia", "for"]
    release_word_lists()
    assert len(lexicon.unigrams) == 0  # the memory is given back
    assert split_word("russiafor", load_lexicon()) == ["russia", "for"]
