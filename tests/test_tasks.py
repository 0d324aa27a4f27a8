"""The invoke tasks a newcomer uses, and a build without the search tool."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import ROOT, build_site, write_raw

TASKS = {"build", "rebuild", "regenerate", "serve", "reserve", "preview", "livereload", "publish", "convert", "bench"}


def test_invoke_lists_the_quickstart_tasks():
    proc = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines()[2:] if line.strip()}
    assert TASKS <= listed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_invoke_serve_serves_the_output(tmp_path):
    output = ROOT / "output"
    created = not output.exists()
    output.mkdir(exist_ok=True)
    marker = output / "serve-test.html"
    marker.write_text("<p>served</p>")
    port = free_port()
    env = dict(os.environ, DIGEST_PORT=str(port))
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/serve-test.html") as response:
                    assert response.read() == b"<p>served</p>"
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("invoke serve did not answer")
    finally:
        server.terminate()
        server.wait(10)
        marker.unlink()
        if created:
            output.rmdir()


def test_build_without_pagefind_still_builds_and_says_why(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "pagefind.py").write_text("raise ImportError('pagefind is not installed')\n")
    write_raw(tmp_path / "content", {"world/floods.txt": "Floods close roads\n\nRoads were closed.\n"})
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")]))
    proc = build_site(tmp_path / "content", tmp_path / "output")
    assert proc.returncode == 0, proc.stderr
    assert "Pagefind is not installed" in proc.stdout + proc.stderr
    assert (tmp_path / "output" / "floods-close-roads.html").exists()
    assert not (tmp_path / "output" / "pagefind").exists()


def test_invoke_serve_on_a_busy_port_says_so_in_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "invoke", "serve", "--port", str(port)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()], proc.stderr  # one line, no traceback
    assert f"port {port}" in proc.stderr and f"--port {port + 1}" in proc.stderr


def test_invoke_fuzz_without_atheris_says_how_to_install_it():
    import importlib.util

    if importlib.util.find_spec("atheris"):
        pytest.skip("atheris is installed here")
    proc = subprocess.run([sys.executable, "-m", "invoke", "fuzz", "--runs", "1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "invoke fuzz: atheris is not installed; install it with: pip install atheris"


def test_livereload_builds_once_for_a_new_raw_file_and_again_for_an_edited_post(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    from tasks import BuildOncePerChange

    builds = []

    def build():  # as the plugin does: a post for each raw file
        builds.append(1)
        for raw in tmp_path.rglob("*.txt"):
            post = raw.with_suffix(".md")
            if not post.exists():
                post.write_text(f"Title: {raw.stem}\n")

    watch = BuildOncePerChange(build, tmp_path)
    (tmp_path / "a.txt").write_text("A\n")
    watch.build()
    assert len(builds) == 1 and (tmp_path / "a.md").exists()
    watch.post_changed()  # the watcher sees the post the build wrote
    assert len(builds) == 1
    (tmp_path / "a.md").write_text("Title: Edited by hand\n")
    os.utime(tmp_path / "a.md", ns=(1, 1))
    watch.post_changed()
    assert len(builds) == 2
