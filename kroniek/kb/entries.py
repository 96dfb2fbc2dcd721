"""Knowledge-base entries: what the data files in kroniek/data/actors hold."""

from __future__ import annotations

from dataclasses import dataclass

SECTORS = frozenset(
    {
        "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "PRM", "UAF", "ELI",
        "JRN", "BUS", "LAB", "CVL", "SOC", "REL", "EDU", "MED", "REF", "CRM", "AGR", "PRE",
        "UNK",
    }
)
SPECIAL_COUNTRIES = frozenset({"IGO", "NGO", "MNC"})


@dataclass(frozen=True)
class Country:
    iso3: str
    name_en: str
    name_nl: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[str, ...]
    valid_from: str | None
    valid_to: str | None


@dataclass(frozen=True)
class Organisation:
    id: str
    name_en: str
    name_nl: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    parent: str | None


@dataclass(frozen=True)
class Role:
    country: str
    sector: str
    title: str
    title_nl: str
    start: str | None
    end: str | None

    def holds_on(self, day: str) -> bool:
        """`day` is 'YYYY-MM-DD'; open and partial dates compare as strings at their length."""
        if self.start and day[: len(self.start)] < self.start:
            return False
        return not (self.end and day[: len(self.end)] > self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def role_on(self, day: str) -> Role | None:
        current = [r for r in self.roles if r.holds_on(day)]
        # Prefer the office that defines the person on that day: head of state over minister.
        return min(current, key=lambda r: TITLE_RANK.get(r.title, 99)) if current else None

    def last_role_before(self, day: str) -> Role | None:
        past = [r for r in self.roles if r.end and r.end[: len(day)] < day]
        return max(past, key=lambda r: r.end or "") if past else None


TITLE_RANK = {
    "head_of_state": 0,
    "head_of_government": 1,
    "secretary_general": 2,
    "commission_president": 2,
    "council_president": 2,
    "high_representative": 3,
    "foreign_minister": 4,
    "defence_minister": 5,
    "interior_minister": 6,
    "minister": 7,
    "speaker": 8,
    "opposition_leader": 9,
    "movement_leader": 10,
    "party_leader": 11,
}


@dataclass(frozen=True)
class KnownPlace:
    name_en: str
    country: str
    precision: str
    lat: float
    lon: float
    names: tuple[str, ...]


@dataclass(frozen=True)
class RoleNoun:
    lemma: str
    forms: tuple[str, ...]
    sector: str
    title: str | None
    note: str

    @property
    def country(self) -> str | None:
        """A noun that names a body of its own, not of a state: the note says
        'country IGO: ...' (europarlementariër is a member of the European Parliament)."""
        if self.note.startswith("country "):
            return self.note.split()[1].rstrip(":;,") or None
        return None
