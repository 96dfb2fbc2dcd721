"""The PLOVER ontology data: complete, consistent with PLOVER.md, and true to the manual."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek import plover
from kroniek.errors import DataFileError

DATA = Path(plover.__file__).parent / "data" / "plover"

# The type/mode table of /work/shared/PLOVER.md, copied here so that a data edit that drops a
# mode kroniek's coder relies on fails a test.
PLOVER_MD_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    ),
}

QUADS = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}

# PLOVER_MANUAL.tex v0.8 (openeventdata/PLOVER@6b85b9a7), table tab:ploverscores.
# REQUEST is the manual's DEMAND row, COOPERATE its COOPERATION row.
MANUAL_SCORES = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
    "THREATEN": -5.1, "REQUEST": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1,
    "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4,
    "RETREAT": 7.6,
}


def test_packaged_files_load() -> None:
    types = plover.event_types()
    assert types
    for name in types:
        plover.modes(name)
    assert plover.read_types(DATA / "types.tsv") == types


def test_sixteen_types_in_plover_md() -> None:
    assert set(plover.event_types()) == set(PLOVER_MD_MODES)
    assert len(plover.event_types()) == 16


@pytest.mark.parametrize(
    ("type_", "mode"), [(t, m) for t, ms in PLOVER_MD_MODES.items() for m in ms]
)
def test_every_plover_md_mode_is_valid(type_: str, mode: str) -> None:
    assert plover.is_valid(type_, mode)
    assert mode in plover.modes(type_)


def test_types_without_modes_in_plover_md_have_none() -> None:
    for name, listed in PLOVER_MD_MODES.items():
        if not listed:
            assert plover.modes(name) == {}


def test_validity_edges() -> None:
    assert plover.is_valid("ASSAULT", None)
    assert plover.is_valid("AGREE")
    assert not plover.is_valid("ASSAULT", "visit")
    assert not plover.is_valid("DEMAND", None)
    assert not plover.is_valid("assault", None)


def test_quads() -> None:
    codes = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
             "material conflict": 4}
    for quad_class, names in QUADS.items():
        for name in names:
            assert plover.quad(name) == (codes[quad_class], quad_class)
    assert plover.quad("SANCTION") == (4, "material conflict")


def test_scores_are_the_manuals() -> None:
    for name, value in MANUAL_SCORES.items():
        assert plover.score(name) == pytest.approx(value)
    assert plover.score("ASSAULT") == pytest.approx(-9.3)
    assert plover.score("AID") == pytest.approx(7.4)


def test_mode_without_own_score_uses_type_score() -> None:
    assert plover.modes("ASSAULT")["firearms"].score is None
    assert plover.score("ASSAULT", "firearms") == plover.score("ASSAULT")


def test_scores_within_range() -> None:
    for event_type in plover.event_types().values():
        assert -10.0 <= event_type.score <= 10.0
        for mode in plover.modes(event_type.name).values():
            assert -10.0 <= plover.score(event_type.name, mode.name) <= 10.0


def test_cameo_roots() -> None:
    assert plover.cameo_root("ASSAULT", "unconventional") == "20"
    assert plover.cameo_root("ASSAULT", "firearms") == "19"
    assert plover.cameo_root("ASSAULT", "abduct") == "18"
    assert plover.cameo_root("ASSAULT") == "18"
    assert plover.cameo_root("CONCEDE") == "08"
    assert plover.cameo_root("RETREAT") == "08"
    assert plover.cameo_root("RETREAT", "release") == "08"
    assert plover.cameo_root("ACCUSE", "investigate") == "09"
    assert plover.cameo_root("ACCUSE", "disapprove") == "11"
    assert plover.cameo_root("ACCUSE") == "11"
    assert plover.cameo_root("SANCTION") == "16"
    assert plover.cameo_root("REQUEST") == "10"
    assert plover.event_types()["ASSAULT"].cameo_roots == ("18", "19", "20")
    assert set(plover.event_types()["ACCUSE"].cameo_roots) == {"09", "11"}


def test_plover_md_cameo_mapping() -> None:
    expected = {
        "AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"},
        "AID": {"07"}, "CONCEDE": {"08"}, "RETREAT": {"08"}, "ACCUSE": {"09", "11"},
        "REQUEST": {"10"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
        "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"},
        "ASSAULT": {"18", "19", "20"},
    }
    for name, roots in expected.items():
        assert set(plover.event_types()[name].cameo_roots) == roots


def test_unknown_type_or_mode_raises() -> None:
    with pytest.raises(KeyError):
        plover.score("DEMAND")
    with pytest.raises(KeyError):
        plover.score("ASSAULT", "visit")
    with pytest.raises(KeyError):
        plover.cameo_root("ASSAULT", "visit")
    with pytest.raises(KeyError):
        plover.modes("CRIME")


def test_returned_dicts_are_copies() -> None:
    plover.event_types().clear()
    plover.modes("ASSAULT").clear()
    assert len(plover.event_types()) == 16
    assert plover.modes("ASSAULT")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TYPES_HEAD = "\t".join(plover.TYPES_HEADER) + "\n"
MODES_HEAD = "\t".join(plover.MODES_HEADER) + "\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("AID\tmaterial cooperation\t2\t07\t7.4\tsrc\n"
         "AID\tmaterial cooperation\t2\t07\t7.4\tsrc\n", 3, "twice"),
        ("AID\tmaterial conflict\t2\t07\t7.4\tsrc\n", 2, "does not match"),
        ("AID\tmaterial cooperation\t5\t07\t7.4\tsrc\n", 2, "quad_code"),
        ("AID\tmaterial cooperation\t2\t7\t7.4\tsrc\n", 2, "cameo_root"),
        ("AID\tmaterial cooperation\t2\t07\t12\tsrc\n", 2, "outside"),
        ("AID\tmaterial cooperation\t2\t07\tten\tsrc\n", 2, "not a number"),
        ("AID\tmaterial cooperation\t2\t07\t7.4\n", 2, "fields"),
        ("AID \tmaterial cooperation\t2\t07\t7.4\tsrc\n", 2, "whitespace"),
        ("AID\tmaterial cooperation\t2\t07\t7.4\t\n", 2, "score_source"),
    ],
)
def test_malformed_types_file(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = _write(tmp_path, "types.tsv", TYPES_HEAD + body)
    with pytest.raises(DataFileError, match=message) as info:
        plover.read_types(path)
    assert info.value.path == str(path)
    assert info.value.line == line


def test_bad_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "types.tsv", "type\tscore\nAID\t7.4\n")
    with pytest.raises(DataFileError, match="header") as info:
        plover.read_types(path)
    assert info.value.line == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("CRIME\ttheft\t17\t\tx\n", "unknown event type"),
        ("AID\tcash\t07x\t\tx\n", "cameo_code"),
        ("AID\tCash\t071\t\tx\n", "mode name"),
        ("AID\tcash\t071\t-11\tx\n", "outside"),
    ],
)
def test_malformed_modes_file(tmp_path: Path, body: str, message: str) -> None:
    types = plover.read_types(
        _write(tmp_path, "types.tsv", TYPES_HEAD + "AID\tmaterial cooperation\t2\t07\t7.4\tsrc\n")
    )
    path = _write(tmp_path, "modes.tsv", MODES_HEAD + body)
    with pytest.raises(DataFileError, match=message) as info:
        plover.read_modes(path, types)
    assert info.value.line == 2


def test_mode_score_overrides_type_score(tmp_path: Path) -> None:
    types = plover.read_types(
        _write(tmp_path, "types.tsv", TYPES_HEAD + "AID\tmaterial cooperation\t2\t07\t7.4\tsrc\n")
    )
    modes = plover.read_modes(
        _write(tmp_path, "modes.tsv", MODES_HEAD + "AID\tcash\t071\t8.0\tx\n"), types
    )
    assert modes["AID"]["cash"].score == 8.0
