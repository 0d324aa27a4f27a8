"""Pelican glue: the tag, section and author listings answer "is this story
in it?" at once.

Pelican writes each listing with `[a for a in self.dates if a in articles]`
(generators.generate_tags and its siblings): every story of the digest
looked up in a plain list, for every tag. A 20,000-story digest spends 45 s
there. Once the listings are final (signal all_generators_finalized) their
lists become StoryLists, whose `in` asks a set of the stories' identities:
Pelican's stories have no `==` of their own, so that is what the list's
`in` compared already.
"""
from __future__ import annotations


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
            for name in ("categories", "authors"):
                listings = getattr(generator, name, None)
                if isinstance(listings, list):
                    setattr(generator, name, [(item, StoryList(stories)) for item, stories in listings])
