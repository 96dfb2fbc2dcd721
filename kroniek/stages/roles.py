"""Actors on the event's date: a person's role, and who held an office, when the event lies
before the article.

The actor stage resolves mentions on the article date. An event dated earlier ("in 2008
stuurde hij het leger") is coded with the roles of its own date: Putin was prime minister then,
and 'de Russische president' of 2009 is Medvedev even in a 2020 article.
"""

from __future__ import annotations

import dataclasses

from kroniek.kb import KnowledgeBase, middle_day
from kroniek.model import Doc, Event, Mention
from kroniek.stages.coreference import holds_office


class EventRoleStage:
    name = "roles"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        article_day = middle_day(doc.article.date)
        events = []
        for event in doc.events:
            if not event.date or middle_day(event.date) == article_day:
                events.append(event)
                continue
            day = middle_day(event.date)
            events.append(dataclasses.replace(
                event, source=self._on(doc, event, event.source, day),
                target=self._on(doc, event, event.target, day)))
        return dataclasses.replace(doc, events=tuple(events))

    def _on(self, doc: Doc, event: Event, mention: Mention | None, day: str) -> Mention | None:
        if mention is None or mention.actor.kind != "person":
            return mention
        person = None
        named = self.kb.people.get(mention.actor.id.removeprefix("person:"))
        if mention.how.startswith("role"):
            # The office, not the person the article's date gave it to; but a description
            # of someone named before stays that person if they held the office then too.
            head = doc.sentences[mention.sentence].tokens[mention.head]
            noun = self.kb.role_noun(head.lemma, head.text)
            coref = mention.how == "role+coref" and named is not None and noun is not None and (
                holds_office(named, noun, mention.actor.country, day))
            if noun is not None and noun.title and mention.actor.country and not coref:
                person = self.kb.title_holder(mention.actor.country, noun.title, day)
        if person is None:
            person = named
        if person is None:
            return mention
        actor = self.kb.person_actor(person, day)
        return mention if actor == mention.actor else dataclasses.replace(mention, actor=actor)
