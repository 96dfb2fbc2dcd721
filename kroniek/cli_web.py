"""`kroniek serve`: the dashboard and JSON API on uvicorn. kroniek.cli registers it with
`register_serve(app)`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

errors = Console(stderr=True, soft_wrap=True, highlight=False)


def serve(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store (need not exist yet).")] = (
        Path("kroniek.duckdb")),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the dashboard at http://HOST:PORT/ and the JSON API under /api/.

    The store is opened read-only per request, so `kroniek run` can write to it meanwhile.
    Example: kroniek serve --db kroniek.duckdb --port 8000
    """
    import uvicorn

    from kroniek.web.app import create_app

    if not db.exists():
        errors.print(f"[yellow]note:[/] {db} does not exist yet; the dashboard shows an empty "
                     "store until a `kroniek run` writes it")
    errors.print(f"kroniek: http://{host}:{port}/  (API docs at /docs, schema at /openapi.json)")
    uvicorn.run(create_app(db.resolve()), host=host, port=port, log_level="warning")


def register_serve(app: typer.Typer) -> None:
    app.command()(serve)
