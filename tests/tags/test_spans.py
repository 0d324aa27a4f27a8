"""Finding spans of capitalised words, and cutting them at what cannot be in a name."""
import pytest

from news_digest.tags.spans import is_title_case, raw_spans, split_span


@pytest.mark.parametrize("text, spans", [
    pytest.param("President Vladimir Putin met Sergei Shoigu on Monday.",
                 [["President", "Vladimir", "Putin"], ["Sergei", "Shoigu"], ["Monday"]], id="names-in-a-sentence"),
    pytest.param("The Institute for Fiscal Studies said", [["The", "Institute", "for", "Fiscal", "Studies"]],
                 id="for-inside-an-organisation"),
    pytest.param("Harry Potter and the Prisoner of Azkaban won", [["Harry", "Potter", "and", "the", "Prisoner", "of", "Azkaban"]],
                 id="and-inside-a-title"),
    pytest.param("Boeing and Airbus said", [["Boeing"], ["Airbus"]], id="and-between-two-names"),
    pytest.param("Boeing and, Airbus Group said", [["Boeing"], ["Airbus", "Group"]], id="and-never-across-a-comma"),
    pytest.param("Jack's Snooker Hall opened", [["Jack's", "Snooker", "Hall"]], id="possessive-venue"),
    pytest.param("Shrek 2 took $100m", [["Shrek", "2"]], id="number-after-a-name"),
    pytest.param("Unison's 800,000 members", [["Unison's"]], id="a-count-after-a-possessive"),
    pytest.param("She returned to London 12 months later", [["She"], ["London"]], id="a-count-of-months"),
    pytest.param("dropped out of the Athens 10,000m", [["Athens"]], id="a-distance"),
    pytest.param("Romney 47% Obama 44%", [["Romney"], ["Obama"]], id="a-share"),
    pytest.param("Hannover 96 is working its way up", [["Hannover", "96"]], id="a-number-that-names-a-club"),
    pytest.param("his seventh year in Formula 1. He won", [["Formula", "1"], ["He"]], id="a-number-ending-a-sentence"),
    pytest.param("rates rose to Version 3.5 today", [["Version"]], id="a-decimal-is-no-part-of-a-name"),
    pytest.param("the 10th anniversary of the Belt and Road Initiative", [["Belt", "and", "Road", "Initiative"]],
                 id="and-inside-an-initiative"),
    pytest.param("by the Department of Agriculture and Rural Affairs of Qinghai Province",
                 [["Department", "of", "Agriculture", "and", "Rural", "Affairs", "of", "Qinghai", "Province"]],
                 id="a-remit-and-the-bodys-place"),
    pytest.param("the Centers for Disease Control and Prevention said",
                 [["Centers", "for", "Disease", "Control", "and", "Prevention"]], id="a-body-named-in-the-plural"),
    pytest.param("under the European Convention on Human Rights", [["European", "Convention", "on", "Human", "Rights"]],
                 id="on-before-a-conventions-subject"),
    pytest.param("at the Summit on the Information Society", [["Summit", "on", "the", "Information", "Society"]],
                 id="on-the-before-a-summits-subject"),
    pytest.param("the Supreme Court on John Smith's case", [["Supreme", "Court"], ["John", "Smith's"]],
                 id="on-after-a-court-is-no-subject"),
    pytest.param("the Council on Promoting Growth", [["Council"], ["Promoting", "Growth"]], id="on-before-a-verb"),
    pytest.param("It was 2-1 to Ajax", [["It"], ["Ajax"]], id="a-score-is-not-part-of-a-name"),
    pytest.param("He went to Paris. London was next.", [["He"], ["Paris"], ["London"]], id="never-across-a-sentence-end"),
    pytest.param("said Ursula von der Leyen and von der Leyen", [["Ursula", "von", "der", "Leyen"], ["von", "der", "Leyen"]],
                 id="surname-particles"),
    pytest.param("at St. Nicholas Day, top scorer T. J. Shorts", [["St", "Nicholas", "Day"], ["T", "J", "Shorts"]],
                 id="abbreviations-and-initials"),
    pytest.param("met Kim Jong-un in a London-based office", [["Kim", "Jong-un"]], id="a-hyphenated-given-name"),
    pytest.param("as Moon Jae-in said", [["Moon", "Jae-in"]], id="a-korean-given-name-ending-in-in"),
    pytest.param("President Bashar al-Assad met al-Qaeda defectors", [["President", "Bashar", "al-Assad"], ["al-Qaeda"]],
                 id="the-arabic-article"),
    pytest.param("the China Children's Center and Russia's Foreign Ministry",
                 [["China", "Children's", "Center"], ["Russia's"], ["Foreign", "Ministry"]], id="possessives"),
    pytest.param("the Ministry of Culture and Information Policy said",
                 [["Ministry", "of", "Culture", "and", "Information", "Policy"]], id="and-inside-a-ministry-remit"),
    pytest.param("the Municipal Bureau of Industry and Information Technology issued",
                 [["Municipal", "Bureau", "of", "Industry", "and", "Information", "Technology"]],
                 id="a-remit-ending-in-a-field-of-work"),
    pytest.param("from New York State Department of Health and State University of New York",
                 [["New", "York", "State", "Department", "of", "Health"], ["State", "University", "of", "New", "York"]],
                 id="and-between-two-bodies"),
    pytest.param("at Zhejiang University School of Medicine and Children's Hospital",
                 [["Zhejiang", "University", "School", "of", "Medicine"], ["Children's", "Hospital"]],
                 id="and-before-a-possessive-body"),
    pytest.param("the Professional Footballers' Association said", [["Professional", "Footballers", "Association"]],
                 id="a-plural-possessive-inside-a-name"),
    pytest.param("Fly-half Stephen Jones kicked", [["Stephen", "Jones"]], id="a-hyphenated-position-is-no-given-name"),
])
def test_raw_spans(text, spans):
    assert [tokens for tokens, _, _ in raw_spans(text)] == spans


def test_a_sentence_opener_is_marked():
    assert [opens for _, _, opens in raw_spans("Police said Smith left. Later Jones came.")] == [True, False, True]


@pytest.mark.parametrize("tokens, pieces", [
    pytest.param(["President", "Vladimir", "Putin"], [(["Vladimir", "Putin"], True)], id="title-off"),
    pytest.param(["Home", "Secretary", "Priti", "Patel"], [(["Priti", "Patel"], True)], id="portfolio-and-title-off"),
    pytest.param(["Foreign", "Minister", "Sergei", "Lavrov"], [(["Sergei", "Lavrov"], True)], id="foreign-minister"),
    pytest.param(["Monday", "July"], [], id="dates-are-not-names"),
    pytest.param(["Burger", "King"], [(["Burger", "King"], False)], id="royal-title-inside-a-name"),
    pytest.param(["Sun", "Yifeng"], [(["Sun", "Yifeng"], False)], id="a-weekday-abbreviation-in-a-name"),
    pytest.param(["Theresa", "May"], [(["Theresa", "May"], False)], id="a-month-as-a-surname"),
    pytest.param(["MARKO", "DJURICA", "Reuters"], [(["Reuters"], False)], id="a-byline-in-capitals"),
    pytest.param(["Doctor", "of", "Science"], [], id="a-degree"),
    pytest.param(["Ministry", "of", "Defence", "and", "Ben", "Wallace"],
                 [(["Ministry", "of", "Defence"], False), (["Ben", "Wallace"], False)], id="a-person-after-a-remit"),
    pytest.param(["Xinhua", "News", "Agency", "Taipei"], [(["Xinhua", "News", "Agency"], False), (["Taipei"], False)],
                 id="a-wire-service-and-its-dateline"),
    pytest.param(["Russian", "News", "Agency", "Interfax"], [(["Interfax"], False)],
                 id="a-description-before-a-wire-service"),
    pytest.param(["Services", "For"], [(["Services"], False)], id="a-function-word-never-ends-a-name"),
    pytest.param(["On", "February"], [(["On"], False)], id="a-month-after-on-at-a-sentence-start"),
    pytest.param(["September", "Symantec"], [(["Symantec"], False)], id="a-month-before-a-name"),
    pytest.param(["SEPTEMBER", "25"], [], id="a-month-in-capitals-in-a-dateline"),
    pytest.param(["DEC"], [(["DEC"], False)], id="an-acronym-is-no-month"),
    pytest.param(["June", "Whitfield"], [(["June", "Whitfield"], False)], id="a-month-that-is-a-first-name"),
    pytest.param(["Group", "A"], [(["Group", "A"], False)], id="a-letter-may-end-one"),
    pytest.param(["Carry", "On"], [(["Carry", "On"], False)], id="so-may-a-titles-particle"),
])
def test_split_span(tokens, pieces, gaz):
    assert split_span(tokens, gaz) == pieces


@pytest.mark.parametrize("title, expected", [
    ("Uncounted Sanders Ballots Found On Clinton Turf", True),
    ("Putin orders continuation of Russian offensive", False),
    ("Floods in Spain", False),
])
def test_is_title_case(title, expected):
    assert is_title_case(title) is expected
