"""A store holding the example corpus, coded once per test session by a real `kroniek run`
(real Frog, real DuckDB file), for the web API, the dashboard and the export tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kroniek.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_CORPUS = ROOT / "examples" / "corpus"


def build_example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus coded into a DuckDB file under the session's temporary folder.

    Built once per session whoever asks first (a `done` file marks a finished build), so the
    API, UI and export tests share one run of the pipeline.
    """
    folder = tmp_path_factory.getbasetemp() / "example-store"
    db = folder / "examples.duckdb"
    if (folder / "done").exists():
        return db
    if shutil.which("frog") is None:
        pytest.fail("Frog is not installed: apt-get install frog frogdata (make test does this)")
    folder.mkdir(exist_ok=True)
    finished = subprocess.run(
        [sys.executable, "-m", "kroniek.cli", "run", str(EXAMPLE_CORPUS), "--db", str(db)],
        capture_output=True, text=True, cwd=folder, timeout=1200,
    )
    if finished.returncode != 0:
        pytest.fail(f"kroniek run on the example corpus failed:\n{finished.stderr[-3000:]}")
    (folder / "done").write_text("ok\n")
    return db


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The DuckDB file of the coded example corpus. Tests must not write to it."""
    return build_example_store(tmp_path_factory)


@pytest.fixture(scope="session")
def api(example_store: Path) -> Iterator[TestClient]:
    """The web app on the example store."""
    with TestClient(create_app(example_store)) as client:
        yield client
