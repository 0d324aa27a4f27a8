"""Related stories: SEE ALSO matching and similarity scoring on small tables."""
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
import feedparser

from news_digest.related.features import RelatedDoc, RelatedOptions, stem
from news_digest.related.see_also import match_headlines
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
    return {k: [key for key, _ in v] for k, v in find_related(docs, RelatedOptions(**options)).items()}


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
    assert related_keys(docs, max_related=1, expansion=0)["a"] == ["c"]


def test_byte_identical_duplicates_are_never_related():
    docs = [doc("a", RIVER, fingerprint="same"), doc("b", RIVER, fingerprint="same"), doc("c", RIVER + " again")]
    assert related_keys(docs, max_related=2)["a"] == ["c"]


def test_same_section_weighs_more():
    docs = [doc("q", "council budget vote", section="politics"),
            doc("x", "council budget vote", section="business"),
            doc("y", "council budget vote tonight", section="politics"),
            doc("z", "tonight parade", section="sport")]
    assert related_keys(docs, max_related=1, section_weight=0.0, expansion=0)["q"] == ["x"]
    assert related_keys(docs, max_related=1, section_weight=1.0, expansion=0)["q"] == ["y"]


def test_nearness_in_time_as_an_option():
    docs = [doc("q", "council budget vote", date=datetime(2026, 1, 10)),
            doc("old", "council budget vote", date=datetime(2020, 1, 10)),
            doc("new", "council budget vote", date=datetime(2026, 1, 9))]
    assert related_keys(docs, max_related=1, time_scale_days=30.0, expansion=0)["q"] == ["new"]


def test_deterministic_whatever_the_input_order():
    forward = related_keys(DOCS)
    backward = related_keys(list(reversed(DOCS)))
    assert forward == backward


def test_every_story_gets_its_share_when_the_digest_has_enough():
    assert all(len(v) == 5 for v in related_keys(DOCS + [doc("z", "river streets team budget")]).values())


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
    aside = page.find("aside", class_="related")
    links = [a.get_text() for a in aside.select("ul:not(.see-also) a")]
    assert links[0] == "Moscow forces control Lugansk region, Sergei Shoigu announces"  # SEE ALSO first
    assert "Shelling hits Kramatorsk" in links
    assert "Putin orders new offensive after Lugansk capture" not in links
    unresolved = [li.get_text(strip=True) for li in aside.select("ul.see-also li")]
    assert unresolved == ["See also: Zelensky says the war will be long"]
    assert not [a for a in aside.find_all("a") if "Zelensky" in a.get_text()]
    feed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.title.startswith("Putin orders"))
    related = [l for l in entry.links if l.rel == "related"]
    assert related[0].href == "https://digest.example/moscow-forces-control-lugansk-region-sergei-shoigu-announces.html"
    assert related[0].title == "Moscow forces control Lugansk region, Sergei Shoigu announces"
    # The derby shares nothing with the story: no link rather than a random one.
    assert [l.title for l in related] == links
    assert "Ajax beat Feyenoord in derby" not in links
    assert sum(1 for l in entry.links if l.rel == "alternate") == 1


def test_features_kept_by_an_earlier_build_give_the_same_related_stories(tmp_path):
    from news_digest.pelican.build_cache import BlobStore

    path = tmp_path / "features.sqlite"
    fresh = find_related(DOCS, RelatedOptions(max_related=3))
    store = BlobStore(path, "v1")
    assert find_related(DOCS, RelatedOptions(max_related=3), store) == fresh
    store.close()
    store = BlobStore(path, "v1")
    changed = DOCS[:-1] + [doc("budget", "The finance minister presented the river budget.", section="politics")]
    assert find_related(changed, RelatedOptions(max_related=3), store) == find_related(changed, RelatedOptions(max_related=3))
    assert len(store.new) == 1  # only the changed story's features worked out again
    store.close()
