"""From a recognised expression to a TIMEX3-style value against the article date.

Rules of thumb (the README in kroniek/data/timex says the same):
- relative expressions are never more precise than the article date;
- a weekday alone is the last such day on or before the article date; 'afgelopen zondag'
  is strictly before it, 'komende zondag' strictly after;
- a day and month without a year take the year that puts them nearest to the article date,
  a day ahead counting double;
- a week is reported as the month of its Thursday;
- a duration is reported as its start: 'al zes weken' counts back six weeks, at day
  precision; a vague one ('al maanden', 'wekenlang') counts back two units at one precision
  coarser ('al maanden' on 2020-08-20 is 2020).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kroniek.timex.calendar import (
    Reference,
    coarser,
    format_value,
    month_end,
    nearest_year,
    shift,
    week_thursday,
    weekday_on_or_after,
    weekday_on_or_before,
)
from kroniek.timex.grammar import requires_cue
from kroniek.timex.rules import Rules

_UNIT_PRECISION = {"hour": "day", "day": "day", "week": "day", "month": "month",
                   "year": "year", "decade": "year"}
_VAGUE_COUNT = 2  # 'weken' means at least two weeks
# and is known one step less precisely, never beyond the year: 'al jaren' is a year
_VAGUE_PRECISION = {"day": "month", "month": "year", "year": "year"}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Resolved:
    value: str
    precision: str
    kind: str
    day: date | None = None  # a representative day, for 'die dag' and 'drie dagen later'


IGNORED = Resolved("", "day", "ignored")


@dataclass(frozen=True)
class Context:
    rules: Rules
    reference: Reference | None
    anchor: Resolved | None  # the last dated expression before this one


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def _number(text: str | None, rules: Rules) -> float | None:
    """None for a vague quantity ('enkele') or no number at all."""
    if not text:
        return None
    word = _key(text)
    if word.isdigit():
        return float(word)
    if word in rules.numerals:
        return rules.numerals[word]
    for joiner in ("ën", "en"):
        ones, _, tens = word.partition(joiner)
        if ones in rules.numerals and tens in rules.numerals:
            first, second = rules.numerals[ones], rules.numerals[tens]
            if first is not None and second is not None:
                return first + second
    return None


def _dated(day: date, precision: str, kind: str) -> Resolved:
    return Resolved(format_value(day, precision), precision, kind, day)


def _relative(ctx: Context, day: date, precision: str, kind: str) -> Resolved:
    assert ctx.reference is not None
    return _dated(day, coarser(precision, ctx.reference.precision), kind)


def _kind(groups: dict[str, str | None], ctx: Context, default: str = "date") -> str:
    """'sinds maart' is the start of something still going on: a duration."""
    cue = _key(groups.get("cue") or "")
    return "duration" if groups.get("since") or cue in ctx.rules.since_words else default


def _count_back(match: re.Match[str], ctx: Context, kind: str) -> Resolved | None:
    """A number of units before the article date: 'twee weken geleden', 'al zes weken'."""
    if ctx.reference is None:
        return None
    groups = match.groupdict()
    word = groups.get("unit") or groups.get("compound") or ""
    unit, plural = ctx.rules.units[_key(word)]
    amount = _number(groups.get("number"), ctx.rules)
    precision = _UNIT_PRECISION[unit]
    if amount is None and (groups.get("number") or plural):
        amount, precision = _VAGUE_COUNT, _VAGUE_PRECISION[precision]
    elif amount is None:
        return None  # 'jaar geleden' with no number: not a Dutch time expression
    if amount > 5000:
        return None
    day = shift(ctx.reference.day, unit, -amount)
    return _relative(ctx, day, precision, kind)


def _year_of(groups: dict[str, str | None], ctx: Context) -> int | None:
    if groups.get("year"):
        return int(groups["year"] or 0)
    if groups.get("ryear") and ctx.reference is not None:
        modifier = _key(groups["ryear"] or "").split(" ")[0]
        return ctx.reference.day.year + ctx.rules.period_modifiers.get(modifier, 0)
    return None


def _day_month(match: re.Match[str], ctx: Context) -> Resolved | None:
    groups = match.groupdict()
    month = ctx.rules.months[_key(groups["month"] or "")]
    day_of_month = int(groups["day"] or 0)
    year = _year_of(groups, ctx)
    if year is not None:
        return _dated(date(year, month, day_of_month), "day", _kind(groups, ctx))
    if ctx.reference is None:
        return None
    kind = _kind(groups, ctx)
    day = nearest_year(month, day_of_month, ctx.reference.day, past_only=kind == "duration")
    return _dated(day, "day", kind)


def _month(match: re.Match[str], ctx: Context) -> Resolved | None:
    groups = match.groupdict()
    month = ctx.rules.months[_key(groups["month"] or "")]
    year = _year_of(groups, ctx)
    if year is not None:
        return _dated(date(year, month, 1), "month", _kind(groups, ctx))
    if ctx.reference is None or requires_cue(match):
        return None
    kind = _kind(groups, ctx)
    # a month has begun once its first day has passed
    first = nearest_year(month, 1, ctx.reference.day, past_only=kind == "duration")
    day = first if kind == "duration" else nearest_year(month, 15, ctx.reference.day)
    return _dated(day, "month", kind)


def _season(match: re.Match[str], ctx: Context) -> Resolved | None:
    groups = match.groupdict()
    first, last = ctx.rules.seasons[_key(groups["season"] or "")]
    year = _year_of(groups, ctx)
    if year is not None:
        return _dated(date(year, 7, 1), "year", _kind(groups, ctx))
    if ctx.reference is None:
        return None
    ref = ctx.reference.day
    spans = []
    for start_year in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1):
        start = date(start_year, first, 1)
        end = month_end(date(start_year + (1 if last < first else 0), last, 1))
        spans.append((start, end))
    modifier = groups.get("modifier")
    offset = ctx.rules.period_modifiers[_key(modifier)] if modifier else None
    if offset == -1:
        start, end = max((s for s in spans if s[1] < ref), key=lambda s: s[0])
    elif offset == 1:
        start, end = min((s for s in spans if s[0] > ref), key=lambda s: s[0])
    elif offset == 0:
        start, end = min((s for s in spans if s[1] >= ref), key=lambda s: s[0])
    else:
        # the nearest such season, one ahead counting double, as for months
        def distance(span: tuple[date, date]) -> int:
            days = (span[0] + timedelta(days=45) - ref).days
            return 2 * days if days > 0 else -days

        start, end = min(spans, key=distance)
    return _relative(ctx, end, "year", _kind(groups, ctx))


def _decade(match: re.Match[str], ctx: Context) -> Resolved | None:
    groups = match.groupdict()
    if groups.get("full"):
        value = (groups["full"] or "")[:3]
        return Resolved(value, "decade", _kind(groups, ctx), date(int(value) * 10, 1, 1))
    digit = (ctx.rules.decades[_key(groups["word"] or "")] if groups.get("word")
             else int((groups.get("digits") or "0")[0]))
    # the latest such decade that was over by the article year: 'jaren twintig' in 2026 is
    # the 1920s, 'jaren tien' in 2020 the 2010s
    year = ctx.reference.day.year if ctx.reference else 2000
    start = (year - 10) // 100 * 100 + digit * 10
    if start + 10 > year:
        start -= 100
    return Resolved(f"{start // 10:03d}", "decade", _kind(groups, ctx), date(start, 1, 1))


def _weekday(match: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.reference is None:
        return None
    groups = match.groupdict()
    word = _key(groups["weekday"] or "")
    weekday = next(n for w, n in ctx.rules.weekdays.items() if word.startswith(w))
    ref = ctx.reference.day
    modifier = groups.get("modifier")
    offset = ctx.rules.period_modifiers[_key(modifier)] if modifier else None
    if groups.get("weekmod"):
        if offset is not None:
            return None  # 'vorige volgende week maandag'
        week = ctx.rules.period_modifiers[_key(groups["weekmod"] or "")]
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=week)
        day = monday + timedelta(days=weekday)
    elif offset == -1 or groups.get("jl"):
        day = weekday_on_or_before(ref - timedelta(days=1), weekday)
    elif offset is not None:
        day = weekday_on_or_after(ref + timedelta(days=offset), weekday)
    else:
        day = weekday_on_or_before(ref, weekday)
    return _relative(ctx, day, "day", _kind(groups, ctx))


def _relative_period(match: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.reference is None:
        return None
    groups = match.groupdict()
    offset = ctx.rules.period_modifiers[_key(groups["modifier"] or "")]
    period = ctx.rules.periods[_key(groups["period"] or "")]
    ref = ctx.reference.day
    if period == "week":
        return _relative(ctx, week_thursday(ref + timedelta(weeks=offset)), "month",
                         _kind(groups, ctx))
    if period == "weekend":
        if offset < 0 or (offset == 0 and ref.weekday() >= 5):
            day = weekday_on_or_before(ref - timedelta(days=1), 5)
        else:
            day = weekday_on_or_after(ref + timedelta(days=max(offset, 0)), 5)
        return _relative(ctx, day, "day", _kind(groups, ctx))
    unit = "month" if period == "month" else "year"
    return _relative(ctx, shift(ref, unit, offset), unit, _kind(groups, ctx))


def _anaphora(match: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if anchor is None or anchor.day is None or anchor.precision == "decade":
        return None
    groups = match.groupdict()
    offset, kind = ctx.rules.anaphora[_key(groups["phrase"] or "")]
    day = anchor.day + timedelta(days=offset) if anchor.precision == "day" else anchor.day
    return _dated(day, anchor.precision, _kind(groups, ctx, kind))


def _later(match: re.Match[str], ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if anchor is None or anchor.day is None or anchor.precision == "decade":
        return None
    unit, _ = ctx.rules.units[_key(match.group("unit"))]
    amount = _number(match.group("number"), ctx.rules)
    if amount is None or amount > 5000:
        return None
    sign = -1 if _key(match.group("dir")) in ("eerder", "daarvoor", "ervoor") else 1
    day = shift(anchor.day, unit, sign * amount)
    return _dated(day, coarser(_UNIT_PRECISION[unit], anchor.precision), "date")


def _named_event(match: re.Match[str], ctx: Context) -> Resolved | None:
    value = ctx.rules.named_events[_key(match.group("event"))]
    kind = ctx.rules.anchor_cues[_key(match.group("cue"))]
    precision = {3: "decade", 4: "year", 7: "month"}.get(len(value), "day")
    if precision == "decade":
        return Resolved(value, precision, kind, date(int(value) * 10, 1, 1))
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return _dated(date(parts[0], parts[1], parts[2]), precision, kind)


def _set(match: re.Match[str], ctx: Context) -> Resolved | None:
    if ctx.reference is None:
        return None
    return Resolved(format_value(ctx.reference.day, ctx.reference.precision),
                    ctx.reference.precision, "set")


def resolve(name: str, match: re.Match[str], ctx: Context) -> Resolved | None:
    """The value of one match, or None when the article date is needed and missing, or the
    words do not make a real date. May raise ValueError or OverflowError on impossible
    dates ('31 februari'); the caller drops those."""
    groups = match.groupdict()
    rules = ctx.rules
    if name == "ignore":
        return IGNORED
    if name == "named_event":
        return _named_event(match, ctx)
    if name == "set":
        return _set(match, ctx)
    if name == "anaphora":
        return _anaphora(match, ctx)
    if name == "later":
        return _later(match, ctx)
    if name in ("before_that", "ago"):
        return _count_back(match, ctx, "date")
    if name in ("ongoing", "lasting", "past_stretch"):
        return _count_back(match, ctx, "duration")
    if name in ("iso_date", "numeric_date"):
        day = date(int(groups["year"] or 0), int(groups["month"] or 0), int(groups["day"] or 0))
        return _dated(day, "day", "date")
    if name == "day_month":
        return _day_month(match, ctx)
    if name in ("month_year", "month"):
        return _month(match, ctx)
    if name in ("year", "year_after_year"):
        return _dated(date(int(groups["year"] or 0), 7, 1), "year",
                      _kind(groups, ctx))
    if name == "season":
        return _season(match, ctx)
    if name == "decade":
        return _decade(match, ctx)
    if name == "relative_day":
        if ctx.reference is None:
            return None
        day = ctx.reference.day + timedelta(days=rules.relative_days[_key(groups["word"] or "")])
        return _relative(ctx, day, "day", _kind(groups, ctx))
    if name == "weekday":
        return _weekday(match, ctx)
    if name == "relative_period":
        return _relative_period(match, ctx)
    return None
