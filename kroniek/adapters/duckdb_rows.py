"""Rows for the DuckDB store, built from the model: one dict per table row.

Kept apart from the store's connection handling, so the mapping from Doc to tables can be read
(and changed, with a migration) in one place.
"""

from __future__ import annotations

import json
from typing import Any

from kroniek import plover
from kroniek.model import Article, Doc, Event, Mention

Row = dict[str, Any]


def to_json(value: object) -> str:
    # default=str: metadata comes from arbitrary JSON Lines input; a stray non-JSON value
    # (a date from a YAML front matter, say) should be kept as text, not fail the batch.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def article_row(article: Article, run_id: int, status: str) -> Row:
    caption, credit = article.caption, article.credit
    return {
        "id": article.id,
        "content_hash": article.content_hash,
        "date": article.date,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "text": article.text,
        "caption_start": caption.start if caption else None,
        "caption_end": caption.end if caption else None,
        "credit_start": credit.start if credit else None,
        "credit_end": credit.end if credit else None,
        "metadata": to_json(article.metadata),
        "main_country": None,
        "status": status,
        "failure_stage": None,
        "failure_reason": None,
        "run_id": run_id,
        "notes": "[]",
    }


def doc_rows(doc: Doc, run_id: int) -> dict[str, list[Row]]:
    """The rows of every table for one doc. Raises on an event type PLOVER does not know."""
    aid = doc.article.id
    article = article_row(doc.article, run_id, "done")
    article.update(main_country=doc.main_country, notes=to_json(list(doc.notes)))
    sentences = [
        {
            "article_id": aid, "idx": s.index, "start": s.start, "end_": s.end, "text": s.text,
            "is_caption": s.is_caption, "parsed": s.parsed,
            "tokens": to_json([
                {"index": t.index, "text": t.text, "start": t.start, "end": t.end,
                 "lemma": t.lemma, "pos": t.pos, "features": list(t.features), "ner": t.ner,
                 "head": t.head, "deprel": t.deprel}
                for t in s.tokens
            ]),
        }
        for s in doc.sentences
    ]
    mentions = [
        {
            "article_id": aid, "idx": i, "sentence": m.sentence, "start": m.start, "end_": m.end,
            "text": m.text, "token_indices": to_json(list(m.tokens)), "head": m.head,
            "actor_id": m.actor.id, "actor_name": m.actor.name, "country": m.actor.country,
            "sector": m.actor.sector, "kind": m.actor.kind, "title": m.actor.title, "how": m.how,
        }
        for i, m in enumerate(doc.mentions)
    ]
    # Events hold their mentions by value; the first equal mention in the doc is the one
    # they came from (two equal mentions would be the same words, resolved the same way).
    mention_idx: dict[Mention, int] = {}
    for i, m in enumerate(doc.mentions):
        mention_idx.setdefault(m, i)
    events = [_event_row(aid, i, e, mention_idx) for i, e in enumerate(doc.events)]
    times = [
        {"article_id": aid, "idx": i, "start": t.start, "end_": t.end, "text": t.text,
         "value": t.value, "precision": t.precision, "kind": t.kind}
        for i, t in enumerate(doc.times)
    ]
    places = [
        {"article_id": aid, "idx": i, "name": p.name, "resolved": p.resolved,
         "country": p.country, "lat": p.lat, "lon": p.lon, "precision": p.precision,
         "start": p.start, "end_": p.end}
        for i, p in enumerate(doc.places)
    ]
    return {"articles": [article], "sentences": sentences, "mentions": mentions,
            "events": events, "time_exprs": times, "places": places}


def _actor_slot(side: str, mention: Mention | None, mention_idx: dict[Mention, int]) -> Row:
    if mention is None:
        return {f"{side}_{key}": None for key in
                ("mention", "actor_id", "name", "country", "sector", "text", "start", "end")}
    actor = mention.actor
    return {
        f"{side}_mention": mention_idx.get(mention), f"{side}_actor_id": actor.id,
        f"{side}_name": actor.name, f"{side}_country": actor.country,
        f"{side}_sector": actor.sector, f"{side}_text": mention.text,
        f"{side}_start": mention.start, f"{side}_end": mention.end,
    }


def _event_row(aid: str, idx: int, e: Event, mention_idx: dict[Mention, int]) -> Row:
    quad_code, quad_class = plover.quad(e.type)
    place = e.place
    return {
        "article_id": aid, "idx": idx, "event_id": f"{aid}:{idx}", "sentence": e.sentence,
        "type": e.type, "mode": e.mode, "quad_code": quad_code, "quad_class": quad_class,
        "cameo_root": plover.cameo_root(e.type, e.mode), "score": plover.score(e.type, e.mode),
        "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
        "trigger_text": e.trigger_text,
        **_actor_slot("source", e.source, mention_idx),
        **_actor_slot("target", e.target, mention_idx),
        "factuality": e.factuality, "historical": e.historical, "rule": e.rule,
        "confidence": e.confidence, "date": e.date, "date_precision": e.date_precision,
        "date_source": e.date_source,
        "place_name": place.name if place else None,
        "place_resolved": place.resolved if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "place_precision": place.precision if place else None,
    }


# -- event filters ----------------------------------------------------------------------------


