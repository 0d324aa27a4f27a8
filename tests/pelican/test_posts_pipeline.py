"""Pelican reads posts while the rest are converted: the listing Pelican
reads from gives each post only once it is written, and every post."""
import os
import time

import pytest
from types import SimpleNamespace

from tests.helpers import write_raw

from news_digest.pelican import posts, workers
from news_digest.settings import conversion_options
from news_digest.pelican.reading import PostsAsConverted, finish_conversion
from news_digest.settings import resolve_settings

STORY = "{title}\n\nThe desk in Zagreb reported the {title} on Monday. Officials said more would follow.\n"
OPTIONS = conversion_options(resolve_settings({}))


class Generator:
    """What PostsAsConverted uses of Pelican's ArticlesGenerator."""

    def __init__(self, content):
        self.path = str(content)
        self.settings = {"IGNORE_FILES": [".#*"]}
        self.readers = SimpleNamespace(extensions=["md", "html"])

    def get_files(self, paths, exclude=None, extensions=None):
        found = set()
        for root, _, names in os.walk(self.path):
            for name in names:
                if name.rsplit(".", 1)[-1] in (extensions or self.readers.extensions):
                    found.add(os.path.relpath(os.path.join(root, name), self.path))
        return found


def plan_for(content):
    raw = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.txt"))
    markdown = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    return posts.plan_posts(content, raw, markdown, "fp", "News"), len(raw)


def converting_two_new_stories(content, ready):
    """A listing over two posts already there ("world/a.md", "pages/about.md")
    and two being converted ("world/b.md" changed, "world/c.md" new; an
    empty raw file fails), whose conversions are ready as `ready()` says."""
    write_raw(content, {"world/a.txt": STORY.format(title="Flood warning"), "world/b.txt": "Storm\n\nOld text.\n"})
    posts.sync_posts(content, ["world/a.txt", "world/b.txt"], [], OPTIONS, "fp", "News")
    write_raw(content, {
        "world/b.txt": STORY.format(title="Storm warning"),  # changed: its post is made again
        "world/c.txt": STORY.format(title="Fire warning"),
        "world/empty.txt": "",
        "pages/about.md": "Title: About\n\nUs.\n",
    })
    generator = Generator(content)
    plan, count = plan_for(content)
    written = posts.write_posts(plan, OPTIONS, 1)
    generator.get_files = PostsAsConverted(generator, plan, workers.Results(written, ready), count)
    return generator, plan


@pytest.mark.parametrize("ready, new_after", [
    (lambda: True, 1),  # converted as soon as asked for (in this process): read after the first post
    (lambda: False, 2),  # a worker still converting: read after every post already there
])
def test_posts_come_as_soon_as_they_are_written(tmp_path, ready, new_after):
    content = tmp_path / "content"
    generator, plan = converting_two_new_stories(content, ready)
    seen = []
    for path in generator.get_files(["."]):
        assert os.path.isfile(content / path)
        if path == os.path.join("world", "b.md"):
            assert "Storm warning" in (content / path).read_text()  # never the old version
        seen.append(path)
    assert "get_files" not in generator.__dict__  # removed itself
    new = [os.path.join("world", "b.md"), os.path.join("world", "c.md")]
    assert seen[new_after:new_after + 2] == new
    assert sorted(seen[:new_after] + seen[new_after + 2:]) == sorted([os.path.join("pages", "about.md"),
                                                                      os.path.join("world", "a.md")])
    assert sorted(seen) == sorted(generator.get_files(["."]))  # each post once, none missing
    assert plan.report.failed and plan.report.failed[0][0] == "world/empty.txt"


def one_story_converting(content):
    """A generator whose listing is a PostsAsConverted over one new story."""
    write_raw(content, {"world/a.txt": STORY.format(title="Flood warning")})
    generator = Generator(content)
    plan, count = plan_for(content)
    generator.get_files = PostsAsConverted(generator, plan, posts.write_posts(plan, OPTIONS, 1), count)
    return generator


def test_conversion_finishes_even_if_nobody_lists_the_posts(tmp_path):
    content = tmp_path / "content"
    generator = one_story_converting(content)
    finish_conversion(generator)
    assert (content / "world/a.md").exists() and "get_files" not in generator.__dict__


def test_another_listing_first_finishes_the_conversion(tmp_path):
    generator = one_story_converting(tmp_path / "content")
    assert generator.get_files(["."], extensions=["md"]) == {os.path.join("world", "a.md")}


def test_one_worker_converts_a_few_new_files_of_a_big_digest(tmp_path, monkeypatch):
    content = tmp_path / "content"
    write_raw(content, {"world/a.txt": STORY.format(title="Flood warning")})
    plan, _ = plan_for(content)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 3)
    plan.report.unchanged.extend(["x.md"] * 5)  # as if the digest had other posts to read meanwhile
    assert workers.worker_count(len(plan.jobs), 5, 2) == 1
    written = posts.write_posts(plan, OPTIONS, 2)
    for _ in range(600):  # converted in the worker: ready once it is done, without asking for it
        if written.ready():
            break
        time.sleep(0.1)
    assert written.ready() and list(written) == ["world/a.md"] and written.ready()
    assert "Flood warning" in (content / "world/a.md").read_text()


@pytest.mark.parametrize("new_stories", [1, 0])
def test_a_rebuild_s_worker_starts_before_the_plan(tmp_path, monkeypatch, new_stories):
    """start_early: the one worker a rebuild of a big digest would convert
    its few new stories with starts (and loads the word lists) before the
    posts are planned; the conversion takes it, or lets it go when the plan
    has nothing for it."""
    import concurrent.futures

    made = []
    real = concurrent.futures.ProcessPoolExecutor

    def counted(*args, **kwargs):
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 3)
    content = tmp_path / "content"
    write_raw(content, {f"world/{n}.txt": STORY.format(title=f"Flood warning {n}") for n in range(new_stories)})
    workers.start_early(2, 5, None)
    assert len(made) == 1 and made[0]["initargs"][-1] is True  # warm: it loads the word lists
    pool = workers.early[0]
    plan, _ = plan_for(content)
    plan.report.unchanged.extend(["x.md"] * 5)  # as if the digest had other posts to read meanwhile
    written = list(posts.write_posts(plan, OPTIONS, 2))
    assert workers.early is None and len(made) == 1  # no second worker started
    assert written == [f"world/{n}.md" for n in range(new_stories)]
    assert all("Flood warning" in (content / path).read_text() for path in written)
    assert pool._shutdown_thread  # used and closed, or let go
    workers.start_early(2, 1, None)  # a small digest converts in this process
    assert workers.early is None and len(made) == 1


def test_the_converter_stamp_comes_from_the_converter_only():
    names = {p.relative_to(posts.PACKAGE_DIR).as_posix() for p in posts.converter_files()}
    assert {"text/convert.py", "text/repair.py", "tags/entities.py", "tags/data/titles.txt"} <= names
    assert not {n for n in names if n.startswith(("pelican/", "site/", "related/")) or "/" not in n}
    assert posts.converter_fingerprint("a") != posts.converter_fingerprint("b")


def test_an_output_file_that_cannot_be_written_is_named(tmp_path, monkeypatch, caplog):
    """A full disk: the file is named, and the build goes on."""
    import errno

    from news_digest.pelican import files

    def full(path, data, new_too=False):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_atomically", full)
    assert files.write_output(tmp_path / "tag" / "zagreb.html", b"<p>page</p>") is False
    assert "tag/zagreb.html: cannot be written (No space left on device)" in caplog.text


def test_what_a_build_found_of_a_post_holds_while_its_file_is_as_it_was(tmp_path):
    """The tag merge asks whether each post is edited by hand; what the
    post sync found is the answer until the file changes."""
    post = tmp_path / "a.md"
    post.write_text("Title: A\n\nBody.\n", encoding="utf-8")
    assert posts.known_edited(post) is None  # never looked at
    posts.note_edited(post, True)
    assert posts.known_edited(post) is True
    post.write_text("Title: A\n\nBody, longer.\n", encoding="utf-8")
    assert posts.known_edited(post) is None  # changed since: read it again
    post.unlink()
    assert posts.known_edited(post) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Title: A\nSlug: a\n\nBody: not metadata\n", {"title": ["A"], "slug": ["a"]}, id="stops-at-the-blank-line"),
        pytest.param("Title: A\nnot a header line\nSlug: a\n", {"title": ["A"]}, id="stops-at-a-line-that-is-not-metadata"),
        pytest.param("Tags: a\nTags: b\n\n", {"tags": ["a", "b"]}, id="repeated-key"),
        pytest.param("\n\nTitle: A\n", {}, id="blank-first"),
    ],
)
def test_read_header(text, expected):
    from news_digest.text.markdown_post import read_header

    assert read_header(text) == expected


def settled(*paths, seconds=60):
    """Files' times set back: stamps of files just written are not trusted."""
    for folder in paths:
        for path in [folder] if folder.is_file() else folder.rglob("*"):
            if path.is_file():
                when = path.stat().st_mtime - seconds
                os.utime(path, (when, when))


def test_a_plan_from_stamps_is_the_plan_from_reading_every_file(tmp_path):
    content = tmp_path / "content"
    write_raw(content, {f"world/{i}.txt": STORY.format(title=f"Flood warning {i}") for i in range(4)})
    write_raw(content, {"world/copy.txt": STORY.format(title="Flood warning 0")})  # a duplicate
    posts.sync_posts(content, sorted(p.relative_to(content).as_posix() for p in content.rglob("*.txt")), [],
                     OPTIONS, "fp", "News")
    fresh, _ = plan_for(content)
    assert list(fresh.stamps) == ["world/copy.txt"]  # files written a moment ago are not stamped
    settled(content)
    read, _ = plan_for(content)
    # Every raw file is known, the duplicate too: a rebuild with nothing new
    # does not start a worker for a new raw file (reading.py).
    assert sorted(read.stamps) == [*(f"world/{i}.txt" for i in range(4)), "world/copy.txt"]
    raw = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.txt"))
    markdown = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    stamped = posts.plan_posts(content, raw, markdown, "fp", "News", known=read.stamps)
    assert (stamped.jobs, stamped.report, stamped.stamps) == (read.jobs, read.report, read.stamps)
    assert sorted(stamped.report.unchanged) == [f"world/{i}.md" for i in range(4)]
    assert stamped.report.duplicates == [("world/copy.txt", "world/0.txt")]
    # Another converter: every post is made again.
    assert len(posts.plan_posts(content, raw, markdown, "fp2", "News", known=read.stamps).jobs) == 4


def test_headers_of_posts_as_they_were_are_not_read_again(tmp_path, monkeypatch):
    content = tmp_path / "content"
    write_raw(content, {f"world/{i}.txt": STORY.format(title=f"Flood warning {i}") for i in range(3)})
    raw = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.txt"))
    posts.sync_posts(content, raw, [], OPTIONS, "fp", "News")
    markdown = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert posts.plan_posts(content, raw, markdown, "fp", "News").headers == {}  # too new to trust
    settled(content)
    read = posts.plan_posts(content, raw, markdown, "fp", "News")
    assert sorted(read.headers) == markdown
    real_read_head = posts.read_head
    read_again = []
    monkeypatch.setattr(posts, "read_head", lambda path: read_again.append(path.name) or real_read_head(path))
    (content / "world" / "0.txt").unlink()  # its post is left over, known from what was remembered
    raw = raw[1:]
    remembered = posts.plan_posts(content, raw, markdown, "fp", "News", known_headers=read.headers)
    assert read_again == [] and remembered.report.removed == [("world/0.md", "world/0.txt")]
    monkeypatch.setattr(posts, "read_head", real_read_head)
    fresh = posts.plan_posts(content, raw, markdown, "fp", "News")
    again = posts.plan_posts(content, raw, markdown, "fp", "News", known_headers=read.headers)
    assert (again.jobs, again.report, again.taken) == (fresh.jobs, fresh.report, fresh.taken)
    monkeypatch.setattr(posts, "read_head", lambda path: read_again.append(path.name) or real_read_head(path))
    # A post changed since is read again.
    post = content / "world" / "1.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Slug: ", "Slug: renamed-"), encoding="utf-8")
    settled(post)
    again = posts.plan_posts(content, raw, markdown, "fp", "News", known_headers=read.headers)
    assert "1.md" in read_again and again.taken.get("renamed-flood-warning-1") == "world/1.md"


@pytest.mark.parametrize("change", ["edit the post", "change the raw file", "replace the post with a link"])
def test_a_stamp_is_not_trusted_once_either_file_changed(tmp_path, change):
    content = tmp_path / "content"
    write_raw(content, {"world/a.txt": STORY.format(title="Flood warning")})
    posts.sync_posts(content, ["world/a.txt"], [], OPTIONS, "fp", "News")
    settled(content)
    known = plan_for(content)[0].stamps
    assert "world/a.txt" in known
    post, raw = content / "world/a.md", content / "world/a.txt"
    if change == "edit the post":
        post.write_text(post.read_text().replace("Officials", "Ministers"))  # same size
    elif change == "change the raw file":
        raw.write_text(raw.read_text().replace("Officials", "Ministers"))
    else:
        post.rename(content / "world/elsewhere.md")
        post.symlink_to(content / "world/elsewhere.md")
    # Changed, but not a moment ago: only the changed file's stamp tells.
    settled({"edit the post": post, "change the raw file": raw}.get(change, content / "world/elsewhere.md"), seconds=30)
    raw_files = ["world/a.txt"]
    plan = posts.plan_posts(content, raw_files, ["world/a.md"], "fp", "News", known=known)
    if change == "edit the post":
        assert plan.report.kept_edited == ["world/a.md"] and not plan.jobs
    elif change == "change the raw file":
        assert [job.rel for job in plan.jobs] == ["world/a.txt"]
    else:
        assert plan.report.skipped and not plan.jobs
    assert plan.stamps == {}


def test_workers_render_each_post_as_the_reader_would(tmp_path, monkeypatch):
    """With the reader's settings, conversion workers render each post's
    HTML; the reader takes it instead of converting the post, and gets what
    it gets on its own. A post whose slug the build process changed is
    rendered again there, so the worker's HTML is not offered."""
    import copy

    from pelican.settings import DEFAULT_CONFIG

    from news_digest.pelican import markdown_reader
    from news_digest.pelican.markdown_reader import ReusingMarkdownReader

    content = tmp_path / "content"
    write_raw(content, {f"world/{name}.txt": STORY.format(title=title) for name, title in
                        [("a", "Flood warning"), ("b", "Storm warning"), ("c", "Fire warning")]})
    write_raw(content, {"world/d.txt": STORY.format(title="Flood warning") + "\nThe river fell overnight.\n"})
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(markdown_reader, "prerendered", {})
    settings = copy.deepcopy(DEFAULT_CONFIG)
    reader_settings = {"MARKDOWN": settings["MARKDOWN"], "FORMATTED_FIELDS": settings["FORMATTED_FIELDS"]}
    plan, _ = plan_for(content)
    written = list(posts.write_posts(plan, OPTIONS, 2, copy.deepcopy(reader_settings)))
    assert len(written) == 4
    offered = {os.path.relpath(path, content) for path in markdown_reader.prerendered}
    assert len(offered) == 3 and set(written) - offered == {os.path.join("world", "d.md")}  # d's slug: taken
    reader, on_its_own = ReusingMarkdownReader(copy.deepcopy(settings)), ReusingMarkdownReader(copy.deepcopy(settings))
    for post in [written[0]] + written:  # the first read is Pelican's own
        path = str(content / post)
        assert repr(reader.read(path)) == repr(on_its_own.read(path))
    assert not markdown_reader.prerendered  # each taken


def test_spawned_workers_convert_without_rendering(tmp_path, monkeypatch):
    """Where workers are spawned, not forked, the reader's settings (which
    need not pickle) are not sent to them: they only convert."""
    import multiprocessing

    from news_digest.pelican import markdown_reader

    content = tmp_path / "content"
    write_raw(content, {f"world/{i}.txt": STORY.format(title=f"Flood warning {i}") for i in range(3)})
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(markdown_reader, "prerendered", {})
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    unpicklable = {"MARKDOWN": {"extensions": [lambda: None]}, "FORMATTED_FIELDS": ["summary"]}
    plan, _ = plan_for(content)
    assert len(list(posts.write_posts(plan, OPTIONS, 2, unpicklable))) == 3
    assert all((content / f"world/{i}.md").exists() for i in range(3)) and not markdown_reader.prerendered


@pytest.mark.parametrize("listed, new", [
    (["./story.txt", "world/a.txt"], False),  # a file at the top, as Pelican lists it
    (["story.txt", "world//a.txt"], False),
    (["./story.txt", "./new.txt"], True),
    (["world/b.txt"], True),
])
def test_a_rebuild_with_nothing_new_starts_no_worker_for_a_new_raw_file(listed, new):
    assert posts.has_new_raw_files({"story.txt": "stamp", "world/a.txt": "stamp"}, listed) is new
