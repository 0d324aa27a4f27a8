"""Pelican glue: Pelican's reader cache (CACHE_CONTENT, on in pelicanconf.py)
kept only while it is what this build would read.

Pelican keeps each post's parsed HTML and metadata between builds and checks
only the post's modification time. It does not notice new settings (a
Markdown extension, a time zone) or new reader code, and a cache file cut
short stops the build with an EOFError. So each cache file is stamped, when
the build that wrote it ends, with the settings and code it was made with
and a checksum of its bytes; before the next build reads it (signal
initialized), a file whose stamp does not match is deleted, and that build
parses every post again.

Pelican also writes its reader cache again at every build, pickled and
gzipped at level 9, even when no post was parsed. A build that parsed none
leaves the file as it is (save_only_when_changed).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .build_cache import callable_name, code_stamp
from .files import write_atomically

# Pelican's reader caches: one per generator (Pelican's generators.py).
READER_CACHES = ("ArticlesGenerator-Readers", "PagesGenerator-Readers")
STAMP = "news_digest-readers.json"
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def settings_stamp(settings: dict) -> str:
    """The settings and code a parsed post depends on: every setting (a
    change costs one slower build, and is never missed) and the code of the
    reader and the sanitiser it calls."""
    from ..site import html_text, sanitize, seo
    from . import markdown_reader, sanitizing

    values = json.dumps({k: v for k, v in settings.items() if k.isupper()}, sort_keys=True, default=stable_form)
    # The reader also counts each post's words (markdown_reader.counted).
    modules = (markdown_reader, sanitizing, sanitize, html_text, seo)
    code = code_stamp(("pelican", "markdown", "nh3"), tuple(Path(m.__file__) for m in modules))
    return hashlib.blake2b((values + code).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def stable_form(value) -> str:
    """A setting's value in a form that is the same in every build (a
    function by its name, not its address)."""
    if callable(value):
        return callable_name(value)
    return ADDRESS.sub("", repr(value))


def checksum(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return None


def in_use(settings: dict) -> bool:
    return bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")
                and settings.get("CONTENT_CACHING_LAYER") == "reader" and settings.get("CACHE_PATH"))


def check_reader_cache(pelican) -> None:
    """Signal initialized: delete reader caches this build should not read."""
    settings = pelican.settings
    if not in_use(settings):
        return
    folder = Path(settings["CACHE_PATH"])
    try:
        stamps = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamps = {}
    # Worked out before the build changes its settings (plugins add filters).
    pelican.news_digest_reader_stamp = wanted = settings_stamp(settings)
    for name in READER_CACHES:
        path = folder / name
        if path.exists() and stamps.get(name) != [wanted, checksum(path)]:
            path.unlink(missing_ok=True)


def stamp_reader_cache(pelican) -> None:
    """Signal finalized: stamp the reader caches this build wrote."""
    settings = pelican.settings
    if not in_use(settings):
        return
    folder = Path(settings["CACHE_PATH"])
    wanted = getattr(pelican, "news_digest_reader_stamp", None) or settings_stamp(settings)
    stamps = {name: [wanted, checksum(folder / name)] for name in READER_CACHES if (folder / name).exists()}
    try:
        write_atomically(folder / STAMP, json.dumps(stamps, sort_keys=True))
    except OSError:
        pass


def save_only_when_changed(readers) -> None:
    """Signal readers_init: Pelican's Readers save their cache only when a
    post was parsed (a cache miss) in this build, or when there is no cache
    file yet. Pelican's own save_cache rewrites the whole cache every time:
    0.7 s of a 2,225-story rebuild with nothing changed."""
    changed = []
    cache_data, save_cache = readers.cache_data, readers.save_cache

    def noting_cache_data(filename, data):
        changed.append(filename)
        cache_data(filename, data)

    def saving_if_changed():
        if changed or not Path(readers._cache_path).exists():
            save_cache()

    readers.cache_data, readers.save_cache = noting_cache_data, saving_if_changed
