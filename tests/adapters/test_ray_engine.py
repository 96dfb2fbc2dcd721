"""The Ray engine on a real local Ray runtime with 2 CPUs and real Frog actors: it codes the
example corpus into Parquet, `load` brings that into DuckDB, and the events are exactly those
of the local engine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import ray

from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.adapters.local_engine import InProcessEngine
from kroniek.adapters.parquet_io import load
from kroniek.adapters.ray_engine import input_files, run_ray
from kroniek.factory import frog_pipeline
from kroniek.ports import EventQuery
from kroniek.runner import run
from tests.conftest import kb_folder_with_a_new_minister

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"

# The local run and the Ray run of 14 articles take about 7 minutes on an idle 2-core machine.
pytestmark = [pytest.mark.frog, pytest.mark.timeout(1800)]

EventKey = tuple[str, int, str, str, str, str, str, str]


def event_keys(db: Path) -> list[EventKey]:
    with DuckDBStore(db, read_only=True) as store:
        rows = store.events(EventQuery())
    return sorted(
        (str(r["article_id"]), int(r["sentence"]), str(r["type"]), str(r["mode"] or ""),
         str(r["source_actor_id"] or ""), str(r["target_actor_id"] or ""),
         str(r["factuality"]), str(r["rule"]))
        for r in rows
    )


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus coded by the local engine, before Ray starts (memory: its Frog is
    closed when the run ends)."""
    path = tmp_path_factory.mktemp("local") / "local.duckdb"
    with DuckDBStore(path) as store:
        run([str(CORPUS)], store, InProcessEngine(frog_pipeline), "test")
    return path


@pytest.fixture(scope="module")
def parquet_dir(local_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("ray") / "out"
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=256 * 2**20)
    try:
        counts = run_ray([str(CORPUS)], out, "test", workers=2, batch_size=4)
    finally:
        ray.shutdown()
    assert counts.articles_done == len(list(CORPUS.glob("*.txt")))
    yield out


def test_ray_engine_codes_the_same_events_as_the_local_engine(
    local_db: Path, parquet_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ray.duckdb"
    DuckDBStore(db).close()
    load(parquet_dir, db)
    expected = event_keys(local_db)
    assert expected
    assert event_keys(db) == expected


def test_ray_engine_load_twice_adds_nothing(parquet_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "ray.duckdb"
    DuckDBStore(db).close()
    first = load(parquet_dir, db)
    with DuckDBStore(db, read_only=True) as store:
        before = store.counts()
    second = load(parquet_dir, db)
    with DuckDBStore(db, read_only=True) as store:
        after = store.counts()
    assert first.articles_loaded == 14 and second.articles_loaded == 0
    assert second.articles_skipped == 14
    assert after == before


def test_ray_engine_writes_one_parquet_folder_per_table(parquet_dir: Path) -> None:
    import pyarrow.parquet as pq

    events = pq.read_table(parquet_dir / "events")
    articles = pq.read_table(parquet_dir / "articles")
    assert {"event_id", "type", "source_actor_id", "rule"} <= set(events.column_names)
    assert sorted(articles.column("id").to_pylist()) == sorted(p.stem for p in
                                                                CORPUS.glob("*.txt"))
    assert json.loads((parquet_dir / "manifest.json").read_text())["dictionary_hash"] == "test"


def test_ray_engine_load_keeps_a_changed_text_as_a_second_version(
    parquet_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "changed.duckdb"
    DuckDBStore(db).close()
    load(parquet_dir, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET content_hash = 'older' WHERE id = 'mali-2022-02'")
    con.close()
    assert load(parquet_dir, db).articles_renamed == 1
    with DuckDBStore(db, read_only=True) as store:
        ids = [str(e["event_id"]) for e in store.events(EventQuery())]
    original = [i for i in ids if i.startswith("mali-2022-02:")]
    second = [i for i in ids if i.startswith("mali-2022-02~")]
    assert original and len(second) == len(original)


def test_ray_engine_input_files_takes_folders_parquet_and_reports_missing_paths(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text("date 2020-08-20\n\nPoetin belde Loekasjenko.\n")
    (tmp_path / "b.parquet").write_bytes(b"")
    files, errors = input_files([str(tmp_path), str(tmp_path / "missing.txt"), "-"])
    assert sorted(Path(f).name for f in files) == ["a.txt", "b.parquet"]
    assert [e.path for e in errors] == [str(tmp_path / "missing.txt"), "-"]


def test_ray_engine_actors_resolve_with_the_knowledge_base_folder_given(tmp_path: Path) -> None:
    kb, article = kb_folder_with_a_new_minister(tmp_path)
    out = tmp_path / "out"
    ray.init(num_cpus=1, include_dashboard=False, object_store_memory=128 * 2**20)
    try:
        counts = run_ray([str(article)], out, "test", workers=1, batch_size=1,
                         kb_folder=str(kb))
    finally:
        ray.shutdown()
    assert counts.articles_done == 1
    mentions = duckdb.sql(f"SELECT actor_id, country, sector FROM "
                          f"read_parquet('{out}/mentions/*.parquet')").fetchall()
    assert ("person:marit-bakhuis", "NLD", "GOV") in mentions
