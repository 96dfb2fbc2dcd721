"""`kroniek explain`: rebuild a stored article's parse and show which patterns fired and why
the others did not. This is how users and developers debug the dictionary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kroniek.coder import EventCoder, PatternDictionary
from kroniek.model import Actor, Article, Doc, Mention, Sentence, Span, Token


def doc_from_stored(data: dict[str, Any]) -> Doc:
    """The Doc as the coder saw it, from what `Store.article` returns."""

    def span(start: str, end: str) -> Span | None:
        return Span(data[start], data[end]) if data.get(start) is not None else None

    article = Article(
        id=data["id"], text=data["text"], content_hash=data["content_hash"], date=data["date"],
        caption=span("caption_start", "caption_end"), credit=span("credit_start", "credit_end"),
    )
    sentences = tuple(
        Sentence(
            index=s["idx"], start=s["start"], end=s["end"], text=s["text"],
            tokens=tuple(Token(**{**t, "features": tuple(t["features"])}) for t in s["tokens"]),
            is_caption=s["is_caption"], parsed=s["parsed"],
        )
        for s in data["sentences"]
    )
    mentions = tuple(
        Mention(
            sentence=m["sentence"], start=m["start"], end=m["end"], text=m["text"],
            tokens=tuple(m["token_indices"]), head=m["head"], how=m["how"],
            actor=Actor(m["actor_id"], m["actor_name"], m["country"], m["sector"], m["kind"],
                        m["title"]),
        )
        for m in data["mentions"]
    )
    return Doc(article=article, sentences=sentences, mentions=mentions,
               main_country=data.get("main_country"))


def explain_lines(data: dict[str, Any], patterns: PatternDictionary) -> Iterator[str]:
    doc = doc_from_stored(data)
    events, attempts = EventCoder(patterns).code(doc)
    for sentence in doc.sentences:
        caption = "  (caption)" if sentence.is_caption else ""
        yield f"\n[{sentence.index}] {sentence.text}{caption}"
        if not sentence.parsed:
            yield "    (not parsed: tagged only)"
        for t in sentence.tokens:
            head = "-" if t.head is None else str(t.head)
            yield f"    {t.index:>3} {t.text:<22} {t.lemma:<20} {t.pos:<5} {t.deprel:<6} {head}"
        for m in (m for m in doc.mentions if m.sentence == sentence.index):
            yield f"    mention {m.text!r} -> {m.actor.name} {m.actor.code} ({m.how})"
        for a in (a for a in attempts if a.sentence == sentence.index):
            mark = "FIRED" if a.fired else "tried"
            word = sentence.tokens[a.token].text
            yield f"    {mark} {a.pattern} on {word!r}: {a.reason}"
        for e in (e for e in events if e.sentence == sentence.index):
            source = e.source.actor.code if e.source else "-"
            target = e.target.actor.code if e.target else "-"
            yield (f"    EVENT {e.type}{'/' + e.mode if e.mode else ''} {source} -> {target} "
                   f"{e.factuality} rule {e.rule}")
        # Implicit targets come from a stage after the coder; the stored events have them.
        for stored in data.get("events", []):
            pattern, _, inferred = stored["rule"].partition("+")
            if stored["sentence"] == sentence.index and inferred:
                code = (stored["target_country"] or "") + (stored["target_sector"] or "")
                yield (f"    TARGET of {stored['type']} ({pattern}) inferred by {inferred}: "
                       f"{stored['target_name']} {code}")
