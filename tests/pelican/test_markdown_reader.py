"""One Markdown instance for every post reads each post as a fresh one would."""
import copy

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from news_digest.pelican.markdown_reader import ReusingMarkdownReader, reuse_markdown

POSTS = {
    "footnotes.md": "Title: Notes\nSummary: A *short* summary\n\nText with a note.[^1]\n\n[^1]: The note.\n",
    "toc.md": "Title: Contents\n\n[TOC]\n\n## First\n\nOne.\n\n## Second\n\nTwo.\n",
    "abbr.md": "Title: Abbreviations\nTags: NATO, EU\n\nThe NATO summit.\n\n*[NATO]: North Atlantic Treaty Organization\n",
    "plain.md": "Title: Plain\nDate: 2024-03-01\n\nFlood warning: residents: leave now.\n\n## First\n\nNo notes here.\n",
    "no-meta.md": "Just text, no metadata.\n",
    "summary-like.md": "Title: Tricky\nSummary: Author: not metadata\n\nBody.\n",
}


@pytest.mark.parametrize("extensions", [None, ["markdown.extensions.toc", "markdown.extensions.footnotes"]])
def test_each_post_reads_as_with_a_fresh_instance(tmp_path, extensions):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    if extensions:
        settings["MARKDOWN"]["extensions"] = list(extensions)
    paths = []
    for name, text in POSTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    fresh = MarkdownReader(copy.deepcopy(settings))
    reusing = ReusingMarkdownReader(copy.deepcopy(settings))
    for path in paths * 2:  # every order: each post after each other kind
        assert repr(reusing.read(path)) == repr(fresh.read(path)), path
    assert hasattr(reusing, "_reused_md")


def test_only_pelicans_own_reader_is_replaced():
    class Mine(MarkdownReader):
        pass

    readers = type("Readers", (), {})()
    readers.reader_classes = {"md": MarkdownReader, "markdown": Mine, "html": object}
    reuse_markdown(readers)
    assert readers.reader_classes == {"md": ReusingMarkdownReader, "markdown": Mine, "html": object}
