"""Which tagged sentences are worth Frog's dependency parser.

The parser is most of Frog's cost, and most sentences of a news article code no event. An event
needs a trigger (a verb or noun lemma of the pattern dictionary) and an actor mention in the
same sentence, so a sentence without both cannot code one: it keeps its tags and skips the
parse. The test is a superset of what the actor stage and the coder find (any knowledge-base
name, role noun, person or organisation Frog found, or person pronoun; any particle that could
make a separable trigger; a trigger only where the words its patterns require occur in the
sentence), so selection never costs an event.

The parse also decides one thing outside events: the country of a group mention through its
dependents ('inwoners van Minsk', "Loekasjenko's veiligheidsdiensten"). A sentence where that
can happen is parsed too, so mentions do not change either.
"""

from __future__ import annotations

from dataclasses import dataclass

from kroniek.coder.clause import lemma_forms, past_plural_lemmas
from kroniek.coder.patterns import Pattern, PatternDictionary, lemma_matches
from kroniek.kb import KnowledgeBase, strip_possessive
from kroniek.model import Sentence, Token
from kroniek.stages.actors import PRONOUNS

# Parts of speech the coder accepts as a separable particle (coder/clause.py separable_lemma).
_PARTICLE_POS = frozenset({"VZ", "BW", "ADJ", "N"})
# Prepositions through which a group takes the country of a name ('betogers in Teheran').
_COUNTRY_PREPOSITIONS = frozenset({"van", "in", "uit"})
_TRAILING = ".,;:!?"
MAX_NAME_WORDS = 6  # the actor stage looks no further


@dataclass(frozen=True)
class Reasons:
    """What one sentence holds that matters for the choice, for tests and the benchmark."""

    trigger: bool
    actor: bool
    group_country: bool

    @property
    def parse(self) -> bool:
        return (self.trigger and self.actor) or self.group_country


class SentenceSelector:
    """Callable on a tagged sentence: True when it must be parsed."""

    def __init__(self, kb: KnowledgeBase, patterns: PatternDictionary) -> None:
        self.kb = kb
        self.max_words = min(kb.max_words, MAX_NAME_WORDS)
        self.patterns = patterns
        self.verbs = frozenset(p.lemma for p in patterns.patterns if p.kind == "verb")

    def __call__(self, sentence: Sentence) -> bool:
        return self.reasons(sentence).parse

    def reasons(self, sentence: Sentence) -> Reasons:
        tokens = sentence.tokens
        names = self._name_tokens(sentence)
        # Names Frog found that the knowledge base does not know become actors too.
        entities = {t.index for t in tokens
                    if t.pos == "SPEC" and t.ner in ("B-PER", "B-ORG")}
        role_nouns = [t.index for t in tokens if t.pos == "N" and
                      self.kb.role_noun(t.lemma, t.text) is not None and t.index not in names]
        actor = bool(names or role_nouns or entities) or any(
            t.pos == "VNW" and t.text.lower() in PRONOUNS for t in tokens
        )
        return Reasons(
            trigger=self._has_trigger(tokens),
            actor=actor,
            group_country=any(self._country_by_parse(tokens, n, names | entities)
                              for n in role_nouns),
        )

    def _has_trigger(self, tokens: tuple[Token, ...]) -> bool:
        # The words as the coder sees them: a one-word separable verb also gives its particle
        # and its verb, a past plural Frog left unlemmatized also its infinitives.
        lemmas = {form for t in tokens for form in lemma_forms(t)}
        lemmas.update(form for t in tokens for form in past_plural_lemmas(t))
        particles = [t.lemma.lower() for t in tokens if t.pos in _PARTICLE_POS]
        for token in tokens:
            lemma = token.lemma.lower()
            if token.pos == "WW":
                found = []
                for verb in (lemma, *past_plural_lemmas(token)):
                    found += [p for particle in particles if particle + verb in self.verbs
                              for p in self.patterns.candidates("verb", particle + verb)]
                    found += self.patterns.candidates("verb", verb)
            elif token.pos == "N":
                found = self.patterns.noun_candidates(lemma)
            else:
                continue
            if any(_may_fire(p, lemmas) for p in found):
                return True
        return False

    def _name_tokens(self, sentence: Sentence) -> set[int]:
        """Tokens inside any stretch the knowledge base knows, as the actor stage looks it up."""
        tokens = sentence.tokens
        text = sentence.text
        offset = sentence.start
        found: set[int] = set()
        for i in range(len(tokens)):
            for length in range(min(self.max_words, len(tokens) - i), 0, -1):
                end = tokens[i + length - 1].end
                while end > tokens[i].start and text[end - 1 - offset] in _TRAILING:
                    end -= 1
                surface = " ".join(text[tokens[i].start - offset : end - offset].split())
                if not surface[:1].isalnum():
                    continue
                if self.kb.lookup(surface) or self.kb.lookup(strip_possessive(surface)):
                    found.update(range(i, i + length))
                    break
        return found

    @staticmethod
    def _country_by_parse(tokens: tuple[Token, ...], noun: int, names: set[int]) -> bool:
        """Could the parse give this role noun a country: a name before it (a possessive), or
        a van/in/uit phrase after it with a name in it."""
        if any(n < noun for n in names):
            return True
        preposition = next((t.index for t in tokens[noun + 1 :]
                            if t.lemma.lower() in _COUNTRY_PREPOSITIONS), None)
        return preposition is not None and any(n > preposition for n in names)


def _may_fire(pattern: Pattern, lemmas: set[str]) -> bool:
    """False only when the sentence lacks a word the pattern needs: a word of its multi-word
    expression, or any word its constrained slots accept (matched as the coder matches them)."""
    if any(word not in lemmas for word in pattern.extra):
        return False
    return all(
        any(lemma_matches(lemma, c.lemmas) for lemma in lemmas)
        for c in pattern.requires
        if c.lemmas and not c.negated and not c.actor
    )
