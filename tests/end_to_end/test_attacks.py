"""What an attacker or an unlucky user does to a digest: names that are
markup or have no slug, headlines that take the site's pages, links out of
the content folder, odd file names, posts cut short, flipped cache bytes,
folders that cannot be written, deleted, renamed and moved stories, and a
build killed with its workers running. Each row builds a real digest into a
temporary folder."""
import hashlib
import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.helpers import build_site, write_raw

SITE = "https://digest.example"
SECTIONS = {"<img src=x onerror=alert(13)>": "Flood hits Vukovar", "<a>": "Storm hits Split", "&&&": "Budget passes in Zagreb"}
RESERVED = ["Index", "Search", "Tags", "Archives", "Sections", "404", "Feeds", "Pagefind", "Theme"]
ODD_NAMES = ["two  spaces.txt", "tab\tname.txt", "new\nline.txt", "LOUD.TXT"]
SECRET = "TOP-SECRET-7f3a9c"


def story(headline: str, place: str = "Zagreb") -> str:
    return f"{headline}\n\nThe council in {place} met on Monday, said mayor Ivan Penava. It was the third meeting.\n"


def log(proc) -> str:
    return proc.stdout + proc.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def every_output_text(output: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt", ".opml"))


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked")
    content, output, outside = root / "content", root / "output", root / "outside"
    raw = {f"{section}/story.txt": story(headline) for section, headline in SECTIONS.items()}
    raw.update({f"world/{name}.txt": story(name, "Rijeka") for name in RESERVED})
    raw.update({f"odd/{name}": story(f"Odd name {i} in Osijek", "Osijek") for i, name in enumerate(ODD_NAMES)})
    raw["world/dangling.txt"] = story("A post path that is a link")
    write_raw(content, raw)
    # Outside the content folder: a secret, a folder of stories, a link target.
    write_raw(outside, {"secret.txt": f"Secrets\n\n{SECRET}\n", "stories/linked.txt": story("Linked story", "Pula")})
    (content / "world" / "passwd.txt").symlink_to(outside / "secret.txt")
    (content / "linked").symlink_to(outside / "stories")
    (content / "world" / "dangling.md").symlink_to(outside / "written-through.md")
    output.mkdir()
    (output / "trap.html").symlink_to(outside / "written-through.html")
    (output / "tag").symlink_to(outside)
    outside_before = snapshot(outside)
    raw_before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in content.rglob("*.txt") if not p.is_symlink()}
    first = build_site(content, output, SITEURL=SITE)
    second = build_site(content, output, SITEURL=SITE)
    return {"root": root, "content": content, "output": output, "outside": outside, "first": first,
            "second": second, "outside_before": outside_before, "raw_before": raw_before}


def test_the_build_goes_on(attacked):
    for run in ("first", "second"):
        assert attacked[run].returncode == 0, log(attacked[run])[-3000:]


@pytest.mark.parametrize("section", list(SECTIONS))
def test_sections_with_no_slug_get_their_own(attacked, section):
    output = attacked["output"]
    pages = [p for p in (output / "section").glob("*.html")]
    assert not (output / "section" / ".html").exists()
    assert not list(output.rglob("*{slug}*"))
    found = [p for p in pages if section in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").find("h1").get_text()]
    assert len(found) == 1, [p.name for p in pages]
    feed = output / "feeds" / "section" / (found[0].stem + ".atom.xml")
    assert [e.title for e in feedparser.parse(str(feed)).entries] == [SECTIONS[section]]


@pytest.mark.parametrize("headline", RESERVED)
def test_a_headline_never_takes_a_page_of_the_site(attacked, headline):
    output = attacked["output"]
    front = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.find("h1").get_text(strip=True) == "Latest stories"
    post = (attacked["content"] / "world" / f"{headline}.md").read_text(encoding="utf-8")
    slug = next(line.split(": ", 1)[1] for line in post.splitlines() if line.startswith("Slug: "))
    assert slug != headline.lower()
    page = BeautifulSoup((output / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text(strip=True) == headline


def test_nothing_from_outside_the_content_is_published(attacked):
    assert SECRET not in every_output_text(attacked["output"])
    assert "Linked story" not in every_output_text(attacked["output"])
    assert not (attacked["outside"] / "stories" / "linked.md").exists()
    log_text = log(attacked["first"])
    assert "passwd.txt: a link to" in log_text and "linked: a link to" in log_text


def test_nothing_is_written_through_a_link(attacked):
    assert snapshot(attacked["outside"]) == attacked["outside_before"]
    assert not (attacked["outside"] / "written-through.md").exists()
    assert (attacked["content"] / "world" / "dangling.md").is_symlink()  # left as it was
    assert "dangling.md is a link" in log(attacked["first"])
    assert not (attacked["output"] / "tag").is_symlink() and (attacked["output"] / "tag").is_dir()
    assert "in the output folder; removed" in log(attacked["first"])


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_published_and_stay_in_step(attacked, name):
    post = (attacked["content"] / "odd" / name).with_suffix(".md")
    assert post.exists()
    assert "was not made from this file" not in log(attacked["second"])
    assert "posts written, 0 up to date" not in log(attacked["second"])
    index = ODD_NAMES.index(name)
    assert list(attacked["output"].glob(f"odd-name-{index}-in-osijek*.html"))


def test_raw_files_stay_byte_identical(attacked):
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in attacked["raw_before"]} == attacked["raw_before"]


# --- Rows that need builds of their own -------------------------------------


def posts_of(content: Path) -> dict[str, dict[str, str]]:
    """Post path -> its header, for every post in the content."""
    found = {}
    for post in content.rglob("*.md"):
        head = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        found[post.relative_to(content).as_posix()] = dict(line.split(": ", 1) for line in head.splitlines())
    return found


def feed_titles(output: Path) -> list[str]:
    return sorted(e.title for e in feedparser.parse(str(output / "feeds" / "all.atom.xml")).entries)


def test_deleted_renamed_and_moved_stories(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/gone.txt": story("A story that is deleted"),
                        "world/renamed.txt": story("A story whose file is renamed", "Split"),
                        "world/moved.txt": story("A story moved to sport", "Osijek"),
                        "world/edited.txt": story("An edited story whose file goes", "Pula"),
                        "world/stays.txt": story("A story that stays", "Rijeka")})
    assert build_site(content, output, SITEURL=SITE).returncode == 0
    before = posts_of(content)
    edited = content / "world" / "edited.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("third meeting", "third meeting (edited)"),
                      encoding="utf-8")
    (content / "world" / "gone.txt").unlink()
    (content / "world" / "edited.txt").unlink()
    (content / "world" / "renamed.txt").rename(content / "world" / "new-name.txt")
    (content / "sport").mkdir()
    (content / "world" / "moved.txt").rename(content / "sport" / "moved.txt")
    proc = build_site(content, output, SITEURL=SITE)
    assert proc.returncode == 0, log(proc)[-3000:]
    after = posts_of(content)
    # Deleted: its post, page and feed entry are gone.
    assert "world/gone.md" not in after
    assert "A story that is deleted" not in feed_titles(output)
    assert not (output / f"{before['world/gone.md']['Slug']}.html").exists()
    # Renamed and moved: one copy, with the same slug and feed ID.
    for old, new in (("world/renamed.md", "world/new-name.md"), ("world/moved.md", "sport/moved.md")):
        assert old not in after and new in after
        assert (after[new]["Slug"], after[new]["Entry_id"]) == (before[old]["Slug"], before[old]["Entry_id"])
    assert feed_titles(output).count("A story moved to sport") == 1
    world = (output / "section" / "world.html").read_text(encoding="utf-8")
    assert "A story moved to sport" not in world and "A story moved to sport" in (output / "section" / "sport.html").read_text(encoding="utf-8")
    # Edited by hand: it stays, and the build says why.
    assert "world/edited.md" in after and "An edited story whose file goes" in feed_titles(output)
    assert "edited.txt is gone, but the post was edited by hand" in log(proc)


def test_stale_pages_and_feeds_are_removed_by_every_build(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/a.txt": story("Pula harbour reopens", "Pula"),
                        "world/b.txt": story("Rijeka port expands", "Rijeka")})
    assert build_site(content, output, SITEURL=SITE).returncode == 0
    assert (output / "tag" / "pula.html").exists() and (output / "feeds" / "tag" / "pula.atom.xml").exists()
    (content / "world" / "a.txt").unlink()
    assert build_site(content, output, SITEURL=SITE).returncode == 0
    assert not (output / "tag" / "pula.html").exists()
    assert not (output / "feeds" / "tag" / "pula.atom.xml").exists()
    assert not (output / "pula-harbour-reopens.html").exists()
    assert (output / "rijeka-port-expands.html").exists() and (output / "theme").is_dir()
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "pula" not in sitemap and f"{SITE}/rijeka-port-expands.html" in sitemap


def test_a_post_cut_short_is_written_again(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/long.txt": "A long story\n\n" + "The council in Zagreb met again. " * 4000 + "\n"})
    assert build_site(content, output, SITEURL=SITE).returncode == 0
    post = content / "world" / "long.md"
    whole = post.read_bytes()
    post.write_bytes(whole[:8192])  # a build killed while writing it: mid-word, no final newline
    proc = build_site(content, output, SITEURL=SITE)
    assert proc.returncode == 0
    assert post.read_bytes() == whole
    assert "was cut short" in log(proc)
    assert (content / "world" / "long.md.cut-short").read_bytes() == whole[:8192]


def test_a_raw_change_under_an_edited_post_is_a_warning(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/story.txt": story("Zagreb council meets")})
    assert build_site(content, output, SITEURL=SITE).returncode == 0
    post = content / "world" / "story.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    edited = post.read_bytes()
    write_raw(content, {"world/story.txt": story("Zagreb council meets again")})
    proc = build_site(content, output, SITEURL=SITE)
    assert post.read_bytes() == edited
    assert "WARNING" in log(proc) and "story.txt: changed, but its post world/story.md was edited by hand" in log(proc)


@pytest.mark.parametrize("how", ["read-only folder", "a folder where the post goes"])
def test_a_post_that_cannot_be_written_is_named_and_the_rest_is_built(tmp_path, how):
    if how == "read-only folder" and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    content, output = tmp_path / "content", tmp_path / "output"
    write_raw(content, {"world/old.txt": story("An old story"), "locked/new.txt": story("A new story", "Split")})
    if how == "read-only folder":
        (content / "locked").chmod(0o555)
    else:
        (content / "locked" / "new.md").mkdir()
    try:
        proc = build_site(content, output, SITEURL=SITE)
    finally:
        (content / "locked").chmod(0o755)
    assert proc.returncode == 0, log(proc)[-3000:]
    assert "new.txt: skipped, its post locked/new.md cannot be" in log(proc)
    assert feed_titles(output) == ["An old story"]


def test_a_flipped_byte_in_the_cache_is_never_published(tmp_path):
    content = tmp_path / "content"
    write_raw(content, {f"world/{i}.txt": story(f"Monetary Policy Committee meets in Zagreb {i}") for i in range(4)})
    clean = tmp_path / "clean"
    assert build_site(content, clean, SITEURL=SITE, CACHE_PATH=str(tmp_path / "clean-cache")).returncode == 0
    output, cache = tmp_path / "output", tmp_path / "cache"
    assert build_site(content, output, SITEURL=SITE, CACHE_PATH=str(cache)).returncode == 0
    for name in ("news_digest-tags.json", "news_digest-related.json"):
        kept = bytearray((cache / name).read_bytes())
        at = kept.index(b"Monetary") if b"Monetary" in kept else len(kept) // 2
        kept[at + 5] ^= 0x01
        (cache / name).write_bytes(bytes(kept))
    with sqlite3.connect(str(cache / "news_digest-feed-entries.sqlite")) as db:
        for key, value in db.execute("SELECT key, value FROM blobs").fetchall():
            value = bytearray(value)
            value[-10] ^= 0x01
            db.execute("UPDATE blobs SET value = ? WHERE key = ?", (bytes(value), key))
    for post in content.rglob("*.md"):  # the posts stay; only the cache is damaged
        os.utime(post)
    assert build_site(content, output, SITEURL=SITE, CACHE_PATH=str(cache)).returncode == 0
    damaged = {k: v for k, v in snapshot(output).items() if not k.startswith("pagefind")}
    assert damaged == {k: v for k, v in snapshot(clean).items() if not k.startswith("pagefind")}


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_die_with_the_build(tmp_path):
    """kill -9 of the build while its conversion workers run: they exit too."""
    import subprocess
    import sys

    from tests.helpers import ROOT

    content = tmp_path / "content"
    write_raw(content, {f"world/{i}.txt": story(f"Story {i} from Zagreb") + "More text about Zagreb. " * 400
                        for i in range(600)})
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    build = subprocess.Popen(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py"),
         "-e", f'CACHE_PATH="{tmp_path / "cache"}"', "NEWS_DIGEST_WORKERS=2", "NEWS_DIGEST_SEARCH=false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.time() + 60, []
    while time.time() < deadline and len(workers) < 2 and build.poll() is None:
        workers = children_of(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build finished before its workers could be seen"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = []
    for pid in workers:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":  # a zombie has exited; only its parent's wait is missing
            alive.append(pid)
    assert alive == []
