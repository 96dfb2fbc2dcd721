"""The store in one DuckDB file: coded articles, their events, and the history of runs.

DuckDB allows one writing process per file, which suits kroniek: workers code articles, and the
single writer (the process that runs the pipeline) commits them here in batches. Each batch is
one transaction, so a run killed mid-batch leaves the file as it was before that batch, and the
next run codes those articles again.

DuckDB also refuses any other process, even a read-only one, while a process has the file open
for writing. A run therefore opens the store with `connect_per_use=True`: it holds a connection
only while it reads or commits a batch (`connected()`), so `kroniek serve` can read in between,
and it retries for `lock_wait` seconds when a reader holds the file at that moment.

Every duckdb exception is turned into StoreError here, so that callers (the CLI, the web app)
only know kroniek's exception tree.
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Concatenate, ParamSpec, TypeVar

import duckdb

from kroniek.adapters import duckdb_clusters
from kroniek.adapters import duckdb_schema as schema
from kroniek.adapters.duckdb_filters import EventFilters, filter_sql
from kroniek.adapters.duckdb_rows import Row, article_row, doc_rows, to_json
from kroniek.errors import StoreError
from kroniek.model import Article, Doc
from kroniek.ports import EventQuery, RunInfo

RUN_COUNTS = ("articles_done", "articles_skipped", "articles_failed", "sentences", "events")


# save() deletes an article's rows and inserts them again in one transaction; DuckDB before 1.2
# refuses that as a duplicate primary key (its "over-eager constraint checking").
MIN_DUCKDB = (1, 2)


def _check_duckdb_version() -> None:
    found = tuple(int(p) for p in re.findall(r"\d+", duckdb.__version__)[:2])
    if found < MIN_DUCKDB:
        raise StoreError(
            f"kroniek's store needs duckdb {'.'.join(map(str, MIN_DUCKDB))} or newer, found "
            f"{duckdb.__version__}: pip install --upgrade duckdb"
        )


def _one_line(exc: BaseException) -> str:
    """DuckDB's message without its hints and line breaks: an error is one line for the user."""
    text = " ".join(str(exc).split())
    return text.split(" However, you would be able")[0].split(" See also http")[0]


def _is_lock_conflict(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


def store_error(what: str, path: Path, exc: BaseException) -> StoreError:
    """A one-line StoreError naming the file, that says in words what went wrong."""
    text = _one_line(exc)
    low = text.lower()
    if "no space left" in low or "file too large" in low or "disk full" in low:
        cause = "the disk is full"
    elif "read-only file system" in low or "permission denied" in low:
        cause = "the file or its folder is read-only"
    elif _is_lock_conflict(exc):
        cause = "it is in use by another process"
    else:
        return StoreError(f"{what} database {path}: {text}")
    return StoreError(f"{what} database {path}: {cause}; it keeps what was committed before "
                      f"({text})")


P = ParamSpec("P")
T = TypeVar("T")


def _connected(
    method: Callable[Concatenate[DuckDBStore, P], T],
) -> Callable[Concatenate[DuckDBStore, P], T]:
    """Run the method on the store's connection, opening one for it when none is held."""

    @functools.wraps(method)
    def wrapper(self: DuckDBStore, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.connected():
            return method(self, *args, **kwargs)

    return wrapper


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    """The cursor's rows as dicts, with the SQL column `end_` given back its model name."""
    names = ["end" if d[0] == "end_" else d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class DuckDBStore:
    """kroniek's `Store` on a DuckDB file; also a context manager that closes it."""

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        connect_per_use: bool = False,
        lock_wait: float = 0.0,
    ) -> None:
        """`connect_per_use`: hold no connection between calls (see the module docstring).
        `lock_wait`: seconds to keep retrying an open that another process's lock refuses."""
        _check_duckdb_version()
        self.path = Path(path)
        self.read_only = read_only
        self.connect_per_use = connect_per_use
        self.lock_wait = lock_wait
        if read_only and not self.path.exists():
            raise StoreError(f"database {self.path} does not exist")
        self._con: duckdb.DuckDBPyConnection | None = self._open()
        try:
            self._prepare()
            with self._errors("cannot read the schema of"):
                self._columns = {table: self._table_columns(table) for table in self._tables()}
        except BaseException:
            self.close()
            raise
        if connect_per_use:
            self.close()

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait
        pause = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc):
                    raise store_error("cannot open", self.path, exc) from exc
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"database {self.path} is in use by another kroniek process or "
                        f"another program ({_one_line(exc)})"
                    ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    @contextmanager
    def connected(self) -> Iterator[None]:
        """Hold one connection for the block: every call inside shares it. With
        `connect_per_use`, the connection is opened here and closed when the block ends."""
        if self._con is not None:
            yield
            return
        self._con = self._open()
        try:
            yield
        except BaseException:
            # The error in flight says more than a failed close after it (after a full disk,
            # DuckDB refuses every further call on the connection).
            with suppress(StoreError):
                self.close()
            raise
        self.close()

    @property
    def _db(self) -> duckdb.DuckDBPyConnection:
        assert self._con is not None, "the store's methods run inside connected()"
        return self._con

    def _prepare(self) -> None:
        with self._errors("cannot read the schema version of"):
            if not self.read_only:
                before = schema.migrate(self._db, self.path)
                if 0 < before < schema.CLUSTERS_VERSION:  # events stored before clusters
                    with self._transaction("cluster the stored events"):
                        duckdb_clusters.recluster_all(self._db)
                return
            version = schema.check_version(self._db, self.path)
        if version < schema.latest_version():
            raise StoreError(
                f"database {self.path} has schema version {version} and needs migrating to "
                f"version {schema.latest_version()}; open it once for writing (kroniek run) first"
            )

    def _tables(self) -> tuple[str, ...]:
        return ("articles", *schema.ARTICLE_TABLES)

    def _table_columns(self, table: str) -> list[tuple[str, str]]:
        # Read from the live schema, so that inserts cannot drift from the migrations.
        return self._db.execute(
            "SELECT column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "AND table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()

    def close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            try:
                con.close()  # closing writes the last changes into the file (a checkpoint)
            except duckdb.Error as exc:
                raise store_error("cannot close", self.path, exc) from exc

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise store_error(what, self.path, exc) from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """BEGIN ... COMMIT, rolled back on any exception, which then becomes StoreError."""
        with self._errors(f"cannot {what}: cannot begin a transaction on"):
            self._db.execute("BEGIN TRANSACTION")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            # A failed COMMIT has already ended the transaction, so ROLLBACK may fail too.
            with suppress(duckdb.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, Exception) and not isinstance(exc, StoreError):
                raise store_error(f"cannot {what} in", self.path, exc) from exc
            raise

    def _insert(self, table: str, rows: Sequence[Row]) -> None:
        """All rows in one statement: one list parameter per column, unnested side by side.

        executemany costs a round trip per row (about a millisecond each); this is one per
        table and batch, whatever its size.
        """
        if not rows:
            return
        columns = self._columns[table]
        names = ", ".join(name for name, _ in columns)
        lists = ", ".join(f"unnest(?::{kind}[])" for _, kind in columns)
        self._db.execute(
            f"INSERT INTO {table} ({names}) SELECT {lists}",
            [[row[name] for row in rows] for name, _ in columns],
        )

    def _delete_articles(self, ids: list[str]) -> None:
        for table in schema.ARTICLE_TABLES:
            self._db.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
        self._db.execute("DELETE FROM articles WHERE list_contains(?, id)", [ids])

    # -- runs -------------------------------------------------------------------------------

    @_connected
    def start_run(self, version: str, dictionary_hash: str, inputs: Sequence[str]) -> RunInfo:
        """A new run, status 'running'. Runs still 'running' from before died without
        finishing (SIGKILL, power cut): a writer holds the run lock (kroniek.run_lock), so no
        other run is alive, and they are marked 'interrupted'."""
        # UTC, so that runs started on machines in different time zones sort right.
        started = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        with self._errors("cannot start a run in"):
            self._db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            row = self._db.execute(
                "INSERT INTO runs (started, version, dictionary_hash, inputs, status) "
                "VALUES (?, ?, ?, ?, 'running') RETURNING id",
                [started, version, dictionary_hash, to_json(list(inputs))],
            ).fetchone()
        assert row is not None
        return RunInfo(int(row[0]), started.isoformat(), version, dictionary_hash)

    @_connected
    def update_run(self, run: RunInfo, counts: dict[str, int]) -> None:
        """The run's counts so far, so that a reader (kroniek serve) can show its progress."""
        sets = ", ".join(f"{key} = ?" for key in RUN_COUNTS)
        with self._errors(f"cannot record the progress of run {run.id} in"):
            self._db.execute(
                f"UPDATE runs SET {sets} WHERE id = ?",
                [*(int(counts.get(key, 0)) for key in RUN_COUNTS), run.id],
            )

    @_connected
    def finish_run(self, run: RunInfo, counts: dict[str, int], status: str = "finished") -> None:
        """`status`: 'finished', or 'interrupted' for a run stopped before its end."""
        finished = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        sets = ", ".join(f"{key} = ?" for key in RUN_COUNTS)
        with self._errors(f"cannot finish run {run.id} in"):
            self._db.execute(
                f"UPDATE runs SET finished = ?, {sets}, status = ? WHERE id = ?",
                [finished, *(int(counts.get(key, 0)) for key in RUN_COUNTS), status, run.id],
            )

    @_connected
    def runs(self) -> list[Row]:
        """Every run, newest first; `inputs` decoded."""
        with self._errors("cannot read runs from"):
            rows = _dicts(self._db.execute("SELECT * FROM runs ORDER BY id DESC"))
        for row in rows:
            row["inputs"] = json.loads(row["inputs"])
        return rows

    # -- articles ---------------------------------------------------------------------------

    @_connected
    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True when this exact text was coded; failed articles are retried, so they are not."""
        with self._errors("cannot read"):
            row = self._db.execute(
                "SELECT count(*) FROM articles WHERE id = ? AND content_hash = ? "
                "AND status = 'done'",
                [article_id, content_hash],
            ).fetchone()
        return bool(row and row[0])

    @_connected
    def stored_hashes(self) -> dict[str, tuple[str, str]]:
        """Every stored article: id -> (content_hash, status). One query, so that a run can
        decide what to skip without a database round trip per article."""
        with self._errors("cannot read"):
            rows = self._db.execute("SELECT id, content_hash, status FROM articles").fetchall()
        return {str(i): (str(h), str(s)) for i, h, s in rows}

    @_connected
    def article_hash(self, article_id: str) -> str | None:
        with self._errors("cannot read"):
            row = self._db.execute(
                "SELECT content_hash FROM articles WHERE id = ?", [article_id]
            ).fetchone()
        return row[0] if row else None

    @_connected
    def save(self, run: RunInfo, docs: Iterable[Doc]) -> None:
        """Store the docs in one transaction, replacing every earlier row of their articles."""
        # The same id twice in a batch would break the primary key: the last version wins,
        # as it would have had the two been saved one after the other.
        batch = list({doc.article.id: doc for doc in docs}.values())
        if not batch:
            return
        tables: dict[str, list[Row]] = {table: [] for table in self._tables()}
        for doc in batch:
            try:
                for table, rows in doc_rows(doc, run.id).items():
                    tables[table].extend(rows)
            except Exception as exc:
                raise StoreError(
                    f"cannot store article {doc.article.id!r} ({doc.article.origin}): "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
        with self._transaction(f"save {len(batch)} articles"):
            self._delete_articles([doc.article.id for doc in batch])
            for table, rows in tables.items():
                self._insert(table, rows)
            duckdb_clusters.recluster_articles(self._db, [doc.article.id for doc in batch])

    @_connected
    def save_failure(self, run: RunInfo, article: Article, stage: str, reason: str) -> None:
        """Record that an article failed, unless a coded version of it is stored already."""
        row = article_row(article, run.id, "failed")
        row.update(failure_stage=stage, failure_reason=reason)
        with self._transaction(f"save the failure of article {article.id!r}"):
            stored = self._db.execute(
                "SELECT status FROM articles WHERE id = ?", [article.id]
            ).fetchone()
            if stored and stored[0] == "done":
                return  # a coded version beats a failed attempt, whatever its hash
            self._delete_articles([article.id])
            self._insert("articles", [row])

    @_connected
    def save_rejection(self, run: RunInfo, origin: str, line: int | None, reason: str) -> None:
        """Record input that could not be read as an article."""
        with self._transaction(f"save the rejection of {origin}"):
            self._db.execute("INSERT INTO rejections VALUES (?, ?, ?, ?)",
                              [run.id, origin, line, reason])

    @_connected
    def rejections(self, run_id: int | None = None) -> list[Row]:
        sql = "SELECT run_id, origin, line, reason FROM rejections"
        params: list[object] = []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        return _dicts(self._db.execute(sql + " ORDER BY run_id, origin, line", params))

    @_connected
    def failures(self, run_id: int | None = None) -> list[Row]:
        """The failed articles, of one run or of all: article_id, origin, stage, reason."""
        sql = (
            "SELECT id AS article_id, origin, failure_stage AS stage, failure_reason AS reason, "
            "run_id, content_hash FROM articles WHERE status = 'failed'"
        )
        params: list[object] = []
        if run_id is not None:
            sql += " AND run_id = ?"
            params.append(run_id)
        with self._errors("cannot read failures from"):
            return _dicts(self._db.execute(sql + " ORDER BY id", params))

    # -- reading ----------------------------------------------------------------------------

    @_connected
    def events(self, query: EventQuery) -> list[Row]:
        """Flat event rows with `cluster_id`, `article_date` and `sentence_text`, in date order."""
        return self._filtered_events(
            query, "cannot read events from",
            "SELECT e.*, m.cluster_id, a.date AS article_date, s.text AS sentence_text "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN event_cluster_members m ON m.event_id = e.event_id "
            "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence",
            "coalesce(e.date, a.date) NULLS LAST, e.article_id, e.idx",
        )

    @_connected
    def clusters(self, query: EventQuery) -> list[Row]:
        """One row per event cluster (kroniek.dedup): its canonical event's columns, with
        `cluster_id`, `mentions`, `articles` and `sources`; the query filters canonical events."""
        return self._filtered_events(
            query, "cannot read event clusters from",
            "SELECT c.id AS cluster_id, c.mentions, c.articles, c.sources, e.*, "
            "a.date AS article_date, s.text AS sentence_text FROM event_clusters c "
            "JOIN events e ON e.event_id = c.canonical_event_id "
            "JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence",
            "coalesce(e.date, a.date) NULLS LAST, c.mentions DESC, c.id",
        )

    def _filtered_events(self, query: EventQuery, failure: str, select: str,
                         order: str) -> list[Row]:
        """`select` (over events `e` and articles `a`) with the query's filters and limit."""
        where, params = _event_filters(query)
        sql = select + where + " ORDER BY " + order
        if query.limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = max(int(query.limit), 0)
        with self._errors(failure):
            return _dicts(self._db.execute(sql, params))

    @_connected
    def article(self, article_id: str) -> Row | None:
        """The article's columns and all its rows, JSON decoded; None when it is not stored."""
        with self._errors(f"cannot read article {article_id!r} from"):
            found = _dicts(self._db.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
            if not found:
                return None
            article = found[0]
            for table in schema.ARTICLE_TABLES:
                article[table] = _dicts(
                    self._db.execute(
                        f"SELECT * EXCLUDE (article_id) FROM {table} WHERE article_id = ? "
                        "ORDER BY idx",
                        [article_id],
                    )
                )
        article["metadata"] = json.loads(article["metadata"])
        article["notes"] = json.loads(article["notes"])
        for sentence in article["sentences"]:
            sentence["tokens"] = json.loads(sentence["tokens"])
        for mention in article["mentions"]:
            mention["token_indices"] = json.loads(mention["token_indices"])
        return article

    @_connected
    def summary(self) -> Row:
        with self._errors("cannot summarise"):
            status = dict(
                self._db.execute("SELECT status, count(*) FROM articles GROUP BY status")
                .fetchall()
            )
            by_type = self._db.execute(
                "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
            ).fetchall()
            dyads = self._db.execute(
                f"SELECT {_label('source')} AS source, {_label('target')} AS target, "
                "count(*) AS events FROM events "
                "WHERE source_actor_id IS NOT NULL AND target_actor_id IS NOT NULL "
                "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT 10"
            )
            top_dyads = _dicts(dyads)
            counts = self.counts()
        return {
            "articles": status.get("done", 0),
            "failed": status.get("failed", 0),
            "sentences": counts["sentences"],
            "events": counts["events"],
            "events_by_type": dict(by_type),
            "top_dyads": top_dyads,
            "db": str(self.path),
        }

    @_connected
    def counts(self) -> dict[str, int]:
        """Rows per article table. Runs are left out: they grow with every run, even one that
        adds nothing, and these counts are for comparing what two databases know."""
        counts: dict[str, int] = {}
        with self._errors("cannot count rows in"):
            for table in self._tables():
                row = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
                counts[table] = int(row[0]) if row else 0
        return counts


# -- Doc to rows ------------------------------------------------------------------------------


def _code(side: str) -> str:
    """SQL for an actor slot's code, country plus sector ('RUSGOV'); '' when it has neither."""
    return f"coalesce({side}_country, '') || coalesce({side}_sector, '')"


def _label(side: str) -> str:
    """SQL for how a dyad names an actor: its code, or its name when it has no code."""
    return f"CASE WHEN {_code(side)} = '' THEN {side}_name ELSE {_code(side)} END"


def _event_filters(query: EventQuery) -> tuple[str, dict[str, object]]:
    """The WHERE clause and named parameters for a query, as the API's filters make them;
    BadFilter (a StoreError) for a malformed date."""
    return filter_sql(EventFilters(
        actor=query.actor, country=query.country, type=query.type, since=query.since,
        until=query.until, q=query.text, article_id=query.article_id,
        inferred_targets=query.inferred_targets))
