"""The event coder: PLOVER events from the dependency parse, each explained by its rule."""

from kroniek.coder.coder import MAX_PAIRS, Attempt, EventCoder
from kroniek.coder.patterns import Pattern, PatternDictionary, default_patterns

__all__ = ["MAX_PAIRS", "Attempt", "EventCoder", "Pattern", "PatternDictionary",
           "default_patterns"]
