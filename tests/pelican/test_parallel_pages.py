"""Tag, section and author pages written by a second process: every page
once, the same bytes as a build in one process, and none lost if the second
process fails."""
import functools
import os
from pathlib import Path

import pytest

from news_digest.pelican import memory, parallel_pages
from tests.helpers import build_site

pytestmark = pytest.mark.skipif(not parallel_pages.can_fork(), reason="needs fork()")


class FakeGenerator:
    """Pelican's articles generator as parallel_pages sees it: each listing
    writes one file per item, named after the item and the process."""

    def __init__(self, folder: Path, tags: int, fail_in_child: bool = False):
        self.folder, self.parent, self.fail_in_child = folder, os.getpid(), fail_in_child
        self.tags = {f"tag{i}": [] for i in range(tags)}
        self.dates = []

    def page(self, write, name):
        write(name)

    def generate_articles(self, write):
        self.page(write, "article")

    def generate_direct_templates(self, write):
        self.page(write, "index")

    def generate_tags(self, write):
        for tag in self.tags:
            self.page(write, tag)

    def generate_categories(self, write):
        if self.fail_in_child and os.getpid() != self.parent:
            raise RuntimeError("disk full")
        self.page(write, "category")

    def generate_authors(self, write):
        self.page(write, "author")

    def generate_pages(self, write):  # Pelican's order
        for step in ("articles", "direct_templates", "tags", "categories", "authors"):
            getattr(self, f"generate_{step}")(write)


def writer_into(folder: Path):
    def write(name):
        (folder / f"{name}.{os.getpid()}").write_text("page")
    return write


def written(folder: Path) -> dict[str, list[int]]:
    pages: dict[str, list[int]] = {}
    for path in folder.iterdir():
        name, pid = path.name.rsplit(".", 1)
        pages.setdefault(name, []).append(int(pid))
    return pages


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(parallel_pages, "usable_cores", lambda: 2)


def test_listings_are_shared_between_two_processes_and_each_page_written_once(tmp_path, two_cores):
    generator = FakeGenerator(tmp_path, tags=200)
    parallel_pages.split_listings([generator])
    generator.generate_pages(writer_into(tmp_path))
    parallel_pages.finish()
    pages = written(tmp_path)
    assert set(pages) == {"article", "index", "category", "author", *generator.tags}
    assert all(len(pids) == 1 for pids in pages.values())  # once each
    assert pages["article"] == [os.getpid()]
    assert pages["category"] != [os.getpid()] and pages["index"] == pages["category"]  # the second process's
    assert not generator.__dict__.get("generate_tags")  # the class's methods again
    assert parallel_pages.running == []


def test_a_failed_second_process_costs_time_not_pages(tmp_path, two_cores, caplog):
    generator = FakeGenerator(tmp_path, tags=5, fail_in_child=True)
    parallel_pages.split_listings([generator])
    generator.generate_pages(writer_into(tmp_path))
    parallel_pages.finish()
    pages = written(tmp_path)
    assert {"article", "index", "category", "author", *generator.tags} <= set(pages)
    assert pages["category"] == [os.getpid()]
    assert "writing tag and section pages here" in caplog.text


class FakeWriter:
    """Pelican's Writer: the articles generator hands its listings a partial of write_file."""

    def __init__(self, folder: Path):
        self.write = writer_into(folder)

    def write_file(self, name):
        self.write(name)


class FakeSitemaps:
    """A generator whose whole output the second process may write (the daily editions, the sitemaps)."""

    news_digest_second_process = True

    def generate_output(self, writer):
        writer.write_file("sitemap")


def build_with(tmp_path, generator, write_of=lambda writer: functools.partial(writer.write_file)):
    """Pelican's order: the articles generator's pages, the next generator's output, then finalized."""
    sitemaps, writer = FakeSitemaps(), FakeWriter(tmp_path)
    parallel_pages.split_listings([generator, sitemaps])
    generator.generate_pages(write_of(writer))
    sitemaps.generate_output(writer)
    parallel_pages.finish()
    assert "generate_output" not in sitemaps.__dict__  # the class's own again
    return written(tmp_path)


def test_a_marked_generator_s_output_is_written_once_by_the_second_process(tmp_path, two_cores):
    pages = build_with(tmp_path, FakeGenerator(tmp_path, tags=40))
    assert pages["sitemap"] == pages["index"] != [os.getpid()]


def test_a_marked_generator_s_output_is_written_here_if_the_second_process_fails(tmp_path, two_cores):
    pages = build_with(tmp_path, FakeGenerator(tmp_path, tags=5, fail_in_child=True))
    assert pages["sitemap"] == [os.getpid()] == pages["category"]


def test_a_marked_generator_writes_its_own_output_when_no_writer_is_found(tmp_path, two_cores):
    pages = build_with(tmp_path, FakeGenerator(tmp_path, tags=5), write_of=lambda writer: writer.write_file)
    assert pages["sitemap"] == [os.getpid()] != pages["index"]


def test_off_with_one_core_or_when_switched_off(tmp_path, monkeypatch):
    generator = FakeGenerator(tmp_path, tags=3)
    parallel_pages.split_listings([generator], enabled=False)
    assert "generate_articles" not in generator.__dict__
    monkeypatch.setattr(parallel_pages, "usable_cores", lambda: 1)
    parallel_pages.split_listings([generator])
    assert "generate_articles" not in generator.__dict__


def test_off_for_a_build_that_holds_more_memory_than_allowed(tmp_path, two_cores, caplog):
    caplog.set_level("INFO")
    generator = FakeGenerator(tmp_path, tags=3)
    assert 1 < memory.peak_mb() < 100_000
    parallel_pages.split_listings([generator], max_mb=1)
    assert "generate_articles" not in generator.__dict__
    assert "more than NEWS_DIGEST_PARALLEL_PAGES_MAX_MB" in caplog.text
    parallel_pages.split_listings([generator], max_mb=100_000)
    assert "generate_articles" in generator.__dict__


def test_off_for_a_build_that_held_more_than_allowed_and_gave_it_back(tmp_path, two_cores, monkeypatch):
    # Memory handed back before writing comes back in the feeds: the peak decides.
    monkeypatch.setattr(parallel_pages, "peak_mb", lambda: 700)
    generator = FakeGenerator(tmp_path, tags=3)
    parallel_pages.split_listings([generator], max_mb=400)
    assert "generate_articles" not in generator.__dict__
    monkeypatch.setattr(parallel_pages, "peak_mb", lambda: 350)
    parallel_pages.split_listings([generator], max_mb=400)
    assert "generate_articles" in generator.__dict__


def test_without_shared_semaphores_the_pages_are_written_here(tmp_path, two_cores, monkeypatch):
    def no_semaphores(generator):
        raise ImportError("This platform lacks a functioning sem_open implementation")

    monkeypatch.setattr(parallel_pages, "TagShare", no_semaphores)
    generator = FakeGenerator(tmp_path, tags=3)
    parallel_pages.split_listings([generator])
    generator.generate_pages(writer_into(tmp_path))
    parallel_pages.finish()
    assert all(pids == [os.getpid()] for pids in written(tmp_path).values())
    assert len(written(tmp_path)) == 7  # article, index, category, author and three tags


def test_tag_share_hands_out_every_tag_once(tmp_path):
    generator = FakeGenerator(tmp_path, tags=70)
    share = parallel_pages.TagShare(generator)
    share.write(generator, writer_into(tmp_path))
    share.write(generator, writer_into(tmp_path))  # nothing left the second time
    pages = written(tmp_path)
    assert sorted(pages) == sorted(generator.tags)
    assert len(generator.tags) == 70  # the generator's own tags are put back


def test_a_site_built_in_two_processes_is_the_site_built_in_one(tmp_path):
    content = tmp_path / "content" / "world"
    content.mkdir(parents=True)
    for i in range(12):
        (content / f"story-{i}.md").write_text(
            f"Title: Story {i}\nDate: 2024-03-{i + 1:02d}\nTags: Zagreb, Tag {i % 5}, Ivan Kovač\n"
            f"Summary: Summary {i}\n\nText of story {i} about Zagreb.\n",
            encoding="utf-8",
        )
    sites = {}
    for enabled in (True, False):
        output = tmp_path / f"out-{enabled}"
        result = build_site(tmp_path / "content", output, NEWS_DIGEST_PARALLEL_PAGES=enabled,
                            NEWS_DIGEST_SEARCH=False, SITEURL="https://digest.example",
                            CACHE_PATH=str(tmp_path / f"cache-{enabled}"))
        assert result.returncode == 0, result.stderr
        sites[enabled] = {p.relative_to(output).as_posix(): p.read_bytes()
                          for p in output.rglob("*") if p.is_file()}
    assert "tag/zagreb.html" in sites[True] and "section/world.html" in sites[True]
    assert sites[True].keys() == sites[False].keys()
    # The sitemap too: complete and the same, whichever process wrote which page.
    assert [name for name in sites[True] if sites[True][name] != sites[False][name]] == []
    sitemap = sites[True]["sitemap.xml"].decode()
    listed = [name for name in sites[True] if name.endswith(".html") and "page/" not in name
              and name not in ("search.html", "404.html")]
    missing = [name for name in listed if f"https://digest.example/{name.removesuffix('index.html')}<" not in sitemap]
    assert missing == [] and len(listed) > 20


def test_what_was_set_aside_stays_aside_in_this_process_after_the_fork(tmp_path, two_cores):
    """Forking the second process must not hand the digest back to this
    process's collector: its next full collections would traverse it all."""
    import gc

    kept = [[n] for n in range(1000)]
    try:
        memory.set_aside_long_lived()
        before = gc.get_freeze_count()
        generator = FakeGenerator(tmp_path, tags=5)
        parallel_pages.split_listings([generator])
        generator.generate_pages(writer_into(tmp_path))
        assert gc.get_freeze_count() >= before >= len(kept)
        parallel_pages.finish()
    finally:
        memory.stop_setting_aside()
    assert gc.get_freeze_count() == 0
