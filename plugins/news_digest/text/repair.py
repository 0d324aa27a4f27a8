"""Text repairs for scraped and machine-translated news, each a pure function.

No library re-pairs quotation marks that a translator turned the wrong way or
dropped, so `repair_quotes` is ours. Splitting run-together words uses the
wordsegment library's word frequencies; only the decision of *when* to split
is ours, because a plain segmenter also splits real compounds ("tighthead").
"""
from __future__ import annotations

import re

from .lexicon import Lexicon

OPEN, CLOSE = "\u201c", "\u201d"
DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"
DOUBLE_QUOTE = re.compile(f"[{DOUBLE_QUOTES}]")
# Characters after which a quote opens, and before which one closes.
OPENING_CONTEXT = set("([{\u2014\u2013-/")
CLOSING_CONTEXT = set(".,;:!?)]}\u2026\u2014\u2013-/")
CLAUSE_ENDS = set(",.!?;")
# (Each pattern opens with its mark and looks behind from after it: a
# pattern that opens with a lookbehind is tried at every character.)
INCH_MARK = re.compile(r"\"(?:(?<=\d['\u2019\u2032]\d\")|(?<=\d['\u2019\u2032]\d\d\"))")  # 6'2"
# Placeholders for the marks while spacing is set; decoding removes C0
# controls, and repair_quotes drops any that reach it another way.
OPEN_SLOT, CLOSE_SLOT = "\x01", "\x02"
SPACE_BEFORE_OPEN = re.compile("\x01(?<=[^\\s(\\[{\u2014\u2013/\x01\x02]\x01)")
SPACE_AFTER_OPEN = re.compile("\x01 +")
SPACE_BEFORE_CLOSE = re.compile(" +\x02")
WORD_AFTER_CLOSE = re.compile("\x02(?=[^\\W_])")

# Candidate run-together words: lower-case letters only, not part of a URL,
# an e-mail address, a hyphenated or an apostrophised word.
RUN_TOGETHER_CANDIDATE = re.compile(r"(?<![\w'\u2019@#/.\-])[a-z]{5,40}(?![\w'\u2019@/\-]|\.\w)")
# Endings of web addresses: "Gazeta.Ru" and "Amazon.Com" are names, not "Gazeta. Ru".
DOMAIN_ENDINGS = ("ru", "ua", "com", "net", "org", "info", "de", "fr", "uk", "cn", "io", "co", "eu", "gov", "edu")
# "here,she": a lower-case word, a comma or full stop, a word. Not "1,500",
# "e.g.", "U.S." or "example.com" (the word after must be two letters or more
# and not a domain ending).
GLUED_PUNCTUATION = re.compile(
    r"(?<=[a-z]{2}[,;])(?=[a-z]{2})|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])(?!(?i:" + "|".join(DOMAIN_ENDINGS) + r")\b)"
)
# What every GLUED_PUNCTUATION match stands on: a mark, then a letter. A
# pattern that opens with lookbehinds is tried at every character; this one
# is found by a fast scan, and most paragraphs have none.
MARK_THEN_LETTER = re.compile(r"[,;.!?][a-zA-Z]")
# A comma, then who spoke and a verb of saying: the end of a quotation whose
# closing mark was lost ("Nobody should wait, he said.").
ATTRIBUTION = re.compile(
    r",(?= (?:he|she|they|it|[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){0,2}) "
    r"(?:said|says|added|adds|told|tells|asked|asks|explained|explains|wrote|writes|warned|warns)\b)"
)
SINGLE_QUOTES = re.compile("['\u2018\u2019\u201a\u201b]")
ELISION = re.compile(r"(?:\d\ds?|em|til|n|twas|cause)\b", re.IGNORECASE)

# Words that join a run-together pair: "russiafor", "hesaid", "theirfamilies".
FUNCTION_WORDS = frozenset(
    """a about above after against all also an and any are as at be been before
    being below between both but by can could did do does during each for from
    had has have he her here him his how i if in into is it its just may me might
    more most must my no nor not now of off on once only or other our out over
    own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when
    where which while who whom why will with would you your""".split()
)
# Particles English compounds freely with ("outrun", "overrate", "walkout").
PARTICLES = frozenset("out over under up down off back in on away through".split())
MIN_PIECE_COUNT = 1_000_000  # occurrences in wordsegment's corpus of 1e12 words


def is_piece(piece: str, lexicon: Lexicon) -> bool:
    """A piece a run-together word may be split into: a common word, and
    unless a function word long enough not to be a fragment of a foreign
    word ("hutor" is not "hut or")."""
    return len(piece) >= 2 and lexicon.unigrams.get(piece, 0) >= MIN_PIECE_COUNT and (
        piece in FUNCTION_WORDS or len(piece) >= 4
    )


def split_word(word: str, lexicon: Lexicon) -> list[str] | None:
    """Return the words a run-together token is made of, or None to keep it.

    A token is split only when neither dictionary knows it (wordsegment's
    common words, nor the large English word list: "saithe", "overreacts"
    stay whole), it falls into two or three common words, and each join is
    one a typo makes: a function word, an adverb in -ly, or a pair the corpus
    has seen.
    """
    if word in lexicon.unigrams:
        return None
    # Without a possible piece at each end, no need to run the segmenter
    # (a search over every way to cut the word).
    ends = range(2, len(word) - 1)
    if not (any(is_piece(word[:n], lexicon) for n in ends) and any(is_piece(word[-n:], lexicon) for n in ends)):
        return None
    pieces = lexicon.segment(word)
    if not 2 <= len(pieces) <= 3 or "".join(pieces) != word or not all(is_piece(p, lexicon) for p in pieces):
        return None
    # Three pieces only where English writes each pair ("me so phase" is not "mesophase").
    if len(pieces) == 3 and not all(f"{a} {b}" in lexicon.bigrams for a, b in zip(pieces, pieces[1:])):
        return None
    for left, right in zip(pieces, pieces[1:]):
        # "outpolling", "overmighty", "sickout", "takeover": English makes
        # words with these particles; a lost space is not the likely story.
        if (left in PARTICLES and right not in FUNCTION_WORDS) or (right in PARTICLES and left not in FUNCTION_WORDS):
            return None
        if not (
            left in FUNCTION_WORDS
            or right in FUNCTION_WORDS
            or (left.endswith("ly") and len(left) >= 5)
            or f"{left} {right}" in lexicon.bigrams
        ):
            return None
    return None if lexicon.is_word(word) else pieces


def space_after_punctuation(text: str) -> tuple[str, tuple[int, ...]]:
    """Put back the space lost after a comma or full stop between two words
    ("here,she said"); return the text and the offsets of the spaces.

    >>> space_after_punctuation("the engineers are here,she said. Yes.No")
    ('the engineers are here, she said. Yes. No', (23, 38))
    """
    if not MARK_THEN_LETTER.search(text):
        return text, ()
    inserted = []
    out = []
    last = 0
    for match in GLUED_PUNCTUATION.finditer(text):
        out.append(text[last:match.end()])
        inserted.append(match.end() + len(inserted))
        out.append(" ")
        last = match.end()
    if not inserted:
        return text, ()
    out.append(text[last:])
    return "".join(out), tuple(inserted)


def shift_offsets(offsets: tuple[int, ...], inserted: tuple[int, ...]) -> tuple[int, ...]:
    """Move offsets in a text to where they are once single characters have
    been inserted at `inserted` (offsets in the new text, ascending).

    >>> shift_offsets((5, 10), (7,))
    (5, 11)
    """
    old_positions = [q - k for k, q in enumerate(inserted)]
    return tuple(p + sum(1 for q in old_positions if q <= p) for p in offsets)


def split_run_together(text: str, lexicon: Lexicon | None) -> tuple[str, tuple[int, ...]]:
    """Split words that have run together; return the text and the offsets of
    the spaces put in (quote repair uses them: a lost space often took a quote
    mark with it).

    Capitalised words are never split, nor words the dictionary knows.
    """
    if lexicon is None:
        return text, ()
    # Most paragraphs have no unknown lower-case word: find that out in C.
    unknown = {w for w in RUN_TOGETHER_CANDIDATE.findall(text) if w not in lexicon.unigrams}
    if not any(split_word(w, lexicon) for w in unknown):
        return text, ()
    out: list[str] = []
    inserted: list[int] = []
    last = 0
    length = 0
    for match in RUN_TOGETHER_CANDIDATE.finditer(text):
        pieces = split_word(match.group(), lexicon)
        if not pieces:
            continue
        chunk = text[last:match.start()]
        out.append(chunk)
        length += len(chunk)
        for i, piece in enumerate(pieces):
            if i:
                inserted.append(length)
                out.append(" ")
                length += 1
            out.append(piece)
            length += len(piece)
        last = match.end()
    if not inserted:
        return text, ()
    out.append(text[last:])
    return "".join(out), tuple(inserted)


def quote_lean(text: str, pos: int) -> str:
    """Which way a double quote at `pos` points, judged by its neighbours:
    'open', 'close', or '' when it is glued (or spaced) on both sides."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    left_open = before.isspace() or before in OPENING_CONTEXT
    right_open = after.isspace() or after in CLOSING_CONTEXT
    if left_open and not right_open:
        # "lives, "the president said": a closing mark that machine
        # translation put after the space, before a reporting clause.
        if before == " " and text[pos - 2:pos - 1] in CLAUSE_ENDS and after.islower():
            return "close"
        if before == " " and text[pos - 2:pos - 1] == ",":
            return ""  # 'rescue, "Nikolenko said' or 'he said, "We...': the pairing decides
        return "open"
    if right_open and not left_open:
        return "close"
    return ""


def pair_quotes(leans: list[str]) -> tuple[list[str], list[int]]:
    """Give each quote a role; return roles and the indexes left unpaired.

    Double quotes do not nest in English, so a quote is either inside or
    outside a quotation; ambiguous marks take the role that balances.
    """
    roles: list[str] = []
    unpaired: list[int] = []
    open_at = None
    for i, lean in enumerate(leans):
        if lean == "open" or (not lean and open_at is None):
            if open_at is not None:
                unpaired.append(open_at)
            roles.append("open")
            open_at = i
        elif open_at is not None:
            roles.append("close")
            open_at = None
        else:
            roles.append("close")
            unpaired.append(i)
    if open_at is not None:
        unpaired.append(open_at)
    return roles, sorted(unpaired)


def repair_quotes(text: str, split_points: tuple[int, ...] = ()) -> str:
    """Re-pair the double quotes of one paragraph and output typographic ones.

    Conservative: a mark changes role only where its neighbours say so (a
    mark turned the wrong way at a clause boundary, a pair that lost a
    space), and a missing mark is put back only at `split_points`, the
    spaces put back between run-together words, where the lost space took
    the mark with it. No mark is added anywhere else, so text that had no
    quotation is never wrapped in one. A result with more unbalanced or
    doubled marks than the paragraph had (quote_problems) is not used: the
    paragraph stays as it was.

    >>> repair_quotes("forces\u201dmust carry out the plans approved\u201c, he said")
    'forces \u201cmust carry out the plans approved\u201d, he said'
    >>> repair_quotes("made \u201cheroes of russia for their role", (22,))
    'made \u201cheroes of russia\u201d for their role'
    >>> repair_quotes('"They saved many lives, "the president said.')
    '\u201cThey saved many lives,\u201d the president said.'
    """
    text = text.replace(OPEN_SLOT, "").replace(CLOSE_SLOT, "")
    text = INCH_MARK.sub("\u2033", text) if '"' in text else text
    marks = [m.start() for m in DOUBLE_QUOTE.finditer(text) if text[m.start()] != "\u2033"]
    if not marks:
        return text
    roles, unpaired = pair_quotes([quote_lean(text, p) for p in marks])
    inserts: list[tuple[int, str]] = []  # (offset, role) of quotes to add
    for index in unpaired:
        pos = marks[index]
        if roles[index] == "open":
            limit = marks[index + 1] if index + 1 < len(marks) else len(text)
            point = next((p for p in split_points if pos < p < limit), None)
            if point is None:
                # The quotation's own attribution ends it: "...a sports hall, he said."
                said = ATTRIBUTION.search(text, pos, limit)
                point = said.start() + 1 if said else None
            if point is not None:
                inserts.append((point, "close"))
        else:
            limit = marks[index - 1] if index else -1
            point = next((p for p in reversed(split_points) if limit < p < pos), None)
            if point is not None:
                inserts.append((point + 1, "open"))
    # Rebuild with placeholders, then set the spacing around each mark.
    events = sorted(
        [(p, 1, r) for p, r in zip(marks, roles)] + [(p, 0, r) for p, r in inserts]
    )
    out: list[str] = []
    last = 0
    for pos, replaces, role in events:
        out.append(text[last:pos])
        out.append(OPEN_SLOT if role == "open" else CLOSE_SLOT)
        last = pos + replaces
    out.append(text[last:])
    result = "".join(out)
    result = SPACE_BEFORE_OPEN.sub(" " + OPEN_SLOT, result)
    result = SPACE_AFTER_OPEN.sub(OPEN_SLOT, result)
    result = SPACE_BEFORE_CLOSE.sub(CLOSE_SLOT, result)
    result = WORD_AFTER_CLOSE.sub(CLOSE_SLOT + " ", result)
    result = result.replace(OPEN_SLOT, OPEN).replace(CLOSE_SLOT, CLOSE)
    return text if quote_problems(result) > quote_problems(text) else result


# Two marks in a row pointing the same way, or two straight ones touching.
DOUBLED_MARKS = re.compile("[\u201c\u201e\u00ab]\\s*[\u201c\u201e\u00ab]|[\u201d\u00bb]\\s*[\u201d\u00bb]|\"\"")
OPENING_MARKS = "\u201c\u201e\u00ab"
ANY_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
CLOSING_MARKS = "\u201d\u00bb"


def quote_problems(text: str) -> int:
    """Doubled marks plus marks out of turn: an opening mark while a
    quotation is open, a closing one while none is, an open one at the end.
    A straight mark takes whichever turn it comes in.

    >>> quote_problems("\u201cA\u201d said \u201cB\u201d"), quote_problems("\u201c\u201cA\u201d\u201d"), quote_problems('"A"')
    (0, 4, 0)
    """
    problems = len(DOUBLED_MARKS.findall(text))
    is_open = False
    for c in ANY_DOUBLE_MARK.findall(text):
        if c in OPENING_MARKS:
            problems += is_open
            is_open = True
        elif c in CLOSING_MARKS:
            problems += not is_open
            is_open = False
        elif c == '"':
            is_open = not is_open
    return problems + is_open


def curl_single_quotes(text: str) -> str:
    """Straight and odd single quotes -> ‘ and ’ (apostrophes are ’).

    >>> curl_single_quotes("It's the 'best' of the '90s")
    'It’s the ‘best’ of the ’90s'
    """
    if not SINGLE_QUOTES.search(text):
        return text

    def curl(match: re.Match) -> str:
        i = match.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = (before.isspace() or before in OPENING_CONTEXT or before in "\u201c") and (
            after.isalnum() and not ELISION.match(text, i + 1)
        )
        return "\u2018" if opening else "\u2019"

    return SINGLE_QUOTES.sub(curl, text)


def repair_text(text: str, lexicon: Lexicon | None) -> str:
    """All repairs of one paragraph, heading or headline, in order."""
    text, split_points = split_run_together(text, lexicon)
    text, spaced = space_after_punctuation(text)
    split_points = shift_offsets(split_points, spaced)
    text = repair_quotes(text, tuple(sorted(set(spaced) | set(split_points))))
    return curl_single_quotes(text)
