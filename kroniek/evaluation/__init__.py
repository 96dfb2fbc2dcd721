"""Scoring kroniek's output against gold annotations (GOLD_FORMAT.md).

`load_gold` reads the gold file, `score` computes every figure from the system output, and
`render_table` prints the result; the pipeline run itself lives in `kroniek.evaluation_run`.
"""

from kroniek.evaluation.gold import (
    MISSING,
    GoldActor,
    GoldArticle,
    GoldEvent,
    GoldFormatError,
    GoldMention,
    Missing,
    load_gold,
)
from kroniek.evaluation.report import render_table
from kroniek.evaluation.scoring import (
    SystemActor,
    SystemEvent,
    SystemMention,
    find_occurrences,
    score,
)

__all__ = [
    "MISSING",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldFormatError",
    "GoldMention",
    "Missing",
    "SystemActor",
    "SystemEvent",
    "SystemMention",
    "find_occurrences",
    "load_gold",
    "render_table",
    "score",
]
