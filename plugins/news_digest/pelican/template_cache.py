"""Pelican glue: the theme's templates compiled once and kept in the cache
folder for the next build (signal initialized).

Pelican gives each generator a Jinja environment of its own and none keeps
its compiled templates, so every build parses and compiles the theme again,
base.html once per generator (about 0.1 s of a rebuild). Jinja's bytecode
cache does the keeping: a template is found by its name and file, and
compiled again when its source differs. Two things Jinja's own
FileSystemBytecodeCache does not do are done here: a template is found by
the environment's options too (autoescape, trim_blocks, extensions: what
it was compiled with), and each file is led by a checksum, as every value
this plugin keeps is (marshal can crash on bytes a disk flipped).
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from .build_cache import cache_folder, checked, in_cache, with_checksum
from .files import write_atomically
from .reader_cache import stable_form

logger = logging.getLogger(__name__)


class KeptTemplates(BytecodeCache):
    """Compiled templates in `folder`, a checked file each, for an
    environment whose options are described by `options`."""

    def __init__(self, folder: Path, options: str = ""):
        self.folder = Path(folder)
        self.options = options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        found = super().get_cache_key(name, filename)
        return hashlib.sha1(f"{self.options}|{found}".encode("utf-8", "surrogatepass")).hexdigest()

    def __repr__(self) -> str:
        # The same in every build: the settings it sits in are part of each
        # page's key (page_inputs.py), and an address would render every page.
        return "news_digest.KeptTemplates"

    def path(self, bucket: Bucket) -> Path:
        return in_cache(self.folder, f"template-{bucket.key}", ".bin")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = checked(self.path(bucket).read_bytes())
            bucket.bytecode_from_string(data)
        except FileNotFoundError:
            return
        except Exception as exc:  # noqa: BLE001  (a damaged file may raise anything)
            logger.info("news_digest: cache: %s: unreadable (%s); compiled again", self.path(bucket), exc)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            write_atomically(self.path(bucket), with_checksum(bucket.bytecode_to_string()), new_too=True)
        except OSError as exc:
            logger.info("news_digest: cache: %s: %s", self.path(bucket), exc.strerror)


def keep_compiled_templates(pelican) -> None:
    """Give the theme's environment a KeptTemplates, unless the settings
    name a bytecode cache of their own or the build ignores its cache
    (pelican --ignore-cache), and no reloading within a build."""
    settings = pelican.settings
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    # Templates do not change while a build runs, and each of the thousands
    # of pages would otherwise stat its template's files again (Pelican's
    # autoreload makes new environments for each build).
    environment.setdefault("auto_reload", False)
    if "bytecode_cache" not in environment and settings.get("LOAD_CONTENT_CACHE", True):
        options = json.dumps(environment, sort_keys=True, default=stable_form)
        environment["bytecode_cache"] = KeptTemplates(cache_folder(settings), options)
    settings["JINJA_ENVIRONMENT"] = environment
