"""What the listing pages choose: the front page's lead and sections, notes
that tell apart stories sharing a headline, topics by kind, daily editions."""
from datetime import date, datetime, timedelta, timezone

import pytest

from news_digest.site.editions import EditionStory, edition_entry, editions
from news_digest.site.front_page import FrontItem, choose_front, title_notes, topics

DAY = datetime(2026, 11, 20, 9)


def item(slug, section="World", days_old=0, reports=0, links=0, listed=True):
    return FrontItem(DAY - timedelta(days=days_old), slug, section, reports, links, listed)


@pytest.mark.parametrize("items, lead, sections", [
    pytest.param([], None, (), id="no-stories"),
    pytest.param([item("a")], 0, (), id="one-story-is-the-lead"),
    pytest.param([item("a"), item("b", reports=2), item("c", reports=5, days_old=3)], 1,
                 (("World", (0, 2), 0),), id="most-told-of-the-newest-day-not-older"),
    pytest.param([item("a", links=1), item("b", links=4)], 1, (("World", (0,), 0),), id="then-most-related"),
    pytest.param([item("a", reports=3, listed=False), item("b")], 1, (), id="only-listed-reports"),
    pytest.param([item("a", "Sport", days_old=2), item("b"), item("c", "Sport", days_old=1), item("d", "Sport"),
                  item("e", "Sport", days_old=4)], 3,
                 (("World", (1,), 0), ("Sport", (2, 0), 1)), id="freshest-section-first-with-how-many-more"),
])
def test_front_page(items, lead, sections):
    front = choose_front(items, per_section=2)
    assert (front.lead, front.sections) == (lead, sections)


@pytest.mark.parametrize("stories, notes", [
    pytest.param([("Rates held", ["Bank of England"]), ("Rates held", ["Reserve Bank"])],
                 ["Bank of England", "Reserve Bank"], id="different-tags"),
    pytest.param([("Rates held", ["London"]), ("Rates Held ", ["London", "Oslo"])], ["", "Oslo"],
                 id="a-shared-tag-does-not-tell-them-apart"),
    pytest.param([("Oslo votes", ["Oslo", "Norway"]), ("Oslo votes", ["Oslo"])], ["Norway", ""],
                 id="not-a-word-of-the-headline"),
    pytest.param([("One", ["A"]), ("Two", ["B"])], ["", ""], id="different-headlines-need-none"),
])
def test_title_notes(stories, notes):
    assert title_notes(stories) == notes


def test_topics_by_kind_busiest_first_unknown_kinds_last():
    tags = [("Oslo", "place", 2), ("Ada", "person", 1), ("Bergen", "place", 2), ("NATO", "organisation", 7),
            ("Thing", "mystery", 3)]
    assert topics(tags) == [("person", "People", [1]), ("place", "Places", [2, 0]),
                            ("organisation", "Organisations", [3]), ("other", "Other topics", [4])]


def test_editions_newest_day_first_sections_by_name():
    d1, d2 = date(2026, 11, 20), date(2026, 11, 18)
    found = editions([(d2, "world"), (d1, "World"), (d1, "business"), (d2, "world")])
    assert found == [(d1, [("business", [2]), ("World", [1])]), (d2, [("world", [0, 3])])]


def test_edition_entry_lists_each_story_escaped_with_authors_or_publisher():
    story = EditionStory("Floods <b>hit</b> & more", "https://x.example/a.html?x=1&y=2", "<p>Rain.</p>", ("Ana",))
    updated = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)
    entry = edition_entry(date(2026, 11, 20), "Edition", "https://x.example/daily/2026-11-20.html",
                          [("World", [story])], updated, "The Digest")
    assert entry.content_html == ('<h2>World</h2>\n<h3><a href="https://x.example/a.html?x=1&amp;y=2">'
                                  'Floods &lt;b&gt;hit&lt;/b&gt; &amp; more</a></h3>\n<p>Rain.</p>')
    assert entry.authors == ("Ana",) and entry.updated == updated and entry.summary_html == "1 story"
    anonymous = edition_entry(date(2026, 11, 20), "Edition", "u", [("World", [EditionStory("T", "u", "")])],
                              datetime(2020, 1, 1, tzinfo=timezone.utc), "The Digest")
    assert anonymous.authors == ("The Digest",) and anonymous.updated == datetime(2026, 11, 20, tzinfo=timezone.utc)
