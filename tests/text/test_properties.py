"""Property-based tests of the conversion pipeline (hypothesis)."""
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from news_digest.pelican.word_lists import load_word_lists
from news_digest.settings import conversion_options, resolve_settings
from news_digest.text.convert import convert_article
from news_digest.text.errors import ConversionError
from news_digest.text.render import render_markdown

OPTIONS = conversion_options(resolve_settings({}))
FILE_TIME = datetime(2026, 11, 24, 12, 0, 0)
READER_SETTINGS = dict(DEFAULT_CONFIG, MARKDOWN=dict(DEFAULT_CONFIG["MARKDOWN"]))


def convert(data: bytes):
    return convert_article(
        data, source="world/story.txt", category="world", file_time=FILE_TIME, options=OPTIONS,
        words=load_word_lists(),
    )


def post_or_error(data: bytes):
    try:
        return convert(data)
    except ConversionError as exc:
        assert str(exc), "the error names the problem"
        return None


# Words, punctuation, quotes, markup, controls and scripts from anywhere.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"“”‘’«»-–—*_[]()<>&#`\\{}|~^$%\n\r\t")),
        st.characters(),
    ),
    max_size=400,
)
ARTICLE = st.builds(
    lambda head, paragraphs: head + "\n\n" + "\n\n".join(paragraphs),
    st.text(min_size=1, max_size=120).filter(lambda s: s.strip()),
    st.lists(TEXT, min_size=1, max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_become_a_post_or_the_one_error(data):
    post_or_error(data)


@settings(max_examples=300, deadline=None)
@given(ARTICLE)
def test_any_text_becomes_a_post_or_the_one_error(text):
    for encoding in ("utf-8", "utf-16"):
        post_or_error(text.encode(encoding, errors="surrogatepass"))


@settings(max_examples=150, deadline=None)
@given(ARTICLE)
def test_converting_twice_gives_the_same_result(text):
    data = text.encode("utf-8", errors="surrogatepass")
    first, second = post_or_error(data), post_or_error(data)
    assert first == second
    if first is not None:
        assert render_markdown(first, entry_id="x") == render_markdown(second, entry_id="x")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE)
def test_markdown_reads_back_with_the_same_metadata(text):
    article = post_or_error(text.encode("utf-8", errors="surrogatepass"))
    if article is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_text(render_markdown(article, entry_id="urn:uuid:x"), encoding="utf-8")
        content, metadata = MarkdownReader(READER_SETTINGS).read(str(path))
    assert metadata["title"] == article.title
    assert metadata["slug"] == article.slug
    assert metadata["category"].name == article.category
    assert metadata["date"].replace(tzinfo=None) == article.date
    assert [t.name for t in metadata.get("tags", [])] == list(article.tags)
    assert "<script" not in content.lower()
