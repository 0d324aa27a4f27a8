"""One Markdown instance for every post reads each post as a fresh one would."""
import copy
from pathlib import Path

import pytest
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
