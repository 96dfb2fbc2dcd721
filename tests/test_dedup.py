"""Cross-article deduplication: the grouping on model Events, and on real articles coded by
the real pipeline and stored in a real DuckDB file."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.cli import app
from kroniek.dedup import Cluster, ClusterInput, actor_key, cluster, from_event
from kroniek.model import Actor, Article, Event, Mention, Place
from kroniek.pipeline import Pipeline
from kroniek.ports import EventQuery
from kroniek.stages.ingest import read_inputs

POLICE = Actor("group:BLR:COP:politie", "politie", "BLR", "COP", "group")
AGENTS = Actor("group:BLR:COP:agent", "agent", "BLR", "COP", "group")
JOURNALIST = Actor("group:BLR:JOU:journalist", "journalist", "BLR", "JOU", "group")
LUKASHENKO = Actor("person:aleksandr-loekasjenko", "Aleksandr Loekasjenko", "BLR", "GOV",
                   "person", "president")
MINSK = Place("Minsk", "Minsk", "BLR", 53.9, 27.56, "city", 0, 5)
GRODNO = Place("Grodno", "Grodno", "BLR", 53.68, 23.83, "city", 0, 6)
BELARUS = Place("Belarus", "Belarus", "BLR", None, None, "country", 0, 7)


def mention(actor: Actor) -> Mention:
    return Mention(0, 0, 1, actor.name, (0,), 0, actor, "group")


def arrest(date: str | None, precision: str | None = "day", place: Place | None = None,
           source: Actor | None = POLICE, target: Actor | None = JOURNALIST, **more: object
           ) -> Event:
    return Event(0, "COERCE", "arrest", 0, 10, "arresteerde",
                 mention(source) if source else None, mention(target) if target else None,
                 "asserted", "coerce.arresteren", 0.9, date=date, date_precision=precision,
                 date_source="zondag", place=place, **more)  # type: ignore[arg-type]


def inputs(*events: Event) -> list[ClusterInput]:
    return [from_event(e, f"a{i}:0", f"a{i}", f"krant{i}") for i, e in enumerate(events)]


def groups(clusters: list[Cluster]) -> list[list[str]]:
    return sorted(sorted(c.event_ids) for c in clusters)


def test_dedup_same_arrest_in_three_articles_is_one_cluster() -> None:
    found = cluster(inputs(arrest("2021-03-07", place=MINSK), arrest("2021-03-07"),
                           arrest("2021-03-08", place=MINSK)))
    assert groups(found) == [["a0:0", "a1:0", "a2:0"]]
    assert (found[0].mentions, found[0].articles, found[0].sources) == (3, 3, 3)


def test_dedup_group_actors_compare_by_country_and_sector() -> None:
    found = cluster(inputs(arrest("2021-03-07"), arrest("2021-03-07", source=AGENTS)))
    assert len(found) == 1


def test_dedup_different_cities_same_day_are_two_clusters() -> None:
    found = cluster(inputs(arrest("2021-03-07", place=MINSK), arrest("2021-03-07", place=GRODNO)))
    assert groups(found) == [["a0:0"], ["a1:0"]]


def test_dedup_unknown_place_joins_the_first_city_but_not_both() -> None:
    found = cluster(inputs(arrest("2021-03-07"), arrest("2021-03-07", place=MINSK),
                           arrest("2021-03-07", place=GRODNO)))
    assert groups(found) == [["a0:0", "a1:0"], ["a2:0"]]


def test_dedup_country_place_fits_a_city_in_that_country() -> None:
    found = cluster(inputs(arrest("2021-03-07", place=BELARUS), arrest("2021-03-07", place=MINSK)))
    assert len(found) == 1


def test_dedup_days_beyond_the_window_are_apart() -> None:
    found = cluster(inputs(arrest("2021-03-07"), arrest("2021-03-09"), arrest("2021-03-10")))
    assert groups(found) == [["a0:0", "a1:0"], ["a2:0"]]


def test_dedup_daily_events_do_not_chain_into_one_cluster() -> None:
    days = [f"2021-03-{d:02d}" for d in range(1, 11)]
    found = cluster(inputs(*(arrest(d) for d in days)))
    assert all(c.mentions <= DAYS_PER_CLUSTER for c in found)
    assert len(found) == 4


DAYS_PER_CLUSTER = 3  # an anchor and the two days after it


def test_dedup_month_precision_joins_a_day_in_that_month() -> None:
    found = cluster(inputs(arrest("2021-03-07"), arrest("2021-03", "month"),
                           arrest("2021-04", "month")))
    assert groups(found) == [["a0:0", "a1:0"], ["a2:0"]]


def test_dedup_other_type_target_or_factuality_is_another_cluster() -> None:
    base = arrest("2021-03-07")
    found = cluster(inputs(base, replace(base, mode="ban"), replace(base, target=None),
                           replace(base, factuality="negated"),
                           arrest("2021-03-07", target=LUKASHENKO)))
    assert len(found) == 5


def test_dedup_events_without_actors_are_never_merged() -> None:
    found = cluster(inputs(arrest("2021-03-07", source=None, target=None),
                           arrest("2021-03-07", source=None, target=None)))
    assert len(found) == 2


def test_dedup_canonical_is_the_most_precise_member() -> None:
    found = cluster(inputs(arrest("2021-03", "month"), arrest("2021-03-07"),
                           arrest("2021-03-07", place=MINSK)))
    assert found[0].canonical == "a2:0"


def test_dedup_cluster_id_is_stable_when_unrelated_events_are_added() -> None:
    before = cluster(inputs(arrest("2021-03-07"), arrest("2021-03-08")))
    unrelated = from_event(arrest("2021-03-07", target=LUKASHENKO), "z:0", "z", None)
    after = cluster([*inputs(arrest("2021-03-07"), arrest("2021-03-08")), unrelated])
    assert before[0] in after


def test_dedup_sources_count_outlets_not_articles() -> None:
    events = inputs(arrest("2021-03-07"), arrest("2021-03-07"))
    same_outlet = [replace(e, outlet="krant") for e in events]
    found = cluster(same_outlet)
    assert (found[0].articles, found[0].sources) == (2, 1)


def test_dedup_actor_key_uses_ids_of_known_actors_only() -> None:
    assert actor_key("person:vladimir-putin", "RUS", "GOV") == "person:vladimir-putin"
    assert actor_key("unknown:x", None, None) == "unknown:x"
    assert actor_key("group:RUS:COP:politie", "RUS", "COP") == "RUSCOP"


# -- real articles, real Frog, real DuckDB ----------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "dedup"


@pytest.fixture(scope="module")
def clustered_db(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles of tests/fixtures/dedup coded and stored, one save per article, as runs
    with many batches do."""
    path = tmp_path_factory.mktemp("dedup") / "k.duckdb"
    with DuckDBStore(path) as store:
        run = store.start_run("test", "", [str(FIXTURES)])
        for item in read_inputs([str(FIXTURES)]):
            assert isinstance(item, Article)
            store.save(run, [pipeline(item)])
    return path


def arrest_clusters(path: Path, **query: str) -> list[dict[str, object]]:
    with DuckDBStore(path, read_only=True) as store:
        return [c for c in store.clusters(EventQuery(type="COERCE", **query))
                if c["mode"] == "arrest"]


@pytest.mark.frog
def test_dedup_three_outlets_on_two_days_report_one_arrest(clustered_db: Path) -> None:
    found = arrest_clusters(clustered_db, actor="navalny")
    assert [(c["mentions"], c["articles"], c["sources"]) for c in found] == [(3, 3, 3)]
    assert found[0]["target_actor_id"] == "person:alexei-navalny"


@pytest.mark.frog
def test_dedup_arrests_on_one_day_in_two_cities_are_two_clusters(clustered_db: Path) -> None:
    found = arrest_clusters(clustered_db, since="2021-01-23", until="2021-01-23")
    assert sorted(str(c["place_name"]) for c in found) == ["Moskou", "Sint-Petersburg"]
    assert len({c["place_resolved"] for c in found}) == 2
    assert all(c["mentions"] == 1 and c["target_country"] == "RUS" for c in found)


@pytest.mark.frog
def test_dedup_every_event_has_a_cluster(clustered_db: Path) -> None:
    with DuckDBStore(clustered_db, read_only=True) as store:
        events = store.events(EventQuery())
        clusters = store.clusters(EventQuery())
    assert all(e["cluster_id"] for e in events)
    assert sum(int(c["mentions"]) for c in clusters) == len(events)  # type: ignore[call-overload]


@pytest.mark.frog
def test_dedup_saving_an_article_again_keeps_the_cluster_ids(
    clustered_db: Path, pipeline: Pipeline, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(clustered_db, copy)
    with DuckDBStore(copy) as store:
        before = {c["cluster_id"]: c["mentions"] for c in store.clusters(EventQuery())}
        article = next(a for a in read_inputs([str(FIXTURES / "navalny-krant-b.txt")])
                       if isinstance(a, Article))
        store.save(store.start_run("test", "", ["again"]), [pipeline(article)])
        after = {c["cluster_id"]: c["mentions"] for c in store.clusters(EventQuery())}
    assert after == before


@pytest.mark.frog
def test_dedup_a_version_2_database_gets_its_events_clustered(
    clustered_db: Path, tmp_path: Path
) -> None:
    old = tmp_path / "v2.duckdb"
    shutil.copy(clustered_db, old)
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE event_cluster_members; DROP TABLE event_clusters; "
                "DELETE FROM schema_version WHERE version = 3")
    con.close()
    with DuckDBStore(old) as store:
        navalny = [c for c in store.clusters(EventQuery(actor="navalny", type="COERCE"))]
    assert [c["mentions"] for c in navalny] == [3]


@pytest.mark.frog
def test_dedup_cli_lists_clusters_with_counts(clustered_db: Path) -> None:
    result = CliRunner().invoke(app, ["events", "--clusters", "--db", str(clustered_db),
                                      "--type", "COERCE", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(r["mentions"] for r in rows) == [1, 1, 3]
