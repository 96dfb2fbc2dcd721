"""Reliability of `kroniek run`: the run lock, a database that cannot be written, readers during
a run, and Frog crashing or hanging. Real processes, a real Frog and real DuckDB files; the
faults are real too (a read-only mount, a full tmpfs, SIGKILL of Frog)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.model import Article, Doc
from kroniek.run_lock import RunLock, lock_path
from tests.conftest import EXAMPLES, ROOT
from tests.test_cli import KRONIEK, kroniek, table

CORPUS = EXAMPLES / "corpus"
CORPUS_SIZE = len(list(CORPUS.glob("*.txt")))
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def stored_db(path: Path) -> Path:
    """A database with two articles in it, written without Frog."""
    with DuckDBStore(path) as store:
        run = store.start_run("test", "dict", ["handmade"])
        store.save(run, [
            Doc(Article("kept-1", "Poetin belde maandag met Loekasjenko.", "h1")),
            Doc(Article("kept-2", "De EU stelde sancties in tegen Belarus.", "h2")),
        ])
        store.finish_run(run, {"articles_done": 2})
    return path


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    return {name: table(db, f"SELECT * FROM {name} ORDER BY ALL")
            for name in ("articles", "runs", "sentences", "events")}


def assert_one_line_error(result: subprocess.CompletedProcess[str], *parts: str) -> str:
    assert result.returncode != 0
    # what comes before is the run's progress line; the error is one line of its own
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("error:"), result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in message, message
    return message


@contextlib.contextmanager
def holder(code: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    """A process that runs `code`, prints 'ready', and holds on until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", code + "\nprint('ready', flush=True)\nsys.stdin.read()\n", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        yield process
    finally:
        if process.poll() is None:
            process.communicate(timeout=60)


HOLD_RUN_LOCK = "import sys\nfrom kroniek.run_lock import RunLock\nRunLock(sys.argv[1]).acquire()"
HOLD_DUCKDB = "import sys, duckdb\ncon = duckdb.connect(sys.argv[1])"


def mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"this machine cannot mount ({done.stderr.strip()}): needs root")


@contextlib.contextmanager
def read_only_mount(path: Path) -> Iterator[None]:
    """`path` (a file or a folder) read-only, for root too, as on a read-only file system."""
    mount("--bind", str(path), str(path))
    try:
        mount("-o", "remount,ro,bind", str(path))
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


# -- the writer's connection ------------------------------------------------------------------

READ_ONCE = ("import sys, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)\n"
             "print(con.execute('SELECT count(*) FROM articles').fetchone()[0])")


def test_store_per_use_holds_no_connection_between_calls(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    with DuckDBStore(db, connect_per_use=True) as store:
        run = store.start_run("test", "dict", [])
        store.save(run, [Doc(Article("later", "Rusland viel Oekraïne aan.", "h3"))])
        reader = subprocess.run([sys.executable, "-c", READ_ONCE, str(db)], capture_output=True,
                                text=True, env=ENV, timeout=60, check=False)
        assert (reader.returncode, reader.stdout.strip()) == (0, "3"), reader.stderr


def test_store_per_use_waits_for_a_reader_to_let_go(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    store = DuckDBStore(db, connect_per_use=True, lock_wait=60)
    with holder("import sys, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)",
                str(db)) as reader:
        threading.Timer(1.0, lambda: reader.stdin and reader.stdin.close()).start()
        run = store.start_run("test", "dict", [])  # refused until the reader closes
        store.update_run(run, {"articles_done": 7})
    assert read_progress(db) == (7, "running")


# -- one run per database ---------------------------------------------------------------------


def test_second_run_refuses_naming_database_and_pid(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    before = snapshot(db)
    with holder(HOLD_RUN_LOCK, str(db)) as other:
        result = kroniek("run", str(CORPUS), "--db", str(db), timeout=120)
        assert_one_line_error(result, str(db), f"pid {other.pid}", "another kroniek run")
    assert snapshot(db) == before


def test_run_lock_is_free_again_after_its_run_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    with holder(HOLD_RUN_LOCK, str(db)) as other:
        other.kill()
        other.wait()
    with RunLock(db) as lock:
        assert lock.holder() == os.getpid()
    assert lock_path(db).exists()


def test_waiting_run_starts_when_the_other_ends(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    article = tmp_path / "protest.txt"
    article.write_text("date 2020-08-16\n\nDemonstranten protesteerden zondag in Minsk tegen "
                       "president Loekasjenko.\n", encoding="utf-8")
    with holder(HOLD_RUN_LOCK, str(db)) as other:
        waiting = subprocess.Popen([*KRONIEK, "run", str(article), "--db", str(db), "--wait"],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        assert waiting.stderr is not None
        first = waiting.stderr.readline()
        assert f"waiting for the kroniek run (pid {other.pid})" in first
        assert not db.exists()  # nothing written while it waits
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert "This run: 1 coded" in out
    assert table(db, "SELECT id, status FROM articles") == [("protest", "done")]


# -- a database that cannot be written --------------------------------------------------------


def test_read_only_database_file_is_a_clear_error_and_stays_intact(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    before = snapshot(db)
    with read_only_mount(db):
        result = kroniek("run", str(CORPUS), "--db", str(db), timeout=120)
        assert_one_line_error(result, str(db), "read-only")
    assert snapshot(db) == before


def test_read_only_folder_is_a_clear_error_and_stays_intact(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = stored_db(folder / "k.duckdb")
    before = snapshot(db)
    with read_only_mount(folder):
        result = kroniek("run", str(CORPUS), "--db", str(db), timeout=120)
        assert_one_line_error(result, str(db), "Read-only file system")
    assert snapshot(db) == before


def test_database_held_by_another_program_is_a_clear_error(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    before = snapshot(db)
    with holder(HOLD_DUCKDB, str(db)) as other:
        result = kroniek("run", str(CORPUS), "--db", str(db), "--lock-wait", "1", timeout=120)
        assert_one_line_error(result, str(db), "in use by another", f"PID {other.pid}")
    assert snapshot(db) == before


def test_full_disk_is_a_clear_error_and_keeps_what_was_stored(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=48m", "tmpfs", str(disk))
    try:
        db = stored_db(disk / "k.duckdb")
        before = snapshot(db)
        # Fill the disk but for a little room: enough to open the run, not to store the corpus.
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * (free - 64 * 1024))
        result = kroniek("run", str(CORPUS), "--db", str(db), "--batch-size", "4")
        assert_one_line_error(result, str(db), "disk is full")
        after = snapshot(db)
        for name in ("articles", "sentences", "events"):
            assert after[name] == before[name]
        assert after["runs"][: len(before["runs"])] == before["runs"]
        # With room again, the same database takes the whole corpus.
        (disk / "filler").unlink()
        result = kroniek("run", str(CORPUS), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert table(db, "SELECT count(*) FROM articles WHERE status = 'done'") == [
            (CORPUS_SIZE + 2,)]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# -- readers during a run ---------------------------------------------------------------------


def read_progress(db: Path, patience: float = 30.0) -> tuple[int, str] | None:
    """The newest run's (articles_done, status), read as a reader would: a read-only open,
    tried again while the writer holds the file for a commit."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                row = con.execute(
                    "SELECT articles_done, status FROM runs ORDER BY id DESC LIMIT 1"
                ).fetchone()
                return (int(row[0]), str(row[1])) if row else None
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_readers_see_progress_while_a_run_writes(tmp_path: Path) -> None:
    db = stored_db(tmp_path / "k.duckdb")
    run = subprocess.Popen([*KRONIEK, "run", str(CORPUS), "--db", str(db), "--batch-size", "2"],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seen: list[tuple[int, str]] = []
    while run.poll() is None:
        progress = read_progress(db)
        if progress is not None:
            seen.append(progress)
        time.sleep(0.1)
    assert run.returncode == 0, run.communicate()[1]
    during = [done for done, status in seen if status == "running"]
    assert any(0 < done < CORPUS_SIZE for done in during), seen
    assert during == sorted(during)
    assert read_progress(db) == (CORPUS_SIZE, "finished")


# -- Frog crashing or hanging -----------------------------------------------------------------


def frog_pids(pid: int) -> list[int]:
    """The Frog processes among the descendants of `pid`, found through /proc."""
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
        with contextlib.suppress(OSError):
            if Path(f"/proc/{current}/comm").read_text().strip() == "frog":
                found.append(current)
    return found


def frog_servers(pid: int) -> set[int]:
    """The Frog servers under `pid`; each forks a child per connection, left out here."""
    servers: set[int] = set()
    for found in frog_pids(pid):
        with contextlib.suppress(ProcessLookupError):
            if os.getpgid(found) == found:
                servers.add(found)
    return servers


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_run_killed_outright_takes_its_workers_and_frogs_along(tmp_path: Path) -> None:
    run = subprocess.Popen(
        [*KRONIEK, "run", str(CORPUS), "--db", str(tmp_path / "k.duckdb"), "--workers", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while len(frog_servers(run.pid)) < 2:
            assert time.monotonic() < deadline and run.poll() is None
            time.sleep(0.2)
        below = [int(c) for c in Path(f"/proc/{run.pid}/task/{run.pid}/children").read_text()
                 .split()] + frog_pids(run.pid)
        run.kill()  # the run alone, as the kernel's OOM killer would
        run.wait()
        deadline = time.monotonic() + 60
        while any(_alive(pid) for pid in below) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in below if _alive(pid)] == []
    finally:
        if run.poll() is None:
            run.kill()


def test_killing_frog_mid_run_loses_no_article(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    run = subprocess.Popen(
        [*KRONIEK, "run", str(CORPUS), "--db", str(db), "--batch-size", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert run.stderr is not None
    seen = ""
    while "3 articles coded" not in seen and run.poll() is None:
        seen += run.stderr.read(1)
    before = frog_servers(run.pid)
    assert before, "no Frog under the run"
    victim = min(before)
    os.killpg(victim, signal.SIGKILL)  # the Frog server and the child serving the worker
    while run.poll() is None and not frog_servers(run.pid) - before:
        time.sleep(0.1)
    restarted = frog_servers(run.pid) - before
    out, err = run.communicate(timeout=900)
    assert restarted, "no new Frog was started after the kill"
    assert run.returncode == 0, err
    assert f"This run: {CORPUS_SIZE} coded" in out and ", 0 failed" in out, out
    assert table(db, "SELECT count(*) FROM articles WHERE status = 'done'") == [(CORPUS_SIZE,)]


def heavy_paragraph() -> str:
    """Five sentences of about 149 tokens each (comma lists): Frog's parser takes several
    seconds on each, against well under a second for a short sentence."""
    words = [w.strip(".,:;'()") for w in (CORPUS / "belarus-2021-05.txt").read_text().split()]
    words = [w for w in words[20:] if w]

    def sentence(i: int) -> str:
        return " ".join(w + "," for w in (words[i:] + words)[:73]) + " " + words[i] + "."

    return " ".join(sentence(i * 7) for i in range(5))


def test_document_that_makes_frog_time_out_is_failed_and_listed(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-protest.txt").write_text(
        "date 2020-08-16\n\nDemonstranten protesteerden zondag in Minsk.\n", encoding="utf-8")
    (inputs / "b-heavy.txt").write_text(f"date 2020-08-17\n\n{heavy_paragraph()}\n",
                                        encoding="utf-8")
    (inputs / "c-sanctions.txt").write_text(
        "date 2020-08-18\n\nDe EU stelde sancties in tegen Belarus.\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    # A 149-token comma list takes Frog's parser seconds even when cut at sentence ends (long
    # paragraphs are); a short sentence takes well under one.
    result = kroniek("run", str(inputs), "--db", str(db), "--timeout", "5")
    assert result.returncode == 0, result.stderr
    assert "This run: 2 coded" in result.stdout and "1 failed" in result.stdout
    assert table(db, "SELECT id, status FROM articles ORDER BY id") == [
        ("a-protest", "done"), ("b-heavy", "failed"), ("c-sanctions", "done")]
    listed = kroniek("runs", "--db", str(db))
    assert "failed b-heavy" in listed.stdout and "did not answer within 5 s" in listed.stdout


# -- kroniek serve while kroniek run writes ---------------------------------------------------

API_PATHS = ("/api/runs", "/api/summary", "/api/events?limit=5", "/api/dyads", "/api/actors",
             "/api/timeseries")


def test_serve_answers_200_requests_while_a_run_writes(tmp_path: Path) -> None:
    import httpx

    from tests.test_resources import short_articles

    corpus = tmp_path / "kort.jsonl"
    # more articles than the run can code while the 200 requests are made; it is then stopped
    short_articles(corpus, count=3000)
    db = stored_db(tmp_path / "k.duckdb")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen([*KRONIEK, "serve", "--db", str(db), "--port", str(port)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run: subprocess.Popen[str] | None = None
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 60
            while True:  # until serve listens
                try:
                    client.get("/api/summary")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline and serve.poll() is None
                    time.sleep(0.2)
            run = subprocess.Popen(
                [*KRONIEK, "run", str(corpus), "--db", str(db), "--batch-size", "4"],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            assert run.stderr is not None
            run.stderr.read(len("1 articles coded"))  # Frog is up and the run is writing
            statuses: list[int] = []
            progress: set[int] = set()
            for n in range(200):
                response = client.get(API_PATHS[n % len(API_PATHS)])
                statuses.append(response.status_code)
                if response.status_code == 200 and n % len(API_PATHS) == 0:
                    newest = response.json()["items"][0]
                    if newest["status"] == "running":
                        progress.add(newest["articles_done"])
                time.sleep(0.15)
            assert run.poll() is None, "the run ended before the 200 requests did"
        assert statuses == [200] * 200
        assert len(progress) >= 2  # the requests saw commits happen in between
        run.send_signal(signal.SIGINT)  # stopped as a user would, keeping what it coded
        run.communicate(timeout=600)
        assert table(db, "SELECT status FROM runs ORDER BY id DESC LIMIT 1") == [
            ("interrupted",)]
        done = table(db, "SELECT count(*) FROM articles WHERE status = 'done'")[0][0]
        assert isinstance(done, int) and done >= max(progress)
    finally:
        for process in (run, serve):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=60)
