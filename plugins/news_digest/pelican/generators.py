"""The generators the plugin adds to Pelican's (signal get_generators)."""
from __future__ import annotations

from .daily_generator import DailyGenerator
from .feed_generator import DigestFeedGenerator
from .seo_generator import SeoGenerator


def feed_generators(pelican):
    """The daily editions, the feeds (Atom, RSS, JSON Feed, OPML), the
    sitemaps and robots.txt."""
    return [DailyGenerator, DigestFeedGenerator, SeoGenerator]
