"""Running the pipeline on this machine: in-process, or on N worker processes.

Each worker owns one long-lived Frog process. Coded docs flow back in order of completion to
the single writer (the calling process), which commits them to the store in batches.
"""

from __future__ import annotations

import multiprocessing.util
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from kroniek.errors import BackendError, BackendMissing
from kroniek.model import Article, Doc
from kroniek.pipeline import Pipeline

PipelineFactory = Callable[[], Pipeline]


@dataclass(frozen=True)
class Failure:
    article: Article
    stage: str
    reason: str


Outcome = Doc | Failure


def _code(pipeline: Pipeline, article: Article) -> Outcome:
    try:
        return pipeline(article)
    except BackendMissing:
        raise
    except BackendError as exc:
        return Failure(article, "analysis", str(exc))
    except Exception as exc:
        return Failure(article, "coding", f"{type(exc).__name__}: {exc}")


class InProcessEngine:
    """One worker, in this process: the simplest engine, and the one tests use most."""

    def __init__(self, factory: PipelineFactory) -> None:
        self.factory = factory

    def map(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        pipeline = self.factory()
        try:
            for article in articles:
                yield _code(pipeline, article)
        finally:
            pipeline.close()


_worker_pipeline: Pipeline | None = None


def _init_worker(factory: PipelineFactory) -> None:
    global _worker_pipeline
    _worker_pipeline = factory()
    # A pool worker ends without running atexit handlers; multiprocessing's finalizers do run,
    # and close the worker's Frog.
    multiprocessing.util.Finalize(None, _worker_pipeline.close, exitpriority=10)


def _code_in_worker(article: Article) -> Outcome:
    assert _worker_pipeline is not None
    return _code(_worker_pipeline, article)


class ProcessPoolEngine:
    """N worker processes, each with its own pipeline and Frog, fed a bounded queue."""

    def __init__(self, factory: PipelineFactory, workers: int) -> None:
        self.factory = factory
        self.workers = workers

    def map(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        in_flight: set[Future[Outcome]] = set()
        limit = self.workers * 4  # bounded, so memory does not grow with the corpus
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_init_worker, initargs=(self.factory,)
        ) as pool:
            for article in articles:
                in_flight.add(pool.submit(_code_in_worker, article))
                if len(in_flight) >= limit:
                    done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()


def default_workers() -> int:
    """One worker per core, but no more than memory allows at about 2.5 GB per Frog."""
    cores = os.cpu_count() or 1
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        by_memory = max(1, int(pages / (2.5 * 2**30)) - 1)
    except (ValueError, OSError):
        by_memory = 1
    return max(1, min(cores, by_memory))


def make_engine(factory: PipelineFactory, workers: int) -> InProcessEngine | ProcessPoolEngine:
    return InProcessEngine(factory) if workers <= 1 else ProcessPoolEngine(factory, workers)
