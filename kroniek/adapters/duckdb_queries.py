"""The read side of the DuckDB store, for the web API and the exports.

Every read opens its own read-only connection and closes it at once: DuckDB lets one process
write a file, and while any other process holds it open (even read-only) the writer cannot
take it. `kroniek run` holds its connection only while it commits a batch, so a reader that
finds the file locked waits a little and tries again before giving up with `StoreBusy`.

A path with no database yet, or a database kroniek never migrated, reads as an empty store:
a dashboard started before the first run shows nothing rather than an error.

All SQL is parameterised; the only text spliced into it is column names chosen here.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from kroniek.adapters import duckdb_schema as schema
from kroniek.errors import StoreError

Row = dict[str, Any]

# How long a reader waits for a writer to let go of the file, in total, and its first pause.
LOCK_WAIT_SECONDS = 10.0
FIRST_PAUSE_SECONDS = 0.05

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# The event's date: its own, or the article's when the text gave none.
EVENT_DATE = "coalesce(e.date, a.date)"


class StoreBusy(StoreError):
    """The database stayed locked by a writer for longer than a reader waits."""


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


@dataclass(frozen=True)
class EventFilters:
    """Filters over events; every field is optional and they combine with AND.

    actor: substring of a source or target actor's name, id or code ('RUSGOV').
    country / sector: of the source or the target. dyad: 'SRC-TGT', each side a country, a
    code or an actor id. since / until: event date, inclusive, at any precision. place:
    substring of the place as written or resolved, or its country. q: words in the sentence.
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


# -- opening ------------------------------------------------------------------------------------


class Reader:
    """One short-lived read-only connection, and which of kroniek's tables the file holds."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None, path: Path) -> None:
        self.con = con
        self.path = path
        self.tables: frozenset[str] = frozenset()
        if con is not None:
            self.tables = frozenset(r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall())

    def has(self, *tables: str) -> bool:
        return self.con is not None and all(t in self.tables for t in tables)

    def rows(self, sql: str, params: dict[str, object] | list[object] | None = None) -> list[Row]:
        assert self.con is not None
        cursor = self.con.execute(sql, params or [])
        names = ["end" if d[0] == "end_" else d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def value(self, sql: str, params: dict[str, object] | list[object] | None = None) -> Any:
        assert self.con is not None
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text


@contextmanager
def open_reader(path: Path, lock_wait: float = LOCK_WAIT_SECONDS) -> Iterator[Reader]:
    """A read-only Reader on the file, closed on exit; an empty Reader when there is no file.

    A lock held by a writer is waited out with growing pauses up to `lock_wait` seconds in all;
    after that StoreBusy. Any other failure to open is StoreError.
    """
    path = Path(path)
    if not path.exists():
        yield Reader(None, path)
        return
    deadline = time.monotonic() + lock_wait
    pause = FIRST_PAUSE_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            break
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusy(
                    f"database {path} is being written by another process (kroniek run?) and "
                    f"stayed locked for {lock_wait:g} s; try again in a moment"
                ) from exc
            time.sleep(min(pause, left))
            pause = min(pause * 2, 1.0)
    try:
        try:
            reader = Reader(con, path)
            version = schema.current_version(con)
        except duckdb.Error as exc:
            raise StoreError(f"cannot read database {path}: {exc}") from exc
        if version > schema.latest_version():
            raise StoreError(f"database {path} has schema version {version}, newer than this "
                             f"kroniek knows ({schema.latest_version()}); upgrade kroniek")
        try:
            yield reader
        except duckdb.Error as exc:
            raise StoreError(f"cannot read database {path}: {exc}") from exc
    finally:
        con.close()


# -- events -------------------------------------------------------------------------------------

_EVENT_FROM = (
    " FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
)
_EVENT_ORDER = f" ORDER BY {EVENT_DATE} NULLS LAST, e.article_id, e.idx"
# One row per cluster of events that report the same happening (kroniek.dedup): the cluster's
# canonical event. Filters apply to that event.
_CLUSTER_FROM = (
    " FROM event_clusters c JOIN events e ON e.event_id = c.canonical_event_id "
    "JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
)
_CLUSTER_ORDER = f" ORDER BY {EVENT_DATE} NULLS LAST, c.mentions DESC, c.id"
_CLUSTER_COLUMNS = ("c.id AS cluster_id, c.mentions AS cluster_mentions, "
                    "c.articles AS cluster_articles, c.sources AS cluster_sources")


def has_clusters(reader: Reader) -> bool:
    """True when the store groups its events into clusters (schema version 3 on)."""
    return reader.has("event_clusters", "event_cluster_members")


def event_source(reader: Reader, per_cluster: bool = False) -> tuple[str, str, str]:
    """FROM clause, cluster columns and ORDER BY for reading events, or one per cluster.

    Per cluster on a store without clusters is BadFilter: there is nothing to group by.
    """
    if per_cluster:
        if not has_clusters(reader):
            raise BadFilter("per", f"database {reader.path} has no event clusters; open it once "
                            "for writing (kroniek run) to cluster its events")
        return _CLUSTER_FROM, _CLUSTER_COLUMNS, _CLUSTER_ORDER
    if has_clusters(reader):
        return (_EVENT_FROM + " LEFT JOIN event_cluster_members m ON m.event_id = e.event_id",
                "m.cluster_id", _EVENT_ORDER)
    return _EVENT_FROM, "NULL AS cluster_id", _EVENT_ORDER


def _actor(row: Row, side: str) -> Row | None:
    if row[f"{side}_actor_id"] is None and row[f"{side}_text"] is None:
        return None
    return {
        "actor_id": row[f"{side}_actor_id"],
        "name": row[f"{side}_name"],
        "country": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        "code": ((row[f"{side}_country"] or "") + (row[f"{side}_sector"] or "")) or None,
        "text": row[f"{side}_text"],
        "start": row[f"{side}_start"],
        "end": row[f"{side}_end"],
    }


def event_item(row: Row) -> Row:
    """A flat event row (events.* with sentence and article columns) as the API shows it."""
    place = None
    if row["place_name"] is not None or row["place_resolved"] is not None:
        place = {"name": row["place_name"], "resolved": row["place_resolved"],
                 "country": row["place_country"], "lat": row["lat"], "lon": row["lon"],
                 "precision": row["place_precision"]}
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "article_date": row["article_date"],
        "article_title": row["article_title"],
        "idx": row["idx"],
        "sentence": row["sentence"],
        "sentence_text": row["sentence_text"],
        "sentence_start": row["sentence_start"],
        "type": row["type"],
        "mode": row["mode"],
        "quad_code": row["quad_code"],
        "quad_class": row["quad_class"],
        "score": row["score"],
        "cameo_root": row["cameo_root"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"],
                    "end": row["trigger_end"]},
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "date": row["event_date"],
        "date_precision": row["date_precision"],
        "date_source": row["date_source"],
        "place": place,
        "factuality": row["factuality"],
        "historical": row["historical"],
        "rule": row["rule"],
        "confidence": row["confidence"],
        "cluster_id": row["cluster_id"],
        **cluster_fields(row),
    }


def cluster_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The nested `cluster` record of a per-cluster row; nothing for a per-event row."""
    if "cluster_mentions" not in row:
        return {}
    return {"cluster": {"id": row["cluster_id"], "mentions": row["cluster_mentions"],
                        "articles": row["cluster_articles"], "sources": row["cluster_sources"]}}


def event_rows(reader: Reader, filters: EventFilters, limit: int | None = None,
               offset: int = 0, per_cluster: bool = False) -> list[Row]:
    """Flat event rows in date order: events.* plus event_date (own or article date),
    article_date, article_title, sentence_text, sentence_start and cluster_id; per cluster
    its canonical event and cluster_mentions, cluster_articles, cluster_sources."""
    where, params = filter_sql(filters)
    if not reader.has("events", "articles", "sentences"):
        return []
    source, cluster_columns, order = event_source(reader, per_cluster)
    sql = (f"SELECT e.*, {EVENT_DATE} AS event_date, a.date AS article_date, "
           "a.title AS article_title, s.text AS sentence_text, s.start AS sentence_start, "
           + cluster_columns + source + where + order)
    if limit is not None:
        sql += " LIMIT $limit OFFSET $offset"
        params.update(limit=limit, offset=offset)
    return reader.rows(sql, params)


def count_events(reader: Reader, filters: EventFilters, per_cluster: bool = False) -> int:
    where, params = filter_sql(filters)
    if not reader.has("events", "articles", "sentences"):
        return 0
    source = event_source(reader, per_cluster)[0]
    return int(reader.value("SELECT count(*)" + source + where, params) or 0)


def events(reader: Reader, filters: EventFilters, limit: int, offset: int,
           per_cluster: bool = False) -> Row:
    """One page of events (or clusters) and how many the filters match."""
    items = [event_item(r) for r in event_rows(reader, filters, limit, offset, per_cluster)]
    return {"total": count_events(reader, filters, per_cluster), "limit": limit,
            "offset": offset, "per": "cluster" if per_cluster else "event", "items": items}


# -- aggregates ---------------------------------------------------------------------------------


def actors(reader: Reader, filters: EventFilters, limit: int, offset: int) -> Row:
    """Actors in the matching events, with how often each is source and target, busiest first."""
    where, params = filter_sql(filters)
    if not reader.has("events", "articles", "sentences"):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    sides = " UNION ALL ".join(
        f"SELECT e.{side}_actor_id AS actor_id, e.{side}_name AS name, "
        f"e.{side}_country AS country, e.{side}_sector AS sector, "
        f"{int(side == 'source')} AS as_source, {int(side == 'target')} AS as_target"
        + _EVENT_FROM + where + (" AND " if where else " WHERE ")
        + f"e.{side}_actor_id IS NOT NULL"
        for side in ("source", "target")
    )
    grouped = (f"SELECT actor_id, any_value(name) AS name, any_value(country) AS country, "
               "any_value(sector) AS sector, sum(as_source)::INTEGER AS as_source, "
               "sum(as_target)::INTEGER AS as_target, count(*)::INTEGER AS events "
               f"FROM ({sides}) GROUP BY actor_id")
    total = int(reader.value(f"SELECT count(*) FROM ({grouped})", params) or 0)
    items = reader.rows(grouped + " ORDER BY events DESC, actor_id LIMIT $limit OFFSET $offset",
                        {**params, "limit": limit, "offset": offset})
    for item in items:
        item["code"] = ((item["country"] or "") + (item["sector"] or "")) or None
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def dyads(reader: Reader, filters: EventFilters, by: str, limit: int) -> Row:
    """Source-target pairs with their event count and mean cooperation-conflict score.

    by 'actor' pairs knowledge-base actors, 'country' pairs their countries. Each item's
    `dyad` is the value that /api/events?dyad= takes to list the pair's events.
    """
    where, params = filter_sql(filters)
    if not reader.has("events", "articles", "sentences"):
        return {"total": 0, "by": by, "items": []}
    key = "actor_id" if by == "actor" else "country"
    sides = []
    for side in ("source", "target"):
        sides.append(f"e.{side}_{key} AS {side}")
        sides.append(f"any_value(e.{side}_name) AS {side}_name" if by == "actor"
                     else f"e.{side}_country AS {side}_name")
        sides.append(f"any_value(e.{side}_country) AS {side}_country" if by == "actor"
                     else f"e.{side}_country AS {side}_country")
        sides.append(f"any_value(e.{side}_sector) AS {side}_sector" if by == "actor"
                     else f"NULL AS {side}_sector")
    grouped = (
        f"SELECT {', '.join(sides)}, count(*)::INTEGER AS count, "
        "round(avg(e.score), 3) AS mean_score" + _EVENT_FROM + where
        + (" AND " if where else " WHERE ")
        + f"e.source_{key} IS NOT NULL AND e.target_{key} IS NOT NULL "
        + f"GROUP BY e.source_{key}, e.target_{key}"
        + ("" if by == "actor" else ", e.source_country, e.target_country")
    )
    total = int(reader.value(f"SELECT count(*) FROM ({grouped})", params) or 0)
    items = reader.rows(grouped + " ORDER BY count DESC, source, target LIMIT $limit",
                        {**params, "limit": limit})
    for item in items:
        item["dyad"] = f"{item['source']}-{item['target']}"
    return {"total": total, "by": by, "items": items}


# A bucket of each interval, from an event date precise enough for it.
_BUCKETS = {
    "day": (10, f"left({EVENT_DATE}, 10)"),
    "week": (10, f"strftime(try_cast(left({EVENT_DATE}, 10) AS DATE), '%G-W%V')"),
    "month": (7, f"left({EVENT_DATE}, 7)"),
}


def timeseries(reader: Reader, filters: EventFilters, interval: str, by: str) -> Row:
    """Event counts per day, ISO week or month, split by type or quad class.

    An event dated only to a year (or month, for days and weeks) has no bucket at that
    interval; those are counted in `undated_at_interval` rather than spread or guessed.
    """
    where, params = filter_sql(filters)
    empty = {"interval": interval, "by": by, "buckets": [], "keys": [],
             "undated_at_interval": 0}
    if not reader.has("events", "articles", "sentences"):
        return empty
    length, bucket = _BUCKETS[interval]
    column = "e.type" if by == "type" else "e.quad_class"
    precise = f"length(coalesce({EVENT_DATE}, '')) >= {length}"
    rows = reader.rows(
        f"SELECT {bucket} AS bucket, {column} AS key, count(*)::INTEGER AS n" + _EVENT_FROM
        + where + (" AND " if where else " WHERE ") + precise
        + " GROUP BY 1, 2 ORDER BY 1, 2", params)
    undated = reader.value(
        "SELECT count(*)" + _EVENT_FROM + where + (" AND " if where else " WHERE ")
        + f"NOT ({precise})", params)
    buckets: dict[str, Row] = {}
    for row in rows:
        b = buckets.setdefault(row["bucket"], {"bucket": row["bucket"], "total": 0,
                                               "counts": {}})
        b["counts"][row["key"]] = row["n"]
        b["total"] += row["n"]
    return {**empty, "buckets": list(buckets.values()),
            "keys": sorted({row["key"] for row in rows}),
            "undated_at_interval": int(undated or 0)}


# -- articles, runs, summary --------------------------------------------------------------------


def article(reader: Reader, article_id: str) -> Row | None:
    """An article's text and every span in it, each a character offset into the text."""
    if not reader.has("articles"):
        return None
    found = reader.rows(
        "SELECT id, date, title, url, source, origin, text, status, failure_stage, "
        "failure_reason, main_country, caption_start, caption_end, credit_start, credit_end, "
        "metadata, notes FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    data = found[0]
    data["metadata"] = json.loads(data["metadata"])
    data["notes"] = json.loads(data["notes"])

    def spans(table: str, columns: str) -> list[Row]:
        if not reader.has(table):
            return []
        return reader.rows(f"SELECT {columns} FROM {table} WHERE article_id = ? ORDER BY idx",
                           [article_id])

    data["sentences"] = spans("sentences", "idx, start, end_, text, is_caption, parsed")
    data["mentions"] = spans("mentions", "idx, sentence, start, end_, text, actor_id, "
                             "actor_name AS name, country, sector, kind, title, how")
    events_ = [event_item(r) for r in event_rows(reader, EventFilters(article_id=article_id))]
    events_.sort(key=lambda e: e["idx"])
    data["events"] = events_
    data["triggers"] = [{"event_id": e["event_id"], "idx": e["idx"], "sentence": e["sentence"],
                         "start": e["trigger"]["start"], "end": e["trigger"]["end"],
                         "text": e["trigger"]["text"], "type": e["type"], "mode": e["mode"],
                         "quad_class": e["quad_class"]} for e in events_]
    data["time_exprs"] = spans("time_exprs", "idx, start, end_, text, value, precision, kind")
    data["places"] = spans("places", "idx, start, end_, name, resolved, country, lat, lon, "
                           "precision")
    return data


def _seconds(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds(), 0.0)


def runs(reader: Reader) -> list[Row]:
    """Run history, newest first, with the rate of articles per second and what failed.

    A run still going has no counts in `runs` yet: they are read off the articles it has
    committed so far, so the figures move while it works.
    """
    if not reader.has("runs"):
        return []
    history = reader.rows("SELECT * FROM runs ORDER BY id DESC")
    live: dict[int, dict[str, int]] = {}
    failures: dict[int, list[Row]] = {}
    if reader.has("articles"):
        for row in reader.rows("SELECT run_id, status, count(*) AS n FROM articles "
                               "GROUP BY run_id, status"):
            live.setdefault(row["run_id"], {})[row["status"]] = int(row["n"])
        for row in reader.rows(
                "SELECT run_id, id AS article_id, origin, failure_stage AS stage, "
                "failure_reason AS reason FROM articles WHERE status = 'failed' ORDER BY id"):
            failures.setdefault(row.pop("run_id"), []).append(row)
    rejections: dict[int, list[Row]] = {}
    if reader.has("rejections"):
        for row in reader.rows("SELECT run_id, origin, line, reason FROM rejections "
                               "ORDER BY run_id, origin, line"):
            rejections.setdefault(row.pop("run_id"), []).append(row)
    now = datetime.now(UTC).replace(tzinfo=None)
    for run in history:
        run["inputs"] = json.loads(run["inputs"])
        if run["finished"] is None:
            counted = live.get(run["id"], {})
            run["articles_done"] = max(run["articles_done"], counted.get("done", 0))
            run["articles_failed"] = max(run["articles_failed"], counted.get("failed", 0))
        elapsed = _seconds(run["started"], run["finished"] or now)
        run["seconds"] = round(elapsed, 1)
        run["rate"] = round(run["articles_done"] / elapsed, 4) if elapsed else None
        run["failures"] = failures.get(run["id"], [])
        run["rejections"] = rejections.get(run["id"], [])
        run["articles_rejected"] = len(run["rejections"])
        for key in ("started", "finished"):
            run[key] = run[key].isoformat() if run[key] else None
    return history


def summary(reader: Reader) -> Row:
    """What the store holds, in counts."""
    result: Row = {"db": str(reader.path), "exists": reader.con is not None,
                   "schema_version": 0, "articles": 0, "failed": 0, "sentences": 0,
                   "events": 0, "actors": 0, "runs": 0, "first_date": None,
                   "last_date": None, "events_by_type": {}, "events_by_quad_class": {},
                   "events_by_factuality": {}}
    if reader.con is None:
        return result
    result["schema_version"] = schema.current_version(reader.con)
    if not reader.has("events", "articles", "sentences", "runs"):
        return result
    status = {r["status"]: int(r["n"]) for r in
              reader.rows("SELECT status, count(*) AS n FROM articles GROUP BY status")}
    result.update(articles=status.get("done", 0), failed=status.get("failed", 0),
                  sentences=int(reader.value("SELECT count(*) FROM sentences") or 0),
                  events=int(reader.value("SELECT count(*) FROM events") or 0),
                  runs=int(reader.value("SELECT count(*) FROM runs") or 0))
    result["actors"] = int(reader.value(
        "SELECT count(DISTINCT a) FROM (SELECT source_actor_id AS a FROM events UNION ALL "
        "SELECT target_actor_id FROM events) WHERE a IS NOT NULL") or 0)
    dates = reader.rows(f"SELECT min({EVENT_DATE}) AS first, max({EVENT_DATE}) AS last "
                        "FROM events e JOIN articles a ON a.id = e.article_id")[0]
    result.update(first_date=dates["first"], last_date=dates["last"])
    for column in ("type", "quad_class", "factuality"):
        result[f"events_by_{column}"] = {
            r["k"]: int(r["n"]) for r in reader.rows(
                f"SELECT {column} AS k, count(*) AS n FROM events GROUP BY 1 "
                "ORDER BY n DESC, k")}
    return result
