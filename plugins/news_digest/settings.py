"""NEWS_DIGEST_* settings: every default in one place, checked once.

Only the glue (pelican/, cli.py, bench.py) reads settings; the pure folders
take the values they need as arguments: `conversion_options` and
`related_options` make those values from the settings.
"""
from __future__ import annotations

import re

PREFIX = "NEWS_DIGEST_"

# Whole lines that are not part of the story. Matched case-insensitively against
# each stripped line (re.fullmatch). Each pattern is linear: no nested quantifiers.
DEFAULT_BOILERPLATE = (
    r"source\s*:?\s*site",
    r"source\s*:.{0,80}",
    r"read more\b.{0,200}",
    r"(read|see) (also|more)\s*:.{0,300}",
    r"share (this|on)\b.{0,200}",
    r"(image|media|photo|picture|video) (caption|copyright|source|credit)\b.{0,300}",
    r"(photo|picture|image)\s*:.{0,200}",
    r"h/t\b.{0,200}",
    r"hat tip\b.{0,200}",
    r"advertisement",
    r"related topics?",
    r"click here\b.{0,200}",
    r"follow us on\b.{0,200}",
    r"sign up for\b.{0,200}",
    r"copyright\b.{0,200}",
    r"\u00a9.{0,200}",
    r"all rights reserved\.?",
)

# Common ways of writing the same place or body, so that they share one tag.
DEFAULT_TAG_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "EU": "European Union", "UN": "United Nations", "U.N.": "United Nations",
    "Kiev": "Kyiv", "Nato": "NATO",
    # Formal names of states as news writes them.
    "Russian Federation": "Russia", "People's Republic of China": "China", "PRC": "China",
    "Syrian Arab Republic": "Syria", "Republic of Korea": "South Korea",
    "Democratic People's Republic of Korea": "North Korea", "DPRK": "North Korea",
}

DEFAULTS: dict[str, object] = {
    # Lines dropped from the story; see DEFAULT_BOILERPLATE.
    "BOILERPLATE": DEFAULT_BOILERPLATE,
    # A first paragraph of at most this many words is the standfirst.
    "STANDFIRST_MAX_WORDS": 60,
    # Longest slug made from a headline, in characters.
    "SLUG_MAX_LENGTH": 80,
    # Split words that have run together ("russiafor" -> "russia for").
    "SPLIT_RUN_TOGETHER": True,
    # Put back the capitals of known names that machine translation lost
    # ("the kyiv army" -> "the Kyiv army"; never a common word: "china").
    "RESTORE_CAPITALS": True,
    # Tags: at most this many per post, most salient first. The first
    # TAGS_OF_ANY_KIND are of any kind, and the article page shows them under
    # its headline; the rest are people the story names in full and places,
    # which are nearly always real and wanted, listed after the story.
    # Measured on both labelled sets (BBC, then machine-translated): 8 of any
    # kind alone gave 0.969/0.930 and 0.868/0.775; up to 12 of any kind,
    # 0.944/0.950 and 0.832/0.850; 8, then people and places up to 12,
    # 0.975/0.940 and 0.901/0.884, up to 16, 0.977/0.940 and 0.899/0.901, up
    # to 20, 0.978/0.940 and 0.902/0.911, and up to 24 no more found.
    "TAGS_MAX": 20,
    "TAGS_OF_ANY_KIND": 8,
    # A variant -> its canonical name, on top of DEFAULT_TAG_ALIASES.
    "TAG_ALIASES": {},
    # A section folder -> its name as the site shows it ({"uk": "UK"}); any
    # other lower-case folder name is capitalised ("world" -> "World",
    # "middle-east" -> "Middle East"). URLs keep the folder's slug.
    "SECTION_NAMES": {},
    # Names that are never tags.
    "TAG_IGNORE": (),
    # Related stories per post (resolved SEE ALSO first, then the most similar).
    "RELATED_MAX": 5,
    # Similarity x (1 + this) for a story in the same section (0: off).
    "RELATED_SECTION_WEIGHT": 1.0,
    # An entity (tag) a story shares counts this many words.
    "RELATED_ENTITY_WEIGHT": 2.0,
    # Nearness in time: similarity halves every this many days apart (0: off).
    # Reports of one event are days apart; a topic spans years.
    "RELATED_TIME_SCALE_DAYS": 30.0,
    # Group the reports of one story (several outlets on one event): the
    # article page lists the others first, listings show the story once.
    "STORY_GROUPING": True,
    # How alike (0-100) a SEE ALSO line and a headline must be to link them.
    "SEE_ALSO_MATCH": 88.0,
    # Build the Pagefind search index after the site (needs `pagefind[bin]`).
    "SEARCH": True,
    # Stories per search bundle: a bigger digest is indexed as several bundles
    # that the search page merges, since Pagefind holds a bundle in memory
    # (about 180 MB per 1,000 stories), beside the build's own. At 2,000 a
    # 20,000-story build and its indexer peaked at 988-1,012 MB; at 1,000, at
    # 909 MB. 0: one bundle.
    "SEARCH_BUNDLE_SIZE": 1000,
    # Every page search engines should know: stories, pages, the front page,
    # archives, tag and section listings ("" to switch off).
    "SITEMAP": "sitemap.xml",
    # Google News sitemap of the last NEWS_SITEMAP_DAYS days ("" to switch off).
    "NEWS_SITEMAP": "news-sitemap.xml",
    "NEWS_SITEMAP_DAYS": 2,
    # Write robots.txt naming the sitemaps.
    "ROBOTS_TXT": True,
    # A page per day listing that day's stories by section (daily/<date>.html),
    # and a feed with one entry per day ("" switches a feed off).
    "DAILY_EDITIONS": True,
    "DAILY_FEED_ATOM": "feeds/daily.atom.xml",
    "DAILY_FEED_RSS": "feeds/daily.rss.xml",
    # Remove pages and feeds that no longer belong to the site (a deleted
    # story's page, a tag no story has) at the end of every build.
    "REMOVE_STALE_OUTPUT": True,
    # Convert raw .txt files into Markdown posts before Pelican reads content.
    "CONVERT": True,
    # Spread conversion over this many processes (0: one per core).
    "WORKERS": 0,
    # Write tag, section and author pages in a second process while this one
    # writes the article pages and feeds (Linux, 2 cores or more), as long as
    # the build's process has held at most PARALLEL_PAGES_MAX_MB: the second
    # process comes to copy a good part of its memory (parallel_pages.py).
    # The same bound lets Pagefind index a search bundle beside the feeds
    # (search_build.py).
    "PARALLEL_PAGES": True,
    "PARALLEL_PAGES_MAX_MB": 400,
    # Feeds, written with feedgen; None or "" switches one off. {slug} is the
    # section's or tag's slug. Pelican's own FEED_* settings stay None.
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_ALL_RSS": "feeds/all.rss.xml",
    "FEED_ALL_JSON": "feeds/all.json",
    "CATEGORY_FEED_ATOM": "feeds/section/{slug}.atom.xml",
    "CATEGORY_FEED_RSS": "feeds/section/{slug}.rss.xml",
    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
    "TAG_FEED_RSS": "feeds/tag/{slug}.rss.xml",
    "FEED_OPML": "feeds.opml",
}

# Pelican's feed settings: while news_digest writes the feeds they must be off.
PELICAN_FEED_SETTINGS = (
    "FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS", "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS", "TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS",
)


class SettingsError(ValueError):
    """A NEWS_DIGEST_* setting is unknown or has a value of the wrong kind."""


def resolve_settings(settings: dict) -> dict[str, object]:
    """Return the plugin's settings (without prefix), defaults filled in.

    Raises SettingsError naming an unknown key or a bad value. The user's dict
    is not modified.
    """
    resolved = dict(DEFAULTS)
    for key, value in settings.items():
        if not key.startswith(PREFIX):
            continue
        name = key[len(PREFIX):]
        if name not in DEFAULTS:
            known = ", ".join(PREFIX + k for k in sorted(DEFAULTS))
            raise SettingsError(f"unknown setting {key}; known settings: {known}")
        default = DEFAULTS[name]
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        elif isinstance(default, (tuple, list)):
            ok = isinstance(value, (tuple, list))
        elif isinstance(default, dict):
            ok = isinstance(value, dict)
        elif isinstance(default, str):
            ok = value is None or isinstance(value, str)
        else:
            ok = isinstance(value, type(default))
        if not ok:
            raise SettingsError(
                f"{key} should be {type(default).__name__}, got {value!r}"
            )
        resolved[name] = value
    for name in ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS"):
        if resolved[name] and "{slug}" not in resolved[name]:
            raise SettingsError(f"{PREFIX}{name} must contain {{slug}}, got {resolved[name]!r}")
    for pattern in resolved["BOILERPLATE"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SettingsError(
                f"{PREFIX}BOILERPLATE: {pattern!r} is not a regular expression ({exc})"
            ) from None
    return resolved


def conversion_options(settings: dict):
    """The converter's Options from resolved settings (without the prefix),
    with Pelican's slugify for headlines."""
    from pelican.utils import slugify

    from .text.article import Options
    from .text.structure import compile_boilerplate

    return Options(
        boilerplate=compile_boilerplate(settings["BOILERPLATE"]),
        standfirst_max_words=settings["STANDFIRST_MAX_WORDS"],
        slug_max_length=settings["SLUG_MAX_LENGTH"],
        split_run_together=settings["SPLIT_RUN_TOGETHER"],
        restore_capitals=settings["RESTORE_CAPITALS"],
        tags_max=settings["TAGS_MAX"],
        tags_of_any_kind=settings["TAGS_OF_ANY_KIND"],
        tag_aliases=tuple({**DEFAULT_TAG_ALIASES, **settings["TAG_ALIASES"]}.items()),
        tag_ignore=tuple(settings["TAG_IGNORE"]),
        slugify=slugify,
    )


def related_options(settings: dict):
    """The related stage's options from resolved settings."""
    from .related.features import RelatedOptions

    return RelatedOptions(
        max_related=settings["RELATED_MAX"],
        section_weight=settings["RELATED_SECTION_WEIGHT"],
        entity_weight=settings["RELATED_ENTITY_WEIGHT"],
        time_scale_days=settings["RELATED_TIME_SCALE_DAYS"],
        story_grouping=settings["STORY_GROUPING"],
    )
