"""Only safe HTML from a post made from a raw file.

It is sanitised as it is read (reading_sanitized, called by the Markdown
reader), so that Pelican's reader cache keeps the safe HTML: a rebuild then
does not sanitise every story again, and the build does not hold each
story's HTML twice (the unsafe copy in the cache, the safe one on the
story). A post read by another reader is sanitised when its content object
is made (signal content_object_init).
"""
from __future__ import annotations

from ..site.sanitize import sanitize_html

# Set by the reader on a post it has sanitised; taken off again at content_object_init.
SANITIZED = "news_digest_sanitized"


def is_generated(metadata: dict) -> bool:
    """A post made from a raw file (a person's own post carries neither)."""
    return "source" in metadata and "entry_id" in metadata


def reading_sanitized(content: str, metadata: dict) -> tuple[str, dict]:
    """(content, metadata) as a reader returns them, made safe."""
    if not is_generated(metadata):
        return content, metadata
    metadata = dict(metadata)
    if "summary" in metadata:
        metadata["summary"] = sanitize_html(metadata["summary"])
    metadata[SANITIZED] = True
    return sanitize_html(content), metadata


def sanitize_content(instance) -> None:
    """A post made from a raw file is untrusted text: whatever its Markdown
    became, only safe HTML goes on."""
    metadata = getattr(instance, "metadata", {})
    if metadata.pop(SANITIZED, False) or not is_generated(metadata):
        return  # sanitised as it was read, or a post a person wrote: their HTML is theirs
    instance._content = sanitize_html(instance._content)
    if "summary" in metadata:
        metadata["summary"] = sanitize_html(metadata["summary"])
        instance._summary = metadata["summary"]
