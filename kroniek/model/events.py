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
    `rule` is the id of the pattern that coded the event, followed by '+' and the id of the
    rule that inferred its target when the text named none ('reject.weigeren+implicit.counterpart').
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

    @property
    def pattern_id(self) -> str:
        return self.rule.partition("+")[0]

    @property
    def target_rule(self) -> str | None:
        """The implicit-target rule that gave the event its target, if one did."""
        return self.rule.partition("+")[2] or None
