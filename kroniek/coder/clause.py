"""Reading a clause off Frog's dependency parse, with the parser's habits corrected.

Frog often labels a proper-noun object as a second subject ("Poetin belde Loekasjenko op"),
hangs a shared subject under the first verb of a coordination only, and puts the subject of a
participle or infinitive on its auxiliary. These helpers undo that (see FROG_NOTES.md).
"""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Sentence, Token

AUXILIARIES = frozenset(
    {"hebben", "zijn", "worden", "zullen", "kunnen", "willen", "moeten", "mogen", "gaan",
     "blijken", "lijken", "blijven", "laten", "komen", "weigeren", "proberen", "besluiten",
     "dreigen", "beloven", "hoeven", "durven", "wensen", "menen", "trachten", "pogen"}
)
# Relations that lead from a verb down to the verb it governs: participle or infinitive (vc),
# the clause under 'te' or 'om' (body).
_DOWN = frozenset({"vc", "body"})
_NP_LINKS = frozenset({"cnj", "app", "mwp"})


def acts_finite(sentence: Sentence, verb: Token) -> bool:
    """Frog tags a present plural root verb ('De Belarussen demonstreren') as an infinitive:
    the forms are the same. A root infinitive is the finite verb when the sentence has no other
    ('..., grijpt hij naar de telefoon: Poetin bellen' keeps its infinitive)."""
    if verb.is_finite:
        return True
    if looks_past_tense(sentence, verb):
        return True
    return (verb.is_verb and "inf" in verb.features and verb.head is None
            and not any(t.is_finite for t in sentence.tokens))


def looks_past_tense(sentence: Sentence, verb: Token) -> bool:
    """'De Europese Unie veroordeelde de dood van Amini': Frog reads 'veroordeelde' as an
    inflected participle ('de veroordeelde man'), the same form as the simple past. It is the
    past tense when no finite verb comes before it in the sentence and what precedes it is a
    whole constituent (not an article or adjective waiting for its noun)."""
    if not verb.is_verb or "vd" not in verb.features or "prenom" not in verb.features:
        return False
    if not verb.text.lower().endswith(("de", "te")) or verb.index == 0:
        return False
    if any(t.is_finite for t in sentence.tokens[: verb.index]):
        return False
    before = sentence.tokens[verb.index - 1]
    return before.pos not in ("LID", "ADJ", "VNW", "TW") or before.text == ","


def verb_chain(sentence: Sentence, verb: Token) -> list[Token]:
    """The verb and the auxiliaries, modals and control verbs above it, lowest first:
    'zou ... hebben ... gestuurd' gives [gestuurd, hebben, zou]."""
    chain = [verb]
    current = verb
    for _ in range(6):
        if current.deprel not in _DOWN or current.head is None:
            break
        parent = sentence.tokens[current.head]
        for _ in range(2):
            # 'weigerde te tekenen': te -> vc of weigerde; 'trokken naar Den Haag om te
            # protesteren': te -> om -> mod of trokken, the purpose shares the subject
            if parent.lemma in ("te", "om") and parent.pos == "VZ" and parent.head is not None:
                parent = sentence.tokens[parent.head]
        if not parent.is_verb:
            break
        chain.append(parent)
        current = parent
    return chain


def infinitive_markers(sentence: Sentence, verb: Token) -> list[Token]:
    """The 'te' and 'om' a te-infinitive hangs under ('om ... aan te moedigen')."""
    found = []
    current = verb
    for _ in range(3):
        if current.head is None:
            break
        parent = sentence.tokens[current.head]
        if parent.lemma.lower() not in ("te", "om") or parent.pos != "VZ":
            break
        found.append(parent)
        current = parent
    return found


# Nouns of ordering and deciding: 'tekende een decreet voor een algemene mobilisatie'.
_ORDER_NOUNS = frozenset({"decreet", "bevel", "besluit", "order", "opdracht", "wet", "verordening"})
# Verbs of starting: 'begon met de grootste militaire oefeningen ooit'.
_START_VERBS = frozenset({"beginnen", "starten", "aanvangen"})


def governing_verb(sentence: Sentence, noun: Token) -> Token | None:
    """The verb whose clause a noun trigger's event belongs to: the verb it depends on, also
    through a particle Frog hung it under ('namen een sanctiepakket aan'), a 'met' phrase of a
    verb of starting, or a 'voor'/'tot' phrase of an order noun ('een decreet voor
    mobilisatie')."""
    if noun.head is None:
        return None
    head = sentence.tokens[noun.head]
    if head.is_verb:
        return head
    if head.pos != "VZ" or head.head is None:
        return None
    above = sentence.tokens[head.head]
    if above.is_verb and (head.deprel == "svp" or (
            head.lemma.lower() == "met" and above.lemma in _START_VERBS)):
        return above
    if head.lemma.lower() in ("voor", "tot") and above.pos == "N" and \
            above.lemma.lower() in _ORDER_NOUNS and above.head is not None:
        verb = sentence.tokens[above.head]
        return verb if verb.is_verb else None
    return None


def dependents(sentence: Sentence, chain: list[Token], relations: set[str]) -> list[Token]:
    return [t for v in chain for t in sentence.children(v.index) if t.deprel in relations]


def is_passive(sentence: Sentence, chain: list[Token]) -> bool:
    """'wordt uitgejouwd door', 'werd gearresteerd', 'is gearresteerd door'."""
    verb = chain[0]
    if "vd" not in verb.features or len(chain) < 2:
        return False
    auxiliary = chain[1]
    if auxiliary.lemma == "worden":
        return True
    return auxiliary.lemma == "zijn" and bool(agent_phrase(sentence, chain))


def agent_phrase(sentence: Sentence, chain: list[Token]) -> list[Token]:
    """The noun phrases of the `door` phrase, or of one the parser hung elsewhere in the
    clause ('werd maandag door Rusland aangevallen')."""
    found = [
        noun
        for prep in dependents(sentence, chain, {"mod", "pc", "obj1"})
        if prep.lemma == "door"
        for noun in sentence.children(prep.index)
        if noun.deprel == "obj1"
    ]
    if found or len(chain) < 2:
        return found
    auxiliary = min(chain[1:], key=lambda v: v.index)
    return [t for t in loose_prepositional(sentence, auxiliary, "door") if t.index < chain[0].index]


def subject_and_objects(
    sentence: Sentence, chain: list[Token], is_actor: Callable[[Token], bool] = lambda t: False,
    depth: int = 0,
) -> tuple[Token | None, list[Token]]:
    """The subject, and the objects, repairing a second `su` that is really the object, and a
    sentence-initial actor the parser left unattached ("De Europese Unie legde Belarus ...")."""
    subjects = dependents(sentence, chain, {"su"})
    objects = dependents(sentence, chain, {"obj1"})
    initial = clause_initial_actor(sentence, chain, is_actor)
    parsed_subject = {m.index for s in subjects for m in phrase_members(sentence, s)}
    if initial is not None and initial.index not in parsed_subject:
        objects = subjects + objects
        subjects = [initial]
    if depth == 0 and subjects and _opens_second_conjunct(sentence, chain):
        # 'Hij verbrak de betrekkingen en noemde Guaidó een marionet': the verb right after
        # 'en' shares the first verb's subject; a name after it is its object.
        shared = coordinated_subjects(sentence, chain[-1], is_actor)
        if shared and all(s.index > chain[-1].index for s in subjects):
            objects = subjects + objects
            subjects = shared
    if not subjects and depth == 0:
        subjects = coordinated_subjects(sentence, chain[-1], is_actor)
    counted = {c.index for c in (counted_noun(sentence, s) for s in subjects) if c is not None}
    subjects = [s for s in subjects if s.index not in counted]  # 'Honderden ... militairen'
    # 'Volgens westerse diplomaten voeren Malinese soldaten ...': a noun inside a
    # prepositional phrase is no subject, whatever the parser labelled it.
    free = [s for s in subjects if not _in_prepositional_phrase(sentence, s)]
    if free and len(free) < len(subjects):
        subjects = free
    # 'Later die dag tekende hij': Frog makes time words subjects.
    timeless = [s for s in subjects if not is_time_word(s)]
    if timeless and len(timeless) < len(subjects):
        subjects = timeless
    if depth == 0:
        subjects, objects = _subject_after_fronted_adverbial(sentence, chain, subjects, objects,
                                                             is_actor)
    if len(subjects) > 1:
        # What precedes the finite verb is the subject in a Dutch main clause; the verb's
        # number decides otherwise.
        finite = next((v for v in chain if v.is_finite), chain[-1])
        before = [s for s in subjects if s.index < finite.index]
        if before:
            # Only one phrase precedes the finite verb of a main clause; two before it mean a
            # verb-final clause ('als Rusland Oekraïne binnenvalt'), where the subject is first.
            subject = before[0]
        else:
            # a coordination ('Servië en Kosovo') is plural; an actor beats a thing
            agreeing = [s for s in subjects if _plural(s) == finite.is_plural] or subjects
            actors = [s for s in agreeing
                      if any(is_actor(m) for m in phrase_members(sentence, s))]
            subject = (actors or agreeing)[0]
        objects = [s for s in subjects if s is not subject] + objects
        subjects = [subject]
    if not objects and subjects:
        # 'De Europese Unie veroordeelde de Belarussische regering' with the object labelled
        # `mod`: a bare actor noun phrase after the verb, not a time word, is its object.
        objects = [c for c in dependents(sentence, chain, {"mod"})
                   if c.pos in ("N", "SPEC") and is_actor(c) and not is_time_word(c)
                   and c.index > max(v.index for v in chain)
                   and not _in_prepositional_phrase(sentence, c)]
    return (subjects[0] if subjects else None), objects


_BREAKS = frozenset({",", ":", ";", "(", ")", "-", "–", "'", '"', "‘", "’"})


def clause_initial_actor(
    sentence: Sentence, chain: list[Token], is_actor: Callable[[Token], bool]
) -> Token | None:
    """In a Dutch main clause the finite verb comes second: an actor noun phrase that opens the
    clause right before it is the subject, whatever the parser attached it to. A phrase that
    opens with a preposition ("Op buurland Georgië stuurde hij") is not."""
    finite = next((v for v in reversed(chain) if acts_finite(sentence, v)), None)
    if finite is None or (finite.head is not None and finite.deprel not in ("cnj", "ROOT")):
        return None
    start = finite.index
    while start > 0:
        before = sentence.tokens[start - 1]
        if before.is_finite:
            return None  # a second conjunct ('annexeerden de Krim en ontketenden'), not a clause
        subordinating = before.pos == "VG" and "onder" in before.features
        if before.text in _BREAKS or subordinating:
            break
        start -= 1
    if start > 0 and sentence.tokens[start - 1].text == ",":
        opened = _before_parenthetical(sentence, start - 1)
        if opened is not None:
            start, end = opened
            phrase = sentence.tokens[start:end]
            heads = [t for t in phrase if t.pos in ("N", "SPEC") and is_actor(t)
                     and not _possessor(t)]
            return heads[0] if heads and phrase[0].pos != "VZ" else None
    phrase = sentence.tokens[start : finite.index]
    if not phrase or phrase[0].pos == "VZ" or any(t.pos in ("VZ", "BW") for t in phrase):
        return None
    # 'Loekasjenko's veiligheidsdiensten': the possessor is not the subject, its noun is.
    heads = [t for t in phrase if t.pos in ("N", "SPEC") and is_actor(t) and not _possessor(t)]
    return heads[0] if heads else None


def _subject_after_fronted_adverbial(
    sentence: Sentence, chain: list[Token], subjects: list[Token], objects: list[Token],
    is_actor: Callable[[Token], bool],
) -> tuple[list[Token], list[Token]]:
    """'Volgens de mensenrechtenorganisatie IHR hebben veiligheidstroepen ... doodgeschoten',
    'Op het vliegveld arresteerden agenten van de KGB de journalist en zijn vriendin': after a
    fronted adverbial the subject is the first actor after the finite verb. It replaces a
    parsed subject inside the adverbial, or a coordination the actor was wrongly made part of."""
    inverted = inverted_subject(sentence, chain, is_actor)
    finite = next((v for v in reversed(chain) if acts_finite(sentence, v)), None)
    if inverted is None or finite is None or any(s.index == inverted.index for s in subjects):
        return subjects, objects
    if any(t.text in _BREAKS for t in sentence.tokens[: finite.index]):
        return subjects, objects
    inside = [s for s in subjects if s.index < finite.index]
    absorbed = [s for s in subjects if inverted in phrase_members(sentence, s)
                and _new_phrase_between(sentence, inverted, s)]
    if subjects and not inside and not absorbed:
        return subjects, objects
    after = [s for s in subjects if s.index > finite.index]
    return [inverted], after + [o for o in objects if o.index != inverted.index]


def _plural(token: Token) -> bool:
    return token.is_plural or (token.pos == "VG" and token.lemma.lower() == "en")


def _new_phrase_between(sentence: Sentence, first: Token, coordinator: Token) -> bool:
    """Another noun phrase (an article not inside a prepositional phrase) stands between an
    actor and the coordination the parser made it part of: 'agenten van de KGB de journalist
    ... en zijn vriendin' is no coordination of 'agenten', 'Armenië en Azerbeidzjan' is."""
    between = sentence.tokens[first.index + 1 : coordinator.index]
    return any(t.pos == "LID" and sentence.tokens[t.index - 1].pos != "VZ" for t in between)


def is_time_word(token: Token) -> bool:
    lemma = token.lemma.lower()
    return lemma in _MONTHS_AND_DAYS or (
        token.pos == "N" and lemma.endswith(_TIME_NOUN_ENDINGS) and lemma not in _NOT_TIME)


_NOT_TIME = frozenset({"bondsdag", "landdag", "rijksdag"})


def _opens_second_conjunct(sentence: Sentence, chain: list[Token]) -> bool:
    finite = next((v for v in chain if v.is_finite), None)
    if finite is None or finite.index == 0:
        return False
    before = sentence.tokens[finite.index - 1]
    return before.pos == "VG" and before.lemma.lower() in ("en", "maar", "of")


def _in_prepositional_phrase(sentence: Sentence, token: Token) -> bool:
    opener = token.index - 1
    while opener >= 0 and sentence.tokens[opener].pos in ("LID", "ADJ", "TW"):
        opener -= 1
    return opener >= 0 and sentence.tokens[opener].pos == "VZ"


RELATIVE_PRONOUNS = frozenset({"die", "dat", "wie", "wat", "waar"})


def _before_parenthetical(sentence: Sentence, closing: int) -> tuple[int, int] | None:
    """'Het Hooggerechtshof, dat vol zit met getrouwen van Maduro, legde ...': the span of the
    sentence-initial noun phrase before a relative clause that ends at the comma `closing`
    right before the finite verb."""
    opening = next((t.index for t in sentence.tokens[:closing] if t.text == ","), None)
    if opening is None or opening == 0:
        return None
    inside = sentence.tokens[opening + 1 : closing]
    if not inside:
        return None
    # Only a relative clause: an apposition ('De leider van de oppositie, Svetlana
    # Tichanovskaja, belooft') names the subject itself, and the parse has it.
    if inside[0].lemma.lower() not in RELATIVE_PRONOUNS or inside[0].pos != "VNW":
        return None
    if any(t.is_finite or t.text in _BREAKS for t in sentence.tokens[:opening]):
        return None
    return 0, opening


def _possessor(token: Token) -> bool:
    return token.deprel == "det" or token.text.endswith(("'s", "’s"))


def inverted_subject(
    sentence: Sentence, chain: list[Token], is_actor: Callable[[Token], bool]
) -> Token | None:
    """'In Ruslands Verre Oosten demonstreren tienduizenden inwoners': a clause that opens with
    an adverbial puts the subject right after the finite verb."""
    finite = next((v for v in reversed(chain) if acts_finite(sentence, v)), None)
    if finite is None or finite.index == 0 or not _fronted_adverbial(sentence, finite):
        return None
    for token in sentence.tokens[finite.index + 1 :]:
        if token.text in _BREAKS or token.pos == "VZ" or token.is_finite:
            return None
        if token.pos in ("N", "SPEC", "VNW") and is_actor(token):
            return token
    return None


_TIME_NOUN_ENDINGS = ("dag", "avond", "ochtend", "middag", "nacht", "week", "maand", "jaar",
                      "minuut", "uur", "eeuw", "seconde")
_MONTHS_AND_DAYS = frozenset({"januari", "februari", "maart", "april", "mei", "juni", "juli",
                              "augustus", "september", "oktober", "november", "december",
                              "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
                              "zaterdag", "zondag"})


def _fronted_adverbial(sentence: Sentence, finite: Token) -> bool:
    """What opens the clause before the finite verb is an adverbial, so the subject follows the
    verb: a prepositional phrase or adverb ('In Minsk', 'Daarom', 'Daar'), or a time expression
    ('Maandag', 'Enkele minuten later', 'Later die dag')."""
    first = sentence.tokens[0]
    if first.pos in ("VZ", "BW") or (first.pos == "VNW" and "adv-pron" in first.features):
        return True
    fronted = sentence.tokens[: finite.index]
    return all(
        t.pos in ("TW", "LID", "ADJ", "BW") or (t.pos == "VNW" and "det" in t.features)
        or t.lemma.lower() in _MONTHS_AND_DAYS
        or (t.pos == "N" and t.lemma.lower().endswith(_TIME_NOUN_ENDINGS))
        for t in fronted
    ) and any(t.pos in ("N", "SPEC") or (t.pos == "ADJ" and "comp" in t.features)
              for t in fronted)


def loose_prepositional(sentence: Sentence, after: Token, preposition: str) -> list[Token]:
    """A prepositional phrase the parser attached elsewhere ('demonstreren ... al zes weken
    tegen Poetin'): the first one with that preposition later in the same clause."""
    for token in sentence.tokens[after.index + 1 :]:
        if token.text in _BREAKS or token.is_finite:
            break
        if token.lemma == preposition and token.pos == "VZ":
            objects = [t for t in sentence.children(token.index) if t.deprel == "obj1"]
            if objects:
                return objects
            # the parser hung the noun elsewhere: take the phrase right after the preposition
            for after_prep in sentence.tokens[token.index + 1 :]:
                if after_prep.pos in ("N", "SPEC", "VNW"):
                    return [after_prep]
                if after_prep.pos not in ("LID", "ADJ", "TW"):
                    break
            return []
    return []


# Nouns that count what follows them: 'Duizenden betogers', 'Honderden Oekraïense militairen'.
QUANTITY_NOUNS = frozenset({"honderd", "duizend", "tienduizend", "honderdduizend", "miljoen",
                            "tiental", "honderdtal", "duizendtal", "dozijn", "aantal", "groep",
                            "massa", "reeks", "handvol", "schare", "stroom", "menigte"})


# Nouns naming a part of what their van-phrase names: 'Eenheden van de RSF', 'leden van de
# oppositie'.
PARTITIVE_NOUNS = frozenset({"eenheid", "lid", "deel", "afdeling", "detachement", "troep",
                             "strijder", "vertegenwoordiger", "afgevaardigde"})


def counted_noun(sentence: Sentence, token: Token) -> Token | None:
    """The noun a quantity noun counts, which Frog makes its dependent or its sibling
    ('Duizenden betogers'), or the group a partitive noun is part of ('Eenheden van de RSF')."""
    lemma = token.lemma.lower()
    if token.pos != "N" or lemma not in QUANTITY_NOUNS | PARTITIVE_NOUNS:
        return None
    partitive = lemma not in QUANTITY_NOUNS
    following = sentence.tokens[token.index + 1 : token.index + 5]
    if partitive and (not following or following[0].lemma.lower() != "van"):
        return None
    for after in following:
        if after.pos == "N" or (after.pos == "SPEC" and partitive):
            return after
        if after.pos not in ("ADJ", "TW", "LID") and after.lemma.lower() != "van":
            return None
    return None


def clause_span(sentence: Sentence, chain: list[Token]) -> list[Token]:
    """The tokens around the verb chain up to a clause break or another finite verb."""
    if not chain:
        return []
    own = {v.index for v in chain}
    lowest, highest = min(own), max(own)
    span = list(sentence.tokens[lowest : highest + 1])
    for step, edge in ((-1, lowest), (1, highest)):
        index = edge + step
        while 0 <= index < len(sentence.tokens):
            token = sentence.tokens[index]
            if token.text in _BREAKS or (token.is_finite and token.index not in own) or (
                    token.pos == "VG" and "onder" in token.features):
                break
            span.append(token)
            index += step
    return span


def bare_nouns_in_clause(sentence: Sentence, chain: list[Token]) -> list[Token]:
    """Nouns in the stretch of text around the verb chain up to a clause break or another
    finite verb, leaving out those inside a prepositional phrase."""
    own = {v.index for v in chain}
    lowest, highest = min(own), max(own)
    span = [t for t in sentence.tokens[lowest + 1 : highest] if t.index not in own]
    for step, edge in ((-1, lowest), (1, highest)):
        index = edge + step
        while 0 <= index < len(sentence.tokens):
            token = sentence.tokens[index]
            if token.text in _BREAKS or (token.is_finite and token.index not in own):
                break
            span.append(token)
            index += step
    span.sort(key=lambda t: t.index)
    nouns = []
    for token in span:
        if token.pos != "N":
            continue
        opener = token.index - 1
        while opener >= 0 and sentence.tokens[opener].pos in ("LID", "ADJ", "TW", "VNW"):
            opener -= 1
        if opener < 0 or sentence.tokens[opener].pos != "VZ":
            nouns.append(token)
    return nouns


def shared_objects(sentence: Sentence, verb: Token) -> list[Token]:
    """'toen hij 33 Russen arresteerde en beschuldigde': in a verb-final clause an object before
    both coordinated verbs belongs to each of them."""
    for sibling in coordinated_verbs(sentence, verb):
        before = [t for t in sentence.children(sibling.index)
                  if t.deprel == "obj1" and t.index < min(sibling.index, verb.index)]
        if before:
            return before
    return []


def coordinated_verbs(sentence: Sentence, verb: Token) -> list[Token]:
    """The verbs coordinated with `verb`: the one right before 'en' or 'of' ('arresteerde en
    beschuldigde', however the parser attached it) first, then its conjunct siblings."""
    found = []
    if verb.index >= 2:
        conjunction, before = sentence.tokens[verb.index - 2 : verb.index][::-1]
        if conjunction.pos == "VG" and conjunction.lemma in ("en", "of") and before.is_verb:
            found.append(before)
    if verb.deprel == "cnj" and verb.head is not None:
        found.extend(t for t in sentence.children(verb.head)
                     if t.index != verb.index and t.deprel == "cnj" and t.is_verb
                     and t not in found)
    return found


def coordinated_subjects(
    sentence: Sentence, verb: Token, is_actor: Callable[[Token], bool] = lambda t: False
) -> list[Token]:
    """'Russische militairen annexeerden de Krim en ontketenden een oorlog': the subject hangs
    under the first conjunct only; give it to the others."""
    for sibling in coordinated_verbs(sentence, verb):
        # the sibling's subject as repaired, not Frog's: 'Rusland viel Oekraïne aan en ...'
        subject, _ = subject_and_objects(sentence, [sibling], is_actor, depth=1)
        if subject is not None:
            return [subject]
    return []


def prepositional(sentence: Sentence, heads: list[Token], preposition: str) -> list[Token]:
    """Noun phrases of a prepositional phrase with that preposition under any of `heads`."""
    found = []
    for head in heads:
        for prep in sentence.children(head.index):
            if prep.lemma == preposition and prep.deprel in ("pc", "mod", "ld", "obj2", "predc"):
                found.extend(t for t in sentence.children(prep.index) if t.deprel == "obj1")
    return found


def beneficiary_of_objects(sentence: Sentence, heads: list[Token]) -> list[Token]:
    """Whom the resource in the object is for, where the parser hung the voor-phrase on the
    object ('de steun voor de boeren') or on its relative clause ('energiesubsidies die van
    groot belang zijn voor de Belarussische economie')."""
    below = _children_of(sentence, heads)
    objects = [t for t in below if t.deprel == "obj1"]
    objects += [t for prep in below if prep.deprel == "pc"
                for t in sentence.children(prep.index) if t.deprel == "obj1"]
    found: list[Token] = []
    for noun in objects:
        found += prepositional(sentence, [noun], "voor")
        for relative in sentence.children(noun.index):
            if relative.deprel == "mod" and relative.pos == "VNW":
                found += prepositional(sentence, [t for t in sentence.children(relative.index)
                                                  if t.deprel == "body"], "voor")
    return found


def _children_of(sentence: Sentence, heads: list[Token]) -> list[Token]:
    return [c for head in heads for c in sentence.children(head.index)]


def phrase_members(sentence: Sentence, token: Token) -> list[Token]:
    """A noun phrase and its coordinated or appositive members ('Moskou en Minsk')."""
    members = [token]
    frontier = [token]
    while frontier:
        current = frontier.pop()
        for child in sentence.children(current.index):
            if child.deprel in _NP_LINKS and child not in members:
                members.append(child)
                frontier.append(child)
    if token.lemma in ("en", "of") and token.pos == "VG":
        members.remove(token)
    return members


_VOWELS = "aeiou"


def past_plural_lemmas(token: Token) -> list[str]:
    """Infinitives a past plural Frog left unlemmatized may have ('veroordeelden',
    'annexeerden', 'openden', 'verkrachtten'), most likely first: the stem with a long vowel
    written single again, and -s/-f voiced to -z/-v ('reisden' -> 'reizen')."""
    text = token.text.lower()
    if not token.is_verb or token.lemma.lower() != text or not text.endswith(("den", "ten")):
        return []
    stem = text[:-3]
    if len(stem) < 3:
        return []
    stems = [stem]
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _VOWELS and stem[-1] not in _VOWELS:
        stems.insert(0, stem[:-2] + stem[-1])  # veroordeel -> veroordel
    voiced = [s[:-1] + {"s": "z", "f": "v"}[s[-1]] for s in stems if s[-1] in "sf"]
    return [s + "en" for s in voiced + stems]


def separable_lemma(sentence: Sentence, verb: Token) -> str | None:
    """'belde ... op' -> 'opbellen'; 'gaf opdracht Oekraïne binnen te vallen' -> 'binnenvallen',
    where Frog hung the particle of the te-infinitive on the verb above it."""
    for child in sentence.children(verb.index):
        if child.deprel == "svp" and child.pos in ("VZ", "BW", "ADJ", "N"):
            return child.lemma.lower() + verb.lemma.lower()
    if verb.index >= 2 and "inf" in verb.features and \
            sentence.tokens[verb.index - 1].lemma.lower() == "te":
        particle = sentence.tokens[verb.index - 2]
        if particle.pos in ("VZ", "BW") and particle.lemma.lower() in PARTICLES and not any(
                c.deprel == "obj1" for c in sentence.children(particle.index)):
            return particle.lemma.lower() + verb.lemma.lower()
    return None


# Words that are the separable part of a verb ('belde op', 'viel aan', 'stemde in').
PARTICLES = frozenset({"aan", "af", "bekend", "bij", "binnen", "door", "in", "mee", "neer", "op",
                       "over", "samen", "terug", "toe", "uit", "vast", "voor", "vrij", "weg"})


_ADJ_PARTICLES = frozenset({"vrij", "vast", "bekend"})


def loose_particle(sentence: Sentence, verb: Token) -> Token | None:
    """'Daar spraken hij en Medvedev een plan af', 'stemden Kurti en Vučić in Brussel nog in
    met', 'maakten drie miljard dollar aan steun vrij': a main-clause verb's particle the parser
    did not label `svp`. It is the last particle-like preposition (or predicative 'vrij',
    'vast') without an object of its own before the clause ends."""
    if not verb.is_finite or (verb.head is not None and verb.deprel not in ("ROOT", "cnj")):
        return None
    found = None
    for token in sentence.tokens[verb.index + 1 :]:
        if token.text in _BREAKS or token.is_finite or (
                token.pos == "VG" and "onder" in token.features):
            break
        following = sentence.tokens[token.index + 1] if token.index + 1 < len(sentence.tokens) \
            else None
        if following is not None and following.lemma.lower() == "te":
            break  # the particle of a te-infinitive ('om Oekraïne aan te vallen')
        particle_like = token.pos == "VZ" or (token.pos == "ADJ" and "vrij" in token.features
                                              and token.lemma.lower() in _ADJ_PARTICLES)
        if particle_like and token.lemma.lower() in PARTICLES and token.deprel != "svp" \
                and not any(c.deprel == "obj1" for c in sentence.children(token.index)):
            found = token
    return found


def clause_lemmas(sentence: Sentence, head: Token) -> set[str]:
    return {form for t in sentence.subtree(head.index) for form in lemma_forms(t)}


def lemma_forms(token: Token) -> set[str]:
    """The lemma, and for a separable verb written as one word in a verb-final clause
    ('dat Rusland zijn troepen terugtrekt') also its particle and its verb, as the expression
    words of a main clause ('trekken terug') name them."""
    lemma = token.lemma.lower()
    if token.is_verb:
        for particle in PARTICLES:
            if lemma.startswith(particle) and len(lemma) - len(particle) >= 4:
                return {lemma, particle, lemma[len(particle):]}
    return {lemma}


def expression_span(sentence: Sentence, chain: list[Token]) -> list[Token]:
    """The verb's clause by word order, and the dat-clause that follows it ('maakte bekend dat
    de missies uit het land vertrekken') up to the next break."""
    span = clause_span(sentence, chain)
    if not span:
        return span
    end = max(t.index for t in span) + 1
    if end < len(sentence.tokens) and sentence.tokens[end].lemma.lower() == "dat" and \
            sentence.tokens[end].pos == "VG":
        for token in sentence.tokens[end:]:
            if token.text in (",", ";", ":", "(", ")"):
                break
            span.append(token)
    return span
