"""What looks like a name but is not one."""
from collections import Counter

import pytest

from news_digest.tags.junk import drop_opener, is_junk, strip_demonym, strip_legal_form, strip_post_nominal


@pytest.mark.parametrize("tokens, junk", [
    pytest.param(["Monday"], True, id="weekday"),
    pytest.param(["Russian"], True, id="nationality-adjective"),
    pytest.param(["MPs"], True, id="plural-acronym"),
    pytest.param(["Home", "Secretary"], True, id="a-title-alone"),
    pytest.param(["South", "Koreans"], True, id="a-people"),
    pytest.param(["2005"], True, id="a-number"),
    pytest.param(["Putin"], False, id="a-surname"),
    pytest.param(["Bank", "of", "England"], False, id="an-organisation"),
    pytest.param(["Iranian", "President"], True, id="a-role"),
    pytest.param(["Scottish", "Executive"], False, id="a-government"),
    pytest.param(["Ltd"], True, id="a-company-suffix"),
    pytest.param(["Danes"], True, id="a-nationality-noun"),
    pytest.param(["R-Ohio"], True, id="a-legislator-s-party-and-state"),
    pytest.param(["T-Mobile"], False, id="a-hyphenated-brand"),
    pytest.param(["D-Day"], False, id="an-event-shaped-like-a-party-and-state"),
])
def test_is_junk(tokens, junk, gaz):
    assert is_junk(tokens, gaz) is junk


@pytest.mark.parametrize("tokens, kept", [
    pytest.param(["Canadian", "Heather", "Hennigar"], ["Heather", "Hennigar"], id="demonym-before-a-first-name"),
    pytest.param(["Defense", "Sergei", "Shoigu"], ["Sergei", "Shoigu"], id="portfolio-before-a-first-name"),
    pytest.param(["American", "Robby", "Ginepri"], ["Robby", "Ginepri"], id="demonym-before-an-unknown-name"),
    pytest.param(["European", "Indoor", "Championships"], ["European", "Indoor", "Championships"], id="part-of-an-event"),
])
def test_strip_demonym(tokens, kept, gaz, word_counts):
    assert strip_demonym(tokens, gaz, word_counts) == kept


@pytest.mark.parametrize("tokens, mid_sentence, kept", [
    pytest.param(["However", "Putin"], (), ["Putin"], id="an-opener-word"),
    pytest.param(["Police"], (), [], id="a-common-word"),
    pytest.param(["Police"], ("Police",), ["Police"], id="a-common-word-the-story-capitalises-mid-sentence"),
    pytest.param(["Moscow"], (), ["Moscow"], id="a-place"),
    pytest.param(["Angela", "Merkel"], (), ["Angela", "Merkel"], id="a-first-name"),
    pytest.param(["World"], (), [], id="a-very-common-word-alone"),
    pytest.param(["Hong", "Kong"], (), ["Hong", "Kong"], id="a-place-of-two-words"),
    pytest.param(["West", "End"], (), ["West", "End"], id="a-district"),
    pytest.param(["The", "Bush"], (), ["Bush"], id="the-is-no-part-of-a-place"),
])
def test_drop_opener(tokens, mid_sentence, kept, gaz, word_counts):
    assert drop_opener(tokens, Counter(mid_sentence), set(mid_sentence), gaz, word_counts) == kept


@pytest.mark.parametrize("tokens, kept", [
    pytest.param(["Hong", "Kong"], ["Hong", "Kong"], id="a-place"),
    pytest.param(["New", "York"], ["New", "York"], id="a-state"),
])
def test_drop_opener_in_a_headline(tokens, kept, gaz, word_counts):
    assert drop_opener(tokens, Counter(), set(), gaz, word_counts, in_title=True) == kept


@pytest.mark.parametrize("name, kept", [
    ("Moderna Inc", "Moderna"),
    ("Shanxi Yingmen Aviation Technology Group Co", "Shanxi Yingmen Aviation Technology Group"),
    ("Flynn Intel Group LLC", "Flynn Intel Group"),
    ("JP Morgan & Co", "JP Morgan"),
    ("National Iranian Oil Company", "National Iranian Oil Company"),
    ("Oil and Natural Gas Corporation", "Oil and Natural Gas Corporation"),
    ("Inc", "Inc"),
])
def test_strip_legal_form(name, kept):
    assert " ".join(strip_legal_form(name.split())) == kept


@pytest.mark.parametrize("name, kept", [
    ("Ruth Kelly MP", "Ruth Kelly"),
    ("Tom McCabe MSP", "Tom McCabe"),
    ("Ian MacDonald QC", "Ian MacDonald"),
    ("Salford MP", "Salford"),
    ("MP", "MP"),
])
def test_strip_post_nominal(name, kept):
    assert " ".join(strip_post_nominal(name.split())) == kept
