"""The gazetteer: every name a place goes by, and which place a name means in its context."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from kroniek.errors import DataFileError
from kroniek.gazetteer.entries import GazetteerPlace
from kroniek.gazetteer.loader import (
    MIN_CITY_POPULATION,
    country_places,
    known_places,
    load_exonyms,
    load_geonames,
)
from kroniek.kb.entries import Country
from kroniek.kb.loader import data_dir, load_countries, load_places
from kroniek.kb.names import fold

# How much a name says about which place it means: a hand-written name (places.tsv,
# exonyms.tsv, a country name) over a capital's name in the knowledge base over GeoNames' own
# name for a city over one of GeoNames' many alternate names.
CURATED, CAPITAL, MAIN_NAME, ALTERNATE_NAME = 3, 2, 1, 0


class Gazetteer:
    def __init__(self, fingerprint: str = "") -> None:
        self.fingerprint = fingerprint
        self._exact: dict[str, dict[str, tuple[GazetteerPlace, int]]] = defaultdict(dict)
        self._folded: dict[str, dict[str, tuple[GazetteerPlace, int]]] = defaultdict(dict)
        self._by_name: dict[tuple[str, str], dict[str, GazetteerPlace]] = defaultdict(dict)

    def add(self, place: GazetteerPlace, names: Iterable[str], strength: int) -> None:
        """Index `place` under each of `names`; a name keeps the strongest reason it has."""
        self._by_name[(place.name, place.country)][place.key] = place
        for name in names:
            for index, key in ((self._exact, name), (self._folded, fold(name))):
                known = index[key].get(place.key)
                if known is None or known[1] < strength:
                    index[key][place.key] = (place, strength)

    def named(self, name_en: str, country: str) -> GazetteerPlace | None:
        """The place called `name_en` in `country`: a hand-written one, else the largest."""
        found = self._by_name.get((name_en, country), {}).values()
        return max(found, key=lambda p: (p.curated, p.population), default=None)

    def candidates(self, name: str) -> list[tuple[GazetteerPlace, int]]:
        """Every place `name` can mean with how strongly; exact spelling first, then the same
        letters without case and accents (Zvecan, zvečan)."""
        found = self._exact.get(name) or self._folded.get(fold(name)) or {}
        return list(found.values())

    def is_known_place(self, name: str) -> bool:
        """Whether `name` is a place by a hand-written name or a capital's ('Sotsji', 'Kiev'),
        which no person or organisation shares; GeoNames' names alone ('Jackson') do not say
        so."""
        return any(strength >= CAPITAL for _, strength in self.candidates(name))

    def resolve(self, name: str, countries: Sequence[str] = ()) -> GazetteerPlace | None:
        """The place `name` means. Context first: of the places in `countries` (the sentence's
        and article's countries, most relevant first), the first country that has one. A
        context country never overrules a hand-written name for a place elsewhere ('Moskou'
        in an American's sentence is still Moscow, Russia), but it does overrule a capital
        ('Tripoli' in a sentence about Lebanon). Then a capital, then the larger population."""
        found = self.candidates(name)
        if not found:
            return None
        floor = max(strength for _, strength in found)
        floor = CURATED if floor == CURATED else ALTERNATE_NAME
        for country in countries:
            local = [(p, s) for p, s in found if p.country == country and s >= floor]
            if local:
                return _best(local)
        return _best(found)


def _best(found: list[tuple[GazetteerPlace, int]]) -> GazetteerPlace:
    # Among GeoNames' own names the larger city wins, main name or alternate.
    return max(found, key=lambda ps: (max(ps[1], MAIN_NAME), ps[0].population))[0]


def _add_capitals(gazetteer: Gazetteer, countries: list[Country]) -> None:
    """The knowledge base's capital names (Kaboel, Parijs) pin the GeoNames city of that name
    in that country."""
    for country in countries:
        if country.valid_to:
            continue
        for name in country.capitals:  # some states have two (Amsterdam and Den Haag)
            cities = [p for p, _ in gazetteer.candidates(name)
                      if p.country == country.iso3 and p.precision == "city"]
            if cities:
                gazetteer.add(max(cities, key=lambda p: p.population), (name,), CAPITAL)


def build_gazetteer(
    places_dir: Path | None = None,
    countries_path: Path | None = None,
    min_population: int = MIN_CITY_POPULATION,
) -> Gazetteer:
    places_dir = places_dir or data_dir() / "places"
    countries_path = countries_path or data_dir() / "actors" / "countries.tsv"
    places_path, exonyms_path = places_dir / "places.tsv", places_dir / "exonyms.tsv"
    digest = hashlib.sha256()
    for path in (places_path, exonyms_path, countries_path):
        digest.update(path.read_bytes())
    gazetteer = Gazetteer(f"{digest.hexdigest()[:16]}-{min_population}")
    cities = load_geonames(min_population)
    for place, names in cities:
        for name in names:
            gazetteer.add(place, (name,), MAIN_NAME if name == place.name else ALTERNATE_NAME)
    countries = load_countries(countries_path)
    for place, names in (*known_places(load_places(places_path)),
                         *country_places(countries, cities)):
        gazetteer.add(place, names, CURATED)
    _add_capitals(gazetteer, countries)
    for line, name_en, country, names in load_exonyms(exonyms_path):
        place = gazetteer.named(name_en, country)
        if place is None:
            raise DataFileError(f"no place {name_en!r} in {country} (GeoNames cities of "
                                f"{min_population}+, places.tsv or a country)",
                                str(exonyms_path), line)
        # The English name itself says nothing new: 'London' may still be London, Ontario.
        gazetteer.add(place, [n for n in names if n != place.name], CURATED)
    return gazetteer


@lru_cache(maxsize=2)
def default_gazetteer() -> Gazetteer:
    return build_gazetteer()
