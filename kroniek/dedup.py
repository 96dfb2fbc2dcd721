"""Cross-article deduplication: events that report the same happening become one cluster.

Ten articles on one arrest give ten coded events; a cluster counts them as one happening with
ten mentions. Two events report the same happening when

- they share a *block*: the same type, mode and factuality, and the same source and target
  actors. An actor the knowledge base knows (a person, country or organisation) is compared by
  its id; a group or an unknown actor by country + sector, because 'de politie' and 'agenten'
  in two articles are the same police. Events with neither a source nor a target are never
  merged: nothing says two of them are about the same people.
- their dates fit a window that depends on precision: two days apart at most for two dates at
  day precision (a report from the next day, dated by its publication date, lags a day or
  two), the same month when one is known to the month, the same year when one is known only
  to the year. An event without a date only joins events without a date.
- their places are compatible: the same resolved place, or one of them unknown, or one known
  only to its country and the other in that country. Two different cities never match.

Clustering is greedy and deterministic within a block: events are taken most precise date
first, then earliest date, then event id, and each joins the first cluster whose *anchor* (its
first event) it is compatible with, or starts a new one. Comparing with the anchor rather than
with any member stops chaining: daily protests by the same actors do not fuse into one
month-long cluster, since a cluster spans at most the window around its anchor.

A cluster's id is derived from its anchor's event id (`cluster_id`), so it depends only on the
events of its own block: adding unrelated articles or re-running changes nothing, and only a
new report of the same happening with a more precise or earlier date can move it.

This module does no I/O: the store turns its rows into `ClusterInput`s and calls `cluster`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from kroniek.model import Event, Mention

DAY_WINDOW = 2  # days between two day-precise dates of one happening, at most
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_PLACE_RANK = {"city": 0, "region": 1, "country": 2}
# Actor ids that name a knowledge-base entry; anything else is compared by country + sector.
_KB_PREFIXES = ("person:", "country:", "org:")


@dataclass(frozen=True)
class ClusterInput:
    """What deduplication needs to know of one event, from a stored row or a model Event.

    `outlet` is the article's source (the newspaper) or, when it has none, the article id.
    """

    event_id: str
    article_id: str
    outlet: str
    type: str
    mode: str | None
    factuality: str
    source_key: str | None
    target_key: str | None
    date: str | None
    date_precision: str | None
    place_resolved: str | None = None
    place_country: str | None = None
    place_precision: str | None = None
    confidence: float = 0.0

    @property
    def block(self) -> str | None:
        """The events that may report the same happening share this; None: never merged."""
        if self.source_key is None and self.target_key is None:
            return None
        return "|".join((self.type, self.mode or "", self.factuality,
                         self.source_key or "-", self.target_key or "-"))


@dataclass(frozen=True)
class Cluster:
    """One happening: its events (event ids, in clustering order) and the best of them."""

    id: str
    block: str
    event_ids: tuple[str, ...]
    canonical: str  # the event id of the most precise, best-attested member
    mentions: int
    articles: int
    sources: int


def actor_key(actor_id: str | None, country: str | None, sector: str | None) -> str | None:
    """How an actor slot is compared across articles: the knowledge-base id, or for a group
    or unknown actor its country + sector (its id when it has neither)."""
    if actor_id is None:
        return None
    if actor_id.startswith(_KB_PREFIXES):
        return actor_id
    code = (country or "") + (sector or "")
    return code or actor_id


def from_event(event: Event, event_id: str, article_id: str, outlet: str | None) -> ClusterInput:
    """The cluster input of a model Event, as the store would build it from its row."""

    def key(mention: Mention | None) -> str | None:
        if mention is None:
            return None
        actor = mention.actor
        return actor_key(actor.id, actor.country, actor.sector)

    place = event.place
    return ClusterInput(
        event_id=event_id, article_id=article_id, outlet=outlet or article_id,
        type=event.type, mode=event.mode, factuality=event.factuality,
        source_key=key(event.source), target_key=key(event.target),
        date=event.date, date_precision=event.date_precision,
        place_resolved=place.resolved if place else None,
        place_country=place.country if place else None,
        place_precision=place.precision if place else None,
        confidence=event.confidence,
    )


def cluster_id(anchor_event_id: str) -> str:
    return "c-" + hashlib.sha256(anchor_event_id.encode("utf-8")).hexdigest()[:16]


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _rank(item: ClusterInput) -> int:
    if item.date is None:
        return 3
    return _PRECISION_RANK.get(item.date_precision or "", 2)


def _dates_match(anchor: ClusterInput, item: ClusterInput) -> bool:
    if anchor.date is None or item.date is None:
        return anchor.date is None and item.date is None
    if _rank(anchor) == 0 and _rank(item) == 0:
        a, b = _day(anchor.date), _day(item.date)
        return a is not None and b is not None and abs((a - b).days) <= DAY_WINDOW
    # The coarser of the two decides: same month, or same year.
    width = 7 if max(_rank(anchor), _rank(item)) == 1 else 4
    return anchor.date[:width] == item.date[:width]


@dataclass
class _Place:
    """The most specific place a cluster has seen, which every new member must fit."""

    resolved: str | None = None
    country: str | None = None
    precise: bool = False  # a city or region, not only a country

    def fits(self, item: ClusterInput) -> bool:
        if item.place_country is None and item.place_resolved is None:
            return True
        if self.country is None and self.resolved is None:
            return True
        if self.country and item.place_country and self.country != item.place_country:
            return False
        if self.precise and _precise(item):
            return self.resolved == item.place_resolved
        return True

    def add(self, item: ClusterInput) -> None:
        if _precise(item) and not self.precise:
            self.resolved, self.country, self.precise = (
                item.place_resolved, item.place_country, True)
        elif self.country is None and item.place_country is not None:
            self.resolved, self.country = item.place_resolved, item.place_country


def _precise(item: ClusterInput) -> bool:
    return item.place_resolved is not None and item.place_precision in ("city", "region")


@dataclass
class _Open:
    anchor: ClusterInput
    place: _Place
    members: list[ClusterInput] = field(default_factory=list)


def _order(item: ClusterInput) -> tuple[int, str, str]:
    return (_rank(item), item.date or "", item.event_id)


def _canonical(members: Sequence[ClusterInput]) -> ClusterInput:
    def merit(item: ClusterInput) -> tuple[int, int, int, float, str]:
        both_actors = item.source_key is not None and item.target_key is not None
        place = _PLACE_RANK.get(item.place_precision or "", 3) if item.place_country else 3
        return (_rank(item), place, 0 if both_actors else 1, -item.confidence, item.event_id)

    return min(members, key=merit)


def _cluster_block(block: str, items: Sequence[ClusterInput]) -> list[Cluster]:
    opened: list[_Open] = []
    # Clusters indexed by their anchor's day, month and year, so that an event is compared
    # only with anchors that can match it: linear in the block's size, not quadratic.
    by_day: dict[int, list[_Open]] = {}
    by_prefix: dict[str, list[_Open]] = {}  # 'YYYY-MM', 'YYYY', and '' for undated anchors
    for item in sorted(items, key=_order):
        rank, value = _rank(item), item.date or ""
        day = _day(value) if rank == 0 else None
        candidates: list[_Open]
        if day is not None:
            near = range(day.toordinal() - DAY_WINDOW, day.toordinal() + DAY_WINDOW + 1)
            candidates = sorted((c for d in near for c in by_day.get(d, ())),
                                key=lambda c: _order(c.anchor))
        else:
            candidates = by_prefix.get(value[: (10, 7, 4, 0)[rank]], [])
        home = next(
            (c for c in candidates if _dates_match(c.anchor, item) and c.place.fits(item)), None
        )
        if home is None:
            home = _Open(anchor=item, place=_Place())
            opened.append(home)
            if day is not None:
                by_day.setdefault(day.toordinal(), []).append(home)
            keys = {value[:7], value[:4]} if value else {""}
            for key in keys:
                by_prefix.setdefault(key, []).append(home)
        home.members.append(item)
        home.place.add(item)
    return [_finish(block, c.members) for c in opened]


def _finish(block: str, members: Sequence[ClusterInput]) -> Cluster:
    return Cluster(
        id=cluster_id(members[0].event_id),
        block=block,
        event_ids=tuple(m.event_id for m in members),
        canonical=_canonical(members).event_id,
        mentions=len(members),
        articles=len({m.article_id for m in members}),
        sources=len({m.outlet for m in members}),
    )


def cluster(items: Iterable[ClusterInput]) -> list[Cluster]:
    """Group events into clusters; every event lands in exactly one. Sorted by cluster id."""
    blocks: dict[str, list[ClusterInput]] = {}
    clusters: list[Cluster] = []
    for item in items:
        block = item.block
        if block is None:
            clusters.append(_finish(f"single|{item.event_id}", [item]))
        else:
            blocks.setdefault(block, []).append(item)
    for block, members in blocks.items():
        clusters.extend(_cluster_block(block, members))
    return sorted(clusters, key=lambda c: c.id)
