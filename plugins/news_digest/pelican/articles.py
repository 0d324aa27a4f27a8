"""Once every article is read (signal article_generator_finalized): what
templates need of each story, related stories first, so that a new story
shows up in older stories' lists."""
from __future__ import annotations

from ..site.editions import editions
from ..site.front_page import FrontItem, choose_front, title_notes, topics
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
    # First what does not need related stories: a rebuild's related links may
    # still be being worked out in a second process (related_ahead.py).
    describe_articles(generator.articles)
    notes = title_notes([(a.title, [t.name for t in getattr(a, "tags", [])]) for a in generator.articles])
    for article, note in zip(generator.articles, notes):
        article.digest_title_note = note  # tells apart stories with one headline
    generator.context["digest_topics"] = topics_page(generator.tags, generator.context.get("digest_tag_types", {}))
    link_related(generator.articles, settings, generator.settings)
    for article in generator.articles:
        article.digest_text = None  # worked out for related stories and word counts; not kept
    generator.context["digest_front"] = front_page(generator.articles, generator.categories)
    generator.context["digest_editions"] = daily_editions(generator.articles, generator.categories) \
        if settings["DAILY_EDITIONS"] else []
    generator.context["digest_siteurl"] = (generator.settings.get("SITEURL") or "").rstrip("/")
    generator.context["digest_search"] = settings["SEARCH"]
    generator.context["digest_tags_in_header"] = settings["TAGS_OF_ANY_KIND"]
    generator.context["digest_search_bundles"] = plan_search(generator)


def front_page(articles, categories) -> dict:
    """The front page's lead story and section blocks (site/front_page.py),
    as the articles and sections templates link to."""
    items = [
        FrontItem(a.date, a.slug, a.category.name, len(getattr(a, "digest_reports", [])),
                  len(getattr(a, "digest_related", [])), getattr(a, "digest_lead", True))
        for a in articles
    ]
    front = choose_front(items)
    wrapper = {category.name: category for category, _ in categories}
    return {
        "lead": articles[front.lead] if front.lead is not None else None,
        "sections": [(wrapper.get(name), [articles[i] for i in shown], more) for name, shown, more in front.sections],
    }


def topics_page(tags, kinds: dict) -> list[tuple[str, str, list]]:
    """The topics page: each kind's (kind, heading, [(tag, stories)]), busiest first."""
    pairs = list(tags.items() if isinstance(tags, dict) else tags)
    found = topics([(tag.name, kinds.get(tag.name, "other"), len(stories)) for tag, stories in pairs])
    return [(kind, heading, [(pairs[i][0], len(pairs[i][1])) for i in positions]) for kind, heading, positions in found]


EDITION_PATH = "daily/{day}.html"


def daily_editions(articles, categories) -> list[dict]:
    """Each day's edition (site/editions.py): its day, URL, and sections
    with their stories (the listed report of each story, newest first);
    each story learns its edition's URL."""
    listed = sorted((a for a in articles if getattr(a, "digest_lead", True)), key=lambda a: (a.date, a.slug), reverse=True)
    wrapper = {category.name: category for category, _ in categories}
    found = []
    for day, sections in editions([(a.date.date(), a.category.name) for a in listed]):
        url = EDITION_PATH.format(day=day.isoformat())
        found.append({"day": day, "url": url, "save_as": url,
                      "sections": [(wrapper.get(name), [listed[i] for i in positions]) for name, positions in sections]})
    for edition in found:
        for _, stories in edition["sections"]:
            for article in stories:
                article.digest_edition_url = edition["url"]
    days = {edition["day"] for edition in found}
    for article in articles:  # other reports of a story: the edition of their day
        if not hasattr(article, "digest_edition_url"):
            article.digest_edition_url = EDITION_PATH.format(day=article.date.date().isoformat()) \
                if article.date.date() in days else ""
    return found
