"""Helpers for the tests: build a digest into a temporary folder, run the
project's Python, write raw files."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def run_python(args: list[str], cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "plugins"), env.get("PYTHONPATH", "")])
    env["COLUMNS"] = "1000"  # one log record per line
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, **kwargs
    )


def build_site(content: Path, output: Path, settings_file: str = "pelicanconf.py", options=(), **settings):
    """Run `pelican` on a content folder, as a user would (with command-line
    `options`); return the process."""
    overrides = {"CACHE_PATH": str(output.parent / "cache"), "FEED_MAX_ITEMS": 1000}
    overrides.update(settings)
    args = ["-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings_file), *options]
    args += ["-e"] + [f"{k}={json.dumps(v)}" for k, v in overrides.items()]
    return run_python(args)


def internal_links(output: Path, site_url: str = ""):
    """Every internal href/src of every built page: (page, url, target path)."""
    from urllib.parse import unquote, urlparse

    from bs4 import BeautifulSoup

    for page in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            url = tag.get("href") or tag.get("src")
            if not url or url.startswith(("#", "mailto:", "data:")):
                continue
            if site_url and url.startswith(site_url):
                url = "/" + url[len(site_url):].lstrip("/")
            parsed = urlparse(url)
            if parsed.scheme or parsed.netloc:
                continue  # another site
            path = unquote(parsed.path)
            target = output / path.lstrip("/") if path.startswith("/") else (page.parent / path)
            if target.is_dir():
                target = target / "index.html"
            yield page.relative_to(output).as_posix(), url, target


def copy_sample_content(dest: Path) -> Path:
    """The repository's sample digest, raw files only (and the About page)."""
    import shutil

    shutil.copytree(ROOT / "content", dest, ignore=shutil.ignore_patterns("*.md"))
    shutil.copy(ROOT / "content/pages/about.md", dest / "pages/about.md")
    return dest


def write_raw(folder: Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
