"""The Frog adapter on the real Frog process."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kroniek.adapters.frog import FrogBackend, SelectiveFrogBackend, blocks_of
from kroniek.errors import BackendError, BackendMissing
from kroniek.pipeline import Pipeline, build_pipeline
from tests.conftest import EXAMPLES, article

PARAGRAPH = (
    "Russische militairen annexeerden in 2014 de Krim. "
    "Volgens Poetin was er toen externe druk vanuit Brussel."
)


def test_frog_tokens_lemmas_entities_and_dependencies(frog: FrogBackend) -> None:
    a = article(PARAGRAPH)
    first, second = frog.analyse(a)
    words = [t.text for t in first.tokens]
    assert words == ["Russische", "militairen", "annexeerden", "in", "2014", "de", "Krim", "."]
    by_word = {t.text: t for t in first.tokens}
    assert by_word["militairen"].lemma == "militair"
    assert by_word["annexeerden"].lemma == "annexeren"
    assert by_word["annexeerden"].features[:2] == ("pv", "verl")
    assert by_word["militairen"].deprel == "su"
    assert first.tokens[by_word["militairen"].head].text == "annexeerden"
    assert by_word["Krim"].ner == "B-LOC"
    assert any(t.text == "Poetin" and t.ner == "B-PER" for t in second.tokens)
    assert all(a.text[t.start : t.end] == t.text for s in (first, second) for t in s.tokens)


def test_frog_headline_without_full_stop_is_its_own_sentence(frog: FrogBackend) -> None:
    sentences = frog.analyse(article("Poetin belt Loekasjenko\n\nHet gesprek duurde kort."))
    assert [s.text for s in sentences] == ["Poetin belt Loekasjenko", "Het gesprek duurde kort."]


def test_frog_multiword_name_keeps_offsets(frog: FrogBackend) -> None:
    a = article("Aleksandr Loekasjenko werd uitgejouwd.")
    (sentence,) = frog.analyse(a)
    assert [(t.text, a.text[t.start : t.end]) for t in sentence.tokens[:2]] == [
        ("Aleksandr", "Aleksandr"), ("Loekasjenko", "Loekasjenko")]


def test_frog_missing_program_names_the_debian_packages() -> None:
    with pytest.raises(BackendMissing, match="apt-get install frog frogdata"):
        FrogBackend(executable="frog-that-does-not-exist").start()


def test_frog_crash_restarts_frog_and_retries_the_article() -> None:
    backend = FrogBackend()
    try:
        backend.start()
        first = backend.pid
        assert first is not None
        os.killpg(first, signal.SIGKILL)
        (sentence,) = backend.analyse(article("Poetin belde Loekasjenko op."))
        assert sentence.tokens[0].text == "Poetin"
        assert backend.restarts == 1 and backend.pid not in (None, first)
    finally:
        backend.close()


def test_frog_timeout_is_a_backend_error() -> None:
    backend = FrogBackend(timeout=0.01)
    try:
        long_text = " ".join(["De regering in Minsk weigerde opnieuw te praten."] * 200)
        with pytest.raises(BackendError, match="did not answer"):
            backend.analyse(article(long_text))
        assert backend.restarts == 2  # tried, restarted, retried once, then given up
        assert backend.pid is None  # killed, to be restarted on the next document
    finally:
        backend.close()


def test_frog_runs_one_thread_so_workers_do_not_compete(frog: FrogBackend) -> None:
    assert frog.pid is not None
    environment = Path(f"/proc/{frog.pid}/environ").read_bytes().split(b"\0")
    assert b"OMP_NUM_THREADS=1" in environment


def test_selective_backend_parses_event_sentences_and_tags_the_rest(
    selective_frog: SelectiveFrogBackend,
) -> None:
    a = article("Poetin was die dag in Sotsji. Rusland stuurde militairen naar Belarus.")
    quiet, event = selective_frog.analyse(a)
    assert not quiet.parsed and event.parsed
    assert all(t.deprel == "" and t.head is None for t in quiet.tokens)
    by_word = {t.text: t for t in event.tokens}
    assert by_word["Rusland"].deprel == "su"
    assert event.tokens[by_word["Rusland"].head].text == "stuurde"


def test_unparsed_sentence_keeps_tokens_lemmas_tags_and_entities(
    selective_frog: SelectiveFrogBackend, frog: FrogBackend
) -> None:
    a = article("Aleksandr Loekasjenko was die dag in Sotsji.")
    (sentence,) = selective_frog.analyse(a)
    (full,) = frog.analyse(a)
    assert not sentence.parsed and full.parsed
    by_word = {t.text: t for t in sentence.tokens}
    assert by_word["was"].lemma == "zijn" and by_word["was"].pos == "WW"
    assert any(t.ner != "O" for t in sentence.tokens)
    # The tagger gives what the parsing Frog gives, less the parse.
    assert [(t.text, t.start, t.lemma, t.pos, t.features, t.ner) for t in sentence.tokens] == [
        (t.text, t.start, t.lemma, t.pos, t.features, t.ner) for t in full.tokens]


def test_parsed_sentence_keeps_the_entities_the_tagger_found(
    selective_frog: SelectiveFrogBackend, frog: FrogBackend
) -> None:
    # The parsing Frog runs without NER; the entities come from the first pass.
    a = article("Aleksandr Loekasjenko liet demonstranten in Minsk arresteren.")
    (sentence,) = selective_frog.analyse(a)
    (full,) = frog.analyse(a)
    assert sentence.parsed
    assert [(t.text, t.ner, t.head, t.deprel) for t in sentence.tokens] == [
        (t.text, t.ner, t.head, t.deprel) for t in full.tokens]
    assert any(t.ner.endswith("PER") for t in sentence.tokens)


def test_selective_backend_recovers_when_its_tagger_is_killed() -> None:
    backend = SelectiveFrogBackend(lambda sentence: True)
    try:
        backend.start()
        assert backend.tagger.pid is not None
        os.killpg(backend.tagger.pid, signal.SIGKILL)
        a = article("Poetin belde Loekasjenko op. Rusland stuurde militairen naar Belarus.")
        first, second = backend.analyse(a)
        assert first.parsed and second.parsed
        assert backend.tagger.restarts == 1
    finally:
        backend.close()


def test_selection_keeps_the_events_of_parsed_sentences(
    selective_frog: SelectiveFrogBackend, pipeline: Pipeline
) -> None:
    a = article("Het regende in Minsk. Poetin belde zaterdag zijn collega Loekasjenko op.")
    doc = build_pipeline(selective_frog)(a)
    full = pipeline(a)
    assert [(e.type, e.source and e.source.actor.id, e.target and e.target.actor.id)
            for e in doc.events] == [
        (e.type, e.source and e.source.actor.id, e.target and e.target.actor.id)
        for e in full.events]
    assert [e.type for e in doc.events] == ["CONSULT"]
    assert [s.parsed for s in doc.sentences] == [False, True]


def test_long_paragraph_is_cut_at_sentence_ends_under_the_block_limit() -> None:
    sentence = "De regering in Minsk weigerde opnieuw te praten met de oppositie. "
    a = article(sentence * 500)  # one 5,500-word paragraph
    blocks = blocks_of(a, max_words=400)
    assert len(blocks) > 1
    assert all(len(a.text[b.start : b.end].split()) <= 400 for b in blocks)
    assert all(a.text[b.start : b.end].rstrip().endswith("oppositie.") for b in blocks)
    assert "".join(a.text[b.start : b.end] for b in blocks).strip() == a.text.strip()


def _real_dutch_sentences() -> list[str]:
    """The sentences of the example corpus (written by the project), split at full stops."""
    found: list[str] = []
    for path in sorted((EXAMPLES / "corpus").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        found.extend(s.strip() + "." for s in body.replace("\n", " ").split(". ") if s.strip())
    return found


# Two minutes on a quiet 2-core machine; the limit only guards against a hang on a busy one.
@pytest.mark.timeout(3600)
def test_fifty_thousand_word_document_codes_with_frog_memory_bounded(
    selective_frog: SelectiveFrogBackend,
) -> None:
    sentences = _real_dutch_sentences()
    words: list[str] = []
    paragraphs: list[str] = []
    i = 0
    while len(words) < 50_000:
        # Paragraphs of 40 sentences, and one paragraph of 4,000 words on a single line.
        size = 40 if len(paragraphs) != 3 else 300
        paragraph = " ".join(sentences[(i + k) % len(sentences)] for k in range(size))
        i += size
        paragraphs.append(paragraph)
        words.extend(paragraph.split())
    a = article("\n\n".join(paragraphs), date="2022-02-20")
    doc = build_pipeline(selective_frog)(a)
    assert len(doc.sentences) > 2_500
    assert doc.events
    assert any(s.parsed for s in doc.sentences) and not all(s.parsed for s in doc.sentences)
    # Each Frog answers one block at a time; its peak stays at the level of a short article.
    for backend in (selective_frog.tagger, selective_frog.parser):
        assert backend.peak_rss() < 3 * 2**30
