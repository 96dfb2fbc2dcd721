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


def kb_folder_with_a_new_minister(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the packaged knowledge base with one person it does not know (Marit
    Bakhuis, Dutch foreign minister from 2026), and an article that names her."""
    kb = tmp_path / "kb"
    kb.mkdir()
    for path in (ROOT / "kroniek" / "data" / "actors").glob("*.tsv"):
        (kb / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (kb / "people.tsv").open("a", encoding="utf-8") as people:
        people.write("marit-bakhuis\tMarit Bakhuis\tBakhuis\ta test entry\n")
    with (kb / "roles.tsv").open("a", encoding="utf-8") as roles:
        roles.write("marit-bakhuis\tNLD\tGOV\tforeign_minister\tminister van Buitenlandse "
                    "Zaken\t2026-01-01\t\n")
    text = tmp_path / "bezoek.txt"
    text.write_text("date 2026-11-20\n\nMarit Bakhuis belde dinsdag de Poolse regering op.\n",
                    encoding="utf-8")
    return kb, text


def article(text: str, date: str = "2020-08-20", article_id: str = "test") -> Article:
    return parse_txt(f"date {date}\n\n{text}", article_id, "<test>")


@pytest.fixture(scope="session")
def code(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Code one Dutch text with the real pipeline: code('Poetin belde ...')."""

    def run(text: str, date: str = "2020-08-20") -> Doc:
        return pipeline(article(text, date))

    return run
