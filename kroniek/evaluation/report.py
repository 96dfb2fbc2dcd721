"""The evaluation report as a plain-text table for the terminal.

Standard library only, so that the table looks the same wherever the report is printed (and in
a pipe or a log file, where rich markup would be noise).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

_NONE = "-"  # a figure with nothing to count

_ACCURACIES = (
    ("source country", ("actor", "source_country")),
    ("target country", ("actor", "target_country")),
    ("source sector", ("actor", "source_sector")),
    ("target sector", ("actor", "target_sector")),
    ("mode", ("mode_accuracy",)),
    ("date", ("date_accuracy",)),
    ("place", ("place_accuracy",)),
)


def render_table(report: Mapping[str, Any]) -> str:
    """Overall figures, then one row per event type."""
    overall = report["overall"]
    event, full = overall["event"], overall["full"]
    sections = [
        _summary(report),
        _columns([
            ["", "precision", "recall", "F1", "tp", "fp", "fn"],
            ["event detection", *_prf(event), *_counts(event)],
            ["full match", *_prf(full)],
        ]),
        _columns([
            ["accuracy over matched required events", ""],
            *([f"  {label}", _number(_dig(overall, path))] for label, path in _ACCURACIES),
            ["factuality agreement", _number(overall["factuality_agreement"])],
            ["mention accuracy", _number(overall["mention_accuracy"])],
            ["false assertions (lower is better)", str(overall["false_assertions"])],
        ]),
    ]
    per_type = report["per_type"]
    if per_type:
        rows = [["type", "P", "R", "F1", "tp", "fp", "fn", "full F1"]]
        for name, figures in per_type.items():
            event = figures["event"]
            rows.append([name, *_prf(event), *_counts(event), _number(figures["full"]["f1"])])
        sections.append(_columns(rows))
    return "\n\n".join(sections) + "\n"


def _summary(report: Mapping[str, Any]) -> str:
    articles = report["articles"]
    tokens = report["mean_sentence_tokens"]
    return (
        f"{articles} article{'s' if articles != 1 else ''}, "
        f"{report['gold_events']} gold events ({report['required_gold_events']} required), "
        f"{report['system_events']} system events, "
        f"mean sentence length {_NONE if tokens is None else f'{tokens:.1f}'} tokens"
    )


def _dig(figures: Mapping[str, Any], path: Sequence[str]) -> Any:
    for key in path:
        figures = figures[key]
    return figures


def _number(value: float | None) -> str:
    return _NONE if value is None else f"{value:.3f}"


def _prf(figures: Mapping[str, Any]) -> list[str]:
    return [_number(figures[key]) for key in ("precision", "recall", "f1")]


def _counts(figures: Mapping[str, Any]) -> list[str]:
    return [str(figures[key]) for key in ("tp", "fp", "fn")]


def _columns(rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns: the first left-aligned, the rest right-aligned (numbers)."""
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(max(map(len, rows)))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
