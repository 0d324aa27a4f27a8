"""Feeds: valid in every reader, stable IDs, reproducible bytes."""
import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.helpers import build_site, write_raw
from hypothesis import given, settings, strategies as st

from news_digest.site.feeds import (
    Category, Entry, Feed, FeedHead, Link, absolutize_urls, build_atom, build_json_feed, build_opml, build_rss, head_of,
    newest_update,
)

ATOM = "{http://www.w3.org/2005/Atom}"
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def entry(n: int, **fields) -> Entry:
    values = dict(
        id=f"urn:uuid:{n}",
        title=f"Story {n}",
        link=f"https://d.example/story-{n}.html",
        published=T0 + timedelta(hours=n),
        updated=T0 + timedelta(hours=n),
        content_html=f"<p>Body {n}</p>",
        summary_html=f"<p>Summary {n}</p>",
        categories=(Category("World", "https://d.example/section/", "World"),),
        authors=("Desk",),
    )
    values.update(fields)
    return Entry(**values)


def feed_of(*entries) -> Feed:
    return Feed(
        id="https://d.example/feeds/all.atom.xml",
        title="Digest",
        site_url="https://d.example/",
        self_url="https://d.example/feeds/all.atom.xml",
        entries=tuple(entries),
    )


def test_entries_keep_their_order_and_feed_updated_is_newest_entry():
    atom = etree.fromstring(build_atom(feed_of(entry(3), entry(2), entry(1))))
    assert [e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")] == ["Story 3", "Story 2", "Story 1"]
    assert atom.findtext(f"{ATOM}updated") == (T0 + timedelta(hours=3)).isoformat()
    rss = etree.fromstring(build_rss(feed_of(entry(3), entry(1))))
    assert rss.findtext("channel/lastBuildDate") == "Fri, 20 Nov 2026 11:00:00 +0000"


def test_related_links_keep_rel_and_title_feedgen_issue_135():
    related = (Link("https://d.example/a.html", "A story"), Link("https://d.example/b.html", "B story"))
    atom = etree.fromstring(build_atom(feed_of(entry(1, related=related))))
    links = atom.find(f"{ATOM}entry").findall(f"{ATOM}link")
    assert [(l.get("rel"), l.get("href"), l.get("title")) for l in links] == [
        ("alternate", "https://d.example/story-1.html", None),
        ("related", "https://d.example/a.html", "A story"),
        ("related", "https://d.example/b.html", "B story"),
    ]
    parsed = feedparser.parse(build_atom(feed_of(entry(1, related=related))))
    rels = [l["rel"] for l in parsed.entries[0].links]
    assert rels.count("alternate") == 1 and rels.count("related") == 2


def test_same_input_same_bytes():
    feed = feed_of(entry(2), entry(1))
    assert build_atom(feed) == build_atom(feed)
    assert build_rss(feed) == build_rss(feed)
    assert build_json_feed(feed) == build_json_feed(feed)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("NUL \x00 and bell \x07 and escape \x1b", id="control-characters"),
        pytest.param("stray ]]> end of CDATA", id="cdata-end"),
        pytest.param("<script>alert(1)</script> & <b>bold</b>", id="markup"),
        pytest.param("non-characters \ufffe\uffff here", id="non-characters"),
        pytest.param("emoji 🎉 and عربي and עברית", id="emoji-and-rtl"),
    ],
)
def test_xml_stays_well_formed_whatever_the_text(text):
    hostile = entry(1, title=text, content_html=f"<p>{text}</p>", summary_html=text,
                    categories=(Category(text, "", text),), authors=(text,))
    for data in (build_atom(feed_of(hostile)), build_rss(feed_of(hostile))):
        etree.fromstring(data)  # strict parser: raises on malformed XML
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.entries[0].title.replace("\x00", "")
    json.loads(build_json_feed(feed_of(hostile)))


def test_naive_dates_get_a_time_zone():
    naive = entry(1, published=datetime(2026, 1, 1), updated=datetime(2026, 1, 1))
    atom = etree.fromstring(build_atom(feed_of(naive)))
    assert atom.find(f"{ATOM}entry").findtext(f"{ATOM}published") == "2026-01-01T00:00:00+00:00"


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param('<a href="other.html">x</a>', '<a href="https://d.example/s/other.html">x</a>', id="relative-link"),
        pytest.param('<a href="/root.html">x</a>', '<a href="https://d.example/root.html">x</a>', id="root-relative"),
        pytest.param('<a href="https://e.example/">x</a>', '<a href="https://e.example/">x</a>', id="absolute-unchanged"),
        pytest.param('<a href="#note">x</a>', '<a href="https://d.example/s/page.html#note">x</a>', id="fragment"),
        pytest.param('<img srcset="a.png 1x, b.png 2x"/>', '<img srcset="https://d.example/s/a.png 1x, https://d.example/s/b.png 2x"/>', id="srcset"),
    ],
)
def test_absolutize_urls(html, expected):
    assert absolutize_urls(html, "https://d.example/s/page.html") == expected


def test_json_feed_and_opml():
    document = json.loads(build_json_feed(feed_of(entry(1, related=(Link("https://d.example/a.html", "A"),)))))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["items"][0]["date_published"] == (T0 + timedelta(hours=1)).isoformat()
    assert document["items"][0]["_digest"]["related"] == [{"url": "https://d.example/a.html", "title": "A"}]
    opml = etree.fromstring(build_opml("Feeds", [("Sections", [("World", "https://d.example/w.xml", "https://d.example/w.html")])]))
    assert [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")] == ["https://d.example/w.xml"]


# ---------------------------------------------------------------- end to end

SITEURL = "https://digest.example/news"
RAW = {
    "world/floods.txt": "Floods close roads in the east\n\nRoads were closed on Monday July 4 after the river rose.\n\nSEE ALSO – Minister orders checks\n",
    "world/checks.txt": "Minister orders checks\n\nThe minister ordered checks on Tuesday July 5 in every town.\n",
    "sport/derby.txt": "Ajax beat Feyenoord in derby\n\nAjax beat Feyenoord 2-1 on Sunday July 3.\n",
    "world/hostile.txt": "Control \x01 chars and ]]> and <script>alert(1)</script>\n\nBody with \x00 NUL and ]]> and <b>tags</b> and an [x](javascript:alert(1)) link.\n",
    "world/own-post.md": "Title: A post written by hand\nDate: 2026-07-01 10:00\nTags: Vukovar, Danube\n\nHand-written, with a [relative link](floods.html) and ![a picture](images/p.png).\n",
}


@pytest.fixture(scope="module")
def feeds_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("feeds")
    content, output = tmp / "content", tmp / "output"
    write_raw(content, RAW)
    proc = build_site(content, output, SITEURL=SITEURL)
    assert proc.returncode == 0, proc.stderr
    return content, output, tmp


def all_feed_files(output: Path):
    return sorted((output / "feeds").rglob("*.xml"))


def test_every_feed_parses_strictly_and_in_feedparser(feeds_site):
    _, output, _ = feeds_site
    files = all_feed_files(output)
    names = {f.relative_to(output).as_posix() for f in files}
    assert {"feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/section/world.atom.xml",
            "feeds/section/sport.rss.xml", "feeds/tag/vukovar.atom.xml", "feeds/tag/danube.rss.xml"} <= names
    for path in files:
        etree.fromstring(path.read_bytes())
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
        assert parsed.entries, path


def test_what_a_feed_validator_checks(feeds_site):
    _, output, _ = feeds_site
    for path in output.glob("feeds/**/*.atom.xml"):
        root = etree.fromstring(path.read_bytes())
        self_links = [l for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
        assert [l.get("href") for l in self_links] == [f"{SITEURL}/{path.relative_to(output).as_posix()}"]
        ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
        assert len(ids) == len(set(ids))
        for e in root.iter(f"{ATOM}entry"):
            links = e.findall(f"{ATOM}link")
            assert sum(1 for l in links if l.get("rel", "alternate") == "alternate") == 1
            for tag in ("published", "updated"):
                assert re.search(r"T\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$", e.findtext(f"{ATOM}{tag}"))  # RFC 3339
            html = e.findtext(f"{ATOM}content")
            for node in BeautifulSoup(html, "html.parser").find_all(["a", "img"]):
                url = node.get("href") or node.get("src")
                assert url.startswith(("https://", "http://", "mailto:")), (path, url)


def test_entries_carry_content_summary_categories_author_dates(feeds_site):
    _, output, _ = feeds_site
    parsed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    by_title = {e.title: e for e in parsed.entries}
    floods = by_title["Floods close roads in the east"]
    assert "after the river rose" in floods.content[0].value
    assert floods.summary
    assert floods.link == f"{SITEURL}/floods-close-roads-in-the-east.html"
    assert floods.published.startswith("2022-07-04T00:00:00")
    assert [t.term for t in floods.tags] == ["World"]  # the folder "world", as a person writes it
    assert floods.author
    own = by_title["A post written by hand"]
    assert sorted(t.term for t in own.tags) == ["Danube", "Vukovar", "World"]
    assert f'href="{SITEURL}/floods.html"' in own.content[0].value
    assert f'src="{SITEURL}/images/p.png"' in own.content[0].value
    # Newest first.
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_hostile_text_stays_text_in_feeds(feeds_site):
    _, output, _ = feeds_site
    parsed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    hostile = next(e for e in parsed.entries if "]]>" in e.title)
    assert "<script>" in hostile.title  # text, shown as text
    body = BeautifulSoup(hostile.content[0].value, "html.parser")
    assert body.find("script") is None and body.find("b") is None
    assert not any(a.get("href", "").startswith("javascript:") for a in body.find_all("a"))


def test_feed_discovery_in_head(feeds_site):
    _, output, _ = feeds_site
    def feeds_in(page):
        head = BeautifulSoup((output / page).read_text(), "html.parser").head
        return [l["href"] for l in head.find_all("link", rel="alternate")]
    article = feeds_in("floods-close-roads-in-the-east.html")
    assert "./feeds/all.atom.xml" in article and "./feeds/all.rss.xml" in article
    assert "./feeds/section/world.atom.xml" in article
    assert "../feeds/tag/vukovar.atom.xml" in feeds_in("tag/vukovar.html")
    assert "../feeds/section/sport.rss.xml" in feeds_in("section/sport.html")
    assert "./feeds/all.json" in feeds_in("index.html")


def test_opml_lists_every_topic_feed_and_json_feed_exists(feeds_site):
    _, output, _ = feeds_site
    opml = etree.fromstring((output / "feeds.opml").read_bytes())
    urls = {o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")}
    topic_feeds = sorted(output.glob("feeds/section/*.atom.xml")) + sorted(output.glob("feeds/tag/*.atom.xml"))
    expected = {f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/daily.atom.xml"} | {f"{SITEURL}/{p.relative_to(output).as_posix()}" for p in topic_feeds}
    assert {f"{SITEURL}/feeds/tag/vukovar.atom.xml", f"{SITEURL}/feeds/section/sport.atom.xml"} <= expected
    assert urls == expected
    document = json.loads((output / "feeds/all.json").read_text())
    assert len(document["items"]) == 5


def test_daily_feed_has_one_entry_per_edition_with_its_stories(feeds_site):
    _, output, _ = feeds_site
    days = sorted(p.stem for p in output.glob("daily/*.html"))
    assert days
    for name in ("daily.atom.xml", "daily.rss.xml"):
        feed = feedparser.parse((output / "feeds" / name).read_bytes())
        assert not feed.bozo, (name, feed.bozo_exception)
        links = sorted(entry.link.rsplit("/", 1)[1].removesuffix(".html") for entry in feed.entries)
        assert links == days, name
    atom = feedparser.parse((output / "feeds/daily.atom.xml").read_bytes())
    for entry in atom.entries:
        edition = BeautifulSoup((output / "daily" / entry.link.rsplit("/", 1)[1]).read_text(), "html.parser")
        headlines = [a.get_text(strip=True) for a in edition.select("main article h3 a")]
        body = BeautifulSoup(entry.content[0].value, "html.parser")
        assert headlines and [a.get_text(strip=True) for a in body.select("h3 a")] == headlines, entry.link


def test_rebuild_gives_the_same_bytes(feeds_site):
    content, output, tmp = feeds_site
    second = tmp / "output-2"
    assert build_site(content, second, SITEURL=SITEURL).returncode == 0
    for path in all_feed_files(output) + [output / "feeds/all.json", output / "feeds.opml"]:
        assert path.read_bytes() == (second / path.relative_to(output)).read_bytes(), path


def test_entry_id_survives_headline_edit_and_url_scheme_change(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/floods.txt": RAW["world/floods.txt"]})
    assert build_site(content, output, SITEURL=SITEURL).returncode == 0
    first = feedparser.parse((output / "feeds/all.atom.xml").read_bytes()).entries[0]
    post = (content / "world/floods.md").read_text()
    stored = re.search(r"^Entry_id: (.*)$", post, re.M).group(1)
    assert first.id == stored
    # A person edits the headline of the post; the URL scheme changes too.
    (content / "world/floods.md").write_text(post.replace("Title: Floods close roads", "Title: Floods shut roads"))
    again = tmp_path / "output-2"
    proc = build_site(content, again, SITEURL=SITEURL, ARTICLE_URL="{date:%Y}/{slug}.html", ARTICLE_SAVE_AS="{date:%Y}/{slug}.html")
    assert proc.returncode == 0
    second = feedparser.parse((again / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert second.title == "Floods shut roads in the east"
    assert second.link.endswith("/2022/floods-close-roads-in-the-east.html")
    assert second.id == first.id


def test_entry_id_is_the_same_in_a_fresh_clone_after_a_headline_edit(tmp_path):
    """No posts yet (a CI build of a fresh clone): the raw file's headline is
    edited, so its slug changes, and the entry keeps its ID."""
    ids = []
    for headline in ("Floods close roads in the east", "Floods shut every road in the east"):
        content, output = tmp_path / f"content-{len(ids)}", tmp_path / f"output-{len(ids)}"
        write_raw(content, {"world/floods.txt": RAW["world/floods.txt"].replace("Floods close roads in the east", headline)})
        assert build_site(content, output, SITEURL=SITEURL).returncode == 0
        entry = feedparser.parse((output / "feeds/all.atom.xml").read_bytes()).entries[0]
        assert entry.title == headline
        ids.append(entry.id)
    assert ids[0] == ids[1]


def test_rss_items_have_author_link_date_and_full_content(feeds_site):
    _, output, _ = feeds_site
    for path in output.glob("feeds/**/*.rss.xml"):
        data = path.read_bytes()
        parsed = feedparser.parse(data)
        assert parsed.feed.link == f"{SITEURL}/" or parsed.feed.link.startswith(f"{SITEURL}/section/") \
            or parsed.feed.link.startswith(f"{SITEURL}/tag/"), (path, parsed.feed.link)  # the site, not the feed
        for item in parsed.entries:
            assert item.author and item.link and item.published_parsed, (path, item.title)
            first = "<h2>" if path.name.startswith("daily") else "<p>"  # an edition starts with a section
            assert item.content[0].value.startswith(first), (path, item.title)
        # The full text under its usual prefix (a Rust parser drops ns0:encoded).
        assert b"<content:encoded>" in data and b"ns0:" not in data and b"ns1:" not in data


def test_no_two_entries_of_a_feed_share_their_updated_time(feeds_site):
    """The W3C validator's DuplicateUpdated warning: stories of one day all
    carry midnight when the raw text gives only a date."""
    _, output, _ = feeds_site
    for path in output.glob("feeds/**/*.atom.xml"):
        updated = [e.findtext(f"{ATOM}updated") for e in etree.fromstring(path.read_bytes()).iter(f"{ATOM}entry")]
        assert len(updated) == len(set(updated)), path


def test_opml_outlines_with_more_than_text_have_a_type(feeds_site):
    """The W3C validator's MissingOutlineType warning."""
    _, output, _ = feeds_site
    for outline in etree.fromstring((output / "feeds.opml").read_bytes()).iter("outline"):
        if set(outline.attrib) & {"description", "htmlUrl", "language", "title", "version", "xmlUrl"}:
            assert outline.get("type") == "rss", dict(outline.attrib)


def test_unresolved_see_also_lines_are_in_the_entry(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/floods.txt": RAW["world/floods.txt"].replace("Minister orders checks", "Dam <b>opens</b> early")})
    assert build_site(content, output, SITEURL=SITEURL).returncode == 0
    entry = feedparser.parse((output / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert "Further reading: Dam &lt;b&gt;opens&lt;/b&gt; early" in entry.content[0].value
    # The headline, not the raw line's boilerplate.
    assert not re.search("see also", BeautifulSoup(entry.content[0].value, "html.parser").get_text(), re.I)


def test_feed_max_items_and_switches(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {k: v for k, v in RAW.items() if k.endswith(".txt")})
    proc = build_site(
        content, output, SITEURL=SITEURL, FEED_MAX_ITEMS=2,
        NEWS_DIGEST_FEED_ALL_RSS=None, NEWS_DIGEST_FEED_ALL_ATOM="atom.xml", NEWS_DIGEST_TAG_FEED_ATOM="",
    )
    assert proc.returncode == 0, proc.stderr
    assert not (output / "feeds/all.rss.xml").exists()
    assert not (output / "feeds/all.atom.xml").exists()
    assert len(feedparser.parse((output / "atom.xml").read_bytes()).entries) == 2
    head = BeautifulSoup((output / "index.html").read_text(), "html.parser").head
    assert "./atom.xml" in [l["href"] for l in head.find_all("link", rel="alternate")]


def test_pelican_feed_settings_left_on_are_reported(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/floods.txt": RAW["world/floods.txt"]})
    proc = build_site(content, output, SITEURL=SITEURL, FEED_ALL_ATOM="feeds/pelican.atom.xml")
    assert "FEED_ALL_ATOM is set" in proc.stdout + proc.stderr


class DictStore:
    def __init__(self):
        self.values, self.puts = {}, 0

    def get(self, key):
        return self.values.get(key)

    def put(self, key, value):
        self.puts += 1
        self.values[key] = value


def test_entries_from_an_earlier_build_give_the_same_feed():
    from news_digest.site.feeds import FeedWriter

    store = DictStore()
    feed = feed_of(entry(1), entry(2, related=(Link("https://d.example/x.html", "X"),)))
    first = (FeedWriter(store).atom(feed), FeedWriter(store).rss(feed))
    assert store.puts == 4  # two entries, two formats
    again = (FeedWriter(store).atom(feed), FeedWriter(store).rss(feed))
    assert again == first == (build_atom(feed), build_rss(feed))
    assert store.puts == 4  # nothing serialised again
    changed = feed_of(entry(1), entry(2, title="Story 2, corrected"))
    assert b"Story 2, corrected" in FeedWriter(store).atom(changed)
    assert store.puts == 5


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.parametrize("stored", [(), (1,), (1, 2, 3)])
def test_a_feed_by_its_entries_digests_makes_only_the_entries_not_stored(kind, stored):
    """FeedWriter.by_digests: the feed's bytes are those of the feed made
    whole, and only the entries whose XML no earlier build kept are made."""
    from news_digest.site.feeds import FeedWriter, entry_digest, newest_of

    entries = (entry(3), entry(2, related=(Link("https://d.example/x.html", "X"),)), entry(1))
    whole = feed_of(*entries)
    store = DictStore()
    getattr(FeedWriter(store), kind)(feed_of(*(e for n, e in zip((3, 2, 1), entries) if n in stored)))
    made = []

    def make(position):
        made.append(position)
        return entries[position]

    heading = replace(whole, entries=(), updated=newest_of([e.updated for e in entries]))
    data = FeedWriter(store).by_digests(heading, kind, [entry_digest(e, kind) for e in entries], make)
    assert data == getattr(FeedWriter(), kind)(whole)
    assert sorted(made) == [p for p, n in enumerate((3, 2, 1)) if n not in stored]


@pytest.mark.parametrize("related, reports, kept", [
    (("a", "b", "c"), 1, ("a",)),
    (("a", "b"), 2, ("a", "b")),
    (("a", "b"), 0, ()),
    ((), 0, ()),
])
def test_a_topic_feed_entry_links_the_story_s_other_reports_alone(related, reports, kept):
    """topic_entry: a section's or tag's feed holds the story's other
    reports (the first `reports` related links), not its similar stories."""
    from news_digest.site.feeds import topic_entry

    full = entry(2, related=tuple(Link(f"https://d.example/{r}.html", r) for r in related), reports=reports)
    assert tuple(link.title for link in topic_entry(full).related) == kept
    assert replace(topic_entry(full), related=full.related) == full


def test_an_rss_item_is_keyed_without_the_related_links_it_cannot_show():
    """RSS has no place for related links: an entry whose links change keeps
    its RSS item's digest and bytes (so its RSS feeds are not made again),
    and its Atom entry's digest and bytes change with them."""
    from news_digest.site.feeds import build_atom, build_rss, entry_digest

    plain = entry(2)
    linked = entry(2, related=(Link("https://d.example/x.html", "X"),))
    assert entry_digest(plain, "rss") == entry_digest(linked, "rss") == entry_digest(replace(linked, reports=1), "rss")
    assert build_rss(feed_of(plain)) == build_rss(feed_of(linked))
    assert entry_digest(plain, "atom") != entry_digest(linked, "atom")
    assert build_atom(feed_of(plain)) != build_atom(feed_of(linked))
    assert entry_digest(plain, "rss") != entry_digest(entry(2, title="Story 2, corrected"), "rss")


def test_blob_store_keeps_what_the_last_build_used(tmp_path):
    from news_digest.pelican.build_cache import BlobStore

    path = tmp_path / "cache" / "entries.sqlite"
    store = BlobStore(path, "v1")
    assert store.get("a") is None
    store.put("a", b"<entry>a</entry>")
    store.put("b", b"<entry>b</entry>")
    store.close()
    store = BlobStore(path, "v1")
    assert store.get("a") == b"<entry>a</entry>"
    store.keep(["b"])  # in a feed that did not change
    store.close()
    store = BlobStore(path, "v1")
    assert (store.get("a"), store.get("b")) == (b"<entry>a</entry>", b"<entry>b</entry>")
    store.close()  # "c" never used: nothing else kept
    store = BlobStore(path, "v2")  # other feed code: emptied
    assert store.get("a") is None
    store.close()


def test_a_damaged_blob_store_only_turns_itself_off(tmp_path):
    from news_digest.pelican.build_cache import BlobStore

    path = tmp_path / "entries.sqlite"
    path.write_bytes(b"not a database" * 100)
    store = BlobStore(path, "v1")
    assert store.get("a") is None
    store.put("a", b"x")
    store.close()


# Values a feed's head shows, with what XML escapes (in text and in
# attributes), what it cannot hold, and the template's own marker character.
HEAD_TEXT = st.text(alphabet=st.sampled_from(list("aZ 9&<>\"'\n\r\t\x00\x1b\ue000\ufffeé東/:.-")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(title=HEAD_TEXT, subtitle=HEAD_TEXT, feed_id=HEAD_TEXT, url=HEAD_TEXT, language=HEAD_TEXT,
       hours=st.integers(-100_000, 100_000), zone=st.integers(-14 * 60, 14 * 60))
def test_a_head_from_the_template_is_feedgens_head(title, subtitle, feed_id, url, language, hours, zone):
    """FeedHead fills in feedgen's own head once per kind; the result is what
    feedgen writes for each feed (where feedgen can write it at all)."""
    when = (T0 + timedelta(hours=hours)).astimezone(timezone(timedelta(minutes=zone)))
    feed = Feed(id=f"https://d.example/{feed_id}", title=title, subtitle=subtitle, site_url=f"https://d.example/{url}",
                self_url=f"https://d.example/{url}.xml", language=language or "en",
                entries=(entry(1, updated=when), entry(2, updated=when - timedelta(days=1))))
    for kind in ("atom", "rss"):
        template = FeedHead.made(kind)
        assert template is not None, kind
        try:
            expected = head_of(feed, kind)
        except ValueError:  # lxml refuses a control character in a URL or language: the template drops it
            assert etree.fromstring(template.fill(feed)) is not None
            continue
        assert template.fill(feed) == expected, kind


PARIS = timezone(timedelta(hours=1))


@pytest.mark.parametrize("times, newest", [
    ([], datetime(1970, 1, 1, tzinfo=timezone.utc)),
    ([T0, T0 + timedelta(hours=2), T0 + timedelta(hours=1)], T0 + timedelta(hours=2)),
    # The same instant in two zones: the first entry's form.
    ([T0.astimezone(PARIS), T0], T0.astimezone(PARIS)),
    # Naive times are UTC, also beside aware ones.
    ([T0.replace(tzinfo=None) + timedelta(hours=3), T0.astimezone(PARIS)], T0 + timedelta(hours=3)),
    ([T0.replace(tzinfo=None), T0.replace(tzinfo=None) - timedelta(days=1)], T0),
])
def test_a_feeds_newest_change(times, newest):
    found = newest_update(feed_of(*(entry(n, updated=when) for n, when in enumerate(times))))
    assert found == newest and found.utcoffset() == newest.utcoffset()


URL_CHARS = "ab/.-_~%;?#:&=+ \t\\é"


@settings(max_examples=3000, deadline=None)
@given(base=st.sampled_from(["https://d.example/", "https://d.example/news/", "https://d.example",
                             "https://d.example/a/../", "https://d.example/?q=/", "http://d.example/x;p/"]),
       url=st.text(alphabet=URL_CHARS, max_size=12))
def test_join_url_is_urljoin(base, url):
    # The shortcut for plain paths gives what urljoin gives, for any URL.
    from urllib.parse import urljoin

    from news_digest.site.feeds import join_url

    assert join_url(base, url) == urljoin(base, url)


def test_a_rebuild_keeps_the_entries_of_feeds_it_did_not_write(tmp_path):
    """Entries of feeds that did not change stay in the store, so that the
    next change takes them from it instead of serialising them again."""
    import sqlite3

    from tests.helpers import copy_sample_content

    content = copy_sample_content(tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache"

    def stored() -> set:
        with sqlite3.connect(str(cache / "news_digest-feed-entries.sqlite")) as db:
            return {key for (key,) in db.execute("SELECT key FROM blobs")}

    assert build_site(content, output, SITEURL="https://d.example", CACHE_PATH=str(cache)).returncode == 0
    first = stored()
    assert {key.split()[0] for key in first} == {"atom", "rss"}
    assert build_site(content, output, SITEURL="https://d.example", CACHE_PATH=str(cache)).returncode == 0
    assert stored() == first  # no feed was written, and every entry is kept


def test_each_category_once_in_order_in_both_kinds():
    """An entry's categories, given to feedgen at once: each once, in order,
    with Atom's scheme and label and RSS's domain (the label, or the term
    when there is none); one with no term XML can hold is left out."""
    categories = (
        Category("World", "https://d.example/section/", "World"),
        Category("Kyiv", "https://d.example/tag/", "Kyiv"),
        Category("Bare", "", ""),
        Category("\x01", "https://d.example/tag/", "\x01"),  # nothing XML can hold: no category
        Category("Kyiv", "https://d.example/tag/", "Kyiv"),  # twice given, twice shown, as feedgen does
    )
    feed = feed_of(entry(1, categories=categories))
    atom = etree.fromstring(build_atom(feed))
    shown = [(c.get("term"), c.get("scheme"), c.get("label")) for c in atom.iter(f"{ATOM}category")]
    assert shown == [("World", "https://d.example/section/", "World"), ("Kyiv", "https://d.example/tag/", "Kyiv"),
                     ("Bare", None, None), ("Kyiv", "https://d.example/tag/", "Kyiv")]
    rss = etree.fromstring(build_rss(feed))
    assert [(c.text, c.get("domain")) for c in rss.iter("category")] == [
        ("World", "https://d.example/section/"), ("Kyiv", "https://d.example/tag/"), ("Bare", None),
        ("Kyiv", "https://d.example/tag/")]
