"""One tag per entity across the digest, and the near misses it must not join."""
import pytest

from news_digest.tags.digest_merge import canonical_tags
from news_digest.tags.vocabulary import ORGANISATION, OTHER, PERSON, PLACE, WORK

TYPES = {
    "Sergei Shoigu": PERSON, "Shoigu": PERSON, "Sergei Furgal": PERSON, "Mikhail Furgal": PERSON, "Furgal": PERSON,
    "Vladimir Zelensky": PERSON, "Vladimir Zelinsky": PERSON, "Volodymyr Zelensky": PERSON,
    "Kim Jong Un": PERSON, "Kim Jong Il": PERSON, "Live": WORK, "Saga Shimbun LiVE": ORGANISATION,
    "Lysychansk": PLACE, "Lyssytchansk": PLACE, "Lugansk": PLACE, "Austria": PLACE, "Australia": PLACE,
    "Jordan": PLACE, "Michael Jordan": PERSON, "Zelenskyy": PERSON, "Zelensky": PERSON, "Lemon": OTHER,
    "Moon": OTHER,
}


@pytest.mark.parametrize("posts, expected", [
    pytest.param([(["Lysychansk"], False), (["Lyssytchansk"], False), (["Lyssytchansk"], False)],
                 {"Lysychansk": "Lysychansk", "Lyssytchansk": "Lysychansk"}, id="the-gazetteer-spelling-wins"),
    pytest.param([(["Lugansk"], False), (["Lugansk"], False)],
                 {"Lugansk": "Luhansk"}, id="a-place-named-in-english"),
    pytest.param([(["Lyssytchansk"], True), (["Lysychansk"], False), (["Lysychansk"], False)],
                 {"Lysychansk": "Lyssytchansk", "Lyssytchansk": "Lyssytchansk"}, id="an-editor-spelling-wins"),
    pytest.param([(["Wal-Mart"], False), (["Wal Mart"], False), (["wal-mart"], False)],
                 {"Wal-Mart": "Wal-Mart", "Wal Mart": "Wal-Mart", "wal-mart": "Wal-Mart"}, id="case-and-punctuation"),
    pytest.param([(["Gazprom Neft"], False), (["Gazprom Neftt"], False), (["Gazprom Neft"], False)],
                 {"Gazprom Neft": "Gazprom Neft", "Gazprom Neftt": "Gazprom Neft"}, id="a-typo-in-a-long-name"),
    pytest.param([(["US"], False), (["United States"], False)],
                 {"US": "United States", "United States": "United States"}, id="alias"),
    pytest.param([(["Zelenskyy"], False), (["Zelensky"], False), (["Zelensky"], False)],
                 {"Zelenskyy": "Zelensky", "Zelensky": "Zelensky"}, id="a-transliteration-the-most-used"),
    pytest.param([(["Shoigu"], False), (["Sergei Shoigu"], False), (["Shoigu"], False)],
                 {"Shoigu": "Sergei Shoigu", "Sergei Shoigu": "Sergei Shoigu"}, id="the-surname-of-the-one-person"),
    pytest.param([(["Moon"], False), (["Moon"], False)], {"Moon": "Moon"},
                 id="not-a-place-to-its-stories-keeps-its-name"),
    pytest.param([(["Zagreb", "Junk"], False)], {"Zagreb": "Zagreb", "Junk": None}, id="ignored"),
    pytest.param([(["Lib Dems"], False), (["Liberal Democrats"], False), (["Lib Dems"], False)],
                 {"Lib Dems": "Lib Dems", "Liberal Democrats": "Lib Dems"}, id="every-word-cut-short"),
    pytest.param([(["Tories"], False), (["Tory"], False), (["Tory"], False)],
                 {"Tories": "Tory", "Tory": "Tory"}, id="a-plural-in-ies"),
    pytest.param([(["Kim Jong-un"], False), (["Kim Jong Un"], False), (["Kim Jong Un"], False)],
                 {"Kim Jong-un": "Kim Jong Un", "Kim Jong Un": "Kim Jong Un"}, id="a-hyphen-or-a-space"),
])
def test_one_tag_per_entity(posts, expected, gaz):
    mapping = canonical_tags(posts, TYPES, aliases={"US": "United States"}, ignore=["junk"],
                             english_place=gaz.english_place)
    assert mapping == expected


@pytest.mark.parametrize("names", [
    pytest.param(["Vladimir Zelensky", "Vladimir Zelinsky"], id="two-people-one-letter-apart"),
    pytest.param(["Volodymyr Zelensky", "Vladimir Zelensky"], id="first-names-differ"),
    pytest.param(["Kim Jong Un", "Kim Jong Il"], id="father-and-son"),
    pytest.param(["George Bush", "George W Bush"], id="father-and-son-told-apart-by-an-initial"),
    pytest.param(["Sergei Furgal", "Mikhail Furgal", "Furgal"], id="a-surname-two-people-have"),
    pytest.param(["Live", "Saga Shimbun LiVE"], id="a-show-and-a-newspaper"),
    pytest.param(["Jordan", "Michael Jordan"], id="a-country-and-a-person"),
    pytest.param(["Austria", "Australia"], id="two-countries"),
    pytest.param(["New York", "New Yorkers"], id="a-word-in-common-is-not-cut-short"),
    pytest.param(["Rover", "Rovers"], id="a-plural-in-s-may-be-another-thing"),
    pytest.param(["World War I", "World War II"], id="told-apart-by-a-numeral"),
    pytest.param(["Radio 1", "Radio 4"], id="told-apart-by-a-number"),
    pytest.param(["Group B", "Group D"], id="told-apart-by-a-letter"),
    pytest.param(["US Treasury", "UK Treasury"], id="told-apart-by-a-code"),
    pytest.param(["BAA", "BA"], id="acronyms-a-doubled-letter-apart"),
    pytest.param(["SECC", "SEC"], id="acronyms-a-letter-apart"),
])
def test_near_misses_stay_apart(names, gaz):
    mapping = canonical_tags([([name], False) for name in names], TYPES, english_place=gaz.english_place)
    assert mapping == {name: name for name in names}
