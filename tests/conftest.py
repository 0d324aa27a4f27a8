"""Fixtures shared by the tests."""
from __future__ import annotations

import pytest

from tests.helpers import build_site, write_raw


@pytest.fixture
def site(tmp_path):
    """A factory: site(files, **settings) -> (process, content, output)."""

    def make(files: dict[str, str | bytes], **settings):
        content = tmp_path / "content"
        output = tmp_path / "output"
        write_raw(content, files)
        proc = build_site(content, output, **settings)
        return proc, content, output

    return make
