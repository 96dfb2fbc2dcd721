"""Targets a sentence leaves implicit, inferred from the event and its paragraph.

'Duizenden boeren trokken naar Den Haag om te protesteren' names no target, yet the protest is
against the Dutch government; 'Erdogan riep de noodtoestand uit' binds Turkey; and in 'Hij kon
het nooit vinden met Loekasjenko. Loekasjenko weigerde te tekenen' Loekasjenko refuses Putin.
The rules are rows in `data/implicit/targets.tsv`. An event given a target here has the rule's
id after its own (`reject.weigeren+implicit.counterpart`), so a user can tell an inferred
target from a parsed one, and filter it out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kroniek.coder.implicit_rules import ImplicitTargetRule
from kroniek.kb import KnowledgeBase, middle_day
from kroniek.kb.entries import SPECIAL_COUNTRIES
from kroniek.model import Actor, Doc, Event, Mention
from kroniek.stages.coreference import PLACE_READINGS

# Actors that stand for a state, or an international organisation, in a pair of parties.
STATE_SECTORS = frozenset({"GOV", "MIL"})
# The pair must be named close before the event: further back the talk has moved on.
COUNTERPART_SENTENCES_BACK = 2


class ImplicitTargetStage:
    name = "implicit-targets"

    def __init__(self, kb: KnowledgeBase, rules: Sequence[ImplicitTargetRule]) -> None:
        self.kb = kb
        self.rules = tuple(rules)

    def __call__(self, doc: Doc) -> Doc:
        events = tuple(self._infer(doc, e) for e in doc.events)
        return dataclasses.replace(doc, events=events)

    def _infer(self, doc: Doc, event: Event) -> Event:
        if event.target is not None or event.source is None:
            return event
        source = event.source.actor
        for rule in self.rules:
            if not rule.applies(event.type, event.mode, source.sector):
                continue
            target = self._target(doc, event, rule)
            if target is not None:
                return dataclasses.replace(event, target=target, rule=f"{event.rule}+{rule.id}")
        return event

    def _target(self, doc: Doc, event: Event, rule: ImplicitTargetRule) -> Mention | None:
        assert event.source is not None
        country = event.source.actor.country
        if rule.target == "counterpart":
            return self._counterpart(doc, event)
        if country is None or country not in self.kb.countries:
            return None
        place = event.place.country if event.place else None
        if place and place != country:
            return None  # Ukrainians demonstrating in Amsterdam are not protesting Kyiv
        actor = (self.kb.government_actor(country) if rule.target == "government"
                 else self.kb.country_actor(country))
        return _unnamed(doc, event, actor, rule.id)

    def _counterpart(self, doc: Doc, event: Event) -> Mention | None:
        """The one other state party the event's own sentence names ('Loekasjenko weigerde te
        tekenen, waarna Poetin ...'); else the other party of the last pair, one of them the
        source's, that the paragraph named in the sentences just before. People count in the
        roles they held on the event's day."""
        assert event.source is not None
        own = _party(event.source.actor)
        if own is None:
            return None
        day = middle_day(event.date) if event.date else None
        others = [m for m in self._state_mentions(doc, event.sentence, day)
                  if _party(m.actor) != own]
        if len({_party(m.actor) for m in others}) > 1:
            return None
        if others:
            return min(others, key=lambda m: abs(m.start - event.trigger_start))
        first = max(doc.paragraph_start(event.sentence),
                    event.sentence - COUNTERPART_SENTENCES_BACK)
        for index in range(event.sentence - 1, first - 1, -1):
            named = self._state_mentions(doc, index, day)
            parties = {_party(m.actor) for m in named}
            if own not in parties:
                continue
            if len(parties) != 2:
                return None  # a crowd of parties, or the source alone: no one counterpart
            return [m for m in named if _party(m.actor) != own][-1]
        return None

    def _state_mentions(self, doc: Doc, sentence: int, day: str | None) -> list[Mention]:
        mentions = [self._on_day(m, day) for m in doc.mentions
                    if m.sentence == sentence and m.how not in PLACE_READINGS]
        return [m for m in mentions if _party(m.actor)]

    def _on_day(self, mention: Mention, day: str | None) -> Mention:
        """A person as they were on the event's day: Obama was the American government in
        2009, whatever he was when the article appeared."""
        person = self.kb.people.get(mention.actor.id.removeprefix("person:"))
        if person is None or day is None:
            return mention
        actor = self.kb.person_actor(person, day)
        return mention if actor == mention.actor else dataclasses.replace(mention, actor=actor)


def _party(actor: Actor) -> str | None:
    """Who an actor speaks for in a pair: its state, or itself for an organisation of states."""
    if actor.kind not in ("person", "country", "organisation") or actor.country is None:
        return None
    if actor.sector is not None and actor.sector not in STATE_SECTORS:
        return None
    return actor.id if actor.country in SPECIAL_COUNTRIES else actor.country


def _unnamed(doc: Doc, event: Event, actor: Actor, rule: str) -> Mention:
    """A target no words name: an empty stretch at the trigger."""
    sentence = doc.sentences[event.sentence]
    head = next((t.index for t in sentence.tokens if t.start == event.trigger_start), 0)
    return Mention(sentence=event.sentence, start=event.trigger_start, end=event.trigger_start,
                   text="", tokens=(), head=head, actor=actor, how=rule)
