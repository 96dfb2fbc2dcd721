"""Reading a Wikidata JSON dump: its lines, its entities and their statements, as Wikidata
writes them. What kroniek keeps of them is kroniek.kb.wikidata's business.

The dump (https://dumps.wikimedia.org/wikidatawiki/entities/) is one JSON array with one entity
per line: `[`, then lines that end in `,`, then `]`. It is read line by line, never whole.
"""

from __future__ import annotations

import bz2
import gzip
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from kroniek.errors import DataFileError

_TIME = re.compile(r"^([+-])(\d+)-(\d\d)-(\d\d)T")
# Official dumps start each line with type and id, so pass two can skip a line unparsed.
_ENTITY_ID = re.compile(r'^\{\s*"type"\s*:\s*"\w+"\s*,\s*"id"\s*:\s*"([A-Z]\d+)"')


def wikidata_date(value: Any) -> str | None:
    """A Wikidata time value as a kroniek date: '+2000-05-07T00:00:00Z' at precision 11 (day)
    gives 2000-05-07, at 10 (month) 2000-05, at 9 (year) 2000. Coarser precisions, dates before
    the year 1 and impossible dates give None."""
    if not isinstance(value, dict):
        return None
    match = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision")
    if not match or match.group(1) == "-" or precision not in (9, 10, 11):
        return None
    year, month, day = int(match.group(2)), int(match.group(3)), int(match.group(4))
    try:
        date(year, month if precision >= 10 else 1, day if precision == 11 else 1)
    except ValueError:
        return None
    return "-".join([f"{year:04d}", f"{month:02d}", f"{day:02d}"][: precision - 8])


def open_dump(path: Path) -> IO[str]:
    """By suffix: .gz and .bz2 are decompressed on the fly, anything else is read as text."""
    # errors='replace': one bad byte must not end an import that has run for hours.
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def iter_entities(
    path: Path, warn: Callable[[int, str], None], wanted: set[str] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, entity) for each entity line, only those in `wanted` if given; a line that
    is no entity goes to `warn` with its number, and reading goes on."""
    try:
        with open_dump(path) as handle:
            for number, line in enumerate(handle, start=1):
                text = line.strip().rstrip(",")
                if text in ("", "[", "]"):
                    continue
                if wanted is not None:
                    match = _ENTITY_ID.match(text)
                    if match and match.group(1) not in wanted:
                        continue
                try:
                    entity = json.loads(text)
                except json.JSONDecodeError as exc:
                    warn(number, f"not JSON ({exc.msg}, column {exc.colno})")
                    continue
                if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
                    warn(number, "not an entity (no id)")
                    continue
                yield number, entity
    except (OSError, EOFError) as exc:
        raise DataFileError(f"cannot read the dump: {exc}", str(path)) from None


# Reading entities. Every accessor tolerates missing keys; a wrong shape raises and the caller
# skips that entity with a warning.


def label_of(entity: dict[str, Any], language: str) -> str:
    return str((entity.get("labels") or {}).get(language, {}).get("value", ""))


def names_of(entity: dict[str, Any], languages: Iterable[str]) -> list[str]:
    """Labels and aliases, language by language, each once."""
    found: list[str] = []
    for language in languages:
        aliases = (entity.get("aliases") or {}).get(language, [])
        for name in (label_of(entity, language), *(str(a.get("value", "")) for a in aliases)):
            if name and name not in found:
                found.append(name)
    return found


def statements(entity: dict[str, Any], prop: str, truthy: bool = False) -> list[dict[str, Any]]:
    """Non-deprecated statements; truthy: only the preferred ones if there are any."""
    kept = [s for s in (entity.get("claims") or {}).get(prop, [])
            if s.get("rank", "normal") != "deprecated"]
    if truthy and any(s.get("rank") == "preferred" for s in kept):
        return [s for s in kept if s.get("rank") == "preferred"]
    return kept


def value_of(snak: dict[str, Any]) -> Any:
    if snak.get("snaktype", "value") != "value":
        return None
    return (snak.get("datavalue") or {}).get("value")


def item_of(snak: dict[str, Any]) -> str | None:
    value = value_of(snak)
    return str(value["id"]) if isinstance(value, dict) and value.get("id") else None


def items_of(entity: dict[str, Any], prop: str, truthy: bool = False) -> list[str]:
    found = (item_of(s.get("mainsnak") or {}) for s in statements(entity, prop, truthy))
    return [qid for qid in found if qid]


def first_string(entity: dict[str, Any], prop: str) -> str:
    values = (value_of(s.get("mainsnak") or {}) for s in statements(entity, prop, truthy=True))
    return next((v for v in values if isinstance(v, str)), "")


def first_date(entity: dict[str, Any], prop: str) -> str | None:
    values = (value_of(s.get("mainsnak") or {}) for s in statements(entity, prop, truthy=True))
    return next((d for d in map(wikidata_date, values) if d), None)


def qualifier_date(statement: dict[str, Any], prop: str) -> str | None:
    snaks = (statement.get("qualifiers") or {}).get(prop, [])
    return next((d for d in (wikidata_date(value_of(s)) for s in snaks) if d), None)
