"""`kroniek evaluate`: code the gold articles in a fresh store and score them."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kroniek.adapters.duckdb_store import DuckDBStore
from kroniek.adapters.local_engine import Failure, InProcessEngine
from kroniek.evaluation import SystemActor, SystemEvent, SystemMention, load_gold, score
from kroniek.model import Article
from kroniek.pipeline import Pipeline
from kroniek.stages.ingest import parse_txt, read_file


def gold_articles(gold_path: Path) -> list[Article]:
    articles = []
    for gold in load_gold(gold_path):
        if gold.text is not None:
            article = parse_txt(gold.text, gold.id, f"{gold_path}#{gold.id}")
        else:
            assert gold.path is not None
            found = next(iter(read_file(gold.path)))
            if not isinstance(found, Article):
                raise found
            article = found
        articles.append(replace(article, id=gold.id, date=article.date or gold.date))
    return articles


def _actor(row: dict[str, Any], side: str) -> SystemActor | None:
    if row.get(f"{side}_actor_id") is None:
        return None
    return SystemActor(country=row[f"{side}_country"], sector=row[f"{side}_sector"],
                       actor=row[f"{side}_name"])


def evaluate(
    gold_path: Path, factory: Callable[[], Pipeline]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The score report, and the system output as the records `--system-out` writes."""
    gold = load_gold(gold_path)
    articles = gold_articles(gold_path)
    with tempfile.TemporaryDirectory(prefix="kroniek-eval-") as folder:
        store = DuckDBStore(Path(folder) / "eval.duckdb")
        try:
            info = store.start_run("evaluate", "", [str(gold_path)])
            for outcome in InProcessEngine(factory).map(articles):
                if isinstance(outcome, Failure):
                    store.save_failure(info, outcome.article, outcome.stage, outcome.reason)
                else:
                    store.save(info, [outcome])
            stored = {a.id: store.article(a.id) for a in articles}
        finally:
            store.close()
    events: list[SystemEvent] = []
    mentions: list[SystemMention] = []
    token_counts: list[int] = []
    records: list[dict[str, Any]] = []
    for article_id, data in stored.items():
        if data is None:
            continue
        sentences = {s["idx"]: s for s in data["sentences"]}
        token_counts.extend(len(s["tokens"]) for s in data["sentences"])
        for row in data["events"]:
            event = SystemEvent(
                article_id=article_id, sentence=sentences[row["sentence"]]["text"],
                type=row["type"], mode=row["mode"], source=_actor(row, "source"),
                target=_actor(row, "target"), date=row["date"], place=row["place_resolved"],
                factuality=row["factuality"],
            )
            events.append(event)
            records.append({
                "article_id": article_id, "sentence": event.sentence, "type": event.type,
                "mode": event.mode,
                "source": event.source.__dict__ if event.source else None,
                "target": event.target.__dict__ if event.target else None,
                "date": event.date, "place": event.place, "factuality": event.factuality,
                "rule": row["rule"],
            })
        for row in data["mentions"]:
            mention = SystemMention(
                article_id=article_id, text=row["text"], start=row["start"], end=row["end"],
                actor=row["actor_name"], country=row["country"], sector=row["sector"],
            )
            mentions.append(mention)
            records.append({"kind": "mention", **mention.__dict__})
    texts = {a.id: a.text for a in articles}
    report = score(gold, texts, events, mentions, token_counts)
    return report, records
