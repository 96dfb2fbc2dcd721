"""Finding every time expression in a text: match all shapes, keep the longest, resolve in
text order so that 'die dag' and 'drie dagen later' can lean on the expression before."""

from __future__ import annotations

import re

from kroniek.model import TimeExpr
from kroniek.model.dates import is_partial_date
from kroniek.timex.calendar import parse_reference
from kroniek.timex.grammar import Pattern, default_patterns
from kroniek.timex.normalise import IGNORED, Context, Resolved, resolve
from kroniek.timex.rules import Rules, default_rules

_DECADE = re.compile(r"^\d{3}$")
MAX_TEXT = 1_000_000  # characters; longer input is cut, never refused


def _candidates(text: str, patterns: list[Pattern]) -> list[tuple[int, int, int, re.Match[str]]]:
    found = []
    for order, pattern in enumerate(patterns):
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), order, match))
    return found


def _longest_first(candidates: list[tuple[int, int, int, re.Match[str]]]
                   ) -> list[tuple[int, int, int, re.Match[str]]]:
    """Non-overlapping matches, longest first, earlier patterns winning ties."""
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        if all(end <= s or start >= e for s, e in taken):
            chosen.append(candidate)
            taken.append((start, end))
    return sorted(chosen, key=lambda c: c[0])


def _valid(resolved: Resolved) -> bool:
    if resolved.precision == "decade":
        return bool(_DECADE.match(resolved.value))
    return is_partial_date(resolved.value)


def find_time_expressions(
    text: str, article_date: str | None = None, rules: Rules | None = None
) -> list[TimeExpr]:
    """Every Dutch time expression in `text`, normalised against `article_date`
    ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY'). Without an article date only expressions that name
    their own year are returned. Never raises on any input; every value is a real date."""
    if not isinstance(text, str) or not text:
        return []
    text = text[:MAX_TEXT]
    patterns = default_patterns() if rules is None else _patterns_for(rules)
    rules = rules or default_rules()
    reference = parse_reference(article_date)
    names = [p.name for p in patterns]
    found: list[TimeExpr] = []
    anchor: Resolved | None = None
    for start, end, order, match in _longest_first(_candidates(text, patterns)):
        try:
            resolved = resolve(names[order], match, Context(rules, reference, anchor))
        except (ValueError, OverflowError, KeyError, StopIteration, IndexError):
            resolved = None  # '31 februari', a year out of range: no date, not an error
        if resolved is None or resolved is IGNORED or not _valid(resolved):
            continue
        found.append(TimeExpr(start, end, text[start:end], resolved.value, resolved.precision,
                              resolved.kind))
        if resolved.kind == "date" and resolved.day is not None:
            anchor = resolved
    return found


def _patterns_for(rules: Rules) -> list[Pattern]:
    from kroniek.timex.grammar import build_patterns

    return build_patterns(rules)
