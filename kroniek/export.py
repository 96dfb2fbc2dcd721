"""Events out of the store in the formats event-data users read.

- `plover-jsonl`: one PLOVER record per line, with PLOVER's field names (`event`, `mode`,
  `actor`, `recipient`, `event_loc`, ...) and kroniek's own (`factuality`, `rule`, ...) beside.
- `csv`: one flat row per event, CAMEO root code and quad class beside the PLOVER type, for R,
  Stata and Excel.
- `parquet`: the CSV's columns in a folder partitioned `year=YYYY/month=M/`.

Each reads through a short-lived read-only connection (kroniek.adapters.duckdb_reader), so an
export can run while `kroniek run` writes.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kroniek.adapters import duckdb_queries as queries
from kroniek.adapters.duckdb_filters import EVENT_DATE, EventFilters, filter_sql
from kroniek.adapters.duckdb_reader import Reader, open_reader
from kroniek.errors import KroniekError

FORMATS = ("plover-jsonl", "csv", "parquet")
CODER = "kroniek"


class ExportError(KroniekError):
    """The export cannot be written where it was asked to go."""


def _actor_code(side: str) -> str:
    return f"nullif(coalesce(e.{side}_country, '') || coalesce(e.{side}_sector, ''), '')"


# The flat columns of the CSV and Parquet exports, as SQL over events e, articles a and
# sentences s. Order is the order of the columns in the files.
FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "e.event_id"),
    ("date", EVENT_DATE),
    ("date_precision", "e.date_precision"),
    ("plover_type", "e.type"),
    ("plover_mode", "e.mode"),
    ("cameo_root", "e.cameo_root"),
    ("quad_code", "e.quad_code"),
    ("quad_class", "e.quad_class"),
    ("score", "e.score"),
    ("source_code", _actor_code("source")),
    ("source_country", "e.source_country"),
    ("source_sector", "e.source_sector"),
    ("source_actor_id", "e.source_actor_id"),
    ("source_name", "e.source_name"),
    ("source_text", "e.source_text"),
    ("target_code", _actor_code("target")),
    ("target_country", "e.target_country"),
    ("target_sector", "e.target_sector"),
    ("target_actor_id", "e.target_actor_id"),
    ("target_name", "e.target_name"),
    ("target_text", "e.target_text"),
    ("factuality", "e.factuality"),
    ("historical", "e.historical"),
    ("place_name", "e.place_name"),
    ("place_resolved", "e.place_resolved"),
    ("place_country", "e.place_country"),
    ("lat", "e.lat"),
    ("lon", "e.lon"),
    ("trigger_text", "e.trigger_text"),
    ("rule", "e.rule"),
    ("confidence", "e.confidence"),
    ("article_id", "e.article_id"),
    ("article_date", "a.date"),
    ("sentence", "e.sentence"),
    ("sentence_text", "s.text"),
)
# After the flat columns: the event's cluster, and per cluster (--clusters) its counts.
CLUSTER_COLUMNS = ("cluster_id",)
PER_CLUSTER_COLUMNS = ("cluster_mentions", "cluster_articles", "cluster_sources")


def csv_columns(per_cluster: bool = False) -> tuple[str, ...]:
    return (*(name for name, _ in FLAT_COLUMNS), *CLUSTER_COLUMNS,
            *(PER_CLUSTER_COLUMNS if per_cluster else ()))


# Parquet folders: year=YYYY/month=M. An event dated only to a year goes under month=0, and
# one with no date at all under year=0, so the partition columns stay integers for every
# reader (the event's own `date` and `date_precision` keep what the text said).
PARTITIONS = (
    ("year", f"coalesce(try_cast(left({EVENT_DATE}, 4) AS INTEGER), 0)"),
    ("month", f"CASE WHEN length({EVENT_DATE}) >= 7 "
              f"THEN try_cast(substr({EVENT_DATE}, 6, 2) AS INTEGER) ELSE 0 END"),
)


def _flat_select(reader: Reader, filters: EventFilters, per_cluster: bool,
                 extra: tuple[tuple[str, str], ...] = ()) -> tuple[str, dict[str, object]]:
    where, params = filter_sql(filters)
    source, cluster_columns, order = queries.event_source(reader, per_cluster)
    columns = ", ".join(f"{sql} AS {name}" for name, sql in (*FLAT_COLUMNS, *extra))
    return f"SELECT {columns}, {cluster_columns}{source}{where}{order}", params


def _slot(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if row[f"{side}_actor_id"] is None and row[f"{side}_text"] is None:
        return None
    return {
        "code": row[f"{side}_country"],
        "sector": row[f"{side}_sector"],
        # An inferred target has no words of its own (rule '...+implicit....').
        "entity_text": row[f"{side}_text"] or None,
        "identifier_id": row[f"{side}_actor_id"],
        "identifier_text": row[f"{side}_name"],
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER record from a flat event row (kroniek.adapters.duckdb_queries.event_rows)."""
    location = None
    if row["place_name"] is not None or row["place_resolved"] is not None:
        location = {"extracted_place": row["place_name"], "resolved_place": row["place_resolved"],
                    "lat": row["lat"], "lon": row["lon"], "country_code": row["place_country"]}
    return {
        "id": row["event_id"],
        "date": row["event_date"],
        "date_precision": row["date_precision"],
        "event": row["type"],
        "mode": row["mode"] or "",
        "context": [],
        "actor": _slot(row, "source"),
        "recipient": _slot(row, "target"),
        "event_loc": location,
        "event_text": row["trigger_text"],
        "quad_code": row["quad_code"],
        "quad_class": row["quad_class"],
        "cameo_root": row["cameo_root"],
        "score": row["score"],
        "text": row["sentence_text"],
        "story_id": row["article_id"],
        "sentence": row["sentence"],
        "coder": CODER,
        "factuality": row["factuality"],
        "historical": row["historical"],
        "rule": row["rule"],
        "confidence": row["confidence"],
        "cluster_id": row["cluster_id"],
        **queries.cluster_fields(row),
    }


def _check_file_target(out: Path) -> None:
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise ExportError(f"folder {out.parent} does not exist")


def _write_plover(reader: Reader, filters: EventFilters, out: Path, per_cluster: bool) -> int:
    _check_file_target(out)
    n = 0
    with out.open("w", encoding="utf-8") as stream:
        for row in queries.event_rows(reader, filters, per_cluster=per_cluster):
            stream.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
            n += 1
    return n


def _flat_rows(reader: Reader, filters: EventFilters, per_cluster: bool
               ) -> Iterator[tuple[Any, ...]]:
    filter_sql(filters)  # a bad filter is an error even on an empty store
    if not reader.has("events", "articles", "sentences"):
        return
    sql, params = _flat_select(reader, filters, per_cluster)
    assert reader.con is not None
    cursor = reader.con.execute(sql, params)
    while batch := cursor.fetchmany(1000):
        yield from batch


def _write_csv(reader: Reader, filters: EventFilters, out: Path, per_cluster: bool) -> int:
    _check_file_target(out)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(csv_columns(per_cluster))
        for row in _flat_rows(reader, filters, per_cluster):
            writer.writerow(row)
            n += 1
    return n


def _write_parquet(reader: Reader, filters: EventFilters, out: Path, force: bool,
                   per_cluster: bool) -> int:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; Parquet goes into a folder (year=/month=)")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise ExportError(f"folder {out} is not empty; choose another or pass --force")
        shutil.rmtree(out)
    if not out.parent.is_dir():
        raise ExportError(f"folder {out.parent} does not exist")
    filter_sql(filters)  # a bad filter is an error even on an empty store
    out.mkdir(exist_ok=True)
    if not reader.has("events", "articles", "sentences"):
        return 0
    sql, params = _flat_select(reader, filters, per_cluster, PARTITIONS)
    assert reader.con is not None
    # A temporary table lives in memory, so this works on a read-only connection; COPY cannot
    # take parameters, so the filtered rows are selected into it first.
    reader.con.execute(f"CREATE TEMP TABLE export_events AS {sql}", params)
    n = int(reader.value("SELECT count(*) FROM export_events") or 0)
    if n:
        target = str(out).replace("'", "''")
        reader.con.execute(f"COPY export_events TO '{target}' "
                           "(FORMAT PARQUET, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)")
    reader.con.execute("DROP TABLE export_events")
    return n


def export(db: Path, filters: EventFilters, format: str, out: Path, force: bool = False,
           per_cluster: bool = False) -> int:
    """Write the events matching the filters to out in the format; the number written.

    per_cluster writes one record per event cluster (its canonical event) instead."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: use {', '.join(FORMATS)}")
    with open_reader(db) as reader:
        if format == "plover-jsonl":
            return _write_plover(reader, filters, out, per_cluster)
        if format == "csv":
            return _write_csv(reader, filters, out, per_cluster)
        return _write_parquet(reader, filters, out, force, per_cluster)
