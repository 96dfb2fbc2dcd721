"""The Dutch time-expression lexicons, read from kroniek/data/timex (see its README).

The grammar lives in kroniek.timex.recognise; every word it knows comes from these files, so
a new month abbreviation or a new named event is a line of data, not a code change.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kroniek.errors import DataFileError
from kroniek.model.dates import is_partial_date

_DECADE = re.compile(r"^\d{3}$")
UNITS = ("hour", "day", "week", "month", "year", "decade")
PERIODS = ("week", "month", "year", "weekend")
PARTS = ("begin", "middle", "end")
KINDS = ("date", "duration")


@dataclass(frozen=True)
class Rules:
    months: dict[str, int]
    weekdays: dict[str, int]  # 0 = maandag, as datetime.date.weekday()
    day_parts: tuple[str, ...]
    numerals: dict[str, float | None]  # None: a vague quantity ('enkele', 'een paar')
    units: dict[str, tuple[str, bool]]  # word -> (unit, plural)
    relative_days: dict[str, int]
    period_modifiers: dict[str, int]
    periods: dict[str, str]
    seasons: dict[str, tuple[int, int]]
    period_parts: dict[str, str]
    decades: dict[str, int]
    cues: tuple[str, ...]
    since_words: tuple[str, ...]
    anchor_cues: dict[str, str]
    named_events: dict[str, str]
    anaphora: dict[str, tuple[int, str]]
    set_words: tuple[str, ...]
    ignore: tuple[str, ...]


def timex_data_dir() -> Path:
    return Path(str(resources.files("kroniek") / "data" / "timex"))


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; the header must be exactly `columns`."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise DataFileError(f"cannot read: {error.strerror}", str(path)) from error
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != columns:
            raise DataFileError(f"header must be {' '.join(columns)}", str(path), 1)
        rows = []
        for number, row in enumerate(reader, start=2):
            if not row or all(not c.strip() for c in row) or row[0].startswith("#"):
                continue
            if len(row) != len(columns):
                raise DataFileError(f"{len(row)} columns, expected {len(columns)}",
                                    str(path), number)
            values = {k: v.strip() for k, v in zip(columns, row, strict=True)}
            if not values[columns[0]]:
                raise DataFileError(f"empty {columns[0]}", str(path), number)
            values[columns[0]] = values[columns[0]].lower()
            rows.append((number, values))
        return rows


def _int(value: str, low: int, high: int, path: Path, line: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise DataFileError(f"{value!r} is not a whole number", str(path), line) from None
    if not low <= number <= high:
        raise DataFileError(f"{number} is not between {low} and {high}", str(path), line)
    return number


def _choice(value: str, allowed: tuple[str, ...], path: Path, line: int) -> str:
    if value not in allowed:
        raise DataFileError(f"{value!r} is not one of {', '.join(allowed)}", str(path), line)
    return value


def _words(path: Path) -> tuple[str, ...]:
    return tuple(row["word"] for _, row in _rows(path, ("word",)))


def _numeral(value: str, path: Path, line: int) -> float | None:
    if value == "few":
        return None
    try:
        return float(value)
    except ValueError:
        raise DataFileError(f"{value!r} is neither a number nor 'few'", str(path), line) from None


def _event_value(value: str, path: Path, line: int) -> str:
    if not (is_partial_date(value) or _DECADE.match(value)):
        raise DataFileError(f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or a decade YYY",
                            str(path), line)
    return value


def load_rules(folder: Path | None = None) -> Rules:
    """Read every lexicon; a malformed line raises DataFileError naming file and line."""
    d = folder or timex_data_dir()
    units = {}
    for line, row in _rows(d / "units.tsv", ("word", "unit", "number")):
        unit = _choice(row["unit"], UNITS, d / "units.tsv", line)
        number = _choice(row["number"], ("one", "many"), d / "units.tsv", line)
        units[row["word"]] = (unit, number == "many")
    return Rules(
        months={r["word"]: _int(r["month"], 1, 12, d / "months.tsv", n)
                for n, r in _rows(d / "months.tsv", ("word", "month"))},
        weekdays={r["word"]: _int(r["weekday"], 0, 6, d / "weekdays.tsv", n)
                  for n, r in _rows(d / "weekdays.tsv", ("word", "weekday"))},
        day_parts=_words(d / "day_parts.tsv"),
        numerals={r["word"]: _numeral(r["value"], d / "numerals.tsv", n)
                  for n, r in _rows(d / "numerals.tsv", ("word", "value"))},
        units=units,
        relative_days={r["word"]: _int(r["offset"], -7, 7, d / "relative_days.tsv", n)
                       for n, r in _rows(d / "relative_days.tsv", ("word", "offset"))},
        period_modifiers={
            r["word"]: _int(r["offset"], -1, 1, d / "period_modifiers.tsv", n)
            for n, r in _rows(d / "period_modifiers.tsv", ("word", "offset"))},
        periods={r["word"]: _choice(r["period"], PERIODS, d / "periods.tsv", n)
                 for n, r in _rows(d / "periods.tsv", ("word", "period"))},
        seasons={r["word"]: (_int(r["first_month"], 1, 12, d / "seasons.tsv", n),
                             _int(r["last_month"], 1, 12, d / "seasons.tsv", n))
                 for n, r in _rows(d / "seasons.tsv", ("word", "first_month", "last_month"))},
        period_parts={r["word"]: _choice(r["part"], PARTS, d / "period_parts.tsv", n)
                      for n, r in _rows(d / "period_parts.tsv", ("word", "part"))},
        decades={r["word"]: _int(r["digit"], 0, 9, d / "decades.tsv", n)
                 for n, r in _rows(d / "decades.tsv", ("word", "digit"))},
        cues=_words(d / "cues.tsv"),
        since_words=_words(d / "since_words.tsv"),
        anchor_cues={r["word"]: _choice(r["kind"], KINDS, d / "anchor_cues.tsv", n)
                     for n, r in _rows(d / "anchor_cues.tsv", ("word", "kind"))},
        named_events={r["phrase"]: _event_value(r["value"], d / "named_events.tsv", n)
                      for n, r in _rows(d / "named_events.tsv", ("phrase", "value"))},
        anaphora={r["phrase"]: (_int(r["offset"], -7, 7, d / "anaphora.tsv", n),
                                _choice(r["kind"], KINDS, d / "anaphora.tsv", n))
                  for n, r in _rows(d / "anaphora.tsv", ("phrase", "offset", "kind"))},
        set_words=_words(d / "set_words.tsv"),
        ignore=tuple(r["phrase"] for _, r in _rows(d / "ignore.tsv", ("phrase",))),
    )


@cache
def default_rules() -> Rules:
    return load_rules()
