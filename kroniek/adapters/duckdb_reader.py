"""Short-lived read-only connections to the DuckDB store.

Every read opens its own read-only connection and closes it at once: DuckDB lets one process
write a file, and while any other process holds it open (even read-only) the writer cannot
take it. `kroniek run` holds its connection only while it commits a batch, so a reader that
finds the file locked waits a little and tries again before giving up with `StoreBusy`.

A path with no database yet reads as an empty store.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from kroniek.adapters import duckdb_schema as schema
from kroniek.errors import StoreError

Row = dict[str, Any]

# How long a reader waits for a writer to let go of the file, in total, and its first pause.
LOCK_WAIT_SECONDS = 10.0
FIRST_PAUSE_SECONDS = 0.05

class StoreBusy(StoreError):
    """The database stayed locked by a writer for longer than a reader waits."""




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
