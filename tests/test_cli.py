"""The command line, end to end: real Frog, real DuckDB files, real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import EXAMPLES, ROOT, SEED, kb_folder_with_a_new_minister

KRONIEK = [sys.executable, "-m", "kroniek.cli"]
EVENT_KEY = ("article_id, idx, type, mode, source_actor_id, target_actor_id, factuality, rule, "
             "trigger_start, date")


def kroniek(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KRONIEK, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, check=False)


def table(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = kroniek("run", str(SEED), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_cli_run_prints_summary_and_database(seed_db: Path) -> None:
    result = kroniek("summary", "--db", str(seed_db))
    assert "Store: 1 articles" in result.stdout
    assert "Events per type" in result.stdout and "Most active dyads" in result.stdout
    assert str(seed_db.resolve()) in result.stdout.replace("\n", "")


def test_cli_show_seed_article_with_its_events(seed_db: Path) -> None:
    result = kroniek("show", "belarus-2020-08", "--db", str(seed_db))
    assert result.returncode == 0, result.stderr
    assert "Loekasjenko" in result.stdout and "events" in result.stdout
    rules = {r[0] for r in table(seed_db, "SELECT rule FROM events")}
    assert rules and any(rule in result.stdout for rule in rules)


def test_cli_explain_shows_the_parse_and_the_pattern_that_fired(seed_db: Path) -> None:
    result = kroniek("explain", "belarus-2020-08", "--db", str(seed_db))
    assert result.returncode == 0, result.stderr
    assert "FIRED reject.weigeren on 'weigerde'" in result.stdout
    assert "mention 'Loekasjenko' -> Alexander Lukashenko BLRGOV" in result.stdout


def test_cli_explain_shows_which_rule_inferred_a_target(seed_db: Path) -> None:
    result = kroniek("explain", "belarus-2020-08", "--db", str(seed_db))
    assert ("TARGET of REJECT (reject.weigeren) inferred by implicit.counterpart: "
            "Vladimir Putin RUSGOV") in result.stdout


def test_cli_rerun_adds_nothing(seed_db: Path) -> None:
    before = table(seed_db, f"SELECT {EVENT_KEY} FROM events ORDER BY ALL")
    result = kroniek("run", str(SEED), "--db", str(seed_db))
    assert result.returncode == 0 and "1 already stored" in result.stdout
    assert table(seed_db, f"SELECT {EVENT_KEY} FROM events ORDER BY ALL") == before


def test_cli_events_filters_and_csv(seed_db: Path) -> None:
    result = kroniek("events", "--db", str(seed_db), "--country", "BLR", "--format", "csv")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert "type" in header.split(",") and rows
    assert all("BLR" in row for row in rows)


def test_cli_events_parquet_to_a_path_with_a_quote(seed_db: Path, tmp_path: Path) -> None:
    output = tmp_path / "d'n events.parquet"
    result = kroniek("events", "--db", str(seed_db), "--format", "parquet", "--output",
                     str(output))
    assert result.returncode == 0, result.stderr
    stored = table(seed_db, "SELECT count(*) FROM events")[0][0]
    quoted = str(output).replace("'", "''")
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{quoted}')").fetchall() == [(stored,)]


def test_cli_show_unknown_article_is_a_clear_error(seed_db: Path) -> None:
    result = kroniek("show", "no-such-article", "--db", str(seed_db))
    assert result.returncode == 1 and "no article 'no-such-article'" in result.stderr


def test_cli_bad_input_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("date 2021-05-01\n\nPoetin ontmoette Loekasjenko.",
                                       encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "Een."}\n{kapot\n', encoding="utf-8")
    db = tmp_path / "k.duckdb"
    result = kroniek("run", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'bad.jsonl'}:2: not valid JSON" in result.stderr
    assert {r[0] for r in table(db, "SELECT id FROM articles")} == {"good", "1"}
    assert table(db, "SELECT origin, line FROM rejections") == [(str(tmp_path / "bad.jsonl"), 2)]
    listed = kroniek("runs", "--db", str(db)).stdout
    assert f"rejected in run 1: {tmp_path / 'bad.jsonl'}:2: not valid JSON" in listed


def _uninterrupted(tmp_path: Path) -> Path:
    db = tmp_path / "whole.duckdb"
    result = kroniek("run", str(EXAMPLES / "corpus"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_cli_sigkill_halfway_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    whole = _uninterrupted(tmp_path)
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        [*KRONIEK, "run", str(EXAMPLES / "corpus"), "--db", str(db), "--batch-size", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    assert process.stderr is not None
    seen = ""
    deadline = time.monotonic() + 300
    while "5 articles coded" not in seen and time.monotonic() < deadline:
        seen += process.stderr.read(1)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its Frog, mid-run
    process.wait()
    assert "5 articles coded" in seen
    partial = table(db, "SELECT count(*) FROM articles")[0][0]
    total = table(whole, "SELECT count(*) FROM articles")[0][0]
    assert 0 < partial < total
    result = kroniek("run", str(EXAMPLES / "corpus"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert f"{partial} already stored" in result.stdout
    for sql in (
        "SELECT id, content_hash, status FROM articles ORDER BY ALL",
        f"SELECT {EVENT_KEY} FROM events ORDER BY ALL",
        "SELECT article_id, idx, start, end_, actor_id FROM mentions ORDER BY ALL",
        "SELECT article_id, idx, text FROM sentences ORDER BY ALL",
    ):
        assert table(db, sql) == table(whole, sql)
    duplicates = table(db, "SELECT article_id, idx FROM events GROUP BY ALL HAVING count(*) > 1")
    assert duplicates == []


def test_cli_two_workers_code_the_same_events_as_one(tmp_path: Path) -> None:
    one = _uninterrupted(tmp_path)
    two = tmp_path / "two.duckdb"
    result = kroniek("run", str(EXAMPLES / "corpus"), "--db", str(two), "--workers", "2")
    assert result.returncode == 0, result.stderr
    for sql in (f"SELECT {EVENT_KEY} FROM events ORDER BY ALL",
                "SELECT id, content_hash FROM articles ORDER BY ALL"):
        assert table(two, sql) == table(one, sql)


def test_cli_run_with_a_knowledge_base_folder_knows_its_people(tmp_path: Path) -> None:
    kb, article = kb_folder_with_a_new_minister(tmp_path)
    db = tmp_path / "kb.duckdb"
    result = kroniek("run", str(article), "--db", str(db), "--kb", str(kb), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert ("person:marit-bakhuis", "NLD", "GOV") in table(
        db, "SELECT actor_id, country, sector FROM mentions")


def test_cli_run_with_an_incomplete_knowledge_base_folder_stops_before_coding(
    tmp_path: Path,
) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "people.tsv").write_text("id\tname\taliases\tnote\n", encoding="utf-8")
    db = tmp_path / "never.duckdb"
    result = kroniek("run", str(SEED), "--db", str(db), "--kb", str(kb), timeout=120)
    assert result.returncode == 1
    assert f"knowledge base {kb}: no countries.tsv" in result.stderr.replace("\n", "")
    assert "Traceback" not in result.stderr
    assert not db.exists()
