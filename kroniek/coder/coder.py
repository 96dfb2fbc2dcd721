"""The event coder: pattern dictionary over the dependency parse, one rule id per event."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from kroniek.coder import clause
from kroniek.coder.factuality import factuality
from kroniek.coder.patterns import Pattern, PatternDictionary, lemma_matches
from kroniek.model import Doc, Event, Mention, Sentence, Token

# Meeting, agreeing, cooperating and a ceasefire are mutual: "Israël en Hamas bereikten een
# akkoord" and "een bestand tussen Israël en Hamas" are each side acting towards the other when
# the text names no separate target.
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
RECIPROCAL_MODES = frozenset({("RETREAT", "ceasefire")})

# A pattern whose expression names one of these means the negated phrase as a whole
# ('niet in de steek laten' is support): the negation does not negate its event.
NEGATED_SENSE = frozenset({"niet", "geen"})

# One trigger with compound actors ("Moskou en Minsk ... Kyiv en Warschau") yields one event per
# source-target pair, but no more than this: past it the pairs are noise (see README).
MAX_PAIRS = 4


@dataclass(frozen=True)
class Attempt:
    """One pattern tried on one trigger, for `kroniek explain`."""

    sentence: int
    token: int
    pattern: str
    fired: bool
    reason: str


@dataclass(frozen=True)
class _Slots:
    chain: list[Token]
    passive: bool
    subject: Token | None
    objects: list[Token]
    # A verb of the chain already coded an event of its own (nouns are coded after verbs).
    verb_fired: bool = False


class EventCoder:
    name = "events"

    def __init__(self, patterns: PatternDictionary) -> None:
        self.patterns = patterns

    def __call__(self, doc: Doc) -> Doc:
        events, _ = self.code(doc)
        return dataclasses.replace(doc, events=tuple(events))

    def code(self, doc: Doc) -> tuple[list[Event], list[Attempt]]:
        events: list[Event] = []
        attempts: list[Attempt] = []
        for sentence in map(_with_valid_heads, doc.sentences):
            mentions = [m for m in doc.mentions if m.sentence == sentence.index]
            by_token = {t: m for m in mentions for t in m.tokens}
            # Verbs before nouns: a noun that is part of a verb's expression ('sancties
            # opleggen', 'een akkoord bereiken') gives no event of its own.
            consumed: set[int] = set()
            fired_verbs: set[int] = set()
            fired_by: dict[int, list[Event]] = {}  # the events each trigger verb coded
            ordered = sorted(sentence.tokens, key=lambda t: (not t.is_verb, t.index))
            for token in ordered:
                if token.index in consumed:
                    continue
                for pattern in self._candidates(sentence, token):
                    made, reason = self._apply(sentence, token, pattern, by_token,
                                               frozenset(fired_verbs))
                    attempts.append(Attempt(sentence.index, token.index, pattern.id,
                                            bool(made), reason))
                    if made:
                        made = self._merge_purpose(sentence, token, made, events, fired_by)
                        events.extend(made)
                        consumed |= _expression_tokens(sentence, token, pattern)
                        if token.is_verb:
                            chain = clause.verb_chain(sentence, token)
                            fired_verbs.update(v.index for v in chain)
                            for event in made:
                                fired_by.setdefault(chain[0].index, []).append(event)
                        break
        return _unique(self._without_repeated_references(events)), attempts

    @staticmethod
    def _merge_purpose(
        sentence: Sentence, token: Token, made: list[Event], events: list[Event],
        fired_by: dict[int, list[Event]],
    ) -> list[Event]:
        """'Europarlementariërs vlogen in om de demonstranten aan te moedigen': a purpose or
        infinitive clause that codes the same type as the verb above it names the same event;
        it adds its target to that event instead of coding a second one."""
        if not token.is_verb:
            return made
        above = [e for v in clause.verb_chain(sentence, token)[1:]
                 for e in fired_by.get(v.index, []) if e.type == made[0].type]
        if not above:
            return made
        targets = [e.target for e in made if e.target is not None]
        for event in above:
            if event.target is None and targets and not _same(event.source, targets[0]):
                at = next(i for i, e in enumerate(events) if e is event)
                events[at] = dataclasses.replace(event, target=targets[0])
        return []

    def _without_repeated_references(self, events: list[Event]) -> list[Event]:
        """'Russische militairen annexeerden de Krim ... Sinds de annexatie van de Krim ...':
        a nominal trigger without a source that names an event the article already coded
        (same type, same target) refers back to it and is not a new event."""
        kept: list[Event] = []
        for event in events:
            pattern = self.patterns.by_id.get(event.rule)
            if (pattern is not None and pattern.kind == "noun" and event.source is None
                    and event.target is not None and any(
                        e.type == event.type and e.target is not None
                        and e.target.actor.id == event.target.actor.id
                        and e.sentence < event.sentence for e in kept)):
                continue
            kept.append(event)
        return kept

    def _candidates(self, sentence: Sentence, token: Token) -> list[Pattern]:
        if token.is_verb:
            joined = clause.separable_lemma(sentence, token)
            if joined is None:
                loose = clause.loose_particle(sentence, token)
                if loose is not None and self.patterns.candidates(
                        "verb", loose.lemma.lower() + token.lemma.lower()):
                    joined = loose.lemma.lower() + token.lemma.lower()
            found = (self.patterns.candidates("verb", joined) if joined else []) + \
                self.patterns.candidates("verb", token.lemma)
            if not found:
                # 'Frankrijk en Duitsland veroordeelden Rusland': Frog left the past plural as
                # its own lemma
                found = next((self.patterns.candidates("verb", lemma)
                              for lemma in clause.past_plural_lemmas(token)
                              if self.patterns.candidates("verb", lemma)), [])
        elif token.pos == "N":
            found = self.patterns.noun_candidates(token.lemma)
        else:
            return []
        # The most specific pattern first: multi-word expressions and constrained slots.
        return sorted(found, key=lambda p: (-len(p.extra), -len(p.requires)))

    def _apply(
        self, sentence: Sentence, token: Token, pattern: Pattern,
        by_token: dict[int, Mention], fired_verbs: frozenset[int],
    ) -> tuple[list[Event], str]:
        slots = self._slots(sentence, token, pattern, by_token, fired_verbs)
        top = slots.chain[-1] if slots.chain else token
        if pattern.extra:
            lemmas = clause.clause_lemmas(sentence, top) | {token.lemma.lower()}
            if pattern.kind == "verb" and any(w not in lemmas for w in pattern.extra):
                # 'Erdogan houdt de ... prediker Gülen verantwoordelijk': Frog hung the word
                # elsewhere; its clause by word order holds it.
                lemmas |= {form for t in clause.expression_span(sentence, slots.chain)
                           for form in clause.lemma_forms(t)}
            missing = [w for w in pattern.extra if w not in lemmas]
            if missing:
                return [], f"needs {' '.join(missing)}"
        for constraint in pattern.requires:
            fillers = self._fill(sentence, token, pattern, constraint.slot, slots)
            if constraint.actor:
                # the phrase's members and the name under its head count ('met president
                # Tsai Ing-wen'), as they do for the actor itself
                ok = bool(self._actors(sentence, token, pattern, (constraint.slot,), slots,
                                       by_token))
            else:
                fillers = fillers + [q for f in fillers if (q := clause.counted_noun(sentence, f))]
                ok = _satisfies(fillers, constraint.lemmas) != constraint.negated and (
                    bool(fillers) or constraint.negated
                )
                if not ok and constraint.slot == "obj1" and not constraint.negated \
                        and pattern.kind == "verb":
                    # Frog often leaves the object of a long clause unattached ('stuurde
                    # tienduizenden militairen'): a bare noun in the verb's clause will do.
                    ok = _satisfies(clause.bare_nouns_in_clause(sentence, slots.chain or [token]),
                                    constraint.lemmas)
            if not ok:
                return [], f"{constraint.slot} does not satisfy the constraint"
        sources = self._actors(sentence, token, pattern, pattern.source, slots, by_token)
        targets = self._actors(sentence, token, pattern, pattern.target, slots, by_token)
        # Where the parse gives no actor for the grammatical subject, Dutch word order does:
        # the nearest actor before the finite verb in the same clause.
        if pattern.kind == "verb" and slots.chain:
            if not sources and not slots.passive and pattern.source[:1] == ("su",):
                sources = clause_subject_by_position(sentence, slots.chain, by_token)
                inverted = clause.inverted_subject(
                    sentence, slots.chain, lambda t: _is_actor(t, by_token)
                )
                if not sources and inverted is not None:
                    sources = [by_token[inverted.index]]
            if not targets and slots.passive and pattern.target[:1] == ("obj1",):
                targets = clause_subject_by_position(sentence, slots.chain, by_token)
                inverted = clause.inverted_subject(
                    sentence, slots.chain, lambda t: _is_actor(t, by_token)
                )
                if not targets and inverted is not None:
                    # 'Maandag werd rebellenleider Yasir Arman gedeporteerd'
                    targets = [by_token[inverted.index]]
            if not targets and not slots.passive and pattern.target[:1] == ("obj1",):
                targets = _object_of_subordinate_clause(sentence, slots.chain, sources,
                                                        by_token)
        # A place can be what an event is done to ('annexeerden de Krim': Ukraine), never who
        # does it.
        sources = [m for m in sources if m.actor.kind != "place"]
        # 'Op 3 juni vielen de Rapid Support Forces het protestkamp aan': the subject found after
        # the verb was also read as its object; it is the source only.
        targets = [m for m in targets if not any(m is s for s in sources)]
        if not targets and pattern.kind == "noun":
            targets = _victims(sentence, token, by_token)
        if not targets and pattern.kind == "verb" and pattern.type in COMPLEMENT_TARGET_TYPES \
                and slots.chain:
            targets = _subject_of_complement(sentence, slots.chain, sources, by_token)
        if not sources and not targets:
            return [], "no actor in the source or target slots"
        is_noun = pattern.kind == "noun"
        status = factuality(sentence, slots.chain or [token], token, is_noun)
        if status == "negated" and NEGATED_SENSE & set(pattern.extra):
            # 'Amerika laat Taiwan niet in de steek': the negation is the pattern's own sense
            status = "asserted"
        confidence = 0.5 + (0.25 if sources else 0) + (0.25 if targets or not pattern.target else 0)
        if not sentence.parsed:
            confidence *= 0.6
        events = []
        pairs: Iterable[tuple[Mention | None, Mention | None]]
        if not targets and len(sources) > 1 and (
                pattern.type in RECIPROCAL_TYPES
                or (pattern.type, pattern.mode) in RECIPROCAL_MODES):
            pairs = itertools.permutations(sources, 2)
        else:
            pairs = itertools.product(sources or [None], targets or [None])
        for source, target in itertools.islice(
            ((s, t) for s, t in pairs if not _same(s, t)), MAX_PAIRS
        ):
            events.append(
                Event(
                    sentence=sentence.index, type=pattern.type, mode=pattern.mode,
                    trigger_start=token.start, trigger_end=token.end, trigger_text=token.text,
                    source=source, target=target, factuality=status, rule=pattern.id,
                    confidence=round(confidence, 2),
                )
            )
        return events, "fired" if events else "source and target are the same actor"

    def _slots(
        self, sentence: Sentence, token: Token, pattern: Pattern, by_token: dict[int, Mention],
        fired_verbs: frozenset[int] = frozenset(),
    ) -> _Slots:
        if pattern.kind == "verb":
            chain = clause.verb_chain(sentence, token)
        else:
            governing = clause.governing_verb(sentence, token)
            chain = clause.verb_chain(sentence, governing) if governing is not None else []
        if not chain:
            return _Slots([], False, None, [])
        subject, objects = clause.subject_and_objects(
            sentence, chain, lambda t: _is_actor(t, by_token)
        )
        if not objects and pattern.kind == "verb":
            # 'om de demonstranten aan te moedigen': Frog hangs the object on 'om'
            objects = [c for m in clause.infinitive_markers(sentence, token)
                       for c in sentence.children(m.index) if c.deprel == "obj1"]
        return _Slots(chain, clause.is_passive(sentence, chain), subject, objects,
                      verb_fired=any(v.index in fired_verbs for v in chain))

    def _fill(
        self, sentence: Sentence, token: Token, pattern: Pattern, slot: str, slots: _Slots
    ) -> list[Token]:
        """The tokens heading the phrase in `slot`, with passive voice mapped to active."""
        own = [token]
        if (pattern.kind == "noun" and slot in ("van", "door")) or slot == "poss":
            if slot == "poss":
                found = [c for c in sentence.children(token.index)
                         if c.deprel == "det" and c.pos in ("SPEC", "N")]
                before = _possessive_name_before(sentence, token)
                return found + ([before] if before is not None and before not in found else [])
            return clause.prepositional(sentence, own, slot)
        heads = slots.chain or own
        if pattern.kind == "noun" and slot in ("su", "obj1") and slots.verb_fired:
            # 'Maduro wees het ultimatum af': the verb's subject acts on the noun; the noun's
            # own actors are in its van-, door- and possessive phrases.
            return []
        if slot == "su" and pattern.kind == "noun" and _one_of_two_subjects(sentence, token):
            # 'Bij de gevechten kwamen 240 mensen om', read by Frog with two subjects: the
            # verb's other subject is no actor of the fighting.
            return []
        if slot == "su":
            if slots.passive:
                return clause.agent_phrase(sentence, slots.chain)
            return [slots.subject] if slots.subject else []
        if slot == "obj1":
            if slots.passive:
                return [slots.subject] if slots.subject else []
            if slots.objects or not slots.chain:
                return slots.objects
            return clause.shared_objects(sentence, slots.chain[0])
        if slot == "obj2":
            found = clause.dependents(sentence, heads, {"obj2"}) + clause.prepositional(
                sentence, heads, "aan"
            )
            if not found and not slots.passive:
                # "legde Belarus sancties op": Frog rarely labels the indirect object; a bare
                # proper noun among the objects next to a constrained direct object is it.
                constrained = {w for c in pattern.requires if c.slot == "obj1" for w in c.lemmas}
                found = [o for o in slots.objects
                         if o.pos == "SPEC" and o.lemma.lower() not in constrained]
            return found
        if slot == "door":
            return clause.agent_phrase(sentence, slots.chain) if slots.chain else []
        if slot.startswith("pc:"):
            preposition = slot[3:]
            found = clause.prepositional(sentence, heads, preposition)
            if pattern.kind == "noun":
                found = clause.prepositional(sentence, own, preposition) + found
            if not found and preposition == "voor":
                found = clause.beneficiary_of_objects(sentence, heads)
            return found or clause.loose_prepositional(sentence, token, preposition)
        return []

    def _actors(
        self, sentence: Sentence, token: Token, pattern: Pattern, alternatives: tuple[str, ...],
        slots: _Slots, by_token: dict[int, Mention],
    ) -> list[Mention]:
        for slot in alternatives:
            found: list[Mention] = []
            for filler in self._fill(sentence, token, pattern, slot, slots):
                own = by_token.get(filler.index)
                for member in clause.phrase_members(sentence, filler):
                    mention = by_token.get(member.index) or _mention_below(
                        sentence, member, by_token
                    )
                    if own is not None and member.deprel == "mwp" and mention is not own:
                        continue  # 'Rusland Oekraïne': two names the parser ran together
                    if mention is not None and mention not in found:
                        found.append(mention)
            if not found and slot == "obj1":
                found = self._owner_of_object(sentence, token, pattern, slots, by_token)
            if not found and slot == "obj1" and "obj2" not in alternatives and not slots.passive:
                # 'Scholz zal Zelensky volgende week bezoeken': Frog calls the object obj2.
                found = [by_token[t.index] for t in clause.dependents(sentence, slots.chain,
                                                                      {"obj2"})
                         if (t.pos == "SPEC" or (t.pos == "VNW" and "pers" in t.features))
                         and t.index in by_token]
            if found:
                return _one_per_actor(_named_over_described(sentence, found, by_token))
        return []

    def _owner_of_object(
        self, sentence: Sentence, token: Token, pattern: Pattern, slots: _Slots,
        by_token: dict[int, Mention],
    ) -> list[Mention]:
        """'aanvaardde het aanbod van Duitsland', 'prees de moed van Zelensky': an object that
        is no actor stands for whose it is. Not for an event noun ('de arrestatie van
        Navalny'), whose van-phrase is the event's own target."""
        for filler in self._fill(sentence, token, pattern, "obj1", slots):
            if filler.pos != "N" or self.patterns.noun_candidates(filler.lemma):
                continue
            possessor = _possessor_before(sentence, filler, by_token)
            if possessor is not None:
                return [possessor]  # "Loekasjenko's SOS-seinen negeren"
            for owner in clause.prepositional(sentence, [filler], "van"):
                if _starts_route(sentence, owner):
                    continue  # 'een vlucht van Athene naar Vilnius': a route, not an owner
                mention = by_token.get(owner.index) or _mention_below(sentence, owner, by_token)
                if mention is not None:
                    return [mention]
        return []


def _possessor_before(
    sentence: Sentence, noun: Token, by_token: dict[int, Mention]
) -> Mention | None:
    """A possessive name right before the noun that is a one-word mention."""
    word = _possessive_name_before(sentence, noun)
    mention = by_token.get(word.index) if word is not None else None
    return mention if mention is not None and mention.tokens == (word.index,) else None


def _possessive_name_before(sentence: Sentence, noun: Token) -> Token | None:
    """A possessive name right before the noun, adjectives between allowed ("Loekasjenko's
    SOS-seinen", "Ruslands nieuwe eisen"), found by word order: Frog hangs it anywhere. A
    one-word name right before a noun, with no article between, ending in -s or 's ('Poetins',
    'Ruslands', "Macron's"), is a possessor: Dutch puts no bare name there else."""
    at = noun.index - 1
    while at >= 0 and sentence.tokens[at].pos == "ADJ":
        at -= 1
    if at < 0:
        return None
    word = sentence.tokens[at]
    return word if word.pos == "SPEC" and word.text.endswith("s") else None


_CLAUSE_BREAKS = frozenset({",", ":", ";", "(", ")", "-", "–"})


def clause_subject_by_position(
    sentence: Sentence, chain: list[Token], by_token: dict[int, Mention]
) -> list[Mention]:
    """The nearest actor left of the finite verb, not across a comma or another finite verb.
    For a bare infinitive ('..., grijpt hij naar de telefoon: Poetin bellen') it is the
    subject of the finite verb before it: the infinitive shares its subject."""
    finite = next((v for v in reversed(chain) if clause.acts_finite(sentence, v)), None)
    if finite is None and "inf" in chain[-1].features:
        earlier = [t for t in sentence.tokens[: chain[-1].index] if t.is_finite]
        if earlier:
            subject = next((c for c in sentence.children(earlier[-1].index)
                            if c.deprel == "su"), None)
            mention = (by_token.get(subject.index) or _mention_below(sentence, subject, by_token)
                       ) if subject else None
            return [mention] if mention else []
        return []
    if finite is None:
        return []
    first = _first_actor_of_subordinate_clause(sentence, finite, by_token)
    if first is not None:
        return [first]
    for token in reversed(sentence.tokens[: finite.index]):
        if token.text in _CLAUSE_BREAKS or token.is_finite:
            break
        mention = by_token.get(token.index)
        if mention is not None:
            # A name in apposition belongs to the noun before it: 'Volgens de
            # mensenrechtenorganisatie OVD-Info zijn ... opgepakt'.
            skipped = ("LID", "ADJ", "TW", "N") if sentence.tokens[mention.head].deprel == "app" \
                else ("LID", "ADJ", "TW")
            opener = mention.tokens[0] - 1
            while opener >= 0 and sentence.tokens[opener].pos in skipped:
                opener -= 1
            # 'In Ruslands Verre Oosten demonstreren ...': an actor inside a prepositional
            # phrase is not the subject.
            if opener >= 0 and sentence.tokens[opener].pos == "VZ":
                return []
            return [mention]
    return []


def _starts_route(sentence: Sentence, owner: Token) -> bool:
    end = max([owner.index] + [t.index for t in clause.phrase_members(sentence, owner)])
    following = sentence.tokens[end + 1] if end + 1 < len(sentence.tokens) else None
    return following is not None and following.lemma.lower() in ("naar", "tot")


def _with_valid_heads(sentence: Sentence) -> Sentence:
    """A head outside the sentence (a broken analysis) is read as no head, so that no repair
    walking up the parse can fall off it."""
    size = len(sentence.tokens)
    if all(t.head is None or 0 <= t.head < size for t in sentence.tokens):
        return sentence
    tokens = tuple(t if t.head is None or 0 <= t.head < size else dataclasses.replace(t, head=None)
                   for t in sentence.tokens)
    return dataclasses.replace(sentence, tokens=tokens)


def _one_per_actor(found: list[Mention]) -> list[Mention]:
    """'hij en de Russische president' where both resolve to one actor: one event, not two."""
    kept: list[Mention] = []
    for mention in found:
        if not any(k.actor.id == mention.actor.id for k in kept):
            kept.append(mention)
    return kept


def _named_over_described(
    sentence: Sentence, found: list[Mention], by_token: dict[int, Mention]
) -> list[Mention]:
    """'De belangrijkste tegenstander van Loekasjenko, Svetlana Tichanovskaja,': a description
    and the name in apposition to it are one actor, not two; keep the name."""
    described = set()
    for mention in found:
        if mention.actor.kind not in ("person", "unknown"):
            continue  # 'rebellenleider Yasir Arman': an unknown name is a person too
        for index in mention.tokens:
            token = sentence.tokens[index]
            if token.deprel == "app" and token.head is not None:
                other = by_token.get(token.head)
                # the description may have resolved to someone else ('De leider van de
                # oppositie' to the country's leader): in apposition it is the name's person
                if other is not None and other is not mention:
                    described.add(id(other))
    return [m for m in found if id(m) not in described]


# 'De minister eiste dat de Franse troepen vertrekken': a demand, threat or accusation whose
# verb names no one is addressed to the subject of the dat-clause it governs.
COMPLEMENT_TARGET_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE"})


def _subject_of_complement(
    sentence: Sentence, chain: list[Token], sources: list[Mention],
    by_token: dict[int, Mention],
) -> list[Mention]:
    last = max(v.index for v in chain)
    for token in sentence.tokens[last + 1 :]:
        if token.is_finite or token.text in (";", ":"):
            return []
        if token.lemma.lower() == "dat" and (token.pos == "VG" or (
                token.deprel == "det" and token.index + 1 < len(sentence.tokens)
                and sentence.tokens[token.index + 1].pos == "SPEC")):
            break  # Frog tags the complementizer a determiner before a name
    else:
        return []
    countries = {m.actor.country for m in sources}
    for after in sentence.tokens[token.index + 1 :]:
        if after.is_finite or after.pos == "VZ" or after.text in _CLAUSE_BREAKS:
            return []
        mention = by_token.get(after.index)
        if mention is not None and mention.actor.kind != "place":
            return [] if mention.actor.country in countries else [mention]
    return []


VICTIM_NOUNS = frozenset({"slachtoffer", "nabestaande", "overlevende", "getroffene"})


def _victims(sentence: Sentence, trigger: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """'slachtoffers van martelingen': the victims of a nominal event are its target, wherever
    the parser attached the van-phrase."""
    index = trigger.index - 1
    while index >= 0 and sentence.tokens[index].pos in ("LID", "ADJ", "TW"):
        index -= 1
    if index < 1 or sentence.tokens[index].lemma.lower() != "van":
        return []
    # 'slachtoffers van', or with the verb between: 'liet slachtoffers zien van martelingen'
    for before in reversed(sentence.tokens[max(0, index - 3) : index]):
        mention = by_token.get(before.index)
        if mention is not None and before.lemma in VICTIM_NOUNS:
            return [mention]
        if before.pos not in ("WW", "BW"):
            break
    return []


SUBORDINATORS = frozenset({"als", "indien", "dat", "omdat", "toen", "nadat", "wanneer", "zodra",
                           "terwijl", "voordat", "tenzij", "mits", "hoewel", "doordat"})


def _first_actor_of_subordinate_clause(
    sentence: Sentence, finite: Token, by_token: dict[int, Mention]
) -> Mention | None:
    """'als Rusland Oekraïne binnenvalt': a verb-final clause names its subject first."""
    start = finite.index
    while start > 0:
        before = sentence.tokens[start - 1]
        if before.text in _CLAUSE_BREAKS or before.is_finite:
            return None
        if before.lemma.lower() in SUBORDINATORS and before.pos in ("VG", "VZ"):
            break
        start -= 1
    if start == 0:
        return None
    for token in sentence.tokens[start : finite.index]:
        if token.pos == "VZ":
            return None  # 'toen in Minsk ...': let the nearest-actor rule decide
        mention = by_token.get(token.index)
        if mention is not None and mention.actor.kind != "place":
            return mention
    return None


def _object_of_subordinate_clause(
    sentence: Sentence, chain: list[Token], sources: list[Mention],
    by_token: dict[int, Mention],
) -> list[Mention]:
    """'als Rusland Oekraïne binnenvalt': in a verb-final clause the actor between the subject
    and the verb is its object."""
    finite = next((v for v in chain if v.is_finite), None)
    if finite is None or not sources or sources[0].sentence != sentence.index:
        return []
    subject = sources[0]
    first = _first_actor_of_subordinate_clause(sentence, finite, by_token)
    if first is not subject:
        return []
    between = [by_token[t.index] for t in sentence.tokens[subject.tokens[-1] + 1 : finite.index]
               if t.index in by_token and t.pos in ("SPEC", "N")]
    return [m for i, m in enumerate(between) if m not in between[:i]][:1]


def _satisfies(fillers: Iterable[Token], words: frozenset[str]) -> bool:
    return any(lemma_matches(f.lemma, words) for f in fillers)


def _is_actor(token: Token, by_token: dict[int, Mention]) -> bool:
    mention = by_token.get(token.index)
    return mention is not None and mention.actor.kind != "place"


def _mention_below(
    sentence: Sentence, token: Token, by_token: dict[int, Mention]
) -> Mention | None:
    """'de stad Chabarovsk', 'president Janoekovitsj': a mention right under the phrase head."""
    for child in sentence.children(token.index):
        if child.deprel in ("app", "mwp", "det") and child.index in by_token:
            return by_token[child.index]
    counted = clause.counted_noun(sentence, token)
    if counted is not None:
        return by_token.get(counted.index)  # 'Duizenden betogers'
    return None


def _expression_tokens(sentence: Sentence, token: Token, pattern: Pattern) -> set[int]:
    """The words of the clause that the fired pattern's expression and constraints used."""
    words = set(pattern.extra) | {w for c in pattern.requires for w in c.lemmas}
    if not words:
        return set()
    chain = clause.verb_chain(sentence, token) if token.is_verb else []
    top = chain[-1] if chain else token
    found = {t.index for t in sentence.subtree(top.index) if clause.lemma_forms(t) & words}
    if chain and pattern.extra and not set(pattern.extra) <= {
            f for i in found for f in clause.lemma_forms(sentence.tokens[i])}:
        # the expression was completed by word order (see _apply)
        found |= {t.index for t in clause.expression_span(sentence, chain)
                  if t.index != token.index and clause.lemma_forms(t) & set(pattern.extra)}
    return found


def _same(source: Mention | None, target: Mention | None) -> bool:
    return source is not None and target is not None and source.actor.id == target.actor.id


def _unique(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (e.sentence, e.type, e.trigger_start,
               e.source.start if e.source else None, e.target.start if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _one_of_two_subjects(sentence: Sentence, token: Token) -> bool:
    if token.deprel != "su" or token.head is None:
        return False
    return any(c.deprel == "su" and c.index != token.index
               for c in sentence.children(token.head))
