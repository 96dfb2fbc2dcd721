"""Throughput benchmark: raw Frog against kroniek, in one run (not part of the test suite).

    .venv/bin/python bench/throughput.py            # >= 200 articles, about 10 minutes quiet
    .venv/bin/python bench/throughput.py --quick    # 28 articles, a smoke run

The corpus is examples/corpus repeated to at least 200 articles, each copy with its own id.
It measures raw Frog (all modules, then each skip kroniek uses), kroniek with 1 and 2 workers
with selective parsing off and on, the share of sentences parsed, peak
memory (PSS, so the pages a Frog server shares with the child it forks count once) per
worker and in total, and the time to the first stored event. Beside wall-clock words per
second it reports words per CPU second of all processes involved, which other load on the
machine disturbs less. Raw Frog is timed after its start-up, kroniek from its first coded
article on (its "start s" column is the time to that article; the JSON also holds the
figures with start-up); kroniek's CPU seconds, which include Frog's start-up, are scaled by the
same share of words, which still counts start-up against kroniek. Prints a table and writes
bench/results/throughput-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kroniek.adapters.duckdb_store import DuckDBStore  # noqa: E402
from kroniek.adapters.frog import FrogBackend, process_tree  # noqa: E402
from kroniek.adapters.local_engine import make_engine  # noqa: E402
from kroniek.factory import dictionary_hash, frog_pipeline  # noqa: E402
from kroniek.runner import RunCounts  # noqa: E402
from kroniek.runner import run as run_articles  # noqa: E402
from kroniek.stages.ingest import parse_txt  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
# Frog module letters (frog --help): what each configuration skips.
RAW_CONFIGS = {
    "full": "",
    "skip a (morphology)": "a",
    "skip c (chunker)": "c",
    "skip ac (kroniek's parser)": "ac",
    "skip acn (kroniek's second-pass parser)": "acn",
    "skip acmp (kroniek's tagger)": "acmp",
}


def cpu_seconds(pid: int) -> float:
    """User and system time of a process (its finished children are sampled while alive)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:13]) / TICK


def pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class Sampler:
    """Samples the memory and CPU time of this process and all its descendants."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_total = 0
        self.peak_worker: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # last seen CPU time per process, dead ones kept
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Sampler:
        self._start_cpu = self._cpu_now()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _cpu_now(self) -> float:
        return sum(cpu_seconds(p) for p in process_tree(os.getpid()))

    def sample(self) -> None:
        me = os.getpid()
        tree = process_tree(me)
        for pid in tree:
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))
        # A worker is a direct child that is not itself a Frog; in-process, we are the worker.
        children = [int(c) for c in _children(me)]
        workers = [c for c in children if _name(c) != "frog" and
                   any(_name(p) == "frog" for p in process_tree(c)[1:])] or [me]
        total = sum(pss_bytes(p) for p in tree)
        self.peak_total = max(self.peak_total, total)
        for w in workers:
            below = process_tree(w) if w != me else tree
            size = sum(pss_bytes(p) for p in below)
            self.peak_worker[w] = max(self.peak_worker.get(w, 0), size)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def cpu_used(self) -> float:
        """CPU seconds of everything that ran, less what this process had used before."""
        return sum(self.cpu.values()) - self._start_cpu


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def build_corpus(folder: Path, minimum: int) -> tuple[int, int]:
    """examples/corpus copied under unique names until there are `minimum` articles."""
    sources = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    words = 0
    count = 0
    while count < minimum:
        for path in sources:
            text = path.read_text(encoding="utf-8")
            (folder / f"{path.stem}-copy{count // len(sources):03d}.txt").write_text(
                text, encoding="utf-8")
            words += len(parse_txt(text, path.stem, str(path)).text.split())
            count += 1
    return count, words


@dataclass
class Result:
    name: str
    words: int
    seconds: float
    cpu: float
    startup: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu if self.cpu else 0.0


def raw_frog(name: str, skip: str, texts: list[str], words: int) -> Result:
    """Frog alone: each article sent whole, as a Frog user would, after Frog has started."""
    backend = FrogBackend(skip=skip, timeout=3600, threads=None)  # Frog as Frog starts
    started = time.monotonic()
    backend.start()
    backend.request("Opwarmen.")
    startup = time.monotonic() - started
    try:
        with Sampler() as sampler:
            began = time.monotonic()
            for text in texts:
                backend.request(text)
            seconds = time.monotonic() - began
        peak = max(backend.peak_rss(), 0)
    finally:
        backend.close()
    return Result(name, words, seconds, sampler.cpu_used(), startup,
                  {"skip": skip, "peak_rss_bytes": peak, "peak_pss_bytes": sampler.peak_total})


def kroniek_run(name: str, corpus: Path, words: int, workers: int, selective: bool) -> Result:
    """A real `kroniek run` into a fresh DuckDB file; timed from the start, Frog included."""
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-") as folder:
        first_event: list[float] = []
        started = time.monotonic()

        first_article: list[float] = []

        def progress(counts: RunCounts) -> None:
            if counts.events and not first_event:
                first_event.append(time.monotonic() - started)
            if counts.articles_done and not first_article:
                first_article.append(time.monotonic() - started)

        with Sampler() as sampler:
            store = DuckDBStore(Path(folder) / "bench.duckdb")
            try:
                factory: Callable[[], Any] = _factory(selective)
                counts = run_articles([str(corpus)], store, make_engine(factory, workers),
                                      dictionary_hash(), progress=progress)
                seconds = time.monotonic() - started
            finally:
                store.close()
        con = duckdb.connect(str(Path(folder) / "bench.duckdb"), read_only=True)
        try:
            sentences, parsed = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE parsed) FROM sentences").fetchone()
        finally:
            con.close()
    # Raw Frog is timed after its start; so is this, from the first coded article on (the
    # words of that one article left out), so that start-up does not decide the ratios.
    done = counts.articles_done
    steady = (seconds - first_article[0]) if first_article and done > 1 else seconds
    steady_words = words * (done - 1) // done if first_article and done > 1 else words
    return Result(name, steady_words, steady, sampler.cpu_used() * steady_words / words,  # approx.
                  first_article[0] if first_article else 0.0, extra={
        "seconds_with_startup": seconds, "words_per_second_with_startup": words / seconds,
        "workers": workers, "selective": selective, "articles": counts.articles_done,
        "failed": counts.articles_failed, "events": counts.events, "sentences": sentences,
        "parsed": parsed, "share_parsed": (parsed / sentences) if parsed is not None and
        sentences else None, "time_to_first_event": first_event[0] if first_event else None,
        "peak_pss_total_bytes": sampler.peak_total,
        "peak_pss_per_worker_bytes": sorted(sampler.peak_worker.values(), reverse=True)[:workers],
    })


def _factory(selective: bool) -> Callable[[], Any]:
    import functools

    return functools.partial(frog_pipeline, 3600.0, selective)


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in meminfo[:3]}
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(), "ram_bytes": mem.get("MemTotal"),
        "available_bytes": mem.get("MemAvailable"), "load_before": os.getloadavg(),
        "platform": platform.platform(), "python": platform.python_version(),
        "frog": shutil.which("frog"),
    }


def _gb(n: int | None) -> str:
    return f"{n / 2**30:.2f} GB" if n else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="28 articles instead of 200")
    parser.add_argument("--articles", type=int, default=None, help="at least this many")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    minimum = args.articles or (28 if args.quick else 200)
    if shutil.which("frog") is None:
        sys.exit("Frog is not installed: apt-get install frog frogdata")
    info = machine()
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-corpus-") as folder:
        corpus = Path(folder)
        count, words = build_corpus(corpus, minimum)
        texts = [parse_txt(p.read_text(encoding="utf-8"), p.stem, str(p)).text
                 for p in sorted(corpus.glob("*.txt"))]
        print(f"corpus: {count} articles, {words} words; load {info['load_before']}",
              flush=True)
        raw = [raw_frog(name, skip, texts, words) for name, skip in RAW_CONFIGS.items()]
        for r in raw:
            print(f"  raw Frog {r.name}: {r.words_per_second:.0f} words/s", flush=True)
        off = kroniek_run("kroniek 1 worker, selection off", corpus, words, 1, False)
        print(f"  {off.name}: {off.words_per_second:.0f} words/s", flush=True)
        on = kroniek_run("kroniek 1 worker, selection on", corpus, words, 1, True)
        print(f"  {on.name}: {on.words_per_second:.0f} words/s", flush=True)
        two_off = kroniek_run("kroniek 2 workers, selection off", corpus, words, 2, False)
        print(f"  {two_off.name}: {two_off.words_per_second:.0f} words/s", flush=True)
        two = kroniek_run("kroniek 2 workers, selection on", corpus, words, 2, True)
        print(f"  {two.name}: {two.words_per_second:.0f} words/s", flush=True)
    info["load_after"] = os.getloadavg()
    full = raw[0]
    ratios = {
        "selection_on_vs_raw_full": on.words_per_second / full.words_per_second,
        "selection_off_vs_raw_full": off.words_per_second / full.words_per_second,
        "two_workers_vs_one": two_off.words_per_second / off.words_per_second,
        "two_workers_vs_one_selection_on": two.words_per_second / on.words_per_second,
        "two_workers_selection_off_vs_raw_full": two_off.words_per_second
        / full.words_per_second,
        "cpu_selection_on_vs_raw_full": on.words_per_cpu_second / full.words_per_cpu_second,
        "cpu_selection_off_vs_raw_full": off.words_per_cpu_second / full.words_per_cpu_second,
    }
    targets = {"selection_on_vs_raw_full": 2.0, "selection_off_vs_raw_full": 0.85,
               "two_workers_vs_one": 1.7}
    print()
    print(f"{'run':<40} {'words/s':>9} {'words/CPU s':>12} {'start s':>8} {'peak PSS':>10}")
    for r in [*raw, off, on, two_off, two]:
        peak = r.extra.get("peak_pss_total_bytes") or r.extra.get("peak_pss_bytes")
        print(f"{r.name:<40} {r.words_per_second:>9.0f} {r.words_per_cpu_second:>12.0f} "
              f"{r.startup:>8.1f} {_gb(peak):>10}")
    print()
    for key, value in ratios.items():
        goal = targets.get(key)
        verdict = "met" if goal is not None and value >= goal else "NOT met"
        mark = "" if goal is None else f" (target >= {goal:.2f}: {verdict})"
        print(f"{key:<32} {value:6.2f}{mark}")
    for r in (off, on, two_off, two):
        share = r.extra["share_parsed"]
        per_worker = ", ".join(_gb(b) for b in r.extra["peak_pss_per_worker_bytes"])
        print(f"{r.name}: parsed {share:.0%} of {r.extra['sentences']} sentences, "
              f"first event after {r.extra['time_to_first_event']:.1f} s, peak per worker "
              f"{per_worker}, total {_gb(r.extra['peak_pss_total_bytes'])}"
              if share is not None else r.name)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"throughput-{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps({
        "machine": info, "corpus": {"articles": count, "words": words},
        "runs": [{"name": r.name, "words": r.words, "seconds": r.seconds, "cpu_seconds": r.cpu,
                  "words_per_second": r.words_per_second,
                  "words_per_cpu_second": r.words_per_cpu_second, "startup_seconds": r.startup,
                  **r.extra} for r in [*raw, off, on, two_off, two]],
        "ratios": ratios, "targets": targets,
    }, indent=2))
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
