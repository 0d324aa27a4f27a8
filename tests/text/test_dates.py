"""Story dates: file name, metadata, the news peg of the opening, file time.
Openings are written for these tests in the shapes real scraped and
machine-translated news takes (datelines, captions, history in the first
sentence); the corpora themselves stay outside the repository."""
from datetime import date, datetime

import pytest

from news_digest.text.dates import date_from_filename, date_from_metadata, find_article_date, news_peg

LATEST = date(2026, 11, 24)


@pytest.mark.parametrize(
    "title, opening, expected",
    [
        pytest.param("", "Putin ordered his forces on Monday July 4 to continue", date(2022, 7, 4),
                     id="weekday-decides-year"),
        pytest.param("", "The minister spoke on Monday, 4 July, after the fall of the city.", date(2022, 7, 4),
                     id="weekday-day-month"),
        pytest.param("", "In 2020 the league resumed on Monday July 6 behind closed doors.", date(2020, 7, 6),
                     id="a-2020-story-stays-in-2020"),
        pytest.param("", "The vote of 2018 was annulled; the rerun was held on Sunday March 3 in the capital.",
                     date(2019, 3, 3), id="weekday-year-after-the-latest-mentioned"),
        pytest.param("", "Talks resumed on Sunday November 29 after a break.", date(2020, 11, 29),
                     id="weekday-never-in-the-future"),
        pytest.param("", "The deal was signed on 12 January 2005 in London by both firms.", None,
                     id="a-date-with-its-year-in-prose-is-history"),
        pytest.param("", "The court ruled on Monday, July 4, 2022 that the ban stands.", date(2022, 7, 4),
                     id="a-weekday-date-with-its-year"),
        pytest.param("", "WASHINGTON, July 4, 2022 (Reuters) - Lawmakers returned early.", date(2022, 7, 4),
                     id="dateline"),
        pytest.param("Russia attacks energy sites again - DW - 09.02.2023", "Missiles hit three regions.",
                     date(2023, 2, 9), id="publication-date-in-the-headline"),
        pytest.param("", "Yesterday, Monday July 4, the court ruled against the ban.", date(2022, 7, 5),
                     id="yesterday-is-the-day-before-the-story"),
        pytest.param("", "The reserve, closed since August 23, 2013, has reopened to visitors.", None,
                     id="since-a-date-is-history"),
        pytest.param("", "He led the committee until 15 March 2002 and then left politics.", None,
                     id="until-a-date-is-history"),
        pytest.param("", "The governor speaks at a rally in Dallas, Texas, May 4, 2018.\nThe bill passed.", None,
                     id="a-photo-caption-ends-on-its-date"),
        pytest.param("", "Shares rose in 2023. The company was founded on 1 June 2001 in Oslo.", None,
                     id="a-date-before-a-year-the-story-mentions-is-history"),
        pytest.param("", "BEIJING, May 20 (Xinhua) -- The centre opened its doors.", None,
                     id="a-dateline-without-a-year-is-too-vague"),
        pytest.param("", "They met on 4 July to talk.", None, id="no-year-no-weekday-too-vague"),
        pytest.param("", "Sales will open on 1 January 2030 for everyone.", None, id="a-future-date"),
        pytest.param("", "The trial began on Monday July 5, 2022 in Kyiv.", None, id="weekday-contradicts-year"),
        pytest.param("", "They may 10 times more.", None, id="modal-verb-is-not-a-month"),
        pytest.param("", "No date at all.", None, id="no-date"),
    ],
)
def test_news_peg(title, opening, expected):
    assert news_peg(title, opening, LATEST) == expected


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


@pytest.mark.parametrize("value, expected", [
    ("2022-07-04", date(2022, 7, 4)),
    ("4 July 2022", date(2022, 7, 4)),
    ("Mon, 04 Jul 2022 10:00:00 +0000", date(2022, 7, 4)),
    ("sometime soon", None),
    ("2031-01-01", None),
])
def test_date_from_metadata(value, expected):
    assert date_from_metadata(value, LATEST) == expected


FILE_TIME = datetime(2026, 11, 24, 9, 30, 15)


@pytest.mark.parametrize(
    "name, text, metadata, expected, source",
    [
        pytest.param("2026-01-02-x.txt", "on Monday July 4", "2025-05-05", datetime(2026, 1, 2), "filename",
                     id="filename-first"),
        pytest.param("x.txt", "on Monday July 4", "2025-05-05", datetime(2025, 5, 5), "metadata",
                     id="metadata-before-text"),
        pytest.param("2027-01-02-x.txt", "on Monday July 4", "", datetime(2022, 7, 4), "text",
                     id="future-filename-ignored"),
        pytest.param("x.txt", "on Monday July 4", "", datetime(2022, 7, 4), "text", id="text-before-file-time"),
        pytest.param("x.txt", "no date", "", FILE_TIME, "file time", id="file-time-last"),
    ],
)
def test_find_article_date(name, text, metadata, expected, source):
    assert find_article_date(name, text, FILE_TIME, metadata=metadata) == (expected, source)
