"""The PLOVER event ontology as kroniek uses it: types, modes, scores, quads, CAMEO roots.

The numbers live in data files (`kroniek/data/plover/types.tsv` and `modes.tsv`, documented in
the README beside them) rather than in code, so that each one can carry the place in the PLOVER
manual it came from and be corrected without touching Python. This module only reads and checks
them, once per process, and answers questions the coder and the exporters ask.

A malformed file raises `DataFileError` naming the file and line: a wrong score or a misspelt
mode would otherwise surface much later as silently wrong event data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kroniek.errors import DataFileError

# The POLECAT/PHOENIX numbering of the quad classes. This is a fixed convention, not data:
# every quad_code in types.tsv must agree with it.
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

TYPES_HEADER = ("type", "quad_class", "quad_code", "cameo_root", "score", "score_source")
MODES_HEADER = ("type", "mode", "cameo_code", "score", "note")

SCORE_MIN = -10.0
SCORE_MAX = 10.0

_TYPE_NAME = re.compile(r"[A-Z]+")
_MODE_NAME = re.compile(r"[a-z][A-Za-z]*(?:-[a-z]+)*")
_CAMEO_ROOT = re.compile(r"(0[1-9]|1[0-9]|20)")
_CAMEO_CODE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type.

    `cameo_roots` lists the two-digit CAMEO root codes the type covers; the first one is the
    root reported for an event of this type that has no mode (see `cameo_root`).
    """

    name: str
    quad_class: str
    quad_code: int
    cameo_roots: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Mode:
    """One mode of a PLOVER event type.

    `score` is None when the manual scores only the type, which is the case for every mode of
    PLOVER manual v0.8; `score()` then falls back to the type's score.
    """

    type: str
    name: str
    cameo_code: str
    score: float | None


@dataclass(frozen=True)
class Ontology:
    """Everything read from the two data files, checked against each other."""

    types: dict[str, EventType]
    modes: dict[str, dict[str, Mode]]


def _data_file(name: str) -> Traversable:
    return resources.files("kroniek").joinpath("data", "plover", name)


def _rows(
    source: Traversable | Path, header: tuple[str, ...]
) -> list[tuple[int, list[str]]]:
    """Split a TSV file into (line number, fields) after checking its header.

    Blank lines are skipped. Fields are not stripped: a stray space is an editing mistake that
    would make a mode or type silently fail to match, so it is reported instead.
    """
    path = str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read PLOVER data file: {exc}", path) from exc
    lines = text.splitlines()
    if not lines:
        raise DataFileError("empty file, expected a header line", path, 1)
    got = tuple(lines[0].lstrip("\ufeff").split("\t"))
    if got != header:
        raise DataFileError(
            f"header is {'|'.join(got)!r}, expected {'|'.join(header)!r}", path, 1
        )
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise DataFileError(
                f"{len(fields)} tab-separated fields, expected {len(header)}", path, number
            )
        for column, value in zip(header, fields, strict=True):
            if value != value.strip():
                raise DataFileError(
                    f"column {column!r} has leading or trailing whitespace", path, number
                )
        rows.append((number, fields))
    return rows


def _parse_score(value: str, path: str, line: int) -> float:
    try:
        score = float(value)
    except ValueError:
        raise DataFileError(f"score {value!r} is not a number", path, line) from None
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise DataFileError(
            f"score {score} is outside [{SCORE_MIN}, {SCORE_MAX}]", path, line
        )
    return score


def read_types(source: Traversable | Path) -> dict[str, EventType]:
    """Read and check a types.tsv file; the order of the file is kept."""
    path = str(source)
    types: dict[str, EventType] = {}
    for line, (name, quad_class, quad_code, roots, score, score_source) in _rows(
        source, TYPES_HEADER
    ):
        if not _TYPE_NAME.fullmatch(name):
            raise DataFileError(f"type name {name!r} is not upper-case letters", path, line)
        if name in types:
            raise DataFileError(f"type {name} is listed twice", path, line)
        if not quad_code.isdigit() or int(quad_code) not in QUAD_CLASSES:
            raise DataFileError(f"quad_code {quad_code!r} is not 1, 2, 3 or 4", path, line)
        code = int(quad_code)
        if QUAD_CLASSES[code] != quad_class:
            raise DataFileError(
                f"quad_class {quad_class!r} does not match quad_code {code} "
                f"({QUAD_CLASSES[code]!r})",
                path,
                line,
            )
        cameo_roots = tuple(roots.split("|"))
        for root in cameo_roots:
            if not _CAMEO_ROOT.fullmatch(root):
                raise DataFileError(
                    f"cameo_root {root!r} is not a two-digit CAMEO root 01-20", path, line
                )
        if len(set(cameo_roots)) != len(cameo_roots):
            raise DataFileError(f"cameo_root {roots!r} repeats a root", path, line)
        if not score_source:
            raise DataFileError(f"type {name} has no score_source", path, line)
        types[name] = EventType(
            name=name,
            quad_class=quad_class,
            quad_code=code,
            cameo_roots=cameo_roots,
            score=_parse_score(score, path, line),
        )
    if not types:
        raise DataFileError("no event types", path)
    return types


def read_modes(
    source: Traversable | Path, types: dict[str, EventType]
) -> dict[str, dict[str, Mode]]:
    """Read and check a modes.tsv file against the event types it refers to.

    A mode's CAMEO code may lie outside its type's roots (ASSAULT destroy is CAMEO 1712, SANCTION
    convict is CAMEO 116): PLOVER regrouped some CAMEO sub-codes, and the closest CAMEO code is
    what a CAMEO-era user needs.
    """
    path = str(source)
    modes: dict[str, dict[str, Mode]] = {name: {} for name in types}
    for line, (type_name, name, cameo_code, score, _note) in _rows(source, MODES_HEADER):
        if type_name not in types:
            raise DataFileError(f"unknown event type {type_name!r}", path, line)
        if not _MODE_NAME.fullmatch(name):
            raise DataFileError(f"mode name {name!r} is not a lower-case word", path, line)
        if name in modes[type_name]:
            raise DataFileError(f"mode {type_name} {name} is listed twice", path, line)
        if not _CAMEO_CODE.fullmatch(cameo_code):
            raise DataFileError(
                f"cameo_code {cameo_code!r} is not a 2- to 4-digit CAMEO code", path, line
            )
        modes[type_name][name] = Mode(
            type=type_name,
            name=name,
            cameo_code=cameo_code,
            score=_parse_score(score, path, line) if score else None,
        )
    return modes


@cache
def _ontology() -> Ontology:
    """Load the packaged files once; every public function reads from this."""
    types = read_types(_data_file("types.tsv"))
    return Ontology(types=types, modes=read_modes(_data_file("modes.tsv"), types))


def _type(type: str) -> EventType:
    try:
        return _ontology().types[type]
    except KeyError:
        raise KeyError(f"unknown PLOVER event type {type!r}") from None


def _mode(type: str, mode: str) -> Mode:
    _type(type)
    try:
        return _ontology().modes[type][mode]
    except KeyError:
        raise KeyError(f"{mode!r} is not a mode of PLOVER event type {type}") from None


def event_types() -> dict[str, EventType]:
    """All event types by name, in the order of types.tsv (a copy: callers may modify it)."""
    return dict(_ontology().types)


def modes(type: str) -> dict[str, Mode]:
    """The modes of one event type by name (a copy); KeyError for an unknown type."""
    _type(type)
    return dict(_ontology().modes[type])


def is_valid(type: str, mode: str | None = None) -> bool:
    """Whether `type` is a PLOVER type and `mode` one of its modes; no mode is valid."""
    ontology = _ontology()
    if type not in ontology.types:
        return False
    return mode is None or mode in ontology.modes[type]


def score(type: str, mode: str | None = None) -> float:
    """The cooperation-conflict score: the mode's own score if it has one, else the type's.

    KeyError for an unknown type or a mode that does not belong to it, so that a coding mistake
    is not hidden behind a plausible number.
    """
    if mode is not None:
        own = _mode(type, mode).score
        if own is not None:
            return own
    return _type(type).score


def cameo_root(type: str, mode: str | None = None) -> str:
    """The two-digit CAMEO root to export beside the PLOVER type for CAMEO-era tools.

    With a mode, the root of that mode's closest CAMEO code (ASSAULT unconventional -> '20',
    ACCUSE investigate -> '09'); without one, the type's first listed root (ACCUSE -> '11',
    ASSAULT -> '18').
    """
    if mode is not None:
        return _mode(type, mode).cameo_code[:2]
    return _type(type).cameo_roots[0]


def quad(type: str) -> tuple[int, str]:
    """The quad class of a type as (code, name), e.g. (4, 'material conflict')."""
    event_type = _type(type)
    return event_type.quad_code, event_type.quad_class
