"""One Markdown instance for every post reads each post as a fresh one would."""
import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from types import SimpleNamespace

from news_digest.pelican.descriptions import words_of
from news_digest.site.html_text import plain_text
from news_digest.site.seo import word_count
from news_digest.pelican import markdown_reader
from news_digest.pelican.markdown_reader import COUNTED, Prerenderer, ReusingMarkdownReader, reuse_markdown

POSTS = {
    "footnotes.md": "Title: Notes\nSummary: A *short* summary\n\nText with a note.[^1]\n\n[^1]: The note.\n",
    "toc.md": "Title: Contents\n\n[TOC]\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n",
    "abbr.md": "Title: Abbreviations\nTags: NATO, EU\n\nThe NATO summit.\n\n*[NATO]: North Atlantic Treaty Organization\n",
    "plain.md": "Title: Plain\nDate: 2024-03-01\n\nFlood warning: residents: leave now.\n\n## First\n\nNo notes here.\n",
    "no-meta.md": "Just text, no metadata.\n",
    "summary-like.md": "Title: Tricky\nSummary: Author: not metadata\n\nBody.\n",
}


def posts_with(folder, extensions):
    """Pelican's default settings, with these Markdown extensions, and POSTS written to `folder`."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    if extensions:
        settings["MARKDOWN"]["extensions"] = list(extensions)
    paths = []
    for name, text in POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return settings, paths


@pytest.mark.parametrize("extensions", [None, ["markdown.extensions.toc", "markdown.extensions.footnotes"]])
def test_each_post_reads_as_with_a_fresh_instance(tmp_path, extensions):
    settings, paths = posts_with(tmp_path, extensions)
    fresh = MarkdownReader(copy.deepcopy(settings))
    reusing = ReusingMarkdownReader(copy.deepcopy(settings))
    for path in paths * 2:  # every order: each post after each other kind
        content, metadata = reusing.read(path)
        counted = metadata.pop(COUNTED)  # the reader also counts the words
        assert repr((content, metadata)) == repr(fresh.read(path)), path
        assert counted.split(":")[1] == str(word_count(plain_text(content)))
    assert hasattr(reusing, "_reused_md")


def test_only_pelicans_own_reader_is_replaced():
    class Mine(MarkdownReader):
        pass

    readers = type("Readers", (), {})()
    readers.reader_classes = {"md": MarkdownReader, "markdown": Mine, "html": object}
    reuse_markdown(readers)
    assert readers.reader_classes == {"md": ReusingMarkdownReader, "markdown": Mine, "html": object}


@pytest.mark.parametrize("html, kept, words", [
    ("<p>Flood warning in <b>Zagreb</b></p>", None, 4),  # no count kept: counted here
    ("<p>Flood warning in <b>Zagreb</b></p>", "read", 4),  # the reader's count
    ("<p>Flood warning in <b>Zagreb</b></p>", "other html", 4),  # HTML changed since: counted again
    ("<p>Flood warning in <b>Zagreb</b></p>", "3092:x", 4),  # a damaged value
])
def test_a_posts_word_count_is_the_readers_while_its_html_is_as_read(tmp_path, html, kept, words):
    (tmp_path / "post.md").write_text(f"Title: T\n\n{html}\n", encoding="utf-8")
    reader = ReusingMarkdownReader(copy.deepcopy(DEFAULT_CONFIG))
    content, metadata = reader.read(str(tmp_path / "post.md"))
    if kept == "read":
        metadata[COUNTED] = metadata[COUNTED].split(":")[0] + ":41"  # the count as kept is what is used
        words = 41
    elif kept == "other html":
        content = content.replace("Zagreb", "Split")
        metadata[COUNTED] = metadata[COUNTED].split(":")[0] + ":41"
    elif kept:
        metadata[COUNTED] = kept
    else:
        metadata.pop(COUNTED)
    article = SimpleNamespace(_content=content, metadata=metadata, digest_text=None, get_content=lambda siteurl: content)
    assert words_of(article) == words


@pytest.mark.parametrize("extensions", [None, ["markdown.extensions.toc", "markdown.extensions.footnotes"]])
def test_a_post_a_worker_rendered_reads_as_one_read_in_full(tmp_path, extensions, monkeypatch):
    """Each post rendered by a Prerenderer (as a conversion worker does),
    its HTML, metadata and summary taken by the reader: exactly what the
    reader makes of the post on its own. A post that changed after it was
    rendered is read in full."""
    monkeypatch.setattr(markdown_reader, "prerendered", {})
    settings, paths = posts_with(tmp_path, extensions)
    worker = Prerenderer(copy.deepcopy({"MARKDOWN": settings["MARKDOWN"], "FORMATTED_FIELDS": ["summary"]}))
    on_its_own = ReusingMarkdownReader(copy.deepcopy(settings))
    reader = ReusingMarkdownReader(copy.deepcopy(settings))
    taken = []
    real_convert = type(worker.md).convert
    for path in paths * 2:
        text = Path(path).read_text(encoding="utf-8")
        rendered = worker.render(text)
        markdown_reader.offer_prerendered(path, text, rendered)
        # The reader converts nothing a worker rendered (its first post,
        # read by Pelican's own code, aside).
        calls = []
        monkeypatch.setattr(type(worker.md), "convert", lambda md, t: calls.append(t) or real_convert(md, t))
        got = reader.read(path)
        monkeypatch.setattr(type(worker.md), "convert", real_convert)
        taken.append(not calls)
        assert repr(got) == repr(on_its_own.read(path)), path
    assert taken[1:] == [True] * (len(taken) - 1) and not markdown_reader.prerendered
    changed = paths[0]
    markdown_reader.offer_prerendered(changed, "Title: Old\n\nOld text.\n", worker.render("Title: Old\n\nOld text.\n"))
    assert repr(reader.read(changed)) == repr(on_its_own.read(changed))
    assert "Old" not in reader.read(changed)[0]


# The project's MARKDOWN setting (pelicanconf.py): the posts' Markdown as
# the conversion workers and the reader render it.
PROJECT_MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}},
    "output_format": "html5",
}


def project_reader_settings():
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["MARKDOWN"] = copy.deepcopy(PROJECT_MARKDOWN)
    return settings


@pytest.mark.parametrize("body, plain", [
    ("One paragraph.", True),
    ("First.\n\nSecond, with “quotes” and 100%.\n\n\n\nThird after blank lines.", True),
    ("Sales & profits rose.", True),
    ("Trailing & ", True),
    ("Colon &#58; kept as a reference.", True),
    ("&#58; a paragraph that starts with one.", True),
    ("The \\[African Vaccine Acquisition Trust\\] said.", True),
    ("## A header\n\nText under it.", True),
    ("###### Six", True),
    ("Trailing spaces at the end.   ", True),
    ("\u00a0Leading no-break space.", True),
    ("Spaces between\n   \nparagraphs.", True),
    ("Windows\r\n\r\nline ends.", True),
    ("AT&T and M&S said.", False),  # "&" before a name: left to Markdown
    ("Ref &#12 without its semicolon.", False),
    ("Entity &amp; as written.", False),
    ("A *strong* claim.", False),
    ("Snake_case words.", False),
    ("A [link](https://example.com).", False),
    ("An escaped \\* star.", False),
    ("An escaped backslash \\\\[not a bracket].", False),
    ("A <b>bold</b> tag.", False),
    ("2005. A year that starts a list.", False),
    ("- A bullet", False),
    ("+ A bullet", False),
    ("> A quote", False),
    ("    Indented code", False),
    ("Term\n: Definition", False),
    (": Definition", False),
    ("A line\nand another", False),
    ("Title\n=====", False),
    ("## Header ##", False),
    ("####### Seven hashes", False),
    ("`code`", False),
    ("| a | b |", False),
    ("~~~\nfenced\n~~~", False),
    ("Ends with a break  \nhere", False),
    ("\t\u00a0", False),  # a tab is four spaces: code
    ("## \t\r\nA header's second line", False),
])
def test_a_plain_post_reads_as_python_markdown_reads_it(tmp_path, body, plain, monkeypatch):
    """The reader's HTML, metadata and summary for a post, against Pelican's
    own reader (Python-Markdown, a fresh instance): the same. A post of
    plain paragraphs is read without running Markdown's convert."""
    text = f"Title: T\nSummary: Sum & total: {body.splitlines()[0] if body.strip() else ''}\n\n{body}\n"
    (tmp_path / "post.md").write_bytes(text.encode("utf-8"))
    settings = project_reader_settings()
    fresh = MarkdownReader(copy.deepcopy(settings))
    reader = ReusingMarkdownReader(copy.deepcopy(settings))
    (tmp_path / "first.md").write_text("Title: First\n\nRead by Pelican's own code.\n", encoding="utf-8")
    reader.read(str(tmp_path / "first.md"))  # the first post makes the instance the others reuse
    calls = []
    real_convert = markdown_reader.Markdown.convert
    monkeypatch.setattr(markdown_reader.Markdown, "convert", lambda md, t: calls.append(t) or real_convert(md, t))
    content, metadata = reader.read(str(tmp_path / "post.md"))
    monkeypatch.setattr(markdown_reader.Markdown, "convert", real_convert)
    metadata.pop(COUNTED)
    assert repr((content, metadata)) == repr(fresh.read(str(tmp_path / "post.md")))
    assert (not any(call.startswith("Title: T\n") for call in calls)) == plain  # the post, not its summary


def test_a_worker_renders_a_plain_post_without_markdown_and_as_markdown_does():
    settings = {"MARKDOWN": copy.deepcopy(PROJECT_MARKDOWN), "FORMATTED_FIELDS": ["summary"]}
    fast, slow = Prerenderer(copy.deepcopy(settings)), Prerenderer(copy.deepcopy(settings))
    slow.plain = False
    assert fast.plain
    text = "Title: T\nSummary: Rates & prices.\n\n## Markets\n\nRates rose \\[again\\] & prices fell.\n"
    assert fast.render(text) == slow.render(text)
    assert fast.render(text)[0] == "<h2>Markets</h2>\n<p>Rates rose [again] &amp; prices fell.</p>"


@pytest.mark.parametrize("markdown", [
    {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {},
                           "markdown.extensions.smarty": {}}},  # another extension: quotes change
    {"extension_configs": {"markdown.extensions.meta": {}}},  # fewer extensions: not the set checked
    {"tab_length": 2},
])
def test_any_other_markdown_setting_goes_through_markdown(markdown):
    settings = {"MARKDOWN": {**copy.deepcopy(PROJECT_MARKDOWN), **markdown}, "FORMATTED_FIELDS": ["summary"]}
    assert not Prerenderer(settings).plain


CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.mark.parametrize("corpus", ["mt", "clusters", "bbc"])
def test_the_corpora_posts_render_as_python_markdown_renders_them(corpus):
    """Every 4th raw file of each development corpus, converted: its post's
    HTML, metadata and summary with and without the plain fast path. Most
    posts take the fast path. Skipped without ../shared."""
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here: the development corpora live outside the repository")
    from datetime import datetime

    from news_digest.pelican.word_lists import load_word_lists
    from news_digest.settings import conversion_options, resolve_settings
    from news_digest.site.plain_paragraphs import paragraphs_html
    from news_digest.text.convert import convert_article
    from news_digest.text.errors import ConversionError
    from news_digest.text.render import render_markdown

    settings = {"MARKDOWN": copy.deepcopy(PROJECT_MARKDOWN), "FORMATTED_FIELDS": ["summary"]}
    fast, slow = Prerenderer(copy.deepcopy(settings)), Prerenderer(copy.deepcopy(settings))
    slow.plain = False
    options, words = conversion_options(resolve_settings({})), load_word_lists()
    checked, plain, differ = 0, 0, []
    for path in sorted(folder.rglob("*.txt"))[::4]:
        try:
            article = convert_article(path.read_bytes(), source=path.name, category="news",
                                      file_time=datetime(2026, 1, 1), options=options, words=words)
        except ConversionError:
            continue
        post = render_markdown(article, entry_id="urn:x", digest_input="x")
        checked += 1
        plain += paragraphs_html(post.partition("\n\n")[2].split("\n") + ["", ""]) is not None
        if fast.render(post) != slow.render(post):
            differ.append(path.name)
    assert checked > 80 and not differ, differ[:5]
    assert plain > 0.8 * checked


# Text made of what matters to Markdown (and to the fast path's checks):
# markup characters, "&" and references, digits and dots, line starts,
# white space of several kinds, and plain letters.
MARKUP_PIECES = st.sampled_from([
    "a", "Word", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\u00a0", "\u3000", "&", "&amp;", "&#58;", "&#12", "&T",
    "#", "## ", "- ", "+ ", "* ", "1. ", "2005.", ">", ":", "=", "-", "_", "*", "`", "~", "|", "\\", "\\[", "\\]",
    "[", "]", "(", ")", "!", "<", "<b>", "{", "}", "é", "“", "’", "\r\n", "\x02", "    ",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKUP_PIECES, max_size=30).map("".join))
def test_any_body_renders_as_python_markdown_renders_it(body):
    """Whatever the body, the fast path gives Python-Markdown's HTML,
    metadata and summary, or steps aside."""
    settings = {"MARKDOWN": copy.deepcopy(PROJECT_MARKDOWN), "FORMATTED_FIELDS": ["summary"]}
    fast, slow = Prerenderer(copy.deepcopy(settings)), Prerenderer(copy.deepcopy(settings))
    slow.plain = False
    summary = body.split("\n")[0]
    text = f"Title: T\nSummary: {summary}\n\n{body}\n"
    assert fast.render(text) == slow.render(text)
