"""Ingest: files, folders and stdin in, Articles out.

Readers yield an `IngestError` instead of raising it, so one bad file or line never stops a
run: the caller reports it, records it, and goes on.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from kroniek.errors import IngestError
from kroniek.model import Article, Span
from kroniek.stages.cleaning import decode, has_markup, strip_markup

# `date 2020-08-09` at the very start of a .txt file (leading blanks allowed: the seed has one).
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s|\Z)[ \t]*")
# A photo credit closing a caption: "Beeld EPA", "Foto ANP / Remko de Waal", "(Reuters)".
_CREDIT = re.compile(
    r"(?:(?<=\s)|\A)(?:(?:Beeld|Foto|Foto's|Illustratie|Video)\s*:?\s+[^\s.!?][^.!?]{0,60}"
    r"|\((?:[A-Z][\w.&/ -]{1,40})\))\s*\Z"
)
_SUFFIXES = {".txt", ".jsonl"}
JSONL_FIELDS = ("id", "date", "title", "text", "url", "source")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise_date(value: object, where: str, line: int | None = None) -> str | None:
    """'2020', '2020-08' or '2020-08-09', checked to be a real date; or the day of an ISO 8601
    timestamp ('2020-08-09T10:00:00+02:00') or of an RSS/e-mail date ('Sun, 09 Aug 2020
    10:00:00 +0200'), as written, in the zone it was written in."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise IngestError(f"impossible date {text!r} ({exc})", where, line) from None
        return "-".join(p for p in (year, month, day) if p)
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError):
        raise IngestError(
            f"date {text!r} is not YYYY, YYYY-MM, YYYY-MM-DD, an ISO 8601 timestamp or an "
            "RSS date", where, line) from None


def parse_txt(raw: str, article_id: str | None, origin: str) -> Article:
    """A .txt article: an optional `date ...` marker, perhaps followed by a photo caption with
    its credit on the same line, then the body."""
    raw = raw.lstrip("\ufeff")
    article_date = None
    text = raw
    caption = credit = None
    marker = _DATE_LINE.match(raw)
    if marker:
        article_date = normalise_date(marker.group(1), origin, 1)
        text = raw[marker.end() :]
        first_line_end = text.find("\n")
        first_line = text if first_line_end < 0 else text[:first_line_end]
        if first_line.strip():
            caption_end = len(first_line.rstrip())
            found = _CREDIT.search(first_line[:caption_end])
            if found:
                credit = Span(found.start(), caption_end)
                caption_end = len(first_line[: found.start()].rstrip())
            caption = Span(0, caption_end) if caption_end else None
    if not text.strip():
        raise IngestError("the article has no text", origin)
    return Article(
        id=article_id or content_hash(text),
        text=text,
        content_hash=content_hash(text),
        date=article_date,
        origin=origin,
        caption=caption,
        credit=credit,
    )


def parse_jsonl_line(line: str, origin: str, number: int) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"not valid JSON ({exc.msg} at column {exc.colno})", origin, number
        ) from None
    if not isinstance(record, dict):
        raise IngestError("a JSONL line must hold one JSON object", origin, number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("missing or empty 'text' field", origin, number)
    given_id = record.get("id")
    if given_id is not None and not isinstance(given_id, str | int):
        raise IngestError("'id' must be a string or a number", origin, number)
    optional = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        optional[key] = None if value is None else str(value)
    return Article(
        id=str(given_id) if given_id not in (None, "") else content_hash(text),
        text=text,
        content_hash=content_hash(text),
        date=normalise_date(record.get("date"), origin, number),
        origin=f"{origin}:{number}",
        metadata={k: v for k, v in record.items() if k not in JSONL_FIELDS},
        **optional,
    )


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[Article | IngestError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, origin, number)
        except IngestError as exc:
            yield exc


def _noted(article: Article, **notes: str) -> Article:
    """Keep what ingest assumed or repaired with the article, in its metadata."""
    return replace(article, metadata={**article.metadata, **notes})


def _clean(article: Article) -> Article:
    if not has_markup(article.text) or article.caption is not None:
        return article
    text = strip_markup(article.text, article.origin)
    return _noted(replace(article, text=text, content_hash=content_hash(text)),
                  markup="stripped")


def read_file(path: Path) -> Iterator[Article | IngestError]:
    try:
        text, encoding = decode(path.read_bytes(), str(path))
    except OSError as exc:
        yield IngestError(f"cannot read ({exc.strerror})", str(path))
        return
    except IngestError as exc:
        yield exc
        return
    notes = {"encoding": f"{encoding} (detected; not UTF-8)"} if encoding else {}
    items = (read_jsonl(text.splitlines(), str(path)) if path.suffix == ".jsonl"
             else [_parse_or_error(text, path.stem, str(path))])
    for item in items:
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield _noted(_clean(item), **notes) if notes else _clean(item)
        except IngestError as exc:
            yield exc


def _parse_or_error(text: str, article_id: str | None, origin: str) -> Article | IngestError:
    try:
        return parse_txt(text, article_id, origin)
    except IngestError as exc:
        return exc


def read_stream(stream: TextIO, origin: str = "<stdin>") -> Iterator[Article | IngestError]:
    """stdin holds either JSON Lines (first non-blank character '{') or one text article."""
    text = stream.read()
    items: Iterable[Article | IngestError]
    if text.lstrip().startswith("{"):
        items = read_jsonl(text.splitlines(), origin)
    else:
        items = [_parse_or_error(text, None, origin)]
    for item in items:
        try:
            yield item if isinstance(item, IngestError) else _clean(item)
        except IngestError as exc:
            yield exc


def expand_inputs(paths: Iterable[str]) -> Iterator[Path | str | IngestError]:
    """Files as given, folders recursively (sorted, .txt and .jsonl only), '-' for stdin."""
    for given in paths:
        if given == "-":
            yield "-"
            continue
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield IngestError("no such file or folder", given)


def read_inputs(paths: Iterable[str]) -> Iterator[Article | IngestError]:
    for item in expand_inputs(paths):
        if isinstance(item, IngestError):
            yield item
        elif item == "-":
            yield from read_stream(sys.stdin)
        else:
            assert isinstance(item, Path)
            yield from read_file(item)
