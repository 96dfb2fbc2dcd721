"""Build a knowledge base (people with dated offices, countries, organisations) from a Wikidata
JSON dump, in the TSV formats of kroniek/data/actors.

The dump is read line by line, never whole (kroniek.kb.wikidata_dump).

Two passes. A person names their offices by item id (P39), and an office item may come anywhere
in the dump, before or after the people who held it. The first pass keeps people, countries and
organisations and notes the ids they point to (offices, capitals); the second reads only those
items. Reading twice costs time, but one pass would have to keep every item that might be an
office or a capital (millions), because which ones matter is only known at the end.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kroniek.kb import wikidata_dump as wikidump
from kroniek.kb.entries import Country
from kroniek.kb.loader import (
    COUNTRY_COLUMNS,
    ORGANISATION_COLUMNS,
    PEOPLE_COLUMNS,
    ROLE_COLUMNS,
    data_dir,
    load_countries,
)
from kroniek.kb.names import fold

HUMAN = "Q5"
COUNTRY_TYPES = {
    "Q6256": "country",
    "Q3624078": "sovereign state",
    "Q3024240": "historical country",
}


@dataclass(frozen=True)
class OrgType:
    label: str
    sector: str
    # IGO always wins; otherwise the country when the item's P17 has no ISO3.
    country: str


# Instance-of (P31) classes that make an item an organisation, in priority order: the first
# class an item has sets its sector (Hamas is a party and an armed organisation: REB).
ORGANISATION_TYPES = {
    "Q17149090": OrgType("armed organization", "REB", ""),
    "Q17127659": OrgType("terrorist organization", "REB", ""),
    "Q1127126": OrgType("military alliance", "MIL", "IGO"),
    "Q245065": OrgType("intergovernmental organization", "GOV", "IGO"),
    "Q484652": OrgType("international organization", "GOV", "IGO"),
    "Q7278": OrgType("political party", "PTY", ""),
    "Q79913": OrgType("non-governmental organization", "SOC", "NGO"),
    "Q163740": OrgType("nonprofit organization", "SOC", "NGO"),
}

# Well-known position items with their kroniek title and sector. A position matches by its own
# id, then by what it is a subclass (P279) or an instance (P31) of, one level up: 'President of
# Belarus' is a subclass of Q30461 president. Ids as in OpenSanctions' position crawler.
POSITION_TITLES = {
    "Q48352": ("head_of_state", "GOV"),  # head of state
    "Q30461": ("head_of_state", "GOV"),  # president
    "Q116": ("head_of_state", "GOV"),  # monarch
    "Q12097": ("head_of_state", "GOV"),  # king
    "Q2285706": ("head_of_government", "GOV"),  # head of government
    "Q14212": ("head_of_government", "GOV"),  # prime minister
    "Q3099723": ("head_of_government", "GOV"),  # minister-president
    "Q7330070": ("foreign_minister", "GOV"),  # foreign minister
    "Q2518691": ("defence_minister", "GOV"),  # defence minister
    "Q83307": ("minister", "GOV"),  # minister
    "Q1553195": ("party_leader", "PTY"),  # party leader
}

# Wikidata has XKX (a user-assigned code) where PLOVER and kroniek write KOS.
ISO3_FIXES = {"XKX": "KOS"}

_ISO3 = re.compile(r"^[A-Z]{3}$")
PERSON_LANGUAGES = ("nl", "en", "de")
NAME_LANGUAGES = ("nl", "en")


@dataclass
class ImportCounts:
    people: int = 0
    roles: int = 0
    countries: int = 0  # rows written: from the dump and filled from the packaged list
    countries_from_dump: int = 0
    organisations: int = 0
    people_without_roles: int = 0  # humans whose offices had no country or title here
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Held:
    position: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class _Person:
    line: int
    name: str
    aliases: list[str]
    note: str
    held: list[_Held]


@dataclass
class _Collected:
    """What the first pass keeps, by item id, in dump order."""

    people: dict[str, _Person] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)  # item id -> ISO3, from P298

    def add(self, line: int, entity: dict[str, Any]) -> None:
        qid = entity["id"]
        iso3 = ISO3_FIXES.get(code := wikidump.first_string(entity, "P298"), code)
        if _ISO3.match(iso3):
            self.iso3.setdefault(qid, iso3)
        types = set(wikidump.items_of(entity, "P31"))
        if HUMAN in types:
            held = [_Held(position, wikidump.qualifier_date(s, "P580"),
                          wikidump.qualifier_date(s, "P582"))
                    for s in wikidump.statements(entity, "P39")
                    if (position := wikidump.item_of(s.get("mainsnak") or {}))]
            if held:
                names = wikidump.names_of(entity, PERSON_LANGUAGES)
                name = wikidump.label_of(entity, "en") or (names[0] if names else qid)
                note = str((entity.get("descriptions") or {}).get("en", {}).get("value", ""))
                aliases = [n for n in names if n != name]
                self.people.setdefault(qid, _Person(line, name, aliases, note, held))
            return
        names = {"en": wikidump.label_of(entity, "en"), "nl": wikidump.label_of(entity, "nl"),
                 "names": wikidump.names_of(entity, NAME_LANGUAGES)}
        if types & COUNTRY_TYPES.keys():
            self.countries.setdefault(qid, {
                **names, "capitals": wikidump.items_of(entity, "P36", True),
                "start": wikidump.first_date(entity, "P571"),
                "end": wikidump.first_date(entity, "P576"),
            })
            return
        kind = next((ORGANISATION_TYPES[t] for t in ORGANISATION_TYPES if t in types), None)
        if kind:
            self.organisations.setdefault(
                qid, {**names, "type": kind, "countries": wikidump.items_of(entity, "P17", True)})


@dataclass(frozen=True)
class _Referred:
    """An office or a capital read in the second pass."""

    en: str
    nl: str
    classes: tuple[str, ...]  # itself, then its P279 and P31 classes
    countries: tuple[str, ...]  # P1001 (applies to jurisdiction), then P17 (country)


def _referred(entity: dict[str, Any]) -> _Referred:
    return _Referred(
        wikidump.label_of(entity, "en"), wikidump.label_of(entity, "nl"),
        (entity["id"], *wikidump.items_of(entity, "P279"), *wikidump.items_of(entity, "P31")),
        (*wikidump.items_of(entity, "P1001", True), *wikidump.items_of(entity, "P17", True)),
    )


def import_wikidata(dump: Path, out: Path) -> ImportCounts:
    """Read `dump` twice and write people.tsv, roles.tsv, countries.tsv, organisations.tsv and
    role_nouns.tsv to `out`, a folder KnowledgeBase.load reads.

    A dump has no role nouns, so the packaged role_nouns.tsv (and female_first_names.tsv) is
    copied; packaged countries the
    dump lacks are kept, and those it has get its aliases, capitals and dates merged in.
    """
    counts = ImportCounts()
    collected = _Collected()
    warned: set[int] = set()
    _read(dump, counts.warnings, warned, None, collected.add)
    wanted = {h.position for person in collected.people.values() for h in person.held}
    wanted |= {c for country in collected.countries.values() for c in country["capitals"]}
    referred: dict[str, _Referred] = {}

    def keep(_line: int, entity: dict[str, Any]) -> None:
        if entity["id"] in wanted:
            referred[entity["id"]] = _referred(entity)

    if wanted:
        _read(dump, counts.warnings, warned, wanted, keep)
    packaged = data_dir() / "actors"
    known = load_countries(packaged / "countries.tsv")
    codes = _country_codes(collected, known)
    people, roles = _people_rows(collected, referred, codes, counts)
    countries = _country_rows(collected, referred, codes, known, counts)
    organisations = [_organisation_row(qid, org, codes)
                     for qid, org in collected.organisations.items()]
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "people.tsv", PEOPLE_COLUMNS, people)
    _write(out / "roles.tsv", ROLE_COLUMNS, roles)
    _write(out / "countries.tsv", COUNTRY_COLUMNS, countries)
    _write(out / "organisations.tsv", ORGANISATION_COLUMNS, organisations)
    shutil.copyfile(packaged / "role_nouns.tsv", out / "role_nouns.tsv")
    shutil.copyfile(packaged / "female_first_names.tsv", out / "female_first_names.tsv")
    counts.people, counts.roles, counts.organisations = len(people), len(roles), len(organisations)
    return counts


def _read(path: Path, warnings: list[str], warned: set[int], wanted: set[str] | None,
          keep: Callable[[int, dict[str, Any]], None]) -> None:
    """Hand each entity to `keep`; an entity it cannot read is skipped with a warning. Each bad
    line is reported once, though both passes meet it."""

    def warn(number: int, reason: str) -> None:
        if number not in warned:
            warned.add(number)
            warnings.append(f"line {number}: {reason}")

    for number, entity in wikidump.iter_entities(path, warn, wanted):
        try:
            keep(number, entity)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            warn(number, f"entity {entity['id']} skipped ({type(exc).__name__}: {exc})")


def _country_codes(collected: _Collected, known: list[Country]) -> dict[str, str]:
    """Item id -> ISO3: P298 where the dump has it, else a country item whose English or Dutch
    label is a name in the packaged countries.tsv (the Soviet Union has no ISO 3166-1 code but
    is SUN there). Labels only: aliases are too loose (the Russian Empire is also 'Russia')."""
    by_name: dict[str, str] = {}
    for country in known:
        for name in (country.name_en, country.name_nl, *country.aliases):
            by_name.setdefault(fold(name), country.iso3)
    codes = dict(collected.iso3)
    for qid, country in collected.countries.items():
        labels = [fold(country["en"]), fold(country["nl"])]
        code = next((by_name[label] for label in labels if label in by_name), None)
        if code and qid not in codes:
            codes[qid] = code
    return codes


def _titles(position: _Referred) -> list[tuple[str, str]]:
    found = [POSITION_TITLES[c] for c in position.classes if c in POSITION_TITLES]
    if not found and "minister" in f"{position.en} {position.nl}".lower():
        found = [("minister", "GOV")]
    found = list(dict.fromkeys(found))
    # President of the United States is both head of state and head of government: two rows,
    # as in the packaged roles.tsv. 'minister' only when nothing more precise matched.
    return [f for f in found if f[0] != "minister"] or found


def _people_rows(
    collected: _Collected, referred: dict[str, _Referred], codes: dict[str, str],
    counts: ImportCounts,
) -> tuple[list[list[str]], list[list[str]]]:
    people: list[list[str]] = []
    roles: list[list[str]] = []
    for qid, person in collected.people.items():
        rows: list[list[str]] = []
        for held in person.held:
            position = referred.get(held.position)
            country = next((codes[c] for c in position.countries if c in codes),
                           None) if position else None
            if position is None or country is None:
                continue
            if held.start and held.end and held.end < held.start[: len(held.end)]:
                counts.warnings.append(f"line {person.line}: {qid} holds {held.position} "
                                       f"from {held.start} to {held.end}; role skipped")
                continue
            for title, sector in _titles(position):
                row = [f"wd-{qid}", country, sector, title, position.nl or position.en,
                       held.start or "", held.end or ""]
                if row not in rows:
                    rows.append(row)
        if not rows:
            counts.people_without_roles += 1
            continue
        people.append([f"wd-{qid}", person.name, _join(person.aliases), person.note])
        roles.extend(rows)
    return people, roles


def _country_rows(
    collected: _Collected, referred: dict[str, _Referred], codes: dict[str, str],
    known: list[Country], counts: ImportCounts,
) -> list[list[str]]:
    """Packaged countries in their order, merged with the dump's; then the dump's new ones.
    One item per ISO3: items with their own P298 first (Kingdom of the Netherlands and the
    Netherlands share NLD; the first one seen gives the row)."""
    from_dump: dict[str, dict[str, Any]] = {}
    for qid, country in sorted(collected.countries.items(),
                               key=lambda item: item[0] not in collected.iso3):
        if qid in codes:
            from_dump.setdefault(codes[qid], country)
    counts.countries_from_dump = len(from_dump)
    rows = [_country_row(country, from_dump.pop(country.iso3, None), referred)
            for country in known]
    for code, country in from_dump.items():
        en, nl = country["en"] or country["nl"] or code, country["nl"] or country["en"] or code
        empty = Country(code, en, nl, (), (), (), (), (), None, None)
        rows.append(_country_row(empty, country, referred))
    counts.countries = len(rows)
    return rows


def _country_row(known: Country, dump: dict[str, Any] | None,
                 referred: dict[str, _Referred]) -> list[str]:
    """Names stay as written by hand (they are the news usage); Wikidata adds aliases and
    capitals and overwrites the dates of dissolved states. Current states keep empty dates, as
    the format wants: an inception date would hide 'Duitsland' in texts before 1990."""
    dump = dump or {"names": [], "capitals": [], "start": None, "end": None}
    names = (known.name_en, known.name_nl)
    aliases = [*known.aliases, *(n for n in dump["names"] if n not in names)]
    capitals = [*known.capitals, *(name for qid in dump["capitals"] if qid in referred
                                   for name in (referred[qid].nl, referred[qid].en))]
    start, end = (dump["start"], dump["end"]) if dump["end"] else (known.valid_from,
                                                                    known.valid_to)
    return [known.iso3, known.name_en, known.name_nl, _join(aliases), _join(known.adjectives),
            _join(known.demonyms), _join(capitals), _join(known.metonyms), start or "",
            end or ""]


def _organisation_row(qid: str, org: dict[str, Any], codes: dict[str, str]) -> list[str]:
    kind: OrgType = org["type"]
    country = next((codes[c] for c in org["countries"] if c in codes), None)
    if kind.country == "IGO" or not country:
        country = kind.country
    en, nl = org["en"] or org["nl"] or qid, org["nl"] or org["en"] or qid
    aliases = [n for n in org["names"] if n not in (en, nl)]
    return [f"wd-{qid}", en, nl, _join(aliases), country, kind.sector, ""]


def _clean(text: str) -> str:
    """No tabs or line breaks inside a field: the TSV files have no quoting."""
    return " ".join(text.split())


def _join(items: Iterable[str]) -> str:
    kept = (c for c in map(_clean, items) if c and "|" not in c)
    return "|".join(dict.fromkeys(kept))


def _write(path: Path, columns: tuple[str, ...], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in [list(columns), *rows]:
            out.write("\t".join(_clean(value) for value in row) + "\n")


__all__ = [
    "COUNTRY_TYPES",
    "ORGANISATION_TYPES",
    "POSITION_TITLES",
    "ImportCounts",
    "import_wikidata",
]
