"""The DuckDB store's schema, as numbered migrations.

Migration n is `MIGRATIONS[n - 1]`. A released migration is never edited: a change to the
schema is a new string appended to the list, so that every database, however old, reaches the
current schema by running the migrations it has not seen, in order, in one transaction.

Column names avoid `end` (a reserved word in SQL): spans end in `end_`, which the store maps back
to `end` in the dicts it returns. Dates are TEXT at the precision they were found ('2014',
'2014-03', '2014-03-09'), never DATE, because a DATE would invent a day nobody reported.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import duckdb

from kroniek.errors import StoreError

V1 = """
CREATE SEQUENCE runs_id_seq START 1;

CREATE TABLE runs (
    id INTEGER PRIMARY KEY DEFAULT nextval('runs_id_seq'),
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    version TEXT NOT NULL,
    dictionary_hash TEXT NOT NULL,
    inputs TEXT NOT NULL,
    articles_done INTEGER NOT NULL DEFAULT 0,
    articles_skipped INTEGER NOT NULL DEFAULT 0,
    articles_failed INTEGER NOT NULL DEFAULT 0,
    sentences INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    date TEXT,
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    caption_start INTEGER,
    caption_end INTEGER,
    credit_start INTEGER,
    credit_end INTEGER,
    metadata TEXT NOT NULL,
    main_country TEXT,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    failure_stage TEXT,
    failure_reason TEXT,
    run_id INTEGER,
    notes TEXT NOT NULL
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    text TEXT NOT NULL,
    is_caption BOOLEAN NOT NULL,
    parsed BOOLEAN NOT NULL,
    tokens TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    text TEXT NOT NULL,
    token_indices TEXT NOT NULL,
    head INTEGER,
    actor_id TEXT NOT NULL,
    actor_name TEXT,
    country TEXT,
    sector TEXT,
    kind TEXT,
    title TEXT,
    how TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    quad_code INTEGER NOT NULL,
    quad_class TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    score DOUBLE NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    -- the actor slots: the mention (idx into mentions) and the actor it was resolved to,
    -- copied so that events can be filtered without joins
    source_mention INTEGER,
    source_actor_id TEXT,
    source_name TEXT,
    source_country TEXT,
    source_sector TEXT,
    source_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    target_mention INTEGER,
    target_actor_id TEXT,
    target_name TEXT,
    target_country TEXT,
    target_sector TEXT,
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    factuality TEXT NOT NULL,
    historical BOOLEAN NOT NULL,
    rule TEXT NOT NULL,
    confidence DOUBLE NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_source TEXT,
    place_name TEXT,
    place_resolved TEXT,
    place_country TEXT,
    lat DOUBLE,
    lon DOUBLE,
    place_precision TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE time_exprs (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    precision TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    resolved TEXT,
    country TEXT,
    lat DOUBLE,
    lon DOUBLE,
    precision TEXT NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
"""

# Version 2: input that never became an article (a malformed JSONL line, a binary file) is kept
# with its run, so `kroniek runs` can list it and nothing is dropped silently.
V2 = """
CREATE TABLE rejections (
    run_id INTEGER NOT NULL,
    origin TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL
);
"""

# Version 3: events that report the same happening, grouped into clusters (kroniek.dedup).
# Every event has one member row; `block` is what its cluster was computed from, so a save
# re-clusters only the blocks it touches (kroniek/adapters/duckdb_clusters.py).
V3 = """
CREATE TABLE event_cluster_members (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    block TEXT NOT NULL,
    cluster_id TEXT NOT NULL
);

CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    block TEXT NOT NULL,
    canonical_event_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL
);
"""

# The version that brought clusters: a database migrated past it has its events clustered once.
CLUSTERS_VERSION = 3

MIGRATIONS: list[str] = [V1, V2, V3]

# The tables that hold one article's rows, keyed by `id` (articles) or `article_id`.
ARTICLE_TABLES = ("sentences", "mentions", "events", "time_exprs", "places")

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


def latest_version() -> int:
    return len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to the database; 0 for a database kroniek never opened."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The database's version, or StoreError when it was written by a newer kroniek."""
    version = current_version(con)
    if version > latest_version():
        raise StoreError(
            f"database {path} has schema version {version}, but this kroniek only knows up to "
            f"version {latest_version()}: it was written by a newer kroniek, upgrade to read it"
        )
    return version


def migrate(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Bring the database to the latest version, all migrations in one transaction.

    Returns the version it had before. Either every pending migration is applied or none is:
    a half-migrated database would be neither the old schema nor the new one.
    """
    before = check_version(con, path)
    if before == latest_version():
        return before
    number = before + 1
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_VERSION_TABLE)
        for number in range(before + 1, latest_version() + 1):
            con.execute(MIGRATIONS[number - 1])
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        with suppress(duckdb.Error):  # a failed COMMIT has ended the transaction already
            con.execute("ROLLBACK")
        raise StoreError(f"cannot migrate database {path} to version {number}: {exc}") from exc
    return before
