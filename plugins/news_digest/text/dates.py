"""The date of a story: from its file name, its metadata, the news peg in its
opening, or its file time.

A story mentions many dates; most are history ("since August 23, 2013",
"until 15 March 2002"). Only a date the opening gives as the news peg dates
the story: a dateline ("BEIJING, May 20 (Xinhua) -"), a publication date in
the headline ("- DW - 09.02.2023"), a date the opening says something
happened on ("on Monday July 4", "yesterday, July 4"). dateutil's fuzzy
parser picks up any number and guesses a missing year as the current one, so
the matching is ours; dateutil reads the metadata's dates.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
WEEKDAYS = {
    name.lower(): number
    for number in range(7)
    for name in (calendar.day_name[number], calendar.day_abbr[number])
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+(?:the\s+)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
# "Monday July 4", "Monday, 4 July 2022", "July 4, 2022", "4 July 2022".
TEXT_DATE = re.compile(
    rf"\b(?:{WEEKDAY})?(?:{MONTH}\s+{DAY}|{DAY.replace('day>', 'day2>')}(?:\s+of)?\s+{MONTH.replace('month>', 'month2>')}){YEAR}\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# "09.02.2023", as European sites date their pages.
DOTTED_DATE = re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")
FILENAME_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)")
MENTIONED_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
MONTH_WORD = re.compile(r"\b[JFMASOND][a-z]{2,8}\b")
# How far into a story its news peg may stand.
OPENING_CHARS = 400
# A dateline: a place or agency (capitalised words), the date, then "(",
# "-", ":" or ",": "WASHINGTON, July 4, 2022 (Reuters) -".
DATELINE_LEAD = re.compile(r"^(?:[A-Z][\w.'\u2019/&-]*(?:\s+[A-Z][\w.'\u2019/&-]*)*,\s*)*$")
DATELINE_END = re.compile(r"\s*(?:\(|[-\u2013\u2014:,])")
# What stands right before a date that says something happened then.
PEG_BEFORE = re.compile(r"(?:\b(?:on|dated|published|updated)|^|[,(])\s*$", re.IGNORECASE)
# A date that ends its sentence, as a photo caption's does ("..., December 5, 2020.",
# "..., Aug. 3, 2021, left,"); a news peg is followed by what happened.
CAPTION_END = re.compile(r"(?:,\s*(?:left|right|center|centre|top|bottom))?\s*\.(?:\s*$|\s+[A-Z(\u201c\"])")
YESTERDAY_BEFORE = re.compile(r"\byesterday\b[\s,(]*$", re.IGNORECASE)


def safe_date(year: int, month: int, day: int) -> date | None:
    """A real calendar date, or None ("February 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_from_filename(name: str) -> date | None:
    """A `YYYY-MM-DD` prefix of the file name.

    >>> date_from_filename("2022-07-04-putin.txt")
    datetime.date(2022, 7, 4)
    >>> date_from_filename("2022-02-30-x.txt") is None
    True
    """
    match = FILENAME_DATE.match(name)
    if not match:
        return None
    return safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


def date_from_metadata(value: str, latest: date) -> date | None:
    """A date written in the story's metadata ("Date: 4 July 2022"), read
    by dateutil; None if it is no date or after `latest`.

    >>> date_from_metadata("Mon, 04 Jul 2022 10:00:00 +0000", date(2026, 1, 1))
    datetime.date(2022, 7, 4)
    """
    from dateutil import parser

    try:
        found = parser.parse(value, default=datetime(1, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    return found if date(1900, 1, 1) <= found <= latest else None


def year_for_weekday(month: int, day: int, weekday: int, latest: date, after_year: int | None = None) -> date | None:
    """The date on month/day that falls on `weekday`: the first from
    `after_year` on (the latest year the story mentions), else the last not
    after `latest`; never after `latest`.

    >>> year_for_weekday(7, 4, 0, date(2026, 11, 24))  # Monday July 4
    datetime.date(2022, 7, 4)
    >>> year_for_weekday(7, 6, 0, date(2026, 11, 24), after_year=2020)  # a 2020 story stays in 2020
    datetime.date(2020, 7, 6)
    """
    if after_year is not None:
        for year in range(after_year, latest.year + 1):
            found = safe_date(year, month, day)
            if found and found <= latest and found.weekday() == weekday:
                return found
    # Weekdays repeat within 28 years (400 for 29 February).
    for year in range(latest.year, latest.year - 401, -1):
        found = safe_date(year, month, day)
        if found and found <= latest and found.weekday() == weekday:
            return found
    return None


def text_dates(text: str):
    """TEXT_DATE matches, searched only around month names: running the full
    pattern at every offset of a long story is slow."""
    searched_to = 0
    for month in MONTH_WORD.finditer(text):
        if month.group().lower() not in MONTHS or month.start() < searched_to:
            continue
        match = TEXT_DATE.search(text, max(searched_to, month.start() - 16), month.end() + 12)
        if match:
            searched_to = match.end()
            yield match


def latest_year_mentioned(text: str, latest: date) -> int | None:
    """The latest year the story mentions, not after `latest`'s year."""
    years = [int(y) for y in MENTIONED_YEAR.findall(text) if int(y) <= latest.year]
    return max(years) if years else None


def resolve(match: re.Match, latest: date, story_year: int | None) -> date | None:
    """The date a TEXT_DATE match names: its year if it has one (checked
    against its weekday), else the year its weekday fits (year_for_weekday).
    None if that is not a real date, is after `latest`, or nothing settles
    the year."""
    month = MONTHS[(match["month"] or match["month2"]).lower().rstrip(".")]
    day = int(match["day"] or match["day2"])
    weekday = WEEKDAYS[match["weekday"].lower().rstrip(".")] if match["weekday"] else None
    if match["year"]:
        found = safe_date(int(match["year"]), month, day)
        if found and weekday is not None and found.weekday() != weekday:
            return None  # the text contradicts itself
    elif weekday is not None:
        found = year_for_weekday(month, day, weekday, latest, story_year)
    else:
        # "4 July", "Nov 21 (Reuters)": the years a story mentions are too
        # often others (a contract until 2024, a law of 1973) to settle it.
        return None
    return found if found and found <= latest else None


def news_peg(title: str, text: str, latest: date) -> date | None:
    """The date the story's opening gives as its news peg, or None.

    >>> news_peg("", "BEIJING, May 20, 2021 (Xinhua) -- The centre opened.", date(2026, 1, 1))
    datetime.date(2021, 5, 20)
    >>> news_peg("", "The park, closed since August 23, 2013, reopened on Monday July 4 to all.", date(2026, 1, 1))
    datetime.date(2016, 7, 4)
    >>> news_peg("", "He has led the party since 15 March 2002.", date(2026, 1, 1)) is None
    True
    """
    headline = DOTTED_DATE.search(title) or ISO_DATE.search(title)
    if headline:
        found = safe_date(int(headline["year"]), int(headline["month"]), int(headline["day"]))
        if found and found <= latest:
            return found
    opening = text[:OPENING_CHARS]
    story_year = latest_year_mentioned(text, latest)
    for match in text_dates(opening):
        before = opening[max(0, match.start() - 24):match.start()]
        dateline = DATELINE_LEAD.match(opening[:match.start()]) and DATELINE_END.match(opening, match.end())
        if not (dateline or PEG_BEFORE.search(before) or match["weekday"]):
            continue  # history: "since August 23, 2013", "until 15 March 2002"
        if not dateline and match["year"] and not match["weekday"]:
            continue  # news writes its peg without the year, history with it: "on Sept. 11, 2012"
        if CAPTION_END.match(opening, match.end()):
            continue  # a photo's caption ends on its date: "... in Reno, Nev., on Nov. 5, 2016."
        found = resolve(match, latest, story_year)
        # A date in a year before one the story mentions is history too.
        if found and (story_year is None or found.year >= story_year):
            return found + timedelta(days=1) if YESTERDAY_BEFORE.search(before) else found
    for match in ISO_DATE.finditer(opening):
        if PEG_BEFORE.search(opening[max(0, match.start() - 24):match.start()]):
            found = safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if found and found <= latest and (story_year is None or found.year >= story_year):
                return found
    return None


def find_article_date(
    filename: str, text: str, file_time: datetime, title: str = "", metadata: str = ""
) -> tuple[datetime, str]:
    """Return the story's date and where it came from, in this order: a
    `YYYY-MM-DD` file-name prefix, a date in its metadata, the news peg of
    its opening (news_peg), its file's modification time. Never after the
    file's time."""
    latest = file_time.date()
    from_name = date_from_filename(filename)
    if from_name and from_name <= latest:
        return datetime.combine(from_name, datetime.min.time()), "filename"
    from_metadata = date_from_metadata(metadata, latest) if metadata else None
    if from_metadata:
        return datetime.combine(from_metadata, datetime.min.time()), "metadata"
    from_text = news_peg(title, text, latest)
    if from_text:
        return datetime.combine(from_text, datetime.min.time()), "text"
    return file_time.replace(microsecond=0, tzinfo=None), "file time"
