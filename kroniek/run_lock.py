"""One `kroniek run` per database: an advisory lock on a file next to it.

The run holds `DB.lock` (fcntl.flock) from start to end. The kernel drops the lock when the
process dies, even by SIGKILL, so a crashed run never leaves a database locked. The file keeps
the pid of the run that holds it, so that the second run can say whom it is waiting for.
A run holds its DuckDB connection only while it commits (so that readers get in between); this
lock is what keeps a second writer out for the rest of the time.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from kroniek.errors import RunLockedError, StoreError


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class RunLock:
    """`with RunLock(db): ...` — raises RunLockedError when another run holds the database,
    or, with `wait=True`, waits for it (calling `waiting(pid)` once before it does)."""

    def __init__(
        self, db: str | Path, wait: bool = False,
        waiting: Callable[[int | None], None] = lambda pid: None,
    ) -> None:
        self.db = Path(db)
        self.path = lock_path(self.db)
        self.wait = wait
        self.waiting = waiting
        self._fd: int | None = None

    def holder(self) -> int | None:
        """The pid written by the run that holds (or last held) the lock."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(
                f"cannot create the run lock {self.path} for database {self.db}: "
                f"{exc.strerror or exc}"
            ) from exc
        try:
            self._lock(fd)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _lock(self, fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        # The holder may not have written its pid yet: give it a moment before naming it.
        time.sleep(0.05)
        pid = self.holder()
        if not self.wait:
            who = f"pid {pid}" if pid else "another process"
            raise RunLockedError(
                f"database {self.db} is being written by another kroniek run ({who}); "
                "wait for it to finish, or use --wait to start when it does"
            )
        self.waiting(pid)
        fcntl.flock(fd, fcntl.LOCK_EX)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            # The file stays: unlinking it would let a waiting run lock a file nobody else sees.
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
