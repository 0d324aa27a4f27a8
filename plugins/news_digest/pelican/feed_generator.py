"""The feeds: a generator that turns the read articles into Feed values
(site/feeds.py) and writes them, plus feed discovery for templates."""
from __future__ import annotations

import hashlib
import html
import inspect
import logging
import os
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

from pelican.generators import Generator

from ..site.editions import EditionStory, edition_entry
from ..site.feeds import (
    Category, Entry, Feed, FeedWriter, Link, absolutize_urls, aware, build_json_feed, build_opml, join_url, newest_of,
    stored_key, topic_entry,
)
from ..text.render import make_entry_id
from . import page_inputs, search_build
from .build_cache import BlobStore, BuildState, cache_file, code_stamp
from .configure import plugin_settings
from .files import note_kept, write_output
from .memory import unmemoized

logger = logging.getLogger(__name__)

# (setting suffix, mime type, label); FeedWriter names each kind in lower case.
FEED_KINDS = (
    ("ATOM", "application/atom+xml", "Atom"),
    ("RSS", "application/rss+xml", "RSS"),
)
# The ways a feed holds a story's entry, each digested apart
# (site.feeds.entry_digest): the digest's Atom and JSON feeds with all its
# related links, a section's or tag's Atom feed with its other reports
# alone (site.feeds.topic_entry), any RSS feed without related links.
VIEWS = ("atom", "topic", "rss")


def view_of(kind: str, topic: str) -> str:
    """How a feed of `kind` ("ATOM", "RSS", "JSON") for `topic` ("all",
    "section", "tag") holds its entries."""
    return "rss" if kind == "RSS" else "atom" if topic == "all" else "topic"


def feed_key(kind: str, heading: tuple, entries: str) -> str:
    """What a feed file is made from: its kind, its heading (the values
    make_feed gives it) and its entries' keys (`entries`: their repr, made
    once for the topic's feeds of every kind)."""
    return hashlib.sha1((repr((kind, heading)) + entries).encode("utf-8", "surrogatepass")).hexdigest()


def site_url(settings: dict) -> str:
    return (settings.get("SITEURL") or "").rstrip("/") + "/"


def absolute(settings: dict, path: str) -> str:
    """The absolute URL of a path in the site (paths are relative to it)."""
    return under(site_url(settings), path)


def under(base: str, path: str) -> str:
    """The URL of a path in the site whose URL (ending in "/") is `base`:
    absolute() for a site URL worked out once (a digest has thousands of
    tag feeds)."""
    return base + path.lstrip("/")


def url_of(article) -> str:
    """An article's URL, worked out once (Pelican formats it on every access)."""
    url = getattr(article, "digest_url", None)
    if url is None:
        url = article.digest_url = article.url
    return url


def entry_for(article, settings: dict, tag_types: dict | None = None, bases: tuple[str, str, str] | None = None) -> Entry:
    """Feed entry values for one Pelican article. `bases` (site_bases) may
    be given when making many entries."""
    base, tag_base, section_base = bases or site_bases(settings)
    link = join_url(base, url_of(article))
    categories = [Category(term=tag.name, scheme=tag_base, label=tag.name) for tag in getattr(article, "tags", [])]
    categories.append(Category(term=article.category.name, scheme=section_base, label=article.category.name))
    # Other reports, then similar stories: the links its page shows, and the
    # digest's own feed, where tools that judge related links read them
    # (section and tag feeds link the other reports alone: topic_entry).
    related = [Link(base + url_of(other), other.title) for other in getattr(article, "digest_related", [])]
    entry_id = getattr(article, "entry_id", "") or make_entry_id(article.get_relative_source_path())
    content = unmemoized(article.get_content, base.rstrip("/")) + see_also_html(getattr(article, "see_also_unresolved", []))
    return Entry(
        id=entry_id,
        title=article.title,
        link=link,
        published=article.date,
        updated=entry_updated(article),
        content_html=absolutize_urls(content, link),
        summary_html=entry_summary(article, base, link),
        categories=tuple(categories),
        authors=entry_authors(article),
        related=tuple(related),
        reports=leading_reports(article),
        tag_types=tuple(
            (tag.name, (tag_types or {}).get(tag.name, "other")) for tag in getattr(article, "tags", [])
        ),
        story=getattr(article, "digest_story", ""),
    )


def leading_reports(article) -> int:
    """How many of the story's related stories, from the first, are its
    other reports (link_related puts them first)."""
    reports = getattr(article, "digest_reports", ())
    count = 0
    for other in getattr(article, "digest_related", []):
        if other not in reports:
            break
        count += 1
    return count


def entry_updated(article) -> datetime:
    """When a story's entry last changed: apart from the stories of its time
    by its offset (rank_same_times)."""
    updated = getattr(article, "modified", None) or article.date
    return max(updated, article.date) + timedelta(microseconds=getattr(article, "digest_same_time_offset_us", 0))


def entry_summary(article, base: str, link: str) -> str:
    return absolutize_urls(unmemoized(article.get_summary, base.rstrip("/")), link)


def entry_authors(article) -> tuple[str, ...]:
    return tuple(a.name for a in getattr(article, "authors", []) if a.name)


def edition_story(article, base: str) -> tuple[EditionStory, datetime]:
    """A story as a daily edition lists it, and when it last changed: its
    entry's values, without making the whole entry (its text above all)."""
    link = join_url(base, url_of(article))
    return EditionStory(article.title, link, entry_summary(article, base, link), entry_authors(article)), \
        entry_updated(article)


def see_also_html(headlines) -> str:
    """SEE ALSO headlines the digest does not have, as text in the entry (the
    page links them to the site's search; a reader shows them as written)."""
    return "".join(f'<p class="see-also">Further reading: {html.escape(h)}</p>' for h in headlines)


def rank_same_times(articles) -> None:
    """Stories of one day carry the same time (midnight, when the raw text
    gives only a date), and feed readers and the W3C validator take two
    entries with one atom:updated for one changed twice: each story of a
    shared time is updated some microseconds later, by a hash of its slug
    (the next free microsecond on a clash, which a million of them make
    rare). A hash, not a rank, so that a new story moves no other story's
    time, and so no other feed."""
    taken: set = set()
    for article in sorted(articles, key=lambda a: a.slug):
        key = max(getattr(article, "modified", None) or article.date, article.date)
        offset = int.from_bytes(hashlib.blake2b(article.slug.encode(), digest_size=4).digest(), "big") % 1_000_000
        while (key, offset) in taken:
            offset += 1
        taken.add((key, offset))
        article.digest_same_time_offset_us = offset


def site_bases(settings: dict) -> tuple[str, str, str]:
    """The site's URL, and the schemes of tag and section categories."""
    base = site_url(settings)
    tag_base = urljoin(base, settings.get("TAG_URL", "tag/{slug}.html").rsplit("/", 1)[0] + "/")
    section_base = urljoin(base, settings.get("CATEGORY_URL", "category/{slug}.html").rsplit("/", 1)[0] + "/")
    return base, tag_base, section_base


def newest_first(articles) -> list:
    return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)


def feed_paths(options: dict) -> dict:
    """Every feed the settings ask for, by topic: {topic: [(kind, pattern)]}."""
    paths = {"all": [], "section": [], "tag": []}
    for kind, *_ in FEED_KINDS:
        for topic, key in (("all", f"FEED_ALL_{kind}"), ("section", f"CATEGORY_FEED_{kind}"), ("tag", f"TAG_FEED_{kind}")):
            if options[key]:
                paths[topic].append((kind, options[key]))
    return paths


def discovery_links(options: dict, settings: dict, articles) -> dict:
    """Feeds for templates' <head>: {"all": [...], "section": {slug: [...]},
    "tag": {slug: [...]}}; each link a dict with type, path and title."""
    mime = {kind: m for kind, m, *_ in FEED_KINDS}
    label = {kind: name for kind, _, name in FEED_KINDS}
    paths = feed_paths(options)
    site = settings.get("SITENAME", "")
    links = {"all": [], "section": {}, "tag": {}}
    for kind, pattern in paths["all"]:
        links["all"].append({"type": mime[kind], "path": pattern, "title": f"{site} ({label[kind]})"})
    if options["FEED_ALL_JSON"]:
        links["all"].append({"type": "application/feed+json", "path": options["FEED_ALL_JSON"], "title": f"{site} (JSON Feed)"})
    for article in articles:
        topics = [("section", article.category)] + [("tag", t) for t in getattr(article, "tags", [])]
        for topic, item in topics:
            if item.slug in links[topic]:
                continue
            links[topic][item.slug] = [
                {"type": mime[kind], "path": pattern.format(slug=item.slug), "title": f"{site}: {item.name} ({label[kind]})"}
                for kind, pattern in paths[topic]
            ]
    return links


class EntryDigests:
    """Each story's feed entry digests (FeedWriter.digest, one for each of
    VIEWS: they differ in related links), from the last
    build when its page was made from the same inputs: a story's page key
    (page_inputs.py) describes everything its entry is made from (its text
    and summary, URL, dates, tags with their kinds, section, related stories,
    the settings and this code), but for its place among stories of one time
    and its story group, which are added here. So a rebuild makes the entries
    of new and changed stories only, and only for the feeds it writes."""

    def __init__(self, generator):
        self.generator = generator
        self.state = BuildState(generator.settings, "feed-entry-digests")
        if not generator.settings.get("LOAD_CONTENT_CACHE", True):
            self.state.previous = {}  # pelican --ignore-cache: every entry made afresh
        self.found: dict[int, dict[str, str]] = {}

    def key(self, article) -> str | None:
        page = page_inputs.story_keys.get(id(article))
        if page is None:
            return None  # its page was not described (or not written by this process)
        made_from = (page, getattr(article, "digest_same_time_offset_us", 0), getattr(article, "digest_story", ""),
                     self.generator.bases)
        return hashlib.sha1(repr(made_from).encode("utf-8", "surrogatepass")).hexdigest()

    def of(self, article, cache: dict, feed_writer: FeedWriter) -> dict[str, str]:
        """{view: digest} of the article's entry, for each of VIEWS."""
        found = self.found.get(id(article))
        if found is None:
            key = self.key(article)
            kept = (self.state.previous.get(key) or "").split() if key is not None else []
            if len(kept) == len(VIEWS):
                found = dict(zip(VIEWS, kept))
            else:
                found = {view: feed_writer.digest(self.generator.entries_of([article], cache, view)[0],
                                                  "rss" if view == "rss" else "atom") for view in VIEWS}
            if key is not None:
                self.state.record(key, " ".join(found[view] for view in VIEWS))
            self.found[id(article)] = found
        return found

    def save(self) -> None:
        self.state.save()


class DigestFeedGenerator(Generator):
    """Writes Atom, RSS, JSON Feed and OPML with feedgen after the articles are
    read (Pelican's own feed writer is off)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = plugin_settings(self.settings)

    def generate_context(self):
        articles = self.context.get("articles", [])
        self.context["digest_feeds"] = discovery_links(self.options, self.settings, articles)

    def topics(self, articles):
        sections, tags = defaultdict(list), defaultdict(list)
        names = {}
        for article in articles:
            sections[article.category.slug].append(article)
            names[("section", article.category.slug)] = article.category.name
            for tag in getattr(article, "tags", []):
                tags[tag.slug].append(article)
                names[("tag", tag.slug)] = tag.name
        return sections, tags, names

    def entries_of(self, chosen, entries_cache: dict, view: str = "atom") -> tuple:
        """The feed entries of the `chosen` articles, as a feed of `view`
        (VIEWS) holds them. `entries_cache` keeps each article's entry, made
        once for all the feeds it is in."""
        for article in chosen:
            if id(article) not in entries_cache:
                entry = entry_for(article, self.settings, self.context.get("digest_tag_types"), self.bases)
                entries_cache[id(article)] = (entry, topic_entry(entry))
        return tuple(entries_cache[id(article)][view == "topic"] for article in chosen)

    def heading(self, path: str, title: str, page_url: str) -> tuple:
        """(id, title, subtitle, site URL, own URL, language) of a feed
        (once generate_output has set `bases`)."""
        url = under(self.bases[0], path)
        return (url, title, self.settings.get("SITESUBTITLE", "") or title, page_url, url,
                self.settings.get("DEFAULT_LANG", "en"))

    def make_feed(self, entries: tuple, path: str, title: str, page_url: str, updated: datetime | None = None) -> Feed:
        feed_id, title, subtitle, site, own, language = self.heading(path, title, page_url)
        return Feed(id=feed_id, title=title, subtitle=subtitle, site_url=site, self_url=own, language=language,
                    entries=entries, updated=updated)

    def write(self, path: str, data: bytes) -> None:
        """Write a feed file, atomically; one that has not changed is left alone."""
        write_output(os.path.join(self.output_path, path), data)

    def write_daily_feeds(self, feed_writer: FeedWriter, title: str) -> str:
        """The daily feed: one entry per edition, listing the day's stories
        with their summaries, for readers who want one item a day. Returns
        the first feed's URL ("" when there is none)."""
        found = self.context.get("digest_editions") or []
        paths = [(kind, self.options[f"DAILY_FEED_{kind}"]) for kind, *_ in FEED_KINDS
                 if self.options["DAILY_EDITIONS"] and self.options[f"DAILY_FEED_{kind}"]]
        if not found or not paths:
            return ""
        limit = self.settings.get("FEED_MAX_ITEMS")
        entries = []
        for edition in found[: limit if limit else None]:
            url = absolute(self.settings, edition["url"])
            sections, updated = [], aware(datetime(1970, 1, 1))
            for section, stories in edition["sections"]:
                made = [edition_story(a, self.bases[0]) for a in stories]
                sections.append((section.name if section else "", [listed for listed, _ in made]))
                updated = max([updated, *(aware(changed) for _, changed in made)])
            label = edition["day"].strftime("%-d %B %Y")
            entries.append(edition_entry(edition["day"], f"Edition of {label}", url, sections, updated,
                                         self.settings.get("SITENAME") or ""))
        first = ""
        for kind, path in paths:
            feed = Feed(id=absolute(self.settings, path), title=title, subtitle=title,
                        site_url=absolute(self.settings, ""), self_url=absolute(self.settings, path),
                        language=self.settings.get("DEFAULT_LANG", "en"), entries=tuple(entries))
            self.write(path, getattr(feed_writer, kind.lower())(feed))
            first = first or absolute(self.settings, path)
        return first

    def generate_output(self, writer):
        search_build.settle(self.output_path)  # a big build's feeds and Pagefind do not add up
        articles = self.context.get("articles", [])
        if not site_url(self.settings).startswith(("http://", "https://")):
            logger.warning(
                "news_digest: SITEURL %r is not absolute; feed links will not work in a feed reader",
                self.settings.get("SITEURL"),
            )
        site = self.settings.get("SITENAME", "")
        rank_same_times(articles)
        # Sorted once: each topic's stories are then listed newest first.
        articles = newest_first(articles)
        sections, tags, names = self.topics(articles)
        self.bases = site_bases(self.settings)
        base = self.bases[0]
        cache: dict = {}
        paths = feed_paths(self.options)
        # Each topic's feeds: (kind, path pattern, view of its entries).
        feeds_of = {topic: [(kind, pattern, view_of(kind, topic)) for kind, pattern in found]
                    for topic, found in paths.items()}
        if self.options["FEED_ALL_JSON"]:
            feeds_of["all"].append(("JSON", self.options["FEED_ALL_JSON"], view_of("JSON", "all")))
        opml_groups: dict[str, list] = {"All stories": [], "Sections": [], "Tags": []}
        jobs = [("all", None, articles, site, base, "All stories")]
        cat_url = self.settings.get("CATEGORY_URL", "category/{slug}.html")
        tag_url = self.settings.get("TAG_URL", "tag/{slug}.html")
        for slug in sorted(sections):
            name = names[("section", slug)]
            jobs.append(("section", slug, sections[slug], f"{site}: {name}", under(base, cat_url.format(slug=slug)), "Sections"))
        for slug in sorted(tags):
            name = names[("tag", slug)]
            jobs.append(("tag", slug, tags[slug], f"{site}: {name}", under(base, tag_url.format(slug=slug)), "Tags"))
        # Entries an earlier build serialised are reused: a new story changes
        # the digest's feed, but not the thousands of entries already in it.
        store = BlobStore(
            cache_file(self.settings, "feed-entries", ".sqlite"),
            code_stamp(("feedgen",), (Path(inspect.getfile(FeedWriter)),)),  # what serialises an entry
        )
        feed_writer = FeedWriter(store)
        kept: dict[str, set] = defaultdict(set)  # entries of unchanged feeds, by kind
        state = BuildState(self.settings, "feeds")
        digests = EntryDigests(self)
        limit = self.settings.get("FEED_MAX_ITEMS")
        known = digests.found  # a story's entry digests, once worked out (a story is in a dozen feeds)
        for topic, slug, members, title, page_url, group in jobs:
            first_url = None
            kinds = feeds_of[topic]
            chosen = members[: limit if limit else None] if kinds else []
            # One topic's feeds hold the same stories, their entries made only for a feed that is written.
            found = [known.get(id(article)) or digests.of(article, cache, feed_writer) for article in chosen]
            entry_keys = {view: [f[view] for f in found] for view in {view for _, _, view in kinds}}
            entries = {view: repr(keys) for view, keys in entry_keys.items()}
            for kind, pattern, view in kinds:
                path = pattern.format(slug=slug) if slug else pattern
                # A feed whose entries and heading are as they were is not made again.
                heading = self.heading(path, title, page_url)
                key = feed_key(kind, heading, entries[view])
                target = os.path.join(self.output_path, path)  # a string: 14,000 Path objects cost about 0.2 s
                if not state.unchanged(path, key, target):
                    if kind == "JSON":
                        data = build_json_feed(self.make_feed(self.entries_of(chosen, cache), path, title, page_url))
                    else:  # the entries an earlier build serialised are not made again
                        newest = newest_of([entry_updated(article) for article in chosen])
                        data = feed_writer.by_digests(self.make_feed((), path, title, page_url, newest), kind.lower(),
                                                      entry_keys[view], lambda i: self.entries_of([chosen[i]], cache, view)[0])
                    self.write(path, data)
                else:
                    note_kept(target)
                    if kind != "JSON":  # its entries stay in the store for the next change
                        kept[kind.lower()].update(entry_keys[view])
                state.record(path, key)
                if kind != "JSON":
                    first_url = first_url or heading[0]
            if first_url:
                opml_groups[group].append((title, first_url, page_url))
        daily = self.write_daily_feeds(feed_writer, f"{site}: daily editions")
        if daily:
            opml_groups["Daily editions"] = [(f"{site}: daily editions", daily, absolute(self.settings, ""))]
        if self.options["FEED_OPML"]:
            self.write_opml(state, f"{site} feeds", [(name, feeds) for name, feeds in opml_groups.items() if feeds])
        state.save()
        digests.save()
        # Once per entry, not once per feed it is in (a story is in a dozen).
        store.keep(stored_key(kind, k) for kind, keys in kept.items() for k in keys)
        store.close()

    def write_opml(self, state: BuildState, title: str, groups: list) -> None:
        """The OPML list of feeds, made again only when a feed, its title or
        its page has changed: serialising one outline per tag costs more
        than the rest of a rebuild's unchanged feeds."""
        path = self.options["FEED_OPML"]
        key = hashlib.sha1(repr(("opml", title, groups)).encode("utf-8", "surrogatepass")).hexdigest()
        target = os.path.join(self.output_path, path)
        if state.unchanged(path, key, target):
            note_kept(target)
        else:
            self.write(path, build_opml(title, groups))
        state.record(path, key)
