"""Every way a story writes a name: the spans of capitalised words in its
headline, standfirst and body, cut and cleaned, counted with where they
stand (headline, standfirst, first mention, after a title, in quotes).

Pure: text and word lists in, Candidates out (the one thing kept between
calls is span_names' table of answers, which only saves working them out again).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from .entity import Candidate
from .gazetteer import Gazetteer
from .junk import drop_opener, is_junk, is_opener, strip_demonym, strip_former, strip_legal_form, strip_post_nominal
from .kinds import is_common, name_like
from .spans import TOKEN, is_capitalised, is_title_case, plain, raw_spans, split_span, strip_possessive
from .spelling import fold
from .vocabulary import (
    CHINESE_SURNAMES, CONNECTORS, EVENT_WORDS, LOST_STOP_OPENERS, NAME_PARTICLES, OPENERS, ORG_WORDS,
    PARTY_WORDS, PLACE_WORDS, TITLE_FUNCTION_WORDS,
)

MAX_NAME_WORDS = 12
BRACKETED_SHORT = r"\(([A-Z][A-Za-z0-9&]{1,7})\)"  # "(HAL)"
PARENTHESISED = re.compile(r"((?:[A-Z][\w&.'-]*\s+(?:(?:of|for|and|the|de)\s+)*){1,6}?[A-Z][\w&.'-]*)\s+" + BRACKETED_SHORT)
# PARENTHESISED's end alone, from the same fragment: a cheap search that
# rules out most paragraphs before the long pattern is tried at each of
# their capitals.
ABBREVIATION_IN_BRACKETS = re.compile(r"\s" + BRACKETED_SHORT)
QUOTED = re.compile(r"[\u201c\u2018\"']([^\u201c\u201d\u2018\u2019\"]{2,80})[\u201d\u2019\"']")


def find_parenthesised(paragraphs: list[str]) -> list[tuple[str, str]]:
    """(short, long) pairs the text says are one: "Hindustan Aeronautics (HAL)".

    >>> find_parenthesised(["Gifts to the Disasters Emergency Committee (DEC) rose"])
    [('DEC', 'Disasters Emergency Committee')]
    >>> find_parenthesised(["the Berlin Foundation for Science and Politics (SWP) said"])
    [('SWP', 'Berlin Foundation for Science and Politics')]
    """
    pairs = []
    for p in paragraphs:
        if not ABBREVIATION_IN_BRACKETS.search(p):
            continue
        for m in PARENTHESISED.finditer(p):
            long, short = m.group(1), m.group(2)
            if long.split(" ", 1)[0].lower() in OPENERS:
                long = long.split(" ", 1)[-1]
            if long[0].upper() == short[0] or translated_acronym(short, long.split()):
                pairs.append((short, long))
    return pairs


def translated_acronym(short: str, words: list[str]) -> bool:
    """A body's acronym in its own language after its name in English
    ("German Retail Association (HDE)"): letters that spell no tail of the
    name, after a name with an organisation word. An acronym that spells a
    tail stands for that tail ("National Congress of the Communist Party of
    China (CPC)"); after a person it is a party ("Karl Lauterbach (SPD)")."""
    capitals = [w[0].upper() for w in words if w[:1].isupper()]
    return short.isupper() and any(w.lower() in ORG_WORDS for w in words) and not any(
        "".join(capitals[k:]) == short for k in range(len(capitals))
    )


# Lower-case words inside place names ("Frankfurt am Main", "Newcastle upon
# Tyne", "Marburg an der Lahn"): a span never crosses them, so two spans
# around one are joined when the gazetteer knows the whole as a place.
PLACE_LINK = re.compile(r" (?:[a-z]{1,5} ){1,2}")


def with_linked_places(spans, text: str, gaz: Gazetteer):
    """raw_spans' (tokens, starts, initial), with two spans joined where
    the lower-case words between them make a place the gazetteer knows."""
    held = None
    for span in spans:
        if held is not None:
            tokens, starts, initial = held
            end = starts[-1] + len(tokens[-1])
            between = text[end:span[1][0]]
            linked = len(between) <= 13 and between[1:2].islower() and PLACE_LINK.fullmatch(between) is not None
            if linked and fold(" ".join((*tokens, *between.split(), *span[0]))) in gaz.places:
                links = list(re.finditer(r"\S+", between))
                span = (
                    [*tokens, *(m.group() for m in links), *span[0]],
                    [*starts, *(end + m.start() for m in links), *span[1]],
                    initial,
                )
            else:
                yield held
        held = span
    if held is not None:
        yield held


# A kind of place before a name: "the town of Nurdai", "the city of Kharkiv".
PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|province|region|district|county|municipality|settlement|oblast|port|island|capital) of $"
)
# A role in lower case right before a name ("health minister Kumbuze
# Chiponda"), or a role and its office before a comma ("The Sultan of
# Brunei, Hassanal Bolkiah,"). A capitalised role right before a name is
# inside its span, where split_span cuts it off.
OFFICE = re.compile(r" of(?: the)?(?: [A-Z][\w'-]*){1,3}$")


def after_role(text: str, start: int, gaz: Gazetteer) -> bool:
    """The span at `start` follows a title or role word (gazetteer's titles,
    any case). Sliced and split by hand: it runs for every span."""
    before = text[max(0, start - 60):start]
    if before.endswith(", "):
        head = before[:-2]
        office = OFFICE.search(head) if " of " in head else None
        word = (head[:office.start()] if office else head).rsplit(" ", 1)[-1]
    elif before.endswith(" "):
        word = before[:-1].rsplit(" ", 1)[-1]
        if not word.islower():
            return False
    else:
        return False
    return word.replace("-", "").isalpha() and (word.capitalize() in gaz.titles or word in gaz.titles)


def role_names(piece: list[str], gaz: Gazetteer) -> bool:
    """A piece after a role that is a person's name: shaped like one, with
    no title, party or place in it ("former Massachusetts Gov." is none)."""
    return name_like(Candidate(tuple(piece)), gaz) and fold(piece[0]) not in gaz.places and not any(
        t in gaz.titles or t in gaz.demonyms or t.lower() in PARTY_WORDS for t in piece
    )


def find_candidates(
    title: str, paragraphs: list[str], standfirst: str, gaz: Gazetteer, word_counts: dict
) -> dict[str, Candidate]:
    """{folded name: Candidate} for every name-like span of the story.

    A headline Written In Title Case capitalises every word, so a span of
    it is a name only where the body writes the same name: such headlines
    keep only their spans (or parts of them) that the body supports."""
    found: dict[str, Candidate] = {}
    mid_sentence_caps: Counter = Counter()
    alone_caps: set[str] = set()
    pending = []
    placed: set[int] = set()  # where spans start that follow "the town of"
    aged: set[int] = set()  # where single words follow "the 42-year-old"
    title_case = is_title_case(title)
    headline = " ".join(title.split()).casefold()
    texts = [(title, "title")] + [(p, place_of_paragraph(p, i, headline, standfirst)) for i, p in enumerate(paragraphs)]
    offset = 0
    for text, where in texts:
        # Where each quotation ends -> where it starts.
        quotes = list(QUOTED.finditer(text))
        quoted_ends = {m.end(1): m.start(1) for m in quotes}
        joined = quoted_with_and(quotes)
        joined_starts = [start for start, _, _ in joined]
        for tokens, starts, initial in with_linked_places(raw_spans(text), text, gaz):
            k = bisect_right(joined_starts, starts[0]) - 1
            if k >= 0 and starts[0] < joined[k][1]:
                # Inside a quotation joined by "and": it is one name, from its first span.
                if joined[k][0] == starts[0]:
                    pending.append((joined[k][2], True, where, offset + starts[0], True, False))
                continue
            if (where == "title" and title_case) or where == "heading":
                initial = True
            elif not initial and lost_full_stop(tokens, gaz, word_counts):
                initial = True
            if initial and len(tokens) == 1 and is_opener(tokens[0]):
                continue  # "The", "But": drop_opener would drop it, and it is evidence of nothing
            # Evidence that a word is a name wherever it stands: used
            # alone, or first, in mid-sentence, or as a surname.
            if not initial:
                first = strip_possessive(tokens[0])
                mid_sentence_caps[first] += 1
                if len(tokens) == 1:
                    alone_caps.add(first)
            if 2 <= len(tokens) <= 3 and fold(strip_possessive(tokens[-2])) in gaz.first_names:
                mid_sentence_caps[strip_possessive(tokens[-1])] += 1
            opened = quoted_ends.get(starts[-1] + len(tokens[-1]))
            quoted = opened is not None and opened <= starts[0]
            role = 2 <= len(tokens) <= 8 and after_role(text, starts[0], gaz)
            if text.endswith(" of ", 0, starts[0]) and PLACE_BEFORE.search(text, max(0, starts[0] - 30), starts[0]):
                placed.add(offset + starts[0])
            elif len(tokens) == 1 and text.endswith("year-old ", 0, starts[0]):
                aged.add(offset + starts[0])
            pending.append((tokens, initial, where, offset + starts[0], quoted, role))
        offset += len(text) + 2
    quotations = Counter(tuple(tokens) for tokens, _, _, _, quoted, *_ in pending if quoted and len(tokens) > 1)
    pieces = []  # (piece, where, position, quoted, titled)
    for tokens, initial, where, position, quoted, role_before in pending:
        if initial:
            kept = drop_opener(tokens, mid_sentence_caps, alone_caps, gaz, word_counts, where == "title")
            if quoted and len(tokens) > 1 and kept is not tokens and plain(tokens[0]).lower() not in OPENERS:
                # A quotation of capitalised words opens with a capital
                # whatever it is, but without its first word it is no name
                # ("White Helmets" is not "Helmets"; "The Hollywood
                # Reporter" is "Hollywood Reporter"): the whole quotation
                # is one name when the story quotes it again, else none.
                kept = tokens if quotations[tuple(tokens)] >= 2 else []
            tokens = kept
            if not tokens:
                continue
        named = span_names(tuple(tokens), gaz, word_counts)
        for n, piece, titled, parts in named:
            titled |= role_before and n == 0 and role_names(piece, gaz)
            for part in parts:
                pieces.append((part, where, position, quoted, titled))
    # A lone word the story also writes in lower case, at least as often as
    # it capitalises it in mid-sentence, is a word ("Rescuers", "Children").
    lower = LowerCaseUse("\n".join(text for text, _ in texts))
    capitalised = Counter(" ".join(entry[0]) for entry in pieces if len(entry[0]) > 1)
    pieces = [
        entry for entry in pieces
        if not (is_lowercase_word(entry[0][0], lower, mid_sentence_caps, gaz) if len(entry[0]) == 1
                else is_lowercase_phrase(entry[0], lower, capitalised, gaz))
    ]
    known = {fold(" ".join(piece)) for piece, *_ in pieces}
    pieces = [
        (part, where, position, quoted, titled or person)
        for piece, where, position, quoted, titled in pieces
        for joined in split_two_names(piece, known)
        for glued in split_chinese_names(joined, word_counts)
        for part, person in split_glued_person(glued, known, gaz, word_counts)
    ]
    # Title Case lines (the headline, sub-headings) name only what the body names.
    body = {fold(" ".join(piece)) for piece, where, *_ in pieces if where not in ("title", "heading")}
    pieces = [
        (part, where, *rest) for piece, where, *rest in pieces
        for part in (supported_parts(piece, body) if where == "heading" or (where == "title" and title_case) else (piece,))
    ]
    for piece, where, position, quoted, titled in pieces:
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
        cand.placed |= position in placed
        cand.aged += position in aged
        cand.forms.add(" ".join(piece))
    return found


# names_in_span's answers, kept from story to story: it is pure, and a
# digest writes most runs of capitals again and again ("Prime Minister Tony
# Blair"; of the 50,908 runs the BBC's 2,225 stories ask about, beyond each
# story's own repeats, 62% were asked by an earlier story). For one gazetteer
# and one table of word counts at a time (held here until forget_span_names),
# and at most SPAN_NAMES_KEPT runs, then afresh: a worker converting
# thousands of stories must not grow without end.
SPAN_NAMES_KEPT = 20_000
_span_names: tuple = (None, None, {})


def span_names(tokens: tuple[str, ...], gaz: Gazetteer, word_counts: dict) -> list[tuple[int, list[str], bool, list]]:
    """names_in_span(list(tokens), gaz, word_counts), worked out once per run.
    Its answers are shared, so never changed by who asks."""
    global _span_names
    kept_gaz, kept_counts, answers = _span_names
    if kept_gaz is not gaz or kept_counts is not word_counts or len(answers) >= SPAN_NAMES_KEPT:
        answers = {}
        _span_names = (gaz, word_counts, answers)
    named = answers.get(tokens)
    if named is None:
        named = answers[tokens] = names_in_span(list(tokens), gaz, word_counts)
    return named


def forget_span_names() -> None:
    """Let go of the kept answers, and of the word lists they were made with."""
    global _span_names
    _span_names = (None, None, {})


def names_in_span(tokens: list[str], gaz: Gazetteer, word_counts: dict) -> list[tuple[int, list[str], bool, list]]:
    """The names in a run of capitalised words, with titles, demonyms, legal
    forms and junk cut off: (the piece's place in the run, the piece as cut,
    whether a title stood before it, the names it holds)."""
    named = []
    for n, (piece, titled) in enumerate(split_person_of(split_span(strip_former(tokens), gaz), gaz)):
        name = strip_post_nominal(strip_legal_form(strip_demonym(piece, gaz, word_counts)))
        if not name or len(name) > MAX_NAME_WORDS or is_junk(name, gaz):
            continue  # a run of a dozen capitalised words is a heading, not a name
        name = name[:-1] + [strip_possessive(name[-1])]
        named.append((n, piece, titled, joined_places(name, gaz)))
    return named


# Kinds of place whose names, joined by a hyphen, name each of them ("the
# India-Pakistan talks"); not any city ("Garcia-Lopez" is one surname).
JOINABLE_PLACES = frozenset({"country", "state", "continent", "region", "big city"})


def joined_places(piece: list[str], gaz: Gazetteer) -> list[list[str]]:
    """A lone word of places joined by hyphens is each of them: "Turkey-Syria"
    is Turkey and Syria, "US-Mexico" the US and Mexico. Anything else is itself.

    >>> from types import SimpleNamespace
    >>> gaz = SimpleNamespace(places={"turkey": "country", "syria": "country", "lopez": "city"})
    >>> joined_places(["Turkey-Syria"], gaz), joined_places(["Garcia-Lopez"], gaz)
    ([['Turkey'], ['Syria']], [['Garcia-Lopez']])
    """
    parts = piece[0].split("-") if len(piece) == 1 else ()
    if len(parts) > 1 and all(
        gaz.places.get(fold(p)) in JOINABLE_PLACES or (p.isupper() and 2 <= len(p) <= 3) for p in parts
    ) and any(gaz.places.get(fold(p)) for p in parts):
        return [[p] for p in parts]
    return [piece]


def split_two_names(piece: list[str], known: set[str]) -> list[list[str]]:
    """ "Deutsche Bank and Credit Suisse Group" is two names when the story
    also names "Deutsche Bank" on its own, and the other part too or the
    first ends as a body's name does; "Securities and Exchange Commission"
    and "National Development and Reform Commission" stay one.

    >>> split_two_names("Deutsche Bank and Credit Suisse".split(), {"deutsche bank"})
    [['Deutsche', 'Bank'], ['Credit', 'Suisse']]
    >>> split_two_names("Office of Management and Budget".split(), {"office"})
    [['Office', 'of', 'Management', 'and', 'Budget']]
    """
    if "and" not in piece[1:-1]:
        return [piece]
    k = piece.index("and")
    left, right = piece[:k], piece[k + 1:]
    if len(left) > 1 and fold(" ".join(left)) in known and right and is_capitalised(right[0]) and (
        fold(" ".join(right)) in known or left[-1].lower() in ORG_WORDS
    ):
        return [left, right]
    return [piece]


def quoted_with_and(quotes: list[re.Match]) -> list[tuple[int, int, list[str]]]:
    """(start, end, words) of each quotation (QUOTED's matches) of
    capitalised words joined by "and": one name ("Belt and Road"), where a
    run outside quotes is two ("Boeing and Airbus").

    >>> quoted_with_and(QUOTED.finditer('the \u201cBelt and Road\u201d plan, \u201cBoeing and the rest\u201d'))
    [(5, 18, ['Belt', 'and', 'Road'])]
    """
    found = []
    for m in quotes:
        if m.group(0)[0] not in "\u201c\"" or m.group(0)[-1] not in "\u201d\"":
            continue  # single quotes are also apostrophes ("New Year's Day")
        words = m.group(1).rstrip(",.").split(" ")
        if "and" in words[1:-1] and len(words) <= 6 and all(
            w == "and" or w in CONNECTORS or (TOKEN.fullmatch(w) and is_capitalised(w)) for w in words
        ) and is_capitalised(words[-1]):
            found.append((m.start(1), m.end(1), words))
    return found


def lost_full_stop(tokens: list[str], gaz: Gazetteer, word_counts: dict) -> bool:
    """A span in mid-sentence that opens with a function word and then
    names something: the text lost the full stop before it ("...Russian
    attacks As Interfax-Ukraine reminds"). A title of common words stays
    ("a cover of Against All Odds").

    >>> from types import SimpleNamespace
    >>> gaz = SimpleNamespace(places={})
    >>> lost_full_stop(["As", "Interfax-Ukraine"], gaz, {"as": 9_000_000})
    True
    >>> lost_full_stop(["Against", "All", "Odds"], gaz, {"all": 9_000_000, "odds": 2_000_000})
    False
    """
    first = tokens[0]
    return (
        len(tokens) > 1 and first.lower() in LOST_STOP_OPENERS and first[1:].islower()
        and any(not is_common(plain(t).lower(), word_counts) or fold(t) in gaz.places for t in tokens[1:])
    )


class LowerCaseUse:
    """How often a story writes a word in lower case: the times it stands as
    a whole word (not inside a longer word, a contraction or a compound).
    The story's words are counted once, when first asked about, so that a
    long story asking about many words costs its length, not their product."""

    def __init__(self, text: str):
        self.text = text
        self.words: Counter | None = None
        self.asked: dict[str, int] = {}
        self.questions = 0

    def count(self, word: str) -> int:
        known = self.asked.get(word)
        if known is not None:
            return known
        if self.words is None:
            self.questions += 1
            if self.questions <= 32 and word not in self.text:  # most: found out in C
                return 0
            # Past a few questions the story's words are counted, so that
            # many names cost its length, not length times names.
            self.words = Counter(WORD_RUN.findall(self.text))
        if WORD_RUN.fullmatch(word):
            found = self.words[word]
        elif all(self.words[part] for part in WORD_RUN.findall(word)):
            # A phrase: searched for only when the story writes each of its words.
            found = len(re.findall(rf"(?<![\w'\u2019-]){re.escape(word)}(?![\w'\u2019-])", self.text))
        else:
            found = 0
        self.asked[word] = found
        return found


# A whole word as LowerCaseUse counts it: a longest run of these.
WORD_RUN = re.compile(r"[\w'\u2019-]+")


def is_lowercase_word(word: str, lower: LowerCaseUse, mid_sentence_caps: Counter, gaz: Gazetteer) -> bool:
    """A capitalised word that the story also uses as an ordinary word."""
    if word.isupper() or not word[:1].isupper() or fold(word) in gaz.places:
        return False
    used = lower.count(plain(word).lower())
    return used > 0 and used >= mid_sentence_caps.get(word, 0)


def is_lowercase_phrase(words: list[str], lower: LowerCaseUse, capitalised: Counter, gaz: Gazetteer) -> bool:
    """Capitalised words that the story also writes as ordinary words, at
    least as often ("Rural Revitalization" and "rural revitalization"): a
    concept capitalised by a translation, not a name."""
    if any(not w[:1].isupper() or w.isupper() for w in words) or fold(" ".join(words)) in gaz.places:
        return False
    used = lower.count(plain(" ".join(words)).lower())
    return used > 0 and used >= capitalised[" ".join(words)]


# First words of place and feast names before a first name: "Saint Nicholas", "San Diego".
NAME_PREFIXES = frozenset("Saint St San Santa Sao São Fort Port Mount Mt Cape Lake Greater Great New".split())


# A word glued before a first name is a role when it is common, or used in
# English at least this often and shaped like a role or description
# ("Sprinter Mark Lewis-Francis", "Unseeded Nicolas Almagro", "Comrade Xi
# Jinping"); a rarer word is more likely a name ("Pham Minh Chinh").
ROLE_WORD_COUNT = 50_000
ROLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ed", "man", "ess", "ade")


def split_glued_person(piece: list[str], known: set[str], gaz: Gazetteer, word_counts: dict):
    """A role, body or place glued to the front of a person's name, as
    machine translation and captions leave them ("Energoatom Petro Kotin",
    "Farmer Frank Diers", "US Senators Jim Risch"): yields (piece, is the
    person) for the person and, when it names something the story names
    elsewhere, what stood before. A name is cut only before a known first
    name and only when what stands before it is a common word, a place or
    something the story names on its own.

    >>> from types import SimpleNamespace
    >>> gaz = SimpleNamespace(first_names={"frank", "petro"}, places={}, titles=set())
    >>> list(split_glued_person(["Farmer", "Frank", "Diers"], set(), gaz, {"farmer": 9_000_000}))
    [(['Frank', 'Diers'], True)]
    >>> list(split_glued_person(["Energoatom", "Petro", "Kotin"], {"energoatom"}, gaz, {}))
    [(['Energoatom'], False), (['Petro', 'Kotin'], True)]
    """
    for k in range(1, len(piece) - 1):
        head, tail = piece[:k], piece[k:]
        core = [t for t in tail if t not in NAME_PARTICLES]  # "Mohammed bin Salman", "Ursula von der Leyen"
        if not 2 <= len(core) <= 3 or not tail[0][:1].isupper() or not (
            fold(tail[0]) in gaz.first_names or surname_known(tail, known, gaz, word_counts)
        ):
            continue
        lead = head[-1]
        if lead in CONNECTORS or fold(lead) in gaz.first_names or (k == 1 and lead in NAME_PREFIXES):
            continue
        if any(t.isupper() or t.isdigit() or (t in CONNECTORS and t not in NAME_PARTICLES) or t in TITLE_FUNCTION_WORDS
               or fold(t) in ORG_WORDS | PLACE_WORDS | EVENT_WORDS for t in tail) or fold(" ".join(tail)) in gaz.places:
            continue
        named = fold(" ".join(head)) in known or fold(" ".join(head)) in gaz.places
        lower = plain(lead).lower()
        role = lead[:1].isupper() and not lead.isupper() and (
            is_common(lower, word_counts) or (word_counts.get(lower, 0) >= ROLE_WORD_COUNT and lower.endswith(ROLE_ENDINGS))
        )
        if fold(tail[0]) not in gaz.first_names:
            named = False  # only a role or a place may stand before an unknown first name
            if not (role or lead in gaz.titles or fold(lead) in gaz.places):
                continue
        if not (named or role or lead in gaz.titles or fold(lead) in known or fold(lead) in gaz.places):
            continue
        if named or fold(lead) in ORG_WORDS:
            yield head, False
        yield tail, True
        return
    yield piece, False


def split_chinese_names(piece: list[str], word_counts: dict) -> list[list[str]]:
    """Chinese names written side by side, as in reporters' credits:
    "Zhang Shangwu Hu Panpan" -> "Zhang Shangwu", "Hu Panpan". Each name is
    a common surname and a given name that is not an English word.

    >>> split_chinese_names(["Zhang", "Shangwu", "Hu", "Panpan"], {})
    [['Zhang', 'Shangwu'], ['Hu', 'Panpan']]
    >>> split_chinese_names(["Hong", "Kong", "Tourism", "Board"], {"tourism": 9_000_000})
    [['Hong', 'Kong', 'Tourism', 'Board']]
    """
    if len(piece) not in (4, 6) or not all(t.isalpha() and t[:1].isupper() and t[1:].islower() for t in piece):
        return [piece]
    names = [piece[k:k + 2] for k in range(0, len(piece), 2)]
    if all(name[0].lower() in CHINESE_SURNAMES and not is_common(name[1].lower(), word_counts) for name in names):
        return names
    return [piece]


def surname_known(tail: list[str], known: set[str], gaz: Gazetteer, word_counts: dict) -> bool:
    """A first name the lists do not know, before a surname the story uses
    alone ("Halyna Hryhorenko" where the story also says "Hryhorenko")."""
    given = tail[0]
    return (
        len(tail) == 2 and fold(tail[1]) in known and given[:1].isupper() and given[1:].islower()
        and not is_common(plain(given).lower(), word_counts) and fold(given) not in gaz.places
    )


def place_of_paragraph(paragraph: str, index: int, headline: str, standfirst: str) -> str:
    """Where a paragraph stands: "title" when it repeats the headline (some
    agencies do, some after a dateline), "heading" for a short line In Title
    Case, "standfirst" or "body"."""
    if -8 < len(paragraph) - len(headline) < 80:
        flat = " ".join(paragraph.split()).casefold()
        if flat == headline or (len(headline) >= 30 and headline in flat):
            return "title"  # the headline again, maybe after a dateline ("..., headline: ...")
    if paragraph.count(" ") < 12 and paragraph[-1:] not in ".!?\"\u201d" and is_title_case(paragraph):
        return "heading"
    return "standfirst" if paragraph == standfirst and index == 0 else "body"


def supported_parts(piece: list[str], body: set[str]):
    """The longest runs of a headline span that the body writes as names,
    left to right ("Beijing Youth Ice Hockey League Fuels Winter Olympics
    Enthusiasm" -> "Beijing", "Winter Olympics" when the body has those).

    >>> list(supported_parts(["Flynn", "Not", "Cooperating", "With", "Russia", "Probe"], {"flynn", "russia"}))
    [['Flynn'], ['Russia']]
    """
    i = 0
    while i < len(piece):
        if piece[i] in CONNECTORS and piece[i] not in NAME_PARTICLES:
            i += 1  # "Against the CCP": not "the CCP"
            continue
        for j in range(len(piece), i, -1):
            if fold(" ".join(piece[i:j])) in body:
                yield piece[i:j]
                i = j
                break
        else:
            i += 1


def split_person_of(pieces, gaz: Gazetteer):
    """"Barry Gibb of The Bee Gees", "Priya Raman of the University of
    Arizona": a person, then what they belong to."""
    for piece, titled in pieces:
        if "of" in piece[2:4]:
            cut = piece.index("of", 2)
            left, right = piece[:cut], piece[cut + 1:]
            right_is_place = gaz.places.get(fold(" ".join(right))) in ("country", "state", "continent", "big city")
            if name_like(Candidate(tuple(left)), gaz) and (fold(left[0]) in gaz.first_names or right_is_place):
                yield left, titled
                right = piece[cut + 1:]
                while right and right[0] in CONNECTORS:
                    right = right[1:]
                if right:
                    yield right, False
                continue
        yield piece, titled
