"""Coverage-guided fuzzing of the conversion pipeline with atheris.

    pip install atheris
    PYTHONPATH=plugins python tests/fuzz/fuzz_conversion.py -runs=100000 [-max_len=20000]

Each input is raw article bytes. It must become a post or raise the one
ConversionError; the post's Markdown must render (as Pelican would read it)
to HTML that the sanitiser accepts. Anything else is a crash that atheris
reports with the input that caused it. The slowest input so far is written
to fuzz-slowest.json, so that a run also says how long the worst case took.
"""
import json
import sys
import time
from datetime import datetime
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import markdown

    from news_digest.pelican.word_lists import load_word_lists
    from news_digest.settings import conversion_options, resolve_settings
    from news_digest.site.sanitize import sanitize_html
    from news_digest.text.convert import convert_article
    from news_digest.text.errors import ConversionError
    from news_digest.text.render import render_markdown

OPTIONS = conversion_options(resolve_settings({}))
MARKDOWN = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.meta"])
SLOWEST = {"seconds": 0.0, "size": 0, "runs": 0}
REPORT = Path("fuzz-slowest.json")


def test_one_input(data: bytes) -> None:
    start = time.perf_counter()
    try:
        article = convert_article(
            data, source="fuzz/input.txt", category="fuzz", file_time=datetime(2026, 1, 1), options=OPTIONS,
            words=load_word_lists(),
        )
    except ConversionError as exc:
        assert str(exc)
        article = None
    if article is not None:
        text = render_markdown(article, entry_id="urn:uuid:fuzz")
        MARKDOWN.reset()
        html = sanitize_html(MARKDOWN.convert(text))
        assert "<script" not in html.lower()
    elapsed = time.perf_counter() - start
    SLOWEST["runs"] += 1
    if elapsed > SLOWEST["seconds"]:
        SLOWEST.update(seconds=round(elapsed, 4), size=len(data))
        REPORT.write_text(json.dumps(SLOWEST))
    elif SLOWEST["runs"] % 10000 == 0:
        REPORT.write_text(json.dumps(SLOWEST))


def main() -> None:
    # Load the word lists first, so that the slowest input is not the first one.
    test_one_input(b"Warm up\n\nThe word lists load once.\n")
    SLOWEST.update(seconds=0.0, size=0, runs=0)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
