"""The Ray engine on the command line: `kroniek run --engine ray` and `kroniek load`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kroniek.errors import KroniekError

DEFAULT_DB = Path("kroniek.duckdb")


def _load_into(folder: Path, db: Path, inputs: list[str]) -> None:
    from kroniek.adapters.duckdb_store import DuckDBStore
    from kroniek.adapters.parquet_io import load as load_parquet
    from kroniek.cli import console
    from kroniek.run_lock import RunLock

    with RunLock(db):
        DuckDBStore(db).close()  # creates or migrates the store
        counts = load_parquet(folder, db, inputs)
    console.print(
        f"Loaded {folder}: {counts.articles_loaded} articles ({counts.articles_renamed} as a "
        f"second version), {counts.articles_skipped} already stored, {counts.failed} failed, "
        f"{counts.rejections} rejected inputs, {counts.events} events."
    )


def load(
    folder: Annotated[Path, typer.Argument(help="A Parquet folder written by --engine ray.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store.")] = DEFAULT_DB,
) -> None:
    """Load the Parquet output of `kroniek run --engine ray` into the store. Loading the same
    folder again adds nothing.

    Example: kroniek load kroniek.parquet --db kroniek.duckdb
    """
    from kroniek.cli import _fail

    if not folder.is_dir():
        _fail(KroniekError(f"no such folder: {folder}"))
    try:
        _load_into(folder, db, [str(folder)])
    except KroniekError as exc:
        _fail(exc)


def run_on_ray(paths: list[str], db: Path, engine: str, address: str | None, out: Path | None,
               workers: int, timeout: float, batch_size: int, selective: bool = False,
               kb_folder: str | None = None) -> None:
    """`kroniek run --engine ray`: code on Ray into Parquet, then load it into the store."""
    from kroniek.cli import _fail, errors

    if engine != "ray":
        _fail(KroniekError(f"unknown engine {engine!r}: use local or ray"))
    try:
        import ray  # noqa: F401
    except ImportError:
        _fail(KroniekError("the Ray engine needs Ray: pip install 'kroniek[ray]'"))
    from kroniek.adapters.ray_engine import run_ray
    from kroniek.factory import dictionary_hash
    from kroniek.runner import RunCounts

    folder = out or db.with_suffix(".parquet")
    started = time.monotonic()

    def progress(counts: RunCounts) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        errors.print(f"\r{counts.articles_done} articles coded on Ray "
                     f"({counts.articles_done / elapsed:.2f}/s), {counts.events} events, "
                     f"{counts.articles_failed + counts.articles_rejected} failed", end="")

    try:
        counts = run_ray(paths, folder, dictionary_hash(kb_folder), address=address,
                         workers=workers if workers > 1 else 0, batch_size=batch_size,
                         timeout=timeout, selective=selective, progress=progress,
                         kb_folder=kb_folder,
                         report=lambda m: errors.print(f"\n[yellow]{m}[/]"))
        errors.print()
        errors.print(f"Parquet written to {folder}: {counts.articles_done} articles, "
                     f"{counts.events} events")
        _load_into(folder, db, list(paths))
    except KroniekError as exc:
        _fail(exc)


def register_ray(app: typer.Typer) -> None:
    app.command("load")(load)
