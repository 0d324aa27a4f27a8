"""The whole pipeline on realistic raw articles we wrote for the tests."""
from datetime import datetime

import pytest

from news_digest.pelican.word_lists import load_word_lists
from news_digest.settings import conversion_options, resolve_settings
from news_digest.text.convert import convert_article
from news_digest.text.errors import ConversionError
from news_digest.text.markdown_post import read_header
from news_digest.text.render import render_markdown

OPTIONS = conversion_options(resolve_settings({}))
FILE_TIME = datetime(2026, 11, 24, 12, 0)

# Our own article with the seed's kinds of damage: quotes turned the wrong way,
# words run together with a lost quote, a quoted sub-heading, SEE ALSO lines
# and a trailing "source site".
DAMAGED = """Minister orders new checks after flooding in river towns

The interior minister spoke with regional governors, saying that rescue teams “must stay until every house is checked”.

The minister ordered the teams on Monday July 4 to stay in the flooded towns of the east.

Rescue teams”must carry out their work according to the plans already approved“, declared the minister during a meeting broadcast on television. “I hope the water goes down quickly“, he added.

SEE ALSO – Floods close roads in the eastern region, governor announces

“Heroes of the river”

The minister said two volunteers will be named “heroes of the riverfor their role in the rescue, without further details.

He said the two teams had directlyreport (Monday) on the state of the embankments and their proposals for the coming days“.

SEE ALSO – Rivers: “Impossible to say when the water will fall”, says engineer

source site"""


def convert(text: str | bytes, source="world/floods.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return convert_article(
        data, source=source, category="World", file_time=FILE_TIME, options=OPTIONS, words=load_word_lists()
    )


def test_damaged_article_facts():
    article = convert(DAMAGED)
    body = "\n".join(b.text for b in article.blocks)
    assert article.title == "Minister orders new checks after flooding in river towns"
    assert article.date == datetime(2022, 7, 4)
    assert article.slug == "minister-orders-new-checks-after-flooding-in-river-towns"
    assert article.see_also == (
        "Floods close roads in the eastern region, governor announces",
        "Rivers: “Impossible to say when the water will fall”, says engineer",
    )
    assert "SEE ALSO" not in body and "source site" not in body
    assert "riverfor" not in body and "directlyreport" not in body
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["“Heroes of the river”"]
    assert article.standfirst.startswith("The interior minister spoke")
    for block in article.blocks:
        marks = [c for c in block.text if c in "“”\""]
        assert '"' not in marks
        assert marks == ["“", "”"] * (len(marks) // 2), block.text


def test_markdown_post_has_the_metadata():
    article = convert(DAMAGED)
    text = render_markdown(article, entry_id="urn:uuid:x", digest_input="abc")
    header = read_header(text)
    assert header["title"] == [article.title]
    assert header["date"] == ["2022-07-04"]
    assert header["slug"] == [article.slug]
    assert header["category"] == ["World"]
    assert header["summary"][0].startswith("The interior minister")
    assert len(header["see_also"]) == 2
    assert "## “Heroes of the river”" in text


@pytest.mark.parametrize(
    "headline, slug",
    [
        pytest.param("?!… —", "floods", id="punctuation-only-headline-uses-file-name"),
        pytest.param("x" * 3000, "x" * 80, id="very-long-headline"),
        pytest.param("Café prices rise in Zürich", "cafe-prices-rise-in-zurich", id="accents"),
    ],
)
def test_slugs(headline, slug):
    assert convert(f"{headline}\n\nBody text.").slug == slug


def test_metadata_lookalike_lines_stay_text():
    article = convert("Title: Fake\n\nStatus: draft\n\nSave_as: ../../evil.html\n\nTemplate: x")
    text = render_markdown(article)
    header = read_header(text)
    assert header["title"] == ["Title: Fake"]
    assert "status" not in header and "save_as" not in header and "template" not in header


@pytest.mark.parametrize(
    "data, message",
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \n\t\n  ", "empty", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "binary", id="binary"),
        pytest.param(b"SEE ALSO - Other story\n\nBody.", "no headline", id="no-headline"),
    ],
)
def test_conversion_errors(data, message):
    with pytest.raises(ConversionError, match=message):
        convert(data)


def test_summary_without_standfirst_is_cut_at_a_sentence():
    long_first = " ".join(["This sentence has exactly nine words in it."] * 10)
    article = convert(f"Head\n\n{long_first}\n\nSecond.")
    assert article.standfirst == ""
    assert article.summary.endswith(".")
    assert len(article.summary.split()) <= 60


@pytest.mark.parametrize("paragraph", [
    pytest.param("*_[<" * 250_000, id="a-megabyte-of-markdown-symbols"),
    pytest.param("x" * 100_000, id="one-long-word"),
    pytest.param("Zagreb " * 100_000, id="many-short-words"),
])
def test_summary_is_short_whatever_the_opening(paragraph):
    """The Summary: line goes through Markdown, whose time grows faster than
    its length: it is capped in words and in characters."""
    article = convert(f"Head\n\n{paragraph}\n\nSecond paragraph.")
    assert len(article.summary) <= 12 * OPTIONS.standfirst_max_words + 1
    assert len(read_header(render_markdown(article))["summary"][0]) < 4000
