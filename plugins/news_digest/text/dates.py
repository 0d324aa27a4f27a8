"""The date of an article: from its file name, its text, or its file time.

dateutil's fuzzy parser guesses a missing year as the current one and picks up
any number; news text needs the weekday rule below, so matching is ours.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime

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
WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
# "Monday July 4", "Monday, 4 July 2022", "July 4, 2022", "4 July 2022".
TEXT_DATE = re.compile(
    rf"\b(?:{WEEKDAY})?(?:{MONTH}\s+{DAY}|{DAY.replace('day>', 'day2>')}(?:\s+of)?\s+{MONTH.replace('month>', 'month2>')}){YEAR}\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
FILENAME_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)")


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


def year_for_weekday(month: int, day: int, weekday: int, latest: date) -> date | None:
    """The latest date not after `latest` that falls on month/day and weekday.

    >>> year_for_weekday(7, 4, 0, date(2026, 11, 24))  # Monday July 4
    datetime.date(2022, 7, 4)
    """
    # Weekdays repeat within 28 years (400 for 29 February).
    for year in range(latest.year, latest.year - 401, -1):
        found = safe_date(year, month, day)
        if found and found <= latest and found.weekday() == weekday:
            return found
    return None


MONTH_WORD = re.compile(r"\b[JFMASOND][a-z]{2,8}\b")


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


def date_from_text(text: str, latest: date) -> date | None:
    """The first date the text gives that is real and not after `latest`.

    A date with a weekday but no year takes the latest year in which it fell
    on that weekday. A date with neither is too vague to date a story.

    >>> date_from_text("Putin ordered on Monday July 4 that...", date(2026, 1, 1))
    datetime.date(2022, 7, 4)
    >>> date_from_text("due on 30 February 2022, or 3 March 2021", date(2026, 1, 1))
    datetime.date(2021, 3, 3)
    """
    candidates: list[tuple[int, date]] = []
    for match in ISO_DATE.finditer(text):
        found = safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if found and found <= latest:
            candidates.append((match.start(), found))
            break
    for match in text_dates(text):
        month = MONTHS[(match["month"] or match["month2"]).lower().rstrip(".")]
        day = int(match["day"] or match["day2"])
        weekday = WEEKDAYS[match["weekday"].lower().rstrip(".")] if match["weekday"] else None
        if match["year"]:
            found = safe_date(int(match["year"]), month, day)
            if found and weekday is not None and found.weekday() != weekday:
                found = None  # the text contradicts itself
        elif weekday is not None:
            found = year_for_weekday(month, day, weekday, latest)
        else:
            continue
        if found and found <= latest:
            candidates.append((match.start(), found))
            break
    return min(candidates)[1] if candidates else None


def find_article_date(filename: str, text: str, file_time: datetime) -> tuple[datetime, str]:
    """Return the article's date and where it came from.

    In order: a `YYYY-MM-DD` file-name prefix, a date in the text, the file's
    modification time. Never after the file's time.
    """
    latest = file_time.date()
    from_name = date_from_filename(filename)
    if from_name and from_name <= latest:
        return datetime.combine(from_name, datetime.min.time()), "filename"
    from_text = date_from_text(text, latest)
    if from_text:
        return datetime.combine(from_text, datetime.min.time()), "text"
    return file_time.replace(microsecond=0, tzinfo=None), "file time"
