"""The dashboard in a real headless Chromium (Debian's `chromium`, driven by Playwright) against a
real `kroniek serve` process on the example corpus coded by the real pipeline.

Each test checks what a view shows against the JSON API on the same store, and saves a
screenshot under test-artifacts/. With KRONIEK_UPDATE_SCREENSHOT=1 the dashboard test also
writes docs/dashboard.png, the screenshot in the README.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 1000}
# An article with actors, triggers, time expressions and places in the example corpus.
READER_ARTICLE = "china-taiwan-2022-08"

pytestmark = pytest.mark.frog  # the store is coded by a real `kroniek run`


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_server(url: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kroniek serve exited with {process.returncode}: "
                        f"{process.stderr.read() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(f"{url}/api/summary", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"kroniek serve did not answer at {url} within {seconds:g} s")


def start_server(db: Path, cwd: Path) -> tuple[str, subprocess.Popen[str]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kroniek.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(url, process)
    except BaseException:
        stop(process)
        raise
    return url, process


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a `kroniek serve` process on the example store."""
    url, process = start_server(example_store, tmp_path_factory.mktemp("serve"))
    yield url
    stop(process)


def api(server: str, path: str, **params: Any) -> Any:
    query = f"?{urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{server}{path}{query}", timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does this)")
    with sync_playwright() as playwright:
        # --no-sandbox: the test suite runs as root in CI, where Chromium's sandbox refuses to
        # start
        launched = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def console_errors() -> list[str]:
    """JavaScript errors and failed requests the page logs; a test expecting some clears it."""
    return []


@pytest.fixture
def page(browser: Browser, console_errors: list[str]) -> Iterator[Page]:
    """A fresh page; the test fails if the page logs an error it did not expect."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    opened = context.new_page()
    opened.on("pageerror", lambda exc: console_errors.append(str(exc)))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(message.text)

    opened.on("console", console)
    yield opened
    context.close()
    assert console_errors == [], f"the page logged errors: {console_errors}"


def shoot(page: Page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_page(page: Page, url: str) -> None:
    """Load a dashboard URL and wait until every view has drawn."""
    page.goto(url)
    wait_drawn(page)


def wait_drawn(page: Page, after: int = 0) -> None:
    page.wait_for_function(f"Number(document.body.dataset.ready || 0) > {after}",
                           timeout=30000)
    expect(page.locator("#error")).to_be_hidden()


def drawn_count(page: Page) -> int:
    return int(page.evaluate("Number(document.body.dataset.ready || 0)"))


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def table_total(page: Page) -> int:
    return int(page.locator("#event-count").inner_text().split()[0])


# -- the whole dashboard ------------------------------------------------------------------------


def test_dashboard_draws_every_view_with_the_stores_data(page: Page, server: str) -> None:
    open_page(page, server + "/")
    summary = api(server, "/api/summary")
    assert table_total(page) == summary["events"] > 0
    expect(page.locator("#summary")).to_have_text(
        f"{summary['articles']} articles · {summary['events']} events")
    assert page.locator(".timeline-chart .segment").count() > 0
    assert page.locator(".network-chart .node").count() > 0
    assert page.locator(".map-chart .country").count() > 150
    assert page.locator(".map-chart .event-point").count() > 0
    shot = shoot(page, "dashboard", full_page=False)
    if os.environ.get("KRONIEK_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "dashboard.png")


# -- event table --------------------------------------------------------------------------------


def test_table_lists_the_first_page_of_events_in_date_order(page: Page, server: str) -> None:
    open_page(page, server + "/")
    expected = api(server, "/api/events", limit=50)["items"]
    rows = page.locator("#events-table tbody tr")
    expect(rows).to_have_count(len(expected))
    first = rows.nth(0)
    assert first.locator("td.date").inner_text() == expected[0]["date"]
    assert first.locator("td.type strong").inner_text() == expected[0]["type"]
    assert first.get_attribute("data-article") == expected[0]["article_id"]
    shoot(page, "table")


def test_table_shows_a_known_event_of_the_example_corpus(page: Page, server: str) -> None:
    # "Belarus ... stelde zijn grondgebied beschikbaar aan de Russische strijdkrachten"
    open_page(page, server + "/?" + urlencode({"article_id": "ukraine-2022-02", "type": "AID"}))
    row = page.locator("#events-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("Belarus")
    expect(row.locator("mark.trigger")).to_have_text("stelde")


def test_filter_form_narrows_the_table_and_its_state_survives_reload_and_back(
    page: Page, server: str
) -> None:
    open_page(page, server + "/")
    everything = table_total(page)
    drawn = drawn_count(page)
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=country]", "ISR")
    page.click("#filters button[type=submit]")
    wait_drawn(page, drawn)
    assert query_of(page) == {"type": ["ASSAULT"], "country": ["ISR"]}
    expected = api(server, "/api/events", type="ASSAULT", country="ISR")
    assert 0 < table_total(page) == expected["total"] < everything
    types = page.locator("#events-table td.type strong").all_inner_texts()
    assert set(types) == {"ASSAULT"}
    shoot(page, "table-filtered")

    page.reload()
    wait_drawn(page)
    expect(page.locator("select[name=type]")).to_have_value("ASSAULT")
    expect(page.locator("input[name=country]")).to_have_value("ISR")
    assert table_total(page) == expected["total"]

    drawn = drawn_count(page)
    page.go_back()
    wait_drawn(page, drawn)
    assert table_total(page) == everything
    expect(page.locator("select[name=type]")).to_have_value("")


def test_actor_filter_suggests_the_actors_in_the_store(page: Page, server: str) -> None:
    open_page(page, server + "/")
    actors = api(server, "/api/actors", limit=1000)["items"]
    options = page.locator("#actor-names option")
    expect(options.first).to_be_attached()
    offered = set(options.evaluate_all("nodes => nodes.map(n => n.value)"))
    assert {a["name"] for a in actors if a["name"]} <= offered
    assert "Nicolás Maduro" in offered


def test_a_bad_filter_in_the_url_shows_the_apis_message(
    page: Page, server: str, console_errors: list[str]
) -> None:
    page.goto(server + "/?since=2020-13")
    page.wait_for_function("document.body.dataset.ready")
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("since")
    expect(error).to_contain_text("2020-13")
    expect(page.locator("input[name=since]")).to_have_value("2020-13")
    assert any("422" in message for message in console_errors)
    console_errors.clear()


def test_csv_download_holds_every_event_of_the_current_filter(page: Page, server: str) -> None:
    open_page(page, server + "/?country=ISR")
    with page.expect_download() as info:
        page.click("#csv")
    download = info.value
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / download.suggested_filename
    download.save_as(str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = api(server, "/api/events", country="ISR", limit=1000)["items"]
    assert [row["event_id"] for row in rows] == [event["event_id"] for event in expected]
    assert all("ISR" in (row["source_country"], row["target_country"]) for row in rows)
    assert rows[0]["type"] == expected[0]["type"]
    assert download.suggested_filename == "kroniek-events_country-ISR.csv"


# -- timeline -----------------------------------------------------------------------------------


def test_timeline_stacks_each_month_by_quad_class(page: Page, server: str) -> None:
    open_page(page, server + "/")
    series = api(server, "/api/timeseries", interval="month", by="quad_class")
    for bucket in series["buckets"]:
        bar = page.locator(f".timeline-chart .bar[data-month='{bucket['bucket']}']")
        assert bar.get_attribute("data-total") == str(bucket["total"])
        quads = bar.locator(".segment").evaluate_all("nodes => nodes.map(n => n.dataset.quad)")
        assert sorted(quads) == sorted(bucket["counts"])
    shoot(page, "timeline")


def test_clicking_a_timeline_bar_narrows_the_table_to_that_month(
    page: Page, server: str
) -> None:
    open_page(page, server + "/")
    busiest = max(api(server, "/api/timeseries")["buckets"], key=lambda b: b["total"])
    month = busiest["bucket"]
    drawn = drawn_count(page)
    page.locator(f".timeline-chart .bar[data-month='{month}']").click()
    wait_drawn(page, drawn)
    query = query_of(page)
    assert query["since"] == [month]
    assert query["until"][0].startswith(month)
    assert table_total(page) == busiest["total"]
    dates = page.locator("#events-table td.date").all_inner_texts()
    assert dates and all(date.startswith(month) for date in dates)
    assert page.locator(".timeline-chart .bar.selected").get_attribute("data-month") == month
    shoot(page, "timeline-month")


# -- actor network ------------------------------------------------------------------------------


def test_network_draws_every_dyad_between_its_actors(page: Page, server: str) -> None:
    open_page(page, server + "/")
    dyads = api(server, "/api/dyads", limit=200)["items"]
    edges = page.locator(".network-chart .edge")
    expect(edges).to_have_count(len(dyads))
    actors = {d["source"] for d in dyads} | {d["target"] for d in dyads}
    drawn = set(page.locator(".network-chart .node").evaluate_all(
        "nodes => nodes.map(n => n.dataset.actor)"))
    assert drawn == actors
    names = page.locator(".network-chart .node text").all_text_contents()
    assert "Nicolás Maduro" in names
    shoot(page, "network")


def test_clicking_a_network_edge_shows_the_events_of_that_dyad(page: Page, server: str) -> None:
    open_page(page, server + "/")
    dyad = api(server, "/api/dyads", limit=1)["items"][0]
    drawn = drawn_count(page)
    edge = page.locator(f".network-chart .edge[data-dyad='{dyad['dyad']}']")
    edge.locator(".hit").dispatch_event("click")
    wait_drawn(page, drawn)
    assert query_of(page) == {"dyad": [dyad["dyad"]]}
    assert table_total(page) == dyad["count"]
    expect(page.locator(".network-chart .edge.selected")).to_have_count(1)
    expect(page.locator("#edge-events")).to_contain_text(f"{dyad['count']} event(s)")
    rows = page.locator("#events-table tbody tr")
    expect(rows).to_have_count(dyad["count"])
    expect(rows.nth(0).locator("td").nth(1)).to_have_text(dyad["source_name"])
    shoot(page, "network-dyad")


# -- map ----------------------------------------------------------------------------------------


def test_map_draws_country_shapes_and_a_point_per_event_location(
    page: Page, server: str
) -> None:
    open_page(page, server + "/")
    events = api(server, "/api/events", limit=1000)["items"]
    places = [e["place"] for e in events if e["place"]]
    with_coordinates = {(p["lat"], p["lon"]) for p in places if p["lat"] is not None}
    countries = {p["country"] for p in places if p["country"]}
    assert page.locator(".map-chart path.country").count() > 150
    exact = page.locator(".map-chart .event-point:not(.country-level)")
    expect(exact).to_have_count(len(with_coordinates))
    shaded = set(page.locator(".map-chart .country.has-events").evaluate_all(
        "nodes => nodes.map(n => n.dataset.iso3)"))
    assert shaded == countries
    shoot(page, "map")


def test_clicking_a_map_country_filters_by_place(page: Page, server: str) -> None:
    open_page(page, server + "/")
    country = page.locator(".map-chart .country.has-events").first
    iso3 = country.get_attribute("data-iso3")
    drawn = drawn_count(page)
    country.dispatch_event("click")
    wait_drawn(page, drawn)
    assert query_of(page) == {"place": [iso3]}
    assert table_total(page) == api(server, "/api/events", place=iso3)["total"] > 0


# -- article reader -----------------------------------------------------------------------------


SPAN_KINDS = {"actor": "mentions", "trigger": "triggers", "time": "time_exprs",
              "place": "places"}


@pytest.fixture(scope="session")
def articles(server: str) -> dict[str, Any]:
    """Every article that has events, as /api/articles/{id} gives it."""
    ids = {e["article_id"] for e in api(server, "/api/events", limit=1000)["items"]}
    return {article_id: api(server, f"/api/articles/{article_id}") for article_id in sorted(ids)}


def test_reader_highlights_every_kind_of_span(
    page: Page, server: str, articles: dict[str, Any]
) -> None:
    # the fewest articles that between them hold every kind of span, most kinds first
    by_kinds = sorted(articles.values(), key=lambda a: -sum(bool(a[t]) for t in
                                                            SPAN_KINDS.values()))
    unseen = set(SPAN_KINDS)
    for article in by_kinds:
        kinds = {kind for kind, table in SPAN_KINDS.items() if article[table]} & unseen
        if not kinds:
            continue
        unseen -= kinds
        open_page(page, server + f"/?article={article['id']}")
        text = page.locator("#article-text")
        # the whole text is there, once (blank lines before the first sentence aside)
        assert text.inner_text().strip() == article["text"].strip()
        for kind in kinds:
            marked = "".join(text.locator(f".hl-{kind}").all_text_contents())
            for row in article[SPAN_KINDS[kind]]:
                assert article["text"][row["start"]:row["end"]] in marked, (kind, row)
        # every event's trigger links to it (one trigger may code several events)
        triggers = text.locator(".hl-trigger").evaluate_all(
            "nodes => [...new Set(nodes.flatMap(n => n.dataset.events.split(' ')))]")
        assert sorted(triggers) == sorted(str(t["idx"]) for t in article["triggers"])
        shoot(page, f"reader-{article['id']}")
    assert not unseen, f"no article of the example corpus has spans of kind {unseen}"


def test_reader_links_each_event_to_its_sentence_and_back(page: Page, server: str) -> None:
    article = api(server, f"/api/articles/{READER_ARTICLE}")
    first = article["events"][0]
    # an event with a trigger of its own, so that marking one leaves the other unmarked
    event = next(e for e in reversed(article["events"])
                 if e["trigger"]["start"] != first["trigger"]["start"])
    open_page(page, server + f"/?article={READER_ARTICLE}")
    page.locator(f"#event-{event['idx']} a.to-sentence").click()
    expect(page.locator(f"#sentence-{event['sentence']}")).to_have_class("sentence focused")
    assert query_of(page) == {"article": [READER_ARTICLE], "event": [str(event["idx"])]}
    sentence = next(s for s in article["sentences"] if s["idx"] == event["sentence"])
    assert page.locator(f"#sentence-{event['sentence']}").inner_text() == sentence["text"]

    page.locator(f"#article-text .hl-trigger[data-event='{first['idx']}']").first.click()
    expect(page.locator(f"#event-{first['idx']}")).to_have_class("article-event focused")
    expect(page.locator(f"#event-{event['idx']}")).not_to_have_class("article-event focused")
    shoot(page, "reader-linked")


def test_read_link_in_the_table_opens_the_reader_at_its_event(page: Page, server: str) -> None:
    open_page(page, server + f"/?article_id={READER_ARTICLE}")
    row = page.locator("#events-table tbody tr").nth(0)
    idx = row.get_attribute("data-idx")
    drawn = drawn_count(page)
    row.locator("a.read").click()
    wait_drawn(page, drawn)
    assert query_of(page) == {"article": [READER_ARTICLE], "event": [idx]}
    expect(page.locator(f"#event-{idx}")).to_have_class("article-event focused")
    expect(page.locator("#dashboard")).to_be_hidden()
    drawn = drawn_count(page)
    page.go_back()
    wait_drawn(page, drawn)
    expect(page.locator("#events-table")).to_be_visible()
    assert query_of(page) == {"article_id": [READER_ARTICLE]}


# -- run progress -------------------------------------------------------------------------------


def test_header_shows_the_last_runs_progress(page: Page, server: str) -> None:
    open_page(page, server + "/")
    run = api(server, "/api/runs")["items"][0]
    runs = page.locator("#runs")
    expect(runs.locator(".run-status")).to_have_text(f"last run {run['id']} {run['status']}")
    expect(runs.locator(".run-progress")).to_contain_text(
        f"{run['articles_done']} articles done · {run['articles_failed']} failed")


def test_progress_follows_a_run_writing_while_the_dashboard_is_open(
    page: Page, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("mali-2022-02.txt", "sudan-2019-06.txt"):
        shutil.copyfile(ROOT / "examples" / "corpus" / name, corpus / name)
    db = tmp_path / "live.duckdb"
    url, server = start_server(db, tmp_path)
    try:
        open_page(page, url + "/")
        expect(page.locator("#runs .run-status")).to_have_text("no runs yet")
        expect(page.locator("#events-table")).to_have_count(0)
        run = subprocess.run(
            [sys.executable, "-m", "kroniek.cli", "run", str(corpus), "--db", str(db)],
            cwd=tmp_path, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        # the page polls /api/runs on its own and redraws when the run has moved on
        expect(page.locator("#runs .run-status")).to_have_text("last run 1 finished",
                                                               timeout=30000)
        expect(page.locator("#runs .run-progress")).to_contain_text(
            "2 articles done · 0 failed", timeout=30000)
        expect(page.locator("#events-table tbody tr").first).to_be_visible(timeout=30000)
        shoot(page, "run-progress", full_page=False)
    finally:
        stop(server)
