"""Factuality: did the event happen (asserted), might it (hypothetical), or did it not (negated).

PLOVER names these auxiliary modes; kroniek decides them from the words around the trigger.
"""

from __future__ import annotations

from kroniek.coder.clause import dependents
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
                            "beweren", "claimen", "suggereren", "speculeren", "waarschuwen"})
CONDITIONALS = frozenset({"als", "indien", "tenzij", "mits", "wanneer", "zodra"})


def _negated_phrase(sentence: Sentence, head: Token) -> bool:
    return any(c.lemma.lower() in ("geen", "niet") for c in sentence.children(head.index))


def factuality(sentence: Sentence, chain: list[Token], trigger: Token, is_noun: bool) -> str:
    """`chain` is the trigger verb with its auxiliaries (for a noun: the governing verb's)."""
    negated = any(t.lemma.lower() in NEGATORS for t in dependents(sentence, chain, {"mod", "det"}))
    if is_noun and _negated_phrase(sentence, trigger):
        negated = True  # 'geen steun', 'niet over een garantie op steun'
    if any(v.lemma in NEGATING_VERBS for v in chain[1:]):
        negated = True
    if negated:
        return "negated"
    if any(_is_modal(v) for v in chain[1:]):
        return "hypothetical"
    governing = _governing_finite(sentence, chain[-1]) if chain else None
    if governing is not None and _is_modal(governing):
        return "hypothetical"
    if chain and (_under_irrealis(sentence, chain[-1]) or _conditional(sentence, chain[-1])):
        return "hypothetical"
    if sentence.text.rstrip().endswith("?"):
        return "hypothetical"
    return "asserted"


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
        current = sentence.tokens[current.head]
        if current.is_finite:
            return current
        if current.pos == "VG":
            return None
    return None


def _under_irrealis(sentence: Sentence, top: Token) -> bool:
    """The clause hangs (via a complementizer) under a verb of wanting, fearing, demanding."""
    current = top
    for _ in range(6):
        if current.head is None:
            return False
        parent = sentence.tokens[current.head]
        if parent.is_verb and parent.lemma in IRREALIS_VERBS:
            return True
        if parent.is_verb and parent.index != top.index and current.deprel not in (
            "body", "vc", "obj1", "cmp"
        ):
            return False
        current = parent
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
    if top.head is None:
        earlier = [t for t in sentence.tokens[: top.index]
                   if t.lemma.lower() in CONDITIONALS and t.pos == "VG"]
        finite_between = earlier and any(
            t.is_finite and t.head is None for t in sentence.tokens[earlier[-1].index + 1:top.index]
        )
        return bool(earlier) and not finite_between
    return False
