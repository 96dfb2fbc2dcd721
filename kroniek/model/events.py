"""Events: who did what to whom, and why kroniek thinks so."""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.model.actors import Mention
from kroniek.model.time_place import Place

FACTUALITIES = ("asserted", "hypothetical", "negated")


@dataclass(frozen=True)
class Event:
    """One coded event, tied to the sentence and trigger it came from.

    `date` is when the event happened at `date_precision`; `date_source` says what set it:
    the text of a time expression, or 'article' when only the publication date was known.
    """

    sentence: int
    type: str
    mode: str | None
    trigger_start: int
    trigger_end: int
    trigger_text: str
    source: Mention | None
    target: Mention | None
    factuality: str
    rule: str
    confidence: float
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    place: Place | None = None
    historical: bool = False  # the event lies well before the article date
