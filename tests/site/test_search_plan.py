"""Search bundles: a big digest is indexed by Pagefind in several bundles
that the search page merges (the browser side is in test_browser.py)."""
import json
import re

import pytest

from tests.helpers import build_site, copy_sample_content
from news_digest.site.search_plan import bundle_names, literal_glob, pagefind_config, plan_bundles


@pytest.mark.parametrize("count, size, sizes", [
    (0, 5, [0]),
    (3, 5, [3]),
    (5, 5, [5]),
    (6, 5, [5, 1]),  # full bundles oldest first; the newest holds the rest
    (14, 5, [5, 5, 4]),
    (2128, 2000, [2000, 128]),
    (14, 0, [14]),  # 0: one bundle
    (20000, 2000, [2000] * 10),
])
def test_plan_bundles_sizes(count, size, sizes):
    pages = [(f"2026-01-01 s{i:05d}", f"s{i:05d}.html") for i in range(count)]
    plan = plan_bundles(pages, size)
    assert list(plan) == bundle_names(len(sizes))
    assert [len(paths) for paths in plan.values()] == sizes
    assert sum(plan.values(), []) == [path for _, path in sorted(pages)]


def test_plan_bundles_oldest_first_so_a_new_story_joins_the_last_bundle():
    pages = [(f"2026-01-{day:02d} story-{day}", f"story-{day}.html") for day in range(1, 9)]
    before = plan_bundles(pages, 3)
    for extra in range(1, 5):
        newer = [(f"2026-02-{day:02d} newer", f"newer-{day}.html") for day in range(1, extra + 1)]
        after = plan_bundles(pages + newer, 3)
        # Every full bundle stays as it was: only the newest is indexed again.
        assert after["pagefind"] == before["pagefind"] and after["pagefind-2"] == before["pagefind-2"]
        assert after[list(after)[-1]][-1] == f"newer-{extra}.html"


@pytest.mark.parametrize("path, escaped", [
    ("a.html", "a.html"),
    ("2024/story.html", "2024/story.html"),
    ("c(1).html", r"c\(1\).html"),
    ("d,e.html", r"d\,e.html"),
    ("f{g}[h]*?.html", r"f\{g\}\[h\]\*\?.html"),
    ("ünïcode.html", "ünïcode.html"),
])
def test_literal_glob_escapes_glob_syntax(path, escaped):
    assert literal_glob([path, "x.html"]) == "{" + escaped + ",x.html}"


def test_pagefind_config_lists_exactly_the_bundle_pages():
    config = pagefind_config("/site", "/site/pagefind-2", ["a.html", "b.html"])
    assert config == {"site": "/site", "output_path": "/site/pagefind-2", "glob": "{a.html,b.html}", "quiet": True}


def bundle_pages(output):
    counts = {}
    for entry in sorted(output.glob("pagefind*/pagefind-entry.json")):
        languages = json.loads(entry.read_text())["languages"]
        counts[entry.parent.name] = sum(lang["page_count"] for lang in languages.values())
    return counts


def test_big_digest_indexed_in_bundles_that_the_search_page_merges(tmp_path):
    content = copy_sample_content(tmp_path / "content")
    output = tmp_path / "output"
    proc = build_site(content, output, NEWS_DIGEST_SEARCH_BUNDLE_SIZE=5)
    assert proc.returncode == 0, proc.stderr[-2000:]
    articles = [p for p in output.glob("*.html") if 'data-pagefind-body' in p.read_text(encoding="utf-8")]
    assert bundle_pages(output) == {"pagefind": 5, "pagefind-2": 5, "pagefind-3": len(articles) - 10}
    search_page = (output / "search.html").read_text(encoding="utf-8")
    assert re.search(r'\["pagefind-2", "pagefind-3"\]', search_page)

    # Nothing changed: no bundle is indexed again.
    stamps = {p: p.stat().st_mtime_ns for p in output.glob("pagefind*/pagefind-entry.json")}
    proc = build_site(content, output, NEWS_DIGEST_SEARCH_BUNDLE_SIZE=5)
    assert proc.returncode == 0
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps

    # One bundle again: the others are removed, not left stale.
    proc = build_site(content, output)
    assert proc.returncode == 0
    assert bundle_pages(output) == {"pagefind": len(articles)}
    assert "var merged = [].map(" in (output / "search.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page, indexed", [
    ("<main><p>story</p></main>", "<main><p>story</p></main>"),
    ('<p>s</p><aside class="related" data-pagefind-ignore><h2>Related</h2><a href="n.html">New</a></aside>', "<p>s</p>"),
    ('<nav data-pagefind-ignore><nav>x</nav>y</nav><p>s</p>', "<p>s</p>"),  # nested, same tag
    ('<img src="a.png" data-pagefind-ignore><p>s</p>', "<p>s</p>"),  # no closing tag
    ('<p data-pagefind-ignore-all>x</p>', '<p data-pagefind-ignore-all>x</p>'),  # another attribute
])
def test_indexed_part_leaves_out_what_pagefind_ignores(page, indexed):
    from news_digest.site.search_plan import indexed_part

    assert indexed_part(page) == indexed


def test_a_new_story_in_related_links_does_not_reindex_its_bundle():
    """Old stories' pages change (their related links), their search entries don't."""
    from news_digest.site.search_plan import indexed_part

    before = '<article data-pagefind-body><p>Story</p><aside data-pagefind-ignore><a href="a.html">A</a></aside></article>'
    after = before.replace('<a href="a.html">A</a>', '<a href="new.html">New</a><a href="a.html">A</a>')
    assert indexed_part(before) == indexed_part(after)
    assert indexed_part(before) != indexed_part(before.replace("Story", "Story, corrected"))


def test_a_digest_with_no_stories_yet_builds_without_a_search_warning(site):
    proc, _, output = site({"pages/about.md": "Title: About\n\nNothing yet.\n"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Pagefind" not in proc.stdout + proc.stderr
    assert (output / "search.html").exists()
