"""Pelican glue: after a few new stories, their related links are worked
out while Pelican reads the posts, rather than after the tag merge.

Related links need every story with its merged tags, so they waited for
Pelican to read every post; the related_ahead.py process then started with
the tag merge. But the stories of unchanged posts are those the last build
gave the related stage, kept in the cache (related_links.keep_docs). So as
Pelican starts reading, a second process gets ready (numpy, scipy, the kept
stories); PostsAsConverted has Pelican read each new post as soon as it is
converted, before the unchanged posts still to read; and once every new
post is read, the second process is given the new stories, tagged as the
last merge would tag them. The merge then checks its work as it checks the
related_ahead.py process's: its links are taken only if they were worked
out from exactly the stories the build has. After one new story among
2,225, the links are there as the merge ends, some 0.2 s sooner.
"""
from __future__ import annotations

import os

from .build_cache import cache_folder, last_kept
from .configure import plugin_settings
from .descriptions import plain_body
from .related_ahead import give, start_early, stop
from .related_links import early_links, has_kept_docs, related_doc
from .tag_names import edited_by_hand, expected_names, tag_slugs

# Each new post's path (relative to the content folder) -> its Article once
# Pelican has read it (None until then).
watched: dict[str, object] = {}
# The last merge's mapping of tag names, while a second process waits for
# the new stories.
waiting: dict = {}


def prepare(generator, new_posts: list[str], old_posts: list[str]) -> bool:
    """As Pelican starts reading posts: a second process gets ready to work
    out related links of the stories of `old_posts`, as the last build kept
    them, and of `new_posts` once they are read (start). Returns whether it
    is getting ready."""
    watched.clear()
    waiting.clear()
    settings, pelican_settings = plugin_settings(generator.settings), generator.settings
    if not (settings["RELATED_MAX"] and new_posts and old_posts and pelican_settings.get("LOAD_CONTENT_CACHE", True)):
        return False
    last = last_kept(pelican_settings, "tags")
    if last is None or not isinstance(last[1], dict) or not has_kept_docs(pelican_settings):
        return False
    # Posts as their stories name them (relative_source_path, which the kept
    # stories are found by): Pelican lists a flat content folder's as "./name.md".
    old_posts = [os.path.normpath(post) for post in old_posts]
    if not start_early(lambda receive, report: early_links(old_posts, settings, pelican_settings, receive, report),
                       settings, cache_folder(pelican_settings)):
        return False
    watched.update(dict.fromkeys(os.path.normpath(post) for post in new_posts))
    waiting["mapping"] = last[1]
    return True


def note_article(instance) -> None:
    """Signal content_object_init: a new post's story, as Pelican read it."""
    path = getattr(instance, "relative_source_path", None)
    if watched and path and os.path.normpath(path) in watched:
        path = os.path.normpath(path)
        watched[path] = instance


def start(generator) -> None:
    """Once every new post is read: send the waiting process the new
    stories, tagged as the last merge would tag them."""
    if not waiting:
        return
    read, mapping = [a for a in watched.values() if a is not None], waiting.pop("mapping")
    complete = len(read) == len(watched)
    watched.clear()
    if not complete:  # a post that could not be read: its story is not known
        stop()
        return
    slug_of = tag_slugs(generator.settings)
    new_docs = {}
    for article in read:
        if getattr(article, "status", "published") != "published":
            continue  # not among the stories related links are made of
        names = [tag.name for tag in getattr(article, "tags", [])]
        entities = expected_names(names, edited_by_hand(article), mapping, slug_of)
        # Its text as link_related will read it, left unmemoized on the story.
        new_docs[article.relative_source_path] = related_doc(article, entities, plain_body(article))
    give(new_docs)
