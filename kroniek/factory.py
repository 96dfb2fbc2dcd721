"""Building the default pipeline; a module-level function so worker processes can pickle it."""

from __future__ import annotations

from kroniek.adapters.frog import FrogBackend
from kroniek.pipeline import Pipeline, build_pipeline


def frog_pipeline(timeout: float = 300.0) -> Pipeline:
    return build_pipeline(FrogBackend(timeout=timeout))


def dictionary_hash() -> str:
    """The fingerprint of the knowledge base and patterns, without starting Frog."""
    from kroniek.coder import default_patterns
    from kroniek.kb import default_kb

    return f"{default_kb().fingerprint}-{default_patterns().fingerprint}"
