"""Pelican glue: a page is rendered only when what it is made from changed.

Pelican renders every page on every build, so a rebuild after one new story
costs most of a cold build. Here each page made from its own values (a
story, a static page, a tag's, a section's or a day's listing) gets a key of
its inputs: the build's global inputs (settings, the theme's templates, the
plugin's code, the sections and pages every page lists in its navigation,
the digest's feeds) and the values the page is rendered with (a story with
its related stories, neighbours and tags; a listing's stories as their
summaries show them). A page whose key and files are as the last build left
them is not rendered. Pages that read the whole digest (the front page,
archives, topics) are always rendered.

Nothing is guessed: a value the key cannot describe stably (an object with
no stable form) makes a key that never matches, so that page is rendered.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import re
from datetime import date, datetime
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_relative_path, path_to_url

from .build_cache import cache_file, callable_name, code_stamp, save_record

logger = logging.getLogger(__name__)

# Templates whose pages are made from their own values and the global inputs.
KEPT_TEMPLATES = frozenset({"article", "page", "tag", "category", "daily"})
# Values Pelican passes that none of our templates reads (every story, for
# every tag page: describing it would cost more than rendering).
UNREAD = frozenset({"all_articles"})
# What a link to a story shows (its page's related stories, other reports,
# older and newer story: templates/_related.html); what a listing shows
# (templates/_article_summary.html), with its summary and count of reports.
LINKED = ("url", "title", "locale_date", "date", "category", "digest_title_note")
LISTED = (*LINKED, "digest_lead", "digest_section_lead")
# A story's values that its own page does not show: the settings and the
# whole context; whether it stands for its story in listings, and its
# story's ID (the listings and the JSON Feed show those; they change with
# every new report of a story in a one-day digest).
NOT_ON_ITS_PAGE = frozenset({"settings", "_context", "digest_lead", "digest_section_lead", "digest_story",
                             "digest_same_time_offset_us"})
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
PACKAGE = Path(__file__).resolve().parents[1]


class Unstable(Exception):
    """A value with no stable description: the page is rendered."""


def describe(value, context: dict, siteurl: str, listed: bool = False) -> str:
    """A description of `value` as a template can see it, as JSON text:
    `listed`, the stories in it as a listing shows them; otherwise as a link
    to them shows them. Lists, dictionaries and plain values are walked by
    json's encoder, in C, and only what it cannot write (a story, a tag, a
    date, a set, a function, any other object) comes back to Python: a
    story's page is made from some hundred values, and walking each of them
    in Python was most of what a page key cost."""

    kinds = context.get("digest_tag_types") or {}

    def default(item):
        if isinstance(item, URLWrapper):  # most often: a story's tags
            name = item.name
            return ["url", type(item).__name__, name, item.url, kinds.get(name)]
        if isinstance(item, (datetime, date)):
            return item.isoformat()
        if isinstance(item, Content):
            return listed_view(item, context, siteurl) if listed else linked_view(item, context, siteurl)
        if isinstance(item, (set, frozenset)):
            return sorted(describe(v, context, siteurl, listed) for v in item)
        if callable(item):
            return callable_form(item)
        text = repr(item)
        if ADDRESS.search(text):
            raise Unstable(type(item).__name__)
        return text

    try:
        return json.dumps(value, sort_keys=True, default=default)
    except TypeError:
        # A dictionary whose keys json cannot write or sort (a tuple, keys
        # of mixed kinds): each such dictionary as its sorted pairs.
        return json.dumps(with_plain_keys(value), sort_keys=True, default=default)


def with_plain_keys(value):
    """`value` with every dictionary in it made a sorted list of its keys
    (as text) and values."""
    if isinstance(value, dict):
        return ["dict", sorted([str(k), with_plain_keys(v)] for k, v in value.items())]
    if isinstance(value, (list, tuple)):
        return [with_plain_keys(v) for v in value]
    return value


# Views of the stories pages link to and list, made once per build: a story
# is linked from a dozen pages and listed on several (id() is safe: every
# story lives until the build ends).
seen: dict[tuple, str] = {}


def callable_form(value) -> str:
    """A function (a Jinja filter in the settings) by its name and its
    source, so that editing its body renders the pages again."""
    name = callable_name(value)
    try:
        source = inspect.getsource(value)
    except (OSError, TypeError):
        return name
    return name + ":" + hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def short(text: str) -> str:
    """A description as a short digest: a tag page lists thousands of stories."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def linked_view(story: Content, context: dict, siteurl: str) -> str:
    key = ("linked", id(story), siteurl)
    if key not in seen:
        seen[key] = short(describe(["linked", *(getattr(story, name, None) for name in LINKED)], context, siteurl))
    return seen[key]


def listed_view(story: Content, context: dict, siteurl: str) -> str:
    key = ("listed", id(story), siteurl)
    if key not in seen:
        reports = len(getattr(story, "digest_reports", None) or ())
        values = ["listed", *(getattr(story, name, None) for name in LISTED), story.get_summary(siteurl), reports]
        seen[key] = short(describe(values, context, siteurl))
    return seen[key]


def story_view(story: Content, context: dict, siteurl: str) -> str:
    """A page's own story, described whole."""
    own = {name: value for name, value in vars(story).items() if name not in NOT_ON_ITS_PAGE}
    metadata = own.get("metadata")
    if isinstance(metadata, dict):
        # Pelican sets each metadata value as the attribute of its name: one
        # that is still that object is described there.
        own["metadata"] = {k: "=" if v is own.get(k.lower(), own) else v for k, v in metadata.items()}
    return describe(["story", own, story.get_content(siteurl), story.get_summary(siteurl), story.url,
                     getattr(story, "locale_date", None)], context, siteurl)


def global_inputs(context: dict) -> str | None:
    """What every kept page is made from: the settings, the templates, the
    plugin's code and the navigation (None: a setting has no stable form,
    and every page is rendered)."""
    try:
        return describe_globals(context)
    except Unstable as unstable:
        logger.info("news_digest: every page is rendered: a setting (%s) has no stable form", unstable)
        return None


def describe_globals(context: dict) -> str:
    digest = hashlib.blake2b(digest_size=20)
    settings = {k: v for k, v in context.items() if k.isupper()}
    theme = Path(context.get("THEME", ""))
    templates = sorted(p for folder in [theme / "templates", *map(Path, context.get("THEME_TEMPLATES_OVERRIDES", []))]
                       if folder.is_dir() for p in folder.rglob("*") if p.is_file())
    code = sorted(PACKAGE.rglob("*.py"))
    navigation = {
        "categories": [[c.name, c.url] for c, _ in context.get("categories", [])],
        "pages": [[p.title, p.url] for p in context.get("pages", [])],
        "feeds": (context.get("digest_feeds") or {}).get("all"),
        "search": bool(context.get("digest_search")),
        "siteurl": context.get("digest_siteurl"),
    }
    digest.update(code_stamp(("pelican", "jinja2", "markdown"), tuple(templates + code)).encode())
    digest.update(describe(settings, context, "").encode())
    digest.update(json.dumps(navigation, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def page_key(name: str, template_name: str | None, context: dict, kwargs: dict, relative_urls: bool,
             stamp: str | None) -> str | None:
    """The key of a page's inputs, or None when it is always rendered."""
    if stamp is None or template_name not in KEPT_TEMPLATES:
        return None
    siteurl = path_to_url(get_relative_path(name)) if relative_urls else context.get("SITEURL", "")
    try:
        # A listing's stories are its values that are lists (articles,
        # dates; a day's sections): each shown as a listing shows it.
        values = [k + "\n" + (story_view(v, context, siteurl) if isinstance(v, Content)
                               else describe(v, context, siteurl, listed=True))
                  for k, v in sorted(kwargs.items()) if k not in UNREAD]
    except Unstable as unstable:
        logger.debug("news_digest: %s is rendered: %s has no stable form", name, unstable)
        return None
    except Exception:  # noqa: BLE001 - a value that cannot be described: the page is rendered, as Pelican would
        logger.debug("news_digest: %s is rendered: its inputs cannot be described", name, exc_info=True)
        return None
    # Each value's name and description on lines of their own (JSON text
    # holds no line break, nor does a template's name for a value).
    text = "\n".join([json.dumps([stamp, name, template_name, relative_urls]), *values])
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


class PageRecord:
    """{page name: [key, files it made]} from the last build, and this
    build's. Kept in the cache; a forked writer's records come back through
    a file (parallel_pages)."""

    def __init__(self, pelican_settings: dict):
        self.path = cache_file(pelican_settings, "pages")
        # Pelican's switch for "read nothing an earlier build kept": every
        # page is rendered (and recorded for the next build).
        self.load = pelican_settings.get("LOAD_CONTENT_CACHE", True)
        try:
            self.previous = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, list] = {}

    def kept(self, name: str, key: str | None) -> list[str] | None:
        """The files of a page made from the same inputs last time, when
        they are all still there (never with `pelican --ignore-cache`)."""
        if key is None or not self.load:
            return None
        found = self.previous.get(name)
        if not found or found[0] != key or not all(os.path.exists(f) for f in found[1]):
            return None
        return found[1]

    def record(self, name: str, key: str | None, made: list[str]) -> None:
        if key is not None and made:
            self.current[name] = [key, made]

    def save(self) -> None:
        save_record(self.path, self.current, self.previous)


# Output folder -> the record of its pages (one per build, as search_build).
records: dict[str, PageRecord] = {}
# id() of each story -> its own page's key this build: what its feed entry
# is made from too (feed_generator.EntryDigests).
story_keys: dict[int, str] = {}


def record_for(output_path: str, pelican_settings: dict) -> PageRecord:
    key = os.path.abspath(output_path)
    if key not in records:
        records[key] = PageRecord(pelican_settings)
    return records[key]


def save(output_path: str) -> None:
    seen.clear()
    story_keys.clear()
    record = records.pop(os.path.abspath(output_path), None)
    if record is not None:
        record.save()


def made_here() -> dict:
    """This process's records of this build, to hand to another process."""
    return {output: record.current for output, record in records.items()}


def made_elsewhere(found: dict) -> None:
    """Records a forked writer made (made_here there)."""
    for output, current in found.items():
        if output in records:
            records[output].current.update(current)
