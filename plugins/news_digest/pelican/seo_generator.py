"""The sitemap, the Google News sitemap and robots.txt.

The sitemap is made from the finished context, not from the pages each
process happens to write (the pelican-plugins sitemap plugin listed only the
pages written in the build's own process, so that a second process writing
the tag pages made it incomplete and different every time).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pelican.generators import Generator

from ..site.seo import NewsItem, is_recent, news_sitemap, robots_txt, sitemap
from .configure import plugin_settings
from .feed_generator import absolute, site_url
from .files import write_output


class SeoGenerator(Generator):
    """Writes the sitemap, the Google News sitemap and robots.txt."""

    # Made from the finished context alone: the second process may write it (parallel_pages).
    news_digest_second_process = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = plugin_settings(self.settings)

    def generate_output(self, writer):
        site = site_url(self.settings)
        articles = self.context.get("articles", [])
        sitemaps = []
        if self.options["SITEMAP"] and articles:
            data = sitemap(self.sitemap_pages(articles))
            write_output(Path(self.output_path) / self.options["SITEMAP"], data)
            sitemaps.append(self.options["SITEMAP"])
        if self.options["NEWS_SITEMAP"]:
            now, days = datetime.now(timezone.utc), self.options["NEWS_SITEMAP_DAYS"]
            items = [
                NewsItem(
                    url=absolute(self.settings, a.url), title=a.title, published=a.date,
                    modified=getattr(a, "digest_modified", a.date), section=a.category.name,
                    keywords=(), description="", author="", publisher=self.settings.get("SITENAME", ""),
                    publisher_url=site, language=self.settings.get("DEFAULT_LANG", "en"),
                )
                for a in articles
                if is_recent(a.date, now, days)  # only these are listed: no need to describe the rest
            ]
            data = news_sitemap(items, now, self.settings.get("SITENAME", ""), days)
            write_output(Path(self.output_path) / self.options["NEWS_SITEMAP"], data)
            sitemaps.append(self.options["NEWS_SITEMAP"])
        if self.options["ROBOTS_TXT"]:
            write_output(Path(self.output_path) / "robots.txt", robots_txt(site, sitemaps))

    def sitemap_pages(self, articles) -> list[tuple[str, datetime]]:
        """(absolute URL, last changed) of every published story and page,
        the front page and the other listings (a listing changes with its
        newest story), and each tag's and section's first page."""
        def changed(item):
            return getattr(item, "digest_modified", None) or getattr(item, "modified", None) or item.date

        newest = max(changed(a) for a in articles)
        pages = [(absolute(self.settings, a.url), changed(a)) for a in articles]
        pages += [(absolute(self.settings, p.url), changed(p) if getattr(p, "date", None) else newest)
                  for p in self.context.get("pages", [])]
        for key in ("tags", "categories"):
            listing = self.context.get(key) or []
            for wrapper, stories in (listing.items() if isinstance(listing, dict) else listing):
                if wrapper.save_as and stories:
                    pages.append((absolute(self.settings, wrapper.url), max(changed(a) for a in stories)))
        for edition in self.context.get("digest_editions") or []:
            stories = [a for _, listed in edition["sections"] for a in listed]
            pages.append((absolute(self.settings, edition["url"]), max(changed(a) for a in stories)))
        for name in self.settings.get("DIRECT_TEMPLATES", ()):
            if name in ("search", "404"):
                continue  # not pages to find from a search engine
            url = self.settings.get(f"{name.upper()}_URL", f"{name}.html" if name != "index" else "")
            if self.settings.get(f"{name.upper()}_SAVE_AS", "x") != "":
                pages.append((absolute(self.settings, url.removesuffix("index.html")), newest))
        return pages
