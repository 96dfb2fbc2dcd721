"""Event clusters in the DuckDB store: kept up to date after every save.

A save touches the *blocks* (kroniek.dedup: type, mode, factuality and actors) of the events
it removes and of the events it adds; only those blocks are clustered again, from every stored
event in them. Clustering depends only on a block's events, so the result is the same as
clustering the whole store, at a cost that follows the size of the touched blocks rather than
the store: a batch of 16 articles touches a few dozen blocks, whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from kroniek.dedup import Cluster, ClusterInput, actor_key, cluster

# Every stored event with what clustering needs; the article's source is its outlet.
_INPUTS = """
SELECT e.event_id, e.article_id, coalesce(a.source, e.article_id), e.type, e.mode,
       e.factuality, e.source_actor_id, e.source_country, e.source_sector,
       e.target_actor_id, e.target_country, e.target_sector, e.date, e.date_precision,
       e.place_resolved, e.place_country, e.place_precision, e.confidence
FROM events e JOIN articles a ON a.id = e.article_id
"""

# A list parameter as a subquery: a hash join, faster than list_contains on every row.
_LIST = "(SELECT unnest(?::TEXT[]))"


def _input(row: tuple[object, ...]) -> ClusterInput:
    (event_id, article_id, outlet, type_, mode, factuality, s_id, s_country, s_sector,
     t_id, t_country, t_sector, date, precision, resolved, country, place_precision,
     confidence) = row
    return ClusterInput(
        event_id=str(event_id), article_id=str(article_id), outlet=str(outlet),
        type=str(type_), mode=mode, factuality=str(factuality),  # type: ignore[arg-type]
        source_key=actor_key(s_id, s_country, s_sector),  # type: ignore[arg-type]
        target_key=actor_key(t_id, t_country, t_sector),  # type: ignore[arg-type]
        date=date, date_precision=precision,  # type: ignore[arg-type]
        place_resolved=resolved, place_country=country,  # type: ignore[arg-type]
        place_precision=place_precision,  # type: ignore[arg-type]
        confidence=float(confidence or 0.0),  # type: ignore[arg-type]
    )


def _block(item: ClusterInput) -> str:
    return item.block or f"single|{item.event_id}"


def _store(con: duckdb.DuckDBPyConnection, items: Sequence[ClusterInput],
           clusters: Sequence[Cluster]) -> None:
    of_event = {event_id: c.id for c in clusters for event_id in c.event_ids}
    if items:
        con.execute(
            "INSERT INTO event_cluster_members SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), "
            "unnest(?::TEXT[]), unnest(?::TEXT[])",
            [[i.event_id for i in items], [i.article_id for i in items],
             [_block(i) for i in items], [of_event[i.event_id] for i in items]],
        )
    if clusters:
        con.execute(
            "INSERT INTO event_clusters SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), "
            "unnest(?::TEXT[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]), "
            "unnest(?::INTEGER[])",
            [[c.id for c in clusters], [c.block for c in clusters],
             [c.canonical for c in clusters], [c.mentions for c in clusters],
             [c.articles for c in clusters], [c.sources for c in clusters]],
        )


def recluster_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> None:
    """Re-cluster the blocks touched by these articles, whose events were just replaced.

    Runs inside the caller's transaction, after the articles' new rows are inserted.
    """
    ids = list(article_ids)
    old = con.execute(
        f"SELECT DISTINCT block FROM event_cluster_members WHERE article_id IN {_LIST}",
        [ids],
    ).fetchall()
    con.execute(f"DELETE FROM event_cluster_members WHERE article_id IN {_LIST}", [ids])
    fresh = [_input(r) for r in con.execute(
        _INPUTS + f" WHERE e.article_id IN {_LIST}", [ids]).fetchall()]
    blocks = sorted({str(b) for (b,) in old} | {_block(i) for i in fresh})
    if not blocks:
        return
    others = [_input(r) for r in con.execute(
        _INPUTS + " JOIN event_cluster_members m ON m.event_id = e.event_id "
        f"WHERE m.block IN {_LIST}", [blocks]).fetchall()]
    con.execute(f"DELETE FROM event_cluster_members WHERE block IN {_LIST}", [blocks])
    con.execute(f"DELETE FROM event_clusters WHERE block IN {_LIST}", [blocks])
    items = [*others, *fresh]
    _store(con, items, cluster(items))


def recluster_all(con: duckdb.DuckDBPyConnection) -> None:
    """Cluster every stored event from scratch: for a database that had no clusters yet."""
    con.execute("DELETE FROM event_cluster_members")
    con.execute("DELETE FROM event_clusters")
    items = [_input(r) for r in con.execute(_INPUTS).fetchall()]
    _store(con, items, cluster(items))
