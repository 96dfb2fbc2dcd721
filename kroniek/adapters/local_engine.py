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

from kroniek.adapters.lifetime import die_with_parent
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
    """One worker, in this process: the simplest engine, and the one tests use most.

    Articles are analysed and coded one after the other. Analysing the next article in a
    thread while the stages code this one was tried and measured: the same speed (1.00-1.05x
    on the example corpus, quiet machine), so it is not done.
    """

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
    # A run killed outright takes its workers along, and they their Frogs; otherwise an
    # orphaned worker would keep its Frog waiting forever.
    die_with_parent()
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


# Resident memory of one worker, measured (PSS of the Frog server and the child it forks per
# connection, on news articles, FROG_NOTES.md): the tagging Frog 0.9 GB, the parsing Frog 1.5 GB
# with headroom to 2.0 GB for long sentences under the parser cap, the Python side 0.4 GB.
TAGGER_BYTES = int(0.9 * 2**30)
PARSER_BYTES = int(2.0 * 2**30)
PYTHON_BYTES = int(0.4 * 2**30)
# Memory left for everything else on the machine.
MEMORY_RESERVE = 0.1


def worker_bytes(selective: bool = True) -> int:
    """The memory one worker needs: with selective parsing it runs a tagger and a parser."""
    return PARSER_BYTES + PYTHON_BYTES + (TAGGER_BYTES if selective else 0)


def available_memory() -> int:
    """Bytes the kernel says can be used without swapping (MemAvailable), else all RAM."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(selective: bool = False) -> int:
    """One worker per core, but no more than the available memory holds: on a 2-core machine
    with 24 GB that is 2; with 6 GB available, 1 (3.3 GB per selective worker)."""
    by_memory = int(available_memory() * (1 - MEMORY_RESERVE)) // worker_bytes(selective)
    return max(1, min(usable_cores(), by_memory))


def make_engine(factory: PipelineFactory, workers: int) -> InProcessEngine | ProcessPoolEngine:
    return InProcessEngine(factory) if workers <= 1 else ProcessPoolEngine(factory, workers)
