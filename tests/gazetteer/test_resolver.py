"""Place names resolved in the gazetteer: Dutch exonyms, transliterations, context."""

from __future__ import annotations

import pytest

from kroniek.gazetteer import Gazetteer, default_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(("name", "resolved", "country", "precision"), [
    # Dutch exonyms and transliterations from Russian, Ukrainian, Arabic, Persian
    ("Moskou", "Moscow", "RUS", "city"),
    ("Kiev", "Kyiv", "UKR", "city"),
    ("Kyiv", "Kyiv", "UKR", "city"),
    ("Chabarovsk", "Khabarovsk", "RUS", "city"),
    ("Tbilisi", "Tbilisi", "GEO", "city"),
    ("Jerevan", "Yerevan", "ARM", "city"),
    ("Krim", "Crimea", "UKR", "region"),
    ("de Krim", "Crimea", "UKR", "region"),
    ("Donbas", "Donbas", "UKR", "region"),
    ("Donetsk", "Donetsk", "UKR", "city"),
    ("Loehansk", "Luhansk", "UKR", "city"),
    ("Gazastrook", "Gaza Strip", "PSE", "region"),
    ("Peking", "Beijing", "CHN", "city"),
    ("Brussel", "Brussels", "BEL", "city"),
    ("Den Haag", "The Hague", "NLD", "city"),
    ("Minsk", "Minsk", "BLR", "city"),
    ("Marioepol", "Mariupol", "UKR", "city"),
    ("Charkiv", "Kharkiv", "UKR", "city"),
    ("Charkov", "Kharkiv", "UKR", "city"),
    ("Odessa", "Odesa", "UKR", "city"),
    ("Stepanakert", "Stepanakert", "AZE", "city"),
    ("Tschinvali", "Tskhinvali", "GEO", "city"),
    ("Khartoem", "Khartoum", "SDN", "city"),
    ("Bamako", "Bamako", "MLI", "city"),
    ("Caracas", "Caracas", "VEN", "city"),
    ("Istanboel", "Istanbul", "TUR", "city"),
    ("Ankara", "Ankara", "TUR", "city"),
    ("Teheran", "Tehran", "IRN", "city"),
    ("Boekarest", "Bucharest", "ROU", "city"),
    ("Sotsji", "Sochi", "RUS", "city"),
    ("Parijs", "Paris", "FRA", "city"),
    ("Sjoesja", "Shusha", "AZE", "city"),
    ("Zvečan", "Zvečan", "KOS", "city"),
    ("Zvecan", "Zvečan", "KOS", "city"),  # the same letters without the háček
    ("Genève", "Geneva", "CHE", "city"),
    ("Kaboel", "Kabul", "AFG", "city"),  # a capital from the knowledge base
    ("Wenen", "Vienna", "AUT", "city"),  # a Dutch name GeoNames carries
    # countries by their Dutch names
    ("Oekraïne", "Ukraine", "UKR", "country"),
    ("Jemen", "Yemen", "YEM", "country"),
    ("Wit-Rusland", "Belarus", "BLR", "country"),
])
def test_resolves_dutch_names(gazetteer: Gazetteer, name: str, resolved: str, country: str,
                              precision: str) -> None:
    place = gazetteer.resolve(name)
    assert place is not None
    assert (place.name, place.country, place.precision) == (resolved, country, precision)


@pytest.mark.parametrize(("name", "context", "country"), [
    ("Tripoli", (), "LBY"),  # the larger city, and Libya's capital
    ("Tripoli", ("LBN",), "LBN"),  # a sentence about Lebanon
    ("Valencia", (), "VEN"),
    ("Valencia", ("ESP",), "ESP"),
    ("Hyderabad", (), "IND"),
    ("Hyderabad", ("PAK",), "PAK"),
    ("Birmingham", (), "GBR"),
    ("Birmingham", ("USA",), "USA"),
    ("Alexandria", (), "EGY"),
    ("Alexandria", ("USA",), "USA"),
    ("London", ("CAN",), "CAN"),
    ("Rafah", (), "PSE"),
    ("Rafah", ("EGY",), "PSE"),  # a hand-written place beats context
    ("Moskou", ("USA",), "RUS"),  # a Dutch exonym is not Moscow, Idaho
    ("Odessa", ("USA",), "UKR"),
    ("Tripoli", ("ITA", "LBN"), "LBN"),  # the first context country with such a place
])
def test_ambiguous_names_resolve_by_context(gazetteer: Gazetteer, name: str,
                                            context: tuple[str, ...], country: str) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None and place.country == country


def test_context_picks_the_city_of_that_country(gazetteer: Gazetteer) -> None:
    lebanon = gazetteer.resolve("Tripoli", ["LBN"])
    assert lebanon is not None and lebanon.lat is not None and lebanon.lon is not None
    assert (round(lebanon.lat), round(lebanon.lon)) == (34, 36)


def test_resolved_city_carries_coordinates(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Chabarovsk")
    assert place is not None and place.lat is not None and place.lon is not None
    assert (round(place.lat), round(place.lon)) == (48, 135)


def test_country_point_is_where_its_people_live(gazetteer: Gazetteer) -> None:
    # Russia's population centre lies in European Russia, far west of its geometric centre.
    russia = gazetteer.resolve("Rusland")
    assert russia is not None and russia.lon is not None and 30 < russia.lon < 60


@pytest.mark.parametrize("name", ["Verre Oosten", "Den", "Buitenlandse Zaken", "Navo", "Poetin"])
def test_names_that_are_no_place_resolve_to_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None
