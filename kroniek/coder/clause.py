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
    return (verb.is_verb and "inf" in verb.features and verb.head is None
            and not any(t.is_finite for t in sentence.tokens))


def verb_chain(sentence: Sentence, verb: Token) -> list[Token]:
    """The verb and the auxiliaries, modals and control verbs above it, lowest first:
    'zou ... hebben ... gestuurd' gives [gestuurd, hebben, zou]."""
    chain = [verb]
    current = verb
    for _ in range(6):
        if current.deprel not in _DOWN or current.head is None:
            break
        parent = sentence.tokens[current.head]
        if parent.lemma in ("te", "om") and parent.head is not None:
            # 'weigerde te tekenen': te -> vc of weigerde
            parent = sentence.tokens[parent.head]
        if not parent.is_verb:
            break
        chain.append(parent)
        current = parent
    return chain


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
    if not subjects and depth == 0:
        subjects = coordinated_subjects(sentence, chain[-1], is_actor)
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
            agreeing = [s for s in subjects if s.is_plural == finite.is_plural]
            subject = (agreeing or subjects)[0]
        objects = [s for s in subjects if s is not subject] + objects
        subjects = [subject]
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
    phrase = sentence.tokens[start : finite.index]
    if not phrase or phrase[0].pos == "VZ" or any(t.pos in ("VZ", "BW") for t in phrase):
        return None
    # 'Loekasjenko's veiligheidsdiensten': the possessor is not the subject, its noun is.
    heads = [t for t in phrase if t.pos in ("N", "SPEC") and is_actor(t) and not _possessor(t)]
    return heads[0] if heads else None


def _possessor(token: Token) -> bool:
    return token.deprel == "det" or token.text.endswith(("'s", "’s"))


def inverted_subject(
    sentence: Sentence, chain: list[Token], is_actor: Callable[[Token], bool]
) -> Token | None:
    """'In Ruslands Verre Oosten demonstreren tienduizenden inwoners': a clause that opens with
    an adverbial puts the subject right after the finite verb."""
    finite = next((v for v in reversed(chain) if acts_finite(sentence, v)), None)
    if finite is None or finite.index == 0 or sentence.tokens[0].pos not in ("VZ", "BW"):
        return None
    for token in sentence.tokens[finite.index + 1 :]:
        if token.text in _BREAKS or token.pos == "VZ" or token.is_finite:
            return None
        if token.pos in ("N", "SPEC", "VNW") and is_actor(token):
            return token
    return None


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


def separable_lemma(sentence: Sentence, verb: Token) -> str | None:
    """'belde ... op' -> 'opbellen'."""
    for child in sentence.children(verb.index):
        if child.deprel == "svp" and child.pos in ("VZ", "BW", "ADJ", "N"):
            return child.lemma.lower() + verb.lemma.lower()
    return None


def clause_lemmas(sentence: Sentence, head: Token) -> set[str]:
    return {t.lemma.lower() for t in sentence.subtree(head.index)}
