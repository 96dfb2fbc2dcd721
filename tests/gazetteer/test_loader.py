"""Every gazetteer data file loads, and a bad row is reported with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kroniek.errors import DataFileError
from kroniek.gazetteer import build_gazetteer, default_gazetteer
from kroniek.gazetteer.loader import EXONYM_COLUMNS, load_exonyms
from kroniek.kb.loader import data_dir, load_places
from kroniek.stages.where import load_cues

PLACES = data_dir() / "places"


def test_every_places_file_loads() -> None:
    assert {p.name for p in PLACES.glob("*.tsv")} == {"places.tsv", "exonyms.tsv", "cues.tsv"}
    assert len(load_places(PLACES / "places.tsv")) >= 50
    assert len(load_exonyms(PLACES / "exonyms.tsv")) >= 50
    cues = load_cues(PLACES / "cues.tsv")
    assert "in" in cues.words("at") and "vliegveld" in cues.words("place-noun")


def test_every_exonym_resolves_to_its_row() -> None:
    gazetteer = default_gazetteer()
    for line, name_en, country, names in load_exonyms(PLACES / "exonyms.tsv"):
        for name in names:
            place = gazetteer.resolve(name)
            assert place is not None, f"exonyms.tsv:{line}: {name}"
            assert (place.name, place.country) == (name_en, country), f"exonyms.tsv:{line}"


def test_every_hand_written_place_resolves_to_itself() -> None:
    gazetteer = default_gazetteer()
    for known in load_places(PLACES / "places.tsv"):
        place = gazetteer.resolve(known.name_en)
        assert place is not None and place.name == known.name_en, known.name_en


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "places"
    shutil.copytree(PLACES, folder)
    return folder


def test_exonym_for_an_unknown_place_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / "exonyms.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Atlantis\tGRC\tAtlantis\n")
    lines = (folder / "exonyms.tsv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(DataFileError, match=rf"exonyms.tsv:{lines}: no place 'Atlantis'"):
        build_gazetteer(folder)


def test_exonyms_with_a_bad_header_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "exonyms.tsv"
    path.write_text("name\tcountry\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"exonyms.tsv:1: header must be"):
        load_exonyms(path)


def test_exonym_with_a_bad_country_code_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "exonyms.tsv"
    path.write_text("\t".join(EXONYM_COLUMNS) + "\nMoscow\tRU\tMoskou\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"exonyms.tsv:2: bad country code 'RU'"):
        load_exonyms(path)


def test_cue_of_an_unknown_kind_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.tsv"
    path.write_text("word\tkind\tcountry\ttypes\tnote\nin\tat\tyes\t\t\n"
                    "naast\tbeside\tno\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"cues.tsv:3: kind must be one of"):
        load_cues(path)
