"""Only safe HTML from a post made from a raw file (signal content_object_init)."""
from __future__ import annotations

from ..site.sanitize import sanitize_html


def sanitize_content(instance) -> None:
    """A post made from a raw file is untrusted text: whatever its Markdown
    became, only safe HTML goes on."""
    metadata = getattr(instance, "metadata", {})
    if "source" not in metadata or "entry_id" not in metadata:
        return  # a post a person wrote: their HTML is theirs
    instance._content = sanitize_html(instance._content)
    if "summary" in metadata:
        metadata["summary"] = sanitize_html(metadata["summary"])
        instance._summary = metadata["summary"]
