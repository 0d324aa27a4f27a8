"""Repair never makes real text worse, on every paragraph of the development
corpora (machine-translated news, US news clusters, BBC): no more doubled or
unbalanced quotation marks than the paragraph had, no quotation marks where it
had none, and no text lost. The corpora live in ../shared, outside the
repository; without them these tests are skipped."""
from pathlib import Path

import pytest

from news_digest.pelican.word_lists import load_word_lists
from news_digest.settings import conversion_options, resolve_settings
from news_digest.text.convert import repair_blocks
from news_digest.text.decode import decode_article
from news_digest.text.errors import ConversionError
from news_digest.text.repair import DOUBLE_QUOTE, quote_problems, repair_text
from news_digest.text.structure import LIST, parse_structure

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpus"
OPTIONS = conversion_options(resolve_settings({}))


def paragraphs(blocks):
    return [t for b in blocks for t in (b.items if b.kind == LIST else (b.text,))]


@pytest.mark.parametrize("corpus", ["mt", "clusters", "bbc"])
def test_repair_never_makes_quotes_worse(corpus):
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here: the development corpora live outside the repository")
    lexicon = load_word_lists().lexicon
    worse, checked = [], 0
    for path in sorted(folder.rglob("*.txt")):
        try:
            parsed = parse_structure(decode_article(path.read_bytes()), OPTIONS.boilerplate)
        except ConversionError:
            continue
        before = [parsed.headline] + paragraphs(parsed.blocks)
        after = [repair_text(parsed.headline, lexicon)] + paragraphs(repair_blocks(parsed.blocks, lexicon))
        for old, new in zip(before, after):
            checked += 1
            invented = not DOUBLE_QUOTE.search(old) and DOUBLE_QUOTE.search(new)
            if quote_problems(new) > quote_problems(old) or invented:
                worse.append((path.name, old[:120], new[:120]))
            if new.replace(" ", "") != old.replace(" ", "") and not any(c in old for c in "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019,.;!?"):
                worse.append((path.name, "text changed beyond spacing", old[:120]))
    assert checked > 1000
    assert not worse, worse[:5]
