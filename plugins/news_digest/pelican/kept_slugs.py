"""Pelican glue: the slugs of the last build's tags, sections and authors,
kept in Pelican's cache.

Pelican slugifies every name afresh on every build (unidecode and a dozen
regular expressions, about 20 microseconds a name), and a digest names
thousands of tags: a rebuild of the 2,225 BBC stories slugified 13,675
names. A slug depends only on the name, the slug settings and the versions
of Pelican and unidecode, so a slug the last build made from the same ones
is the one Pelican would make now.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from .build_cache import cache_file, checked, code_stamp, with_checksum
from .files import note_kept, write_atomically

logger = logging.getLogger(__name__)

# What a slug is made from besides the name (pelican/urlwrappers.py: URLWrapper.slug).
SLUG_SETTINGS = ("SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_PRESERVE_CASE", "SLUGIFY_USE_UNICODE")


def slug_stamp(settings: dict) -> str:
    """What every kept slug was made with: the slug settings (each kind's
    own substitutions too) and the code that slugifies."""
    used = {k: v for k, v in settings.items() if k in SLUG_SETTINGS or k.endswith("_REGEX_SUBSTITUTIONS")}
    return code_stamp(("pelican", "unidecode"), ()) + json.dumps(used, sort_keys=True, default=repr)


class KeptSlugs:
    """{kind and name: slug} from the last builds (`kept`), and those this
    build made (`made`). The next build gets both: a nothing-changed build
    asks for few slugs (Pelican's content cache keeps most stories' tags
    with theirs), and the one after it needs the rest. Names of stories
    since deleted stay; a digest's names come back far more than they go."""

    def __init__(self, path: Path, stamp: str, load: bool = True):
        self.path, self.stamp = path, stamp
        self.made: dict[str, str] = {}
        self.kept: dict[str, str] = {}
        if not load:
            return  # pelican --ignore-cache: nothing an earlier build kept is read
        try:
            stored = json.loads(checked(self.path.read_bytes()))
            if stored["stamp"] == self.stamp and isinstance(stored["slugs"], dict):
                self.kept = stored["slugs"]
        except FileNotFoundError:
            pass
        except Exception as exc:  # noqa: BLE001  (a damaged file may raise anything)
            logger.info("news_digest: cache: %s: unreadable (%s); slugs made again", self.path, exc)

    def slug(self, wrapper) -> str:
        """Pelican's slug of `wrapper` (a Tag, Category or Author whose slug
        nobody set): the kept one, or slugified now."""
        key = f"{type(wrapper).__name__}:{wrapper.name}"
        slug = self.kept.get(key)
        if slug is None:
            slug = self.made[key] = wrapper.slug
        else:
            wrapper._slug = slug  # as the property would set it
        return slug

    def save(self) -> None:
        if not self.made:
            note_kept(self.path)
            return
        slugs = {**self.kept, **self.made}
        data = json.dumps({"stamp": self.stamp, "slugs": slugs}, ensure_ascii=False, sort_keys=True)
        try:
            write_atomically(self.path, with_checksum(data.encode("utf-8")))
        except OSError as exc:
            logger.info("news_digest: cache: %s: %s", self.path, exc.strerror)


# One KeptSlugs per cache file and slug settings: Pelican hands stories and
# generators settings of their own (equal dictionaries, not one object).
_open: dict[tuple, KeptSlugs] = {}


def kept_slugs(settings: dict) -> KeptSlugs:
    """The KeptSlugs of this build's settings."""
    load = bool(settings.get("LOAD_CONTENT_CACHE", True))
    key = (str(cache_file(settings, "slugs")), slug_stamp(settings), load)
    if key not in _open:
        _open[key] = KeptSlugs(Path(key[0]), key[1], load)
    return _open[key]


def save_slugs() -> None:
    """Keep this build's slugs for the next build (at its end)."""
    for kept in _open.values():
        kept.save()
    _open.clear()
