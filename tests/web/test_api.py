"""The JSON API on a store that holds the example corpus, coded by the real pipeline."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from statistics import mean
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from kroniek import plover
from kroniek.web.app import create_app

pytestmark = pytest.mark.frog

ENDPOINTS = ("/api/events", "/api/actors", "/api/dyads", "/api/timeseries", "/api/runs",
             "/api/summary")


def all_events(api: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = api.get("/api/events", params={**params, "limit": 1000})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return body["items"]


# -- events -------------------------------------------------------------------------------------


def test_events_total_matches_the_summary(api: TestClient) -> None:
    total = api.get("/api/summary").json()["events"]
    body = api.get("/api/events").json()
    assert total > 20
    assert body["total"] == total
    assert len(body["items"]) == min(100, total)
    assert (body["limit"], body["offset"]) == (100, 0)


def test_event_trigger_offsets_point_into_its_sentence(api: TestClient) -> None:
    for event in all_events(api):
        start = event["trigger"]["start"] - event["sentence_start"]
        end = event["trigger"]["end"] - event["sentence_start"]
        assert event["sentence_text"][start:end] == event["trigger"]["text"]


def test_agreement_between_armenia_and_azerbaijan(api: TestClient) -> None:
    events = all_events(api, article_id="nagorno-karabach-2020-11", type="AGREE")
    pairs = {(e["source"]["country"], e["target"]["country"]) for e in events}
    assert ("ARM", "AZE") in pairs
    event = next(e for e in events if e["source"]["country"] == "ARM")
    assert event["trigger"]["text"] == "gesloten"
    assert event["quad_class"] == "verbal cooperation"
    assert event["cameo_root"] == "03"
    assert event["date"] == "2020-11-11"
    assert event["source"]["text"] == "Armenië"
    assert "akkoord" in event["sentence_text"]


def test_events_come_in_date_order(api: TestClient) -> None:
    dates = [e["date"] for e in all_events(api) if e["date"]]
    assert dates == sorted(dates)


def test_pages_do_not_overlap(api: TestClient) -> None:
    first = api.get("/api/events", params={"limit": 10}).json()["items"]
    second = api.get("/api/events", params={"limit": 10, "offset": 10}).json()["items"]
    assert len(first) == len(second) == 10
    assert not {e["event_id"] for e in first} & {e["event_id"] for e in second}


def test_country_filter_keeps_source_or_target_country(api: TestClient) -> None:
    events = all_events(api, country="usa")
    assert events
    for e in events:
        assert "USA" in {(e["source"] or {}).get("country"), (e["target"] or {}).get("country")}


def test_source_and_target_country_filters(api: TestClient) -> None:
    events = all_events(api, source_country="VEN")
    assert events and all(e["source"]["country"] == "VEN" for e in events)
    events = all_events(api, target_country="VEN")
    assert events and all(e["target"]["country"] == "VEN" for e in events)


def test_sector_filter(api: TestClient) -> None:
    events = all_events(api, sector="GOV")
    assert events
    for e in events:
        assert "GOV" in {(e["source"] or {}).get("sector"), (e["target"] or {}).get("sector")}


def test_actor_filter_matches_names(api: TestClient) -> None:
    events = all_events(api, actor="maduro")
    assert len(events) >= 3
    for e in events:
        names = {(e["source"] or {}).get("name"), (e["target"] or {}).get("name")}
        assert "Nicolás Maduro" in names


def test_type_and_quad_class_filters(api: TestClient) -> None:
    threats = all_events(api, type="threaten")
    assert threats and all(e["type"] == "THREATEN" for e in threats)
    by_name = all_events(api, quad_class="material conflict")
    by_code = all_events(api, quad_class="4")
    assert by_name == by_code
    assert by_name and all(e["quad_code"] == 4 for e in by_name)


def test_factuality_filter(api: TestClient) -> None:
    negated = all_events(api, factuality="negated")
    assert negated and all(e["factuality"] == "negated" for e in negated)
    assert any(e["trigger"]["text"] == "erkent" for e in negated)


def test_inferred_targets_filter_leaves_out_events_with_a_rule_made_target(
    api: TestClient,
) -> None:
    every = all_events(api, type="PROTEST")
    parsed = all_events(api, type="PROTEST", inferred_targets="false")
    assert any("+implicit." in e["rule"] for e in every)
    assert parsed == [e for e in every if "+implicit." not in e["rule"]]


def test_date_range_filter_counts_partial_dates_by_their_interval(api: TestClient) -> None:
    events = all_events(api, since="2020-11", until="2021")
    for e in events:  # '2021' meets the range; '2020' would not be inside it
        assert e["date"][:7] >= "2020-11"[:len(e["date"])] and e["date"][:4] <= "2021"
    assert {"nagorno-karabach-2020-11", "belarus-2021-05"} <= {e["article_id"] for e in events}
    assert all_events(api, since="2008", until="2008-12-31") == [
        e for e in all_events(api) if e["date"].startswith("2008")]


def test_place_filter(api: TestClient) -> None:
    events = all_events(api, place="gaza")
    assert events and all("Gaza" in (e["place"]["resolved"] or "") for e in events)


def test_free_text_filter_searches_the_sentence(api: TestClient) -> None:
    events = all_events(api, q="AKKOORD")
    assert events and all("akkoord" in e["sentence_text"].lower() for e in events)


def test_dyad_filter_by_countries_and_by_actor_ids(api: TestClient) -> None:
    by_country = all_events(api, dyad="ARM-AZE")
    assert by_country and all(
        (e["source"]["country"], e["target"]["country"]) == ("ARM", "AZE") for e in by_country)
    by_id = all_events(api, dyad="org:african-union-country:SDN")
    assert [e["type"] for e in by_id] == ["SANCTION"]


# -- aggregates ---------------------------------------------------------------------------------


def test_actor_counts_as_source_and_target(api: TestClient) -> None:
    body = api.get("/api/actors", params={"limit": 1000}).json()
    events = all_events(api)
    assert body["total"] == len(body["items"]) > 10
    for actor in body["items"]:
        as_source = sum((e["source"] or {}).get("actor_id") == actor["actor_id"] for e in events)
        as_target = sum((e["target"] or {}).get("actor_id") == actor["actor_id"] for e in events)
        assert (actor["as_source"], actor["as_target"]) == (as_source, as_target)
    maduro = next(a for a in body["items"] if a["actor_id"] == "person:nicolas-maduro")
    assert maduro["code"] == "VENGOV"


def test_actors_take_event_filters(api: TestClient) -> None:
    items = api.get("/api/actors", params={"article_id": "nagorno-karabach-2020-11"}).json()
    assert {"country:ARM", "country:AZE"} <= {a["actor_id"] for a in items["items"]}
    assert "person:nicolas-maduro" not in {a["actor_id"] for a in items["items"]}


def test_dyad_counts_and_mean_scores_match_their_events(api: TestClient) -> None:
    for by in ("actor", "country"):
        body = api.get("/api/dyads", params={"by": by}).json()
        assert body["items"]
        for dyad in body["items"]:
            events = all_events(api, dyad=dyad["dyad"])
            assert len(events) == dyad["count"], dyad
            assert dyad["mean_score"] == pytest.approx(mean(e["score"] for e in events), abs=1e-3)


def test_monthly_timeseries_by_quad_class_adds_up(api: TestClient) -> None:
    body = api.get("/api/timeseries").json()
    total = api.get("/api/events").json()["total"]
    assert sum(b["total"] for b in body["buckets"]) + body["undated_at_interval"] == total
    assert set(body["keys"]) <= set(plover.QUAD_CLASSES.values())
    assert all(re.fullmatch(r"\d{4}-\d{2}", b["bucket"]) for b in body["buckets"])
    november = next(b for b in body["buckets"] if b["bucket"] == "2020-11")
    assert november["counts"]["verbal cooperation"] >= 2


def test_weekly_and_daily_timeseries_by_type(api: TestClient) -> None:
    weekly = api.get("/api/timeseries", params={"interval": "week", "by": "type"}).json()
    assert all(re.fullmatch(r"\d{4}-W\d{2}", b["bucket"]) for b in weekly["buckets"])
    assert set(weekly["keys"]) <= set(plover.event_types())
    daily = api.get("/api/timeseries", params={"interval": "day", "type": "AGREE"}).json()
    assert "2020-11-11" in {b["bucket"] for b in daily["buckets"]}


# -- articles, runs, summary --------------------------------------------------------------------


def test_article_spans_are_offsets_into_its_text(api: TestClient) -> None:
    body = api.get("/api/articles/nagorno-karabach-2020-11").json()
    text = body["text"]
    assert body["date"] == "2020-11-11"
    for key in ("sentences", "mentions", "triggers", "time_exprs"):
        for span in body[key]:
            assert text[span["start"]:span["end"]] == span["text"], (key, span)
    for place in body["places"]:
        assert text[place["start"]:place["end"]] == place["name"]
    assert "Armenië" in {m["text"] for m in body["mentions"]}
    assert "gesloten" in {t["text"] for t in body["triggers"]}
    assert [t["event_id"] for t in body["triggers"]] == [e["event_id"] for e in body["events"]]


def test_unknown_article_is_404(api: TestClient) -> None:
    response = api.get("/api/articles/no-such-article")
    assert response.status_code == 404
    assert "no-such-article" in response.json()["detail"]


def test_run_history(api: TestClient) -> None:
    runs = api.get("/api/runs").json()["items"]
    assert len(runs) == 1
    run = runs[0]
    assert run["status"] == "finished"
    assert run["articles_done"] == 14
    assert run["articles_failed"] == 0 and run["failures"] == [] and run["rejections"] == []
    assert run["rate"] > 0
    assert run["started"] <= run["finished"]


def test_summary(api: TestClient) -> None:
    body = api.get("/api/summary").json()
    assert body["articles"] == 14
    assert sum(body["events_by_type"].values()) == body["events"]
    assert sum(body["events_by_quad_class"].values()) == body["events"]
    assert body["first_date"] <= body["last_date"]


def test_openapi_lists_every_endpoint(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    assert set(ENDPOINTS) | {"/api/articles/{article_id}"} <= set(paths)


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=1001", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?since=2020-13", "since"),
        ("/api/events?until=2021-02-30", "until"),
        ("/api/events?since=yesterday", "since"),
        ("/api/events?since=2021&until=2020", "until"),
        ("/api/events?type=BOMBARD", "type"),
        ("/api/events?quad_class=5", "quad_class"),
        ("/api/events?factuality=maybe", "factuality"),
        ("/api/events?country=RUSSIA", "country"),
        ("/api/events?dyad=RUS", "dyad"),
        ("/api/actors?limit=abc", "limit"),
        ("/api/dyads?by=city", "by"),
        ("/api/timeseries?interval=year", "interval"),
        ("/api/timeseries?by=actor", "by"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(api: TestClient, url: str,
                                                     parameter: str) -> None:
    response = api.get(url)
    assert response.status_code == 422, response.text
    assert parameter in [d["loc"][-1] for d in response.json()["detail"]]


def test_blank_parameters_mean_no_filter(api: TestClient) -> None:
    blank = {name: "" for name in ("actor", "country", "sector", "source_country",
                                   "target_country", "dyad", "type", "quad_class", "factuality",
                                   "since", "until", "place", "q", "article_id")}
    response = api.get("/api/events", params=blank)
    assert response.status_code == 200
    assert response.json()["total"] == api.get("/api/events").json()["total"]


# -- empty and busy stores ------------------------------------------------------------------------


@pytest.fixture(params=["missing", "blank"])
def empty_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "empty.duckdb"
    if request.param == "blank":
        duckdb.connect(str(db)).close()
    with TestClient(create_app(db)) as client:
        yield client


@pytest.mark.parametrize("url", ENDPOINTS)
def test_empty_store_answers_with_nothing(empty_api: TestClient, url: str) -> None:
    response = empty_api.get(url)
    assert response.status_code == 200
    body = response.json()
    if url == "/api/summary":
        assert (body["articles"], body["events"], body["runs"]) == (0, 0, 0)
    else:
        assert body.get("items", body.get("buckets")) == []


def test_empty_store_has_no_articles(empty_api: TestClient) -> None:
    assert empty_api.get("/api/articles/georgia-2008-08").status_code == 404


def test_store_locked_by_a_writer_is_503(example_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    db.write_bytes(example_store.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with TestClient(create_app(db, lock_wait=0.3)) as client:
            response = client.get("/api/events")
        assert response.status_code == 503
        assert "locked" in response.json()["detail"]
    finally:
        holder.communicate("")
    with TestClient(create_app(db)) as client:
        assert client.get("/api/events").status_code == 200


def test_per_cluster_lists_each_happening_once(api: TestClient) -> None:
    events = all_events(api)
    body = api.get("/api/events", params={"per": "cluster", "limit": 1000}).json()
    assert body["per"] == "cluster"
    assert body["total"] == len(body["items"]) == len({e["cluster_id"] for e in events})
    assert sum(item["cluster"]["mentions"] for item in body["items"]) == len(events)
    assert {item["event_id"] for item in body["items"]} <= {e["event_id"] for e in events}


def test_dashboard_is_served_beside_the_api(empty_api: TestClient) -> None:
    page = empty_api.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert empty_api.get("/api/no-such-endpoint").status_code == 404
