"""A rebuild renders only what changed, and writes exactly the site a cold
build of the same content writes: after a new story, an edited story, a
deleted story, a new setting and an edited template."""
import os
import shutil

import pytest

from tests.helpers import ROOT, build_site, copy_sample_content, write_raw

from news_digest.pelican.parallel_pages import may_fork

NEW_STORY = {
    "world/2026-11-24-vukovar-dam.txt": (
        "Vukovar dam repairs begin after the Danube floods\n\n"
        "Engineers began repairing the river wall in Vukovar on Tuesday, a month after the Danube flooded "
        "the old town. Mayor Ivan Penava said the work would take a year.\n\n"
        "The Croatian government has pledged 200 million euros for the towns along the river.\n"
    ),
}


def site_files(output):
    """Every file of the site but the search index (Pagefind's own)."""
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*"))
            if p.is_file() and not p.relative_to(output).parts[0].startswith("pagefind")}


def cold_build(tmp_path, content, name, **settings):
    """The same content built from nothing: raw files only, empty output and cache."""
    fresh = tmp_path / name
    shutil.copytree(content, fresh / "content", ignore=shutil.ignore_patterns("*.md", "*.md.*"))
    for post in content.rglob("*.md"):  # hand-written posts stay
        if "Digest_checksum:" not in post.read_text(encoding="utf-8"):
            shutil.copy(post, fresh / "content" / post.relative_to(content))
    proc = build_site(fresh / "content", fresh / "output", **settings)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return fresh / "output"


def edit_story(content):
    path = next(content.glob("world/*croatia-flood-aid.txt"))
    path.write_text(path.read_text(encoding="utf-8").replace("Zagreb", "Osijek"), encoding="utf-8")


def delete_story(content):
    next(content.glob("science/*baikal*.txt")).unlink()


def edit_template(theme):
    page = theme / "templates" / "article.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Printed edition</p></article>", 1),
                    encoding="utf-8")


@pytest.fixture
def digest(tmp_path):
    content = copy_sample_content(tmp_path / "site" / "content")
    output = tmp_path / "site" / "output"
    assert build_site(content, output).returncode == 0
    return content, output


@pytest.mark.parametrize("change", ["new-story", "edited-story", "deleted-story", "new-setting", "new-post-respelled-tag"])
def test_a_rebuild_writes_the_site_a_cold_build_writes(digest, tmp_path, change):
    content, output = digest
    settings = {}
    if change == "new-story":
        write_raw(content, NEW_STORY)
    elif change == "edited-story":
        edit_story(content)
    elif change == "deleted-story":
        delete_story(content)
    elif change == "new-setting":
        settings = {"SITENAME": "The Evening Digest", "NEWS_DIGEST_RELATED_MAX": 2}
    else:
        # A person's spelling of a tag becomes the digest's, so an older
        # story's tag changes: the related links worked out meanwhile from
        # the last build's tags (related_ahead.py) are not the links.
        (content / "world" / "plenkovic-visit.md").write_text(
            "Title: Plenkovic visits Vukovar\nDate: 2026-11-25\nTags: Andrej Plenkovic, Vukovar\n\n"
            "The prime minister visited Vukovar on Wednesday.\n", encoding="utf-8")
    proc = build_site(content, output, options=["--debug"], **settings)
    assert proc.returncode == 0, proc.stderr[-2000:]
    if change == "new-story" and may_fork(True):
        # Its related links were worked out while the posts were read, from
        # the stories the last build kept (related_early.py).
        assert "from the stories the last build kept" in proc.stdout + proc.stderr
    rebuilt, cold = site_files(output), site_files(cold_build(tmp_path, content, "cold", **settings))
    assert sorted(rebuilt) == sorted(cold)
    assert [name for name in cold if rebuilt[name] != cold[name]] == []


def test_a_flat_content_folder_s_new_story_gets_its_related_links_early(tmp_path):
    """Raw files straight in content/, as a digest often has them: Pelican
    lists their posts as "./name.md", and the stories the last build kept
    are still found by their posts (related_early.py)."""
    content, output = tmp_path / "site" / "content", tmp_path / "site" / "output"
    content.mkdir(parents=True)
    for raw in sorted((ROOT / "content").rglob("*.txt")):
        shutil.copy(raw, content / raw.name)
    assert build_site(content, output).returncode == 0
    write_raw(content, {"vukovar-dam.txt": next(iter(NEW_STORY.values()))})
    proc = build_site(content, output, options=["--debug"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    if may_fork(True):
        assert "from the stories the last build kept" in proc.stdout + proc.stderr
    rebuilt, cold = site_files(output), site_files(cold_build(tmp_path, content, "cold"))
    assert sorted(rebuilt) == sorted(cold)
    assert [name for name in cold if rebuilt[name] != cold[name]] == []


def test_an_edited_template_renders_every_page_again(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    content = copy_sample_content(tmp_path / "site" / "content")
    output = tmp_path / "site" / "output"
    assert build_site(content, output, THEME=str(theme)).returncode == 0
    edit_template(theme)
    assert build_site(content, output, THEME=str(theme)).returncode == 0
    stories = [p for p in output.glob("*.html") if 'class="body"' in p.read_text(encoding="utf-8")]
    assert stories and all("Printed edition" in p.read_text(encoding="utf-8") for p in stories)


def test_a_rebuild_after_one_story_renders_only_its_pages(digest):
    """A story's page, and the listings of its section, tags and day, are
    rendered; the other stories' pages are not."""
    content, output = digest
    mark = b"<!-- as the last build left it -->"
    for path in output.rglob("*.html"):
        path.write_bytes(path.read_bytes() + mark)
    write_raw(content, NEW_STORY)
    assert build_site(content, output).returncode == 0
    rendered = {p.relative_to(output).as_posix() for p in output.rglob("*.html") if not p.read_bytes().endswith(mark)}
    assert {"vukovar-dam-repairs-begin-after-the-danube-floods.html", "index.html", "section/world.html",
            "tag/vukovar.html", "daily/2026-11-24.html", "archives.html"} <= rendered
    assert "talks-between-chile-and-bolivia-resume-in-santiago.html" not in rendered
    assert "ajax-beat-feyenoord-in-amsterdam-derby.html" not in rendered
    assert "section/sport.html" not in rendered


def test_a_feed_file_removed_since_the_last_build_is_written_again(digest):
    """Feeds and the OPML list are skipped when made from the same inputs
    as last time, but only while the file is still there."""
    content, output = digest
    gone = [output / "feeds.opml", output / "feeds" / "all.atom.xml"]
    before = [path.read_bytes() for path in gone]
    for path in gone:
        path.unlink()
    assert build_site(content, output).returncode == 0
    assert [path.read_bytes() for path in gone] == before


def test_ignore_cache_renders_every_page(digest):
    content, output = digest
    mark = b"<!-- as the last build left it -->"
    for path in output.rglob("*.html"):
        path.write_bytes(path.read_bytes() + mark)
    assert build_site(content, output, LOAD_CONTENT_CACHE=False).returncode == 0
    assert not [p for p in output.rglob("*.html") if p.read_bytes().endswith(mark)]


def test_ignore_cache_reads_every_raw_file_again(digest):
    """A raw file changed without changing its size or time keeps its stamp,
    so a rebuild does not read it; `pelican --ignore-cache` does."""
    content, output = digest
    for path in content.rglob("*"):  # settled: stamps are not taken of files just changed
        if path.is_file():
            os.utime(path, ns=(path.stat().st_mtime_ns - 60 * 10**9,) * 2)
    assert build_site(content, output).returncode == 0  # takes the stamps
    raw = next(content.glob("world/*croatia-flood-aid.txt"))
    post = raw.with_suffix(".md")
    when = raw.stat().st_mtime_ns
    raw.write_text(raw.read_text(encoding="utf-8").replace("Zagreb", "Osijek"), encoding="utf-8")
    os.utime(raw, ns=(when, when))
    assert "Osijek" not in post.read_text(encoding="utf-8")
    assert build_site(content, output, LOAD_CONTENT_CACHE=False).returncode == 0
    assert "Osijek" in post.read_text(encoding="utf-8")


def test_a_build_that_parses_no_post_leaves_the_reader_cache_as_it_is(digest):
    """Pelican rewrites its reader cache at every build; here only a build
    that parsed a post (a new or changed one) writes it, and the next build
    still reads every post from it."""
    content, output = digest
    cache = output.parent / "cache" / "ArticlesGenerator-Readers"
    assert build_site(content, output).returncode == 0
    kept = cache.stat().st_mtime_ns, cache.read_bytes()
    assert build_site(content, output).returncode == 0
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == kept
    write_raw(content, NEW_STORY)
    assert build_site(content, output).returncode == 0
    assert cache.read_bytes() != kept[1]  # the new post is in it
    assert (output / "vukovar-dam-repairs-begin-after-the-danube-floods.html").exists()


@pytest.mark.parametrize("damage", ["flipped", "emptied", "removed"])
def test_kept_stories_damaged_or_gone_still_give_the_cold_build_s_site(digest, tmp_path, damage):
    """The stories a rebuild's related links start from (related_early.py)
    are only a head start: damaged or missing, the links are worked out as
    before, and the next build has them again."""
    content, output = digest
    kept = output.parent / "cache" / "news_digest-related-docs.pickle"
    if may_fork(True):
        assert kept.is_file()
    if kept.is_file():
        data = kept.read_bytes()
        if damage == "flipped":
            kept.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
        elif damage == "emptied":
            kept.write_bytes(b"")
        else:
            kept.unlink()
    write_raw(content, NEW_STORY)
    proc = build_site(content, output)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rebuilt, cold = site_files(output), site_files(cold_build(tmp_path, content, "cold"))
    assert sorted(rebuilt) == sorted(cold)
    assert [name for name in cold if rebuilt[name] != cold[name]] == []
    if may_fork(True):
        from news_digest.pelican.related_links import kept_docs

        found = kept_docs({"CACHE_PATH": str(output.parent / "cache")})
        assert any(path.endswith("vukovar-dam.md") for path in found)  # kept again, the new story's too
