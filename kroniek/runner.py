"""A run: read the inputs, skip what is stored, code the rest, commit in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from kroniek import __version__
from kroniek.adapters.local_engine import Failure, InProcessEngine, ProcessPoolEngine
from kroniek.errors import IngestError
from kroniek.model import Article, Doc
from kroniek.ports import RunInfo, Store
from kroniek.stages.ingest import read_inputs


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


def _to_code(
    paths: Sequence[str], store: Store, run: RunInfo, counts: RunCounts, report: Report
) -> Iterator[Article]:
    seen: set[str] = set()
    for item in read_inputs(paths):
        if isinstance(item, IngestError):
            counts.articles_rejected += 1
            report(f"rejected {item}")
            store.save_rejection(run, item.path, item.line, str(item))
            continue
        article = item
        for key in ("encoding", "markup"):
            if key in article.metadata:
                report(f"{article.origin}: {key} {article.metadata[key]}")
        stored = store.article_hash(article.id)
        if stored is not None and stored != article.content_hash:
            # The same id with another text: keep both versions, never overwrite silently.
            new_id = f"{article.id}~{article.content_hash[:8]}"
            report(f"{article.origin}: id {article.id!r} is stored with another text; "
                   f"this version is stored as {new_id!r}")
            article = replace(article, id=new_id)
        if article.id in seen or store.has_article(article.id, article.content_hash):
            counts.articles_skipped += 1
            continue
        seen.add(article.id)
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
    counts = RunCounts()
    info = store.start_run(__version__, dictionary_hash, list(paths))
    batch: list[Doc] = []
    for outcome in engine.map(_to_code(paths, store, info, counts, report)):
        if isinstance(outcome, Failure):
            counts.articles_failed += 1
            report(f"failed {outcome.article.origin} ({outcome.stage}): {outcome.reason}")
            store.save_failure(info, outcome.article, outcome.stage, outcome.reason)
        else:
            batch.append(outcome)
            counts.articles_done += 1
            counts.sentences += len(outcome.sentences)
            counts.events += len(outcome.events)
            if len(batch) >= batch_size:
                store.save(info, batch)
                batch = []
        if progress:
            progress(counts)
    if batch:
        store.save(info, batch)
    store.finish_run(info, counts.as_dict())
    return counts
