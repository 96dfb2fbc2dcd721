"""What a run decides to code, before any Frog: skipping, second versions, rejections."""

from __future__ import annotations

import json
from pathlib import Path

from kroniek.model import Article
from kroniek.runner import RunCounts, _Pending, _to_code
from kroniek.stages.ingest import read_inputs


def articles_to_code(path: Path, stored: dict[str, tuple[str, str]]) -> tuple[list[str], _Pending]:
    pending = _Pending()
    ids = [a.id for a in _to_code([str(path)], stored, pending, RunCounts(), lambda m: None)]
    return ids, pending


def jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_runner_same_id_twice_in_one_run_keeps_both_texts(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "in.jsonl",
                 {"id": "minsk", "text": "Betogers protesteerden in Minsk."},
                 {"id": "minsk", "text": "De politie arresteerde betogers in Minsk."})
    ids, _ = articles_to_code(path, {})
    assert ids[0] == "minsk" and ids[1].startswith("minsk~") and len(ids) == 2


def test_runner_identical_article_twice_is_coded_once(tmp_path: Path) -> None:
    record = {"id": "minsk", "text": "Betogers protesteerden in Minsk."}
    ids, _ = articles_to_code(jsonl(tmp_path / "in.jsonl", record, record), {})
    assert ids == ["minsk"]


def test_runner_skips_coded_and_retries_failed(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "in.jsonl",
                 {"id": "coded", "text": "Betogers protesteerden in Minsk."},
                 {"id": "failed", "text": "De politie arresteerde betogers."})
    first, _ = articles_to_code(path, {})
    hashes = {a.id: a.content_hash for a in read_inputs([str(path)]) if isinstance(a, Article)}
    stored = {"coded": (hashes["coded"], "done"), "failed": (hashes["failed"], "failed")}
    again, _ = articles_to_code(path, stored)
    assert first == ["coded", "failed"] and again == ["failed"]


def test_runner_bad_line_is_kept_for_the_next_commit(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Betogers protesteerden."}\n{kapot\n', encoding="utf-8")
    ids, pending = articles_to_code(path, {})
    assert ids == ["a"]
    assert [(r.path, r.line) for r in pending.rejections] == [(str(path), 2)]
