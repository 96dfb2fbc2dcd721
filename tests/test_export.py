"""Exports of the example corpus, coded by a real `kroniek run`: PLOVER JSON Lines, CSV and
Parquet partitioned by year and month, read back with the tools their users have."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas
import pytest

from kroniek import plover
from kroniek.adapters.duckdb_filters import BadFilter, EventFilters
from kroniek.export import ExportError, csv_columns, export
from tests.conftest import ROOT
from tests.web.conftest import build_example_store

pytestmark = pytest.mark.frog

PLOVER_FIELDS = {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                 "event_text", "quad_code", "text", "coder"}
KRONIEK_FIELDS = {"date_precision", "quad_class", "cameo_root", "score", "story_id", "sentence",
                  "factuality", "historical", "rule", "confidence", "cluster_id"}
SLOT_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text"}
LOCATION_FIELDS = {"extracted_place", "resolved_place", "lat", "lon", "country_code"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example_store(tmp_path_factory)


def stored_event_ids(store: Path) -> set[str]:
    with duckdb.connect(str(store), read_only=True) as con:
        return {row[0] for row in con.execute("SELECT event_id FROM events").fetchall()}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_plover_jsonl_holds_every_event_with_plover_field_names(store: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    n = export(store, EventFilters(), "plover-jsonl", out)
    records = read_jsonl(out)
    assert n == len(records)
    assert {r["id"] for r in records} == stored_event_ids(store)
    for record in records:
        assert set(record) == PLOVER_FIELDS | KRONIEK_FIELDS
        for slot in ("actor", "recipient"):
            assert record[slot] is None or set(record[slot]) == SLOT_FIELDS
        assert record["event_loc"] is None or set(record["event_loc"]) == LOCATION_FIELDS
        assert record["event"] in plover.event_types()


def test_plover_record_of_the_karabakh_agreement(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "arm.jsonl"
    export(store, EventFilters(dyad="ARM-AZE", type="AGREE"), "plover-jsonl", out)
    [record] = read_jsonl(out)
    assert record["actor"] == {"code": "ARM", "sector": None, "entity_text": "Armenië",
                               "identifier_id": "country:ARM", "identifier_text": "Armenia"}
    assert record["recipient"]["identifier_id"] == "country:AZE"
    assert (record["event"], record["event_text"], record["date"]) == (
        "AGREE", "gesloten", "2020-11-11")
    assert (record["quad_code"], record["cameo_root"]) == (1, "03")
    assert "akkoord gesloten" in record["text"]
    assert record["coder"] == "kroniek"


def test_plover_recipient_a_rule_inferred_has_no_entity_text(store: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "nld.jsonl"
    export(store, EventFilters(type="PROTEST", source_country="NLD"), "plover-jsonl", out)
    inferred = [r for r in read_jsonl(out)
                if r["rule"].endswith("+implicit.protest-own-government")]
    assert inferred
    assert inferred[0]["recipient"] == {
        "code": "NLD", "sector": "GOV", "entity_text": None,
        "identifier_id": "country:NLD:GOV", "identifier_text": "Netherlands (government)"}


def test_export_without_inferred_targets_keeps_only_named_targets(store: Path,
                                                                 tmp_path: Path) -> None:
    every, named = tmp_path / "every.csv", tmp_path / "named.csv"
    export(store, EventFilters(), "csv", every)
    n = export(store, EventFilters(inferred_targets=False), "csv", named)
    rows = read_csv(every)
    assert 0 < n < len(rows)
    assert read_csv(named) == [r for r in rows if "+implicit." not in r["rule"]]


def test_csv_has_cameo_root_and_quad_class_beside_the_plover_type(store: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    n = export(store, EventFilters(), "csv", out)
    with out.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert tuple(header) == csv_columns()
    assert header.index("cameo_root") == header.index("plover_mode") + 1
    rows = read_csv(out)
    assert len(rows) == n and {r["event_id"] for r in rows} == stored_event_ids(store)
    for row in rows:
        mode = row["plover_mode"] or None
        assert row["cameo_root"] == plover.cameo_root(row["plover_type"], mode)
        assert (int(row["quad_code"]), row["quad_class"]) == plover.quad(row["plover_type"])


def test_csv_takes_the_event_filters(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "maduro.csv"
    export(store, EventFilters(actor="maduro", factuality="asserted"), "csv", out)
    rows = read_csv(out)
    assert rows
    for row in rows:
        assert "Nicolás Maduro" in {row["source_name"], row["target_name"]}
        assert row["factuality"] == "asserted"


def test_parquet_is_partitioned_by_year_and_month(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export(store, EventFilters(), "parquet", out)
    folders = {p.parent.relative_to(out).as_posix() for p in out.rglob("*.parquet")}
    assert "year=2020/month=11" in folders
    assert all(f.split("/")[0].startswith("year=") and f.split("/")[1].startswith("month=")
               for f in folders)
    for row in read_csv_export(store, tmp_path):
        date = row["date"]
        month = int(date[5:7]) if len(date) >= 7 else 0
        assert f"year={int(date[:4])}/month={month}" in folders


def read_csv_export(store: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "all.csv"
    export(store, EventFilters(), "csv", out)
    return read_csv(out)


def test_parquet_reads_back_with_duckdb_and_pandas(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    n = export(store, EventFilters(), "parquet", out)
    with duckdb.connect() as con:
        back = con.execute(
            "SELECT event_id, plover_type, cameo_root, year, month, sentence_text FROM "
            "read_parquet(?, hive_partitioning = true) ORDER BY event_id",
            [str(out / "**" / "*.parquet")]).fetchall()
    frame = pandas.read_parquet(out)
    assert len(back) == len(frame) == n
    assert {row[0] for row in back} == set(frame["event_id"]) == stored_event_ids(store)
    assert set(csv_columns()) <= set(frame.columns)
    csv_rows = {r["event_id"]: r for r in read_csv_export(store, tmp_path)}
    for event_id, type_, cameo, _, _, sentence in back:
        assert (type_, cameo, sentence) == (csv_rows[event_id]["plover_type"],
                                            csv_rows[event_id]["cameo_root"],
                                            csv_rows[event_id]["sentence_text"])


def test_parquet_will_not_overwrite_a_folder_unless_forced(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    export(store, EventFilters(type="AGREE"), "parquet", out)
    with pytest.raises(ExportError, match="not empty"):
        export(store, EventFilters(), "parquet", out)
    n = export(store, EventFilters(type="ASSAULT"), "parquet", out, force=True)
    assert len(pandas.read_parquet(out)) == n


def test_per_cluster_export_has_one_row_per_cluster(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "clusters.csv"
    export(store, EventFilters(), "csv", out, per_cluster=True)
    rows = read_csv(out)
    with duckdb.connect(str(store), read_only=True) as con:
        clusters = con.execute("SELECT count(*) FROM event_clusters").fetchone()
    assert clusters is not None and len(rows) == clusters[0]
    assert tuple(rows[0]) == csv_columns(per_cluster=True)
    assert sum(int(r["cluster_mentions"]) for r in rows) == len(stored_event_ids(store))


def test_bad_date_filter_is_an_error(store: Path, tmp_path: Path) -> None:
    with pytest.raises(BadFilter, match="since"):
        export(store, EventFilters(since="2020-02-30"), "csv", tmp_path / "x.csv")


def test_cli_export_reports_count_and_bad_input(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.jsonl"
    command = [sys.executable, "-m", "kroniek.cli", "export", "--db", str(store)]
    done = subprocess.run([*command, "--format", "plover-jsonl", "--country", "VEN",
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"{len(read_jsonl(out))} events written" in done.stderr
    bad = subprocess.run([*command, "--format", "xlsx", "--out", str(tmp_path / "x")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1
    assert "unknown format 'xlsx'" in bad.stderr and "Traceback" not in bad.stderr
