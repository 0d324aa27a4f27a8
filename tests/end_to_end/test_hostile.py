"""Hostile and broken input: every case is either published or skipped with a
message naming it, nothing is injected, nothing outside the output is written,
raw files are left as they were, feeds parse."""
import hashlib
import os
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.helpers import build_site

ARABIC = "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645"
BIG_PARAGRAPH = "The council in Zagreb met again on Monday and Mr Ivan Kovač said “it was fine”. " * 62_000

# name: (raw bytes, expected outcome: "published" or the reason a skip names)
CASES = {
    "empty": (b"", "empty"),
    "whitespace-only": (b"  \n\t \r\n  ", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "no-headline": ("SEE ALSO – Another story entirely\n\nSome text.\n".encode(), "no headline"),
    # Bytes no encoding defines: published as text, with one warning naming them.
    "undecodable": (b"Headline here\n\nText \x81\x8d\x8f\x90\x9d more text.\n", "published"),
    "nul-and-controls": (b"Head\x00line with\x07 controls\n\nBody \x00text with \x1b[31mcolour\x1b[0m.\n", "published"),
    "utf-16": ("Caf\u00e9 story in UTF-16\n\nBody of the caf\u00e9 story.\n".encode("utf-16"), "published"),
    "utf-8-bom": (b"\xef\xbb\xbfStory with a BOM\n\nBody text.\n", "published"),
    "windows-1252": (b"Caf\xe9 story in Windows-1252\n\nIt said \x93hello\x94.\n", "published"),
    "5mb-paragraph": (("A very long story\n\n" + BIG_PARAGRAPH + "\n").encode(), "published"),
    "3000-char-headline": (("Long " * 600 + "\n\nBody text.\n").encode(), "published"),
    "right-to-left": (f"{ARABIC}\n\n{ARABIC} \u2014 {ARABIC}.\n".encode(), "published"),
    "emoji": ("Party time \U0001F389\U0001F37E for \U0001F468\u200d\U0001F469\u200d\U0001F467\n\nBody \U0001F600.\n".encode(), "published"),
    "punctuation-headline": ("?!?! ... !!!\n\nBody text.\n".encode(), "published"),
    "html-and-script": (
        b"<script>alert('title')</script> Headline <b>bold</b>\n\n"
        b"<script>alert(1)</script> <iframe src=\"https://evil.example\"></iframe> "
        b"<img src=x onerror=\"alert(2)\"> <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">link</a> "
        b"[markdown link](javascript:alert(5)) ![img](javascript:alert(6)) <svg onload=alert(7)>\n",
        "published",
    ),
    "metadata-lookalikes": (
        b"Title: Hacked title\nStatus: draft\nTemplate: evil\nSave_as: ../../escaped.html\n\n"
        b"Save_as: ../outside.html\nStatus: hidden\nSlug: ../../escape\nURL: javascript:alert(1)\n",
        "published",
    ),
    "markdown-bombs": (
        ("Markdown bombs\n\n" + "*" * 30000 + "\n\n" + "[" * 30000 + "\n\n" + "<" * 30000 + "\n\n"
         + "_" * 30000 + "\n\n" + "*_[<`\\&#" * 5000 + "\n").encode(),
        "published",
    ),
    "cdata-and-xml": (b"Story ]]> with XML\n\nBody ]]> &amp; <![CDATA[ x ]]> \xef\xbf\xbe end.\n", "published"),
    "crlf-and-lone-cr": (b"Carriage returns\r\n\r\nOne.\rTwo.\r\n", "published"),
}


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.txt")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content, output = root / "content", root / "output"
    for name, (data, _) in CASES.items():
        (content / "world").mkdir(parents=True, exist_ok=True)
        (content / "world" / f"{name}.txt").write_bytes(data)
    (content / "world/same-headline-1.txt").write_bytes(b"Same headline\n\nFirst story.\n")
    (content / "world/same-headline-2.txt").write_bytes(b"Same headline\n\nSecond story.\n")
    (content / "world/zz-duplicate.txt").write_bytes(CASES["utf-8-bom"][0])
    before = digest(content)
    outside_before = set(os.listdir(root))
    proc = build_site(content, output, SITEURL="https://digest.example")
    return {"proc": proc, "content": content, "output": output, "before": before,
            "outside_before": outside_before, "root": root}


def test_build_goes_on_and_exits_0(hostile):
    assert hostile["proc"].returncode == 0, hostile["proc"].stderr[-3000:]


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_is_published_or_skipped_by_name(hostile, name):
    outcome = CASES[name][1]
    log = hostile["proc"].stdout + hostile["proc"].stderr
    post = hostile["content"] / "world" / f"{name}.md"
    if outcome == "published":
        assert post.exists(), log[-2000:]
        slug = re.search(r"^Slug: (.+)$", post.read_text(encoding="utf-8"), re.M).group(1)
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) and len(slug) <= 80
        assert (hostile["output"] / f"{slug}.html").exists()
    else:
        assert not post.exists()
        lines = [l for l in log.splitlines() if f"world/{name}.txt" in l]
        assert len(lines) == 1, lines
        assert "WARNING" in lines[0] and outcome in lines[0]


def test_undecodable_bytes_are_named_in_one_warning(hostile):
    log = hostile["proc"].stdout + hostile["proc"].stderr
    lines = [l for l in log.splitlines() if "world/undecodable.txt" in l]
    assert len(lines) == 1 and "WARNING" in lines[0], lines
    assert "at byte offsets 20, 21, 22, 23, 24" in lines[0]


@pytest.mark.parametrize("name", [n for n, (_, outcome) in CASES.items() if outcome == "published"])
def test_no_markup_is_injected(hostile, name):
    post = (hostile["content"] / "world" / f"{name}.md").read_text(encoding="utf-8")
    slug = re.search(r"^Slug: (.+)$", post, re.M).group(1)
    soup = BeautifulSoup((hostile["output"] / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert not article.find_all(["script", "iframe", "svg", "object", "embed", "style", "form"])
    for tag in article.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else value
            assert not text.strip().lower().startswith("javascript:"), tag


def test_script_stays_visible_text(hostile):
    soup = BeautifulSoup((hostile["output"] / "alerttitle-headline-bold.html").read_text(), "html.parser")
    assert soup.find("h1").get_text() == "<script>alert(‘title’)</script> Headline <b>bold</b>"
    body = soup.select_one(".body").get_text()
    assert "<iframe src=" in body and "[markdown link](javascript:alert(5))" in body


def test_metadata_lookalikes_stay_text(hostile):
    post = (hostile["content"] / "world/metadata-lookalikes.md").read_text()
    header = post.split("\n\n", 1)[0]
    assert "Title: Title: Hacked title" in header
    assert not re.search(r"^(Status|Template|Save_as|URL):", header, re.M)
    page = BeautifulSoup((hostile["output"] / "title-hacked-title.html").read_text(), "html.parser")
    assert "Status: hidden" in page.select_one(".body").get_text()
    assert not list(hostile["root"].rglob("escaped.html")) and not list(hostile["root"].rglob("outside.html"))


def test_nothing_written_outside_the_output(hostile):
    assert set(os.listdir(hostile["root"])) - hostile["outside_before"] <= {"output", "cache"}
    written = {p.relative_to(hostile["content"]).as_posix() for p in hostile["content"].rglob("*") if p.is_file()}
    assert all(p.endswith((".txt", ".md")) for p in written)


def test_raw_files_are_byte_identical(hostile):
    assert digest(hostile["content"]) == hostile["before"]


def test_same_headline_twice_and_duplicates_once(hostile):
    output, log = hostile["output"], hostile["proc"].stdout + hostile["proc"].stderr
    first, second = output / "same-headline.html", output / "same-headline-2.html"
    assert first.exists() and second.exists()
    assert {"First story." in first.read_text(), "First story." in second.read_text()} == {True, False}
    assert not (hostile["content"] / "world/zz-duplicate.md").exists()
    assert any("world/zz-duplicate.txt" in l and "duplicate" in l for l in log.splitlines())


def test_every_feed_parses(hostile):
    feeds = list((hostile["output"] / "feeds").rglob("*.xml"))
    assert feeds
    for path in feeds:
        etree.fromstring(path.read_bytes())
        assert not feedparser.parse(path.read_bytes()).bozo, path


def test_atomic_writer_keeps_the_good_page_when_writing_fails(tmp_path):
    from news_digest.pelican.writer import AtomicWriter

    writer = AtomicWriter(str(tmp_path), settings={})
    target = str(tmp_path / "page.html")
    with writer._open_w(target, "utf-8") as handle:
        handle.write("good page")
    with pytest.raises(RuntimeError):
        with writer._open_w(target, "utf-8", override=True) as handle:
            handle.write("half a pa")
            raise RuntimeError("the build stops here")
    assert (tmp_path / "page.html").read_text() == "good page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
