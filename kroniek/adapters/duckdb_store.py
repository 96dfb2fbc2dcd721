"""The store in one DuckDB file: coded articles, their events, and the history of runs.

DuckDB allows one writing process per file, which suits kroniek: workers code articles, and the
single writer (the process that runs the pipeline) commits them here in batches. Each batch is
one transaction, so a run killed mid-batch leaves the file as it was before that batch, and the
next run codes those articles again.

Every duckdb exception is turned into StoreError here, so that callers (the CLI, the web app)
only know kroniek's exception tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb

from kroniek.adapters import duckdb_clusters
from kroniek.adapters import duckdb_schema as schema
from kroniek.adapters.duckdb_rows import Row, article_row, doc_rows, to_json
from kroniek.errors import StoreError
from kroniek.model import Article, Doc
from kroniek.ports import EventQuery, RunInfo

RUN_COUNTS = ("articles_done", "articles_skipped", "articles_failed", "sentences", "events")

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

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


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[Row]:
    """The cursor's rows as dicts, with the SQL column `end_` given back its model name."""
    names = ["end" if d[0] == "end_" else d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class DuckDBStore:
    """kroniek's `Store` on a DuckDB file; also a context manager that closes it."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        _check_duckdb_version()
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"database {self.path} does not exist")
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"database {self.path} is in use by another kroniek process ({exc})"
                ) from exc
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        try:
            self._prepare()
            with self._errors("cannot read the schema of"):
                self._columns = {table: self._table_columns(table) for table in self._tables()}
        except BaseException:
            self._con.close()
            raise

    def _prepare(self) -> None:
        with self._errors("cannot read the schema version of"):
            if not self.read_only:
                before = schema.migrate(self._con, self.path)
                if 0 < before < schema.CLUSTERS_VERSION:  # events stored before clusters
                    with self._transaction("cluster the stored events"):
                        duckdb_clusters.recluster_all(self._con)
                return
            version = schema.check_version(self._con, self.path)
        if version < schema.latest_version():
            raise StoreError(
                f"database {self.path} has schema version {version} and needs migrating to "
                f"version {schema.latest_version()}; open it once for writing (kroniek run) first"
            )

    def _tables(self) -> tuple[str, ...]:
        return ("articles", *schema.ARTICLE_TABLES)

    def _table_columns(self, table: str) -> list[tuple[str, str]]:
        # Read from the live schema, so that inserts cannot drift from the migrations.
        return self._con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "AND table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()

    def close(self) -> None:
        self._con.close()

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
            raise StoreError(f"{what} database {self.path}: {exc}") from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """BEGIN ... COMMIT, rolled back on any exception, which then becomes StoreError."""
        with self._errors(f"cannot {what}: cannot begin a transaction on"):
            self._con.execute("BEGIN TRANSACTION")
        try:
            yield
            self._con.execute("COMMIT")
        except BaseException as exc:
            # A failed COMMIT has already ended the transaction, so ROLLBACK may fail too.
            with suppress(duckdb.Error):
                self._con.execute("ROLLBACK")
            if isinstance(exc, Exception) and not isinstance(exc, StoreError):
                raise StoreError(f"cannot {what} in {self.path}: {exc}") from exc
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
        self._con.execute(
            f"INSERT INTO {table} ({names}) SELECT {lists}",
            [[row[name] for row in rows] for name, _ in columns],
        )

    def _delete_articles(self, ids: list[str]) -> None:
        for table in schema.ARTICLE_TABLES:
            self._con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [ids])
        self._con.execute("DELETE FROM articles WHERE list_contains(?, id)", [ids])

    # -- runs -------------------------------------------------------------------------------

    def start_run(self, version: str, dictionary_hash: str, inputs: Sequence[str]) -> RunInfo:
        # UTC, so that runs started on machines in different time zones sort right.
        started = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        with self._errors("cannot start a run in"):
            row = self._con.execute(
                "INSERT INTO runs (started, version, dictionary_hash, inputs, status) "
                "VALUES (?, ?, ?, ?, 'running') RETURNING id",
                [started, version, dictionary_hash, to_json(list(inputs))],
            ).fetchone()
        assert row is not None
        return RunInfo(int(row[0]), started.isoformat(), version, dictionary_hash)

    def finish_run(self, run: RunInfo, counts: dict[str, int]) -> None:
        finished = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        sets = ", ".join(f"{key} = ?" for key in RUN_COUNTS)
        with self._errors(f"cannot finish run {run.id} in"):
            self._con.execute(
                f"UPDATE runs SET finished = ?, {sets}, status = 'finished' WHERE id = ?",
                [finished, *(int(counts.get(key, 0)) for key in RUN_COUNTS), run.id],
            )

    def runs(self) -> list[Row]:
        """Every run, newest first; `inputs` decoded."""
        with self._errors("cannot read runs from"):
            rows = _dicts(self._con.execute("SELECT * FROM runs ORDER BY id DESC"))
        for row in rows:
            row["inputs"] = json.loads(row["inputs"])
        return rows

    # -- articles ---------------------------------------------------------------------------

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True when this exact text was coded; failed articles are retried, so they are not."""
        with self._errors("cannot read"):
            row = self._con.execute(
                "SELECT count(*) FROM articles WHERE id = ? AND content_hash = ? "
                "AND status = 'done'",
                [article_id, content_hash],
            ).fetchone()
        return bool(row and row[0])

    def article_hash(self, article_id: str) -> str | None:
        with self._errors("cannot read"):
            row = self._con.execute(
                "SELECT content_hash FROM articles WHERE id = ?", [article_id]
            ).fetchone()
        return row[0] if row else None

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
            duckdb_clusters.recluster_articles(self._con, [doc.article.id for doc in batch])

    def save_failure(self, run: RunInfo, article: Article, stage: str, reason: str) -> None:
        """Record that an article failed, unless a coded version of it is stored already."""
        row = article_row(article, run.id, "failed")
        row.update(failure_stage=stage, failure_reason=reason)
        with self._transaction(f"save the failure of article {article.id!r}"):
            stored = self._con.execute(
                "SELECT status FROM articles WHERE id = ?", [article.id]
            ).fetchone()
            if stored and stored[0] == "done":
                return  # a coded version beats a failed attempt, whatever its hash
            self._delete_articles([article.id])
            self._insert("articles", [row])

    def save_rejection(self, run: RunInfo, origin: str, line: int | None, reason: str) -> None:
        """Record input that could not be read as an article."""
        with self._transaction(f"save the rejection of {origin}"):
            self._con.execute("INSERT INTO rejections VALUES (?, ?, ?, ?)",
                              [run.id, origin, line, reason])

    def rejections(self, run_id: int | None = None) -> list[Row]:
        sql = "SELECT run_id, origin, line, reason FROM rejections"
        params: list[object] = []
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params.append(run_id)
        return _dicts(self._con.execute(sql + " ORDER BY run_id, origin, line", params))

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
            return _dicts(self._con.execute(sql + " ORDER BY id", params))

    # -- reading ----------------------------------------------------------------------------

    def events(self, query: EventQuery) -> list[Row]:
        """Flat event rows with `cluster_id`, `article_date` and `sentence_text`, in date order."""
        where, params = _event_filters(query)
        sql = (
            "SELECT e.*, m.cluster_id, a.date AS article_date, s.text AS sentence_text "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN event_cluster_members m ON m.event_id = e.event_id "
            "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(e.date, a.date) NULLS LAST, e.article_id, e.idx"
        )
        if query.limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = max(int(query.limit), 0)
        with self._errors("cannot read events from"):
            return _dicts(self._con.execute(sql, params))

    def clusters(self, query: EventQuery) -> list[Row]:
        """One row per event cluster (kroniek.dedup): its canonical event's columns, with
        `cluster_id`, `mentions`, `articles` and `sources`; the query filters canonical events."""
        where, params = _event_filters(query)
        sql = (
            "SELECT c.id AS cluster_id, c.mentions, c.articles, c.sources, e.*, "
            "a.date AS article_date, s.text AS sentence_text FROM event_clusters c "
            "JOIN events e ON e.event_id = c.canonical_event_id "
            "JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(e.date, a.date) NULLS LAST, c.mentions DESC, c.id"
        )
        if query.limit is not None:
            sql += " LIMIT $limit"
            params["limit"] = max(int(query.limit), 0)
        with self._errors("cannot read event clusters from"):
            return _dicts(self._con.execute(sql, params))

    def article(self, article_id: str) -> Row | None:
        """The article's columns and all its rows, JSON decoded; None when it is not stored."""
        with self._errors(f"cannot read article {article_id!r} from"):
            found = _dicts(self._con.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
            if not found:
                return None
            article = found[0]
            for table in schema.ARTICLE_TABLES:
                article[table] = _dicts(
                    self._con.execute(
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

    def summary(self) -> Row:
        with self._errors("cannot summarise"):
            status = dict(
                self._con.execute("SELECT status, count(*) FROM articles GROUP BY status")
                .fetchall()
            )
            by_type = self._con.execute(
                "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
            ).fetchall()
            dyads = self._con.execute(
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

    def counts(self) -> dict[str, int]:
        """Rows per article table. Runs are left out: they grow with every run, even one that
        adds nothing, and these counts are for comparing what two databases know."""
        counts: dict[str, int] = {}
        with self._errors("cannot count rows in"):
            for table in self._tables():
                row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
                counts[table] = int(row[0]) if row else 0
        return counts


# -- Doc to rows ------------------------------------------------------------------------------


def _code(side: str) -> str:
    """SQL for an actor slot's code, country plus sector ('RUSGOV'); '' when it has neither."""
    return f"coalesce({side}_country, '') || coalesce({side}_sector, '')"


def _label(side: str) -> str:
    """SQL for how a dyad names an actor: its code, or its name when it has no code."""
    return f"CASE WHEN {_code(side)} = '' THEN {side}_name ELSE {_code(side)} END"


def _event_filters(query: EventQuery) -> tuple[list[str], dict[str, object]]:
    """SQL conditions and named parameters for a query; StoreError for a malformed date."""
    where: list[str] = []
    params: dict[str, object] = {}
    if query.actor:
        params["actor"] = query.actor.lower()
        where.append("(" + " OR ".join(
            f"contains(lower(coalesce({column}, '')), $actor)"
            for side in ("source", "target")
            for column in (f"e.{side}_name", f"e.{side}_actor_id", _code(f"e.{side}"))
        ) + ")")
    if query.country:
        params["country"] = query.country.upper()
        where.append("(e.source_country = $country OR e.target_country = $country)")
    if query.type:
        params["type"] = query.type.upper()
        where.append("upper(e.type) = $type")
    # A date is an interval at its precision: '2014' is all of 2014. Comparing both sides cut
    # to the shorter of the two keeps every event whose interval meets [since, until].
    date = "coalesce(e.date, a.date)"
    for name, op in (("since", ">="), ("until", "<=")):
        value = getattr(query, name)
        if value is None:
            continue
        if not _DATE.fullmatch(value):
            raise StoreError(f"{name} {value!r} is not a date of the form YYYY[-MM[-DD]]")
        params[name] = value
        n = f"least(length({date}), length(${name}))"
        where.append(f"left({date}, {n}) {op} left(${name}, {n})")
    if query.text:
        params["text"] = query.text.lower()
        where.append("contains(lower(coalesce(s.text, '')), $text)")
    if query.article_id:
        params["article_id"] = query.article_id
        where.append("e.article_id = $article_id")
    return where, params
