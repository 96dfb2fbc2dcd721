"""What the coder tests read off a coded Doc."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc, Event

Code = Callable[..., Doc]


def actor_code(event: Event, side: str) -> str | None:
    """The country + sector code of the event's 'source' or 'target' as the coder found it in
    the sentence, None without one. A target the implicit-target stage inferred is no part of
    the coder's reading; tests/stages/test_implicit_targets.py covers it."""
    mention = getattr(event, side)
    if side == "target" and event.target_rule:
        return None
    return mention.actor.code if mention else None


def find(doc: Doc, rule: str) -> Event:
    """The first event the rule coded; fails the test, listing what fired, when there is none."""
    found = [e for e in doc.events if e.pattern_id == rule]
    assert found, f"{rule} did not fire: {[(e.rule, e.type) for e in doc.events]}"
    return found[0]
