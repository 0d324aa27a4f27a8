"""Tags: named entities found, junk left out, one tag per entity."""
import pytest

from news_digest.pelican.word_lists import load_gazetteer, load_lexicon
from news_digest.settings import DEFAULT_TAG_ALIASES
from news_digest.tags.entities import find_entities
from news_digest.tags.salience import choose_tags
from news_digest.tags.vocabulary import EVENT, ORGANISATION, PERSON, PLACE


@pytest.fixture(scope="module")
def tagger():
    gazetteer, counts = load_gazetteer(), load_lexicon().unigrams

    def run(title, *paragraphs, max_tags=8, aliases=None, ignore=()):
        found = find_entities(title, list(paragraphs), paragraphs[0] if paragraphs else "", gazetteer, counts)
        return choose_tags(found, max_tags, aliases, ignore, any_kind=min(max_tags, 8))

    return run


def names(entities):
    return [e.name for e in entities]


@pytest.mark.parametrize(
    "title, paragraphs, junk",
    [
        pytest.param("Shares slide at Voltfjord", ["Shares in Voltfjord fell 5%.", "Shares in rivals rose."], "Shares", id="sentence-initial-word"),
        pytest.param("Council meets on budget", ["The Zagreb council met on Monday to debate the budget.", "It meets again on Monday."], "Monday", id="weekday"),
        pytest.param("Budget due soon", ["In March the Croatian government will publish its budget in Zagreb.", "By March, Zagreb hopes to agree."], "March", id="month"),
        pytest.param("Leader speaks", ["Prime Minister Andrej Plenković spoke in Zagreb.", "Prime Minister Andrej Plenković said more."], "Prime Minister Andrej Plenković", id="job-title"),
        pytest.param("Forces advance", ["Russian forces advanced near Siversk.", "Russian officials in Moscow said so."], "Russian", id="nationality-adjective"),
        pytest.param("Links", ["SEE ALSO stories are listed in Zagreb.", "READ MORE about it in Zagreb."], "SEE", id="see-also-words"),
        pytest.param("Sets sold", ["More TV sets and DVD players were sold in Berlin.", "TV makers in Berlin were pleased."], "TV", id="generic-acronym"),
        pytest.param("Quote", ["“We are happy,” said Marija Horvat in Vukovar.", "“We will stay,” Marija Horvat added."], "We", id="pronoun-opening-a-quote"),
        pytest.param("Farewell", ["The 42-year-old Finn took off his gloves in Abu Dhabi.", "Kimi Räikkönen retired."],
                     "Finn", id="a-nationality-after-an-age"),
        pytest.param("Prices", ["Rents in Shanghai reached RMB 10,000 a month.", "Shanghai plans more flats."],
                     "RMB", id="a-currency-before-a-big-sum"),
        pytest.param("Opera", ["Fans of Cantonese opera met in Guangzhou.", "Shows in Cantonese drew crowds."],
                     "Cantonese", id="a-language"),
        pytest.param("Vote", ["He named former Democratic Sen. Joe Lieberman in Washington.", "Washington waits."],
                     "Democratic Sen", id="a-party-and-a-title"),
        pytest.param("Wall falls", ["People in the East met in Berlin.", "Berlin celebrated."], "East",
                     id="a-quarter-alone"),
        pytest.param("Ex-Home Secretary returns", ["Ex-Home Secretary David Blunkett spoke in Sheffield.",
                                                   "Sheffield voters listened."], "Ex-Home", id="a-former-title"),
        pytest.param("Runner wins", ["Fifteen-year-old Donald Young won in Memphis.", "Donald Young was pleased."], "Fifteen-year-old Donald Young", id="hyphenated-adjective"),
    ],
)
def test_junk_is_never_a_tag(tagger, title, paragraphs, junk):
    tags = names(tagger(title, *paragraphs))
    assert junk not in tags
    assert tags, "real entities are still found"


@pytest.mark.parametrize(
    "title, paragraphs, tag, variants",
    [
        pytest.param(
            "City falls", ["Troops left Lysytchansk on Sunday.", "The fall of Lysychansk was confirmed.", "Lyssytchansk is now quiet."],
            None, ("Lysychansk", "Lysytchansk", "Lyssytchansk"), id="transliteration-variants",
        ),
        pytest.param(
            "Putin orders new push", ["Vladimir Putin spoke on television.", "Putin said the plans stood."],
            "Vladimir Putin", ("Putin",), id="surname-and-full-name",
        ),
        pytest.param(
            "Charity appeal", ["Singers went to the Disasters Emergency Committee (DEC) with the idea.", "The DEC said it welcomed the song."],
            "Disasters Emergency Committee", ("DEC",), id="acronym-and-expansion",
        ),
        pytest.param(
            "Deal signed", ["Lockheed signed a deal with Hindustan Aeronautics (HAL) in Bangalore.", "HAL will build parts."],
            "Hindustan Aeronautics", ("HAL",), id="parenthesised-acronym",
        ),
        pytest.param(
            "Tobacco ruling", ["Altria Group won the case in Washington.", "Shares in Altria rose 5%."],
            "Altria Group", ("Altria",), id="organisation-short-name",
        ),
        pytest.param(
            "Race report", ["Kelly Holmes won the 800m in Birmingham.", "Kelly dominated the race.", "Kelly will run again."],
            "Kelly Holmes", ("Kelly",), id="first-name-alone",
        ),
        pytest.param(
            "First look at PlayStation 3 chip", ["Sony showed the PlayStation 3 in Tokyo.", "The PS3 will be out next year."],
            "PlayStation 3", ("PS3",), id="product-abbreviation",
        ),
        pytest.param(
            "Moscow gains", ["Moscow's forces advanced.", "Moscow said so."],
            "Moscow", ("Moscow's",), id="possessive",
        ),
    ],
)
def test_one_entity_one_tag(tagger, title, paragraphs, tag, variants):
    tags = names(tagger(title, *paragraphs))
    forms = ({tag} if tag else set()) | set(variants)
    assert len(forms & set(tags)) == 1, tags
    if tag:
        assert tag in tags


@pytest.mark.parametrize(
    "title, paragraphs, name, kind",
    [
        pytest.param("Talks", ["Celinda Sosa met officials in Santiago.", "Sosa said talks went well."], "Celinda Sosa", PERSON, id="person"),
        pytest.param("Talks", ["Officials met in Bolivia.", "Bolivia wants access to the sea."], "Bolivia", PLACE, id="place"),
        pytest.param("Rates", ["The Bank of England held rates.", "The Bank of England meets again."], "Bank of England", ORGANISATION, id="organisation"),
        pytest.param("Race", ["He won the Berlin Marathon in record time.", "The Berlin Marathon drew 50,000 runners."], "Berlin Marathon", EVENT, id="event"),
        pytest.param("Vaccines", ["Malawi's health minister, Kumbuze Chiponda, said on Friday that doses arrived.",
                                  "Doses reached Malawi."], "Kumbuze Chiponda", PERSON, id="a-role-and-a-comma-before-a-name"),
        pytest.param("Visit", ["The Sultan of Brunei, Hassanal Bolkiah, arrived in Hanoi.", "Hanoi hosted talks."],
                     "Hassanal Bolkiah", PERSON, id="a-title-of-a-place-before-a-name"),
        pytest.param("Rescue", ["A family was rescued in the town of Nurdai on Friday.", "Nurdai lies in ruins."],
                     "Nurdai", PLACE, id="a-town-named-after-the-town-of"),
        pytest.param("Flood", ["Rain hit Henan Province on Friday.", "Roads in Henan Province closed."],
                     "Henan", PLACE, id="a-region-named-without-its-kind"),
        pytest.param("Derby", ["Darmstadt 98 can dream of promotion.", "Darmstadt won in Kiel."],
                     "Darmstadt 98", ORGANISATION, id="a-club-named-for-its-town"),
        # Cities keep the English name the story writes, where geonames lists a
        # local or longer one ("Sevilla", "Göteborg", "Frankfurt am Main").
        pytest.param("Heat", ["Temperatures in Seville reached 44C.", "Seville hospitals were full."],
                     "Seville", PLACE, id="an-english-name-geonames-lists-locally"),
        pytest.param("Plant", ["Voltfjord opened a plant in Gothenburg.", "Gothenburg has the engineers."],
                     "Gothenburg", PLACE, id="an-english-name-geonames-lists-in-swedish"),
        pytest.param("Rates", ["The European Central Bank in Frankfurt raised rates.", "Banks in Frankfurt agreed."],
                     "Frankfurt", PLACE, id="a-city-geonames-names-in-full"),
        pytest.param("Match", ["Sevilla beat Real Madrid 2-1.", "Sevilla are third."],
                     "Sevilla", PLACE, id="the-local-name-stays-its-own"),
    ],
)
def test_entity_types(tagger, title, paragraphs, name, kind):
    by_name = {e.name: e.type for e in tagger(title, *paragraphs)}
    assert by_name[name] == kind


def test_a_province_keeps_its_name(tagger):
    """geonames spells a city "Fujan": the province of Fujian is not that city."""
    tags = names(tagger("Tea fair", "Growers from Fujian and Hunan Province met.", "Fujian sent 40 firms."))
    assert "Fujian" in tags and "Fuyang" not in tags


def test_a_place_and_title_after_a_role_are_no_person(tagger):
    by_name = {e.name: e.type for e in tagger("Vote", "The former Massachusetts Gov. Mitt Romney voted.", "He won.")}
    assert by_name["Massachusetts Gov"] != PERSON


def test_headline_entity_ranks_first_and_cap_holds(tagger):
    paragraphs = [
        "Ajax beat Feyenoord in Amsterdam on Sunday, with PSV Eindhoven and AZ Alkmaar watching.",
        "Feyenoord face Celtic and Utrecht next; Ajax play Twente and Groningen.",
    ]
    tags = names(tagger("Ajax win derby", *paragraphs, max_tags=3))
    assert tags[0] == "Ajax"
    assert len(tags) == 3


def test_after_eight_tags_only_people_named_in_full_and_places(tagger):
    paragraphs = [
        "Ministers from Germany, France, Italy, Spain and Poland met Nato and the European Union in Brussels.",
        "Germany, France, Italy, Spain and Poland said Nato and the European Union would act from Brussels.",
        "Ursula von der Leyen and Jens Stoltenberg spoke, and the Vienna Institute for Peace Research said so.",
        "The talks move to Lisbon later this year.",
    ]
    tags = names(tagger("Ministers meet", *paragraphs, max_tags=12))
    assert len(tags) == 11
    assert sorted(tags[8:]) == ["Jens Stoltenberg", "Lisbon", "Ursula von der Leyen"]
    assert "Vienna Institute for Peace Research" not in tags


def test_aliases_and_ignore(tagger):
    paragraphs = ["The US and Britain met in Geneva.", "The US said Geneva was chosen.", "Britain agreed."]
    tags = names(tagger("Talks", *paragraphs, aliases={"US": "United States", "Britain": "United Kingdom"}, ignore=["Geneva"]))
    assert "United States" in tags and "United Kingdom" in tags
    assert "US" not in tags and "Geneva" not in tags


def test_a_state_s_formal_name_is_the_state(tagger):
    """The built-in aliases: "Russian Federation" is Russia, one tag."""
    paragraphs = ["The Russian Federation shelled Kherson.", "Russia denied it.", "Russia said so in Moscow."]
    tags = names(tagger("Shelling", *paragraphs, aliases=DEFAULT_TAG_ALIASES))
    assert "Russia" in tags and "Russian Federation" not in tags
