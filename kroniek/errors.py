"""One exception tree for kroniek.

    KroniekError
    ├── IngestError        input that cannot be read as an article (names the file and line)
    ├── BackendError       the linguistic backend failed or is missing
    │   └── BackendMissing the backend program is not installed
    ├── StoreError         the database cannot be opened or written
    │   └── RunLockedError another kroniek run is writing the database
    ├── DataFileError      a knowledge-base or dictionary file is malformed (names file and line)
    └── GoldFormatError    an evaluation gold file is malformed

The CLI is the one place that turns these into messages for the user.
"""

from __future__ import annotations


class KroniekError(Exception):
    """Base class of every error kroniek raises on purpose."""


class LocatedError(KroniekError):
    """An error in a file, named with its path and line: 'corpus/a.jsonl:3: not valid JSON'."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


class IngestError(LocatedError):
    """Input that cannot be read as an article."""


class BackendError(KroniekError):
    """The backend failed on a document (crash, time-out, unreadable output)."""


class BackendMissing(BackendError):
    """The backend program is not installed."""


class StoreError(KroniekError):
    """The store cannot be opened, locked, or written."""


class RunLockedError(StoreError):
    """Another `kroniek run` holds the database's run lock."""


class DataFileError(LocatedError):
    """A knowledge-base or dictionary file is malformed."""
