"""Once the site is written (signal finalized): wait for the pages the
second process writes, give back the build's memory, then index the search
bundles Pagefind has not indexed yet (search_build.py)."""
from __future__ import annotations

from . import parallel_pages, search_build
from .memory import release_memory


def finish_build(pelican) -> None:
    parallel_pages.finish()
    if search_build.builds:
        release_memory()  # the build's memory goes back before the last Pagefind runs
    search_build.finish(pelican.output_path)
