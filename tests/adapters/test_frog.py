"""The Frog adapter on the real Frog process."""

from __future__ import annotations

import os
import signal

import pytest

from kroniek.adapters.frog import FrogBackend
from kroniek.errors import BackendError, BackendMissing
from tests.conftest import article

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
