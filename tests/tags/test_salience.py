"""Which entities a story is most about, and which become tags."""
import pytest

from news_digest.tags.entity import Candidate, Entity
from news_digest.tags.salience import canonical_name, choose_tags, rank_entities


def cand(name, count=1, first=0, in_title=False, in_standfirst=False):
    return Candidate(tuple(name.split()), count=count, first=first, in_title=in_title,
                     in_standfirst=in_standfirst, forms={name})


def test_the_headline_outweighs_mentions(gaz, word_counts):
    groups = [[cand("Zagreb", count=3, first=50)], [cand("Ivan Kovac", count=1, first=10, in_title=True)]]
    ranked = rank_entities(groups, "Ivan Kovac wins", ["x" * 100], gaz, word_counts)
    assert [e.name for e in ranked] == ["Ivan Kovac", "Zagreb"]


@pytest.mark.parametrize("source", ["Reuters", "Xinhua News Agency", "Hunan Daily", "Global Times"])
def test_a_cited_news_outlet_ranks_below_what_the_story_is_about(source, gaz, word_counts):
    groups = [[cand(source, count=2, first=0)], [cand("Kherson", count=2, first=60)]]
    ranked = rank_entities(groups, "Shelling goes on", ["x" * 100], gaz, word_counts)
    assert [e.name for e in ranked] == ["Kherson", source]


def test_a_regional_adjective_is_no_entity(gaz, word_counts):
    groups = [[cand("South African", count=3)], [cand("Johannesburg", count=1, first=40)]]
    ranked = rank_entities(groups, "Mines reopen", ["x" * 100], gaz, word_counts)
    assert [e.name for e in ranked] == ["Johannesburg"]


@pytest.mark.parametrize("group, name", [
    pytest.param([cand("Merkel", count=5), cand("Angela Merkel", count=1)], "Angela Merkel", id="the-fullest-form"),
    pytest.param([cand("NATO", count=5), cand("Nato")], "NATO", id="the-most-used-form"),
    pytest.param([cand("Republic of Cyprus", count=3), cand("Cyprus")], "Cyprus", id="the-country-as-the-gazetteer-names-it"),
    pytest.param([cand("Grand Prix", count=3), cand("Abu Dhabi Grand Prix")], "Abu Dhabi Grand Prix",
                 id="generic-words-named-in-full"),
    pytest.param([cand("Premier League", count=3), cand("League")], "Premier League", id="a-name-of-generic-words"),
])
def test_canonical_name(group, name, gaz):
    assert canonical_name(group, gaz) == name


@pytest.mark.parametrize("group, place, name", [
    pytest.param([cand("Spanish Canary Island"), cand("Canary Island")], True, "Canary Island",
                 id="a-place-without-the-nationality-before-it"),
    pytest.param([cand("Russian Ministry of Defence"), cand("Ministry of Defence")], False,
                 "Russian Ministry of Defence", id="a-body-keeps-its-country"),
    pytest.param([cand("Pacific Ocean"), cand("Ocean")], True, "Pacific Ocean", id="a-nationality-word-that-names-it"),
])
def test_canonical_name_of_a_place(group, place, name, gaz):
    assert canonical_name(group, gaz, place) == name


def entity(name, kind="person", mentions=2, score=3.0, forms=()):
    return Entity(name, kind, mentions, score, forms or (name,))


EIGHT_PLACES = [entity(f"P{i}", "place") for i in range(8)]


@pytest.mark.parametrize("entities, options, names", [
    pytest.param([entity("A"), entity("B"), entity("C")], {"max_tags": 2}, ["A", "B"], id="at-most-max"),
    pytest.param([entity("Kiev", "place")], {"aliases": {"Kiev": "Kyiv"}}, ["Kyiv"], id="alias"),
    pytest.param([entity("Reuters", "organisation")], {"ignore": ("reuters",)}, [], id="ignored"),
    pytest.param([entity("Blob", "other", mentions=1, score=1.0)], {}, [], id="a-once-mentioned-other-word"),
    pytest.param([entity("US", "place"), entity("United States", "place")], {"aliases": {"US": "United States"}},
                 ["United States"], id="one-tag-per-entity"),
    pytest.param(EIGHT_PLACES + [entity("Acme Corp", "organisation"), entity("Kovac"), entity("Jane Doe", mentions=1),
                                 entity("Blob", "other"), entity("Dublin", "place", mentions=1)],
                 {}, [e.name for e in EIGHT_PLACES] + ["Jane Doe", "Dublin"], id="after-eight-only-people-named-in-full-and-places"),
    pytest.param(EIGHT_PLACES + [entity(f"Jane Doe{i}", mentions=1) for i in range(14)], {},
                 [e.name for e in EIGHT_PLACES] + [f"Jane Doe{i}" for i in range(12)], id="twenty-in-all"),
    pytest.param(EIGHT_PLACES + [entity("Jane Doe")], {"max_tags": 3}, ["P0", "P1", "P2"], id="max-before-any-kind"),
    pytest.param([entity("Jane Doe", mentions=1), entity("Acme Corp", "organisation"), entity("John Roe", mentions=1)],
                 {"any_kind": 1}, ["Jane Doe", "John Roe"], id="any-kind-setting"),
])
def test_choose_tags(entities, options, names):
    assert [e.name for e in choose_tags(entities, **options)] == names
