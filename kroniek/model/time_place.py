"""When and where: normalised time expressions and resolved places."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeExpr:
    """A time expression, normalised TIMEX3-style. `value` is 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'
    or, for a decade, 'YYY'; `precision` says which (day, month, year, decade)."""

    start: int
    end: int
    text: str
    value: str
    precision: str
    kind: str = "date"  # date | duration | set


@dataclass(frozen=True)
class Place:
    name: str  # as written in the text
    resolved: str | None  # canonical English name
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # city | region | country
    start: int
    end: int
