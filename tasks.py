"""invoke tasks, after Pelican's quickstart: build, serve, publish, convert."""
import importlib.util
import os
import shlex
import shutil
import sys
import tempfile
import webbrowser
from pathlib import Path

from invoke import Exit, task
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

OPEN_BROWSER_ON_SERVE = os.environ.get("DIGEST_OPEN_BROWSER", "") == "1"
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {}
SETTINGS.update(DEFAULT_CONFIG)
SETTINGS.update(get_settings_from_file(SETTINGS_FILE_BASE))

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    # Where `invoke publish` copies the site with rsync, e.g. user@host:/var/www/digest
    "publish_target": os.environ.get("DIGEST_PUBLISH_TARGET", ""),
    "host": "localhost",
    "port": int(os.environ.get("DIGEST_PORT", "8000")),
}


def pelican_run(cmd):
    cmd += " " + program.core.remainder  # allows to pass-through args to pelican
    pelican_main(shlex.split(cmd))


@task
def clean(c):
    """Remove generated files"""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])
        os.makedirs(CONFIG["deploy_path"])


@task
def build(c):
    """Build local version of site"""
    pelican_run("-s {settings_base}".format(**CONFIG))


@task
def rebuild(c):
    """`build` with the delete switch"""
    pelican_run("-d -s {settings_base}".format(**CONFIG))


@task
def regenerate(c):
    """Automatically regenerate site upon file modification"""
    pelican_run("-r -s {settings_base}".format(**CONFIG))


@task(help={"port": "port to serve on (default $DIGEST_PORT, else 8000)"})
def serve(c, port=0):
    """Serve output/ at http://localhost:8000/ (or --port N)"""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    port = int(port or CONFIG["port"])
    try:
        server = AddressReuseTCPServer(CONFIG["deploy_path"], (CONFIG["host"], port), ComplexHTTPRequestHandler)
    except OSError as error:
        raise Exit(f"invoke serve: cannot serve on port {port} ({error.strerror}); "
                   f"try another: invoke serve --port {port + 1}", code=1) from None
    if OPEN_BROWSER_ON_SERVE:
        webbrowser.open(f"http://{CONFIG['host']}:{port}")
    sys.stderr.write(f"Serving {CONFIG['deploy_path']}/ at http://{CONFIG['host']}:{port}/ ...\n")
    server.serve_forever()


@task(help={"port": "port to serve on (default $DIGEST_PORT, else 8000)"})
def reserve(c, port=0):
    """`build`, then `serve`"""
    build(c)
    serve(c, port)


@task
def preview(c):
    """Build production version of site"""
    pelican_run("-s {settings_publish}".format(**CONFIG))


class BuildOncePerChange:
    """livereload's callbacks. A build writes a Markdown post for each new raw
    file; the watcher sees that post change, but it is the build's own
    writing, not a change to build again for. A post a person edits is."""

    def __init__(self, build, content: Path):
        self._build, self.content, self.seen = build, Path(content), None

    def posts(self) -> dict:
        return {str(p): p.stat().st_mtime_ns for p in self.content.rglob("*.md")}

    def build(self):
        self._build()
        self.seen = self.posts()

    def post_changed(self):
        if self.posts() != self.seen:
            self.build()


@task
def livereload(c):
    """Automatically reload browser tab upon file modification."""
    from livereload import Server

    def cached_build():
        cmd = "-s {settings_base} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true"
        pelican_run(cmd.format(**CONFIG))

    builds = BuildOncePerChange(cached_build, SETTINGS["PATH"])
    builds.build()
    server = Server()
    theme_path = SETTINGS["THEME"]
    watched_globs = [
        CONFIG["settings_base"],
        f"{theme_path}/templates/**/*.html",
        "plugins/news_digest/**/*.py",
    ]
    # Raw articles (.txt) as well as posts: a new or changed raw file rebuilds.
    for extension in (".txt", ".rst"):
        watched_globs.append("{}/**/*{}".format(SETTINGS["PATH"], extension))
    for extension in (".css", ".js"):
        watched_globs.append(f"{theme_path}/static/**/*{extension}")
    for glob in watched_globs:
        server.watch(glob, builds.build)
    server.watch("{}/**/*.md".format(SETTINGS["PATH"]), builds.post_changed)
    if OPEN_BROWSER_ON_SERVE:
        webbrowser.open("http://{host}:{port}".format(**CONFIG))
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task
def publish(c):
    """Build the production site and copy it to $DIGEST_PUBLISH_TARGET with rsync"""
    pelican_run("-s {settings_publish}".format(**CONFIG))
    if not CONFIG["publish_target"]:
        sys.stderr.write(
            "Built the production site in {deploy_path}/. Set DIGEST_PUBLISH_TARGET "
            "(e.g. user@host:/var/www/digest) to copy it there with rsync.\n".format(**CONFIG)
        )
        return
    c.run(
        'rsync --delete --exclude ".DS_Store" -pthrvz -c {} {}'.format(
            shlex.quote(CONFIG["deploy_path"].rstrip("/") + "/"),
            shlex.quote(CONFIG["publish_target"]),
        )
    )


def plugin_env() -> dict:
    """The environment for running the plugin's own modules (python -m
    news_digest...): plugins/ on PYTHONPATH, as an absolute path so that it
    holds from any working directory."""
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path("plugins").resolve()), os.environ.get("PYTHONPATH", "")]))


@task(help={"output": "folder for the Markdown posts (default: print JSON lines)"})
def convert(c, output="", files=""):
    """Convert raw articles: invoke convert --files "a.txt b.txt" [--output DIR]"""
    names = shlex.split(files) or [str(p) for p in sorted(Path(SETTINGS["PATH"]).rglob("*.txt"))]
    target = ["--output", output] if output else ["--json"]
    env = plugin_env()
    cmd = [sys.executable, "-m", "news_digest", "convert", *target, *names]
    c.run(shlex.join(cmd), env=env, warn=True)


@task(help={"corpus": "folder of raw articles (default ../shared/corpus/bbc, else content/)", "out": "report folder",
            "only": "steps to run, e.g. build,rebuild (default: all)"})
def bench(c, corpus="", out="bench-results", runs=3, big=20000, only=""):
    """Benchmark against plain Pelican: invoke bench [--corpus DIR] [--out DIR] [--only STEPS]"""
    env = plugin_env()
    cmd = [sys.executable, "-m", "news_digest.bench", "--out", out, "--runs", str(runs), "--big", str(big)]
    if corpus:
        cmd += ["--corpus", corpus]
    if only:
        cmd += ["--only", only]
    c.run(shlex.join(cmd), env=env)


@task(help={"runs": "inputs to try", "corpus": "folder of seed inputs (default content/)"})
def fuzz(c, runs=100000, corpus="content"):
    """Fuzz the converter with atheris (pip install atheris): invoke fuzz --runs 100000"""
    if importlib.util.find_spec("atheris") is None:
        raise Exit("invoke fuzz: atheris is not installed; install it with: pip install atheris", code=1)
    work = Path(tempfile.mkdtemp(prefix="digest-fuzz-"))
    for path in Path(corpus).rglob("*.txt"):
        shutil.copy(path, work / f"{abs(hash(str(path)))}.txt")
    env = plugin_env()
    script = Path("tests/fuzz/fuzz_conversion.py").resolve()
    c.run(shlex.join([sys.executable, str(script), f"-runs={runs}", "-max_len=20000", str(work)]), env=env)
