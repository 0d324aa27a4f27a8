"""Pelican glue: the daily editions' pages (daily/<date>.html), one per day
with stories, each listing that day's stories by section, with links to the
editions before and after it. What each holds is worked out with the other
listings (articles.daily_editions); this writes the pages."""
from __future__ import annotations

from pelican.generators import Generator

from .configure import plugin_settings


class DailyGenerator(Generator):
    # Made from the finished context alone: the second process may write it (parallel_pages).
    news_digest_second_process = True

    def generate_output(self, writer):
        if not plugin_settings(self.settings)["DAILY_EDITIONS"]:
            return
        found = self.context.get("digest_editions") or []
        template = self.get_template("daily")
        for i, edition in enumerate(found):
            writer.write_file(
                edition["save_as"], template, self.context, relative_urls=self.settings.get("RELATIVE_URLS", False),
                url=edition["url"], edition=edition,
                newer_edition=found[i - 1] if i > 0 else None,
                older_edition=found[i + 1] if i + 1 < len(found) else None,
            )
