"""Event places, first version: the place an event is done to, or a locative phrase in its
clause ('in Chabarovsk', 'bij Marioepol'). The full gazetteer stage replaces this one."""

from __future__ import annotations

import dataclasses

from kroniek.kb import KnowledgeBase
from kroniek.model import Doc, Event, Mention, Place

LOCATIVE = frozenset({"in", "bij", "op", "nabij", "rond", "te"})


def _place(kb: KnowledgeBase, mention: Mention) -> Place | None:
    actor = mention.actor
    if actor.kind == "place":
        known = kb.places.get(actor.name)
        if known is None:
            return None
        return Place(mention.text, known.name_en, known.country, known.lat, known.lon,
                     known.precision, mention.start, mention.end)
    if mention.how == "capital-locative" and actor.country:
        # The knowledge base has no coordinates or English names for capitals yet.
        return Place(mention.text, mention.text, actor.country, None, None, "city",
                     mention.start, mention.end)
    return None


class PlaceStage:
    name = "where"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        placed = [dataclasses.replace(e, place=self._locate(doc, e)) for e in doc.events]
        places = {p for e in placed if (p := e.place) is not None}
        return dataclasses.replace(doc, events=tuple(placed),
                                   places=tuple(sorted(places, key=lambda p: p.start)))

    def _locate(self, doc: Doc, event: Event) -> Place | None:
        if event.target is not None and event.target.actor.kind == "place":
            return _place(self.kb, event.target)
        sentence = doc.sentences[event.sentence]
        for mention in doc.mentions:
            if mention.sentence != event.sentence or mention.tokens[0] == 0:
                continue
            before = sentence.tokens[mention.tokens[0] - 1]
            if before.pos == "VZ" and before.lemma.lower() in LOCATIVE:
                place = _place(self.kb, mention)
                if place is not None:
                    return place
        return None
