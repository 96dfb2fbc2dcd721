"""The time-expression lexicons: every file loads, and a bad line is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kroniek.errors import DataFileError
from kroniek.timex import find_time_expressions, load_rules
from kroniek.timex.rules import timex_data_dir

EXPECTED_FILES = {
    "anaphora.tsv", "anchor_cues.tsv", "cues.tsv", "day_parts.tsv", "decades.tsv",
    "ignore.tsv", "months.tsv", "named_events.tsv", "numerals.tsv", "period_modifiers.tsv",
    "period_parts.tsv", "periods.tsv", "relative_days.tsv", "seasons.tsv", "set_words.tsv",
    "since_words.tsv", "units.tsv", "weekdays.tsv",
}


def test_rules_every_data_file_is_loaded() -> None:
    on_disk = {p.name for p in timex_data_dir().glob("*.tsv")}
    assert on_disk == EXPECTED_FILES
    rules = load_rules()
    assert len(rules.months) >= 12 and set(rules.months.values()) == set(range(1, 13))
    assert sorted(rules.weekdays.values()) == list(range(7))
    assert rules.named_events["de annexatie van de krim"] == "2014-03"
    assert rules.relative_days["eergisteren"] == -2
    assert rules.numerals["zes"] == 6 and rules.numerals["enkele"] is None
    assert rules.units["weken"] == ("week", True)


def test_rules_readme_describes_every_file() -> None:
    readme = (timex_data_dir() / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED_FILES:
        assert f"`{name}`" in readme, name


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "timex"
    shutil.copytree(timex_data_dir(), folder)
    return folder


def test_rules_bad_value_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "months.tsv").open("a", encoding="utf-8") as handle:
        handle.write("brumaire\t13\n")
    lines = (folder / "months.tsv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(DataFileError, match=rf"months\.tsv:{lines}: 13 is not between 1 and 12"):
        load_rules(folder)


def test_rules_bad_named_event_date_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "named_events.tsv").open("a", encoding="utf-8") as handle:
        handle.write("de slag bij nergens\t2014-02-30\n")
    with pytest.raises(DataFileError, match=r"named_events\.tsv:\d+: '2014-02-30'"):
        load_rules(folder)


def test_rules_wrong_header_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "weekdays.tsv").write_text("dag\tnummer\nmaandag\t0\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"weekdays\.tsv:1: header must be word weekday"):
        load_rules(folder)


def test_rules_a_new_named_event_is_a_line_of_data(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "named_events.tsv").open("a", encoding="utf-8") as handle:
        handle.write("de fluwelen revolutie\t1989-11\n")
    found = find_time_expressions("Sinds de Fluwelen Revolutie is het land vrij.", "2020-08-20",
                                  rules=load_rules(folder))
    assert [(e.value, e.kind) for e in found] == [("1989-11", "duration")]
