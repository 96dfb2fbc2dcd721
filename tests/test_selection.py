"""Selective parsing: which sentences the parser sees, and that coding does not change."""

from __future__ import annotations

from kroniek.adapters.frog import SelectiveFrogBackend
from kroniek.coder import default_patterns
from kroniek.kb import default_kb
from kroniek.model import Event, Sentence, Token
from kroniek.pipeline import Pipeline, build_pipeline
from kroniek.selection import SentenceSelector
from kroniek.stages.ingest import parse_txt
from tests.conftest import SEED, article


def _tagged(selective_frog: SelectiveFrogBackend, text: str) -> Sentence:
    (sentence,) = selective_frog.tagger.analyse(article(text))
    return sentence


def _selector() -> SentenceSelector:
    return SentenceSelector(default_kb(), default_patterns())


def test_sentence_with_trigger_and_actor_is_parsed(selective_frog: SelectiveFrogBackend) -> None:
    sentence = _tagged(selective_frog, "Rusland stuurde militairen naar Belarus.")
    reasons = _selector().reasons(sentence)
    assert reasons.trigger and reasons.actor and reasons.parse


def test_separable_particle_makes_the_trigger(selective_frog: SelectiveFrogBackend) -> None:
    # 'belde' alone is no trigger; 'op' + 'bellen' is (opbellen).
    sentence = _tagged(selective_frog, "Poetin belde zaterdag zijn collega Loekasjenko op.")
    assert _selector().reasons(sentence).trigger


def test_sentence_without_trigger_is_not_parsed(selective_frog: SelectiveFrogBackend) -> None:
    reasons = _selector().reasons(_tagged(selective_frog, "Poetin was die dag in Sotsji."))
    assert reasons.actor and not reasons.trigger and not reasons.parse


def test_sentence_without_actor_is_not_parsed(selective_frog: SelectiveFrogBackend) -> None:
    reasons = _selector().reasons(_tagged(selective_frog, "Het regende de hele dag."))
    assert not reasons.actor and not reasons.parse


def test_constrained_trigger_needs_its_words(selective_frog: SelectiveFrogBackend) -> None:
    # coerce.inperken wants its object to be a freedom or right; 'de kosten' is neither.
    selector = _selector()
    cut = _tagged(selective_frog, "De regering wil de kosten inperken.")
    rights = _tagged(selective_frog, "De regering wil de persvrijheid inperken.")
    assert not selector.reasons(cut).trigger
    assert selector.reasons(rights).trigger


def test_group_with_a_van_phrase_is_parsed_for_its_country(
    selective_frog: SelectiveFrogBackend,
) -> None:
    # The parse gives 'inwoners' the country of Minsk, even without an event.
    reasons = _selector().reasons(_tagged(selective_frog, "De inwoners van Minsk waren moe."))
    assert reasons.group_country and reasons.parse


def _events(events: tuple[Event, ...]) -> list[tuple[object, ...]]:
    return sorted(
        (e.sentence, e.type, e.mode, e.trigger_start, e.source and e.source.actor.id,
         e.target and e.target.actor.id, e.factuality, e.rule)
        for e in events
    )


def test_seed_article_codes_the_same_events_with_selection_on_and_off(
    pipeline: Pipeline, selective_frog: SelectiveFrogBackend
) -> None:
    seed = parse_txt(SEED.read_text(encoding="utf-8"), "seed", str(SEED))
    full = pipeline(seed)
    selective = build_pipeline(selective_frog)(seed)
    assert full.events
    assert _events(selective.events) == _events(full.events)
    assert [(m.start, m.end, m.actor.id, m.actor.country) for m in selective.mentions] == [
        (m.start, m.end, m.actor.id, m.actor.country) for m in full.mentions]
    parsed = sum(s.parsed for s in selective.sentences)
    assert 0 < parsed < len(selective.sentences)


def _sentence(*words: tuple[str, str, str, tuple[str, ...]]) -> Sentence:
    """A tagged sentence as the tagging Frog gives it: (word, lemma, POS, features)."""
    tokens, start = [], 0
    for index, (word, lemma, pos, features) in enumerate(words):
        tokens.append(Token(index, word, start, start + len(word), lemma, pos, features))
        start += len(word) + 1
    text = " ".join(w[0] for w in words)
    return Sentence(index=0, start=0, end=len(text), text=text, tokens=tuple(tokens),
                    parsed=False)


def test_past_plural_the_tagger_left_unlemmatized_is_a_trigger() -> None:
    # Frog sometimes keeps 'openden' as its own lemma; the coder reads it as 'openen'.
    sentence = _sentence(("Agenten", "agent", "N", ("soort", "mv")),
                         ("openden", "openden", "WW", ("pv", "verl", "mv")),
                         ("het", "het", "LID", ()), ("vuur", "vuur", "N", ("soort", "ev")),
                         (".", ".", "LET", ()))
    assert _selector().reasons(sentence).parse

