"""Building the default pipeline; a module-level function so worker processes can pickle it."""

from __future__ import annotations

from kroniek.adapters.frog import FrogBackend, SelectiveFrogBackend
from kroniek.pipeline import Pipeline, build_pipeline


def frog_pipeline(timeout: float = 300.0, selective: bool = False) -> Pipeline:
    """The pipeline on Frog. Selective: a tagging Frog for every sentence and a parsing Frog
    only for sentences that can code an event (kroniek/selection.py); otherwise one Frog that
    parses everything."""
    if not selective:
        return build_pipeline(FrogBackend(timeout=timeout))
    from kroniek.coder import default_patterns
    from kroniek.kb import default_kb
    from kroniek.selection import SentenceSelector

    kb, patterns = default_kb(), default_patterns()
    backend = SelectiveFrogBackend(SentenceSelector(kb, patterns), timeout=timeout)
    return build_pipeline(backend, kb, patterns)


def dictionary_hash() -> str:
    """The fingerprint of the knowledge base and patterns, without starting Frog."""
    from kroniek.coder import default_patterns
    from kroniek.kb import default_kb

    return f"{default_kb().fingerprint}-{default_patterns().fingerprint}"
