"""Factuality: did the event happen (asserted), might it (hypothetical), or did it not (negated).

PLOVER names these auxiliary modes; kroniek decides them from the words around the trigger.
"""

from __future__ import annotations

from kroniek.coder.clause import dependents, loose_particle, separable_lemma
from kroniek.model import Sentence, Token

NEGATORS = frozenset({"niet", "nooit", "geen", "niets", "allerminst", "nergens"})
# Modal and future auxiliaries: 'kan', 'zou', 'wil', 'moet', 'zal', 'gaat'.
MODALS = frozenset({"kunnen", "zullen", "willen", "moeten", "mogen", "gaan", "hoeven",
                    "dreigen", "overwegen", "beloven", "proberen", "plannen", "trachten"})
# Frog's lemmatizer misses some modal forms ('wilden' -> 'wilde'), so the forms count too.
MODAL_FORMS = frozenset({"kan", "kun", "kunt", "kunnen", "kon", "konden", "zal", "zult",
                         "zullen", "zou", "zouden", "wil", "wilt", "willen", "wilde", "wilden",
                         "moet", "moeten", "moest", "moesten", "mag", "mogen", "mocht", "mochten",
                         "gaat", "gaan"})
# A clause under these is negated: 'weigerde te tekenen'.
NEGATING_VERBS = frozenset({"weigeren", "afzien", "nalaten", "ontkennen", "verbieden"})
# A clause under these is wanted, feared or demanded, not done: 'eist dat', 'vreest dat'.
IRREALIS_VERBS = frozenset({"eisen", "vrezen", "willen", "vragen", "hopen", "verwachten",
                            "dreigen", "overwegen", "plannen", "verzoeken", "wensen", "oproepen",
                            "beweren", "claimen", "suggereren", "speculeren", "waarschuwen",
                            "beloven", "toezeggen"})
CONDITIONALS = frozenset({"als", "indien", "tenzij", "mits", "wanneer", "zodra"})


def _negated_phrase(sentence: Sentence, head: Token) -> bool:
    return any(c.lemma.lower() in ("geen", "niet") for c in sentence.children(head.index))


# A clause under these is said not to have happened.
DENYING_VERBS = frozenset({"ontkennen", "tegenspreken", "weerspreken"})


def factuality(sentence: Sentence, chain: list[Token], trigger: Token, is_noun: bool) -> str:
    """`chain` is the trigger verb with its auxiliaries (for a noun: the governing verb's)."""
    negated = any(t.lemma.lower() in NEGATORS and not _in_later_clause(sentence, chain, t)
                  for t in dependents(sentence, chain, {"mod", "det"}))
    if is_noun and _negated_phrase(sentence, trigger):
        negated = True  # 'geen steun', 'niet over een garantie op steun'
    if any(v.lemma in NEGATING_VERBS for v in chain[1:]):
        negated = True
    if not is_noun and any(
        c.lemma.lower() == "geen" and not _in_later_clause(sentence, chain, c)
        for o in dependents(sentence, chain, {"obj1", "obj2"})
        for c in sentence.children(o.index)
    ):
        negated = True  # 'leverde Oekraïne geen wapens'
    if chain and (_under_verb(sentence, chain[-1], DENYING_VERBS)
                  or _complement_of(sentence, chain) in DENYING_VERBS):
        negated = True  # 'ontkent dat Rusland burgers heeft aangevallen'

    if chain and _clause_final_negation(sentence, chain):
        negated = True
    if negated:
        return "negated"
    if any(_is_modal(v) for v in chain[1:]):
        return "hypothetical"
    if any(_joined_lemma(sentence, v) in IRREALIS_VERBS for v in chain[1:]):
        return "hypothetical"  # 'zegde toe politieke gevangenen vrij te laten'
    governing = _governing_finite(sentence, chain[-1]) if chain else None
    if governing is not None and _is_modal(governing):
        return "hypothetical"
    if chain and len(chain) == 1 and _under_unattached(sentence, chain[0], IRREALIS_VERBS):
        return "hypothetical"
    if chain and _complement_of(sentence, chain) in IRREALIS_VERBS:
        return "hypothetical"
    if chain and (_under_verb(sentence, chain[-1], IRREALIS_VERBS)
                  or _conditional(sentence, chain[-1]) or _conditional_clause_follows(
                      sentence, chain)):
        return "hypothetical"
    if sentence.text.rstrip().endswith("?") or _counterfactual(sentence, chain):
        return "hypothetical"
    return "asserted"


COMPLEMENTIZERS = frozenset({"dat", "of", "omdat", "als", "toen", "nadat", "zodat", "terwijl",
                             "indien", "wanneer", "zodra"})
# Verbs of saying that may follow what they report: '..., waarschuwden de regeringsleiders.'
SAYING_VERBS = frozenset({"zeggen", "waarschuwen", "melden", "verklaren", "dreigen", "stellen",
                          "benadrukken", "zweren", "beloven", "schrijven", "twitteren"})


def _in_later_clause(sentence: Sentence, chain: list[Token], token: Token) -> bool:
    """'Hij dreigde dat Belarus ... niet langer zal tegenhouden': a word after a complementizer
    that follows the verb belongs to the clause it opens, wherever the parser hung it."""
    last = max(v.index for v in chain)
    return token.index > last and any(
        t.lemma.lower() in COMPLEMENTIZERS for t in sentence.tokens[last + 1 : token.index])


def _bare_noun_after(sentence: Sentence, token: Token) -> bool:
    """'als lid', 'als president': 'als' meaning 'as', not 'if'."""
    following = sentence.tokens[token.index + 1] if token.index + 1 < len(sentence.tokens) else None
    return following is not None and following.pos in ("N", "ADJ")


def _counterfactual(sentence: Sentence, chain: list[Token]) -> bool:
    """'Dan hadden ze wel met de officiële vlag gewapperd': a past perfect after 'dan' or
    'anders' says what would have happened, not what did."""
    first = sentence.tokens[0].lemma.lower() if sentence.tokens else ""
    return first in ("dan", "anders") and any(
        v.lemma in ("hebben", "zijn") and "verl" in v.features for v in chain[1:])


def _is_modal(verb: Token) -> bool:
    return verb.lemma in MODALS or verb.text.lower() in MODAL_FORMS


def _governing_finite(sentence: Sentence, top: Token) -> Token | None:
    """'Poetin kan besluiten ... te negeren', with 'besluiten' parsed as a noun: the finite
    verb a non-finite trigger hangs under, through whatever the parser put between."""
    if top.is_finite or not top.is_verb:
        return None
    current = top
    for _ in range(4):
        if current.head is None:
            return None
        came_from = current
        current = sentence.tokens[current.head]
        if current.is_finite:
            return current
        if current.pos == "VG":
            # 'kan ... verbieden en journalisten arresteren': a conjunct shares the modal
            if came_from.deprel != "cnj" or current.lemma.lower() not in ("en", "of"):
                return None
            sibling = next((c for c in sentence.children(current.index)
                            if c.deprel == "cnj" and c.is_verb and c.index != came_from.index),
                           None)
            if current.head is None and sibling is not None:
                current = sibling
    return None


def _under_verb(sentence: Sentence, top: Token, verbs: frozenset[str]) -> bool:
    """The clause hangs (via a complementizer) under one of `verbs`: wanting, fearing and
    demanding, or denying."""
    current = top
    for _ in range(6):
        if current.head is None:
            return False
        parent = sentence.tokens[current.head]
        if parent.is_verb and parent.lemma in verbs:
            return True
        if parent.is_verb and parent.index != top.index and current.deprel not in (
            "body", "vc", "obj1", "cmp"
        ):
            return False
        current = parent
    return False


def _complement_of(sentence: Sentence, chain: list[Token]) -> str | None:
    """'Polen eiste dinsdag dat Belarus de grens sluit', with 'dat' tagged a pronoun and 'sluit'
    made a second root: a clause-final verb after 'dat' is the complement of the finite verb
    before 'dat'. Returns that verb's lemma."""
    top = max(chain, key=lambda v: v.index)
    if top.head is not None or not any(v.is_finite for v in chain):
        return None
    following = sentence.tokens[top.index + 1] if top.index + 1 < len(sentence.tokens) else None
    if following is not None and following.pos != "LET":
        return None  # not verb-final, so no subordinate clause
    for index in range(min(v.index for v in chain) - 1, 0, -1):
        token = sentence.tokens[index]
        if token.is_finite or token.text in (",", ";", ":"):
            return None
        if token.lemma.lower() == "dat":
            before = index - 1
            while before >= 0 and (sentence.tokens[before].pos in ("BW", "ADJ") or
                                   sentence.tokens[before].lemma.lower() in _DAYS):
                before -= 1
            verb = sentence.tokens[before] if before >= 0 else None
            return verb.lemma if verb is not None and verb.is_finite else None
    return None


_DAYS = frozenset({"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                   "zondag", "gisteren", "vandaag", "eerder"})


def _joined_lemma(sentence: Sentence, verb: Token) -> str:
    """The verb's lemma with its separable particle, however the parser attached it."""
    joined = separable_lemma(sentence, verb)
    if joined is None:
        particle = loose_particle(sentence, verb)
        joined = particle.lemma.lower() + verb.lemma.lower() if particle is not None else None
    return joined or verb.lemma


def _clause_final_negation(sentence: Sentence, chain: list[Token]) -> bool:
    """'Servië erkent de onafhankelijkheid die Kosovo in 2008 uitriep nog altijd niet': a
    negation that ends a main clause negates its verb, wherever the parser hung it; the verb
    of a relative clause comes last in its clause, so the negation cannot be its own."""
    finite = next((v for v in chain if v.is_finite), None)
    if finite is None or finite.head is not None:
        return False
    words = [t for t in sentence.tokens if t.pos != "LET"]
    if not words or words[-1].lemma.lower() not in ("niet", "nooit") or \
            words[-1].index < finite.index:
        return False
    between = sentence.tokens[finite.index + 1 : words[-1].index]
    return not any(t.is_finite and t.head is None for t in between) and not any(
        t.text in (",", ";", ":") for t in between)


def _under_unattached(sentence: Sentence, verb: Token, verbs: frozenset[str]) -> bool:
    """'Ankara heeft Washington gevraagd Gülen uit te leveren', with the te-infinitive left
    unattached: the nearest verb before it in its clause is the one it depends on."""
    if verb.index < 1 or sentence.tokens[verb.index - 1].lemma.lower() != "te":
        return False
    for token in reversed(sentence.tokens[: verb.index - 1]):
        if token.text in (",", ";", ":") or (token.pos == "VG" and token.lemma != "en"):
            return False
        if token.is_verb:
            return token.lemma in verbs
    return False


def _conditional_clause_follows(sentence: Sentence, chain: list[Token]) -> bool:
    """'De EU legt Rusland sancties op als Moskou Oekraïne binnenvalt': a conditional clause
    after the main clause, up to the end of the sentence, makes the main clause hypothetical."""
    last = max(v.index for v in chain)
    finite = next((v for v in chain if v.is_finite), None)
    if finite is None or (finite.head is not None and finite.deprel not in ("ROOT", "cnj")):
        return False
    for token in sentence.tokens[last + 1 :]:
        if token.is_finite or token.text in (":", ";"):
            return False  # another clause comes first, or what follows is quoted content
        # Frog tags 'als' as a preposition as often as a conjunction; a finite verb after it,
        # with no other conjunction between, makes it a clause ('als Moskou Oekraïne
        # binnenvalt', not 'als extremistisch' or 'als lid totdat er ... is').
        if token.pos in ("VG", "VZ") and token.lemma.lower() in CONDITIONALS and not \
                _bare_noun_after(sentence, token):
            for after in sentence.tokens[token.index + 1 :]:
                if after.is_finite:
                    return True
                if after.pos == "VG" or after.text in (":", ";"):
                    return False
            return False
    return False


def _conditional(sentence: Sentence, top: Token) -> bool:
    """'als Belarus dat vraagt': the clause sits under als/indien, by the parse or, when Frog
    made the conditional a second root, by position."""
    current: Token | None = top
    for _ in range(6):
        if current is None or current.head is None:
            break
        parent = sentence.tokens[current.head]
        if parent.lemma.lower() in CONDITIONALS and parent.pos == "VG":
            return True
        current = parent
    before = sentence.tokens[top.index - 1] if top.index > 0 else None
    if before is not None and before.text == "," and top.lemma in SAYING_VERBS:
        return False  # the reporting verb after what it reports is not conditional itself
    if top.head is None:
        # A preposition 'als' ('Als president tekende hij') only counts before a verb that
        # ends its clause, as the verb of a conditional clause does.
        clause_final = top.index + 1 >= len(sentence.tokens) or sentence.tokens[
            top.index + 1].pos == "LET"
        earlier = [t for t in sentence.tokens[: top.index]
                   if t.lemma.lower() in CONDITIONALS and not _bare_noun_after(sentence, t) and (
                       t.pos == "VG" or (t.pos == "VZ" and clause_final))]
        finite_between = earlier and any(
            t.is_finite and t.head is None for t in sentence.tokens[earlier[-1].index + 1:top.index]
        )
        return bool(earlier) and not finite_between
    return False
