"""The DuckDB store, on real database files in tmp_path and Docs built by hand."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from kroniek import plover
from kroniek.adapters import duckdb_schema
from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.errors import StoreError
from kroniek.model import Actor, Article, Doc, Event, Mention, Place, Sentence, TimeExpr, Token
from kroniek.ports import EventQuery

ROOT = Path(__file__).resolve().parents[2]

PUTIN = Actor("person:vladimir-putin", "Vladimir Poetin", "RUS", "GOV", "person", "president")
LUKASHENKO = Actor(
    "person:aleksandr-loekasjenko", "Aleksandr Loekasjenko", "BLR", "GOV", "person", "president"
)
KREMLIN = Actor("country:RUS", "Rusland", "RUS", "GOV", "country")
PROTESTERS = Actor("unknown:demonstranten", "demonstranten", "BLR", "CVL", "group")
UKRAINE = Actor("country:UKR", "Oekraïne", "UKR", "GOV", "country")
VERBS = {"belde", "steunde", "eisten", "annexeerde"}


def sentence(text: str, index: int, sentence_text: str) -> Sentence:
    """A sentence of `text` with one token per word or punctuation mark, its verb the root."""
    start = text.index(sentence_text)
    words = list(re.finditer(r"\w+|[^\w\s]", sentence_text))
    root = next(i for i, w in enumerate(words) if w.group() in VERBS)
    tokens = tuple(
        Token(
            index=i, text=w.group(), start=start + w.start(), end=start + w.end(),
            lemma=w.group().lower(), pos="WW" if i == root else "N",
            features=("pv", "verl") if i == root else ("ev",),
            ner="B-PER" if w.group()[0].isupper() and i else "O",
            head=None if i == root else root, deprel="ROOT" if i == root else "su",
        )
        for i, w in enumerate(words)
    )
    return Sentence(index, start, start + len(sentence_text), sentence_text, tokens)


def mention(s: Sentence, word: str, actor: Actor, how: str = "name") -> Mention:
    token = next(t for t in s.tokens if t.text == word)
    return Mention(s.index, token.start, token.end, word, (token.index,), token.index, actor, how)


def event(s: Sentence, verb: str, type: str, source: Mention | None, target: Mention | None,
          mode: str | None = None, **more: object) -> Event:
    token = next(t for t in s.tokens if t.text == verb)
    return Event(s.index, type, mode, token.start, token.end, verb, source, target, "asserted",
                 f"test-{type.lower()}", 0.9, **more)  # type: ignore[arg-type]


def belarus_doc(content_hash: str = "hash-belarus") -> Doc:
    text = ("Poetin belde Loekasjenko op. Het Kremlin steunde Loekasjenko. "
            "Demonstranten in Minsk eisten nieuwe verkiezingen.")
    article = Article("belarus-1", text, content_hash, date="2020-08-20", title="Belarus",
                      source="NOS", origin="belarus.txt:1", metadata={"lang": "nl"})
    s0 = sentence(text, 0, "Poetin belde Loekasjenko op.")
    s1 = sentence(text, 1, "Het Kremlin steunde Loekasjenko.")
    s2 = sentence(text, 2, "Demonstranten in Minsk eisten nieuwe verkiezingen.")
    m = [mention(s0, "Poetin", PUTIN), mention(s0, "Loekasjenko", LUKASHENKO),
         mention(s1, "Kremlin", KREMLIN, "metonym"), mention(s1, "Loekasjenko", LUKASHENKO),
         mention(s2, "Demonstranten", PROTESTERS, "role")]
    minsk_at = text.index("Minsk")
    minsk = Place("Minsk", "Minsk", "BLR", 53.9, 27.57, "city", minsk_at, minsk_at + 5)
    events = (
        event(s0, "belde", "CONSULT", m[0], m[1], "phone", date="2020-08-19",
              date_precision="day", date_source="gisteren"),
        event(s1, "steunde", "SUPPORT", m[2], m[3], date="2020-08-20", date_precision="day",
              date_source="article"),
        event(s2, "eisten", "REQUEST", m[4], None, "change", place=minsk),
    )
    return Doc(article, (s0, s1, s2), tuple(m), events, places=(minsk,), main_country="BLR",
               notes=("one note",))


def crimea_doc() -> Doc:
    text = "In 2014 annexeerde Rusland de Krim van Oekraïne."
    article = Article("krim-1", text, "hash-krim", date="2020-08-21", origin="krim.txt:1")
    s0 = sentence(text, 0, text)
    source, target = mention(s0, "Rusland", KREMLIN), mention(s0, "Oekraïne", UKRAINE)
    when = TimeExpr(3, 7, "2014", "2014", "year")
    assault = event(s0, "annexeerde", "ASSAULT", source, target, date="2014",
                    date_precision="year", date_source="In 2014", historical=True)
    return Doc(article, (s0,), (source, target), (assault,), times=(when,))


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with DuckDBStore(tmp_path / "k.duckdb") as opened:
        yield opened


@pytest.fixture
def filled(store: DuckDBStore) -> DuckDBStore:
    run = store.start_run("test", "dict", ["belarus.txt", "krim.txt"])
    store.save(run, [belarus_doc(), crimea_doc()])
    return store


def test_duckdb_store_save_reads_back_article(filled: DuckDBStore) -> None:
    doc = belarus_doc()
    got = filled.article("belarus-1")
    assert got is not None
    assert (got["text"], got["status"], got["main_country"], got["notes"], got["metadata"]) == (
        doc.article.text, "done", "BLR", ["one note"], {"lang": "nl"})
    tokens = [Token(**{**t, "features": tuple(t["features"])})
              for s in got["sentences"] for t in s["tokens"]]
    assert tokens == [t for s in doc.sentences for t in s.tokens]
    assert [(s["idx"], s["start"], s["end"], s["text"]) for s in got["sentences"]] == [
        (s.index, s.start, s.end, s.text) for s in doc.sentences]
    assert [(m["text"], m["start"], m["end"], m["token_indices"], m["actor_id"])
            for m in got["mentions"]] == [
        (m.text, m.start, m.end, list(m.tokens), m.actor.id) for m in doc.mentions]
    consult = got["events"][0]
    assert consult["event_id"] == "belarus-1:0"
    assert (consult["quad_code"], consult["quad_class"]) == plover.quad("CONSULT")
    assert consult["cameo_root"] == plover.cameo_root("CONSULT", "phone")
    assert consult["score"] == plover.score("CONSULT", "phone")
    assert (consult["source_mention"], consult["source_name"], consult["target_mention"],
            consult["target_country"], consult["date"]) == (
        0, "Vladimir Poetin", 1, "BLR", "2020-08-19")
    request = got["events"][2]
    assert request["target_actor_id"] is None and request["place_resolved"] == "Minsk"


def test_duckdb_store_missing_article_is_none(store: DuckDBStore) -> None:
    assert store.article("nope") is None


def test_duckdb_store_resave_does_not_duplicate(filled: DuckDBStore) -> None:
    before = filled.counts()
    run = filled.start_run("test", "dict", ["belarus.txt"])
    filled.save(run, [belarus_doc(), crimea_doc()])
    assert filled.counts() == before
    assert before == {"articles": 2, "sentences": 4, "mentions": 7, "events": 4,
                      "time_exprs": 1, "places": 1}


def test_duckdb_store_failed_batch_leaves_nothing_of_it(filled: DuckDBStore) -> None:
    before = filled.counts()
    broken = belarus_doc()
    bad_sentence = replace(broken.sentences[0], text=None)  # violates NOT NULL
    broken = replace(broken, article=replace(broken.article, id="broken"),
                     sentences=(bad_sentence,))
    fresh = replace(crimea_doc(), article=replace(crimea_doc().article, id="krim-2"))
    run = filled.start_run("test", "dict", [])
    with pytest.raises(StoreError):
        filled.save(run, [fresh, broken])
    assert filled.counts() == before
    assert filled.article("krim-2") is None and filled.article("broken") is None
    assert filled.article("belarus-1") is not None


def test_duckdb_store_unknown_event_type_fails_the_batch(filled: DuckDBStore) -> None:
    doc = crimea_doc()
    bad = replace(doc, events=(replace(doc.events[0], type="INVADE"),))
    with pytest.raises(StoreError, match="krim-1"):
        filled.save(filled.start_run("test", "dict", []), [bad])
    assert filled.article("krim-1")["events"][0]["type"] == "ASSAULT"  # type: ignore[index]


@pytest.mark.parametrize(
    "article_id,content_hash,expected",
    [("belarus-1", "hash-belarus", True), ("belarus-1", "other-hash", False),
     ("failed-1", "hash-failed", False), ("absent", "hash-belarus", False)],
)
def test_duckdb_store_has_article_only_done_and_same_hash(
    filled: DuckDBStore, article_id: str, content_hash: str, expected: bool
) -> None:
    run = filled.start_run("test", "dict", [])
    filled.save_failure(run, Article("failed-1", "Tekst.", "hash-failed"), "analysis", "crash")
    assert filled.has_article(article_id, content_hash) is expected


def test_duckdb_store_article_hash(filled: DuckDBStore) -> None:
    assert (filled.article_hash("belarus-1"), filled.article_hash("absent")) == (
        "hash-belarus", None)


def test_duckdb_store_failure_never_replaces_coded_article(filled: DuckDBStore) -> None:
    run = filled.start_run("test", "dict", [])
    filled.save_failure(run, Article("belarus-1", "Anders.", "hash-new"), "analysis", "crash")
    assert filled.has_article("belarus-1", "hash-belarus")
    assert filled.failures() == []


def test_duckdb_store_failures_are_listed_and_replaced(store: DuckDBStore) -> None:
    run = store.start_run("test", "dict", [])
    article = Article("a-1", "Tekst.", "h", origin="in.txt:3")
    store.save_failure(run, article, "analysis", "first")
    store.save_failure(run, article, "coding", "second")
    failures = store.failures(run_id=run.id)
    assert [(f["article_id"], f["origin"], f["stage"], f["reason"]) for f in failures] == [
        ("a-1", "in.txt:3", "coding", "second")]
    assert store.failures(run_id=run.id + 1) == []


def test_duckdb_store_runs_newest_first_with_counts(store: DuckDBStore) -> None:
    first = store.start_run("0.1", "dict", ["a.txt"])
    store.finish_run(first, {"articles_done": 2, "events": 5})
    second = store.start_run("0.2", "dict", ["b.txt"])
    runs = store.runs()
    assert [(r["id"], r["status"]) for r in runs] == [(second.id, "running"),
                                                      (first.id, "finished")]
    assert (runs[1]["articles_done"], runs[1]["events"], runs[1]["inputs"]) == (2, 5, ["a.txt"])
    assert runs[1]["finished"] is not None and runs[0]["finished"] is None


@pytest.mark.parametrize(
    "query,expected",
    [
        (EventQuery(), ["krim-1:0", "belarus-1:0", "belarus-1:1", "belarus-1:2"]),
        (EventQuery(type="consult"), ["belarus-1:0"]),
        (EventQuery(actor="loekasjenko"), ["belarus-1:0", "belarus-1:1"]),
        (EventQuery(actor="person:vladimir"), ["belarus-1:0"]),
        (EventQuery(actor="blrcvl"), ["belarus-1:2"]),
        (EventQuery(country="ukr"), ["krim-1:0"]),
        (EventQuery(since="2014-01-01", until="2014-12-31"), ["krim-1:0"]),
        (EventQuery(since="2014-06-01", until="2014-06-30"), ["krim-1:0"]),
        (EventQuery(until="2013"), []),
        (EventQuery(since="2020-08-20"), ["belarus-1:1", "belarus-1:2"]),  # :2 has article date
        (EventQuery(since="2020-08", until="2020-08-19"), ["belarus-1:0"]),
        (EventQuery(text="VERKIEZINGEN"), ["belarus-1:2"]),
        (EventQuery(article_id="belarus-1", limit=2), ["belarus-1:0", "belarus-1:1"]),
    ],
)
def test_duckdb_store_events_filters(
    filled: DuckDBStore, query: EventQuery, expected: list[str]
) -> None:
    assert [e["event_id"] for e in filled.events(query)] == expected


def test_duckdb_store_events_without_inferred_targets(store: DuckDBStore) -> None:
    doc = belarus_doc()
    demand = doc.events[2]
    government = replace(doc.mentions[2], start=demand.trigger_start,
                                     end=demand.trigger_start, text="", tokens=())
    inferred = replace(demand, target=government,
                                   rule=f"{demand.rule}+implicit.protest-own-government")
    doc = replace(doc, events=(*doc.events[:2], inferred))
    store.save(store.start_run("test", "dict", ["belarus.txt"]), [doc])
    assert [e["event_id"] for e in store.events(EventQuery())] == [
        "belarus-1:0", "belarus-1:1", "belarus-1:2"]
    assert [e["event_id"] for e in store.events(EventQuery(inferred_targets=False))] == [
        "belarus-1:0", "belarus-1:1"]


def test_duckdb_store_events_rows_are_flat_with_sentence(filled: DuckDBStore) -> None:
    (row,) = filled.events(EventQuery(type="ASSAULT"))
    assert (row["article_date"], row["sentence_text"], row["historical"], row["source_name"]) == (
        "2020-08-21", "In 2014 annexeerde Rusland de Krim van Oekraïne.", True, "Rusland")


@pytest.mark.parametrize("bad", ["14", "2014-3", "gisteren"])
def test_duckdb_store_events_rejects_malformed_date(filled: DuckDBStore, bad: str) -> None:
    with pytest.raises(StoreError, match="YYYY"):
        filled.events(EventQuery(since=bad))


def test_duckdb_store_summary_counts_and_top_dyads(filled: DuckDBStore) -> None:
    filled.save_failure(filled.start_run("t", "d", []), Article("x", "X.", "h"), "analysis", "!")
    summary = filled.summary()
    assert {k: summary[k] for k in ("articles", "failed", "sentences", "events")} == {
        "articles": 2, "failed": 1, "sentences": 4, "events": 4}
    assert summary["events_by_type"] == {"ASSAULT": 1, "CONSULT": 1, "REQUEST": 1, "SUPPORT": 1}
    assert summary["top_dyads"] == [
        {"source": "RUSGOV", "target": "BLRGOV", "events": 2},
        {"source": "RUSGOV", "target": "UKRGOV", "events": 1},
    ]
    assert summary["db"] == str(filled.path)


def schema_versions(path: Path) -> list[tuple[int, object]]:
    con = duckdb.connect(str(path))
    try:
        return con.execute(
            "SELECT version, applied FROM schema_version ORDER BY version"
        ).fetchall()
    finally:
        con.close()


def test_duckdb_store_migration_fresh_file_gets_latest_version(tmp_path: Path) -> None:
    DuckDBStore(tmp_path / "k.duckdb").close()
    assert [v for v, _ in schema_versions(tmp_path / "k.duckdb")] == [1, 2, 3]


def test_duckdb_store_migration_not_rerun_on_reopen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "k.duckdb"
    DuckDBStore(path).close()
    before = schema_versions(path)
    # Running this migration would fail: reopening must not touch it.
    monkeypatch.setattr(duckdb_schema, "MIGRATIONS",
                        ["THIS IS NOT SQL"] * len(duckdb_schema.MIGRATIONS))
    DuckDBStore(path).close()
    assert schema_versions(path) == before


def test_duckdb_store_migration_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    DuckDBStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version) VALUES (99)")
    con.close()
    with pytest.raises(StoreError, match=r"version 99.*newer kroniek"):
        DuckDBStore(path)


def test_duckdb_store_read_only_never_migrates(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    duckdb.connect(str(path)).close()  # a DuckDB file kroniek never opened
    with pytest.raises(StoreError, match="needs migrating"):
        DuckDBStore(path, read_only=True)


def test_duckdb_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        DuckDBStore(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()


@pytest.mark.parametrize("read_only", [False, True])
def test_duckdb_store_second_process_gets_clear_error(tmp_path: Path, read_only: bool) -> None:
    path = tmp_path / "k.duckdb"
    DuckDBStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom kroniek.adapters.duckdb_store import DuckDBStore\n"
         "store = DuckDBStore(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()\n",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="is in use by another kroniek process"):
            DuckDBStore(path, read_only=read_only)
    finally:
        holder.communicate(timeout=30)  # closing its stdin lets it exit


KILLED_MID_BATCH = """
import os, signal, sys
from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.model import Article, Doc

store = DuckDBStore(sys.argv[1])
run = store.start_run("test", "dict", [])
store.save(run, [Doc(Article("kept", "Eerste tekst.", "h1"))])
real_insert = DuckDBStore._insert

def insert_then_die(self, table, rows):
    real_insert(self, table, rows)
    os.kill(os.getpid(), signal.SIGKILL)

DuckDBStore._insert = insert_then_die
store.save(run, [Doc(Article("lost", "Tweede tekst.", "h2"))])
"""


def test_duckdb_store_sigkill_mid_batch_keeps_state_before_batch(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    done = subprocess.run([sys.executable, "-c", KILLED_MID_BATCH, str(path)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60, check=False)
    assert done.returncode == -9
    with DuckDBStore(path) as store:
        assert store.has_article("kept", "h1") and store.article("lost") is None
        assert store.counts()["articles"] == 1


def test_duckdb_store_version_1_file_is_migrated_to_version_2(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(duckdb_schema._VERSION_TABLE)
    con.execute(duckdb_schema.MIGRATIONS[0])
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.close()
    with DuckDBStore(path) as store:
        run = store.start_run("test", "", ["x.jsonl"])
        store.save_rejection(run, "x.jsonl", 3, "x.jsonl:3: not valid JSON")
        assert store.rejections() == [{"run_id": run.id, "origin": "x.jsonl", "line": 3,
                                       "reason": "x.jsonl:3: not valid JSON"}]
    assert [v for v, _ in schema_versions(path)] == [1, 2, 3]
