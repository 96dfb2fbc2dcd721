"""No leak: coding 1,000 articles keeps each worker's memory (its Python process plus its Frog)
within 10% of what it reached over the first 100 articles. Real `kroniek run`, real Frog; the
articles are short real Dutch, sentences of the example corpus recombined."""

from __future__ import annotations

import contextlib
import json
import random
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.test_cli import KRONIEK, table
from tests.test_reliability import frog_pids

ARTICLES = 1000
WARM_UP = 100
# One worker: it codes in the run's own process, so that process and its Frogs are measured.
# (More workers are pool processes, each found under the run with its own Frogs.)
WORKERS = 1


def short_articles(path: Path, count: int = ARTICLES) -> None:
    """`count` articles of two or three sentences each, one JSON line each."""
    sentences: list[str] = []
    for source in sorted((EXAMPLES / "corpus").glob("*.txt")):
        body = source.read_text(encoding="utf-8").split("\n", 1)[1]
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body)
                      if 40 <= len(s.strip()) <= 200]
    pick = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = " ".join(pick.sample(sentences, pick.choice((2, 3))))
            out.write(json.dumps({"id": f"kort-{n:04d}", "date": "2021-05-29", "text": text},
                                 ensure_ascii=False) + "\n")


def rss(pid: int) -> int:
    """Resident memory of one process in bytes; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def workers_of(run: int) -> list[int]:
    """The processes that code: the run itself with one worker, else its pool workers (its
    child processes that have a Frog of their own)."""
    if WORKERS == 1:
        return [run]
    children: list[int] = []
    for task in Path(f"/proc/{run}/task").glob("*"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in (task / "children").read_text().split()]
    return [child for child in children if frog_pids(child)]


class Sampler(threading.Thread):
    """Every half second: how many articles are coded, and each worker's Python + Frog RSS."""

    def __init__(self, run: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.run_process = run
        self.coded = 0
        self.samples: list[tuple[int, dict[int, int]]] = []

    def read_progress(self) -> None:
        assert self.run_process.stderr is not None
        text = ""
        while chunk := self.run_process.stderr.read(1):
            text = (text + chunk)[-200:]
            found = re.findall(r"(\d+) articles coded", text)
            if found:
                self.coded = int(found[-1])

    def run(self) -> None:
        threading.Thread(target=self.read_progress, daemon=True).start()
        while self.run_process.poll() is None:
            memory = {w: rss(w) + sum(rss(f) for f in frog_pids(w))
                      for w in workers_of(self.run_process.pid)}
            if memory:
                self.samples.append((self.coded, memory))
            time.sleep(0.5)


@pytest.mark.timeout(3600)
def test_memory_of_each_worker_stays_flat_over_1000_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "kort.jsonl"
    short_articles(corpus)
    db = tmp_path / "k.duckdb"
    run = subprocess.Popen([*KRONIEK, "run", str(corpus), "--db", str(db),
                            "--workers", str(WORKERS)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(run)
    sampler.start()
    out = run.stdout.read() if run.stdout else ""
    run.wait(timeout=3600)
    sampler.join(timeout=30)
    assert run.returncode == 0, out
    assert table(db, "SELECT count(*) FROM articles WHERE status = 'done'") == [(ARTICLES,)]

    workers = {w for _, memory in sampler.samples for w in memory}
    assert len(workers) == WORKERS  # the same workers throughout: none died and came back
    for worker in workers:
        warm = [m[worker] for coded, m in sampler.samples if coded <= WARM_UP and worker in m]
        later = [m[worker] for coded, m in sampler.samples if coded > WARM_UP and worker in m]
        assert warm and later
        level, peak = max(warm), max(later)
        print(f"worker {worker}: {max(warm) / 2**20:.0f} MiB after {WARM_UP} articles, "
              f"peak {peak / 2**20:.0f} MiB over {ARTICLES}, {len(later)} samples")
        assert peak <= level * 1.10
