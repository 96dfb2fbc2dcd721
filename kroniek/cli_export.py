"""`kroniek export`: events to PLOVER JSON Lines, CSV or Parquet. kroniek.cli registers it with
`register_export(app)`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kroniek.errors import KroniekError

errors = Console(stderr=True, soft_wrap=True, highlight=False)


def export(
    format: Annotated[str, typer.Option("--format", help="plover-jsonl, csv or parquet.")],
    out: Annotated[Path, typer.Option("--out", help="File to write (a folder for parquet).")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store.")] = Path("kroniek.duckdb"),
    actor: Annotated[str | None, typer.Option(help="Source or target actor (name, id or "
                                              "code).")] = None,
    country: Annotated[str | None, typer.Option(help="Source or target country.")] = None,
    sector: Annotated[str | None, typer.Option(help="Source or target sector.")] = None,
    source_country: Annotated[str | None, typer.Option(help="Source country.")] = None,
    target_country: Annotated[str | None, typer.Option(help="Target country.")] = None,
    dyad: Annotated[str | None, typer.Option(help="SOURCE-TARGET: countries, codes or actor "
                                             "ids.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    quad_class: Annotated[str | None, typer.Option(help="Quad class name or code 1-4.")] = None,
    factuality: Annotated[str | None, typer.Option(help="asserted, hypothetical or "
                                                   "negated.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Event date until (YYYY[-MM[-DD]]).")] = None,
    place: Annotated[str | None, typer.Option(help="Place name or its country.")] = None,
    q: Annotated[str | None, typer.Option("--q", "--text", help="Words in the sentence.")] = None,
    article_id: Annotated[str | None, typer.Option(help="One article.")] = None,
    clusters: Annotated[bool, typer.Option(
        "--clusters", help="One record per event cluster (the same happening reported in "
        "several sentences or articles): its canonical event with mention, article and "
        "source counts. Filters apply to the canonical event.")] = False,
    force: Annotated[bool, typer.Option(help="Replace a non-empty Parquet folder.")] = False,
    inferred_targets: Annotated[bool, typer.Option(
        help="Include events whose target a rule inferred (rule 'PATTERN+implicit....') "
        "rather than the sentence naming it.")] = True,
) -> None:
    """Export events in a format for PLOVER tools, R, Stata, Excel, pandas or DuckDB.

    Example: kroniek export --format csv --country RUS --out rus.csv
    """
    from kroniek.adapters.duckdb_filters import EventFilters
    from kroniek.export import export as write

    filters = EventFilters(
        actor=actor, country=country, sector=sector, source_country=source_country,
        target_country=target_country, dyad=dyad, type=type, quad_class=quad_class,
        factuality=factuality, since=since, until=until, place=place, q=q, article_id=article_id,
        inferred_targets=inferred_targets,
    )
    try:
        if not db.exists():
            raise KroniekError(f"database {db} does not exist")
        n = write(db, filters, format, out, force=force, per_cluster=clusters)
    except (KroniekError, OSError) as exc:
        errors.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    errors.print(f"{n} {'clusters' if clusters else 'events'} written to {out} ({format})")


def register_export(app: typer.Typer) -> None:
    app.command()(export)
