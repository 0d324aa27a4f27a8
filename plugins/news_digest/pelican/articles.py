"""Once every article is read (signal article_generator_finalized): what
templates need of each story, related stories first, so that a new story
shows up in older stories' lists."""
from __future__ import annotations

from .configure import plugin_settings
from .descriptions import describe_articles
from .related_links import link_related
from .search_build import plan_search


def as_list(value) -> list[str]:
    """Pelican gives a repeated metadata key as a list, a single one as str."""
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def prepare_articles(generator) -> None:
    """Once every article is read (signal article_generator_finalized): plain
    lists for templates, then related stories, so that a new story shows up in
    older stories' lists."""
    settings = plugin_settings(generator.settings)
    for article in generator.articles:
        article.see_also_list = as_list(getattr(article, "see_also", None))
    link_related(generator.articles, settings, generator.settings)
    describe_articles(generator.articles, generator.settings)
    for article in generator.articles:
        article.digest_text = None  # worked out for related stories and word counts; not kept
    generator.context["digest_siteurl"] = (generator.settings.get("SITEURL") or "").rstrip("/")
    generator.context["digest_search"] = settings["SEARCH"]
    generator.context["digest_search_bundles"] = plan_search(generator)
