"""The command line. It parses arguments, calls library functions, and is the one place that
turns kroniek's errors into messages for the user."""

from __future__ import annotations

import csv
import functools
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kroniek.errors import KroniekError
from kroniek.ports import EventQuery

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="kroniek: Dutch news in, PLOVER political events out.")
# Wide when piped, so tables in files and tests are not cut to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True, soft_wrap=True, highlight=False)

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store.")]
DEFAULT_DB = Path("kroniek.duckdb")
KbFolderOption = Annotated[Path | None, typer.Option(
    "--kb", help="Knowledge-base folder, as `kroniek kb import-wikidata` writes it (default: the "
    "packaged one).")]


def _fail(error: Exception) -> NoReturn:
    errors.print(f"[bold red]error:[/] {error}")
    raise typer.Exit(1)


@app.command()
def run(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt, .jsonl), folders, or - for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(help="Worker processes, each with its own Frog "
                                         "(default 0: one per core, as far as memory "
                                         "allows).")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds Frog may take per article.")] = 300.0,
    batch_size: Annotated[int, typer.Option(help="Articles per database commit.")] = 16,
    selective: Annotated[bool, typer.Option(help="Parse only sentences that can code an event: "
                                            "the same events, with a second, tagging Frog; "
                                            "pays off when few sentences carry events.")] = False,
    wait: Annotated[bool, typer.Option(help="When another run writes the database, wait for "
                                       "it instead of stopping.")] = False,
    lock_wait: Annotated[float, typer.Option(help="Seconds to wait for a database that another "
                                             "program holds open.")] = 120.0,
    engine: Annotated[str, typer.Option(help="local, or ray: code on Ray into Parquet (--out), "
                                        "then load it into --db.")] = "local",
    address: Annotated[str | None, typer.Option(help="Ray: the cluster to join ('auto', or "
                                                "HOST:PORT); default a local Ray runtime.")] = None,
    out: Annotated[Path | None, typer.Option(help="Ray: the Parquet folder (default: the "
                                             "database name with .parquet).")] = None,
    kb: KbFolderOption = None,
) -> None:
    """Code articles into the store. Re-running adds nothing; an interrupted run resumes.

    Example: kroniek run examples/corpus --db kroniek.duckdb
    """
    kb_folder = str(kb) if kb else None
    if engine != "local":
        from kroniek.cli_ray import run_on_ray

        run_on_ray(paths, db, engine, address, out, workers, timeout, batch_size, selective,
                   kb_folder)
        return
    from kroniek.adapters.duckdb_store import DuckDBStore
    from kroniek.adapters.local_engine import default_workers, make_engine
    from kroniek.factory import dictionary_hash, frog_pipeline
    from kroniek.run_lock import RunLock
    from kroniek.runner import RunCounts
    from kroniek.runner import run as run_articles

    workers = workers or default_workers(selective)
    started = time.monotonic()

    progressed = False

    def progress(counts: RunCounts) -> None:
        nonlocal progressed
        progressed = True
        elapsed = max(time.monotonic() - started, 1e-6)
        errors.print(
            f"\r{counts.articles_done} articles coded ({counts.articles_done / elapsed:.2f}/s), "
            f"{counts.events} events, {counts.articles_skipped} skipped, "
            f"{counts.articles_failed + counts.articles_rejected} failed", end="",
        )

    def waiting(pid: int | None) -> None:
        errors.print(f"waiting for the kroniek run (pid {pid or '?'}) that writes {db}")

    try:
        fingerprint = dictionary_hash(kb_folder)  # a bad --kb fails before the run starts
        # The run lock keeps a second run out; the store holds its connection only while it
        # commits, so that kroniek serve can read the database during the run.
        with RunLock(db, wait=wait, waiting=waiting), \
                DuckDBStore(db, connect_per_use=True, lock_wait=lock_wait) as store:
            engine = make_engine(
                functools.partial(frog_pipeline, timeout, selective, kb_folder), workers)
            counts = run_articles(paths, store, engine, fingerprint, batch_size=batch_size,
                                  progress=progress,
                                  report=lambda m: errors.print(f"\n[yellow]{m}[/]"))
            errors.print()
            summary = store.summary()
    except KroniekError as exc:
        if progressed:
            errors.print()  # the error gets a line of its own, not the end of the progress line
        _fail(exc)
    _print_summary(summary, counts.as_dict())


def _print_summary(summary: dict[str, Any], counts: dict[str, int] | None = None) -> None:
    if counts:
        console.print(
            f"This run: {counts['articles_done']} coded, {counts['articles_skipped']} already "
            f"stored, {counts['articles_failed']} failed, {counts['events']} events."
        )
    console.print(
        f"Store: {summary['articles']} articles, {summary['sentences']} sentences, "
        f"{summary['events']} events, {summary['failed']} failed articles."
    )
    by_type = Table(title="Events per type")
    by_type.add_column("type")
    by_type.add_column("events", justify="right")
    for name, n in summary["events_by_type"].items():
        by_type.add_row(name, str(n))
    console.print(by_type)
    dyads = Table(title="Most active dyads")
    for column in ("source", "target", "events"):
        dyads.add_column(column)
    for row in summary["top_dyads"]:
        dyads.add_row(str(row["source"]), str(row["target"]), str(row["events"]))
    console.print(dyads)
    console.print(f"Database: {Path(str(summary['db'])).resolve()}")


@app.command()
def summary(db: DbOption = DEFAULT_DB) -> None:
    """Counts of what the store holds. Example: kroniek summary --db kroniek.duckdb"""
    from kroniek.adapters.duckdb_store import DuckDBStore

    try:
        with DuckDBStore(db, read_only=True) as store:
            _print_summary(store.summary())
    except KroniekError as exc:
        _fail(exc)


EVENT_COLUMNS = ("event_id", "date", "date_precision", "type", "mode", "source_name",
                 "source_country", "source_sector", "target_name", "target_country",
                 "target_sector", "factuality", "rule", "confidence", "place_resolved",
                 "sentence_text")


def _place_label(row: dict[str, object]) -> str:
    """'The Hague (NLD, city)', or the name as written when the gazetteer did not know it."""
    name = row.get("place_resolved") or row.get("place_name")
    if not name:
        return ""
    details = ", ".join(str(v) for v in (row.get("place_country"), row.get("place_precision")) if v)
    return f"{name} ({details})" if details else str(name)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option(help="Source or target actor (name, id or code).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Source or target country (ISO3).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Event date until (YYYY[-MM[-DD]]).")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the sentence.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    format: Annotated[
        str, typer.Option("--format", help="table, csv, jsonl or parquet.")
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (parquet needs one).")
    ] = None,
    clusters: Annotated[bool, typer.Option(
        "--clusters", help="One row per happening (event cluster), with mention, article and "
        "source counts; filters apply to each cluster's canonical event.")] = False,
    inferred_targets: Annotated[bool, typer.Option(
        help="Include events whose target a rule inferred (rule 'PATTERN+implicit....') "
        "rather than the sentence naming it.")] = True,
) -> None:
    """List coded events. Example: kroniek events --country RUS --type ASSAULT --format csv"""
    from kroniek.adapters.duckdb_store import DuckDBStore

    query = EventQuery(actor=actor, country=country, type=type, since=since, until=until,
                       text=text, limit=limit, inferred_targets=inferred_targets)
    try:
        with DuckDBStore(db, read_only=True) as store:
            rows = store.clusters(query) if clusters else store.events(query)
    except KroniekError as exc:
        _fail(exc)
    if format == "table" and clusters:
        _print_clusters(rows)
    elif format == "table":
        table = Table()
        for column in ("date", "precision", "type", "mode", "source", "target", "place",
                       "factuality", "rule", "sentence"):
            table.add_column(column, overflow="fold")
        for r in rows:
            table.add_row(
                str(r["date"] or ""), str(r["date_precision"] or ""), str(r["type"]),
                str(r["mode"] or ""), _actor_label(r, "source"), _actor_label(r, "target"),
                _place_label(r), str(r["factuality"]), str(r["rule"]),
                str(r["sentence_text"])[:120],
            )
        console.print(table)
        console.print(f"{len(rows)} events")
    elif format == "jsonl":
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif format == "csv":
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(EVENT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    elif format == "parquet":
        if output is None:
            _fail(KroniekError("--format parquet needs --output FILE"))
        import duckdb

        con = duckdb.connect()
        try:
            import pandas
        except ImportError:
            _write_parquet_without_pandas(con, rows, output)
        else:
            frame = pandas.DataFrame(rows)  # noqa: F841
            con.execute(f"COPY (SELECT * FROM frame) TO '{_sql_text(output)}' (FORMAT parquet)")
    else:
        _fail(KroniekError(f"unknown format {format!r}: use table, csv, jsonl or parquet"))


def _sql_text(path: Path | str) -> str:
    """A path as the inside of an SQL string literal: COPY takes no parameters."""
    return str(path).replace("'", "''")


def _write_parquet_without_pandas(con: Any, rows: list[dict[str, Any]], output: Path) -> None:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for r in rows:
            tmp.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    con.execute(f"COPY (SELECT * FROM read_json_auto('{_sql_text(tmp.name)}')) "
                f"TO '{_sql_text(output)}' (FORMAT parquet)")
    Path(tmp.name).unlink()


def _print_clusters(rows: list[dict[str, Any]]) -> None:
    table = Table()
    for column in ("cluster", "date", "type", "mode", "source", "target", "place", "mentions",
                   "articles", "sources", "sentence"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["cluster_id"]), str(r["date"] or ""), str(r["type"]), str(r["mode"] or ""),
            _actor_label(r, "source"), _actor_label(r, "target"), str(r["place_resolved"] or ""),
            str(r["mentions"]), str(r["articles"]), str(r["sources"]),
            str(r["sentence_text"])[:100],
        )
    console.print(table)
    console.print(f"{len(rows)} clusters of {sum(int(r['mentions']) for r in rows)} events")


def _actor_label(row: dict[str, Any], side: str) -> str:
    if not row.get(f"{side}_actor_id"):
        return ""
    code = (row.get(f"{side}_country") or "") + (row.get(f"{side}_sector") or "")
    return f"{row[f'{side}_name']} ({code or 'UNK'})"


def _stored_article(db: Path, article_id: str) -> dict[str, Any]:
    """The stored article, or a clear error and exit."""
    from kroniek.adapters.duckdb_store import DuckDBStore

    try:
        with DuckDBStore(db, read_only=True) as store:
            data = store.article(article_id)
    except KroniekError as exc:
        _fail(exc)
    if data is None:
        _fail(KroniekError(f"no article {article_id!r} in {db}"))
    return data


@app.command()
def show(article_id: str, db: DbOption = DEFAULT_DB) -> None:
    """An article with its actors and event triggers highlighted, its events below.

    Example: kroniek show belarus-2020-08
    """
    data = _stored_article(db, article_id)
    text = Text(str(data["text"]))
    for m in data["mentions"]:
        text.stylize("bold cyan", m["start"], m["end"])
    for e in data["events"]:
        text.stylize("bold white on red", e["trigger_start"], e["trigger_end"])
    if data.get("credit_start") is not None:
        text.stylize("dim", data["credit_start"], data["credit_end"])
    console.rule(f"{data['id']}  {data.get('date') or ''}  (status {data['status']})")
    console.print(text)
    console.print(f"\n[bold]{len(data['events'])} events[/]")
    for e in data["events"]:
        mode = f"/{e['mode']}" if e["mode"] else ""
        console.print(
            f"  #{e['idx']} [bold]{e['type']}{mode}[/] {_actor_label(e, 'source') or '-'} -> "
            f"{_actor_label(e, 'target') or '-'}  {e['factuality']}  {e['date'] or ''}  "
            f"trigger {e['trigger_text']!r}  rule {e['rule']}",
            highlight=False, soft_wrap=True,
        )


@app.command()
def explain(article_id: str, db: DbOption = DEFAULT_DB) -> None:
    """For each sentence: the parse, the mentions, the patterns tried and why they fired or not.

    Example: kroniek explain belarus-2020-08
    """
    from kroniek.coder import default_patterns
    from kroniek.explain import explain_lines

    data = _stored_article(db, article_id)
    for line in explain_lines(data, default_patterns()):
        print(line)


@app.command()
def runs(db: DbOption = DEFAULT_DB) -> None:
    """The run history and the articles that failed. Example: kroniek runs"""
    from kroniek.adapters.duckdb_store import DuckDBStore

    try:
        with DuckDBStore(db, read_only=True) as store:
            history, failures = store.runs(), store.failures()
            rejections = store.rejections()
    except KroniekError as exc:
        _fail(exc)
    table = Table(title="Runs")
    for column in ("id", "started", "finished", "version", "done", "skipped", "failed",
                   "events", "status"):
        table.add_column(column)
    for r in history:
        table.add_row(str(r["id"]), str(r["started"])[:19], str(r["finished"] or "")[:19],
                      str(r["version"]), str(r["articles_done"]), str(r["articles_skipped"]),
                      str(r["articles_failed"]), str(r["events"]), str(r["status"]))
    console.print(table)
    for f in failures:
        console.print(f"[red]failed[/] {f['article_id']} ({f.get('origin', '')}) "
                      f"{f.get('stage', '')}: {f.get('reason', '')}", highlight=False)
    for r in rejections:
        console.print(f"[red]rejected[/] in run {r['run_id']}: {r['reason']}", highlight=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold annotations, JSON Lines.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    system_out: Annotated[Path | None, typer.Option("--system-out",
                                                    help="Write the system output here.")] = None,
    selective: Annotated[bool, typer.Option(help="Parse only sentences that can code an "
                                            "event.")] = False,
    kb: KbFolderOption = None,
) -> None:
    """Score the pipeline against gold annotations, in a fresh temporary store.

    Example: kroniek evaluate examples/gold.jsonl
    """
    from kroniek.evaluation import render_table
    from kroniek.evaluation_run import evaluate as run_evaluation
    from kroniek.factory import frog_pipeline, knowledge_base

    try:
        kb_folder = str(kb) if kb else None
        knowledge_base(kb_folder)  # a bad --kb fails before Frog starts
        report, records = run_evaluation(
            gold, functools.partial(frog_pipeline, selective=selective, kb_folder=kb_folder))
    except (KroniekError, ValueError, OSError) as exc:
        _fail(exc)
    if system_out:
        with system_out.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_table(report))


def _add_subcommands() -> None:
    from kroniek.cli_export import register_export
    from kroniek.cli_kb import kb_app
    from kroniek.cli_ray import register_ray
    from kroniek.cli_web import register_serve

    app.add_typer(kb_app, name="kb")
    register_serve(app)
    register_export(app)
    register_ray(app)


_add_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
