"""Related stories: SEE ALSO matching and similarity scoring on small tables."""
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
import feedparser

from news_digest.related.features import RelatedDoc, RelatedOptions, stem
from news_digest.related.see_also import match_headlines
from news_digest.related.similarity import most_similar
from news_digest.related.stories import find_related

TITLES = {
    "moscow-forces": "Moscow forces control Lugansk region, Sergei Shoigu announces",
    "zelensky": "Ukraine: \"Impossible to say that Lysychansk is under Russian control\", assures Zelensky",
    "floods": "Floods close roads in the eastern region",
}


@pytest.mark.parametrize(
    "headline, key",
    [
        pytest.param("Moscow forces control Lugansk region, Sergei Shoigu announces", "moscow-forces", id="exact"),
        pytest.param("MOSCOW FORCES CONTROL LUGANSK REGION – SERGEI SHOIGU ANNOUNCES", "moscow-forces", id="case-and-punctuation"),
        pytest.param("Ukraine: “Impossible to say that Lyssytchansk is under Russian control”, assures Zelensky", "zelensky", id="curly-quotes-and-transliteration"),
        pytest.param("Floods close roads in eastern region", "floods", id="a-word-missing"),
        pytest.param("Heatwave grips southern Spain", None, id="not-in-the-digest"),
        pytest.param("Floods", None, id="too-short-to-be-sure"),
    ],
)
def test_see_also_matching(headline, key):
    assert match_headlines([headline], TITLES) == [key]


def doc(key, text, section="world", entities=(), fingerprint="", date=None, title=""):
    return RelatedDoc(key=key, title=title or key, text=text, entities=tuple(entities),
                      fingerprint=fingerprint or key, section=section, date=date)


RIVER = "The river flooded the town and rescue teams evacuated residents from flooded streets"
DOCS = [
    doc("flood-a", RIVER + " near the bridge.", entities=("Vukovar",)),
    doc("flood-b", "Rescue teams evacuated residents as the river flooded streets again.", entities=("Vukovar",)),
    doc("flood-c", "Flooded streets and a swollen river forced residents out of town.", entities=("Osijek",)),
    doc("match", "The striker scored twice as the home team won the derby match.", section="sport"),
    doc("match-2", "The home team won the derby after the striker scored a late goal.", section="sport"),
    doc("budget", "The finance minister presented the budget to parliament.", section="politics"),
]


def related_keys(docs, **options):
    """The nearest stories by similarity alone (before grouping and the floor)."""
    near = most_similar(docs, RelatedOptions(**options))
    return {near.keys[i]: [near.keys[j] for j, _ in pairs] for i, pairs in enumerate(near.neighbours)}


def test_most_similar_first_never_itself():
    result = related_keys(DOCS, max_related=2)
    assert result["flood-a"][0] == "flood-b"
    assert result["match"] == ["match-2"] or result["match"][0] == "match-2"
    for key, keys in result.items():
        assert key not in keys


def test_shared_rare_entity_counts():
    docs = [doc("a", "council meeting budget", entities=("Vukovar",)),
            doc("b", "council meeting budget", entities=("Osijek",)),
            doc("c", "council meeting budget", entities=("Vukovar",)),
            doc("d", "something else entirely", entities=("Zagreb",))]
    assert related_keys(docs, max_related=1)["a"] == ["c"]


def test_byte_identical_duplicates_are_never_related():
    docs = [doc("a", RIVER, fingerprint="same"), doc("b", RIVER, fingerprint="same"), doc("c", RIVER + " again")]
    assert related_keys(docs, max_related=2)["a"] == ["c"]


def test_same_section_weighs_more():
    docs = [doc("q", "council budget vote", section="politics"),
            doc("x", "council budget vote", section="business"),
            doc("y", "council budget vote tonight", section="politics"),
            doc("z", "tonight parade", section="sport")]
    assert related_keys(docs, max_related=1, section_weight=0.0)["q"] == ["x"]
    assert related_keys(docs, max_related=1, section_weight=1.0)["q"] == ["y"]


def test_nearness_in_time_as_an_option():
    docs = [doc("q", "council budget vote", date=datetime(2026, 1, 10)),
            doc("old", "council budget vote", date=datetime(2020, 1, 10)),
            doc("new", "council budget vote", date=datetime(2026, 1, 9))]
    assert related_keys(docs, max_related=1, time_scale_days=30.0)["q"] == ["new"]


def test_deterministic_whatever_the_input_order():
    forward = related_keys(DOCS)
    backward = related_keys(list(reversed(DOCS)))
    assert forward == backward


# ---------------------------------------------------------------- reports of one story, and the floor

DAY = datetime(2026, 3, 10)
QUAKE = ("A magnitude 6.1 earthquake struck near Izmir early on Tuesday, toppling buildings in the old town "
         "and killing at least twelve people, the disaster agency AFAD said. Rescue teams searched the rubble.")
DIGEST = [
    doc("quake-a", QUAKE, entities=("Izmir", "AFAD"), date=DAY, title="Earthquake hits Izmir"),
    doc("quake-b", "At least twelve people died when a 6.1 earthquake toppled buildings in Izmir's old town on "
                   "Tuesday, AFAD said, as rescue teams searched the rubble for survivors.",
        entities=("Izmir", "AFAD"), date=DAY, title="Twelve dead as quake topples buildings in Izmir"),
    doc("quake-c", "Rescue teams in Izmir searched the rubble of buildings toppled by Tuesday's 6.1 earthquake; "
                   "the disaster agency AFAD put the dead at twelve.",
        entities=("Izmir", "AFAD", "Turkey"), date=DAY.replace(day=11), title="Rescuers search Izmir rubble",
        section="europe"),
    doc("quake-anniversary", "A year after the earthquake in Izmir, residents of the old town are still waiting "
                             "for new buildings; AFAD says rebuilding will take three more years.",
        entities=("Izmir", "AFAD"), date=DAY.replace(year=2027), title="Izmir still rebuilding a year on"),
    doc("budget", "The finance minister presented the budget to parliament, with higher taxes on fuel.",
        entities=("Finance Ministry",), date=DAY, title="Budget raises fuel taxes", section="politics"),
    doc("match", "The home team won the derby after the striker scored a late goal.", entities=("Ajax",),
        date=DAY, title="Ajax win the derby", section="sport"),
]


def test_reports_of_one_event_are_grouped_and_the_same_topic_a_year_later_is_not():
    found = find_related(DIGEST, RelatedOptions(time_scale_days=30.0))
    story = found.story_of
    assert story["quake-a"] == story["quake-b"] == story["quake-c"]
    assert story["quake-anniversary"] != story["quake-a"]
    assert len({story["budget"], story["match"], story["quake-a"]}) == 3


def test_the_other_reports_come_first_and_the_unrelated_never():
    found = find_related(DIGEST, RelatedOptions(time_scale_days=30.0))
    links = {key: [other for other, _ in pairs] for key, pairs in found.links.items()}
    assert set(links["quake-a"][:2]) == {"quake-b", "quake-c"}
    assert "quake-anniversary" in links["quake-a"]  # the same topic, related, after the reports
    assert links["budget"] == [] and links["match"] == []  # nothing related: no links, not padding
    assert "budget" not in links["quake-a"] and "match" not in links["quake-a"]


def test_grouping_can_be_switched_off():
    found = find_related(DIGEST, RelatedOptions(time_scale_days=30.0, story_grouping=False))
    assert len(set(found.story_of.values())) == len(DIGEST)


def grouped_testing_every_candidate(docs, options):
    """group_reports as it was before it left out unalike pairs in bulk: the
    reference its groups must equal."""
    from dataclasses import replace

    from news_digest.related.stories import Names, candidate_pairs, measure_background, one_event

    near = most_similar(docs, replace(options, max_related=max(options.candidates, options.max_related)))
    background = measure_background(near.background, docs, options)
    names = [Names.of(d) for d in docs]
    members = [[i] for i in range(len(docs))]
    low, high = candidate_pairs(near.neighbours)
    for i, j in zip(low.tolist(), high.tolist()):
        a, b = members[i], members[j]
        if a is not b and len(a) + len(b) <= options.max_reports and all(
                one_event(docs, names, near, background, options, x, y) for x in a for y in b):
            for x in a + b:
                members[x] = a + b
    return {docs[i].key: docs[min(members[i])].key for i in range(len(docs))}


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_grouping_leaves_out_only_pairs_that_could_not_be_one_event(dated):
    from dataclasses import replace

    docs = DIGEST + [filler(n) for n in range(40)]
    if not dated:
        docs = [replace(d, date=None) for d in docs]
    options = RelatedOptions(time_scale_days=30.0)
    found = find_related(docs, options)
    reference = grouped_testing_every_candidate(docs, options)
    group_of = {}
    for key in reference:  # groups by their members, whatever names them
        group_of.setdefault(reference[key], set()).add(key)
    assert [group_of[reference[k]] for k in sorted(reference)] == [
        {k for k in found.story_of if found.story_of[k] == found.story_of[key]} for key in sorted(reference)]
    assert any(len(members) > 1 for members in group_of.values())


def filler(n: int) -> RelatedDoc:
    """A story on a subject of its own: it shares words with the stories
    next to it only (a word used once in a digest does not count)."""
    def words(m):
        return [f"{'abcdefghij'[m % 10]}{'klmnopqrst'[m // 10 % 10]}word{k}" for k in range(6)]
    text = words(n) + words(n + 1)
    return doc(f"filler-{n}", " ".join(text) + ".", entities=(f"Town {n}",), date=DAY.replace(day=1 + n % 27),
               section="other", title=" ".join(text[:4]))


def test_the_floor_is_calibrated_to_the_digest_not_a_raw_cosine():
    # The same stories inside a digest ten times as big, on other subjects:
    # the background is measured again, and the decisions stay.
    small = find_related(DIGEST, RelatedOptions(time_scale_days=30.0))
    big = find_related(DIGEST + [filler(n) for n in range(60)], RelatedOptions(time_scale_days=30.0))
    for key in ("quake-a", "budget", "match"):
        assert {k for k, _ in big.links[key] if not k.startswith("filler")} == {k for k, _ in small.links[key]}
    assert big.story_of["quake-b"] == big.story_of["quake-a"] == big.story_of["quake-c"]


@pytest.mark.parametrize("days, sparse", [
    pytest.param([0, 1, 30, 60, 90, 120, 150], [True] * 7, id="spread-out"),
    pytest.param([0, 0, 0, 0, 0], [False] * 5, id="one-day"),
    pytest.param([0] * 6 + [400, 401], [False] * 6 + [True, True], id="dated-reports-among-one-day"),
    pytest.param([0, None, 90, 180], [True, False, True, True], id="undated"),
])
def test_dates_tell_per_story(days, sparse):
    """Closeness in time is evidence for a story only where few stories fall
    near its date: two reports a year away from a day's mass of stories are
    still told apart by their dates."""
    from datetime import timedelta

    from news_digest.related.stories import sparse_dates

    docs = [doc(f"s{i}", "text", date=None if d is None else DAY + timedelta(days=d)) for i, d in enumerate(days)]
    assert list(sparse_dates(docs, RelatedOptions())) == sparse


@pytest.mark.parametrize("a, b, shared", [
    pytest.param(("Paul Ryan",), ("Paul D Ryan",), True, id="a-middle-initial"),
    pytest.param(("Obama",), ("Barack Obama",), True, id="a-surname"),
    pytest.param(("NAACP",), ("National Association for the Advancement of Colored People",), True, id="an-acronym"),
    pytest.param(("Georgetown",), ("Georgetown University",), True, id="a-short-name"),
    pytest.param(("White House",), ("House Republicans",), False, id="only-a-generic-word"),
    pytest.param(("Izmir",), ("Ankara",), False, id="two-places"),
])
def test_shares_entity(a, b, shared):
    from news_digest.related.stories import shares_entity

    assert shares_entity(doc("a", "x", entities=a), doc("b", "y", entities=b)) is shared


@pytest.mark.parametrize("word, expected", [("companies", "company"), ("shares", "share"), ("boss", "boss"), ("firm’s", "firm")])
def test_stem(word, expected):
    assert stem(word) == expected


# ---------------------------------------------------------------- end to end

RAW = {
    "world/moscow.txt": "Moscow forces control Lugansk region, Sergei Shoigu announces\n\nRussian forces took control of the Lugansk region, defence minister Sergei Shoigu said in Moscow.\n",
    "world/putin.txt": (
        "Putin orders new offensive after Lugansk capture\n\nVladimir Putin ordered his forces to continue the offensive in the Lugansk region.\n\n"
        "SEE ALSO – Moscow forces control Lugansk region, Sergei Shoigu announces\n\n"
        "SEE ALSO – Zelensky says the war will be long\n"
    ),
    "world/kramatorsk.txt": "Shelling hits Kramatorsk\n\nShelling hit Kramatorsk as Russian forces advanced in the Lugansk and Donetsk regions.\n",
    "sport/derby.txt": "Ajax beat Feyenoord in derby\n\nAjax beat Feyenoord 2-1 in Amsterdam on Sunday.\n",
}


def test_related_links_on_pages_and_in_atom(site):
    proc, content, output = site(RAW, SITEURL="https://digest.example")
    assert proc.returncode == 0, proc.stderr
    page = BeautifulSoup((output / "putin-orders-new-offensive-after-lugansk-capture.html").read_text(), "html.parser")
    # The capture of the region, reported twice: the other report first, as a report of this story.
    reports = [a.get_text() for a in page.select("aside.reports a")]
    assert reports == ["Moscow forces control Lugansk region, Sergei Shoigu announces"]
    aside = page.find("aside", class_="related")
    links = [a.get_text() for a in aside.select("ul:not(.see-also) a")]
    assert links == ["Shelling hits Kramatorsk"]  # related, not the same event
    assert "Putin orders new offensive after Lugansk capture" not in links
    unresolved = [li.get_text(" ", strip=True) for li in aside.select("ul.see-also li")]
    assert unresolved == ["Further reading: Zelensky says the war will be long"]
    # A headline the digest does not have is a search for it, not a dead end.
    search = aside.select_one("ul.see-also a")
    assert search["href"].endswith("search.html?q=Zelensky%20says%20the%20war%20will%20be%20long")
    feed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title.startswith("Putin orders"))
    related = [l for l in entry.links if l.rel == "related"]
    assert related[0].href == "https://digest.example/moscow-forces-control-lugansk-region-sergei-shoigu-announces.html"
    assert related[0].title == "Moscow forces control Lugansk region, Sergei Shoigu announces"
    # The derby shares nothing with the story: no link rather than a random one.
    assert [l.title for l in related] == reports + links
    assert "Ajax beat Feyenoord in derby" not in links
    assert sum(1 for l in entry.links if l.rel == "alternate") == 1


def test_features_kept_by_an_earlier_build_give_the_same_related_stories(tmp_path):
    from news_digest.pelican.build_cache import BlobStore
    from news_digest.related.features import feature_key

    path = tmp_path / "features.sqlite"
    fresh = find_related(DOCS, RelatedOptions(max_related=3))
    store = BlobStore(path, "v1")
    assert find_related(DOCS, RelatedOptions(max_related=3), store) == fresh
    store.close()
    store = BlobStore(path, "v1")
    changed = DOCS[:-1] + [doc("budget", "The finance minister presented the river budget.", section="politics")]
    assert find_related(changed, RelatedOptions(max_related=3), store) == find_related(changed, RelatedOptions(max_related=3))
    from news_digest.related.feature_table import TABLE_KEY

    # Only the changed story's features worked out again (and the table of
    # them all written again, as this small digest's table lacks a story).
    assert [key for key, _ in store.new if key != TABLE_KEY] == [feature_key(changed[-1], RelatedOptions(max_related=3))]
    store.close()


@pytest.mark.parametrize("size", [80, 400, 3000])
def test_the_background_sample_hardly_moves_when_a_story_is_added(size):
    """The pairs the background is measured on are picked by consistent
    hashing: one new story changes a handful of them (on average about
    2 * BACKGROUND_PAIRS / n), so decisions near a threshold do not flip
    all over the digest after a rebuild, yet the pairs still spread over
    the whole digest."""
    from scipy import sparse

    from news_digest.related.similarity import BACKGROUND_PAIRS, background_pairs

    def pairs(n):
        docs = [doc(f"story-{k}", "") for k in range(n)]
        keys = [d.key for d in docs]
        return [(keys[i], keys[j]) for i, j, _ in background_pairs(sparse.identity(n, format="csr"), docs)]

    before, after = pairs(size), pairs(size + 1)
    assert len(before) == len(after) == BACKGROUND_PAIRS
    assert all(a != b for a, b in after)
    moved = sum(1 for a, b in zip(before, after) if a != b)
    assert moved <= max(10, 6 * BACKGROUND_PAIRS // size)
    # Spread: most stories of a small digest are in some pair, and a big
    # digest's pairs are not bunched on a few stories.
    assert len({k for pair in before for k in pair}) >= (0.8 * size if size <= 400 else 0.5 * min(size, 2 * BACKGROUND_PAIRS))


def test_kept_related_links_are_made_again_by_a_new_version_of_the_related_code(monkeypatch):
    """The links kept in the cache are keyed by the related stage's code
    and the word lists it reads, not only by the stories and settings."""
    from news_digest.pelican import related_links

    seen = []
    monkeypatch.setattr(related_links, "code_stamp", lambda packages, files: seen.extend(f.name for f in files) or "")
    related_links.related_stamp()
    assert {"similarity.py", "stories.py", "features.py", "see_also.py", "spelling.py", "vocabulary.py"} <= set(seen)


@pytest.mark.parametrize("terms, values", [
    (["minist", "budget", "\x00george osborne"], [3, 2.0, 2.0]),
    ([], []),
    (["caf\u00e9", "\x00\u0161koda"], [1.5, 2.0]),
    (["\x00a name a person\nbroke", "river"], [2.0, 1.0]),  # kept as JSON
])
def test_kept_features_read_back_as_written(terms, values):
    from news_digest.related.features import decode_features, encode_features

    assert decode_features(encode_features(terms, values)) == (terms, [float(v) for v in values])


@pytest.mark.parametrize("data", [b"", b"[[], []]", b"T\x00\x00\x00\x05river\x00\x00"])
def test_features_kept_by_other_code_or_cut_short_are_not_taken(data):
    from news_digest.related.features import decode_features

    with pytest.raises(ValueError):
        decode_features(data)


def test_a_store_read_in_bulk_gives_what_was_put_and_skips_damage(tmp_path):
    from news_digest.pelican.build_cache import BlobStore

    store = BlobStore(tmp_path / "s.sqlite", "v1")
    for k in range(1200):
        store.put(f"k{k}", f"value {k}".encode())
    store.close()
    store = BlobStore(tmp_path / "s.sqlite", "v1")
    store.db.execute("UPDATE blobs SET value = substr(value, 1, length(value) - 1) WHERE key = 'k7'")
    found = store.get_many([f"k{k}" for k in range(0, 1300, 7)])
    assert found == {f"k{k}": f"value {k}".encode() for k in range(0, 1200, 7) if k != 7}
    store.close()
