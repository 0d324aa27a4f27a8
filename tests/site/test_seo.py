"""Search engines and link previews: JSON-LD, Open Graph, sitemaps, robots.txt,
canonical links; reading time; every internal link resolves."""
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.helpers import build_site, copy_sample_content, internal_links
from news_digest.site.seo import (
    NewsItem, news_article_jsonld, news_sitemap, reading_minutes, robots_txt, sitemap, word_count,
)

SITEURL = "https://digest.example/news"
ARTICLE = "danube-flooding-forces-evacuation-of-vukovar-old-town.html"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The sample digest built for production (publishconf.py)."""
    root = tmp_path_factory.mktemp("seo")
    content = copy_sample_content(root / "content")
    proc = build_site(content, root / "output", settings_file="publishconf.py", SITEURL=SITEURL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return root / "output"


def page(output, name):
    return BeautifulSoup((output / name).read_text(encoding="utf-8"), "html.parser")


def test_news_article_json_ld(published):
    soup = page(published, ARTICLE)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Danube flooding forces evacuation of Vukovar old town"
    assert data["datePublished"].startswith("2026-11-02T00:00:00") and data["datePublished"][-6:] == "+00:00"
    assert re.search(r"[+-]\d\d:\d\d$", data["dateModified"])
    assert data["articleSection"] == "World"
    assert "Vukovar" in data["keywords"]
    assert data["author"]["name"] and data["publisher"]["name"] == "The Digest"
    assert data["url"] == f"{SITEURL}/{ARTICLE}" == data["mainEntityOfPage"]["@id"]


def test_open_graph_and_canonical(published):
    soup = page(published, ARTICLE)
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True) if m["property"] != "article:tag"}
    tags = [m["content"] for m in soup.find_all("meta", property="article:tag")]
    assert og["og:type"] == "article"
    assert og["og:title"] == "Danube flooding forces evacuation of Vukovar old town"
    assert og["og:url"] == f"{SITEURL}/{ARTICLE}"
    assert og["article:published_time"].startswith("2026-11-02T00:00:00+00:00")
    assert og["article:section"] == "World"
    assert "Vukovar" in tags
    assert og["og:description"].startswith("Rescue teams evacuated")
    assert soup.find("link", rel="canonical")["href"] == f"{SITEURL}/{ARTICLE}"
    assert page(published, "index.html").find("link", rel="canonical")["href"] == f"{SITEURL}/"


def test_json_ld_cannot_close_its_script():
    item = NewsItem(url="https://d.example/x.html", title="</script><script>alert(1)</script>",
                    published=datetime(2026, 1, 1), modified=datetime(2026, 1, 1), section="world",
                    keywords=("A&B",), description="<b>", author="Desk", publisher="Digest",
                    publisher_url="https://d.example/")
    text = news_article_jsonld(item)
    assert "<" not in text and ">" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script>"


def test_sitemaps_and_robots(published):
    sitemap = etree.fromstring((published / "sitemap.xml").read_bytes())
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{SITEURL}/{ARTICLE}" in locations
    assert not any(l.endswith(("404.html", "search.html")) for l in locations)
    etree.fromstring((published / "news-sitemap.xml").read_bytes())
    robots = (published / "robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots and f"Sitemap: {SITEURL}/news-sitemap.xml" in robots


def test_news_sitemap_keeps_the_last_two_days():
    now = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
    items = [NewsItem(url=f"https://d.example/{d}.html", title=f"Story {d}", published=now - timedelta(days=d),
                      modified=now, section="world", keywords=(), description="", author="", publisher="Digest",
                      publisher_url="https://d.example/") for d in (0, 1, 3)]
    root = etree.fromstring(news_sitemap(items, now, "Digest"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert [e.text for e in root.findall("s:url/s:loc", ns)] == ["https://d.example/0.html", "https://d.example/1.html"]
    assert root.find("s:url/n:news/n:publication/n:name", ns).text == "Digest"


SITEMAP_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@pytest.mark.parametrize("pages, expected", [
    pytest.param(
        [("https://d.example/b.html?x=1&y=<2>", datetime(2026, 11, 24, 12, tzinfo=timezone.utc)),
         ("https://d.example/a\x00.html", datetime(2026, 11, 23))],
        SITEMAP_HEAD + b">\n"
        b"  <url>\n    <loc>https://d.example/a.html</loc>\n    <lastmod>2026-11-23T00:00:00+00:00</lastmod>\n  </url>\n"
        b"  <url>\n    <loc>https://d.example/b.html?x=1&amp;y=&lt;2&gt;</loc>\n"
        b"    <lastmod>2026-11-24T12:00:00+00:00</lastmod>\n  </url>\n</urlset>\n",
        id="sorted-escaped-and-xml-safe"),
    pytest.param([], SITEMAP_HEAD + b" />\n", id="empty"),
])
def test_sitemap_bytes(pages, expected):
    # The bytes ElementTree wrote (indented by ElementTree.indent), which
    # the sitemap now writes as text.
    assert sitemap(pages) == expected


def test_news_sitemap_bytes():
    now = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)
    item = NewsItem(url="https://d.example/0.html", title="", published=now, modified=now, section="world",
                    keywords=(), description="", author="", publisher="D & D", publisher_url="https://d.example/")
    assert news_sitemap([item], now, "D & D") == (
        SITEMAP_HEAD + b' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        b"  <url>\n    <loc>https://d.example/0.html</loc>\n    <news:news>\n      <news:publication>\n"
        b"        <news:name>D &amp; D</news:name>\n        <news:language>en</news:language>\n"
        b"      </news:publication>\n      <news:publication_date>2026-11-24T12:00:00+00:00</news:publication_date>\n"
        b"      <news:title />\n    </news:news>\n  </url>\n</urlset>\n"
    )
    assert news_sitemap([], now, "D") == SITEMAP_HEAD + b" />\n"


def test_robots_txt():
    assert robots_txt("https://d.example/", ["sitemap.xml"]) == "User-agent: *\nAllow: /\n\nSitemap: https://d.example/sitemap.xml\n"


@pytest.mark.parametrize(
    "text, words",
    [
        pytest.param("Rescue teams evacuated residents.", 4, id="english"),
        pytest.param("Café owners in Zürich – naïve", 5, id="accents-and-dash"),
        pytest.param("Російські війська відступили з Херсона", 5, id="cyrillic"),
        pytest.param("الجيش انسحب من المدينة", 4, id="arabic"),
        pytest.param("東京都の人口", 6, id="japanese-counts-characters"),
        pytest.param("It’s the players’ union", 4, id="apostrophes"),
    ],
)
def test_word_count(text, words):
    assert word_count(text) == words


def test_reading_time_shown_with_word_count(published):
    meta = page(published, ARTICLE).select_one(".meta").get_text(" ", strip=True)
    words = int(re.search(r"(\d+) words", meta).group(1))
    assert f"{reading_minutes(words)} min read" in meta


def test_previous_and_next_story_in_section(published):
    nav = page(published, ARTICLE).find("nav", class_="story-nav")
    previous, following = nav.find("a", rel="prev"), nav.find("a", rel="next")
    assert previous["href"].startswith(f"{SITEURL}/") and following["href"].startswith(f"{SITEURL}/")
    older = page(published, previous["href"][len(SITEURL) + 1:])
    assert older.find("nav", class_="story-nav").find("a", rel="next")["href"] == f"{SITEURL}/{ARTICLE}"


def test_topics_page_lists_each_kind_busiest_first(published):
    topics = page(published, "tags.html")
    headings = [h.get_text() for h in topics.select("section.topics h2")]
    assert "People" in headings and "Places" in headings
    assert len(headings) == len(set(headings))
    for section in topics.select("section.topics"):
        counts = [int(c.get_text().strip("()")) for c in section.select(".count")]
        assert counts == sorted(counts, reverse=True), section.h2.get_text()
    listed = [a.get_text() for a in topics.select(".tag-index a")]
    assert len(listed) == len(set(listed)) == len(list((published / "tag").glob("*.html")))


def test_every_internal_link_resolves_in_the_production_build(published):
    broken = [f"{p} -> {url}" for p, url, target in internal_links(published, SITEURL) if not target.exists()]
    assert broken == []
