"""`python -m news_digest convert`: the contract later tools depend on."""
import json

from tests.helpers import run_python, write_raw

STORY = "Floods close roads in the east\n\nRoads were closed on Monday July 4 after the river rose.\n\nSEE ALSO – Minister orders checks\n"


def test_convert_json_prints_one_object_per_input(tmp_path):
    write_raw(tmp_path, {"world/a.txt": STORY, "sport/b.txt": "Ajax win derby\n\nAjax won 2-1.\n"})
    proc = run_python(["-m", "news_digest", "convert", "--json", str(tmp_path / "world/a.txt"), str(tmp_path / "sport/b.txt")])
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["source"] for r in records] == [str(tmp_path / "world/a.txt"), str(tmp_path / "sport/b.txt")]
    first = records[0]
    for key in ("source", "title", "slug", "date", "category", "summary", "tags", "see_also", "markdown"):
        assert key in first
    assert first["title"] == "Floods close roads in the east"
    assert first["slug"] == "floods-close-roads-in-the-east"
    assert first["date"].startswith("2022-07-04")
    assert first["category"] == "world"
    assert first["see_also"] == ["Minister orders checks"]
    assert isinstance(first["tags"], list)
    assert first["markdown"].startswith("Title: Floods close roads in the east\n")


def test_bad_file_gets_one_line_and_others_still_convert(tmp_path):
    write_raw(tmp_path, {"good.txt": STORY, "empty.txt": "", "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(100)})
    files = [str(tmp_path / n) for n in ("empty.txt", "good.txt", "image.txt", "missing.txt")]
    proc = run_python(["-m", "news_digest", "convert", "--json", *files])
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"news_digest: {files[0]}: empty")
    assert errors[1].startswith(f"news_digest: {files[2]}: binary")
    assert errors[2].startswith(f"news_digest: {files[3]}: cannot be read")


def test_convert_output_writes_one_post_per_input(tmp_path):
    write_raw(tmp_path, {"a.txt": STORY, "b.txt": STORY.replace("Roads were", "Bridges were")})
    out = tmp_path / "posts"
    proc = run_python(["-m", "news_digest", "convert", "--output", str(out), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert proc.returncode == 0, proc.stderr
    # Same headline, two stories: two posts, two slugs.
    assert sorted(p.name for p in out.iterdir()) == [
        "floods-close-roads-in-the-east-2.md",
        "floods-close-roads-in-the-east.md",
    ]
    assert "Bridges were" in (out / "floods-close-roads-in-the-east-2.md").read_text()
