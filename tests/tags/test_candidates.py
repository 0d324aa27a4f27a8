"""The names a story writes: spans cut where a name starts and ends."""
import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.tags import candidates
from news_digest.tags.candidates import LowerCaseUse, find_candidates, names_in_span, span_names


def names(title, paragraphs, gaz, word_counts):
    return sorted(c.text for c in find_candidates(title, paragraphs, paragraphs[0], gaz, word_counts).values())


@pytest.mark.parametrize("title, paragraphs, wanted, unwanted", [
    pytest.param("Villages", ["Yunnan pushes Rural Revitalization in Kunming.", "Officials said rural revitalization "
                              "needs money."], "Kunming", "Rural Revitalization", id="a-phrase-also-written-in-lower-case"),
    pytest.param("Villages", ["Yunnan pushes Rural Revitalization in Kunming.", "Rural Revitalization needs money, and "
                              "rural revitalization needs people."], "Rural Revitalization", "Revitalization",
                 id="a-phrase-capitalised-more-often-than-not"),
    pytest.param("Rights", ["He cited the European Convention on Human Rights in court."],
                 "European Convention on Human Rights", "on Human Rights", id="on-inside-a-name-starts-no-person"),
    pytest.param("Vote", ["The House Republican Conference on May 13 chose him."], "House Republican Conference",
                 "House Republican Conference on May", id="on-before-a-date"),
    pytest.param("Fire", ["A house burned in Kinsau (Landsberg am Lech district) on Sunday."], "Landsberg am Lech", "Lech",
                 id="a-place-with-a-lower-case-word-inside"),
    pytest.param("Visit", ["The minister flew to Bosnia and Herzegovina."], "Bosnia and Herzegovina", "Herzegovina",
                 id="a-country-joined-by-and"),
    pytest.param("Trade", ["He sold planes to Boeing and Airbus in Kinsau am Rhein."], "Kinsau", "Kinsau am Rhein",
                 id="only-a-known-place-is-joined"),
    pytest.param("Power cuts", ["Engineers repaired the lines after Russian attacks As Interfax-Ukraine reminds, "
                                "the grid is weak."], "Interfax-Ukraine", "As Interfax-Ukraine",
                 id="a-lost-full-stop-before-a-name"),
    pytest.param("Charts", ["He sang a cover of Against All Odds by Phil Collins in London."], "Against All Odds",
                 "All Odds", id="a-title-of-common-words-stays-whole"),
    pytest.param("Economy", ["Vice Premier He Lifeng met the delegation in Beijing."], "He Lifeng", "Lifeng",
                 id="a-pronoun-that-is-a-surname"),
    pytest.param("Tours banned", ["The Minister of Culture and Information Policy of Ukraine Halyna Hryhorenko said "
                                  "so in Kyiv.", "Hryhorenko added that tours must stop."], "Halyna Hryhorenko",
                 "Information Policy of Ukraine Halyna Hryhorenko", id="a-role-before-an-unknown-first-name"),
    pytest.param("WHO warns", ["Tedros Adhanom Ghebreyesus spoke in Geneva.", "Ghebreyesus said more."],
                 "Tedros Adhanom Ghebreyesus", "Adhanom Ghebreyesus", id="a-name-before-an-unknown-first-name-stays"),
    pytest.param("\u201cNew Variables\u201d Emerge in China\u2019s E-commerce Industry",
                 ["China News Network, February 11th, headline: \u201cNew Variables\u201d Emerge in China\u2019s "
                  "E-commerce Industry", "Shops in China sell on Douyin."], "Douyin", "Emerge",
                 id="the-headline-again-after-a-dateline"),
    pytest.param("Rescue in Syria", ["Volunteers of the \u201cWhite Helmets\u201d searched the rubble.",
                                     "\u201cWhite Helmets\u201d criticise the UN."], "White Helmets", "Helmets",
                 id="a-quotation-quoted-again-is-one-name"),
    pytest.param("Exoplanet", ["The photo was taken by the \u201cVery Large Telescope\u201d of the European "
                               "Southern Observatory."], "European Southern Observatory", "Large Telescope",
                 id="a-quotation-is-not-cut-to-its-tail"),
    pytest.param("Awards", ["She told \u201cThe Hollywood Reporter\u201d about the film."], "Hollywood Reporter",
                 "The Hollywood Reporter", id="a-quotation-loses-its-article"),
    pytest.param("Trade", ["It is the tenth year of the \u201cBelt and Road\u201d initiative.",
                           "The \u201cBelt and Road\u201d builds ports."], "Belt and Road", "Road",
                 id="a-quotation-joined-by-and-is-one-name"),
    pytest.param("Holidays", ["He added: \"Christmas Day and New Year's Day are special days for everyone in the shops, and for "
                              "their families.\""], "New Year",
                 "Christmas Day and New Year", id="an-apostrophe-closes-no-quotation"),
    pytest.param("Talks", ["The India-Pakistan talks resumed in Delhi."], "Pakistan", "India-Pakistan",
                 id="countries-joined-by-a-hyphen-are-each-a-name"),
    pytest.param("Tennis", ["Seeded Spaniard Garcia-Lopez won in Delhi."], "Garcia-Lopez", "Lopez",
                 id="a-hyphenated-surname-stays-whole"),
    pytest.param("Slavery", ["He said Citizens Bank and Canal Bank are the two lenders.", "So Citizens Bank apologised."],
                 "Canal Bank", "Citizens Bank and Canal Bank", id="two-bodies-joined-by-and"),
    pytest.param("Markets", ["The Securities and Exchange Commission ruled.", "Exchange Commission staff met."],
                 "Securities and Exchange Commission", "Securities", id="and-inside-one-body"),
    pytest.param("Holyrood", ["The motion by Green MSP Mark Ballard failed."], "Mark Ballard", "Green MSP Mark Ballard",
                 id="a-member-s-seat-before-a-name"),
    pytest.param("Tennis", ["In Buenos Aires, Unseeded Nicolas Almagro won."], "Nicolas Almagro",
                 "Unseeded Nicolas Almagro", id="a-rarer-role-word-before-a-name"),
    pytest.param("Hanoi", ["Prime Minister Pham Minh Chinh met them. Pham Minh Chinh said so."], "Pham Minh Chinh",
                 "Minh Chinh", id="a-surname-is-no-role-word"),
    pytest.param("Papers", ["New York Times reporters went there.", "They wrote it."],
                 "New York Times", "York Times", id="a-place-of-two-words-opens-a-sentence-and-a-name"),
    pytest.param("Gulf", ["Saudi Crown Prince Mohammed bin Salman met the emir."], "Mohammed bin Salman",
                 "Crown Prince Mohammed bin Salman", id="a-role-before-a-name-with-a-particle"),
    pytest.param("Gulf", ["The Abu Dhabi Investment Authority bought it."], "Abu Dhabi Investment Authority",
                 "Dhabi Investment Authority", id="a-particle-never-starts-the-name"),
])
def test_find_candidates(title, paragraphs, wanted, unwanted, gaz, word_counts):
    found = names(title, paragraphs, gaz, word_counts)
    assert wanted in found
    assert unwanted not in found


WORDS = ["rural", "revitalization", "name", "smith", "o'brien", "x-ray", "and", "Rural", "Smith", "d'Estaing"]


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
    st.lists(st.lists(st.sampled_from(WORDS[:7]), min_size=1, max_size=3), min_size=1, max_size=50),
)
@settings(max_examples=300, deadline=None)
def test_lower_case_use_counts_whole_words_and_phrases(text_words, asked):
    """Past its first questions LowerCaseUse counts from the story's words;
    every answer stays the whole-word count a search of the text gives."""
    text = " ".join(text_words) + "."
    lower = LowerCaseUse(text)
    for words in asked:
        phrase = " ".join(words)
        wanted = len(re.findall(rf"(?<![\w'\u2019-]){re.escape(phrase)}(?![\w'\u2019-])", text))
        assert lower.count(phrase) == wanted


@pytest.mark.parametrize("tokens, wanted", [
    pytest.param("Prime Minister Tony Blair", [(["Tony", "Blair"], True, [["Tony", "Blair"]])], id="title-off-and-noted"),
    pytest.param("Canadian Heather Hennigar", [(["Canadian", "Heather", "Hennigar"], False, [["Heather", "Hennigar"]])],
                 id="demonym-off-the-name-not-the-piece"),
    pytest.param("Turkey-Syria", [(["Turkey-Syria"], False, [["Turkey"], ["Syria"]])], id="joined-places-each"),
    pytest.param("Hindustan Aeronautics Ltd", [(["Hindustan", "Aeronautics", "Ltd"], False, [["Hindustan", "Aeronautics"]])],
                 id="legal-form-off"),
    pytest.param("Monday", [], id="junk-none"),
])
def test_names_in_span(tokens, wanted, gaz, word_counts):
    # (the piece as cut, for the role check; whether a title stood before it; the names it holds)
    assert [named[1:] for named in names_in_span(tokens.split(), gaz, word_counts)] == wanted


def test_span_names_are_names_in_span_kept_for_the_word_lists_asked_with(gaz, word_counts):
    # A gazetteer that knows no "Minister": the run is one name there, and
    # neither answer may be given for the other's word lists.
    other = dataclasses.replace(gaz, titles=gaz.titles - {"Minister"})
    run = ("Minister", "Kumbuze", "Chiponda")
    cut = names_in_span(list(run), gaz, word_counts)
    whole = names_in_span(list(run), other, word_counts)
    assert cut != whole
    assert span_names(run, gaz, word_counts) == cut
    assert span_names(run, other, word_counts) == whole
    assert span_names(run, gaz, word_counts) == cut
    assert span_names(run, gaz, {}) == names_in_span(list(run), gaz, {})


def test_span_names_start_afresh_when_full(gaz, word_counts, monkeypatch):
    monkeypatch.setattr(candidates, "SPAN_NAMES_KEPT", 2)
    candidates.forget_span_names()
    for run in [("Tony", "Blair"), ("Gordon", "Brown"), ("Michael", "Howard")]:
        assert span_names(run, gaz, word_counts) == names_in_span(list(run), gaz, word_counts)
    assert list(candidates._span_names[2]) == [("Michael", "Howard")]
    candidates.forget_span_names()
    assert candidates._span_names[0] is None and not candidates._span_names[2]
