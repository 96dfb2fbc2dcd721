"""The interfaces between kroniek's stages and the engines at its edges.

Adapters in `kroniek.adapters` implement these; nothing else imports a third-party engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from kroniek.model import Article, Doc, Sentence


class NlpBackend(Protocol):
    """Turns an article's text into sentences of analysed tokens."""

    name: str

    def analyse(self, article: Article) -> tuple[Sentence, ...]:
        """Raises BackendError when the document cannot be analysed."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class RunInfo:
    id: int
    started: str
    version: str
    dictionary_hash: str


@dataclass(frozen=True)
class EventQuery:
    """Filters for reading events back; every field is optional."""

    actor: str | None = None  # substring of source or target actor name or code
    country: str | None = None  # source or target country
    type: str | None = None
    since: str | None = None  # event date, inclusive, 'YYYY[-MM[-DD]]'
    until: str | None = None
    text: str | None = None  # substring of the sentence
    article_id: str | None = None
    limit: int | None = None
    inferred_targets: bool = True  # False: leave out events whose target a rule inferred


class Store(Protocol):
    """Where coded articles live. Writes are per article and atomic."""

    def start_run(self, version: str, dictionary_hash: str, inputs: Sequence[str]) -> RunInfo: ...

    def update_run(self, run: RunInfo, counts: dict[str, int]) -> None:
        """The counts so far of a run that is still going."""
        ...

    def finish_run(
        self, run: RunInfo, counts: dict[str, int], status: str = "finished"
    ) -> None: ...

    def connected(self) -> AbstractContextManager[None]:
        """Hold one connection for the calls in the block (a batch commits in one)."""
        ...

    def stored_hashes(self) -> dict[str, tuple[str, str]]:
        """Every stored article: id -> (content_hash, status)."""
        ...

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True when this exact article was coded before; failed articles are retried."""
        ...

    def article_hash(self, article_id: str) -> str | None: ...

    def save(self, run: RunInfo, docs: Iterable[Doc]) -> None:
        """Store the docs in one transaction, replacing earlier versions of them."""
        ...

    def save_failure(self, run: RunInfo, article: Article, stage: str, reason: str) -> None: ...

    def save_rejection(self, run: RunInfo, origin: str, line: int | None, reason: str) -> None:
        """Input that never became an article: a malformed line, an unreadable file."""
        ...

    def runs(self) -> list[dict[str, object]]: ...

    def failures(self, run_id: int | None = None) -> list[dict[str, object]]: ...

    def rejections(self, run_id: int | None = None) -> list[dict[str, object]]: ...

    def events(self, query: EventQuery) -> list[dict[str, object]]: ...

    def article(self, article_id: str) -> dict[str, object] | None: ...

    def summary(self) -> dict[str, object]: ...

    def close(self) -> None: ...
