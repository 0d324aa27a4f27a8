"""Once the site is written (signal finalized): wait for the pages the
second process writes, keep what each page was made from, remove what no longer belongs to the site, give back
the build's memory, then index the search bundles Pagefind has not indexed
yet (search_build.py)."""
from __future__ import annotations

from . import page_inputs, parallel_pages, search_build, stale_output
from .kept_slugs import save_slugs
from .memory import release_memory


def finish_build(pelican) -> None:
    # The output listed before this process takes what is left of the tag
    # pages: meanwhile the second process writes them (0.1 s of a 2,225-story
    # rebuild that both processes shared, instead of this one alone after).
    listed = stale_output.list_output(pelican)
    parallel_pages.finish()
    page_inputs.save(pelican.output_path)
    save_slugs()
    stale_output.remove_stale_output(pelican, listed)
    if search_build.work_left(pelican.output_path):
        release_memory()  # the build's memory goes back before the last Pagefind runs
    search_build.finish(pelican.output_path)
