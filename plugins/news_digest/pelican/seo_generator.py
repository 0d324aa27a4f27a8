"""The Google News sitemap and robots.txt (Pelican's sitemap plugin writes
sitemap.xml)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pelican.generators import Generator

from ..site.seo import NewsItem, is_recent, news_sitemap, robots_txt
from .configure import plugin_settings
from .feed_generator import absolute, site_url
from .files import write_atomically


class SeoGenerator(Generator):
    """Writes the Google News sitemap and robots.txt (Pelican's sitemap
    plugin writes sitemap.xml)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = plugin_settings(self.settings)

    def generate_output(self, writer):
        site = site_url(self.settings)
        articles = self.context.get("articles", [])
        sitemaps = []
        if "sitemap" in " ".join(str(p) for p in self.settings.get("PLUGINS", [])):
            sitemaps.append("sitemap.xml")
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
            write_atomically(Path(self.output_path) / self.options["NEWS_SITEMAP"], data)
            sitemaps.append(self.options["NEWS_SITEMAP"])
        if self.options["ROBOTS_TXT"]:
            write_atomically(Path(self.output_path) / "robots.txt", robots_txt(site, sitemaps))
