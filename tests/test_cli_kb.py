"""`kroniek kb`: the sub-app mounted on a bare typer app, run with typer's CliRunner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kroniek.cli_kb import kb_app
from tests.kb.test_wikidata import EXCERPT, write_dump

app = typer.Typer()
app.add_typer(kb_app, name="kb")
runner = CliRunner()


def cells(output: str, needle: str) -> list[str]:
    """The cells of the first table row that contains `needle`."""
    line = next(line for line in output.splitlines() if needle in line and "│" in line)
    return [cell.strip() for cell in line.split("│")[1:-1]]


def count(output: str, label: str) -> int:
    return int(cells(output, label)[1])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Loekasjenko", "--date", "2020-08-15"],
         ["person", "alexander-lukashenko", "Alexander Lukashenko", "exact: Loekasjenko", "1.0",
          "BLR", "GOV", "president"]),
        # Lukaschenko is written in people.tsv, so it matches exactly, not by its key.
        (["Lukaschenko", "--date", "2020-08-15"],
         ["person", "alexander-lukashenko", "Alexander Lukashenko", "exact: Lukaschenko", "1.0",
          "BLR", "GOV", "president"]),
        (["Lukaszenka", "--date", "2020-08-15"],
         ["person", "alexander-lukashenko", "Alexander Lukashenko",
          "key lukashenko: Loekasjenko (+5 more)", "0.8", "BLR", "GOV", "president"]),
        (["Janoekovitsj", "--date", "2020-08-15"],
         ["person", "viktor-yanukovych", "Viktor Yanukovych", "exact: Janoekovitsj", "1.0", "UKR",
          "ELI", "former president"]),
        (["de Russische president", "--date", "2009-06-01"],
         ["person", "dmitry-medvedev", "Dmitry Medvedev",
          "role noun; noun president: president (head_of_state); adjective Russische: RUS",
          "0.6", "RUS", "GOV", "president"]),
        (["Russische militairen", "--date", "2009"],
         ["group", "group:RUS:MIL:militair", "militair",
          "role noun; noun militairen: militair; adjective Russische: RUS", "0.6", "RUS", "MIL",
          ""]),
    ],
)
def test_cli_kb_lookup_shows_the_match_and_the_actor_on_the_date(
    args: list[str], expected: list[str]
) -> None:
    result = runner.invoke(app, ["kb", "lookup", *args])
    assert result.exit_code == 0, result.output
    assert cells(result.stdout, expected[1]) == expected


@pytest.mark.parametrize("name", ["Blablabla"])
def test_cli_kb_lookup_says_when_nothing_matches(name: str) -> None:
    result = runner.invoke(app, ["kb", "lookup", name])
    assert result.exit_code == 0 and f"No knowledge-base entry for '{name}'." in result.stdout


@pytest.mark.parametrize("day", ["2020-13-01", "15-08-2020", "gisteren"])
def test_cli_kb_lookup_rejects_a_bad_date(day: str) -> None:
    result = runner.invoke(app, ["kb", "lookup", "Poetin", "--date", day])
    assert result.exit_code == 1 and "error: --date must be YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize(
    ("label", "least"),
    [("countries (current)", 196), ("people", 400), ("role nouns", 150), ("organisations", 40),
     ("aliases", 1000)],
)
def test_cli_kb_stats_counts_the_packaged_knowledge_base(label: str, least: int) -> None:
    result = runner.invoke(app, ["kb", "stats"])
    assert result.exit_code == 0, result.output
    assert count(result.stdout, f" {label} ") >= least


def test_cli_kb_stats_counts_historical_countries() -> None:
    output = runner.invoke(app, ["kb", "stats"]).stdout
    assert count(output, "countries (current)") + count(output, "countries (historical)") >= 200


def test_cli_kb_stats_lists_ten_countries_by_people() -> None:
    output = runner.invoke(app, ["kb", "stats"]).stdout
    table = output.split("People per country")[1]
    rows = [line for line in table.splitlines() if re.match(r"│ [A-Z]{3} ", line)]
    assert len(rows) == 10 and any(line.startswith("│ RUS ") for line in rows)


@pytest.mark.parametrize("command", [["stats"], ["lookup", "Poetin"]])
def test_cli_kb_reports_a_missing_knowledge_base(tmp_path: Path, command: list[str]) -> None:
    result = runner.invoke(app, ["kb", *command, "--kb", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "error:" in result.stderr


def test_cli_kb_import_wikidata_prints_counts_and_warnings(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "dump.json.bz2", EXCERPT)
    result = runner.invoke(app, ["kb", "import-wikidata", str(dump), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"2 people, 2 roles, \d{3} countries \(1 from the dump\), 1 organisations; "
                     r"0 people skipped .*; 1 warnings\.", result.stdout)
    assert "warning: line 4: not JSON" in result.stderr


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [("Mjasnikovitsj", "2012-06-01",
      ["person", "wd-Q900002", "Mikhail Myasnikovich", "exact: Mjasnikovitsj", "1.0", "BLR",
       "GOV", "premier van Belarus"])],
)
def test_cli_kb_lookup_in_an_imported_knowledge_base(
    tmp_path: Path, name: str, day: str, expected: list[str]
) -> None:
    dump = write_dump(tmp_path / "dump.json", EXCERPT)
    runner.invoke(app, ["kb", "import-wikidata", str(dump), "--out", str(tmp_path / "kb")])
    result = runner.invoke(app, ["kb", "lookup", name, "--date", day, "--kb", str(tmp_path / "kb")])
    assert cells(result.stdout, expected[1]) == expected


def test_cli_kb_import_wikidata_reports_a_missing_dump(tmp_path: Path) -> None:
    result = runner.invoke(app, ["kb", "import-wikidata", str(tmp_path / "no.json.gz"),
                                 "--out", str(tmp_path)])
    assert result.exit_code == 1 and "cannot read the dump" in result.stderr
