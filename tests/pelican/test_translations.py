"""Translations found at once when there are none, and by Pelican otherwise:
the same originals, in the same order, and the same translations."""
import pytest
from pelican.utils import process_translations as pelicans

from news_digest.pelican.translations import process_translations


class Item:
    def __init__(self, slug, lang="en", translation=None, default_lang=True):
        self.slug, self.lang, self.in_default_lang = slug, lang, default_lang
        self.metadata = {} if translation is None else {"translation": translation}
        self.source_path = f"{slug}-{lang}.md"

    def __repr__(self):
        return f"{self.slug}/{self.lang}"


TABLES = {
    "all-unique": [("b",), ("a",), ("c",)],
    "one-slug-twice": [("a",), ("b", "fr", None, False), ("b",)],
    "a-translation-by-metadata": [("a",), ("b", "en", "true")],
    "metadata-false": [("a", "en", "False"), ("b",)],
    "empty": [],
}


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("translation_id", ["slug", ("slug", "lang"), None])
def test_the_same_answer_as_pelican(name, translation_id):
    ours_items = [Item(*row) for row in TABLES[name]]
    theirs_items = [Item(*row) for row in TABLES[name]]
    ours = process_translations(ours_items, translation_id=translation_id)
    theirs = pelicans(theirs_items, translation_id=translation_id)
    assert [[repr(x) for x in part] for part in ours] == [[repr(x) for x in part] for part in theirs]
    assert [repr(x) for x in ours_items] == [repr(x) for x in theirs_items]  # sorted in place alike
    if translation_id:
        assert [[repr(t) for t in x.translations] for x in ours_items] == \
               [[repr(t) for t in x.translations] for x in theirs_items]


def test_pelicans_generators_use_it():
    from pelican import generators

    from news_digest.pelican import translations

    translations.install()
    assert generators.process_translations is process_translations


def test_a_digest_without_translations_never_asks_pelicans_loop():
    def refuse(*args, **kwargs):
        raise AssertionError("Pelican's loop was asked")

    items = [Item("b"), Item("a")]
    assert process_translations(items, translation_id="slug", original=refuse) == (items, [])
    assert [x.slug for x in items] == ["a", "b"]
    with pytest.raises(AssertionError):  # two posts with one slug: Pelican's loop decides
        process_translations([Item("a"), Item("a", "fr")], translation_id="slug", original=refuse)
