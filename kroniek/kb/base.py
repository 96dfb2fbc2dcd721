"""The knowledge base: every way of naming an actor, and who an actor is on a given day."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kroniek.kb.entries import Country, KnownPlace, Organisation, Person, RoleNoun
from kroniek.kb.loader import (
    check_unique,
    data_dir,
    load_countries,
    load_first_names,
    load_organisations,
    load_people,
    load_places,
    load_role_nouns,
)
from kroniek.kb.names import fold, name_key
from kroniek.model import Actor

KB_FILES = ("countries.tsv", "organisations.tsv", "people.tsv", "roles.tsv", "role_nouns.tsv")
# Optional in a knowledge-base folder: the packaged file stands in where it is missing.
FEMALE_NAMES = "female_first_names.tsv"
# Surname endings that are feminine in Slavic languages (Tichanovskaja, Kalesnikava, Petrova).
_FEMININE_SURNAME = ("skaja", "skaya", "ckaja", "ckaya", "aja", "aya", "ova", "eva", "ava")


@dataclass(frozen=True)
class Candidate:
    """One knowledge-base reading of a surface form.

    kind: country | capital | metonym | demonym | organisation | person | place
    """

    kind: str
    key: str  # iso3, organisation id or person id
    surface: str


def middle_day(partial: str | None) -> str:
    """A day to look roles up on when only a year or month is known."""
    if not partial:
        return "9999-12-31"
    if len(partial) == 4:
        return partial + "-07-01"
    if len(partial) == 7:
        return partial + "-15"
    return partial[:10]


class KnowledgeBase:
    def __init__(
        self,
        countries: list[Country],
        organisations: list[Organisation],
        people: list[Person],
        role_nouns: list[RoleNoun],
        fingerprint: str = "",
        places: list[KnownPlace] | None = None,
        female_first_names: frozenset[str] = frozenset(),
    ) -> None:
        self.female_first_names = frozenset(fold(n) for n in female_first_names)
        self.places = {p.name_en: p for p in places or []}
        self.countries = {c.iso3: c for c in countries}
        self.organisations = {o.id: o for o in organisations}
        self.people = {p.id: p for p in people}
        self.role_nouns = {r.lemma.lower(): r for r in role_nouns}
        self.fingerprint = fingerprint
        self._exact: dict[str, list[Candidate]] = defaultdict(list)
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        self._adjectives: dict[str, str] = {}
        self._noun_forms: dict[str, RoleNoun] = {}
        self._holders: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        self._index()

    @classmethod
    def load(cls, folder: Path | None = None, places: Path | None = None) -> KnowledgeBase:
        folder = folder or data_dir() / "actors"
        places = places or data_dir() / "places" / "places.tsv"
        digest = hashlib.sha256()
        for name in KB_FILES:
            digest.update((folder / name).read_bytes())
        digest.update(places.read_bytes())
        female = folder / FEMALE_NAMES
        if not female.exists():
            female = data_dir() / "actors" / FEMALE_NAMES
        digest.update(female.read_bytes())
        countries = load_countries(folder / "countries.tsv")
        check_unique([c.iso3 for c in countries], "country", folder / "countries.tsv")
        organisations = load_organisations(folder / "organisations.tsv")
        check_unique([o.id for o in organisations], "organisation", folder / "organisations.tsv")
        people = load_people(folder / "people.tsv", folder / "roles.tsv")
        check_unique([p.id for p in people], "person", folder / "people.tsv")
        role_nouns = load_role_nouns(folder / "role_nouns.tsv")
        return cls(countries, organisations, people, role_nouns, digest.hexdigest()[:16],
                   load_places(places), load_first_names(female))

    def _add(self, surface: str, candidate: Candidate, by_key: bool) -> None:
        if candidate not in self._exact[surface]:
            self._exact[surface].append(candidate)
        if by_key:
            key = name_key(surface)
            if key and candidate not in self._by_key[key]:
                self._by_key[key].append(candidate)

    def _index(self) -> None:
        for c in self.countries.values():
            for name in (c.name_nl, c.name_en, *c.aliases):
                self._add(name, Candidate("country", c.iso3, name), by_key=False)
            for name in c.capitals:
                self._add(name, Candidate("capital", c.iso3, name), by_key=False)
            for name in c.metonyms:
                self._add(name, Candidate("metonym", c.iso3, name), by_key=False)
            for name in c.demonyms:
                self._add(name, Candidate("demonym", c.iso3, name), by_key=False)
            for adjective in c.adjectives:
                self._adjectives.setdefault(fold(adjective), c.iso3)
        for o in self.organisations.values():
            for name in (o.name_nl, o.name_en, *o.aliases):
                self._add(name, Candidate("organisation", o.id, name), by_key=False)
        for p in self.people.values():
            for name in (p.name, *p.aliases):
                self._add(name, Candidate("person", p.id, name), by_key=True)
            for role in p.roles:
                if p not in self._holders[(role.country, role.title)]:
                    self._holders[(role.country, role.title)].append(p)
            for name in (p.name, *p.aliases):
                surname = name_key(name.split()[-1]) if name.split() else ""
                if surname and p not in self._surnames[surname]:
                    self._surnames[surname].append(p)
        for place in self.places.values():
            for name in (place.name_en, *place.names):
                self._add(name, Candidate("place", place.name_en, name), by_key=False)
        for noun in self.role_nouns.values():
            # Only the forms listed match: 'mens' lists only 'mensen', as 'een mens' is no group.
            for form in noun.forms:
                self._noun_forms.setdefault(fold(form), noun)

    @property
    def max_words(self) -> int:
        return max((len(s.split()) for s in self._exact), default=1)

    def lookup(self, surface: str) -> list[Candidate]:
        """Exact surface forms first; person names also by their transliteration key."""
        found = self._exact.get(surface)
        if found:
            return list(found)
        if surface[:1].isupper():
            return list(self._by_key.get(name_key(surface), []))
        return []

    def adjective_country(self, word: str) -> str | None:
        return self._adjectives.get(fold(word))

    def role_noun(self, lemma: str, word: str = "") -> RoleNoun | None:
        """A role noun by lemma or form, or by its last part in a compound
        (fabrieksarbeider -> arbeider, oproerpolitie -> politie)."""
        for text in (lemma, word):
            noun = self._noun_forms.get(fold(text))
            if noun:
                return noun
        lowered = fold(lemma)
        for cut in range(1, len(lowered) - 3):
            noun = self._noun_forms.get(lowered[cut:])
            if noun and len(lowered) - cut >= 4:
                return noun
        return None

    def title_holders(self, country: str, title: str, day: str) -> list[Person]:
        return [person for person in self._holders.get((country, title), [])
                if any(r.country == country and r.title == title and r.holds_on(day)
                       for r in person.roles)]

    def title_holder(self, country: str, title: str, day: str) -> Person | None:
        """Who held the office on the day; None when nobody or several people did (Belarus
        had three opposition leaders in 2020, and 'de oppositieleider' names none of them)."""
        holders = self.title_holders(country, title, day)
        if len(holders) > 1:  # on a hand-over day, the one who comes in
            holders = [p for p in holders if not any(
                r.country == country and r.title == title and r.end and day.startswith(r.end)
                for r in p.roles)] or holders
        return holders[0] if len(holders) == 1 else None

    def people_with_surname(self, surname: str) -> list[Person]:
        """Everyone whose name ends in `surname`, by its transliteration key: the knowledge
        base leaves out bare surnames that two people share ('Bush'), but 'president Bush'
        in 2008 is one of them."""
        return list(self._surnames.get(name_key(surname), []))

    def is_female(self, name: str) -> bool:
        """A woman's name, by its first name or a Slavic feminine surname; unknown is False.
        Pronoun resolution uses it: 'hij' is not Tichanovskaja."""
        words = name.replace("-", " ").split()
        if not words:
            return False
        if fold(words[0]) in self.female_first_names:
            return True
        return len(words) > 1 and fold(words[-1]).endswith(_FEMININE_SURNAME)

    def exact_role_noun(self, word: str) -> RoleNoun | None:
        """A role noun by one of its own forms, not by the end of a compound: 'rebellenleider'
        is no 'leider' of a state, nor 'oud-president' its president."""
        return self._noun_forms.get(fold(word))

    def actor(self, candidate: Candidate, day: str) -> Actor:
        """The actor a candidate stands for on `day` (YYYY-MM-DD)."""
        if candidate.kind == "person":
            return self.person_actor(self.people[candidate.key], day)
        if candidate.kind == "place":
            place = self.places[candidate.key]
            return Actor(f"place:{place.name_en}", place.name_en, place.country, None, "place")
        if candidate.kind == "organisation":
            o = self.organisations[candidate.key]
            return Actor(f"org:{o.id}", o.name_en, o.country, o.sector, "organisation")
        if candidate.kind in ("capital", "metonym"):
            return self.government_actor(candidate.key)
        if candidate.kind == "demonym":
            c = self.countries[candidate.key]
            return Actor(f"group:{c.iso3}:CVL", f"{c.name_en} (people)", c.iso3, "CVL", "group")
        return self.country_actor(candidate.key)

    def country_actor(self, iso3: str) -> Actor:
        c = self.countries[iso3]
        return Actor(f"country:{c.iso3}", c.name_en, c.iso3, None, "country")

    def government_actor(self, iso3: str) -> Actor:
        c = self.countries[iso3]
        return Actor(f"country:{c.iso3}:GOV", f"{c.name_en} (government)", c.iso3, "GOV",
                     "country")

    def group_actor(self, lemma: str, sector: str, country: str | None,
                    title: str | None = None) -> Actor:
        """People a role noun names ('Russische militairen'); '?' for a country not yet known."""
        return Actor(f"group:{country or '?'}:{sector}:{lemma}", lemma, country, sector, "group",
                     title)

    def person_actor(self, person: Person, day: str) -> Actor:
        role = person.role_on(day)
        if role:
            return Actor(f"person:{person.id}", person.name, role.country, role.sector, "person",
                         role.title_nl or role.title)
        past = person.last_role_before(day)
        if past:
            return Actor(f"person:{person.id}", person.name, past.country, "ELI", "person",
                         f"former {past.title_nl or past.title}")
        country = person.roles[0].country if person.roles else None
        return Actor(f"person:{person.id}", person.name, country, None, "person")

    def valid_on(self, candidate: Candidate, day: str) -> bool:
        """A historical state (Sovjet-Unie) and its bodies (the Soviet KGB) only exist in their
        own years, so 'Moskou' in 2020 is Russia and 'KGB' in 2021 is Belarus's."""
        if candidate.kind == "person":
            return True
        if candidate.kind == "place":
            code = self.places[candidate.key].country
        elif candidate.kind == "organisation":
            code = self.organisations[candidate.key].country
        else:
            code = candidate.key
        country = self.countries.get(code or "")
        if country is None:
            return True
        if country.valid_from and day < country.valid_from:
            return False
        return not (country.valid_to and day > country.valid_to)

    def choose(self, candidates: list[Candidate], day: str) -> Candidate:
        """Several entries share a name: keep those that exist on the day, then prefer a
        person in office on the day, then the first."""
        candidates = [c for c in candidates if self.valid_on(c, day)] or candidates
        for candidate in candidates:
            if candidate.kind == "person" and self.people[candidate.key].role_on(day):
                return candidate
        return candidates[0]


@lru_cache(maxsize=4)
def default_kb(folder: str | None = None) -> KnowledgeBase:
    return KnowledgeBase.load(Path(folder) if folder else None)
