"""What kind of entity a name is."""
import pytest

from news_digest.tags.entity import Candidate
from news_digest.tags.kinds import entity_type, is_place, looks_like_person
from news_digest.tags.vocabulary import EVENT, ORGANISATION, PERSON, PLACE, WORK


def candidates(*names, titled=False, quoted=False):
    return [Candidate(tuple(n.split()), count=1, titled=titled, quoted=quoted) for n in names]


@pytest.mark.parametrize("names, options, kind", [
    pytest.param(("Angela Merkel", "Merkel"), {}, PERSON, id="first-name-known"),
    pytest.param(("Shoigu",), {"titled": True}, PERSON, id="after-a-title"),
    pytest.param(("Robby Ginepri", "Ginepri"), {}, PERSON, id="full-name-then-surname"),
    pytest.param(("Moscow",), {}, PLACE, id="a-city"),
    pytest.param(("Donetsk Region",), {}, PLACE, id="ends-in-a-place-word"),
    pytest.param(("Altria Group",), {}, ORGANISATION, id="ends-in-an-organisation-word"),
    pytest.param(("NATO",), {}, ORGANISATION, id="an-acronym"),
    pytest.param(("Berlin Marathon",), {}, EVENT, id="ends-in-an-event-word"),
    pytest.param(("Shrek 2",), {}, WORK, id="a-numbered-title"),
    pytest.param(("Johan Cruyff Arena",), {}, PLACE, id="a-building-is-a-place"),
    pytest.param(("Cyprus",), {"titled": True}, PLACE, id="a-country-after-a-title"),
    pytest.param(("Lugansk",), {}, PLACE, id="a-place-in-another-spelling"),
    pytest.param(("Yunnan Province", "Yunnan"), {}, PLACE, id="a-chinese-province"),
    pytest.param(("Lower Saxony",), {}, PLACE, id="a-german-state"),
    pytest.param(("Ursula von der Leyen",), {}, PERSON, id="a-name-with-particles"),
    pytest.param(("World Anti-Doping Agency", "Wada"), {}, ORGANISATION, id="an-acronym-spelt-like-a-foreign-town"),
    pytest.param(("London Assembly", "London"), {}, PLACE, id="a-body-merged-with-its-city"),
])
def test_entity_type(names, options, kind, gaz, word_counts):
    assert entity_type(candidates(*names, **options), gaz, word_counts) == kind


@pytest.mark.parametrize("name, place", [
    ("Moscow", True), ("United States", True), ("Young", False), ("Bush", False),
    pytest.param("Kiev", True, id="a-city-in-another-spelling"),
    pytest.param("Asma", False, id="a-first-name-that-is-only-another-spelling-of-a-town"),
    pytest.param("Adelaide", True, id="a-first-name-that-is-a-city-s-own-name"),
])
def test_is_place(name, place, gaz, word_counts):
    assert is_place(candidates(name)[0], gaz, word_counts) is place


@pytest.mark.parametrize("name, person", [
    pytest.param("Hong Kong Government", False, id="a-place-of-two-words-opens-it"),
    pytest.param("Des Moines Register", False, id="a-paper-named-for-its-city"),
    pytest.param("Santa Claus", True, id="a-two-word-name-stays"),
    pytest.param("Jordan Henderson", True, id="a-country-as-a-first-name"),
])
def test_looks_like_person(name, person, gaz):
    assert looks_like_person(candidates(name)[0], gaz) is person


def test_looks_like_person_is_worked_out_once(gaz):
    cand = candidates("Angela Merkel")[0]
    assert looks_like_person(cand, gaz) is True and cand.person is True
