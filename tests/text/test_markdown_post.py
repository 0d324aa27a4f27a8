"""Markdown posts: text stays text, a person's edit is detected."""
import markdown
import pytest

from news_digest.text.markdown_post import escape_markdown, is_edited, read_header, render_post

MD = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.meta"])


def render(text: str) -> str:
    MD.reset()
    return MD.convert(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<script>alert(1)</script>", id="script-tag"),
        pytest.param('<iframe src="https://evil.example"></iframe>', id="iframe"),
        pytest.param('<img src=x onerror="alert(1)">', id="event-handler"),
        pytest.param("[click me](javascript:alert(1))", id="javascript-link"),
        pytest.param("![x](https://evil.example/p.png)", id="image"),
        pytest.param("*emphasis* and __strong__ and `code`", id="inline-markup"),
        pytest.param("# Not a heading", id="heading"),
        pytest.param("- not a list", id="list"),
        pytest.param("2005. The year it began", id="ordered-list"),
        pytest.param("> not a quote", id="blockquote"),
        pytest.param("A paragraph {: onclick=\"alert(1)\" }", id="attr-list"),
        pytest.param("Footnote[^1] here", id="footnote"),
        pytest.param(": definition", id="definition-list"),
        pytest.param("AT&T and &lt;b&gt; and &#60;", id="ampersands-and-entities"),
        pytest.param("back\\slash \\*", id="backslashes"),
    ],
)
def test_markup_in_text_stays_text(text):
    html = render(escape_markdown(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    # The rendered text equals the original once HTML entities are decoded.
    import html as html_lib

    assert "<" not in inner
    assert html_lib.unescape(inner) == text


def test_render_post_metadata_reads_back():
    text = render_post([("Title", "A  headline\nwith newline"), ("Tags", "A, B")], ["Body."])
    header = read_header(text)
    assert header["title"] == ["A headline with newline"]
    assert header["tags"] == ["A, B"]
    assert not is_edited(text)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("Body.", "Body, edited."), id="body-edited"),
        pytest.param(lambda t: t.replace("Title: Head", "Title: New head"), id="title-edited"),
        pytest.param(lambda t: t + "\nA new paragraph.\n", id="paragraph-added"),
        pytest.param(lambda t: "\n".join(l for l in t.split("\n") if not l.startswith("Digest_checksum")), id="checksum-removed"),
    ],
)
def test_edits_are_detected(edit):
    text = render_post([("Title", "Head")], ["Body."])
    assert is_edited(edit(text))


def test_the_quick_check_finds_every_character_that_is_escaped():
    from news_digest.text.markdown_post import ESCAPED, INLINE_ESCAPES

    for code in INLINE_ESCAPES:
        assert ESCAPED.search(f"plain {chr(code)} text"), chr(code)
    assert ESCAPED.search("Plain text, with 'quotes' & #hash - dash!") is None
