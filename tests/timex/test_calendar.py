"""Calendar arithmetic against the article date."""

from __future__ import annotations

from datetime import date

import pytest

from kroniek.timex.calendar import nearest_year, parse_reference, shift, week_thursday


@pytest.mark.parametrize(("value", "day", "precision"), [
    ("2020-08-20", date(2020, 8, 20), "day"),
    ("2020-08", date(2020, 8, 15), "month"),
    ("2020", date(2020, 7, 1), "year"),
    ("2020-08-20T10:00:00Z", date(2020, 8, 20), "day"),
])
def test_calendar_reference_stands_for_the_article_date(value: str, day: date,
                                                       precision: str) -> None:
    reference = parse_reference(value)
    assert reference is not None and (reference.day, reference.precision) == (day, precision)


@pytest.mark.parametrize("value", [None, "", "20-08-2020", "2021-02-29", 20200820])
def test_calendar_no_reference_from_a_bad_article_date(value: object) -> None:
    assert parse_reference(value) is None


def test_calendar_month_arithmetic_keeps_month_ends() -> None:
    assert shift(date(2020, 3, 31), "month", -1) == date(2020, 2, 29)


def test_calendar_week_belongs_to_its_thursday() -> None:
    assert week_thursday(date(2020, 8, 2)) == date(2020, 7, 30)


def test_calendar_day_without_year_a_deadline_ahead_stays_in_the_year() -> None:
    assert nearest_year(12, 1, date(2020, 11, 11)) == date(2020, 12, 1)


def test_calendar_day_without_year_after_the_article_date_is_last_year_when_far() -> None:
    assert nearest_year(12, 25, date(2020, 8, 20), past_only=True) == date(2019, 12, 25)
