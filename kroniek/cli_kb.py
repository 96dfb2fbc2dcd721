"""`kroniek kb`: build a knowledge base from Wikidata, look a name up in one, count what one
holds. kroniek.cli mounts this app with `app.add_typer(kb_app, name="kb")`.

As in kroniek.cli, the commands parse arguments, call plain functions and turn kroniek's errors
into messages. The plain functions, `lookup_rows` and `kb_stats`, are in kroniek.kb.lookup:
they return data and print nothing.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from kroniek.errors import KroniekError
from kroniek.kb import KnowledgeBase, middle_day
from kroniek.kb.lookup import kb_stats, lookup_rows
from kroniek.model.dates import is_partial_date

kb_app = typer.Typer(add_completion=False, no_args_is_help=True,
                     help="The actor knowledge base: import from Wikidata, look up, count.")
# Wide when piped, so tables in files and tests are not cut to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True, soft_wrap=True, highlight=False)

KbOption = Annotated[
    Path | None, typer.Option("--kb", help="Knowledge-base folder (default: the packaged one).")
]

def _fail(error: Exception) -> NoReturn:
    errors.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(1)


def _load(folder: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(folder)
    except (KroniekError, OSError) as exc:
        _fail(exc)


def _day(value: str | None) -> str:
    """YYYY-MM-DD; a year or a month is looked up in its middle, as the coder does."""
    if value is None:
        return date.today().isoformat()
    if not is_partial_date(value):
        _fail(KroniekError(f"--date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}"))
    return middle_day(value)


@kb_app.command("import-wikidata")
def import_wikidata(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump: .json, .json.gz or .bz2.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the knowledge base to.")],
) -> None:
    """Build a knowledge base from a Wikidata JSON dump, read twice and never whole. Keeps
    humans with a position held (P39) and its dates, countries and organisations, and writes
    people.tsv, roles.tsv, countries.tsv and organisations.tsv in the formats of
    kroniek/data/actors. A dump has no role nouns, so the packaged role_nouns.tsv is copied;
    countries missing from the dump are filled from the packaged countries.tsv, and those in
    it keep their hand-written names and adjectives. Malformed lines are skipped with a
    warning that names the line.

    Example: kroniek kb import-wikidata latest-all.json.gz --out kb-wikidata
    """
    from kroniek.kb.wikidata import import_wikidata as run_import

    try:
        counts = run_import(dump, out)
    except (KroniekError, OSError) as exc:
        _fail(exc)
    for warning in counts.warnings[:20]:
        errors.print(f"[yellow]warning:[/] {warning}")
    if len(counts.warnings) > 20:
        errors.print(f"[yellow]... and {len(counts.warnings) - 20} more warnings[/]")
    console.print(
        f"Wrote {out}: {counts.people} people, {counts.roles} roles, {counts.countries} "
        f"countries ({counts.countries_from_dump} from the dump), {counts.organisations} "
        f"organisations; {counts.people_without_roles} people skipped (no office with a "
        f"country and title); {len(counts.warnings)} warnings.",
        highlight=False, soft_wrap=True,
    )


@kb_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A name, or 'de Russische president'.")],
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today).")] = None,
    kb: KbOption = None,
) -> None:
    """The entries a name can mean, how it matched, and who each is on the date. Scores: 1.0
    exact surface form, 0.8 transliteration key only, 0.6 role noun phrase.

    Example: kroniek kb lookup Loekasjenko --date 2020-08-15
    """
    on = _day(day)
    rows = lookup_rows(_load(kb), name, on)
    if not rows:
        console.print(f"No knowledge-base entry for {name!r}.", highlight=False)
        return
    table = Table(title=f"{name} on {on}")
    for column in ("kind", "id", "name", "match", "score", "country", "sector", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.kind, row.id, row.name, row.match, f"{row.score:.1f}",
                      row.actor.country or "", row.actor.sector or "", row.actor.title or "")
    console.print(table)


@kb_app.command()
def stats(kb: KbOption = None) -> None:
    """How many countries, organisations, people, roles, role nouns and aliases there are.

    Example: kroniek kb stats --kb kb-wikidata
    """
    numbers = kb_stats(_load(kb))
    table = Table(title="Knowledge base")
    table.add_column("entries")
    table.add_column("count", justify="right")
    for label, count in (
        ("countries (current)", numbers.countries_current),
        ("countries (historical)", numbers.countries_historical),
        ("organisations", numbers.organisations), ("people", numbers.people),
        ("roles", numbers.roles), ("role nouns", numbers.role_nouns),
        ("aliases", numbers.aliases),
    ):
        table.add_row(label, str(count))
    console.print(table)
    per_country = Table(title="People per country (top 10)")
    per_country.add_column("country")
    per_country.add_column("people", justify="right")
    for country, count in numbers.people_per_country:
        per_country.add_row(country, str(count))
    console.print(per_country)
