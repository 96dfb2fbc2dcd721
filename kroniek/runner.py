"""A run: read the inputs, skip what is stored, code the rest, commit in batches.

The store is touched only at the start (one query for what is stored already) and once per
batch (one connection that commits the coded articles, the failures and rejections, and the
run's progress). In between, the database is free for readers such as `kroniek serve`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace

from kroniek import __version__
from kroniek.adapters.local_engine import Failure, InProcessEngine, ProcessPoolEngine
from kroniek.errors import IngestError, KroniekError
from kroniek.model import Article, Doc
from kroniek.ports import RunInfo, Store
from kroniek.stages.ingest import read_inputs

# A slow corpus (long articles, one worker) still shows its progress and keeps its work this
# often, however many articles a batch has collected.
COMMIT_EVERY_SECONDS = 30.0
# The file is free for readers (kroniek serve) at least this long between two commits: with
# short articles and two workers, batches came so fast that the run held the file nearly all
# the time and a reader waited in vain. A full batch waits for the gap and grows meanwhile.
MIN_COMMIT_GAP_SECONDS = 1.0


@dataclass
class RunCounts:
    articles_done: int = 0
    articles_skipped: int = 0
    articles_failed: int = 0
    articles_rejected: int = 0
    sentences: int = 0
    events: int = 0
    messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "articles_done": self.articles_done,
            "articles_skipped": self.articles_skipped,
            "articles_failed": self.articles_failed + self.articles_rejected,
            "sentences": self.sentences,
            "events": self.events,
        }


Progress = Callable[[RunCounts], None]
Report = Callable[[str], None]


@dataclass
class _Pending:
    """What the next commit writes."""

    docs: list[Doc] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    rejections: list[IngestError] = field(default_factory=list)
    since: float = field(default_factory=time.monotonic)

    def __len__(self) -> int:
        return len(self.docs) + len(self.failures) + len(self.rejections)

    def commit(self, store: Store, run: RunInfo, counts: RunCounts) -> None:
        with store.connected():
            store.save(run, self.docs)
            for failure in self.failures:
                store.save_failure(run, failure.article, failure.stage, failure.reason)
            for rejection in self.rejections:
                store.save_rejection(run, rejection.path, rejection.line, str(rejection))
            store.update_run(run, counts.as_dict())
        self.docs, self.failures, self.rejections = [], [], []
        self.since = time.monotonic()


def _to_code(
    paths: Sequence[str],
    stored: dict[str, tuple[str, str]],
    pending: _Pending,
    counts: RunCounts,
    report: Report,
) -> Iterator[Article]:
    """The articles to code. `stored` (id -> content hash, status) is what the store held at
    the start; the articles of this run are added to it as they go out, so that a second text
    under the same id in this run is kept too."""
    for item in read_inputs(paths):
        if isinstance(item, IngestError):
            counts.articles_rejected += 1
            report(f"rejected {item}")
            pending.rejections.append(item)
            continue
        article = item
        for key in ("encoding", "markup"):
            if key in article.metadata:
                report(f"{article.origin}: {key} {article.metadata[key]}")
        known = stored.get(article.id)
        if known is not None and known[0] != article.content_hash:
            # The same id with another text: keep both versions, never overwrite silently.
            new_id = f"{article.id}~{article.content_hash[:8]}"
            report(f"{article.origin}: id {article.id!r} is stored with another text; "
                   f"this version is stored as {new_id!r}")
            article = replace(article, id=new_id)
            known = stored.get(new_id)
        if known is not None and known[1] in ("done", "this run"):
            counts.articles_skipped += 1
            continue
        # Failed articles are tried again; their text is the same, so they keep their id.
        stored[article.id] = (article.content_hash, "this run")
        yield article


def run(
    paths: Sequence[str],
    store: Store,
    engine: InProcessEngine | ProcessPoolEngine,
    dictionary_hash: str,
    batch_size: int = 16,
    progress: Progress | None = None,
    report: Report = lambda message: None,
) -> RunCounts:
    """Code the inputs into the store. The caller holds the run lock (kroniek.run_lock)."""
    counts = RunCounts()
    with store.connected():
        info = store.start_run(__version__, dictionary_hash, list(paths))
        stored = store.stored_hashes()
    pending = _Pending()
    try:
        for outcome in engine.map(_to_code(paths, stored, pending, counts, report)):
            if isinstance(outcome, Failure):
                counts.articles_failed += 1
                report(f"failed {outcome.article.origin} ({outcome.stage}): {outcome.reason}")
                pending.failures.append(outcome)
            else:
                pending.docs.append(outcome)
                counts.articles_done += 1
                counts.sentences += len(outcome.sentences)
                counts.events += len(outcome.events)
            waited = time.monotonic() - pending.since
            if (len(pending) >= batch_size and waited >= MIN_COMMIT_GAP_SECONDS) \
                    or waited >= COMMIT_EVERY_SECONDS:
                pending.commit(store, info, counts)
            if progress:
                progress(counts)
        pending.commit(store, info, counts)
    except KeyboardInterrupt:
        # Keep what is coded and say the run stopped early; the next run resumes from here.
        with suppress(KroniekError):
            pending.commit(store, info, counts)
            store.finish_run(info, counts.as_dict(), status="interrupted")
        raise
    store.finish_run(info, counts.as_dict())
    return counts
