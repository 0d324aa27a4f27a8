"""Tags across a built digest: one tag page per entity, the editor's Tags win."""
import json
import re

from bs4 import BeautifulSoup

from tests.helpers import build_site, run_python, write_raw

STORIES = {
    "world/fall.txt": (
        "Troops withdraw from Lysychansk\n\n"
        "Ukrainian troops withdrew from Lysychansk on Sunday, the army in Kyiv said.\n\n"
        "The fall of Lysychansk completes the capture of the region, officials in Kyiv said.\n"
    ),
    "world/clearance.txt": (
        "Mine clearance begins in Lyssytchansk\n\n"
        "Engineers began clearing mines in Lyssytchansk, Sergei Shoigu announced.\n\n"
        "Shoigu said Lyssytchansk would be safe within weeks.\n"
    ),
    "world/shelling.txt": (
        "Shelling reported near Lugansk\n\n"
        "Shelling was reported near Lugansk overnight, local officials said.\n\n"
        "Residents of Lugansk were told to stay in shelters.\n"
    ),
    "world/water.txt": (
        "Water supply restored in Luhansk\n\n"
        "Engineers restored the water supply in Luhansk on Tuesday.\n\n"
        "The Luhansk water company said pressure would return by evening.\n"
    ),
}


def tag_links(page):
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {a.get_text(): a["href"] for a in soup.select("ul.tags a")}


def test_two_spellings_share_one_tag_page(site):
    proc, content, output = site(STORIES)
    assert proc.returncode == 0, proc.stderr
    first = tag_links(output / "troops-withdraw-from-lysychansk.html")
    second = tag_links(output / "mine-clearance-begins-in-lyssytchansk.html")
    city = [name for name in first if name.startswith("Lys")]
    assert city == ["Lysychansk"]  # in its English form, as geonames writes it
    assert second[city[0]] == first[city[0]]
    page = output / "tag" / first[city[0]].rsplit("/", 1)[1]
    titles = {a.get_text() for a in BeautifulSoup(page.read_text(), "html.parser").select("article.summary h2 a")}
    assert titles == {"Troops withdraw from Lysychansk", "Mine clearance begins in Lyssytchansk"}
    assert not [p for p in (output / "tag").iterdir() if p.name.startswith("lys") and p != page]
    # The Markdown posts keep the tags their own text gave them.
    assert "Lysychansk" in (content / "world/fall.md").read_text()


def test_a_place_spelled_two_ways_is_named_in_english(site):
    proc, content, output = site(STORIES)
    assert proc.returncode == 0, proc.stderr
    shelling = tag_links(output / "shelling-reported-near-lugansk.html")
    water = tag_links(output / "water-supply-restored-in-luhansk.html")
    assert "Luhansk" in shelling and "Lugansk" not in shelling
    assert shelling["Luhansk"] == water["Luhansk"]
    assert not (output / "tag" / "lugansk.html").exists()


def test_editor_tags_win(site):
    proc, content, output = site(STORIES)
    assert proc.returncode == 0
    post = content / "world/clearance.md"
    text = re.sub(r"^Tags: .*$", "Tags: Mine clearance, Donbas", post.read_text(), flags=re.M)
    post.write_text(text)
    assert build_site(content, output).returncode == 0
    assert set(tag_links(output / "mine-clearance-begins-in-lyssytchansk.html")) == {"Mine clearance", "Donbas"}
    assert "Tags: Mine clearance, Donbas" in post.read_text()


def test_tag_settings(site):
    proc, content, output = site(STORIES, NEWS_DIGEST_TAGS_MAX=2, NEWS_DIGEST_TAG_IGNORE=["Kyiv"],
                                 NEWS_DIGEST_TAG_ALIASES={"Lysychansk": "Lysychansk (Luhansk)"})
    assert proc.returncode == 0, proc.stderr
    tags = tag_links(output / "troops-withdraw-from-lysychansk.html")
    assert len(tags) <= 2
    assert "Kyiv" not in tags
    assert "Lysychansk (Luhansk)" in tags


def test_convert_json_gives_tags_and_types(tmp_path):
    write_raw(tmp_path, STORIES)
    proc = run_python(["-m", "news_digest", "convert", "--json", str(tmp_path / "world/clearance.txt")])
    record = json.loads(proc.stdout)
    assert "Sergei Shoigu" in record["tags"]
    assert "Shoigu" not in record["tags"]
    assert {"name": "Sergei Shoigu", "type": "person"} in [{k: e[k] for k in ("name", "type")} for e in record["entities"]]


def test_the_main_tags_head_the_story_and_the_other_names_follow_it(site):
    summit = {
        "world/summit.txt": (
            "Ministers meet in Brussels\n\n"
            "Ministers from Germany, France, Italy, Spain and Poland met Nato and the European Union in Brussels.\n\n"
            "Germany, France, Italy, Spain and Poland said Nato and the European Union would act from Brussels.\n\n"
            "Ursula von der Leyen and Jens Stoltenberg spoke, and Olaf Scholz and Emmanuel Macron agreed.\n\n"
            "The talks move to Lisbon later this year, and then to Vilnius.\n"
        ),
    }
    proc, content, output = site(summit)
    assert proc.returncode == 0, proc.stderr
    soup = BeautifulSoup((output / "ministers-meet-in-brussels.html").read_text(encoding="utf-8"), "html.parser")
    header = [a.get_text() for a in soup.select("article.story header ul.tags a")]
    also = [a.get_text() for a in soup.select("aside.also-named ul.tags a")]
    assert len(header) == 8 and "Brussels" in header
    assert set(also) == {
        "Ursula von der Leyen", "Jens Stoltenberg", "Olaf Scholz", "Emmanuel Macron", "Lisbon", "Vilnius",
    }
    for a in soup.select("aside.also-named a"):
        assert (output / a["href"]).is_file(), a["href"]  # relative to the story, at the site's root
