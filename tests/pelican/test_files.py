"""write_atomically: what it leaves on disk, and whether it says it wrote."""
import os

import pytest

from news_digest.pelican import files


def prepare(tmp_path, before):
    """The state at out/page.html before the write: missing, a file with
    some bytes, a link to a file outside, or a folder."""
    path = tmp_path / "out" / "deep" / "page.html"
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"<p>outside</p>")
    if before == "missing-folder":
        return path, outside
    path.parent.mkdir(parents=True)
    if before.startswith("file:"):
        path.write_bytes(before[5:].encode())
    elif before == "link":
        path.symlink_to(outside)
    return path, outside


@pytest.mark.parametrize(
    "before, data, new_too, changed",
    [
        pytest.param("missing-folder", "<p>new</p>", False, True, id="new-file-in-a-new-folder"),
        pytest.param("missing", "<p>new</p>", True, True, id="new-file-through-a-temporary"),
        pytest.param("file:<p>new</p>", "<p>new</p>", False, False, id="same-bytes-left-alone"),
        pytest.param("file:<p>old</p>", "<p>new</p>", False, True, id="same-size-other-bytes"),
        pytest.param("file:<p>much older</p>", b"<p>new</p>", False, True, id="other-size-bytes-given"),
        pytest.param("link", "<p>outside</p>", False, True, id="link-with-the-same-bytes-replaced"),
        pytest.param("link", "<p>new</p>", False, True, id="link-replaced-not-written-through"),
    ],
)
def test_write_atomically(tmp_path, before, data, new_too, changed):
    path, outside = prepare(tmp_path, before)
    mtime = path.lstat().st_mtime_ns if os.path.lexists(path) else None
    assert files.write_atomically(path, data, new_too=new_too) is changed
    expected = data.encode() if isinstance(data, str) else data
    assert not path.is_symlink() and path.read_bytes() == expected
    assert outside.read_bytes() == b"<p>outside</p>"  # never written through a link
    assert [p.name for p in path.parent.iterdir()] == ["page.html"]  # no temporary left
    if not changed:
        assert path.lstat().st_mtime_ns == mtime  # its time stays true
    assert os.path.abspath(path) in files.touched


def test_a_folder_in_the_way_is_an_error_and_is_left_as_it_was(tmp_path):
    path = tmp_path / "page.html"
    (path / "inner").mkdir(parents=True)
    with pytest.raises(OSError):
        files.write_atomically(path, "<p>new</p>")
    assert (path / "inner").is_dir() and [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_file_where_its_folder_should_be_is_an_error(tmp_path):
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    with pytest.raises(OSError):
        files.write_atomically(tmp_path / "out" / "page.html", "<p>new</p>")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file"
