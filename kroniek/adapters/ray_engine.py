"""The Ray engine: code a corpus on a Ray cluster (or a local Ray runtime) into Parquet.

The corpus becomes a Ray Dataset of input files (.txt, .jsonl, .parquet, folders of them),
which workers read into Articles with kroniek's own ingest. `map_batches` then runs over a pool
of actors, each holding one Frog process and the kroniek pipeline (kroniek.factory), so Frog
starts once per actor, not once per batch. Each actor writes what it codes as Parquet parts
(kroniek.adapters.parquet_io), one folder per store table; `kroniek load` (or the run itself)
brings the folder into DuckDB. Articles are coded exactly as the local engine codes them.

On a cluster every node needs kroniek and Frog installed, and the input and output folders must
be paths every node can reach (a shared file system).
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kroniek.adapters.duckdb_rows import article_row, doc_rows, to_json
from kroniek.adapters.local_engine import Failure
from kroniek.adapters.local_engine import _code as code_article  # the local engine's semantics
from kroniek.adapters.parquet_io import TABLES, write_manifest, write_part
from kroniek.errors import IngestError
from kroniek.model import Article, Span
from kroniek.runner import RunCounts
from kroniek.stages.ingest import expand_inputs, parse_jsonl_line, read_file

Row = dict[str, Any]

FROG_MEMORY = 2.5 * 2**30  # what one actor reserves: a Frog process and the pipeline
_RECORD_FIELDS = ("id", "text", "content_hash", "date", "title", "url", "source", "origin",
                  "caption_start", "caption_end", "credit_start", "credit_end", "metadata",
                  "error", "error_path", "error_line")


# -- reading: files in, article records out ---------------------------------------------------


def _record(item: Article | IngestError) -> Row:
    """An article, or the reason an input is not one, as a flat row Arrow can carry."""
    if isinstance(item, IngestError):
        return {**dict.fromkeys(_RECORD_FIELDS), "error": str(item), "error_path": item.path,
                "error_line": item.line}
    caption, credit = item.caption, item.credit
    return {
        "id": item.id, "text": item.text, "content_hash": item.content_hash, "date": item.date,
        "title": item.title, "url": item.url, "source": item.source, "origin": item.origin,
        "caption_start": caption.start if caption else None,
        "caption_end": caption.end if caption else None,
        "credit_start": credit.start if credit else None,
        "credit_end": credit.end if credit else None,
        "metadata": to_json(item.metadata), "error": None, "error_path": None, "error_line": None,
    }


def _article(record: Row) -> Article:
    def span(name: str) -> Span | None:
        start, end = record[f"{name}_start"], record[f"{name}_end"]
        return None if start is None else Span(int(start), int(end))

    return Article(
        id=record["id"], text=record["text"], content_hash=record["content_hash"],
        date=record["date"], title=record["title"], url=record["url"], source=record["source"],
        origin=record["origin"], caption=span("caption"), credit=span("credit"),
        metadata=json.loads(record["metadata"] or "{}"),
    )


def _read_parquet_articles(path: Path) -> Iterator[Article | IngestError]:
    """Parquet rows with the JSONL fields (id, date, title, text, url, source, ...), checked
    the way a JSONL line is: row n of the file is line n in messages."""
    import pyarrow.parquet as pq

    try:
        batches = pq.ParquetFile(path).iter_batches()
        number = 0
        for batch in batches:
            for record in batch.to_pylist():
                number += 1
                try:
                    yield parse_jsonl_line(json.dumps(record, default=str), str(path), number)
                except IngestError as exc:
                    yield exc
    except (OSError, ValueError) as exc:  # pyarrow's errors for a file that is not Parquet
        yield IngestError(f"cannot read as Parquet ({exc})", str(path))


def _record_schema() -> Any:
    import pyarrow as pa

    ints = {"caption_start", "caption_end", "credit_start", "credit_end", "error_line"}
    return pa.schema([(name, pa.int64() if name in ints else pa.string())
                      for name in _RECORD_FIELDS])


def _read_inputs(batch: Any) -> Any:
    """Input files to article records, with kroniek's ingest; runs on a Ray worker.

    Returns a table with a fixed schema, so that batches without a caption or an error (all
    nulls) still have the types of those that have one."""
    import pyarrow as pa

    records: list[Row] = []
    for name in batch.column("path").to_pylist():
        path = Path(name)
        reader = _read_parquet_articles(path) if path.suffix == ".parquet" else read_file(path)
        records.extend(_record(found) for found in reader)
    return pa.Table.from_pylist(records, schema=_record_schema())


def input_files(paths: Sequence[str]) -> tuple[list[str], list[IngestError]]:
    """The files to read: folders recursively (.txt, .jsonl and .parquet); errors for paths
    that do not exist and for stdin, which a cluster cannot read."""
    files: list[str] = []
    errors: list[IngestError] = []
    for given in paths:
        path = Path(given)
        if given == "-":
            errors.append(IngestError("the Ray engine cannot read stdin; give files", "-"))
            continue
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*.parquet")) if p.is_file())
        elif path.suffix == ".parquet" and path.is_file():
            files.append(str(path))
            continue
        for item in expand_inputs([given]):
            if isinstance(item, IngestError):
                errors.append(item)
            else:
                files.append(str(item))
    return files, errors


# -- coding: one actor, one Frog --------------------------------------------------------------


class CodingActor:
    """A Ray actor holding one kroniek pipeline (and so one Frog) for its whole life.

    Each call codes a batch of article records, writes the rows of every table as Parquet
    parts, and returns one summary row per input for the driver to count and report.
    """

    def __init__(self, out_dir: str, run_tag: str, timeout: float, selective: bool,
                 kb_files: dict[str, bytes] | None = None) -> None:
        from kroniek.factory import frog_pipeline

        kb_folder = None
        if kb_files is not None:
            # The driver's --kb folder need not exist on the node: its files travel along.
            self._kb_dir = tempfile.TemporaryDirectory(prefix="kroniek-kb-")
            for name, content in kb_files.items():
                (Path(self._kb_dir.name) / name).write_bytes(content)
            kb_folder = self._kb_dir.name
        self.pipeline = frog_pipeline(timeout, selective, kb_folder)
        self.out_dir = Path(out_dir)
        self.tag = f"{run_tag}-{uuid.uuid4().hex[:8]}"
        self.batches = 0

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        tables: dict[str, list[Row]] = {table: [] for table in TABLES}
        summary: list[Row] = []
        for record in batch.to_pylist():
            if record["error"]:
                tables["rejections"].append({"run_id": 0, "origin": record["error_path"],
                                             "line": record["error_line"],
                                             "reason": record["error"]})
                summary.append(_summary(record["error_path"], "rejected", reason=record["error"]))
                continue
            article = _article(record)
            outcome = code_article(self.pipeline, article)
            if isinstance(outcome, Failure):
                row = article_row(article, 0, "failed")
                row.update(failure_stage=outcome.stage, failure_reason=outcome.reason)
                tables["articles"].append(row)
                summary.append(_summary(article.origin, "failed", article.id,
                                        reason=f"({outcome.stage}) {outcome.reason}"))
                continue
            for table, rows in doc_rows(outcome, 0).items():
                tables[table].extend(rows)
            summary.append(_summary(article.origin, "done", article.id,
                                    len(outcome.sentences), len(outcome.events)))
        part = f"part-{self.tag}-{self.batches:05d}"
        self.batches += 1
        for table, rows in tables.items():
            write_part(self.out_dir, table, rows, part)
        return pa.Table.from_pylist(summary, schema=_summary_schema())

    def __del__(self) -> None:
        pipeline = getattr(self, "pipeline", None)
        if pipeline is not None:
            pipeline.close()


def _summary(origin: str, status: str, article_id: str | None = None, sentences: int = 0,
             events: int = 0, reason: str | None = None) -> Row:
    return {"origin": origin, "status": status, "article_id": article_id,
            "sentences": sentences, "events": events, "reason": reason}


def _summary_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("origin", pa.string()), ("status", pa.string()),
                      ("article_id", pa.string()), ("sentences", pa.int64()),
                      ("events", pa.int64()), ("reason", pa.string())])


# -- the run ----------------------------------------------------------------------------------


def _run_tag() -> str:
    """Sorts by time, so that `load` prefers the later of two runs into one folder."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(2).hex()


def default_workers() -> int:
    """One actor per CPU of the cluster, as far as its memory allows a Frog each."""
    import ray

    resources = ray.cluster_resources()
    cpus = int(resources.get("CPU", 1))
    memory = resources.get("memory")
    by_memory = int(memory // FROG_MEMORY) if memory else cpus
    return max(1, min(cpus, by_memory))


def _kb_files(folder: str | None) -> dict[str, bytes] | None:
    from kroniek.kb.base import KB_FILES

    if folder is None:
        return None
    return {name: (Path(folder) / name).read_bytes() for name in KB_FILES}


def run_ray(
    paths: Sequence[str],
    out_dir: Path,
    dictionary_hash: str,
    address: str | None = None,
    workers: int = 0,
    batch_size: int = 8,
    timeout: float = 300.0,
    selective: bool = False,
    report: Callable[[str], None] = lambda message: None,
    progress: Callable[[RunCounts], None] | None = None,
    kb_folder: str | None = None,
) -> RunCounts:
    """Code the inputs on Ray into Parquet under `out_dir`.

    Connects to the cluster at `address` ('auto' for the one this machine belongs to), or
    uses the Ray runtime this process already started, or starts a local one. A knowledge
    base in `kb_folder` is read here and sent to every actor.
    """
    import ray

    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    counts = RunCounts()
    files, errors = input_files(paths)
    for error in errors:
        counts.articles_rejected += 1
        report(f"rejected {error}")
    out_dir.mkdir(parents=True, exist_ok=True)
    write_manifest(out_dir, dictionary_hash, paths)
    if errors:
        write_part(out_dir, "rejections",
                   [{"run_id": 0, "origin": e.path, "line": e.line, "reason": str(e)}
                    for e in errors], f"part-driver-{uuid.uuid4().hex[:8]}")
    if not files:
        return counts
    workers = workers or default_workers()
    ray.data.DataContext.get_current().enable_progress_bars = False  # the CLI reports progress
    dataset = ray.data.from_items([{"path": f} for f in files]).map_batches(
        _read_inputs, batch_size=1, batch_format="pyarrow",
        num_cpus=0,  # reading is light: it must not wait for CPUs the Frog actors hold
    )
    coded = dataset.map_batches(
        CodingActor,
        fn_constructor_kwargs={"out_dir": str(out_dir.resolve()),
                               "run_tag": _run_tag(), "timeout": timeout,
                               "selective": selective, "kb_files": _kb_files(kb_folder)},
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        memory=FROG_MEMORY,
    )
    for row in coded.iter_rows():
        if row["status"] == "done":
            counts.articles_done += 1
            counts.sentences += int(row["sentences"])
            counts.events += int(row["events"])
        elif row["status"] == "failed":
            counts.articles_failed += 1
            report(f"failed {row['origin']} {row['reason']}")
        else:
            counts.articles_rejected += 1
            report(f"rejected {row['reason']}")
        if progress:
            progress(counts)
    return counts
