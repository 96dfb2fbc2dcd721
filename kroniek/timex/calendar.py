"""Calendar arithmetic against an article date, at the precision the article date has.

python-dateutil's relativedelta does the arithmetic (month ends, leap years, 'the last
Sunday on or before'); this module only decides which reference day to count from and at which
precision to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

PRECISIONS = ("decade", "year", "month", "day")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
_ARTICLE_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Reference:
    """The article date. `day` stands for it in arithmetic: the 15th when only the month is
    known, 1 July when only the year is; results are never more precise than `precision`."""

    day: date
    precision: str


def parse_reference(value: object) -> Reference | None:
    """'2020-08-20', '2020-08' or '2020' (a longer timestamp is cut); anything else is None."""
    if not isinstance(value, str):
        return None
    match = _ARTICLE_DATE.match(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return Reference(date(int(year), int(month), int(day)), "day")
        if month:
            return Reference(date(int(year), int(month), 15), "month")
        return Reference(date(int(year), 7, 1), "year")
    except ValueError:
        return None


def coarser(a: str, b: str) -> str:
    return a if _RANK[a] <= _RANK[b] else b


def finer_or_equal(a: str, b: str) -> bool:
    return _RANK[a] >= _RANK[b]


def one_step_coarser(precision: str) -> str:
    return PRECISIONS[max(_RANK[precision] - 1, 0)]


def format_value(day: date, precision: str) -> str:
    if precision == "decade":
        return f"{day.year // 10:03d}"
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def shift(day: date, unit: str, amount: float) -> date:
    """`day` moved by `amount` units (negative: back); half units are allowed (anderhalf)."""
    if unit == "hour":
        return day + timedelta(days=round(amount / 24))
    if unit == "day":
        return day + timedelta(days=round(amount))
    if unit == "week":
        return day + timedelta(days=round(amount * 7))
    if unit == "month":
        whole = int(amount)
        return day + relativedelta(months=whole, days=round((amount - whole) * 30))
    months = 120 if unit == "decade" else 12
    return day + relativedelta(months=round(amount * months))


def weekday_on_or_before(day: date, weekday: int) -> date:
    return day + relativedelta(weekday=_WEEKDAYS[weekday](-1))


def weekday_on_or_after(day: date, weekday: int) -> date:
    return day + relativedelta(weekday=_WEEKDAYS[weekday](+1))


def week_thursday(day: date) -> date:
    """The Thursday of `day`'s ISO week: the week belongs to that Thursday's month."""
    return day + timedelta(days=3 - day.weekday())


def nearest_year(month: int, day: int, reference: date, past_only: bool = False) -> date:
    """The date with that month and day closest to the article date, counting a day in the
    future as two in the past: news mostly reports what happened ('op 13 september'), but a
    deadline a few weeks ahead ('voor 1 december') keeps its year. `past_only` for what has
    begun already ('sinds december')."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        distance = (candidate - reference).days
        if past_only and distance > 0:
            continue
        candidates.append((2 * distance if distance > 0 else -distance, candidate))
    if not candidates:
        raise ValueError(f"no date with month {month} and day {day}")
    return min(candidates)[1]


def month_end(day: date) -> date:
    return day + relativedelta(day=31)
