"""Search bundles: which article pages go into which Pagefind bundle, and the
Pagefind configuration that indexes exactly those pages.

Pagefind holds every page it indexes in memory (about 180 KB a news story),
so a 20,000-story digest indexed at once needs over 3 GB. A big digest is
therefore indexed as several bundles of at most NEWS_DIGEST_SEARCH_BUNDLE_SIZE
stories, run one after another, which the search page merges in the browser
(Pagefind's `mergeIndex`). Stories are put in bundles oldest first, so a new
story changes only the newest bundle's membership.

Pure: no files are read or written here.
"""
from __future__ import annotations

import hashlib
import json
import math
import re

PRIMARY = "pagefind"  # the bundle Pagefind's UI script is loaded from
# What a wax glob (Pagefind's --glob) treats as syntax; escaped to be literal.
GLOB_SPECIAL = re.compile(r"([\\?*$:<>()\[\]{},!#~])")


def bundle_names(count: int) -> list[str]:
    """ "pagefind", then "pagefind-2", "pagefind-3"... beside it in the output.

    >>> bundle_names(3)
    ['pagefind', 'pagefind-2', 'pagefind-3']
    """
    return [PRIMARY] + [f"{PRIMARY}-{k}" for k in range(2, count + 1)]


def plan_bundles(pages: list[tuple[str, str]], size: int) -> dict[str, list[str]]:
    """{bundle name: page paths} for pages given as (sort key, path): pages in
    key order (oldest first), `size` to a bundle, the newest bundle holding
    the rest (size 0: one bundle). So a new story joins the newest bundle and
    leaves every older one as it was: a rebuild indexes only the newest
    bundle again. (Splitting evenly instead would move the boundaries with
    every other new story, and have every bundle indexed again.)

    >>> plan_bundles([("2", "b.html"), ("1", "a.html"), ("3", "c.html")], 2)
    {'pagefind': ['a.html', 'b.html'], 'pagefind-2': ['c.html']}
    """
    paths = [path for _, path in sorted(pages)]
    if not size:
        return {PRIMARY: paths}
    count = max(1, math.ceil(len(paths) / size))
    return {name: paths[i * size:(i + 1) * size] for i, name in enumerate(bundle_names(count))}


def literal_glob(paths: list[str]) -> str:
    """A Pagefind glob matching exactly these paths (relative to the site).

    >>> literal_glob(["a.html", "2024/b{1}.html"])
    '{a.html,2024/b\\\\{1\\\\}.html}'
    """
    return "{" + ",".join(GLOB_SPECIAL.sub(r"\\\1", path) for path in paths) + "}"


def pagefind_config(site: str, bundle_path: str, paths: list[str]) -> dict:
    """Pagefind's configuration (its pagefind.json) for one bundle. The page
    list goes in a file rather than on the command line, where thousands of
    names would pass the operating system's limit on one argument."""
    return {"site": site, "output_path": bundle_path, "glob": literal_glob(paths), "quiet": True}


IGNORED_START = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-ignore(?=[\s=/>])[^>]*>")


def indexed_part(page: str) -> str:
    """A page without its data-pagefind-ignore elements: what Pagefind reads
    of it. A story's page changes when a newer story joins its related links,
    but its search entry does not, and its bundle need not be indexed again.

    Hand-written because parsing every page of a big digest with an HTML
    parser would cost more than indexing it again; the pages are our own
    theme's, and a miscount only means a bundle is indexed again.

    >>> indexed_part('<p>a</p><aside data-pagefind-ignore><aside>x</aside></aside><p>b</p>')
    '<p>a</p><p>b</p>'
    >>> indexed_part('<img src=x data-pagefind-ignore><p>b</p>')
    '<p>b</p>'
    """
    kept, position = [], 0
    while True:
        start = IGNORED_START.search(page, position)
        if not start:
            kept.append(page[position:])
            return "".join(kept)
        kept.append(page[position:start.start()])
        name = re.escape(start.group(1))
        tags = re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)
        depth, end = 1, start.end()  # unclosed: only the tag itself goes
        for tag in tags.finditer(page, start.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        position = end


def bundle_key(name: str, paths: list[str], page_hashes: list[str]) -> str:
    """What a bundle was made from: an unchanged key means its index is too."""
    return hashlib.sha1(json.dumps([name, paths, page_hashes]).encode("utf-8")).hexdigest()
