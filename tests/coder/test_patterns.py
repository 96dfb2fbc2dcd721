"""The pattern dictionary: every file loads, every rule id is unique, every type is covered."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek import plover
from kroniek.coder import PatternDictionary, default_patterns
from kroniek.coder.patterns import PATTERN_COLUMNS, load_file
from kroniek.errors import DataFileError


def test_patterns_cover_every_type() -> None:
    patterns = default_patterns().patterns
    counts = {t: sum(p.type == t for p in patterns) for t in plover.event_types()}
    assert len(patterns) >= 400
    assert min(counts.values()) >= 10, counts


def test_patterns_ids_are_unique_and_prefixed_by_type() -> None:
    patterns = default_patterns().patterns
    assert len({p.id for p in patterns}) == len(patterns)
    assert all(p.id.startswith(p.type.lower() + ".") for p in patterns)


def test_patterns_separable_verb_is_indexed_joined() -> None:
    assert any(p.type == "CONSULT" and p.mode == "phone"
               for p in default_patterns().candidates("verb", "opbellen"))


@pytest.mark.parametrize(
    ("row", "message"),
    [("x.a\t\tverb\tsu\tobj1\t\t", "trigger must be"),
     ("assault.a\tphone\tverb slaan\tsu\tobj1\t\t", "no mode of ASSAULT"),
     ("assault.a\t\tverb slaan\tsubject\tobj1\t\t", "unknown slot")],
)
def test_patterns_bad_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "assault.tsv"
    path.write_text("\t".join(PATTERN_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as caught:
        load_file(path)
    assert f"{path}:2" in str(caught.value)


def test_patterns_duplicate_ids_are_refused(tmp_path: Path) -> None:
    for name in ("assault", "coerce"):
        (tmp_path / f"{name}.tsv").write_text(
            "\t".join(PATTERN_COLUMNS) + "\nsame.id\t\tverb slaan\tsu\tobj1\t\t\n",
            encoding="utf-8",
        )
    with pytest.raises(DataFileError, match=r"duplicate pattern ids: same\.id"):
        PatternDictionary.load(tmp_path)
