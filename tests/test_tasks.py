"""The invoke tasks a newcomer uses, and a build without the search tool."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

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
