"""Pelican glue: nothing from outside the content folder is published, and
nothing is written through a symbolic link.

- Pelican lists content with os.walk(followlinks=True), so a link in
  content/ to /etc/passwd, or to a folder of secrets, would be published.
  `install` wraps Generator.get_files (Pelican has no hook for it) so that a
  path reached through a link that resolves outside the content folder is
  left out, with a warning naming the link. Links that stay inside are fine.
- The output folder is the build's own: a link found in it (signal
  all_generators_finalized, before any page is written) is removed, not
  written through, with a warning.
"""
from __future__ import annotations

import logging
import os

logger = logging.getLogger(__name__)
warned: set[str] = set()  # links already reported in this build
found_links: dict[str, list[str]] = {}  # content folder -> its links outside, for this build


def install() -> None:
    from pelican.generators import Generator

    if not getattr(Generator.get_files, "keeps_inside", False):
        Generator.get_files = inside_only(Generator.get_files)


def inside_only(get_files):
    def listing(self, paths, exclude=None, extensions=None):
        if extensions is not None and extensions is not False and not extensions:
            # No extension matches, so nothing would be found: Pelican asks
            # this after reading, for readers it could not load (none, as a
            # rule), and would walk the whole content folder again for it.
            return set()
        found = get_files(self, paths, exclude=exclude, extensions=extensions)
        outside = links_outside(self.path)
        if not outside:
            return found
        kept = set()
        for path in found:
            link = next((link for link in outside if path == link or path.startswith(link + os.sep)), None)
            if link is None:
                kept.add(path)
            elif link not in warned:
                warned.add(link)
                logger.warning("news_digest: %s: a link to %s, outside the content folder; skipped",
                               os.path.join(self.path, link), os.path.realpath(os.path.join(self.path, link)))
        return kept

    listing.keeps_inside = True
    return listing


def links_outside(root: str) -> list[str]:
    """Links under root (relative paths) that resolve outside it, or nowhere.
    Measured once per build and folder: Pelican lists content several times."""
    if root not in found_links:
        top, found, folders = os.path.realpath(root), [], [root]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:  # is_symlink and is_dir read the listing, not the disk
                    if entry.is_symlink():
                        if not within(os.path.realpath(entry.path), top):
                            found.append(os.path.relpath(entry.path, root))
                    elif entry.is_dir():
                        folders.append(entry.path)
        found_links[root] = sorted(found)
    return found_links[root]


def within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def remove_output_links(generators) -> None:
    """Signal all_generators_finalized: no page is written through a link."""
    if not generators:
        return
    output = generators[0].output_path
    if not os.path.isdir(output):
        return
    folders = [output]
    while folders:
        # scandir's entries know whether they are links without asking the
        # file system again (tens of thousands of files in a big digest).
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    logger.warning("news_digest: %s: a link (to %s) in the output folder; removed, not written "
                                   "through", entry.path, os.readlink(entry.path))
                    os.unlink(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
    warned.clear()
    found_links.clear()  # the next build looks again
