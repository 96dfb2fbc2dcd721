"""The read side of the DuckDB store, for the web API and the exports.

Connections come from `duckdb_reader` (short-lived, read-only, waiting out a writer) and the
filters from `duckdb_filters`. A path with no database yet, or a database kroniek never
migrated, reads as an empty store: a dashboard started before the first run shows nothing
rather than an error. All SQL is parameterised.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from kroniek.adapters import duckdb_schema as schema
from kroniek.adapters.duckdb_filters import EVENT_DATE, BadFilter, EventFilters, filter_sql
from kroniek.adapters.duckdb_reader import Reader

Row = dict[str, Any]


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
