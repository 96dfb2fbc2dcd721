"""The event pattern dictionary: one TSV file per PLOVER type in kroniek/data/patterns.

The pattern language is documented in kroniek/data/patterns/README.md.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from kroniek import plover
from kroniek.errors import DataFileError
from kroniek.kb.loader import data_dir, read_tsv

PATTERN_COLUMNS = ("id", "mode", "trigger", "source", "target", "requires", "note")
_SLOT = re.compile(r"^(?:su|obj1|obj2|door|van|poss|pc:[a-z]+|-)$")


@dataclass(frozen=True)
class Constraint:
    slot: str
    lemmas: frozenset[str]
    negated: bool = False
    actor: bool = False  # the filler must be an actor


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    mode: str | None
    kind: str  # verb | noun
    lemma: str
    extra: tuple[str, ...]  # further lemmas a multi-word expression needs
    source: tuple[str, ...]
    target: tuple[str, ...]
    requires: tuple[Constraint, ...]
    note: str


def _slots(value: str, path: Path, line: int) -> tuple[str, ...]:
    slots = tuple(s.strip() for s in value.split("|") if s.strip())
    for slot in slots:
        if not _SLOT.match(slot):
            raise DataFileError(f"unknown slot {slot!r}", str(path), line)
    return tuple(s for s in slots if s != "-")


def _constraints(value: str, path: Path, line: int) -> tuple[Constraint, ...]:
    out = []
    for part in (p.strip() for p in value.split(";") if p.strip()):
        slot, sep, rest = part.partition("=")
        if not sep or not _SLOT.match(slot.strip()):
            raise DataFileError(f"bad constraint {part!r}", str(path), line)
        rest = rest.strip()
        if rest == "actor":
            out.append(Constraint(slot.strip(), frozenset(), actor=True))
            continue
        negated = rest.startswith("!")
        lemmas = frozenset(w.strip().lower() for w in rest.lstrip("!").split("/") if w.strip())
        out.append(Constraint(slot.strip(), lemmas, negated=negated))
    return tuple(out)


def parse_trigger(value: str, path: Path, line: int) -> tuple[str, str, tuple[str, ...]]:
    head, _, extra = value.partition("+")
    parts = head.split()
    if len(parts) != 2 or parts[0] not in ("verb", "noun"):
        raise DataFileError(f"trigger must be 'verb LEMMA' or 'noun LEMMA': {value!r}",
                            str(path), line)
    return parts[0], parts[1].lower(), tuple(w.lower() for w in extra.split())


def load_file(path: Path) -> list[Pattern]:
    event_type = path.stem.upper()
    if event_type not in plover.event_types():
        raise DataFileError(f"{path.stem} is not a PLOVER type", str(path))
    patterns = []
    for line, row in read_tsv(path, PATTERN_COLUMNS):
        mode = row["mode"] or None
        if not plover.is_valid(event_type, mode):
            raise DataFileError(f"{mode!r} is no mode of {event_type}", str(path), line)
        kind, lemma, extra = parse_trigger(row["trigger"], path, line)
        patterns.append(
            Pattern(
                id=row["id"], type=event_type, mode=mode, kind=kind, lemma=lemma, extra=extra,
                source=_slots(row["source"], path, line), target=_slots(row["target"], path, line),
                requires=_constraints(row["requires"], path, line), note=row["note"],
            )
        )
    return patterns


class PatternDictionary:
    def __init__(self, patterns: list[Pattern], fingerprint: str = "") -> None:
        self.patterns = patterns
        self.fingerprint = fingerprint
        self.by_id = {p.id: p for p in patterns}
        if len(self.by_id) != len(patterns):
            seen: set[str] = set()
            dupes = [p.id for p in patterns if p.id in seen or seen.add(p.id)]  # type: ignore[func-returns-value]
            raise DataFileError(f"duplicate pattern ids: {', '.join(dupes[:5])}")
        self._index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for p in patterns:
            self._index[(p.kind, p.lemma)].append(p)

    @classmethod
    def load(cls, folder: Path | None = None) -> PatternDictionary:
        folder = folder or data_dir() / "patterns"
        digest = hashlib.sha256()
        patterns: list[Pattern] = []
        for path in sorted(folder.glob("*.tsv")):
            digest.update(path.name.encode() + path.read_bytes())
            patterns.extend(load_file(path))
        return cls(patterns, digest.hexdigest()[:16])

    def candidates(self, kind: str, lemma: str) -> list[Pattern]:
        return self._index.get((kind, lemma.lower()), [])

    def noun_candidates(self, lemma: str) -> list[Pattern]:
        """Patterns for a noun, or for the head of a Dutch compound when the whole compound has
        none: 'luchtaanval' is an 'aanval', 'eu-sanctie' a 'sanctie'."""
        return self.candidates("noun", compound_trigger(lemma, self._noun_lemmas))

    @cached_property
    def _noun_lemmas(self) -> frozenset[str]:
        return frozenset(lemma for kind, lemma in self._index if kind == "noun")

    @property
    def trigger_lemmas(self) -> frozenset[str]:
        return frozenset(lemma for _, lemma in self._index)


# A compound's head is its last part; shorter heads ('vuur' in 'staakt-het-vuren', 'eis' in
# 'reis') are too often not heads at all.
MIN_COMPOUND_HEAD = 5
MIN_COMPOUND_MODIFIER = 3


def compound_trigger(
    lemma: str, known: frozenset[str], min_head: int = MIN_COMPOUND_HEAD
) -> str:
    """The longest known word that `lemma` ends in as a compound head, or `lemma` itself."""
    lemma = lemma.lower()
    if lemma in known:
        return lemma
    for cut in range(MIN_COMPOUND_MODIFIER, len(lemma) - min_head + 1):
        head = lemma[cut:].lstrip("-")
        if head in known and len(head) >= min_head:
            return head
    return lemma


def lemma_matches(lemma: str, words: frozenset[str]) -> bool:
    """A constraint word matches the lemma or the head of a compound lemma ('energiesubsidie'
    is a 'subsidie')."""
    return compound_trigger(lemma, words, min_head=4) in words


@lru_cache(maxsize=4)
def default_patterns(folder: str | None = None) -> PatternDictionary:
    return PatternDictionary.load(Path(folder) if folder else None)
