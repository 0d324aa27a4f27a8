"""Command line: `python -m news_digest convert (--json | --output DIR) FILE...`

The only place besides the Pelican glue (pelican/) that does I/O. Each input prints one
JSON line (or writes one `<slug>.md`); a file that cannot be converted gets one
line on stderr naming it and the reason, and the others are still converted.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .pelican.files import write_atomically
from .pelican.posts import category_for
from .pelican.word_lists import load_word_lists
from .settings import SettingsError, conversion_options, resolve_settings
from .text.convert import convert_article
from .text.errors import ConversionError
from .text.render import article_record, make_entry_id, render_markdown
from .text.slugs import make_unique_slug

DEFAULT_CATEGORY = "News"


def load_settings(path: str | None) -> dict:
    """NEWS_DIGEST_* settings from a Pelican settings file, when there is one."""
    candidate = Path(path or "pelicanconf.py")
    if not candidate.exists():
        if path:
            raise SettingsError(f"{path}: no such settings file")
        return {}
    from pelican.settings import read_settings

    return read_settings(str(candidate))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m news_digest")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="convert raw articles to Markdown posts")
    target = convert.add_mutually_exclusive_group(required=True)
    target.add_argument("--json", action="store_true", help="print one JSON object per input")
    target.add_argument("--output", metavar="DIR", help="write one <slug>.md per input into DIR")
    convert.add_argument("-s", "--settings", help="Pelican settings file (default: ./pelicanconf.py)")
    convert.add_argument("files", nargs="+", metavar="FILE")
    return parser


def run_convert(args) -> int:
    try:
        pelican_settings = load_settings(args.settings)
        settings = resolve_settings(pelican_settings)
    except SettingsError as exc:
        print(f"news_digest: settings: {exc}", file=sys.stderr)
        return 2
    options = conversion_options(settings)
    default_category = pelican_settings.get("DEFAULT_CATEGORY", DEFAULT_CATEGORY)
    output = Path(args.output) if args.output else None
    taken: set[str] = set()
    failures = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
            file_time = datetime.fromtimestamp(path.stat().st_mtime)
            article = convert_article(
                data,
                source=name,
                category=category_for(name, default_category),
                file_time=file_time,
                options=options,
                words=load_word_lists(),
            )
        except OSError as exc:
            print(f"news_digest: {name}: cannot be read ({exc.strerror})", file=sys.stderr)
            failures += 1
            continue
        except ConversionError as exc:
            print(f"news_digest: {name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        for warning in article.warnings:
            print(f"news_digest: {name}: {warning}", file=sys.stderr)
        slug = make_unique_slug(article.slug, taken)
        taken.add(slug)
        article = replace(article, slug=slug)
        markdown = render_markdown(article, entry_id=make_entry_id(name))
        if output is not None:
            write_atomically(output / f"{slug}.md", markdown)
        else:
            sys.stdout.write(json.dumps(article_record(article, markdown), ensure_ascii=False) + "\n")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "convert":
        return run_convert(args)
    return 2
