"""Event filters as parameterised SQL, shared by the web API, the exports and the CLI.

The only text spliced into the SQL is column names chosen here; every value is a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kroniek.errors import StoreError

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# The event's date: its own, or the article's when the text gave none.
EVENT_DATE = "coalesce(e.date, a.date)"


class BadFilter(StoreError):
    """A filter value that cannot mean anything (a malformed date); names the filter."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"{name}: {message}")


def check_date(name: str, value: str) -> str:
    """The value when it is a real date of the form YYYY[-MM[-DD]], else BadFilter."""
    found = _DATE.fullmatch(value)
    if not found:
        raise BadFilter(name, f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = found.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise BadFilter(name, f"{value!r} is not a date on the calendar ({exc})") from None
    return value


# An event whose rule carries an implicit-target rule id got its target from that rule.
INFERRED_TARGET_EXCLUDED = "NOT contains(e.rule, '+implicit.')"


@dataclass(frozen=True)
class EventFilters:
    """Filters over events; every field is optional and they combine with AND.

    actor: substring of a source or target actor's name, id or code ('RUSGOV').
    country / sector: of the source or the target. dyad: 'SRC-TGT', each side a country, a
    code or an actor id. since / until: event date, inclusive, at any precision. place:
    substring of the place as written or resolved, or its country. q: words in the sentence.
    inferred_targets: False leaves out events whose target a rule inferred (rule
    'pattern+implicit....') rather than the sentence naming it.
    """

    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    dyad: str | None = None
    type: str | None = None
    quad_class: str | None = None
    factuality: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    q: str | None = None
    article_id: str | None = None
    inferred_targets: bool = True


@dataclass
class _Sql:
    where: list[str] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)

    def add(self, condition: str, **params: object) -> None:
        self.where.append(condition)
        self.params.update(params)

    def clause(self) -> str:
        return " WHERE " + " AND ".join(self.where) if self.where else ""


def _code(side: str) -> str:
    """SQL for an actor slot's code, country plus sector ('RUSGOV')."""
    return f"coalesce(e.{side}_country, '') || coalesce(e.{side}_sector, '')"


def _side_is(side: str, param: str) -> str:
    """SQL: this actor slot is the parameter, as a country, a code or an actor id."""
    return (f"(e.{side}_country = upper(${param}) OR {_code(side)} = upper(${param}) "
            f"OR e.{side}_actor_id = ${param})")


def filter_sql(filters: EventFilters) -> tuple[str, dict[str, object]]:
    """A WHERE clause over `events e JOIN articles a LEFT JOIN sentences s`, with parameters."""
    sql = _Sql()
    if filters.actor:
        columns = [f"lower(coalesce({c}, ''))" for side in ("source", "target")
                   for c in (f"e.{side}_name", f"e.{side}_actor_id", _code(side))]
        sql.add("(" + " OR ".join(f"contains({c}, $actor)" for c in columns) + ")",
                actor=filters.actor.lower())
    if filters.country:
        sql.add("(e.source_country = $country OR e.target_country = $country)",
                country=filters.country.upper())
    if filters.sector:
        sql.add("(e.source_sector = $sector OR e.target_sector = $sector)",
                sector=filters.sector.upper())
    if filters.source_country:
        sql.add("e.source_country = $source_country",
                source_country=filters.source_country.upper())
    if filters.target_country:
        sql.add("e.target_country = $target_country",
                target_country=filters.target_country.upper())
    if filters.dyad:
        _dyad(sql, filters.dyad)
    if filters.type:
        sql.add("upper(e.type) = $type", type=filters.type.upper())
    if filters.quad_class:
        sql.add("(e.quad_class = $quad OR CAST(e.quad_code AS TEXT) = $quad)",
                quad=filters.quad_class.lower())
    if filters.factuality:
        sql.add("e.factuality = $factuality", factuality=filters.factuality.lower())
    # A date is an interval at its precision ('2014' is all of 2014): compare both sides cut to
    # the shorter of the two, which keeps every event whose interval meets [since, until].
    for name, op in (("since", ">="), ("until", "<=")):
        value = getattr(filters, name)
        if value:
            n = f"least(length({EVENT_DATE}), length(${name}))"
            sql.add(f"left({EVENT_DATE}, {n}) {op} left(${name}, {n})",
                    **{name: check_date(name, value)})
    if filters.place:
        columns = ("e.place_name", "e.place_resolved", "e.place_country")
        sql.add("(" + " OR ".join(f"contains(lower(coalesce({c}, '')), $place)"
                                  for c in columns) + ")", place=filters.place.lower())
    if filters.q:
        sql.add("contains(lower(coalesce(s.text, '')), $q)", q=filters.q.lower())
    if filters.article_id:
        sql.add("e.article_id = $article_id", article_id=filters.article_id)
    if not filters.inferred_targets:
        sql.add(INFERRED_TARGET_EXCLUDED)
    return sql.clause(), sql.params


def _dyad(sql: _Sql, dyad: str) -> None:
    # Actor ids hold hyphens ('ruud-lubbers'), so every hyphen is tried as the divider.
    cuts = [i for i, ch in enumerate(dyad) if ch == "-" and 0 < i < len(dyad) - 1]
    if not cuts:
        raise BadFilter("dyad", f"{dyad!r} is not of the form SOURCE-TARGET (e.g. RUS-UKR)")
    options = []
    for n, i in enumerate(cuts):
        options.append(f"({_side_is('source', f'dyad_s{n}')} AND "
                       f"{_side_is('target', f'dyad_t{n}')})")
        sql.params[f"dyad_s{n}"] = dyad[:i]
        sql.params[f"dyad_t{n}"] = dyad[i + 1:]
    sql.where.append("(" + " OR ".join(options) + ")")
