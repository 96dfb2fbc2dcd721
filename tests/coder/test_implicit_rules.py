"""The implicit-target rules file: it loads, and a bad row is named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.coder.implicit_rules import RULE_COLUMNS, load_rules
from kroniek.errors import DataFileError

GOOD = ("implicit.protest-own-government", "PROTEST", "", "CVL,LAB", "government",
        "Boeren protesteren: against their own government")


def test_shipped_rules_load_and_each_names_a_type_and_a_target() -> None:
    rules = load_rules()
    assert {r.id for r in rules} >= {"implicit.protest-own-government",
                                     "implicit.emergency-own-country", "implicit.counterpart"}
    assert all(r.types and r.target for r in rules)


def test_rule_applies_only_to_its_types_modes_and_source_sectors() -> None:
    emergency = next(r for r in load_rules() if r.id == "implicit.emergency-own-country")
    assert emergency.applies("COERCE", "martial-law", "GOV")
    assert not emergency.applies("COERCE", "arrest", "GOV")
    assert not emergency.applies("COERCE", "martial-law", "CVL")


def test_a_state_without_sector_is_written_as_a_dash() -> None:
    counterpart = next(r for r in load_rules() if r.id == "implicit.counterpart")
    assert counterpart.applies("REJECT", None, None)


def _write(tmp_path: Path, *rows: tuple[str, ...]) -> Path:
    path = tmp_path / "targets.tsv"
    lines = ["\t".join(RULE_COLUMNS)] + ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("row", "message"), [
    (("implicit.x", "PROTESTS", "", "CVL", "government", "n"), "not a PLOVER type"),
    (("implicit.x", "PROTEST", "arrest", "CVL", "government", "n"), "no mode of PROTEST"),
    (("implicit.x", "PROTEST", "", "CIV", "government", "n"), "sources must be sectors"),
    (("implicit.x", "PROTEST", "", "CVL", "president", "n"), "target must be one of"),
    (("protest.x", "PROTEST", "", "CVL", "government", "n"), "must start with 'implicit.'"),
    (("implicit.x", "PROTEST", "", "CVL", "government", ""), "needs a note"),
])
def test_bad_row_is_reported_with_file_and_line(
    tmp_path: Path, row: tuple[str, ...], message: str
) -> None:
    path = _write(tmp_path, GOOD, row)
    with pytest.raises(DataFileError, match=message) as caught:
        load_rules(path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="be unique"):
        load_rules(_write(tmp_path, GOOD, GOOD))
