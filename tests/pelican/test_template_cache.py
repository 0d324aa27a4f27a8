"""Compiled templates kept from one build to the next (pelican/template_cache.py)."""
import types

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader


def environment(folder, templates, compiled, **options):
    """A Jinja environment as a build has it, counting what it compiles."""
    from news_digest.pelican.template_cache import KeptTemplates, keep_compiled_templates

    settings = {"CACHE_PATH": str(folder), "JINJA_ENVIRONMENT": {"autoescape": True, **options}}
    keep_compiled_templates(types.SimpleNamespace(settings=settings))
    env = Environment(loader=FileSystemLoader(str(templates)), **settings["JINJA_ENVIRONMENT"])
    assert isinstance(env.bytecode_cache, KeptTemplates)
    real = env.compile
    env.compile = lambda *a, **k: compiled.append(a[1] if len(a) > 1 else k.get("name")) or real(*a, **k)
    return env


def kept_files(folder):
    return sorted(folder.glob("news_digest-template-*.bin"))


def flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [None, flip_a_byte, lambda p: p.write_bytes(b""), lambda p: p.write_bytes(b"x" * 40)])
def test_a_template_is_compiled_once_and_a_damaged_copy_compiled_again(tmp_path, damage):
    """The next build takes the compiled template from the cache folder; one
    whose bytes changed on disk is compiled again and renders as before."""
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>{% for t in tags %}<i>{{ t }}</i>{% endfor %}")
    first = []
    html = environment(cache, templates, first).get_template("page.html").render(title="A & B", tags=["x"])
    assert html == "<p>A &amp; B</p><i>x</i>" and first == ["page.html"] and len(kept_files(cache)) == 1
    if damage:
        damage(kept_files(cache)[0])
    again = []
    assert environment(cache, templates, again).get_template("page.html").render(title="A & B", tags=["x"]) == html
    assert again == ([] if damage is None else ["page.html"])


def test_an_edited_template_is_compiled_again(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("old {{ title }}")
    environment(tmp_path, templates, []).get_template("page.html")
    (templates / "page.html").write_text("new {{ title }}")
    compiled = []
    assert environment(tmp_path, templates, compiled).get_template("page.html").render(title="t") == "new t"
    assert compiled == ["page.html"]


@pytest.mark.parametrize("options, differs", [
    ({"autoescape": False}, True), ({"trim_blocks": True}, True), ({"lstrip_blocks": True}, False),
])
def test_a_template_compiled_with_other_options_is_compiled_again(tmp_path, options, differs):
    """What the environment compiled a template with is part of where it is
    kept: compiled with autoescape on, it must not be served with it off."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% if x %}\n<b>{{ x }}</b>{% do [] %}\n{% endif %}")
    extensions = {"extensions": ["jinja2.ext.do"]}
    before = environment(tmp_path, templates, [], **extensions).get_template("page.html").render(x="<i>")
    compiled = []
    after = environment(tmp_path, templates, compiled, **extensions, **options).get_template("page.html").render(x="<i>")
    fresh = Environment(loader=FileSystemLoader(str(templates)), **{"autoescape": True, **extensions, **options})
    assert compiled == ["page.html"] and after == fresh.get_template("page.html").render(x="<i>")
    assert (after != before) == differs


def test_a_cache_folder_that_cannot_be_written_only_costs_the_compile(tmp_path):
    from news_digest.pelican.template_cache import KeptTemplates

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    env = Environment(loader=DictLoader({"a.html": "{{ 1 + 1 }}"}), bytecode_cache=KeptTemplates(blocked))
    assert env.get_template("a.html").render() == "2"


@pytest.mark.parametrize("settings, kept, reloads", [
    ({"CACHE_PATH": "c", "LOAD_CONTENT_CACHE": True, "JINJA_ENVIRONMENT": {"trim_blocks": True}}, True, False),
    ({"CACHE_PATH": "c", "LOAD_CONTENT_CACHE": False, "JINJA_ENVIRONMENT": {}}, False, False),  # --ignore-cache
    ({"CACHE_PATH": "c", "JINJA_ENVIRONMENT": {"bytecode_cache": "theirs", "auto_reload": True}}, "theirs", True),
])
def test_the_build_settings_get_the_cache_unless_they_name_their_own(settings, kept, reloads):
    from news_digest.pelican.template_cache import KeptTemplates, keep_compiled_templates

    given = dict(settings["JINJA_ENVIRONMENT"])
    keep_compiled_templates(types.SimpleNamespace(settings=settings))
    found = settings["JINJA_ENVIRONMENT"]
    assert found.get("auto_reload") is reloads
    if kept is True:
        assert isinstance(found["bytecode_cache"], KeptTemplates) and found["trim_blocks"] is True
        # Part of every page's key: the same description in every build.
        assert repr(found["bytecode_cache"]) == repr(KeptTemplates("elsewhere")) and " at 0x" not in repr(found)
    else:
        assert found.get("bytecode_cache", False) == kept
    assert given == {k: v for k, v in found.items() if k in given}
