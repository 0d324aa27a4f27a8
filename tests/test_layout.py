"""The package's layout holds: the pure folders import neither Pelican nor
the glue, no import circle ties modules together, and loading the plugin
does not load the converter. Imports are read with
ast, including those inside functions (a lazy import is still a dependency)."""
import ast
from pathlib import Path

import pytest

from tests.helpers import run_python

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "news_digest"
PURE = ("text", "tags", "related", "site")
GLUE = "news_digest.pelican"


def module_name(path: Path) -> str:
    parts = ["news_digest", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every module a file imports, by absolute name; `from X import y`
    counts as X.y when y is one of our modules."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
    return found


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in files}
    return {module_name(p): imports_of(p, modules) for p in files}


GRAPH = import_graph()


@pytest.mark.parametrize("folder", PURE)
def test_a_pure_folder_imports_neither_pelican_nor_the_glue(folder):
    prefix = f"news_digest.{folder}"
    wrong = {
        (module, imported)
        for module, imported_set in GRAPH.items() if module == prefix or module.startswith(prefix + ".")
        for imported in imported_set
        if imported == "pelican" or imported.startswith("pelican.")
        or imported.startswith("news_digest.") and not imported.startswith(tuple(f"news_digest.{f}" for f in PURE))
    }
    assert not wrong


def find_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_no_import_circles():
    assert find_circles(GRAPH) == []


@pytest.mark.parametrize("graph, circles", [
    pytest.param({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]], id="two-modules"),
    pytest.param({"a": {"b"}, "b": {"c"}, "c": set()}, [], id="a-chain"),
    pytest.param({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]], id="three-modules"),
])
def test_the_circle_finder_finds_circles(graph, circles):
    assert find_circles(graph) == circles


def test_the_graph_sees_the_glue_and_the_pure_folders():
    # The checks above mean something only if imports are resolved.
    assert "news_digest.pelican.posts" in GRAPH["news_digest.pelican.reading"]
    assert "news_digest.tags.spelling" in GRAPH["news_digest.related.features"]
    assert "pelican.generators" in GRAPH["news_digest.pelican.feed_generator"]


def test_loading_the_plugin_leaves_the_converter_and_beautifulsoup_unloaded():
    """A rebuild's build process converts nothing itself (a worker converts
    its new stories), and few stories need BeautifulSoup: importing either
    would cost every build process about 0.1 s before it starts."""
    code = ("import sys, pelican.generators, news_digest; news_digest.register(); "
            "print(sorted(m for m in ('bs4', 'ftfy', 'news_digest.text.convert') if m in sys.modules))")
    found = run_python(["-c", code])
    assert found.returncode == 0, found.stderr[-2000:]
    assert found.stdout.strip() == "[]"
