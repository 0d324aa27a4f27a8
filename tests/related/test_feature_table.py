"""feature_table: the kept table of every story's features gives the same
matrix as features read story by story, and is written again only when it
lacks many of the digest's stories."""
import numpy as np
import pytest
from news_digest.related.feature_table import TABLE_KEY, decode_table, encode_table, feature_arrays
from news_digest.related.features import RelatedDoc, RelatedOptions
from news_digest.related.similarity import tfidf_matrix

TEXTS = [
    ("floods", "Floods hit Vukovar", "The Danube flooded Vukovar; the mayor asked Zagreb for aid.", ("Vukovar", "Danube")),
    ("aid", "Zagreb sends flood aid", "The government in Zagreb sent aid to Vukovar after the floods.", ("Zagreb", "Vukovar")),
    ("derby", "Ajax beat Feyenoord", "Ajax beat Feyenoord 2-1 in Amsterdam on Sunday.", ("Ajax", "Feyenoord")),
    ("rates", "Bank holds rates", "The central bank held rates, saying prices were easing in the café sector.", ("Central Bank",)),
    ("league", "Ajax top the league", "Ajax lead the league after the derby win over Feyenoord.", ("Ajax",)),
]
DOCS = [RelatedDoc(key=k, title=t, text=x, entities=e) for k, t, x, e in TEXTS]
OPTIONS = RelatedOptions()


class Store(dict):
    """What feature_arrays asks of the build's BlobStore."""

    def get(self, key):
        return super().get(key)

    def get_many(self, keys):
        return {k: self[k] for k in keys if k in self}

    def put(self, key, value):
        self[key] = value
        self.written = getattr(self, "written", []) + [key]



def same(a, b) -> bool:
    return (a != b).nnz == 0 and a.shape == b.shape and (a.indices == b.indices).all()


def test_a_table_reads_back_as_written():
    names = ["river", "caf\u00e9", "\x00a name\nwith a break", "unused"]
    parts = [np.array([0, 1], dtype=np.int32), np.array([], dtype=np.int32), np.array([2], dtype=np.int32)]
    counts = [np.array([1.0, 2.5], dtype=np.float32), np.array([], dtype=np.float32), np.array([2.0], dtype=np.float32)]
    table = decode_table(encode_table(names, ["a", "b", "c"], parts, counts))
    assert [[table.names[k] for k in table.ids[slice(*table.runs[key])]] for key in "abc"] == \
        [["river", "caf\u00e9"], [], ["\x00a name\nwith a break"]]
    assert table.counts[slice(*table.runs["a"])].tolist() == [1.0, 2.5]
    assert "unused" not in table.names  # only the terms the stories use


@pytest.mark.parametrize("data", [b"", b"\x05\x00\x00\x00\x00\x00\x00\x00[[],[", b"\x00" * 8 + b"x"])
def test_a_damaged_table_is_not_taken(data):
    with pytest.raises(ValueError):
        decode_table(data)


def test_the_table_gives_the_matrix_features_story_by_story_give():
    plain = tfidf_matrix(DOCS, OPTIONS)
    store = Store()
    assert same(tfidf_matrix(DOCS, OPTIONS, store), plain)  # worked out, each story's kept
    assert TABLE_KEY not in store  # not by a build that worked them all out
    assert same(tfidf_matrix(DOCS, OPTIONS, store), plain)  # read story by story, and the table kept
    assert TABLE_KEY in store
    store.written = []
    assert same(tfidf_matrix(DOCS, OPTIONS, store), plain)  # from the table
    assert store.written == []  # nothing worked out or written again
    # A new story and a changed one: from their own entries, the rest from the table.
    changed = DOCS[:3] + [RelatedDoc(key="rates", title="Bank cuts rates", text="The central bank cut rates.",
                                     entities=("Central Bank",)), DOCS[4],
                          RelatedDoc(key="zagreb", title="Zagreb floods", text="Floods reached Zagreb.",
                                     entities=("Zagreb",))]
    assert same(tfidf_matrix(changed, OPTIONS, store), tfidf_matrix(changed, OPTIONS))


def test_a_damaged_table_means_features_read_story_by_story():
    store = Store()
    names, parts, _ = feature_arrays(DOCS, OPTIONS, store)
    feature_arrays(DOCS, OPTIONS, store)
    store[TABLE_KEY] = store[TABLE_KEY][:-3]
    again = feature_arrays(DOCS, OPTIONS, store)
    assert [[again[0][k] for k in part] for part in again[1]] == [[names[k] for k in part] for part in parts]


@pytest.mark.parametrize("new, rewritten", [(1, False), (40, True)])
def test_the_table_is_written_again_only_when_it_lacks_many_stories(new, rewritten):
    many = [RelatedDoc(key=f"s{k}", title=f"Story {k}", text=f"Words of story number {k} about Vukovar.",
                       entities=("Vukovar",)) for k in range(300)]
    store = Store()
    feature_arrays(many, OPTIONS, store)
    feature_arrays(many, OPTIONS, store)
    assert TABLE_KEY in store
    extra = [RelatedDoc(key=f"n{k}", title=f"New {k}", text=f"New story {k}.") for k in range(new)]
    store.written = []
    feature_arrays(many + extra, OPTIONS, store)
    assert (TABLE_KEY in store.written) == rewritten


def test_the_table_stays_in_the_build_cache_from_build_to_build(tmp_path):
    from news_digest.pelican.build_cache import BlobStore

    for build in range(4):
        store = BlobStore(tmp_path / "features.sqlite", "v1")
        had = store.get(TABLE_KEY) is not None
        feature_arrays(DOCS, OPTIONS, store)
        assert had == (build > 1)  # written by the second build, from each story's entry
        assert bool(store.new) == (build < 2)  # nothing written again once kept
        store.close()
