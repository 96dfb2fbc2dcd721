"""Rules for targets a sentence leaves implicit, read from `data/implicit/targets.tsv`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kroniek import plover
from kroniek.errors import DataFileError
from kroniek.kb.entries import SECTORS
from kroniek.kb.loader import data_dir, read_tsv

RULE_COLUMNS = ("id", "types", "modes", "sources", "target", "note")
# What a rule makes the target: the government or the state of the source's own country, or
# the other party of a pair the paragraph named just before.
TARGET_KINDS = frozenset({"government", "country", "counterpart"})
NO_SECTOR = "-"


@dataclass(frozen=True)
class ImplicitTargetRule:
    id: str
    types: frozenset[str]
    modes: frozenset[str]  # empty: any mode, or none
    sources: frozenset[str]  # source sectors; NO_SECTOR for an actor without one (a state)
    target: str
    note: str

    def applies(self, type: str, mode: str | None, source_sector: str | None) -> bool:
        return (type in self.types and (not self.modes or mode in self.modes)
                and (source_sector or NO_SECTOR) in self.sources)


def _names(value: str) -> frozenset[str]:
    return frozenset(v for v in value.split(",") if v)


def load_rules(path: Path | None = None) -> tuple[ImplicitTargetRule, ...]:
    path = path or data_dir() / "implicit" / "targets.tsv"
    rules: list[ImplicitTargetRule] = []
    for line, row in read_tsv(path, RULE_COLUMNS):
        rule = ImplicitTargetRule(
            id=row["id"], types=_names(row["types"]), modes=_names(row["modes"]),
            sources=_names(row["sources"]), target=row["target"], note=row["note"])
        _check(rule, rules, path, line)
        rules.append(rule)
    return tuple(rules)


def _check(rule: ImplicitTargetRule, before: list[ImplicitTargetRule], path: Path,
           line: int) -> None:
    def fail(message: str) -> None:
        raise DataFileError(message, str(path), line)

    if not rule.id.startswith("implicit.") or any(r.id == rule.id for r in before):
        fail(f"id {rule.id!r} must start with 'implicit.' and be unique")
    if not rule.types:
        fail("no event type")
    for type in rule.types:
        if type not in plover.event_types():
            fail(f"{type!r} is not a PLOVER type")
        for mode in rule.modes:
            if not plover.is_valid(type, mode):
                fail(f"{mode!r} is no mode of {type}")
    unknown = rule.sources - SECTORS - {NO_SECTOR}
    if not rule.sources or unknown:
        fail(f"sources must be sectors or '{NO_SECTOR}', not {sorted(unknown) or 'empty'}")
    if rule.target not in TARGET_KINDS:
        fail(f"target must be one of {', '.join(sorted(TARGET_KINDS))}, not {rule.target!r}")
    if not rule.note:
        fail("a rule needs a note with an example")


@lru_cache(maxsize=2)
def default_rules() -> tuple[ImplicitTargetRule, ...]:
    return load_rules()


def rules_fingerprint(path: Path | None = None) -> str:
    path = path or data_dir() / "implicit" / "targets.tsv"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
