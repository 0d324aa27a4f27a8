"""The generators the plugin adds to Pelican's (signal get_generators)."""
from __future__ import annotations

from .feed_generator import DigestFeedGenerator
from .seo_generator import SeoGenerator


def feed_generators(pelican):
    """The feeds (Atom, RSS, JSON Feed, OPML), the news sitemap and robots.txt."""
    return [DigestFeedGenerator, SeoGenerator]
