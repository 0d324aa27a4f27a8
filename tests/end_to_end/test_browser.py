"""The built sample digest in a real browser: Debian's Chromium, driven by
Playwright, checked with axe-core; served on localhost at the root and under a
sub-path. Screenshots go to test-output/screenshots/ for a person to look at."""
import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from news_digest.site.html_text import inert_markup
from tests.helpers import ROOT, build_site, copy_sample_content

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
SUB_PATH = "news/digest"
PAGES = {
    "front": "index.html",
    "article": "danube-flooding-forces-evacuation-of-vukovar-old-town.html",
    "tag": "tag/vukovar.html",
    "topics": "tags.html",
    "section": "section/world.html",
    "daily": "daily/2026-11-20.html",
    "archives": "archives.html",
    "search": "search.html",
}
BUILT = {}  # "site": the built sample digest's folder
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run must install Debian's chromium package")
        pytest.skip("the browser tests need Debian's Chromium: sudo apt-get install chromium (.ci/run installs it)")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample digest built once, served at / and at /news/digest/."""
    require_chromium()
    root = tmp_path_factory.mktemp("browser")
    content = copy_sample_content(root / "content")
    site = root / "site"
    # Small search bundles, so that the search page has to merge them, as it
    # does for a big digest.
    proc = build_site(content, site, NEWS_DIGEST_SEARCH_BUNDLE_SIZE=5)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (site / "pagefind" / "pagefind-ui.js").exists(), "the search index was not built"
    assert (site / "pagefind-3" / "pagefind-entry.json").exists(), "the search index was not split"
    BUILT["site"] = site
    shutil.copytree(site, site / SUB_PATH)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url, width=1280, color_scheme="light"):
    """Open a page; return it with the console errors and failed requests seen."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=color_scheme)
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(f"console: {msg.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"))
    page.goto(url, wait_until="networkidle")
    return page, problems


def axe_violations(page):
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("base", ["", SUB_PATH], ids=["root", "sub-path"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_and_is_accessible(served, browser, name, base):
    url = f"{served}/{base + '/' if base else ''}{PAGES[name]}"
    page, problems = open_page(browser, url)
    if name == "search":
        page.wait_for_selector(".pagefind-ui__search-input")
    assert problems == []
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if not base:
        page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        # No sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


def test_dark_mode_follows_the_system_and_stays_readable(served, browser):
    page, problems = open_page(browser, f"{served}/{PAGES['article']}", color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(253, 252, 248)"  # not the light background
    assert problems == [] and axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "article-dark.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("base", ["", SUB_PATH], ids=["root", "sub-path"])
def test_search_finds_a_sample_article(served, browser, base):
    page, problems = open_page(browser, f"{served}/{base + '/' if base else ''}search.html")
    page.fill(".pagefind-ui__search-input", "Vukovar")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => [e.textContent, e.href])")
    assert any("Danube flooding" in text for text, _ in links), links
    target = next(href for text, href in links if "Danube flooding" in text)
    assert target.startswith(f"{served}/{base}")
    page.goto(target)
    assert "Danube flooding" in page.title()
    assert problems == []
    page.close()


def test_search_results_show_date_and_section_not_raw_metadata(served, browser):
    page, problems = open_page(browser, f"{served}/search.html")
    page.fill(".pagefind-ui__search-input", "Vukovar")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(500)
    lines = page.eval_on_selector_all(".pagefind-ui__result", "els => els.map(e => e.innerText)")
    danube = next(line for line in lines if "Danube flooding" in line)
    meta = page.text_content(".pagefind-ui__result .search-meta")
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} · \w+", meta.strip()), meta
    assert "World" in danube and "Date:" not in danube and "Section:" not in danube, danube
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(SCREENSHOTS / "search-results-phone.png"), full_page=True)
    assert problems == [] and axe_violations(page) == []
    page.close()


def test_front_page_leads_with_a_story_then_each_section(served, browser):
    page, problems = open_page(browser, f"{served}/index.html")
    lead = page.locator("main article.lead")
    assert lead.count() == 1 and lead.locator("h2").is_visible()
    sections = page.eval_on_selector_all("main .front-section-title", "els => els.map(e => e.textContent.trim())")
    assert "World" in sections and len(sections) == len(set(sections)), sections
    # A section's heading leads to the section's own page.
    page.click("main .front-section-title a >> text=World")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").text_content().strip().startswith("World")
    # The latest edition is one click from the front page, and lists that day's stories.
    page.goto(f"{served}/index.html")
    page.click("main .editions a >> nth=0")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").text_content().startswith("Edition of")
    assert page.locator("main article.summary").count() >= 1
    assert problems == []
    page.close()


def test_search_merges_every_bundle(served, browser):
    """A word in every story: each story is found, whichever bundle holds it."""
    page, problems = open_page(browser, f"{served}/search.html")
    page.fill(".pagefind-ui__search-input", "the")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    message = page.text_content(".pagefind-ui__message")
    stories = [p for p in BUILT["site"].glob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(stories) > 10  # more than one bundle holds
    assert message.startswith(f"{len(stories)} results"), message
    assert problems == []
    page.close()


def test_skip_link_and_focus_are_visible(served, browser):
    page, _ = open_page(browser, f"{served}/{PAGES['article']}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0  # moved into view when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.close()


@pytest.mark.parametrize("base", ["", SUB_PATH], ids=["root", "sub-path"])
def test_link_checker_crawls_the_whole_site_over_http(served, base):
    """Follow every same-site link and asset from the front page; all answer 200."""
    from html.parser import HTMLParser
    from urllib.error import HTTPError
    from urllib.parse import urldefrag, urljoin
    from urllib.request import urlopen

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                    self.found.append(value)

    start = f"{served}/{base + '/' if base else ''}index.html"
    prefix = start.rsplit("/", 1)[0] + "/"
    seen, queue, broken = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except HTTPError as error:
            broken.append(f"{error.code} {url}")
            continue
        if "html" in kind:
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.found:
                target = urldefrag(urljoin(url, link))[0]
                if target.startswith(prefix):
                    queue.append(target)
    assert broken == []
    assert len(seen) > 50


def test_reports_of_one_story_are_grouped(served, browser):
    """The front page shows each story once, with "+N more reports" leading to
    the article's "Other reports of this story", which comes first."""
    page, problems = open_page(browser, f"{served}/index.html")
    teasers = page.eval_on_selector_all(
        "main article.summary", "els => els.map(e => [e.querySelector('h2 a, h3 a').textContent.trim(),"
        " (e.querySelector('.more-reports a') || {}).textContent || ''])")
    grouped = [(title, more) for title, more in teasers if more]
    assert grouped, teasers  # the sample digest has two stories told twice
    page.click(".more-reports a >> nth=0")
    page.wait_for_load_state("networkidle")
    heading = page.locator("#reports-heading")
    assert heading.is_visible() and heading.text_content() == "Other reports of this story"
    assert page.evaluate("location.hash") == "#reports"
    reports = page.eval_on_selector_all("#reports li a", "els => els.map(e => e.textContent.trim())")
    count = int(grouped[0][1].strip().lstrip("+").split()[0])
    assert len(reports) == count
    # The other reports are not shown again as stories of their own.
    front = [title for title, _ in teasers]
    assert not set(reports) & set(front), (reports, front)
    # Other reports come before any related story.
    order = page.evaluate("[...document.querySelectorAll('aside')].map(a => a.className)")
    assert order.index("reports") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article-reports.png"), full_page=True)
    assert problems == [] and axe_violations(page) == []
    page.close()


XSS_SECTION = "<img src=x onerror=alert(13)>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A digest whose section folder, headline, body and a hand-written post's
    tags are markup, served on localhost."""
    require_chromium()
    root = tmp_path_factory.mktemp("hostile-browser")
    content = root / "content"
    (content / XSS_SECTION).mkdir(parents=True)
    (content / XSS_SECTION / "flood.txt").write_text(
        "Flood <img src=x onerror=alert(1)> hits Vukovar\n\n"
        "The Danube flooded Vukovar on Monday <script>alert(2)</script>, said mayor Ivan Penava.\n")
    (content / "world").mkdir()
    (content / "world" / "edited.md").write_text(
        "Title: Storm <svg onload=alert(3)> in Split\nDate: 2026-11-20\n"
        "Tags: <img src=x onerror=alert(4)>, Split\n\nA storm hit Split and Vukovar on Tuesday.\n")
    site = root / "site"
    proc = build_site(content, site)
    assert proc.returncode == 0, proc.stderr[-2000:]
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_names_stay_text_in_search_filters_and_results(hostile_site, browser):
    """Pagefind's UI writes filter labels and excerpts as HTML: a section
    folder, a tag or a headline that is markup must still show as text."""
    page, problems = open_page(browser, f"{hostile_site}/search.html")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.fill(".pagefind-ui__search-input", "Vukovar")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(500)
    for details in page.query_selector_all(".pagefind-ui__filter-panel details"):
        details.evaluate("d => d.open = true")
    page.wait_for_timeout(500)
    labels = page.eval_on_selector_all(".pagefind-ui__filter-label", "els => els.map(e => e.textContent)")
    labels = [label.rsplit(" (", 1)[0] for label in labels]  # without the count
    # Shown as their names, brackets as fullwidth lookalikes (inert_markup);
    # stories are filtered by section and by the kinds of entity they name.
    assert inert_markup(XSS_SECTION) in labels and "Places" in labels, labels
    injected = page.eval_on_selector_all(
        ".pagefind-ui img, .pagefind-ui svg, .pagefind-ui script", "els => els.map(e => e.outerHTML)")
    assert injected == [] and dialogs == [], (injected, dialogs)
    assert problems == []
    page.close()
