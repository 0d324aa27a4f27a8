"""Pelican glue: finding translations without looking every story up in a
list of every other.

Pelican's `process_translations` ends with `[x for x in content_list if x
not in index]`: every story looked up in the list of originals, which is
quadratic (about 4 s a build at 20,000 stories). A digest has no
translations: when every story's translation ID (its slug, by default) is
its own and no post says `Translation: true`, every story is an original,
and the answer is the sorted list with no translations. That is what
Pelican's loop would return, so this takes that path and leaves anything
else (two posts with one slug, real translations) to Pelican.
"""
from __future__ import annotations

from operator import attrgetter


def process_translations(content_list, translation_id=None, original=None):
    """pelican.utils.process_translations, at once when nothing is a translation."""
    if original is None:
        from pelican.utils import process_translations as original
    if translation_id:
        ids = {translation_id} if isinstance(translation_id, str) else translation_id
        try:
            key = attrgetter(*ids)
            values = [key(item) for item in content_list]
            unique = len(set(values)) == len(values)
        except (AttributeError, TypeError):  # Pelican says what is wrong
            unique = False
        if unique and all(not_translation(item.metadata.get("translation", "false")) for item in content_list):
            content_list.sort(key=key)
            for item in content_list:
                item.translations = []
            return list(content_list), []
    return original(content_list, translation_id=translation_id)


def not_translation(value) -> bool:
    return isinstance(value, str) and value.lower() == "false"


def install() -> None:
    """Pelican's generators call the function they imported by name."""
    from pelican import generators

    if generators.process_translations is not process_translations:
        generators.process_translations = process_translations
