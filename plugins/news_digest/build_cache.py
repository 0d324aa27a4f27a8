"""Pelican glue: what a build keeps for the next one, in Pelican's CACHE_PATH.

- `cached`: a computed value (related stories, tag merges), reused while its
  inputs are the same.
- `BuildState`: what each output (a feed file, a search bundle) was made from,
  so that an output whose inputs did not change is not made again.

A missing or unreadable cache file only means the work is done again.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from .posts import write_atomically

logger = logging.getLogger(__name__)


def cache_file(pelican_settings: dict, name: str) -> Path:
    return Path(pelican_settings.get("CACHE_PATH") or "cache") / f"news_digest-{name}.json"


def cached(pelican_settings: dict, name: str, key_parts, compute):
    """`compute()`, or its result from the last build when the inputs (hashed
    from `key_parts`) are the same."""
    digest = hashlib.sha256(json.dumps(key_parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    path = cache_file(pelican_settings, name)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == digest:
            return stored["value"]
    except (OSError, ValueError, AttributeError):
        pass
    value = compute()
    try:
        write_atomically(path, json.dumps({"key": digest, "value": value}, ensure_ascii=False))
    except OSError as exc:
        logger.info("news_digest: cache: %s: %s", path, exc.strerror)
    return value


class BuildState:
    """{output name: key of what it was made from}, from the last build and
    for this one. An output is recorded only once it is made (or found
    unchanged), so one that failed is tried again next time."""

    def __init__(self, pelican_settings: dict, name: str):
        self.path = cache_file(pelican_settings, name)
        try:
            self.previous = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, str] = {}

    def unchanged(self, name: str, key: str, target: Path) -> bool:
        """Made from the same inputs last time, and still there."""
        return self.previous.get(name) == key and target.exists()

    def record(self, name: str, key: str) -> None:
        self.current[name] = key

    def save(self) -> None:
        try:
            write_atomically(self.path, json.dumps(self.current, sort_keys=True))
        except OSError:
            pass
