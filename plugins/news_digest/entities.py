"""Named entities of a story -> the tags an editor would choose.

A statistical model (spaCy's small English model) costs 350 MB, tens of
milliseconds an article and labels news text less well than we need (0.73
precision, 0.76 recall on our labelled articles), so this is a rule-based
tagger tuned to news text: capitalised phrases, filtered for what is not a
name (sentence openers, titles, weekdays, nationality adjectives), merged so
that each entity is one tag (full name and surname, acronym and expansion,
transliteration variants), typed with gazetteers and ranked by salience.

Pure: plain text in, Entity values out. The gazetteer and the word
frequencies are passed in.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .gazetteer import Gazetteer, fold
from .partition import Partition

PERSON, PLACE, ORGANISATION, EVENT, WORK, OTHER = (
    "person", "place", "organisation", "event", "work", "other",
)

# A word: letters and digits with inner hyphens, apostrophes, dots or
# ampersands ("Lewis-Francis", "O'Brien", "Amazon.com", "AT&T"), a trailing
# "+" ("Sky+"), or dotted initials ("U.S.").
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-'\u2019.&]\w+)*\+?")
SENTENCE_BREAK = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")
# After these, a word starts a quotation or clause and is capitalised anyway.
QUOTE_OPENERS = frozenset("\u201c\"\u2018':(\u2014-")
POSSESSIVE = re.compile(r"(?<!^[Tt]hat)(?<!^[Ii]t)(?<!^[Ww]hat)(?<!^[Ww]ho)(?<!^[Hh]ere)(?<!^[Tt]here)(?<!^[Ll]et)['\u2019]s$|(?<=s)['\u2019]$")
CONNECTORS = frozenset(
    "of for the de del della da di do dos das van von der den la le du des bin al el y & upon".split()
)
# Connectors that may only follow another connector ("of the", "for the").
SECOND_CONNECTORS = frozenset({"the"})
# Words that open a sentence without being names.
OPENERS = frozenset(
    """a an the this that these those but and or so yet if when while as in on at for from with
    by after before however meanwhile he she it they we i you his her its their our my your there
    here what who why how no not yes also then now some many most all both each every other
    another such last next first one two three four five six seven eight nine ten despite though
    although because since until unless whether where which whose instead still even just only
    once later earlier today yesterday tomorrow tonight according among about above under over
    during following without within against between through further thus hence indeed overall
    mr mrs ms dr""".split()
)
# The last words of organisation names ("Altria Group", "Circuit City Stores").
ORG_WORDS = frozenset(
    """group stores store management capital holdings holding inc incorporated corp corporation
    company co plc ltd limited llc ag sa gmbh nv bv tobacco airlines airways aviation technologies
    technology systems networks broadband bank banks fund trust partners associates institute
    university college school council committee commission agency authority ministry department
    office party union association federation league club fc foundation society service services
    industries international media news times post herald guardian telegraph journal press
    executive parliament assembly congress senate court police army navy force forces
    centre center energy oil gas petroleum motors motor pharmaceuticals pharma foods brands
    entertainment studios pictures records music telecom telecoms communications electric
    electronics financial insurance securities investments investment ventures resources mining
    steel chemicals airport board bureau administration office organisation organization
    programme project network channel railways railway cars trucks automotive survey observatory laboratory""".split()
)
EVENT_WORDS = frozenset(
    """cup championship championships games olympics olympic awards award prix marathon open
    festival summit conference election elections war tournament trophy series tour show week
    expo fair tsunami""".split()
)
PLACE_WORDS = frozenset(
    "region province county oblast state city island islands republic valley river lake sea ocean".split()
)
DEFAULT_MAX = 8
MAX_NAME_WORDS = 12


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    mentions: int
    score: float
    forms: tuple[str, ...] = ()


@dataclass
class Candidate:
    """One way the text writes an entity, with what is known of it."""

    tokens: tuple[str, ...]
    count: int = 0
    first: int = 10**9  # offset of the first mention
    in_title: bool = False
    in_standfirst: bool = False
    titled: bool = False  # seen after "Mr", "President"...
    quoted: bool = False
    forms: set = field(default_factory=set)
    person: bool | None = None  # memo of Tagger.looks_like_person

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def strip_possessive(token: str) -> str:
    """ "Moscow's" -> "Moscow" (cheap when there is no apostrophe)."""
    if "'" in token or "\u2019" in token:
        return POSSESSIVE.sub("", token)
    return token


def is_capitalised(token: str) -> bool:
    """A word that can be part of a name: capitalised, "iPod"-style, and not a
    hyphenated adjective ("Fifteen-year-old", "London-based", "Fly-half")."""
    if "-" in token and token.rsplit("-", 1)[1][:1].islower():
        return False
    first = token[0]
    if first.isupper():
        return True
    # "iPod", "eBay": a lower-case letter, then capitals.
    return first.islower() and len(token) > 2 and token[1].isupper()


def raw_spans(text: str):
    """Maximal runs of capitalised words in a paragraph, with connectors
    ("of", "de", "&") and trailing numbers inside them. Yields (tokens,
    starts, sentence_initial); a run never crosses a sentence end, because
    only a single space (or " & ") may stand between its words."""
    tokens = [(m.group(), *m.span()) for m in TOKEN.finditer(text)]
    # The first word of each sentence (numbers do not count).
    sentence_starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(text)]
    initial_tokens = set()
    k = 0
    for start in sentence_starts:
        while k < len(tokens) and tokens[k][1] < start:
            k += 1
        first = k
        while first < len(tokens) and tokens[first][0].isdigit():
            first += 1
        initial_tokens.add(first if first < len(tokens) else k)
    # Only capitalised words start a run: find them once, in C.
    starts_at = [k for k, (w, _, _) in enumerate(tokens) if w[0].isupper() or (len(w) > 2 and w[1].isupper())]
    end = 0  # tokens before this belong to the last run
    for i in starts_at:
        if i < end or not is_capitalised(tokens[i][0]):
            continue
        span = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = text[span[-1][2]:tokens[j][1]]
            if gap == " & " and is_capitalised(tokens[j][0]):
                span.append(("&", span[-1][2] + 1, span[-1][2] + 2))  # "Brown & Williamson"
            elif gap not in (" ", ""):
                break
            if POSSESSIVE.search(span[-1][0]) and not venue_follows(tokens, j):
                break
            word = tokens[j][0]
            if is_capitalised(word):
                span.append(tokens[j])
                j += 1
                continue
            # "Harry Potter and the Prisoner of Azkaban", "Dick and Dom In Da
            # Bungalow": "and" joins titles, not lists ("Boeing and Airbus").
            if word == "and" and j + 1 < len(tokens) and (
                title_words_follow(tokens, j + 1)
                or (len(span) == 1 and org_follows(tokens, j + 1))
            ):
                span.extend(tokens[j:j + 2])
                j += 2
                continue
            # "Harry Potter and the Prisoner of Azkaban": "and the X of Y" is a title.
            if word == "and" and j + 3 < len(tokens) and tokens[j + 1][0] == "the" and \
                    is_capitalised(tokens[j + 2][0]) and tokens[j + 3][0] == "of" and \
                    all(adjacent(tokens, k) for k in range(j + 1, j + 4)):
                span.extend(tokens[j:j + 3])
                j += 3
                continue
            # "for" joins only organisation names ("Institute for Fiscal
            # Studies"), not "Leicester Square for the UK".
            if word == "for" and not any(t[0].lower() in ORG_WORDS for t in span):
                break
            # Connectors, at most two, followed by a capitalised word.
            k = j
            while k < len(tokens) and k - j < 2 and tokens[k][0] in CONNECTORS and (
                k == j or tokens[k][0] in SECOND_CONNECTORS
            ):
                if text[tokens[k - 1][2]:tokens[k][1]] != " ":
                    break
                k += 1
            if k > j and k < len(tokens) and is_capitalised(tokens[k][0]) and text[tokens[k - 1][2]:tokens[k][1]] == " ":
                span.extend(tokens[j:k + 1])
                j = k + 1
                continue
            break
        # A number right after a name: "Shrek 2", "PlayStation 3", but not a score "2-1".
        if j < len(tokens) and strip_possessive(tokens[j][0]).isdigit() and len(tokens[j][0]) <= 6 and text[span[-1][2]:tokens[j][1]] == " ":
            after = text[tokens[j][2]:tokens[j][2] + 1]
            if after not in "-\u2013:/." or after == "":
                span.append(tokens[j])
                j += 1
        before = text[max(0, tokens[i][1] - 2):tokens[i][1]].strip()
        opens = i in initial_tokens or (before[-1:] in QUOTE_OPENERS if before else False)
        yield [t[0] for t in span], [t[1] for t in span], opens
        end = j


# Function words that only a title capitalises ("Dick and Dom In Da Bungalow").
TITLE_FUNCTION_WORDS = frozenset("In Da On At To Of The A An For With From By".split())


def title_words_follow(tokens, j: int) -> bool:
    """A run of capitalised words starting at j that holds a capitalised
    function word: the rest of a title."""
    k = j
    while k < len(tokens) and is_capitalised(tokens[k][0]) and adjacent(tokens, k):
        if k > j and tokens[k][0] in TITLE_FUNCTION_WORDS:
            return True
        k += 1
    return False


def adjacent(tokens, k: int) -> bool:
    """Token k follows token k - 1 after a single space (same clause)."""
    return k == 0 or tokens[k][1] == tokens[k - 1][2] + 1


def org_follows(tokens, j: int) -> bool:
    """A run of capitalised words starting at j that ends in an organisation
    word: "Securities and Exchange Commission", "England and Wales Cricket Board"."""
    k = j
    while k < len(tokens) and is_capitalised(tokens[k][0]) and k - j < 4 and adjacent(tokens, k):
        k += 1
    return k > j and tokens[k - 1][0].lower() in ORG_WORDS


VENUE_WORDS = frozenset(
    "hall club house bar pub cafe restaurant hotel school college store shop arena park garden gardens theatre church cathedral inn".split()
)


def venue_follows(tokens, j: int) -> bool:
    """After a possessive, a run of capitalised words ending in a venue word is
    one name: "Jack's Snooker Hall", not "Jack" and "Snooker Hall"."""
    for k in range(j, min(j + 3, len(tokens))):
        word = tokens[k][0]
        if not is_capitalised(word) or not adjacent(tokens, k):
            return False
        if word.lower() in VENUE_WORDS:
            return True
    return False


def split_span(tokens: list[str], gazetteer: Gazetteer) -> list[tuple[list[str], bool]]:
    """Cut a run of capitalised words at what cannot be inside a name:
    weekdays, dates, titles and the portfolio after a title ("Minister of
    Defence"). Returns (tokens, titled) pieces; `titled` says a title such as
    "President" stood before the piece."""
    pieces, current, titled = [], [], False
    after_title = False
    for k, token in enumerate(tokens):
        bare = strip_possessive(token)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        is_title = bare in gazetteer.titles and nxt and (is_capitalised(nxt) or nxt in CONNECTORS) and (
            not current or bare not in ROYAL_TITLES  # "CL King", "Burger King"
        )
        is_date = bare in gazetteer.dates and (bare[:3] in WEEKDAY_PREFIXES or nxt.isdigit() or not nxt)
        in_portfolio = after_title and (bare in gazetteer.portfolios or bare in CONNECTORS) and nxt
        if is_title:
            # "Home Secretary", "Foreign Minister": the portfolio goes with the title.
            while current and current[-1] in gazetteer.portfolios:
                current.pop()
        if is_title or is_date or in_portfolio:
            if current:
                pieces.append((current, titled))
            current, titled = [], bool(is_title or in_portfolio)
            after_title = bool(is_title or in_portfolio)
            continue
        after_title = False
        current.append(token)
    if current:
        pieces.append((current, titled))
    cleaned = []
    for piece, was_titled in pieces:
        while piece and (piece[0] in CONNECTORS or piece[0].isdigit()):
            piece = piece[1:]
        while piece and piece[-1] in CONNECTORS:
            piece = piece[:-1]
        if piece:
            cleaned.append((piece, was_titled))
    return cleaned


def plain(token: str) -> str:
    """A token as the word lists write it (straight apostrophes)."""
    return token.replace("\u2019", "'")


ROYAL_TITLES = frozenset("King Queen Prince Princess Emperor Empress Duke Duchess Earl Baron Baroness Sultan Emir".split())
WEEKDAY_PREFIXES = frozenset({"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})


class Tagger:
    """Finds and ranks the entities of one article."""

    def __init__(self, gazetteer: Gazetteer, word_counts: dict):
        self.gaz = gazetteer
        self.word_counts = word_counts

    # -------------------------------------------------------------- reading
    def candidates(self, title: str, paragraphs: list[str], standfirst: str) -> dict[str, Candidate]:
        found: dict[str, Candidate] = {}
        # "Hindustan Aeronautics (HAL)": the text says the two are one.
        self.parenthesised = [
            (m.group(2), m.group(1).split(" ", 1)[-1] if m.group(1).split(" ", 1)[0].lower() in OPENERS else m.group(1))
            for p in paragraphs for m in PARENTHESISED.finditer(p)
            if m.group(1)[0].upper() == m.group(2)[0]
        ]
        mid_sentence_caps: Counter = Counter()
        alone_caps: set[str] = set()
        pending = []
        title_case = self.is_title_case(title)
        texts = [(title, "title")] + [(p, "standfirst" if p == standfirst and i == 0 else "body") for i, p in enumerate(paragraphs)]
        offset = 0
        for text, where in texts:
            start = 0
            # Where each quotation ends -> where it starts.
            quoted_ends = {m.end(1): m.start(1) for m in QUOTED.finditer(text)}
            if True:
                for tokens, starts, initial in raw_spans(text):
                    if where == "title" and title_case:
                        initial = True
                    # Evidence that a word is a name wherever it stands: used
                    # alone, or first, in mid-sentence, or as a surname.
                    bare = [strip_possessive(t) for t in tokens]
                    if not initial:
                        mid_sentence_caps[bare[0]] += 1
                        if len(tokens) == 1:
                            alone_caps.add(bare[0])
                    if 2 <= len(bare) <= 3 and fold(bare[-2]) in self.gaz.first_names:
                        mid_sentence_caps[bare[-1]] += 1
                    opened = quoted_ends.get(starts[-1] + len(tokens[-1]))
                    quoted = opened is not None and opened <= starts[0]
                    pending.append((tokens, initial, where, offset + start + starts[0], quoted))
            offset += len(text) + 2
        for tokens, initial, where, position, quoted in pending:
            if initial:
                tokens = self.drop_opener(tokens, mid_sentence_caps, alone_caps, where == "title")
            for piece, titled in self.split_person_of(split_span(tokens, self.gaz)):
                piece = self.strip_demonym(piece)
                if not piece or len(piece) > MAX_NAME_WORDS or self.is_junk(piece):
                    continue  # a run of a dozen capitalised words is a heading, not a name
                piece = piece[:-1] + [strip_possessive(piece[-1])]
                key = fold(" ".join(piece))
                cand = found.get(key)
                if cand is None:
                    cand = found[key] = Candidate(tuple(piece))
                cand.count += 1
                cand.first = min(cand.first, position)
                cand.in_title |= where == "title"
                cand.in_standfirst |= where == "standfirst"
                cand.titled |= titled
                cand.quoted |= quoted
                cand.forms.add(" ".join(piece))
        return found

    def split_person_of(self, pieces):
        """"Barry Gibb of The Bee Gees", "Priya Raman of the University of
        Arizona": a person, then what they belong to."""
        for piece, titled in pieces:
            if "of" in piece[2:4]:
                cut = piece.index("of", 2)
                left, right = piece[:cut], piece[cut + 1:]
                right_is_place = self.gaz.places.get(fold(" ".join(right))) in ("country", "state", "continent", "big city")
                if self.name_like(Candidate(tuple(left))) and (fold(left[0]) in self.gaz.first_names or right_is_place):
                    yield left, titled
                    right = piece[cut + 1:]
                    while right and right[0] in CONNECTORS:
                        right = right[1:]
                    if right:
                        yield right, False
                    continue
            yield piece, titled

    def is_title_case(self, title: str) -> bool:
        words = [w for w in TOKEN.findall(title) if w.lower() not in CONNECTORS and len(w) > 3]
        return len(words) >= 3 and sum(1 for w in words if is_capitalised(w)) >= 0.8 * len(words)

    def drop_opener(self, tokens: list[str], mid_caps: Counter, alone_caps: set[str], in_title: bool = False) -> list[str]:
        """The first word of a sentence is capitalised whatever it is: keep it
        only when it looks like a name."""
        first = strip_possessive(tokens[0])
        lower = plain(first).lower()
        if lower in OPENERS or lower.split("'")[0] in OPENERS:
            keep = False
        elif in_title:
            # A headline's first word: editors capitalise it, so ask for
            # evidence from the story.
            keep = (
                first in alone_caps or first in mid_caps or self.is_place(Candidate((first,)))
                or self.word_counts.get(lower, 0) < 200_000
            )
        elif len(tokens) == 1 and self.word_counts.get(lower, 0) >= 50_000_000:
            # A very common word alone ("World", "Sky"): a name only if the
            # text also uses it alone in mid-sentence.
            keep = first in alone_caps
        else:
            second = tokens[1] if len(tokens) > 1 else ""
            keep = (
                first in mid_caps
                or not self.is_common(lower)
                or self.gaz.places.get(fold(first)) in ("country", "state", "continent", "region")
                or (fold(first) in self.gaz.places and len(tokens) == 1)
                or (first.isupper() and len(first) > 1)
                or (second and fold(first) in self.gaz.first_names and not second.isupper()
                    and self.gaz.places.get(fold(second)) not in ("country", "continent", "state"))
            )
        if keep:
            return tokens
        rest = tokens[1:]
        while rest and rest[0] in CONNECTORS:
            rest = rest[1:]
        return rest

    def is_common(self, lower: str) -> bool:
        """A frequent English word (so, at a sentence start, probably not a name)."""
        return self.word_counts.get(lower, 0) >= 1_000_000

    def strip_demonym(self, tokens: list[str]) -> list[str]:
        """"Canadian Heather Hennigar" -> "Heather Hennigar", "Defense Sergei
        Shoigu" -> "Sergei Shoigu": an adjective or portfolio before a first
        name. "European Indoor Championships" and "Ugandan Media Council" stay."""
        if len(tokens) >= 2:
            lead, last = tokens[0], fold(tokens[-1])
            if (lead in self.gaz.demonyms or lead in self.gaz.portfolios) and fold(tokens[1]) in self.gaz.first_names:
                return tokens[1:]
            if lead in self.gaz.demonyms and len(tokens) == 2 and not (
                last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS or self.is_common(last)
            ) and tokens[1][:1].isupper():
                return tokens[1:]  # "Indian Chandrayaan-2"
            if lead in self.gaz.demonyms and len(tokens) == 3 and not (
                last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS
            ) and not any(t in CONNECTORS for t in tokens):
                return tokens[1:]  # "American Robby Ginepri"
        return tokens

    def is_junk(self, tokens: list[str]) -> bool:
        """Never a tag: a lone weekday, month, title, nationality adjective,
        generic acronym ("TV", "PVRs"), or a number."""
        bare = [plain(strip_possessive(t)) for t in tokens]
        text = " ".join(bare)
        if len(text) < 2 or text.replace(" ", "").isdigit() or text in self.gaz.junk:
            return True
        if len(bare) == 1:
            word = bare[0]
            if re.fullmatch(r"[A-Z]{2,}s", word):
                return True  # "MPs", "DJs", "PVRs": people or things, not names
            singular = word[:-1] if word.endswith("s") else word
            return (
                word in self.gaz.demonyms or word in self.gaz.junk or word in self.gaz.titles
                or singular in self.gaz.demonyms or singular in self.gaz.junk
            )
        if bare[-1].endswith("s") and bare[-1][:-1] in self.gaz.demonyms:
            return True  # "South Koreans"
        if all(t in self.gaz.titles or t in self.gaz.portfolios for t in bare):
            return True  # "Home Secretary"
        return all(t in self.gaz.titles or t in self.gaz.junk and t not in self.gaz.demonyms for t in bare) and not any(
            t in self.gaz.demonyms for t in bare
        )

    # -------------------------------------------------------------- merging
    def merge(self, found: dict[str, Candidate]) -> list[list[Candidate]]:
        """Group the ways of writing one entity."""
        keys = sorted(found, key=lambda k: (-len(found[k].tokens), -found[k].count, found[k].first))
        partition = Partition(keys)
        root, union = partition.root, partition.join

        multi = [k for k in keys if len(found[k].tokens) > 1]
        # Indexes by first and last word, so that merging is not quadratic.
        self.by_last, self.by_first, self.by_stem = defaultdict(list), defaultdict(list), defaultdict(list)
        for k in multi:
            cand = found[k]
            self.by_last[translit_key(fold(cand.tokens[-1]))].append(cand)
            self.by_first[fold(cand.tokens[0])].append(cand)
        for k in keys:
            self.by_stem[fold(found[k].tokens[0]).rstrip("s").split(".")[0]].append(found[k])
        for short, long in self.parenthesised:
            a, b = fold(short), fold(long)
            if a in found and b in found:
                union(a, b)
        for key in keys:
            cand = found[key]
            tokens = cand.tokens
            if len(tokens) == 1:
                target = self.name_part_of(cand)
                if target is not None:
                    union(key, fold(target.text))
                    continue
            target = self.expansion_of(cand, found)
            if target is not None:
                union(key, fold(target.text))
                continue
            target = self.org_base_of(cand, found)
            if target is not None:
                union(key, fold(target.text))
        # A name that ends a longer one ("Superior Court" in "Santa Barbara
        # County Superior Court"), when only one longer one has it.
        for key in keys:
            tokens = found[key].tokens
            if len(tokens) < 2 or root(key) != key:
                continue
            longer = [k for k in multi if len(found[k].tokens) > len(tokens) and found[k].tokens[-len(tokens):] == tokens]
            if len(longer) == 1:
                lead = found[longer[0]].tokens[:-len(tokens)]
                if fold(tokens[-1]) in ORG_WORDS | EVENT_WORDS or all(
                    t.isupper() or t in self.gaz.demonyms or fold(t) in self.gaz.places for t in lead
                ):
                    union(key, longer[0])
        # Plurals: "Oscars" and "Oscar".
        for key in keys:
            if key.endswith("s") and key[:-1] in found and root(key) != root(key[:-1]):
                union(key, key[:-1]) if found[key[:-1]].count >= found[key].count else union(key[:-1], key)
        # Spelling variants ("Lysytchansk", "Lyssytchansk").
        buckets = defaultdict(list)  # variants share a first letter and word count
        for k in keys:
            if root(k) == k and len(k) >= 5:
                buckets[(k[0], len(found[k].tokens))].append(k)
        for singles in buckets.values():
            for i, a in enumerate(singles):
                for b in singles[i + 1:]:
                    if root(a) != root(b) and abs(len(a) - len(b)) <= 2 and self.same_spelling(found[a], found[b]):
                        union(b, a) if found[a].count >= found[b].count else union(a, b)
        groups: dict[str, list[Candidate]] = defaultdict(list)
        for key in keys:
            groups[root(key)].append(found[key])
        return list(groups.values())

    def looks_like_person(self, cand: Candidate) -> bool:
        if cand.person is None:
            cand.person = self._looks_like_person(cand)
        return cand.person

    def _looks_like_person(self, cand: Candidate) -> bool:
        tokens = cand.tokens
        if not 2 <= len(tokens) <= 4 or any(t.isdigit() or t.isupper() or t in CONNECTORS for t in tokens):
            return False
        last = fold(tokens[-1])
        if last in ORG_WORDS or last in EVENT_WORDS or last in PLACE_WORDS or tokens[0] == "The":
            return False
        if fold(cand.text) in self.gaz.places or self.gaz.places.get(last) in ("country", "state", "continent"):
            return False
        return fold(tokens[0]) in self.gaz.first_names or cand.titled

    def name_part_of(self, cand: Candidate) -> Candidate | None:
        """A surname or first name alone -> the full name it stands for."""
        word = fold(cand.tokens[0])
        if self.gaz.places.get(word) in ("country", "continent", "state"):
            return None
        same_last = self.by_last.get(translit_key(word), [])
        last = [m for m in same_last if self.looks_like_person(m)]
        if last:
            return max(last, key=lambda m: (m.count, -m.first))
        first = [m for m in self.by_first.get(word, []) if self.looks_like_person(m)]
        if len(first) == 1:
            return first[0]
        if self.gaz.places.get(word) not in ("country", "state", "continent", "big city"):
            last = [m for m in same_last if fold(m.tokens[-1]) == word and self.name_like(m)]
            if len(last) == 1:
                return last[0]
        return None

    def expansion_of(self, cand: Candidate, found: dict[str, Candidate]) -> Candidate | None:
        """An acronym -> its expansion in the same text ("DEC" ->
        "Disasters Emergency Committee", "HAL" -> "Hindustan Aeronautics Limited")."""
        if len(cand.tokens) != 1:
            return None
        word = cand.tokens[0].replace(".", "")
        if not (2 <= len(word) <= 6 and word.isupper() and word[0].isalpha()):
            return None
        for other in found.values():
            if len(other.tokens) > 1 and word in (initials(other.tokens), inner_capitals(other.tokens)):
                return other
        return None

    def org_base_of(self, cand: Candidate, found: dict[str, Candidate]) -> Candidate | None:
        """A shortened organisation name -> its full form ("Altria" ->
        "Altria Group", "Stoke" -> "Stoke City", "Highfield" -> "Highfields
        Capital Management", "Amazon" -> "Amazon.com")."""
        tokens = cand.tokens
        best = None
        if len(tokens) == 1:
            word = fold(tokens[0])
            for other in self.by_stem.get(word.rstrip("s").split(".")[0], ()):
                head = fold(other.tokens[0])
                if other is cand:
                    continue
                if len(other.tokens) == 1 and head.split(".")[0] == word and "." in head:
                    return other  # a web address of the same name
                if len(other.tokens) > 1 and head != word and head.rstrip("s") == word.rstrip("s") \
                        and fold(other.tokens[-1]) in ORG_WORDS:
                    return other
        for other in self.by_first.get(fold(tokens[0]), ()):
            extra = len(other.tokens) - len(tokens)
            if 1 <= extra <= 2 and other.tokens[:len(tokens)] == tokens:
                if all(fold(t) in ORG_WORDS or fold(t) == "city" for t in other.tokens[len(tokens):]):
                    if best is None or other.count > best.count:
                        best = other
        # "Media Council" -> "Ugandan Media Council": the same body with its country.
        if best is None:
            for other in found.values():
                if len(other.tokens) == len(tokens) + 1 and other.tokens[1:] == tokens and other.tokens[0] in self.gaz.demonyms:
                    return other
        # "Defense Sergei Shoigu" -> "Sergei Shoigu": a common word glued in front.
        if best is None and len(tokens) >= 3:
            tail = fold(" ".join(tokens[1:]))
            if tail in found and self.looks_like_person(found[tail]):
                best = found[tail]
        return best

    def same_spelling(self, a: Candidate, b: Candidate) -> bool:
        """Two spellings of one name: same transliteration key, or one or two
        letters apart in a long name that no gazetteer knows as two places."""
        if len(a.tokens) != len(b.tokens):
            return False
        fa, fb = fold(a.text), fold(b.text)
        if fa[:1] != fb[:1] or min(len(fa), len(fb)) < 5:
            return False
        if a.tokens[:-1] != b.tokens[:-1] and len(a.tokens) > 1:
            return False
        if translit_key(fa) == translit_key(fb):
            return True
        both_known = fa in self.gaz.places and fb in self.gaz.places
        return not both_known and min(len(fa), len(fb)) >= 7 and Levenshtein.distance(fa, fb) <= 1

    # -------------------------------------------------------------- typing
    def entity_type(self, group: list[Candidate]) -> str:
        best = max(group, key=lambda c: (len(c.tokens), c.count))
        words = [fold(t) for t in best.tokens]
        singles = {fold(c.tokens[0]) for c in group if len(c.tokens) == 1}
        if (
            any(self.looks_like_person(c) for c in group)
            or (len(words) == 1 and any(c.titled for c in group))
            # "Eliud Kipchoge" ... "Kipchoge said": a full name, then the surname alone.
            or (self.name_like(best) and fold(best.tokens[-1]) in singles)
        ):
            return PERSON
        if any(self.is_place(c) for c in group) or words[-1] in PLACE_WORDS:
            return PLACE
        if words[-1] in EVENT_WORDS or any(w.isdigit() and len(w) == 4 for w in words):
            return EVENT
        if any(w in ORG_WORDS for w in words) or any(
            c.tokens[0].isupper() and len(c.tokens) == 1 and len(c.tokens[0]) > 1 for c in group
        ):
            return ORGANISATION
        if any(c.quoted and len(c.tokens) > 1 for c in group) or any(w.isdigit() for w in words):
            return WORK
        return OTHER

    def is_place(self, cand: Candidate) -> bool:
        """In the gazetteer: a country, state or region by any name, a city
        unless its name is also a common word ("Young", "Bush", "Golden")."""
        kind = self.gaz.places.get(fold(cand.text))
        if kind is None:
            return False
        return kind != "city" or len(cand.tokens) > 1 or not self.is_common(cand.tokens[0].lower())

    def name_like(self, cand: Candidate) -> bool:
        """Two or three capitalised words that could be a person's name even
        if the first name is not in our list ("Robby Ginepri")."""
        tokens = cand.tokens
        if not 2 <= len(tokens) <= 3 or any(t.isupper() or t.isdigit() or t in CONNECTORS for t in tokens):
            return False
        words = [fold(t) for t in tokens]
        return not any(w in ORG_WORDS or w in EVENT_WORDS or w in PLACE_WORDS for w in words) and \
            fold(cand.text) not in self.gaz.places

    # -------------------------------------------------------------- ranking
    def rank(self, title: str, paragraphs: list[str], standfirst: str) -> list[Entity]:
        found = self.candidates(title, paragraphs, standfirst)
        groups = self.merge(found)
        title_words = {fold(strip_possessive(w)) for w in TOKEN.findall(title)}
        # "French economy" is about France, "Russian offensive" about Russia.
        title_stems = {w[:4] for w in title_words if len(w) >= 5} | {
            fold(w)[:4] for w in TOKEN.findall(title) if w in self.gaz.demonyms
        }
        total = max(1, sum(len(p) for p in paragraphs))
        entities = []
        for group in groups:
            mentions = sum(c.count for c in group)
            name = self.canonical(group)
            kind = self.entity_type(group)
            words = [fold(t) for t in name.split() if t not in CONNECTORS]
            in_title = any(c.in_title for c in group) or (kind == PERSON and words[-1] in title_words)
            # A title word inside the name ("Court rejects..." -> Court of Appeals).
            title_link = not in_title and (
                any(w in title_words and len(w) > 3 for w in words)
                or (kind == PLACE and len(words) == 1 and words[0][:4] in title_stems)
            )
            in_standfirst = any(c.in_standfirst for c in group)
            first = min(c.first for c in group)
            score = (
                mentions + 3.0 * in_title + 1.5 * title_link + 1.5 * in_standfirst
                + 0.5 * (1 - min(first, total) / total)
            )
            entities.append(
                Entity(name, kind, mentions, round(score, 3), tuple(sorted({f for c in group for f in c.forms})))
            )
        entities.sort(key=lambda e: (-e.score, e.name))
        return entities

    def canonical(self, group: list[Candidate]) -> str:
        """The name a tag page uses: the fullest form, then the most used."""
        return max(group, key=lambda c: (len(c.tokens) > 1 and not c.tokens[0].isupper(), c.count, len(c.tokens), -c.first)).text


PARENTHESISED = re.compile(r"((?:[A-Z][\w&.'-]*\s+(?:(?:of|for|and|the|de)\s+)*){1,6}?[A-Z][\w&.'-]*)\s+\(([A-Z][A-Za-z0-9&]{1,7})\)")
QUOTED = re.compile(r"[\u201c\u2018\"']([^\u201c\u201d\u2018\u2019\"]{2,80})[\u201d\u2019\"']")


def initials(tokens) -> str:
    """ "Disasters Emergency Committee" -> "DEC"."""
    return "".join(t[0] for t in tokens if t not in CONNECTORS).upper()


def inner_capitals(tokens) -> str:
    """ "PlayStation 3" -> "PS3": capitals and numbers, as product names
    abbreviate."""
    return "".join(c for t in tokens if t not in CONNECTORS for c in t if c.isupper() or c.isdigit())


def translit_key(name: str) -> str:
    """Collapse the letters transliterations disagree on: doubled letters,
    "tch"/"ch", "kh"/"k", "y"/"i", "ou"/"u"."""
    key = name.replace("tch", "ch").replace("kh", "k").replace("ou", "u").replace("y", "i")
    key = key.replace("j", "i").replace("w", "v")
    return re.sub(r"(.)\1+", r"\1", key)


def find_entities(
    title: str, paragraphs: list[str], standfirst: str, gazetteer: Gazetteer, word_counts: dict
) -> list[Entity]:
    """Every entity of a story, most salient first."""
    return Tagger(gazetteer, word_counts).rank(title, paragraphs, standfirst)


def choose_tags(
    entities: list[Entity],
    max_tags: int = DEFAULT_MAX,
    aliases: dict | None = None,
    ignore=(),
) -> list[Entity]:
    """The entities worth a tag: salient ones first (mentioned twice, or in the
    headline or standfirst), then, while there is room, names mentioned once
    that are clearly names (several words, a known place or a title before
    them). Aliases applied, ignored names left out, one tag per entity."""
    aliases = {fold(k): v for k, v in (aliases or {}).items()}
    ignored = {fold(name) for name in ignore}
    salient = [e for e in entities if e.mentions >= 2 or e.score >= 2.5]
    others = [e for e in entities if e not in salient and e.type != OTHER or (e not in salient and len(e.name.split()) > 1)]
    chosen: list[Entity] = []
    seen: set[str] = set()
    for entity in salient + others:
        name = aliases.get(fold(entity.name))
        if name is None:
            name = next((aliases[fold(f)] for f in entity.forms if fold(f) in aliases), entity.name)
        key = fold(name)
        if key in ignored or key in seen:
            continue
        seen.add(key)
        chosen.append(Entity(name, entity.type, entity.mentions, entity.score, entity.forms))
        if len(chosen) >= max_tags:
            break
    return chosen
