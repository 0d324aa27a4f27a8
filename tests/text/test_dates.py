"""Article dates: file name, then text (weekday rule), then file time."""
from datetime import date, datetime

import pytest

from news_digest.text.dates import date_from_filename, date_from_text, find_article_date

LATEST = date(2026, 11, 24)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("ordered his forces on Monday July 4 to continue", date(2022, 7, 4), id="weekday-decides-year"),
        pytest.param("on Monday, 4 July, he said", date(2022, 7, 4), id="weekday-day-month"),
        pytest.param("on Tuesday March 3 in Santiago", date(2026, 3, 3), id="weekday-this-year"),
        pytest.param("on Sunday November 29 there", date(2020, 11, 29), id="weekday-never-in-the-future"),
        pytest.param("on Thursday February 29", date(2024, 2, 29), id="leap-day-weekday"),
        pytest.param("signed on 12 January 2005 in London", date(2005, 1, 12), id="day-month-year"),
        pytest.param("signed on January 12, 2005 in London", date(2005, 1, 12), id="month-day-comma-year"),
        pytest.param("published 2021-05-06 by", date(2021, 5, 6), id="iso-date"),
        pytest.param("due on 30 February 2022 or 3 March 2021", date(2021, 3, 3), id="impossible-date-skipped"),
        pytest.param("will open on 1 January 2030 or 2 May 2020", date(2020, 5, 2), id="future-date-skipped"),
        pytest.param("on Monday July 5, 2022 it rained", None, id="weekday-contradicts-year"),
        pytest.param("on 4 July they met", None, id="no-year-no-weekday-too-vague"),
        pytest.param("in March 2005 sales rose", None, id="month-and-year-only"),
        pytest.param("They may 10 times more", None, id="modal-verb-is-not-a-month"),
        pytest.param("no date at all", None, id="no-date"),
    ],
)
def test_date_from_text(text, expected):
    assert date_from_text(text, LATEST) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        pytest.param("2022-07-04-putin.txt", date(2022, 7, 4), id="prefix"),
        pytest.param("2022-02-30-x.txt", None, id="impossible"),
        pytest.param("putin-2022-07-04.txt", None, id="not-a-prefix"),
    ],
)
def test_date_from_filename(name, expected):
    assert date_from_filename(name) == expected


FILE_TIME = datetime(2026, 11, 24, 9, 30, 15)


@pytest.mark.parametrize(
    "name, text, expected, source",
    [
        pytest.param("2026-01-02-x.txt", "on Monday July 4", datetime(2026, 1, 2), "filename", id="filename-beats-text"),
        pytest.param("2027-01-02-x.txt", "on Monday July 4", datetime(2022, 7, 4), "text", id="future-filename-ignored"),
        pytest.param("x.txt", "on Monday July 4", datetime(2022, 7, 4), "text", id="text-beats-file-time"),
        pytest.param("x.txt", "no date", FILE_TIME, "file time", id="file-time-last"),
    ],
)
def test_find_article_date(name, text, expected, source):
    assert find_article_date(name, text, FILE_TIME) == (expected, source)
