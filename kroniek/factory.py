"""Building the default pipeline; module-level functions so worker processes can pickle them."""

from __future__ import annotations

from pathlib import Path

from kroniek.adapters.frog import FrogBackend, SelectiveFrogBackend
from kroniek.errors import KroniekError
from kroniek.kb import KnowledgeBase
from kroniek.pipeline import Pipeline, build_pipeline


def knowledge_base(folder: str | None = None) -> KnowledgeBase:
    """The packaged knowledge base, or the one in `folder` (as `kroniek kb import-wikidata`
    writes it), checked before any Frog starts so a wrong folder fails at once."""
    from kroniek.kb import default_kb
    from kroniek.kb.base import KB_FILES

    if folder is not None:
        missing = [name for name in KB_FILES if not (Path(folder) / name).is_file()]
        if missing:
            raise KroniekError(
                f"knowledge base {folder}: no {', '.join(missing)} (a knowledge-base folder "
                f"holds {', '.join(KB_FILES)})")
    try:
        return default_kb(folder)
    except OSError as exc:
        raise KroniekError(f"knowledge base {folder}: {exc}") from None


def frog_pipeline(timeout: float = 300.0, selective: bool = False,
                  kb_folder: str | None = None) -> Pipeline:
    """The pipeline on Frog. Selective: a tagging Frog for every sentence and a parsing Frog
    only for sentences that can code an event (kroniek/selection.py); otherwise one Frog that
    parses everything."""
    from kroniek.coder import default_patterns

    kb, patterns = knowledge_base(kb_folder), default_patterns()
    if not selective:
        return build_pipeline(FrogBackend(timeout=timeout), kb, patterns)
    from kroniek.selection import SentenceSelector

    backend = SelectiveFrogBackend(SentenceSelector(kb, patterns), timeout=timeout)
    return build_pipeline(backend, kb, patterns)


def dictionary_hash(kb_folder: str | None = None) -> str:
    """The fingerprint of the knowledge base, patterns and implicit-target rules, without
    starting Frog; the same as the pipeline's."""
    from kroniek.coder import default_patterns
    from kroniek.coder.implicit_rules import rules_fingerprint

    return (f"{knowledge_base(kb_folder).fingerprint}-{default_patterns().fingerprint}"
            f"-{rules_fingerprint()}")
