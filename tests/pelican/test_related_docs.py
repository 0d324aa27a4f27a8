"""related_links.docs_after_merge: link_related takes link_ahead's documents
and digest only where a story still says what they were made from."""
from datetime import datetime
from types import SimpleNamespace

import pytest

from news_digest.pelican import related_links
from news_digest.related.features import RelatedOptions


def story(slug, title, tags=("Kyiv",), day=1, section="world"):
    return SimpleNamespace(slug=slug, title=title, date=datetime(2024, 3, day), category=SimpleNamespace(name=section),
                           tags=[SimpleNamespace(name=t) for t in tags], digest_text=f"The words of {title}.")


def stories():
    return [story("a-flood", "A flood"), story("b-vote", "B vote", ("Zagreb", "EU")), story("c-fire", "C fire", ())]


def tags_of(article):
    return tuple(t.name for t in article.tags)


def afresh(articles, options):
    docs = related_links.related_docs(articles, tags_of)
    return docs, related_links.key_digest(related_links.related_key(docs, options))


def changed(articles, change):
    """Apply `change` to the second story, as the merge or a plugin might."""
    if change == "tags":
        articles[1].tags = [SimpleNamespace(name="Zagreb")]
    elif change == "title":
        articles[1].title = "B vote, again"
    elif change == "text":
        articles[1].digest_text = "Other words."
    elif change == "date":
        articles[1].date = datetime(2024, 3, 2)
    elif change == "section":
        articles[1].category = SimpleNamespace(name="politics")


@pytest.mark.parametrize("change, reused", [
    (None, 3), ("tags", 2), ("title", 2), ("text", 2), ("date", 2), ("section", 2),
])
def test_documents_come_from_link_ahead_only_where_the_story_is_unchanged(change, reused):
    options = RelatedOptions()
    articles = stories()
    earlier, digest = related_links.docs_ahead(articles, tags_of, options)
    changed(articles, change)
    docs, taken = related_links.docs_after_merge(articles, tags_of, options)
    expected_docs, expected_digest = afresh(articles, options)
    assert docs == expected_docs
    assert sum(a is b for a, b in zip(docs, earlier)) == reused
    # Its digest is taken only when every document is link_ahead's own.
    assert taken == (digest if reused == 3 else None)
    assert (taken or expected_digest) == expected_digest
    assert related_links.ahead == []  # taken once, then let go


def test_nothing_is_taken_for_other_stories_or_other_options():
    options = RelatedOptions()
    related_links.docs_ahead(stories(), tags_of, options)
    articles = stories()  # the same values, other objects: another build's
    docs, taken = related_links.docs_after_merge(articles, tags_of, options)
    assert taken is None and docs == afresh(articles, options)[0]
    related_links.docs_ahead(articles, tags_of, options)
    other = RelatedOptions(max_related=3)
    docs, taken = related_links.docs_after_merge(articles, tags_of, other)
    assert taken is None and docs == afresh(articles, other)[0]
    assert related_links.docs_after_merge(articles, tags_of, options) == (afresh(articles, options)[0], None)
