"""Coded articles as Parquet, and loading that Parquet into the DuckDB store.

The Ray engine's workers write what they code as Parquet, one folder per store table
(`articles/`, `sentences/`, `mentions/`, `events/`, `time_exprs/`, `places/`, `rejections/`),
each split into part files, one per coded batch. The columns and their types are those of the
store's tables, read from the migrations, so Parquet and DuckDB cannot drift apart.

`load` brings such a folder into a store the way `kroniek run` would have stored it: an article
already stored with the same text is skipped (so loading twice adds nothing), one stored with
another text is kept as a second version `ID~HASH`, a coded version replaces a failed one and
never the other way round, and event clusters are updated for the loaded articles.
"""

from __future__ import annotations

import functools
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from kroniek import __version__
from kroniek.adapters import duckdb_clusters, duckdb_schema
from kroniek.errors import StoreError

Row = dict[str, Any]

# The store's per-article tables, in the order they are written and loaded.
ARTICLE_TABLES = ("articles", *duckdb_schema.ARTICLE_TABLES)
TABLES = (*ARTICLE_TABLES, "rejections")


@functools.cache
def _columns() -> dict[str, list[tuple[str, str]]]:
    """Each table's (column, DuckDB type), from a scratch database the migrations built."""
    con = duckdb.connect()
    try:
        for migration in duckdb_schema.MIGRATIONS:
            con.execute(migration)
        return {
            table: con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                "ORDER BY column_index", [table]).fetchall()
            for table in TABLES
        }
    finally:
        con.close()


def _arrow_type(duckdb_type: str) -> Any:
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
             "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us")}
    return types[duckdb_type]


def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(kind)) for name, kind in _columns()[table]])


def write_part(out_dir: Path, table: str, rows: Sequence[Row], part: str) -> Path | None:
    """Write rows of one table as `out_dir/table/part.parquet`; nothing for no rows.

    Written under a temporary name and renamed, so a reader never sees half a file.
    """
    if not rows:
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    folder = out_dir / table
    folder.mkdir(parents=True, exist_ok=True)
    data = pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in rows],
                                schema=schema)
    final = folder / f"{part}.parquet"
    temporary = folder / f".{part}.{uuid.uuid4().hex[:8]}.tmp"
    pq.write_table(data, temporary)
    os.replace(temporary, final)
    return final


@dataclass
class LoadCounts:
    articles_loaded: int = 0
    articles_skipped: int = 0
    articles_renamed: int = 0
    failed: int = 0
    rejections: int = 0
    sentences: int = 0
    events: int = 0


def _staged(con: duckdb.DuckDBPyConnection, folder: Path, table: str) -> None:
    """Stage one table's Parquet as temp table in_<table>, with the part each row came from."""
    files = sorted(str(p) for p in (folder / table).glob("*.parquet"))
    if files:
        # `part`: the file name without folder, the same for an article's rows in every table.
        con.execute(
            f"CREATE TEMP TABLE in_{table} AS SELECT * EXCLUDE (filename), "
            "parse_filename(filename, true) AS part "
            "FROM read_parquet(?, union_by_name = true, filename = true)", [files])
    else:
        con.execute(f"CREATE TEMP TABLE in_{table} AS SELECT *, '' AS part FROM {table} LIMIT 0")


# Which staged articles to load, under which id. One row per article id, from one file: a
# coded version before a failed one, then the last file name (a later run into the same folder).
_PLAN = """
CREATE TEMP TABLE plan AS
WITH staged AS (
    SELECT id, content_hash, status, part FROM in_articles
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY status = 'done' DESC, part DESC) = 1
), placed AS (
    SELECT s.*, a.content_hash AS stored_hash, a.status AS stored_status,
           CASE WHEN a.id IS NOT NULL AND a.content_hash <> s.content_hash
                THEN s.id || '~' || left(s.content_hash, 8) ELSE s.id END AS new_id
    FROM staged s LEFT JOIN articles a ON a.id = s.id
)
SELECT p.id AS old_id, p.new_id, p.part, p.status, p.new_id <> p.id AS renamed
FROM placed p LEFT JOIN articles v ON v.id = p.new_id
WHERE NOT (v.id IS NOT NULL AND v.content_hash = p.content_hash AND v.status = 'done')
  AND NOT (p.status = 'failed' AND v.id IS NOT NULL)
"""


def load(folder: Path, db: Path, inputs: Sequence[str] | None = None) -> LoadCounts:
    """Load a Parquet folder written by the Ray engine into the store `db`, in one transaction.

    The store must have been opened (and so migrated) by DuckDBStore first.
    """
    if not (folder / "articles").is_dir() and not (folder / "rejections").is_dir():
        raise StoreError(f"{folder} holds no kroniek Parquet output (no articles/ folder)")
    con = duckdb.connect(str(db))
    try:
        con.execute("BEGIN TRANSACTION")
        counts = _load(con, folder, list(inputs or [str(folder)]))
        con.execute("COMMIT")
        return counts
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"cannot load {folder} into database {db}: {exc}") from exc
    finally:
        con.close()


def _load(con: duckdb.DuckDBPyConnection, folder: Path, inputs: list[str]) -> LoadCounts:
    for table in TABLES:
        _staged(con, folder, table)
    con.execute(_PLAN)
    counts = LoadCounts()
    staged_total = _count(con, "SELECT count(DISTINCT id) FROM in_articles")
    counts.articles_loaded = _count(con, "SELECT count(*) FROM plan WHERE status = 'done'")
    counts.failed = _count(con, "SELECT count(*) FROM plan WHERE status = 'failed'")
    counts.articles_renamed = _count(con, "SELECT count(*) FROM plan WHERE renamed")
    counts.articles_skipped = staged_total - counts.articles_loaded - counts.failed
    counts.events = _count(
        con, "SELECT count(*) FROM in_events e JOIN plan p "
        "ON p.old_id = e.article_id AND p.part = e.part")
    counts.sentences = _count(
        con, "SELECT count(*) FROM in_sentences s JOIN plan p "
        "ON p.old_id = s.article_id AND p.part = s.part")
    counts.rejections = _count(con, "SELECT count(*) FROM in_rejections")

    run_id = _start_run(con, folder, inputs)
    new_ids = [str(r[0]) for r in con.execute("SELECT new_id FROM plan").fetchall()]
    for table in duckdb_schema.ARTICLE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [new_ids])
    con.execute("DELETE FROM articles WHERE list_contains(?, id)", [new_ids])
    con.execute(
        "INSERT INTO articles BY NAME SELECT a.* EXCLUDE (part) REPLACE (p.new_id AS id, "
        "? AS run_id) FROM in_articles a JOIN plan p ON p.old_id = a.id AND p.part = "
        "a.part", [run_id])
    for table in duckdb_schema.ARTICLE_TABLES:
        replace = "p.new_id AS article_id"
        if table == "events":
            replace += ", p.new_id || ':' || t.idx AS event_id"
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT t.* EXCLUDE (part) REPLACE ({replace}) "
            f"FROM in_{table} t JOIN plan p ON p.old_id = t.article_id "
            "AND p.part = t.part")
    # Rejections are kept once per origin and line, however often the folder is loaded.
    con.execute(
        "INSERT INTO rejections SELECT DISTINCT ?, r.origin, r.line, r.reason FROM in_rejections r "
        "WHERE NOT EXISTS (SELECT 1 FROM rejections o WHERE o.origin = r.origin "
        "AND o.line IS NOT DISTINCT FROM r.line AND o.reason = r.reason)", [run_id])
    duckdb_clusters.recluster_articles(con, new_ids)
    _finish_run(con, run_id, counts)
    return counts


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


MANIFEST = "manifest.json"  # the version and dictionary hash the folder was coded with


def write_manifest(out_dir: Path, dictionary_hash: str, inputs: Sequence[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps(
        {"version": __version__, "dictionary_hash": dictionary_hash, "inputs": list(inputs)},
        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _start_run(con: duckdb.DuckDBPyConnection, folder: Path, inputs: list[str]) -> int:
    from kroniek.adapters.duckdb_rows import to_json

    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    row = con.execute(
        "INSERT INTO runs (started, version, dictionary_hash, inputs, status) "
        "VALUES (?, ?, ?, ?, 'running') RETURNING id",
        [now, str(manifest.get("version", __version__)),
         str(manifest.get("dictionary_hash", "")), to_json(["load", *inputs])]).fetchone()
    assert row is not None
    return int(row[0])


def _finish_run(con: duckdb.DuckDBPyConnection, run_id: int, counts: LoadCounts) -> None:
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    con.execute(
        "UPDATE runs SET finished = ?, articles_done = ?, articles_skipped = ?, "
        "articles_failed = ?, sentences = ?, events = ?, status = 'finished' WHERE id = ?",
        [now, counts.articles_loaded, counts.articles_skipped,
         counts.failed + counts.rejections, counts.sentences, counts.events, run_id])
