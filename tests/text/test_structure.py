"""Finding headline, paragraphs, sub-headings, lists, boilerplate, SEE ALSO."""
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    split_story_tail,
    take_inline_see_also,
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


@pytest.mark.parametrize(
    "linked, headline, story",
    [
        pytest.param("IAEA report: what the mission saw at ZNPP During the invasion on March 4, the plant was seized by troops.",
                     "IAEA report: what the mission saw at ZNPP", "During the invasion on March 4, the plant was seized by troops.",
                     id="a-sentence-opener-after-no-stop"),
        pytest.param("Musk's plan: how the world reacted. Earlier, his chief operating officer said the network is no weapon.",
                     "Musk's plan: how the world reacted", "Earlier, his chief operating officer said the network is no weapon.",
                     id="a-sentence-ended-inside"),
        pytest.param("Greece and Turkey on the verge of armed conflict?", "Greece and Turkey on the verge of armed conflict?", "",
                     id="a-question"),
        pytest.param("Turkey will continue to shake.", "Turkey will continue to shake.", "", id="a-short-sentence"),
        pytest.param("What happens In Kherson Now", "What happens In Kherson Now", "", id="title-case-no-stop"),
        pytest.param("Floods close roads As rivers rise", "Floods close roads As rivers rise", "", id="no-sentence-end"),
        pytest.param("Mayor: After the storm. More.", "Mayor: After the storm. More.", "", id="too-short-to-be-story"),
    ],
)
def test_story_text_glued_to_a_see_also_headline(linked, headline, story):
    assert split_story_tail(linked) == (headline, story)


@pytest.mark.parametrize(
    "paragraph, kept, headlines",
    [
        pytest.param("Talks ended on Sunday. Read also: Scholz flies to Kyiv", "Talks ended on Sunday.", ["Scholz flies to Kyiv"],
                     id="at-the-end"),
        pytest.param("80,000 were hurt. Read also: What is known about earthquakes In Turkey, 171,000 tents were put up in the region.",
                     "80,000 were hurt. In Turkey, 171,000 tents were put up in the region.",
                     ["What is known about earthquakes"], id="in-the-middle"),
        pytest.param("It ended. See also: One story. SEE ALSO – Another", "It ended.", ["One story.", "Another"], id="two"),
        pytest.param("“We will go,” he said. Read also: Talks resume", "“We will go,” he said.", ["Talks resume"],
                     id="after-a-quote"),
        pytest.param("We read also: the papers.", "We read also: the papers.", [], id="not-after-a-sentence"),
        pytest.param("It ended. Read also: " + "and then the talks went on " * 9, "It ended. Read also: " + "and then the talks went on " * 9,
                     [], id="too-long-for-a-headline"),
        pytest.param("He said to read also: the papers.", "He said to read also: the papers.", [], id="lower-case"),
    ],
)
def test_see_also_written_inside_a_paragraph(paragraph, kept, headlines):
    assert take_inline_see_also(paragraph) == (kept, headlines)


def test_a_see_also_line_gives_back_the_story_glued_to_it():
    text = "Head\n\nStory.\n\nRead also: Talks resume in Geneva During the talks, the two sides agreed on a ceasefire.\n\nMore."
    structure = parse(text)
    assert structure.see_also == ("Talks resume in Geneva",)
    assert [b.text for b in structure.blocks] == [
        "Story.", "During the talks, the two sides agreed on a ceasefire.", "More."]


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


CUE_WORDS = {"see", "read", "also", "more"}
PIECES = ["It", "ended.", "Read also:", "See also –", "READ MORE:", "During", "the", "talks,", "Kyiv", "said.", "As",
          "reporters", "noted?", "In", "Turkey,", "tents", "were", "put", "up.", "“We", "go,”", "he", "said."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_a_see_also_inside_a_paragraph_takes_only_its_cue_from_the_text(pieces):
    paragraph = " ".join(pieces)
    kept, headlines = take_inline_see_also(paragraph)
    before = Counter(re.findall(r"\w+", paragraph))
    after = Counter(re.findall(r"\w+", " ".join([kept, *headlines])))
    assert not after - before, "nothing is made up"
    assert all(word.lower() in CUE_WORDS for word in before - after), "only cue words leave the text"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25), min_size=1, max_size=5))
def test_a_story_loses_only_see_also_cues(lines):
    text = "Head\n\n" + "\n\n".join(" ".join(line) for line in lines)
    try:
        structure = parse(text)
    except ConversionError:
        return
    out = [structure.headline, *structure.see_also]
    out += [b.text for b in structure.blocks] + [i for b in structure.blocks for i in b.items]
    # A "Read also: ..." line with no headline in it is boilerplate, dropped whole, as before.
    dropped = [" ".join(line) for line in lines if is_boilerplate(" ".join(line), BOILERPLATE)]
    before = Counter(re.findall(r"\w+", text)) - Counter(re.findall(r"\w+", " ".join(dropped)))
    after = Counter(re.findall(r"\w+", " ".join(out)))
    assert not after - Counter(re.findall(r"\w+", text)), "nothing is made up"
    assert all(word.lower() in CUE_WORDS for word in before - after), "only cue words leave the story"
