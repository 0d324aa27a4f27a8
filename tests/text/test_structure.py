"""Finding headline, paragraphs, sub-headings, lists, boilerplate, SEE ALSO."""
import pytest

from news_digest.text.errors import ConversionError
from news_digest.settings import DEFAULT_BOILERPLATE
from news_digest.text.structure import (
    HEADING,
    LIST,
    PARAGRAPH,
    compile_boilerplate,
    find_see_also,
    is_boilerplate,
    parse_structure,
)

BOILERPLATE = compile_boilerplate(DEFAULT_BOILERPLATE)


def parse(text):
    return parse_structure(text, BOILERPLATE)


def kinds(structure):
    return [b.kind for b in structure.blocks]


@pytest.mark.parametrize(
    "text, paragraphs",
    [
        pytest.param("Head\n\nOne.\n\nTwo.", ["One.", "Two."], id="blank-lines"),
        pytest.param("Head\nOne.\nTwo.", ["One.", "Two."], id="single-newlines"),
        pytest.param("Head\n\n\n\n\nOne.\n\n\n\nTwo.", ["One.", "Two."], id="runs-of-blank-lines"),
        pytest.param(
            "Head\n\nThe ice sheet lost less ice in 2025 than in any year since\n"
            "2013, according to a survey by the Geological Survey of Denmark and\nGreenland.",
            ["The ice sheet lost less ice in 2025 than in any year since 2013, according to a "
             "survey by the Geological Survey of Denmark and Greenland."],
            id="hard-wrapped-paragraph",
        ),
    ],
)
def test_paragraphs(text, paragraphs):
    structure = parse(text)
    assert structure.headline == "Head"
    assert [b.text for b in structure.blocks] == paragraphs


@pytest.mark.parametrize(
    "text, expected_kinds",
    [
        pytest.param("Head\n\nFirst.\n\n“Heroes of Russia”\n\nSecond.", [PARAGRAPH, HEADING, PARAGRAPH], id="quoted-subheading"),
        pytest.param("Head\n\nFirst.\n\nMoney first for homes\n\nSecond.", [PARAGRAPH, HEADING, PARAGRAPH], id="plain-subheading"),
        pytest.param("Head\n\nFirst.\n\nHe said so.\n\nSecond.", [PARAGRAPH] * 3, id="sentence-is-not-heading"),
        pytest.param("Head\n\nFirst.\n\nThe men won in Sheffield as\n\nSecond.", [PARAGRAPH] * 3, id="dangling-fragment-is-not-heading"),
        pytest.param("Head\n\nFirst.\n\nlower case line\n\nSecond.", [PARAGRAPH] * 3, id="lower-case-is-not-heading"),
        pytest.param("Head\n\nFirst.\n\nLast Words", [PARAGRAPH, PARAGRAPH], id="last-line-is-not-heading"),
        pytest.param("Head\n\nThe plan:\n- cut taxes\n- build homes\n\nAfter.", [PARAGRAPH, LIST, PARAGRAPH], id="bullet-list"),
    ],
)
def test_block_kinds(text, expected_kinds):
    assert kinds(parse(text)) == expected_kinds


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("source site", id="source-site"),
        pytest.param("Source: Reuters", id="source-credit"),
        pytest.param("Read more", id="read-more"),
        pytest.param("Read more: How the floods unfolded", id="read-more-with-title"),
        pytest.param("Share this story", id="share-this-story"),
        pytest.param("Share this story on social media…", id="share-with-ellipsis"),
        pytest.param("Image caption: The crater from orbit", id="image-caption"),
        pytest.param("Image copyright NASA/GSFC", id="image-copyright"),
        pytest.param("Media caption The minister spoke on Monday", id="media-caption"),
        pytest.param("Photo: BMW Berlin Marathon", id="photo-credit"),
        pytest.param("H/T reader Pablo Ortiz for the chart", id="hat-tip"),
        pytest.param("Advertisement", id="advertisement"),
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line, BOILERPLATE)
    structure = parse(f"Head\n\nStory text.\n\n{line}\n\nMore story.")
    assert [b.text for b in structure.blocks] == ["Story text.", "More story."]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("The source said the site was closed.", id="sentence-mentioning-source"),
        pytest.param("Readers shared the story widely.", id="sentence-mentioning-share"),
    ],
)
def test_story_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line, BOILERPLATE)


@pytest.mark.parametrize(
    "line, headline",
    [
        pytest.param("SEE ALSO – Moscow forces control Lugansk region", "Moscow forces control Lugansk region", id="en-dash"),
        pytest.param("SEE ALSO - WHO warns of empty pipeline", "WHO warns of empty pipeline", id="hyphen"),
        pytest.param("See also: Floods hit Vukovar", "Floods hit Vukovar", id="colon"),
        pytest.param("READ ALSO — Talks resume", "Talks resume", id="read-also-em-dash"),
        pytest.param("We see also that it rained.", None, id="not-a-see-also"),
    ],
)
def test_see_also(line, headline):
    assert find_see_also(line) == headline


def test_see_also_lines_are_kept_aside():
    structure = parse("Head\n\nStory.\n\nSEE ALSO – Other story\n\nMore.\n\nsource site")
    assert structure.see_also == ("Other story",)
    assert [b.text for b in structure.blocks] == ["Story.", "More."]


def test_source_site_glued_to_last_paragraph():
    structure = parse("Head\n\nStory.\n\nThe end of it. source site")
    assert structure.blocks[-1].text == "The end of it."


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("   \n\n  ", "empty", id="whitespace-only"),
        pytest.param("SEE ALSO – Something\n\nText.", "no headline", id="see-also-first"),
        pytest.param("Read more\n\nText.", "no headline", id="boilerplate-first"),
        pytest.param("Just a headline\n\nsource site", "no story", id="headline-only"),
    ],
)
def test_structure_errors(text, message):
    with pytest.raises(ConversionError, match=message):
        parse(text)


@pytest.mark.parametrize("text, headline, date", [
    pytest.param("Date: 4 July 2022\nFloods close roads\n\nRoads closed.", "Floods close roads", "4 July 2022",
                 id="a-date-line-above-the-headline"),
    pytest.param("Published: 2022-07-04\n\nFloods close roads\n\nRoads closed.", "Floods close roads", "2022-07-04",
                 id="published"),
    pytest.param("Floods close roads\n\nDate: in the body stays text.", "Floods close roads", "", id="only-above"),
])
def test_metadata_date(text, headline, date):
    parsed = parse_structure(text, ())
    assert (parsed.headline, parsed.date) == (headline, date)
