"""Actors and their mentions in the text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who an actor is, on the date that matters.

    `id` is a knowledge-base id ('person:vladimir-putin', 'country:RUS', 'org:nato') or, for an
    actor the knowledge base does not know, 'unknown:' plus a normalised key. `country` is an
    ISO 3166-1 alpha-3 code or IGO, NGO, MNC; `sector` a PLOVER actor type or None.
    """

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # person | country | organisation | group | unknown
    title: str | None = None  # the role held on the date, e.g. 'president'

    @property
    def code(self) -> str:
        return "".join(p for p in (self.country, self.sector) if p) or "UNK"


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names an actor. `tokens` index into the sentence."""

    sentence: int
    start: int
    end: int
    text: str
    tokens: tuple[int, ...]
    head: int  # the token that stands for the mention in the parse
    actor: Actor
    how: str  # what resolved it: 'name', 'alias', 'adjective+noun', 'metonym', 'role', ...
