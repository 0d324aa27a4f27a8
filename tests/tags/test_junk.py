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
    pytest.param(["WLAN"], True, id="an-acronym-for-a-thing"),
    pytest.param(["R&B"], True, id="an-acronym-for-a-genre"),
    pytest.param(["MW"], True, id="a-unit"),
    pytest.param(["GB"], False, id="great-britain-as-sport-writes-it"),
    pytest.param(["Kentucky", "Republican"], True, id="a-state-and-party-said-of-a-person"),
    pytest.param(["New", "York", "Democrat"], True, id="a-two-word-state-and-party"),
    pytest.param(["Republican", "Party"], False, id="the-party-itself"),
    pytest.param(["Putin"], False, id="a-surname"),
    pytest.param(["Bank", "of", "England"], False, id="an-organisation"),
    pytest.param(["Iranian", "President"], True, id="a-role"),
    pytest.param(["Scottish", "Executive"], False, id="a-government"),
    pytest.param(["Ltd"], True, id="a-company-suffix"),
    pytest.param(["Danes"], True, id="a-nationality-noun"),
    pytest.param(["R-Ohio"], True, id="a-legislator-s-party-and-state"),
    pytest.param(["T-Mobile"], False, id="a-hyphenated-brand"),
    pytest.param(["D-Day"], False, id="an-event-shaped-like-a-party-and-state"),
    pytest.param(["EUR", "50"], True, id="a-sum-of-money"),
    pytest.param(["Euro", "2004"], False, id="a-tournament"),
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
    pytest.param(["Donald", "J", "Trump"], (), ["Donald", "J", "Trump"], id="a-first-name-and-an-initial"),
    pytest.param(["Can", "I"], (), ["I"], id="a-first-name-and-a-pronoun"),
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


@pytest.mark.parametrize("strip, name, kept", [
    (strip_legal_form, "Moderna Inc", "Moderna"),
    (strip_legal_form, "Shanxi Yingmen Aviation Technology Group Co", "Shanxi Yingmen Aviation Technology Group"),
    (strip_legal_form, "Flynn Intel Group LLC", "Flynn Intel Group"),
    (strip_legal_form, "JP Morgan & Co", "JP Morgan"),
    (strip_legal_form, "National Iranian Oil Company", "National Iranian Oil Company"),
    (strip_legal_form, "Oil and Natural Gas Corporation", "Oil and Natural Gas Corporation"),
    (strip_legal_form, "Inc", "Inc"),
    (strip_post_nominal, "Ruth Kelly MP", "Ruth Kelly"),
    (strip_post_nominal, "Tom McCabe MSP", "Tom McCabe"),
    (strip_post_nominal, "Ian MacDonald QC", "Ian MacDonald"),
    (strip_post_nominal, "Salford MP", "Salford"),
    (strip_post_nominal, "MP", "MP"),
])
def test_what_comes_off_a_name(strip, name, kept):
    """A company's legal form and the letters after a person's name."""
    assert " ".join(strip(name.split())) == kept
