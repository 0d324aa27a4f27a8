"""The README's two commands are the ones CI and newcomers run."""
import re

from tests.helpers import ROOT


def readme_commands():
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)[:2]


def test_readme_opens_with_build_and_test_commands():
    build, test = readme_commands()
    assert build.endswith("pelican content")
    assert test.endswith("pytest")


def test_ci_runs_exactly_the_readme_test_command():
    _, test = readme_commands()
    ci = (ROOT / ".ci/run").read_text().splitlines()
    assert test in ci
