"""kroniek's core data model: frozen dataclasses, no I/O."""

from kroniek.model.actors import Actor, Mention
from kroniek.model.analysis import Sentence, Token
from kroniek.model.article import Article, Span
from kroniek.model.doc import Doc
from kroniek.model.events import FACTUALITIES, Event
from kroniek.model.time_place import Place, TimeExpr

__all__ = [
    "FACTUALITIES",
    "Actor",
    "Article",
    "Doc",
    "Event",
    "Mention",
    "Place",
    "Sentence",
    "Span",
    "TimeExpr",
    "Token",
]
