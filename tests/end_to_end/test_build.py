"""End-to-end: raw files -> `pelican` -> pages, checked with BeautifulSoup."""
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import build_site, internal_links

FLOODS = (
    "Floods close roads in the eastern region\r\n\r\n"
    "Roads in the eastern region were closed on Monday July 4 after the river rose.\r\n\r\n"
    "The governor said crews”would stay until the water fell“.\r\n\r\n"
    "What happens next\r\n\r\n"
    "Engineers will inspect the bridges on Tuesday.\r\n\r\n"
    "SEE ALSO – Minister orders checks in river towns\r\n\r\n"
    "source site"
).encode("utf-8")
CHECKS = "\ufeffMinister orders checks in river towns\n\nThe interior minister ordered checks in every river town.\n\nHe said the work would take a month.\n".encode("utf-8")
DERBY = "Ajax beat Feyenoord in derby\nAjax beat Feyenoord 2-1 on Sunday.\nThe win moves them top.\n".encode("utf-16")
RATES_A = b"Bank holds rates\n\nThe central bank held rates at 3.5%, saying prices were easing.\n"
RATES_B = b"Bank holds rates\n\nA different central bank also held rates, at 4%.\n"
CAFE = "Caf\u00e9 prices rise in Z\u00fcrich\n\nPrices in Z\u00fcrich caf\u00e9s rose 5% \u0093this year\u0094.\n".encode("cp1252", errors="ignore")
FILES = {
    "world/floods.txt": FLOODS,
    "world/checks.txt": CHECKS,
    "sport/derby.txt": DERBY,
    "business/rates-a.txt": RATES_A,
    "business/rates-b.txt": RATES_B,
    "business/rates-copy.txt": RATES_A,
    "business/cafe.txt": b"Caf\xe9 prices rise in Z\xfcrich\n\nPrices in Z\xfcrich caf\xe9s rose 5% \x93this year\x94.\n",
    "world/empty.txt": b"",
    "world/picture.txt": b"\x89PNG\r\n\x1a\n" + bytes(300),
    # Scraped UTF-8 with one stray Windows-1252 byte: published, with a warning.
    "world/stray.txt": "Ferry service resumes on the lake\n\nThe ferry sailed again, the operator said \u201cat last\u201d.\n".encode()
    + b"Crews checked the \x9dhull twice.\n",
    "pages/about.md": b"Title: About\n\nAbout this digest.\n",
    "extra/robots.txt": b"User-agent: *\n",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*.txt")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("digest")
    content, output = tmp / "content", tmp / "output"
    for rel, data in FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(data)
    before = digests(content)
    proc = build_site(content, output)
    return proc, content, output, before


def test_build_succeeds_and_names_each_bad_file(built):
    proc, *_ = built
    assert proc.returncode == 0, proc.stderr
    log = proc.stdout + proc.stderr
    warnings = [l for l in log.splitlines() if "WARNING" in l]
    assert any("world/empty.txt" in l and "empty" in l for l in warnings), log
    assert any("world/picture.txt" in l and "binary" in l for l in warnings), log
    assert any("business/rates-copy.txt" in l and "duplicate" in l for l in warnings), log
    offset = FILES["world/stray.txt"].rindex(b"\x9d")
    assert any("world/stray.txt" in l and f"byte offset {offset}" in l for l in warnings), log
    assert len(warnings) == 4, warnings


def test_a_story_with_a_stray_byte_is_published(built):
    _, _, output, _ = built
    page = soup(output / "ferry-service-resumes-on-the-lake.html")
    assert "Crews checked the" in page.get_text() and "hull twice" in page.get_text()


def test_raw_files_are_never_modified(built):
    _, content, _, before = built
    assert digests(content) == before


def test_markdown_posts_written_beside_raw_files(built):
    _, content, *_ = built
    post = (content / "world/floods.md").read_text(encoding="utf-8")
    assert post.startswith("Title: Floods close roads in the eastern region\n")
    assert "\nDate: 2022-07-04\n" in post
    assert "\nCategory: world\n" in post
    assert "\nSee_also: Minister orders checks in river towns\n" in post
    assert "\n## What happens next\n" in post
    assert not (content / "business/rates-copy.md").exists()
    assert not (content / "extra/robots.md").exists()


def test_article_page(built):
    _, _, output, _ = built
    page = soup(output / "floods-close-roads-in-the-eastern-region.html")
    article = page.find("article")
    assert article.find("h1").get_text() == "Floods close roads in the eastern region"
    assert article.find("time")["datetime"].startswith("2022-07-04T00:00:00")
    assert article.find(class_="section").get_text(strip=True) == "World"
    assert [h.get_text() for h in article.select(".body h2")] == ["What happens next"]
    text = article.select_one(".body").get_text(" ")
    assert "crews “would stay until the water fell”." in text
    assert "SEE ALSO" not in text and "source site" not in text
    assert page.find("title").get_text().startswith("Floods close roads")
    for landmark in ("header", "nav", "main", "footer"):
        assert page.find(landmark) is not None


def test_every_encoding_is_published(built):
    _, _, output, _ = built
    assert soup(output / "ajax-beat-feyenoord-in-derby.html").find("h1").get_text() == "Ajax beat Feyenoord in derby"
    assert soup(output / "minister-orders-checks-in-river-towns.html").find("h1").get_text() == "Minister orders checks in river towns"
    cafe = soup(output / "cafe-prices-rise-in-zurich.html")
    assert cafe.find("h1").get_text() == "Café prices rise in Zürich"
    assert "“this year”" in cafe.select_one(".body").get_text()


def test_same_headline_published_twice(built):
    _, _, output, _ = built
    first = soup(output / "bank-holds-rates.html").select_one(".body").get_text()
    second = soup(output / "bank-holds-rates-2.html").select_one(".body").get_text()
    assert {"3.5%" in first, "3.5%" in second} == {True, False}


def test_front_section_archive_and_404_pages(built):
    _, _, output, _ = built
    index = soup(output / "index.html")
    # The lead story, then the latest stories of each section.
    titles = [a.get_text() for a in index.select("article.summary h2 a, article.summary h3 a")]
    assert "Floods close roads in the eastern region" in titles
    assert len(index.select("article.summary.lead")) == 1
    assert [h.get_text(strip=True) for h in index.select(".front-section-title")]
    assert all(s.find("time") for s in index.select("article.summary"))
    assert soup(output / "section/world.html").find("h1").get_text() == "World"
    archive_links = soup(output / "archives.html").select("main li a")
    archive_titles = [a.get_text() for a in archive_links if not a.find("time")]
    assert len(archive_titles) == 7
    # Each date leads to that day's edition, which lists the day's stories by section.
    edition = next(a["href"] for a in archive_links if a.find("time"))
    assert edition.startswith("./daily/") and (output / edition).exists()
    assert soup(output / edition).select("main .front-section h3 a")
    assert (output / "404.html").exists()
    assert (output / "tags.html").exists()
    assert soup(output / "pages/about.html").find("h1").get_text() == "About"


def test_links_are_relative_and_resolve(built):
    """The site works from any folder: no link starts with '/', all resolve."""
    _, _, output, _ = built
    for page, url, target in internal_links(output):
        if page == "404.html":
            continue
        assert not url.startswith("/"), f"{page}: {url}"
        assert target.resolve().exists(), f"{page} -> {url}"


def test_edited_post_survives_rebuild(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "world").mkdir(parents=True)
    raw = content / "world/floods.txt"
    raw.write_bytes(FLOODS)
    assert build_site(content, output).returncode == 0
    post = content / "world/floods.md"
    edited = post.read_text(encoding="utf-8").replace(
        "Engineers will inspect the bridges on Tuesday.", "Engineers inspected the bridges on Tuesday."
    )
    post.write_text(edited, encoding="utf-8")
    # The raw file changes too: the edit still wins.
    raw.write_bytes(FLOODS.replace(b"Tuesday", b"Wednesday"))
    proc = build_site(content, output)
    assert proc.returncode == 0
    assert post.read_text(encoding="utf-8") == edited
    page = soup(output / "floods-close-roads-in-the-eastern-region.html")
    assert "Engineers inspected the bridges on Tuesday." in page.get_text()


def test_unedited_post_follows_its_raw_file_and_keeps_its_slug(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "world").mkdir(parents=True)
    raw = content / "world/floods.txt"
    raw.write_bytes(FLOODS)
    assert build_site(content, output).returncode == 0
    post = content / "world/floods.md"
    first = post.read_text(encoding="utf-8")
    raw.write_bytes(FLOODS.replace(b"Floods close roads", b"Floods shut roads"))
    assert build_site(content, output).returncode == 0
    second = post.read_text(encoding="utf-8")
    assert "Title: Floods shut roads in the eastern region" in second
    slug = re.search(r"^Slug: (.*)$", first, re.M).group(1)
    assert re.search(r"^Slug: (.*)$", second, re.M).group(1) == slug
    assert re.search(r"^Entry_id: (.*)$", second, re.M).group(1) == re.search(r"^Entry_id: (.*)$", first, re.M).group(1)


def test_a_raw_file_at_the_top_of_content_keeps_its_post(tmp_path):
    """Pelican lists a file at the top of the content folder as "./story.txt":
    its post must not read as an orphan and be removed on the next build
    (it was, every other build, so every page was rendered again)."""
    content, output = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    (content / "floods.txt").write_bytes(FLOODS)
    post = content / "floods.md"
    assert build_site(content, output).returncode == 0
    first = post.stat().st_mtime_ns, post.read_text(encoding="utf-8")
    for _ in range(2):
        proc = build_site(content, output)
        assert proc.returncode == 0, proc.stderr
        assert "removed" not in proc.stdout + proc.stderr
        assert (post.stat().st_mtime_ns, post.read_text(encoding="utf-8")) == first
    assert (output / "floods-close-roads-in-the-eastern-region.html").exists()


def test_sample_digest_builds_without_warnings(tmp_path):
    """The README's build: the sample content in the repository."""
    from tests.helpers import copy_sample_content

    content = copy_sample_content(tmp_path / "content")
    proc = build_site(content, tmp_path / "output")
    assert proc.returncode == 0, proc.stderr
    log = proc.stdout + proc.stderr
    assert "WARNING" not in log and "ERROR" not in log, log
    assert len(list((tmp_path / "output").glob("*.html"))) >= 14 + 4
    # A feed entry's related links are the ones its page shows, other reports
    # first: tools that judge related links read them from the feed.
    import feedparser

    # A section's or tag's feed links the other reports alone: similar
    # stories change with every new story, and would have its feeds written again.
    in_sections = {
        entry.id: [link.href.split("/")[-1] for link in entry.links if link.rel == "related"]
        for path in (tmp_path / "output/feeds/section").glob("*.atom.xml")
        for entry in feedparser.parse(str(path)).entries
    }
    checked = set()
    for entry in feedparser.parse(str(tmp_path / "output/feeds/all.atom.xml")).entries:
        page = soup(tmp_path / "output" / entry.link.split("/")[-1])
        reports = [a["href"].split("/")[-1] for a in page.select("#reports li a")]
        related = [a["href"].split("/")[-1] for a in page.select("aside.related ul:not(.see-also) li a")]
        assert [link.href.split("/")[-1] for link in entry.links if link.rel == "related"] == reports + related
        checked.add((bool(reports), bool(related)))
        assert in_sections[entry.id] == reports
    assert any(r for r, _ in checked) and any(x for _, x in checked), checked


def test_only_conversion_settings_convert_posts_again(tmp_path):
    """Posts are cached by the converter's code and options: switching search
    and daily editions off keeps them; a new tag limit converts them again."""
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "world").mkdir(parents=True)
    (content / "world/floods.txt").write_bytes(FLOODS)
    post = content / "world/floods.md"
    assert build_site(content, output).returncode == 0
    first = post.stat().st_mtime_ns, post.read_text()
    assert list(output.glob("daily/*.html")) and (output / "feeds/daily.atom.xml").exists()
    assert build_site(content, output, NEWS_DIGEST_SEARCH=False, NEWS_DIGEST_RELATED_MAX=2,
                      NEWS_DIGEST_DAILY_EDITIONS=False).returncode == 0
    assert (post.stat().st_mtime_ns, post.read_text()) == first
    # Daily editions switched off: no pages, no feed, no link to them.
    assert not list(output.glob("daily/*.html")) and not (output / "feeds/daily.atom.xml").exists()
    assert "daily/" not in (output / "index.html").read_text() + (output / "archives.html").read_text()
    assert build_site(content, output, NEWS_DIGEST_TAGS_MAX=1).returncode == 0
    digest_input = re.compile(r"^Digest_input: (.*)$", re.M)
    assert digest_input.search(post.read_text()).group(1) != digest_input.search(first[1]).group(1)
