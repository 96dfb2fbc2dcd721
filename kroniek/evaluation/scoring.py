"""Score system output against gold annotations, as GOLD_FORMAT.md defines every figure.

Pure functions: no I/O. The caller runs the pipeline and hands over what it produced.

Choices the format leaves open, made here:

- **Matching** (detection and full match). Per article, a maximum-weight bipartite matching
  (Hungarian method) between asserted system events and gold events, with lexicographic
  weights. In order of priority it maximises (1) matches to required gold events, (2) matches
  to optional gold events with the system events left over, (3) full-match true positives
  (pairs whose countries agree), (4) pairs with an asserted gold event (fewest false
  assertions), (5) agreeing attributes (actor fields, mode, date, place). (1) and (2) are
  "required first, then optional" of the format; doing them as one lexicographic optimum
  rather than two separate passes stops an arbitrary first pass from using up a system event
  that an optional gold event needed. (3)-(5) only choose among matchings with the same
  detection figures, so that the figures never depend on the order of the input: where
  several system events could pair with a gold event, the pairing most favourable to the
  system is taken.
- **Sentences** are compared with whitespace runs collapsed and in Unicode NFC, so a line
  break inside a sentence or a decomposed accent does not hide a match. A gold sentence that
  does not occur in its article text at all is an error in the gold, raised rather than
  counted as a miss.
- **Factuality agreement** uses a second matching, between system events of any factuality
  and all gold events, that maximises first the number of pairs and then the pairs whose
  factuality agrees; each pair is judged by its gold partner. A system event that can match a
  gold event but is left over (more system events than gold events in that sentence) is judged
  against the gold events it can match: it agrees when any of them has its factuality.
- **Mentions**: every occurrence of every gold mention counts, also where a shorter form occurs
  inside a longer one ("Loekasjenko" in "Aleksandr Loekasjenko" is an occurrence of both).
- **Counts**: `system_events` counts the system events of the gold articles, of any
  factuality. `per_type` holds every figure except mention accuracy (mentions have no event
  type), for each type found in the gold or the system output.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from kroniek.evaluation.gold import (
    MISSING,
    GoldActor,
    GoldArticle,
    GoldEvent,
    GoldFormatError,
    GoldMention,
)

ASSERTED = "asserted"

# A letter, digit or hyphen: what may not touch a mention, since a hyphen joins words.
_WORDISH = r"[\w\-\u2010\u2011]"
_T = TypeVar("_T")


@dataclass(frozen=True)
class SystemActor:
    country: str | None
    sector: str | None
    actor: str | None = None


@dataclass(frozen=True)
class SystemEvent:
    article_id: str
    sentence: str  # full text of the pipeline sentence the event was coded from
    type: str
    mode: str | None = None
    source: SystemActor | None = None
    target: SystemActor | None = None
    date: str | None = None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    place: str | None = None
    factuality: str = ASSERTED  # asserted | hypothetical | negated


@dataclass(frozen=True)
class SystemMention:
    article_id: str
    text: str
    start: int  # offsets into the article text as ingested
    end: int
    actor: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class _Outcome:
    """What the matchings decided, for one article or pooled over several."""

    pairs: tuple[tuple[SystemEvent, GoldEvent], ...] = ()  # detection matching, all gold
    false_positives: tuple[SystemEvent, ...] = ()  # asserted, matched to nothing
    false_negatives: tuple[GoldEvent, ...] = ()  # required, matched to nothing
    factuality: tuple[tuple[str, bool], ...] = ()  # (event type, agrees) per system event

    def __add__(self, other: _Outcome) -> _Outcome:
        return _Outcome(
            self.pairs + other.pairs,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
            self.factuality + other.factuality,
        )

    def of_type(self, event_type: str) -> _Outcome:
        return _Outcome(
            tuple(p for p in self.pairs if p[1].type == event_type),
            tuple(e for e in self.false_positives if e.type == event_type),
            tuple(g for g in self.false_negatives if g.type == event_type),
            tuple(f for f in self.factuality if f[0] == event_type),
        )


def score(
    gold: Sequence[GoldArticle],
    article_texts: Mapping[str, str],
    events: Sequence[SystemEvent],
    mentions: Sequence[SystemMention],
    sentence_token_counts: Sequence[int],
) -> dict[str, Any]:
    """The evaluation report, in the JSON shape of GOLD_FORMAT.md."""
    events_of = _group(events, lambda e: e.article_id)
    mentions_of = _group(mentions, lambda m: m.article_id)
    outcome = _Outcome()
    occurrences_right: list[bool] = []
    for article in gold:
        text = article_texts.get(article.id)
        _check_sentences(article, text)
        outcome += _match_article(article.events, events_of.get(article.id, []))
        if article.mentions:
            if text is None:
                raise ValueError(f"no article text for {article.id!r}: its mentions need it")
            occurrences_right += _judge_mentions(article.mentions, text,
                                                 mentions_of.get(article.id, []))
    gold_events = [g for a in gold for g in a.events]
    system_events = [e for a in gold for e in events_of.get(a.id, [])]
    types = sorted({g.type for g in gold_events} | {e.type for e in system_events})
    return {
        "overall": {**_figures(outcome), "mention_accuracy": _ratio(occurrences_right)},
        "per_type": {t: _figures(outcome.of_type(t)) for t in types},
        "articles": len(gold),
        "gold_events": len(gold_events),
        "required_gold_events": sum(g.required for g in gold_events),
        "system_events": len(system_events),
        "mean_sentence_tokens": _mean(sentence_token_counts),
    }


def find_occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where `form` occurs in `text` as a word: case-sensitive, not inside a longer word, with a
    hyphen joining words, and perhaps followed by a possessive 's, ’s or s (not included)."""
    pattern = rf"(?<!{_WORDISH}){re.escape(form)}(?=(?:['’]?s)?(?!{_WORDISH}))"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


# --- matching ---------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _check_sentences(article: GoldArticle, text: str | None) -> None:
    if text is None:
        return
    squashed = _squash(text)
    for event in article.events:
        if _squash(event.sentence) not in squashed:
            raise GoldFormatError(
                f"article {article.id!r}: gold sentence {event.sentence!r} is not in its text"
            )


def _candidates(
    system: Sequence[SystemEvent], gold: Sequence[GoldEvent]
) -> list[list[int]]:
    """For each system event, the gold events it can match: same type, sentence contained."""
    sentences = [_squash(s.sentence) for s in system]
    needles = [_squash(g.sentence) for g in gold]
    return [
        [j for j, g in enumerate(gold) if g.type == s.type and needles[j] in sentences[i]]
        for i, s in enumerate(system)
    ]


def _match_article(gold: Sequence[GoldEvent], system: Sequence[SystemEvent]) -> _Outcome:
    asserted = [s for s in system if s.factuality == ASSERTED]
    can = _candidates(asserted, gold)
    # Lexicographic weights: each tier outweighs everything the tiers below can add up to.
    base = 8 * max(len(asserted), len(gold)) + 1
    tier = [int(base**k) for k in range(4, -1, -1)]

    def weight(i: int, j: int) -> int:
        s, g = asserted[i], gold[j]
        if not g.required:
            return tier[1] + tier[3] * (g.factuality == ASSERTED)
        return (tier[0] + tier[2] * _countries_agree(s, g) + tier[3] * (g.factuality == ASSERTED)
                + tier[4] * _attributes_right(s, g))

    matched = _max_weight_matching(len(asserted), len(gold), can, weight)
    taken = {j for _, j in matched}
    paired = {i for i, _ in matched}
    return _Outcome(
        pairs=tuple((asserted[i], gold[j]) for i, j in matched),
        false_positives=tuple(s for i, s in enumerate(asserted) if i not in paired),
        false_negatives=tuple(g for j, g in enumerate(gold) if g.required and j not in taken),
        factuality=_judge_factuality(gold, system),
    )


def _judge_factuality(
    gold: Sequence[GoldEvent], system: Sequence[SystemEvent]
) -> tuple[tuple[str, bool], ...]:
    can = _candidates(system, gold)
    base = len(system) + 1

    def weight(i: int, j: int) -> int:
        return base + (system[i].factuality == gold[j].factuality)

    partner = dict(_max_weight_matching(len(system), len(gold), can, weight))
    judged = []
    for i, s in enumerate(system):
        if i in partner:
            judged.append((s.type, s.factuality == gold[partner[i]].factuality))
        elif can[i]:
            judged.append((s.type, any(s.factuality == gold[j].factuality for j in can[i])))
    return tuple(judged)


def _max_weight_matching(
    rows: int, cols: int, edges: Sequence[Sequence[int]], weight: Callable[[int, int], int]
) -> list[tuple[int, int]]:
    """A maximum-weight matching of rows to columns over the given edges (positive weights).

    The Hungarian method, which augments along shortest paths, so it is exact where a greedy
    pairing is not. Non-edges weigh nothing, so an optimal full assignment of the smaller side,
    less its non-edges, is a maximum-weight matching.
    Weights are Python integers, so lexicographic tiers stay exact however large they get.
    """
    if rows == 0 or cols == 0:
        return []
    gain = [[0] * cols for _ in range(rows)]
    for i, js in enumerate(edges):
        for j in js:
            gain[i][j] = weight(i, j)
    transposed = rows > cols
    if transposed:
        gain = [list(column) for column in zip(*gain, strict=True)]
    assignment = _hungarian([[-g for g in row] for row in gain])
    pairs = [(i, j) for i, j in enumerate(assignment) if gain[i][j] > 0]
    return sorted((j, i) for i, j in pairs) if transposed else pairs


def _hungarian(cost: list[list[int]]) -> list[int]:
    """The column assigned to each row in a minimum-cost assignment; needs rows <= columns.

    The O(n^2 m) shortest-augmenting-path form with row and column potentials.
    """
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u: list[float] = [0] * (n + 1)
    v: list[float] = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j; column 0 is a dummy
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        slack: list[float] = [inf] * (m + 1)
        used = [False] * (m + 1)
        while owner[j0] != 0:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, j0
                if slack[j] < delta:
                    delta, j1 = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            assignment[owner[j] - 1] = j - 1
    return assignment


# --- judging one pair -------------------------------------------------------------------------


def _actor_field(
    gold: tuple[GoldActor, ...] | None, system: SystemActor | None, field: str
) -> bool | None:
    """Whether the system has a value the gold gives for `field`; None where the gold gives
    none. For a compound gold actor any member's value is right."""
    wanted = {getattr(m, field) for m in gold or ()} - {None, MISSING}
    if not wanted:
        return None
    return system is not None and getattr(system, field) in wanted


def _countries_agree(system: SystemEvent, gold: GoldEvent) -> bool:
    return (_actor_field(gold.source, system.source, "country") is not False
            and _actor_field(gold.target, system.target, "country") is not False)


def _date_right(system: str | None, gold: str) -> bool:
    """Right at the gold precision; a system date less precise than the gold one is wrong."""
    if system is None:
        return False
    wanted = gold.split("-")
    return system.split("-")[: len(wanted)] == wanted


def _fold(place: str) -> str:
    decomposed = unicodedata.normalize("NFKD", place)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _judgements(system: SystemEvent, gold: GoldEvent) -> dict[str, bool | None]:
    """Each attribute of a matched pair: right, wrong, or None where the gold does not score it."""
    return {
        "source_country": _actor_field(gold.source, system.source, "country"),
        "target_country": _actor_field(gold.target, system.target, "country"),
        "source_sector": _actor_field(gold.source, system.source, "sector"),
        "target_sector": _actor_field(gold.target, system.target, "sector"),
        "mode": None if gold.mode is None else system.mode == gold.mode,
        "date": None if gold.date is None else _date_right(system.date, gold.date),
        "place": (None if gold.place is None
                  else system.place is not None and _fold(system.place) == _fold(gold.place)),
    }


def _attributes_right(system: SystemEvent, gold: GoldEvent) -> int:
    return sum(v is True for v in _judgements(system, gold).values())


def _judge_mentions(
    gold: Sequence[GoldMention], text: str, system: Sequence[SystemMention]
) -> list[bool]:
    def resolves(m: SystemMention, g: GoldMention) -> bool:
        return all(want is None or have == want for have, want in
                   ((m.actor, g.actor), (m.country, g.country), (m.sector, g.sector)))

    return [
        any(m.start < end and start < m.end and resolves(m, g) for m in system)
        for g in gold
        for start, end in find_occurrences(text, g.text)
    ]


# --- figures ----------------------------------------------------------------------------------


def _figures(outcome: _Outcome) -> dict[str, Any]:
    found = [(s, g) for s, g in outcome.pairs if g.required]
    tp, fp, fn = len(found), len(outcome.false_positives), len(outcome.false_negatives)
    full_tp = sum(_countries_agree(s, g) for s, g in found)
    wrong_country = tp - full_tp
    judged = [_judgements(s, g) for s, g in found]

    def accuracy(key: str) -> float | None:
        return _ratio(j[key] for j in judged if j[key] is not None)

    return {
        "event": {**_prf(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn},
        "full": _prf(full_tp, fp + wrong_country, fn + wrong_country),
        "actor": {key: accuracy(key) for key in
                  ("source_country", "target_country", "source_sector", "target_sector")},
        "mode_accuracy": accuracy("mode"),
        "date_accuracy": accuracy("date"),
        "place_accuracy": accuracy("place"),
        "false_assertions": sum(g.factuality != ASSERTED for _, g in outcome.pairs),
        "factuality_agreement": _ratio(agrees for _, agrees in outcome.factuality),
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    # F1 as 2tp / (2tp + fp + fn): the harmonic mean where both exist, and still defined (0)
    # when the system found nothing against gold that has something.
    return {
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None,
    }


def _ratio(verdicts: Iterable[bool | None]) -> float | None:
    counted = [bool(v) for v in verdicts]
    return sum(counted) / len(counted) if counted else None


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _group(items: Iterable[_T], key: Callable[[_T], str]) -> dict[str, list[_T]]:
    groups: dict[str, list[_T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)
