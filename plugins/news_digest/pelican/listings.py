"""Pelican glue: the tag, section and author listings answer "is this story
in it?" at once.

Pelican writes each listing with `[a for a in self.dates if a in articles]`
(generators.generate_tags and its siblings): every story of the digest
looked up in a plain list, for every tag. A 20,000-story digest spends 45 s
there. Once the listings are final (signal all_generators_finalized) their
lists become StoryLists, whose `in` asks a set of the stories' identities:
Pelican's stories have no `==` of their own, so that is what the list's
`in` compared already. Tag pages are then written one tag at a time, each
given only its own stories in date order, so that no story of the digest is
even looked at for a tag it does not have (14,000 tags times 20,000 stories
is 280 million lookups).
"""
from __future__ import annotations

from functools import partial


class StoryList(list):
    """A list of stories with membership by identity in constant time.

    >>> a, b = object(), object()
    >>> listed = StoryList([a])
    >>> a in listed, b in listed, len(listed)
    (True, False, 1)
    """

    def __init__(self, stories=()):
        super().__init__(stories)
        self.ids = {id(story) for story in self}

    def __contains__(self, story) -> bool:
        return id(story) in self.ids


def index_listings(generators) -> None:
    """Signal all_generators_finalized."""
    for generator in generators:
        tags = getattr(generator, "tags", None)
        if isinstance(tags, dict) and hasattr(generator, "generate_tags"):
            for tag, stories in tags.items():
                tags[tag] = StoryList(stories)
            generator.generate_tags = partial(write_tag_pages, generator)
            for name in ("categories", "authors"):
                listings = getattr(generator, name, None)
                if isinstance(listings, list):
                    setattr(generator, name, [(item, StoryList(stories)) for item, stories in listings])


def write_tag_pages(generator, write) -> None:
    """Pelican's own generate_tags, called for one tag at a time with
    `dates` narrowed to that tag's stories: the list it would have filtered
    out of every story of the digest, in the same order."""
    tags, dates = generator.tags, generator.dates
    kept = getattr(generator, "news_digest_date_order", None)
    if kept is None or kept[0] is not dates:  # worked out once, not for every share of the tags
        kept = generator.news_digest_date_order = (dates, {id(story): k for k, story in enumerate(dates)})
    order = kept[1]
    generate = type(generator).generate_tags
    try:
        for tag, stories in tags.items():
            own = {id(story): story for story in stories if id(story) in order}
            generator.tags = {tag: stories}
            generator.dates = sorted(own.values(), key=lambda story: order[id(story)])
            generate(generator, write)
    finally:
        generator.tags, generator.dates = tags, dates
