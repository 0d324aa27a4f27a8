"""Finding names in text: runs of capitalised words in a paragraph, with
the connectors ("of", "de", "&") and numbers that belong inside them, cut at
what cannot be inside a name (titles, weekdays, dates).

Pure: text in, lists of words out.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .gazetteer import Gazetteer
from .spelling import fold
from .vocabulary import (
    CONNECTORS, COUNTED_WORDS, FIELD_WORDS, MEDIA_ENDINGS, NAME_PARTICLES, OPENERS, ORG_WORDS, ROYAL_TITLES,
    SECOND_CONNECTORS, TITLE_FUNCTION_WORDS, VENUE_WORDS, WEEKDAY_PREFIXES,
)

# A word: letters and digits with inner hyphens, apostrophes, dots or
# ampersands ("Lewis-Francis", "O'Brien", "Amazon.com", "AT&T"), a trailing
# "+" ("Sky+"), or dotted initials ("U.S.").
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-'\u2019.&]\w+)*\+?")
# The end of a sentence: its mark, closing quotes or brackets, spaces; what
# follows its end starts the next one. (The mark is matched, not looked
# behind for: a pattern that opens with a lookbehind is tried at every
# character, this one only at marks.)
SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")
# A dateline before the story's first sentence: "(Reuters) -", "BEIJING, Feb. 1 (Xinhua) --",
# "WASHINGTON --". The word after it opens a sentence.
DATELINE = re.compile(r"^(?:[^()\n]{0,60}\([^()\n]{1,60}\)|[A-Z][A-Z .,'-]{1,40}(?=\s+[-\u2013\u2014]))\s*[-\u2013\u2014:]*\s+")
# Bodies and agreements named with "on" and their subject ("Convention on
# Human Rights", "Council on Foreign Relations", "Center on Budget...").
SUBJECT_HEADS = frozenset(
    "convention conference committee subcommittee commission treaty agreement panel summit forum declaration council "
    "centre center".split()
)
# After these, a word starts a quotation or clause and is capitalised anyway.
QUOTE_OPENERS = frozenset("\u201c\"\u2018':(\u2014-")
POSSESSIVE = re.compile(r"(?<!^[Tt]hat)(?<!^[Ii]t)(?<!^[Ww]hat)(?<!^[Ww]ho)(?<!^[Hh]ere)(?<!^[Tt]here)(?<!^[Ll]et)['\u2019]s$|(?<=s)['\u2019]$")


NAME_ABBREVIATIONS = frozenset("St Ste Mt Ft".split())
# Plural nouns whose possessive is part of a name: "China Children's Center",
# "People's Republic", "Women's Hospital", "International Workers' Day".
GROUP_POSSESSORS = frozenset(
    "children people peoples women men workers veterans farmers citizens teachers girls boys nations".split()
)


def strip_possessive(token: str) -> str:
    """ "Moscow's" -> "Moscow" (cheap when there is no apostrophe)."""
    if "'" in token or "\u2019" in token:
        return POSSESSIVE.sub("", token)
    return token


def is_possessive(token: str) -> bool:
    """ "Moscow's", "Footballers'" (the pattern only when there is an apostrophe)."""
    return ("'" in token or "\u2019" in token) and POSSESSIVE.search(token) is not None


def capitalised(token: str) -> bool:
    """is_capitalised, answered at once for the common case (a capital, no hyphen)."""
    return (token[0].isupper() and "-" not in token) or is_capitalised(token)


def is_capitalised(token: str) -> bool:
    """A word that can be part of a name: capitalised, "iPod"-style, and not a
    hyphenated adjective ("Fifteen-year-old", "London-based", "Fly-half")."""
    if "-" in token and token.rsplit("-", 1)[1][:1].islower():
        # ...but an East Asian given name is one ("Kim Jong-un", "Chan Kai-shin").
        return is_syllable_name(token)
    if token[:3] in ARABIC_ARTICLES and token[3:4].isupper():
        return True  # "Bashar al-Assad", "al-Qaeda", "el-Sisi"
    first = token[0]
    if first.isupper():
        return True
    # "iPod", "eBay": a lower-case letter, then capitals.
    return first.islower() and len(token) > 2 and token[1].isupper()


# The Arabic article joined to a name by a hyphen.
ARABIC_ARTICLES = frozenset({"al-", "el-"})
SYLLABLE = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,4}")
# Endings of hyphenated English words that look like a name's syllable
# ("Cold-war", "Fly-half"); none is a syllable of given names ("long" in
# pinyin and "in" in Korean are: "Moon Jae-in").
ENGLISH_ENDINGS = frozenset(
    "old war led run era day man men age end off way law half time year born back side line like made free wide "
    "term size hand home high over down out".split()
)


def is_syllable_name(token: str) -> bool:
    """A romanised two-syllable given name ("Jong-un", "Kai-shin", "Sol-ju")."""
    return bool(SYLLABLE.fullmatch(token)) and token.rsplit("-", 1)[1] not in ENGLISH_ENDINGS


def raw_spans(text: str):
    """Maximal runs of capitalised words in a paragraph, with connectors
    ("of", "de", "&") and trailing numbers inside them. Yields (tokens,
    starts, sentence_initial); a run never crosses a sentence end, because
    only a single space (or " & ") may stand between its words."""
    tokens = [(m[0], m.start(), m.end()) for m in TOKEN.finditer(text)]
    # The first word of each sentence (numbers do not count).
    sentence_starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(text)]
    dateline = DATELINE.match(text)
    if dateline:
        sentence_starts.insert(1, dateline.end())
    initial_tokens = set()
    positions = [t[1] for t in tokens]
    k = 0
    for start in sentence_starts:
        # The first token at or after the start (never before the last one's).
        k = max(k, bisect_left(positions, start, k))
        first = k
        while first < len(tokens) and tokens[first][0].isdigit():
            first += 1
        initial_tokens.add(first if first < len(tokens) else k)
    # Only capitalised words start a run, and no word in lower case alone
    # is capitalised: the loop asks the rest.
    starts_at = [k for k, (w, _, _) in enumerate(tokens) if not w.islower()]
    end = 0  # tokens before this belong to the last run
    for i in starts_at:
        if i < end or not capitalised(tokens[i][0]):
            continue
        span = [tokens[i]]
        # "von der Leyen", "al-Assad" is one token: particles before a surname.
        while len(span) < 3 and i - len(span) >= end and tokens[i - len(span)][0] in NAME_PARTICLES \
                and adjacent(tokens, i - len(span) + 1):
            span.insert(0, tokens[i - len(span)])
        j = i + 1
        while j < len(tokens):
            gap = text[span[-1][2]:tokens[j][1]]
            if gap == " & " and is_capitalised(tokens[j][0]):
                span.append(("&", span[-1][2] + 1, span[-1][2] + 2))  # "Brown & Williamson"
            elif gap == ". " and abbreviation_inside(span[-1][0], tokens[j][0]):
                pass  # "St. Nicholas", "George W. Bush"
            elif gap in ("' ", "\u2019 ") and span[-1][0].endswith("s") and org_follows(tokens, j, gap_checked=True):
                pass  # a plural possessive inside a name: "Professional Footballers' Association"
            elif gap not in (" ", ""):
                break
            if is_possessive(span[-1][0]) and not venue_follows(tokens, j) \
                    and strip_possessive(span[-1][0]).lower() not in GROUP_POSSESSORS:
                break
            word = tokens[j][0]
            if capitalised(word):
                span.append(tokens[j])
                j += 1
                continue
            # "Harry Potter and the Prisoner of Azkaban", "Dick and Dom In Da
            # Bungalow": "and" joins titles, not lists ("Boeing and Airbus").
            if word == "and" and j + 1 < len(tokens) and (
                title_words_follow(tokens, j + 1)
                or (len(span) <= 3 and org_follows(tokens, j + 1))
                or domain_follows(span, tokens, j + 1)
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
            # "on" joins a treaty's or a committee's subject ("European
            # Convention on Human Rights", "Council on Foreign Relations"),
            # not what was done to it ("Court on John"); a day after it is
            # cut off again by split_span ("Committee on Monday").
            if word == "on":
                k = j + 2 if j + 2 < len(tokens) and tokens[j + 1][0] == "the" else j + 1
                if span[-1][0].lower() in SUBJECT_HEADS and k < len(tokens) and is_capitalised(tokens[k][0]) \
                        and not tokens[k][0].endswith("ing") and all(adjacent(tokens, i) for i in range(j, k + 1)):
                    span.extend(tokens[j:k + 1])
                    j = k + 1
                    continue
                break
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
        # A number right after a name: "Shrek 2", "PlayStation 3", but not a
        # score "2-1", a share "44%", nor a count ("Unison's 800,000",
        # "London 12 months later", "Athens 10,000m").
        if j < len(tokens) and tokens[j][0][0].isdigit() and not is_possessive(span[-1][0]) \
                and strip_possessive(tokens[j][0]).isdigit() \
                and len(tokens[j][0]) <= 6 and text[span[-1][2]:tokens[j][1]] == " ":
            after = text[tokens[j][2]:tokens[j][2] + 1]
            digit_after = text[tokens[j][2] + 1:tokens[j][2] + 2].isdigit()
            counts = (after == "," and digit_after) or (
                after == " " and j + 1 < len(tokens) and tokens[j + 1][0] in COUNTED_WORDS
            )
            # (a full stop or colon only before a digit: "Formula 1." ends a
            # sentence, "3.5" and "2:16" are one number)
            if after in ".:" and not digit_after:
                after = ""
            if (after not in "-\u2013:/.%" or after == "") and not counts:
                span.append(tokens[j])
                j += 1
        opens = i in initial_tokens
        if not opens:
            before = text[max(0, tokens[i][1] - 2):tokens[i][1]].strip()
            opens = before[-1:] in QUOTE_OPENERS if before else False
        yield [t[0] for t in span], [t[1] for t in span], opens
        end = j


def abbreviation_inside(word: str, following: str) -> bool:
    """A full stop that abbreviates inside a name ("St. Pauli", "Mt. Everest",
    "George W. Bush") rather than ending a sentence."""
    if not following[:1].isupper() or following.lower() in OPENERS:
        return False
    return word in NAME_ABBREVIATIONS or (len(word) == 1 and word.isupper())


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


def org_follows(tokens, j: int, gap_checked: bool = False) -> bool:
    """A run of capitalised words starting at j that ends in an organisation
    word: "Securities and Exchange Commission", "England and Wales Cricket Board".
    Its first word must follow a single space, unless the caller has checked
    the gap before it (`gap_checked`: "Footballers' Association")."""
    k = j
    while k < len(tokens) and is_capitalised(tokens[k][0]) and k - j < 4 \
            and ((k == j and gap_checked) or adjacent(tokens, k)) \
            and not is_possessive(tokens[k][0]):
        k += 1
    return k > j and tokens[k - 1][0].lower() in ORG_WORDS


def domain_follows(span, tokens, j: int) -> bool:
    """After an organisation's "of" or "for", "and" joins the rest of its
    remit: "Ministry of Culture and Information Policy", "London School of
    Hygiene and Tropical Medicine". The rest is at most three capitalised
    words that end the run."""
    words = [t[0] for t in span]
    if "and" in words or not any(
        w in ("of", "for") and words[k - 1].lower() in ORG_WORDS for k, w in enumerate(words) if k
    ):
        return False
    k = j
    while k < len(tokens) and k - j < 3 and is_capitalised(tokens[k][0]) and adjacent(tokens, k) \
            and not is_possessive(tokens[k][0]):
        k += 1
    # ...and not a second body ("Department of Health and State University");
    # a field of work is a remit ("Bureau of Industry and Information Technology").
    last = tokens[k - 1][0].lower()
    remit = last not in ORG_WORDS or last in FIELD_WORDS
    # The remit ends the run, or the body's place follows it ("Department of
    # Agriculture and Rural Affairs of Qinghai Province").
    ends = k == len(tokens) or not adjacent(tokens, k) or not (
        is_capitalised(tokens[k][0]) or tokens[k][0] in CONNECTORS or is_possessive(tokens[k][0])
    ) or (tokens[k][0] == "of" and last not in ORG_WORDS)
    return k > j and ends and remit


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
        # A weekday, or a month before a day; an abbreviation ("Sun", "Sat")
        # only before a number, and never after a first name ("Theresa May").
        weekday = bare[:3] in WEEKDAY_PREFIXES and len(bare) > 4
        # (a month in capitals, as datelines write it: "SEPTEMBER 25", not "DEC")
        shouted_month = len(bare) > 3 and bare.isupper() and bare.capitalize() in gazetteer.dates
        is_date = (bare in gazetteer.dates or shouted_month) and (
            weekday or (k and tokens[k - 1].lower() == "on")  # "Conference on May 13", "On February 10th"
            or ((nxt.isdigit() or not nxt) and not (k and fold(tokens[k - 1]) in gazetteer.first_names))
            # a month that is no first name, before a name ("In September Symantec said")
            or (k == 0 and nxt[:1].isupper() and fold(bare) not in gazetteer.first_names)
        )
        in_portfolio = after_title and (bare in gazetteer.portfolios or (bare in CONNECTORS and nxt))
        if token == "and" and current and nxt and (
            (("of" in current or "for" in current) and fold(nxt) in gazetteer.first_names)
            or strip_possessive(current[-1]) in gazetteer.titles
        ):
            # "the Ministry of Defence and Ben Wallace", "the Office of the Deputy
            # Prime Minister and Constitutional Affairs committees": two names
            pieces.append((current, titled))
            current, titled, after_title = [], False, False
            continue
        if is_title:
            # "Home Secretary", "Foreign Minister": the portfolio goes with the title.
            while current and current[-1] in gazetteer.portfolios:
                current.pop()
        # Two capitalised words in a row written all in capitals are a byline
        # or a shouted heading ("MARKO DJURICA Reuters"), not a name.
        shouted = is_shouted(bare) and (is_shouted(nxt) or (k and is_shouted(strip_possessive(tokens[k - 1]))))
        if is_title or is_date or in_portfolio or shouted:
            if current:
                pieces.append((current, titled))
            current, titled = [], bool(is_title or in_portfolio)
            after_title = bool(is_title or in_portfolio)
            continue
        after_title = False
        current.append(token)
        if len(current) > 2 and nxt and is_capitalised(nxt) and " ".join(current[-2:]).lower() in MEDIA_ENDINGS:
            # A wire service before its dateline or the outlet it quotes:
            # "Xinhua News Agency Taipei", "China News Network Yangzi Evening
            # News"; a description before the name is dropped ("Russian
            # News Agency Interfax").
            if not all(t in gazetteer.demonyms for t in current[:-2]):
                pieces.append((current, titled))
            current, titled = [], False
    if current:
        pieces.append((current, titled))
    cleaned = []
    for piece, was_titled in pieces:
        while piece and ((piece[0] in CONNECTORS and piece[0] not in NAME_PARTICLES) or piece[0].isdigit()):
            piece = piece[1:]
        while piece and (piece[-1] in CONNECTORS or piece[-1] in CLOSING_FUNCTION_WORDS):
            piece = piece[:-1]
        if piece:
            cleaned.append((piece, was_titled))
    return cleaned


# A function word never ends a name: "Services For" is the start of a
# Title Case phrase cut short, "Committee on" of one cut at a date. Some may:
# "Group A", and a title's particle ("Carry On", "Skype In").
CLOSING_FUNCTION_WORDS = frozenset("For Of And and on The With From By An".split())


def is_shouted(token: str) -> bool:
    return len(token) >= 4 and token.isalpha() and token.isupper()


def plain(token: str) -> str:
    """A token as the word lists write it (straight apostrophes)."""
    return token.replace("\u2019", "'")


def is_title_case(title: str) -> bool:
    """A headline Written Like This (most longer words capitalised)."""
    words = [w for w in TOKEN.findall(title) if w.lower() not in CONNECTORS and len(w) > 3]
    return len(words) >= 3 and sum(1 for w in words if is_capitalised(w)) >= 0.8 * len(words)
