"""Shared fixtures. Frog is real: one process per test session, started on first use."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kroniek.adapters.frog import FrogBackend, SelectiveFrogBackend
from kroniek.coder import default_patterns
from kroniek.kb import default_kb
from kroniek.model import Article, Doc
from kroniek.pipeline import Pipeline, build_pipeline
from kroniek.selection import SentenceSelector
from kroniek.stages.ingest import parse_txt

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "belarus-2020-08.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def frog() -> Iterator[FrogBackend]:
    if shutil.which("frog") is None:
        pytest.fail("Frog is not installed: apt-get install frog frogdata (make test does this)")
    backend = FrogBackend()
    backend.start()
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def selective_frog() -> Iterator[SelectiveFrogBackend]:
    """The default backend of a run: a tagging Frog for all sentences, a parsing Frog for the
    sentences that can code an event."""
    backend = SelectiveFrogBackend(SentenceSelector(default_kb(), default_patterns()))
    backend.start()
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def pipeline(frog: FrogBackend) -> Pipeline:
    return build_pipeline(frog)


def article(text: str, date: str = "2020-08-20", article_id: str = "test") -> Article:
    return parse_txt(f"date {date}\n\n{text}", article_id, "<test>")


@pytest.fixture(scope="session")
def code(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Code one Dutch text with the real pipeline: code('Poetin belde ...')."""

    def run(text: str, date: str = "2020-08-20") -> Doc:
        return pipeline(article(text, date))

    return run
