"""Reading the knowledge-base TSV files, with errors that name the file and line."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from kroniek.errors import DataFileError
from kroniek.kb.entries import (
    SECTORS,
    SPECIAL_COUNTRIES,
    Country,
    KnownPlace,
    Organisation,
    Person,
    Role,
    RoleNoun,
)
from kroniek.model.dates import is_partial_date


def data_dir() -> Path:
    return Path(str(resources.files("kroniek") / "data"))


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts with their line numbers; the header must hold exactly `columns`."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != columns:
            raise DataFileError(f"header must be {' '.join(columns)}", str(path), 1)
        for number, row in enumerate(reader, start=2):
            if not row or all(not c.strip() for c in row):
                continue
            if len(row) != len(columns):
                raise DataFileError(
                    f"{len(row)} columns, expected {len(columns)}", str(path), number
                )
            yield number, {k: v.strip() for k, v in zip(columns, row, strict=True)}


def split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _date(value: str, path: Path, line: int) -> str | None:
    if not value:
        return None
    if not is_partial_date(value):
        raise DataFileError(f"bad date {value!r}", str(path), line)
    return value


def _country_code(value: str, path: Path, line: int, allow_empty: bool = False) -> str | None:
    if not value and allow_empty:
        return None
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise DataFileError(f"bad country code {value!r}", str(path), line)
    return value


def _sector(value: str, path: Path, line: int) -> str | None:
    if not value:
        return None
    if value not in SECTORS:
        raise DataFileError(f"unknown sector {value!r}", str(path), line)
    return value


COUNTRY_COLUMNS = (
    "iso3", "name_en", "name_nl", "aliases", "adjectives", "demonyms", "capitals", "metonyms",
    "valid_from", "valid_to",
)


def load_countries(path: Path) -> list[Country]:
    countries = []
    for line, row in read_tsv(path, COUNTRY_COLUMNS):
        countries.append(
            Country(
                iso3=_country_code(row["iso3"], path, line) or "",
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                aliases=split_list(row["aliases"]),
                adjectives=split_list(row["adjectives"]),
                demonyms=split_list(row["demonyms"]),
                capitals=split_list(row["capitals"]),
                metonyms=split_list(row["metonyms"]),
                valid_from=_date(row["valid_from"], path, line),
                valid_to=_date(row["valid_to"], path, line),
            )
        )
    return countries


ORGANISATION_COLUMNS = ("id", "name_en", "name_nl", "aliases", "country", "sector", "parent")


def load_organisations(path: Path) -> list[Organisation]:
    return [
        Organisation(
            id=row["id"],
            name_en=row["name_en"],
            name_nl=row["name_nl"],
            aliases=split_list(row["aliases"]),
            country=_country_code(row["country"], path, line, allow_empty=True),
            sector=_sector(row["sector"], path, line),
            parent=row["parent"] or None,
        )
        for line, row in read_tsv(path, ORGANISATION_COLUMNS)
    ]


PEOPLE_COLUMNS = ("id", "name", "aliases", "note")
ROLE_COLUMNS = ("person_id", "country", "sector", "title", "title_nl", "start", "end")


def load_people(people_path: Path, roles_path: Path) -> list[Person]:
    roles: dict[str, list[Role]] = {}
    for line, row in read_tsv(roles_path, ROLE_COLUMNS):
        role = Role(
            country=_country_code(row["country"], roles_path, line) or "",
            sector=_sector(row["sector"], roles_path, line) or "GOV",
            title=row["title"],
            title_nl=row["title_nl"],
            start=_date(row["start"], roles_path, line),
            end=_date(row["end"], roles_path, line),
        )
        if role.start and role.end and role.end < role.start[: len(role.end)]:
            raise DataFileError("role ends before it starts", str(roles_path), line)
        roles.setdefault(row["person_id"], []).append(role)
    people = []
    for _line, row in read_tsv(people_path, PEOPLE_COLUMNS):
        people.append(
            Person(
                id=row["id"],
                name=row["name"],
                aliases=split_list(row["aliases"]),
                roles=tuple(sorted(roles.pop(row["id"], []), key=lambda r: r.start or "")),
            )
        )
    if roles:
        unknown = ", ".join(sorted(roles)[:5])
        raise DataFileError(f"roles for unknown people: {unknown}", str(roles_path))
    return people


PLACE_COLUMNS = ("name_en", "country", "precision", "lat", "lon", "names")


def load_places(path: Path) -> list[KnownPlace]:
    places = []
    for line, row in read_tsv(path, PLACE_COLUMNS):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise DataFileError("lat and lon must be numbers", str(path), line) from None
        if row["precision"] not in ("city", "region"):
            raise DataFileError("precision must be city or region", str(path), line)
        places.append(KnownPlace(row["name_en"], _country_code(row["country"], path, line) or "",
                                 row["precision"], lat, lon, split_list(row["names"])))
    return places


ROLE_NOUN_COLUMNS = ("lemma", "forms", "sector", "title", "note")


def load_role_nouns(path: Path) -> list[RoleNoun]:
    return [
        RoleNoun(
            lemma=row["lemma"],
            forms=split_list(row["forms"]),
            sector=_sector(row["sector"], path, line) or "UNK",
            title=row["title"] or None,
            note=row["note"],
        )
        for line, row in read_tsv(path, ROLE_NOUN_COLUMNS)
    ]


FIRST_NAME_COLUMNS = ("name",)


def load_first_names(path: Path) -> frozenset[str]:
    return frozenset(row["name"] for _, row in read_tsv(path, FIRST_NAME_COLUMNS))


def check_unique(ids: list[str], what: str, path: Path) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise DataFileError(f"duplicate {what} id {ident!r}", str(path))
        seen.add(ident)


__all__ = [
    "SPECIAL_COUNTRIES",
    "check_unique",
    "data_dir",
    "load_countries",
    "load_first_names",
    "load_organisations",
    "load_people",
    "load_places",
    "load_role_nouns",
]
