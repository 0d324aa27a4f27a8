"""The benchmark runs end to end on a tiny corpus, so it never breaks silently;
conversion gives the same posts whether or not it is spread over workers."""
import json
import os
from pathlib import Path

from tests.helpers import run_python, write_raw

from news_digest.bench import QUIET_MS_PER_FILE, file_creation_ms, variant, wait_for_quiet_disk
from news_digest.pelican import posts, workers
from news_digest.settings import conversion_options, resolve_settings

CORPUS = {
    f"{section}/{n:03}.txt": (
        f"{section.title()} story number {n} about Zagreb\n\n"
        f"The {section} desk in Zagreb reported story {n} on Monday. Officials said more would follow.\n\n"
        f"Ivan Kovač of the Croatian Council said the {section} news was good. He added that Zagreb was ready.\n"
    )
    for section in ("world", "sport")
    for n in range(4)
}


# Two stories told twice each (the same event, a day apart), and their labels.
CLUSTERS = {
    "news/2024-03-04-a1.txt": "Flood forces evacuation of Vukovar\n\nThe Danube flooded Vukovar on Monday. Mayor Ivan "
                              "Penava ordered the old town evacuated as the river rose.\n",
    "news/2024-03-05-a2.txt": "Vukovar evacuated as Danube floods\n\nMayor Ivan Penava ordered Vukovar's old town "
                              "evacuated on Monday as the Danube flooded.\n",
    "news/2024-06-10-b1.txt": "Dinamo Zagreb win the league\n\nDinamo Zagreb won the Croatian league on Sunday, "
                              "coach Sergej Jakirović said after the match in Zagreb.\n",
    "news/2024-06-11-b2.txt": "League title for Dinamo Zagreb\n\nCoach Sergej Jakirović and Dinamo Zagreb won "
                              "the Croatian league on Sunday in Zagreb.\n",
}


def test_benchmark_writes_its_report(tmp_path):
    write_raw(tmp_path / "corpus", CORPUS)
    write_raw(tmp_path / "clusters", CLUSTERS)
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({f"corpus/clusters/{name}": name.split("-")[-1][0] for name in CLUSTERS}))
    out = tmp_path / "report"
    proc = run_python([
        "-m", "news_digest.bench", "--corpus", str(tmp_path / "corpus"), "--out", str(out),
        "--runs", "1", "--related", "4,12", "--big", "20", "--clusters", str(tmp_path / "clusters"),
        "--cluster-labels", str(labels), "--pathological-sizes", "20,40",
    ])
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text())
    build = report["build"]
    assert build["ratio_cold_to_bare_median"] > 0 and build["ratio_cold_to_pelican_with_feeds_median"] > 0
    assert build["pelican_with_feeds"] == "Pelican's own feeds and pelican-sitemap"  # requirements-dev.txt
    assert report["build"]["related_links"]["stories"] == 8
    assert report["conversion"]["articles"] == 8
    assert set(report["conversion"]["ms_per_article_by_stage"]) == {"decode", "structure", "repair", "tags", "markdown"}
    assert report["related"]["12"]["stories"] == 12
    assert report["rebuild"]["ratio"] > 0 and report["rebuild"]["ratio_nothing_changed"] > 0
    assert len(report["rebuild"]["cold_runs_s"]) == len(report["rebuild"]["after_one_new_s"]) == 1  # --runs
    assert report["big"]["articles"] == 20 and report["big"]["rebuild"]["ratio"] > 0
    # Memory from a sampled cold build of its own (the timed ones are not sampled).
    assert report["big"]["peak_total_mb"] > 0 and report["rebuild"]["cold_peak"]["peak_total_mb"] > 0
    assert "## build" in (out / "report.md").read_text()
    assert report["disk"]["ms_per_new_file"] and report["disk"]["waited_s"] >= 0
    stories = report["stories"]["alone"]
    assert stories["articles"] == 4 and stories["labelled_pairs"] == 2
    assert 0 <= stories["grouping_pairwise_precision"] <= 1 and stories["digest_articles"] == 4
    assert report["stories"]["among_corpus"]["digest_articles"] == 12
    assert set(report["pathological"]) and all(len(v["seconds"]) == 2 for v in report["pathological"].values())


def test_variant_makes_a_different_story_with_the_same_headline_root():
    text = CORPUS["world/001.txt"]
    copy = variant(text, 3)
    assert copy.splitlines()[0] == "World story number 1 about Zagreb (3)"
    assert copy != text and variant(text, 0) == text


def test_each_new_story_of_a_rebuild_series_is_a_story_of_its_own(tmp_path):
    from news_digest.bench import add_one_story

    write_raw(tmp_path / "corpus", CORPUS)
    content = tmp_path / "content"
    write_raw(content, CORPUS)  # the digest the stories arrive in
    for n in (1, 2, 3):
        add_one_story(tmp_path / "corpus", content, n)
    added = sorted(content.rglob("zz-*.txt"))
    assert [p.name for p in added] == ["zz-new-article-2.txt", "zz-new-article-3.txt", "zz-new-article.txt"]
    headlines = {p.read_text(encoding="utf-8").splitlines()[0] for p in added}
    assert len(headlines) == 3  # three stories, three slugs: each rebuild adds one


def test_a_cold_build_starts_without_the_plugins_bytecode_and_every_build_keeps_what_it_compiles(tmp_path,
                                                                                                 monkeypatch):
    import importlib.util
    import py_compile
    import subprocess

    from news_digest import bench

    (tmp_path / "pkg").mkdir()
    source = tmp_path / "pkg" / "mod.py"
    source.write_text("VALUE = 1\n")
    compiled = Path(importlib.util.cache_from_source(str(source)))
    py_compile.compile(str(source), cfile=str(compiled))
    assert compiled.exists()
    bench.forget_bytecode(tmp_path)
    assert not compiled.exists() and source.read_text() == "VALUE = 1\n"
    bench.forget_bytecode(tmp_path)  # nothing to remove: no error

    seen = {}

    def fake_run(command, **kwargs):
        seen.update(kwargs["env"])
        return subprocess.CompletedProcess(command, 0, stdout='{"ok": 1}\n', stderr="")

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    assert bench.run_child("child-build") == {"ok": 1}
    assert "PYTHONDONTWRITEBYTECODE" not in seen and "plugins" in seen["PYTHONPATH"]


def test_parallel_conversion_gives_the_same_posts(tmp_path, monkeypatch):
    options = conversion_options(resolve_settings({}))
    results = []
    for processes in (1, 2):
        content = tmp_path / f"content-{processes}"
        write_raw(content, {**CORPUS, "world/dup-headline.txt": CORPUS["world/001.txt"].replace("Officials", "Police")})
        for path in content.rglob("*.txt"):
            os.utime(path, (1_700_000_000, 1_700_000_000))  # same file time in both runs
        monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
        raw = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.txt"))
        posts.sync_posts(content, raw, [], options, "fp", "News", workers=processes)
        results.append({p.relative_to(content).as_posix(): p.read_text() for p in content.rglob("*.md")})
    assert results[0] == results[1]
    assert len(results[0]) == 9


def test_benchmark_falls_back_to_the_sample_digest(tmp_path):
    from news_digest.bench import ROOT, default_corpus

    assert default_corpus(tmp_path / "absent") == ROOT / "content"
    write_raw(tmp_path / "bbc", CORPUS)
    assert default_corpus(tmp_path / "bbc") == tmp_path / "bbc"


def test_a_run_waits_until_new_files_are_cheap_and_says_what_it_measured(tmp_path):
    slow, quiet = QUIET_MS_PER_FILE * 4, QUIET_MS_PER_FILE / 4
    found = iter([slow, slow, quiet])
    now, waits = [0.0], []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    disk = wait_for_quiet_disk(tmp_path, most_s=60, every_s=10, probe=lambda folder: next(found),
                               sleep=sleep, clock=lambda: now[0])
    assert disk == {"ms_per_new_file": [slow, slow, quiet], "waited_s": 20.0, "quiet": True} and waits == [10, 10]


def test_a_disk_that_stays_slow_is_waited_for_no_longer_than_the_limit(tmp_path):
    now = [0.0]
    disk = wait_for_quiet_disk(tmp_path, most_s=30, every_s=10, probe=lambda folder: 1.0,
                               sleep=lambda s: now.__setitem__(0, now[0] + s), clock=lambda: now[0])
    assert disk["quiet"] is False and disk["waited_s"] == 30 and len(disk["ms_per_new_file"]) == 4


def test_the_probe_times_files_it_creates_and_keeps(tmp_path):
    ms = file_creation_ms(tmp_path / "probe", count=20)
    assert ms > 0 and len(list((tmp_path / "probe").iterdir())) == 20
