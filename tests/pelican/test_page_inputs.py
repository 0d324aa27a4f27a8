"""Page keys (pelican/page_inputs.py): a page's key changes with every value
its template can see, and only with those."""
import json
from datetime import datetime

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

from news_digest.pelican import page_inputs

SETTINGS = {**DEFAULT_CONFIG, "TAG_URL": "tag/{slug}.html", "TAG_SAVE_AS": "tag/{slug}.html"}


def story(**metadata) -> Article:
    values = {"title": "Floods", "date": datetime(2026, 11, 27, 8, 0), "tags": [Tag("Zagreb", SETTINGS)], **metadata}
    article = Article("<p>Floods.</p>", metadata=values, settings=SETTINGS)
    return article


def story_key(article) -> str:
    page_inputs.seen.clear()
    return page_inputs.story_view(article, {}, "")


def test_a_change_to_a_story_or_to_its_metadata_changes_its_key():
    article = story()
    assert article.metadata["title"] is article.title
    before = story_key(article)
    article.metadata["title"] = "Floods in Zagreb"  # what a template reading metadata would show changed
    assert story_key(article) != before
    changed = story_key(article)
    article.title = article.metadata["title"]  # the page shows it too, and the two are one value again
    assert story_key(article) not in (before, changed)


def test_a_tag_is_described_with_its_name_address_and_kind():
    page_inputs.seen.clear()
    zagreb, split = Tag("Zagreb", SETTINGS), Tag("Split", SETTINGS)
    views = [json.loads(page_inputs.describe(t, {"digest_tag_types": {"Zagreb": "place"}}, ""))
             for t in (zagreb, split, zagreb)]
    assert views[0] == ["url", "Tag", "Zagreb", "tag/zagreb.html", "place"] == views[2]
    assert views[1] == ["url", "Tag", "Split", "tag/split.html", None]


def test_values_json_cannot_write_as_they_are_are_still_described_in_one_order():
    describe = page_inputs.describe
    # Keys json cannot write (a tuple) or sort (of mixed kinds).
    assert describe({("a", 1): "x"}, {}, "") == describe({("a", 1): "x"}, {}, "") != describe({("a", 2): "x"}, {}, "")
    assert describe({1: "x", "b": "y"}, {}, "") != describe({1: "x", "b": "z"}, {}, "")
    # Sets in a fixed order; dates as dates.
    assert describe({"b", "a", "c"}, {}, "") == describe({"c", "b", "a"}, {}, "")
    assert json.loads(describe([datetime(2026, 11, 27, 8, 0)], {}, "")) == ["2026-11-27T08:00:00"]


def test_an_object_without_a_stable_form_makes_no_key():
    import pytest

    with pytest.raises(page_inputs.Unstable):
        page_inputs.describe({"x": object()}, {}, "")
