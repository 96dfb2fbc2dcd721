"""Gold annotations for `kroniek evaluate`, read from JSON Lines (see GOLD_FORMAT.md).

One line is one article. Reading is strict: a malformed line raises `GoldFormatError` naming
the file and line, because a misspelt key or factuality would otherwise not fail but quietly
change the score. Besides the documented keys, any object may carry a free-text `note`.

An actor field distinguishes a key left out (`MISSING`) from an explicit null. Neither is
scored, but they say different things ("not annotated" versus "the text names none"), and
keeping them apart lets a later reader of the gold tell which is which.
"""

from __future__ import annotations

import datetime
import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

from kroniek.errors import KroniekError


class GoldFormatError(KroniekError, ValueError):
    """A gold file is malformed; the message names the file and line where known."""

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


class Missing(enum.Enum):
    """The type of `MISSING`: an enum so that type checkers can narrow it away."""

    MISSING = "MISSING"

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = Missing.MISSING

Field: TypeAlias = str | Literal[Missing.MISSING] | None

FACTUALITIES: Final = ("asserted", "hypothetical", "negated")

_NOTE = "note"
_ARTICLE_KEYS = frozenset({"id", "date", "path", "text", "mentions", "events", _NOTE})
_EVENT_KEYS = frozenset({
    "sentence", "type", "mode", "source", "target", "date", "place", "factuality", "required",
    _NOTE,
})
_ACTOR_KEYS = frozenset({"country", "sector", "actor", _NOTE})
_MENTION_KEYS = frozenset({"text", "actor", "country", "sector", _NOTE})

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TYPE = re.compile(r"[A-Z]+")


@dataclass(frozen=True)
class GoldActor:
    """One gold actor; a compound actor is several of these, any of which counts."""

    country: Field = MISSING
    sector: Field = MISSING
    actor: Field = MISSING


@dataclass(frozen=True)
class GoldEvent:
    sentence: str
    type: str
    mode: str | None = None
    source: tuple[GoldActor, ...] | None = None
    target: tuple[GoldActor, ...] | None = None
    date: str | None = None
    place: str | None = None
    factuality: str = "asserted"
    required: bool = True


@dataclass(frozen=True)
class GoldMention:
    """A surface form that must resolve, at every occurrence, to this actor.

    A field that is None (left out or null) is not checked.
    """

    text: str
    actor: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One gold article: `path` (resolved against the gold file) or `text` is set, not both."""

    id: str
    date: str
    path: Path | None = None
    text: str | None = None
    mentions: tuple[GoldMention, ...] = ()
    events: tuple[GoldEvent, ...] = ()


class _Invalid(Exception):
    """A problem in one record; `load_gold` adds the file and line."""


def load_gold(path: Path | str) -> list[GoldArticle]:
    """Read a gold JSON Lines file. Blank lines are skipped; ids must be unique."""
    path = Path(path)
    articles: list[GoldArticle] = []
    first_seen: dict[str, int] = {}
    # utf-8-sig: editors on Windows like to start a file with a byte-order mark.
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                article = _article(json.loads(line), path.parent)
            except json.JSONDecodeError as exc:
                message = f"not valid JSON: {exc.msg} (column {exc.colno})"
                raise GoldFormatError(message, str(path), number) from None
            except _Invalid as exc:
                raise GoldFormatError(str(exc), str(path), number) from None
            if article.id in first_seen:
                message = f"id {article.id!r} already used on line {first_seen[article.id]}"
                raise GoldFormatError(message, str(path), number)
            first_seen[article.id] = number
            articles.append(article)
    return articles


def _article(record: object, base: Path) -> GoldArticle:
    fields = _object(record, _ARTICLE_KEYS, "an article")
    article_id = _text(fields, "id", "article")
    has_path, has_text = "path" in fields, "text" in fields
    if has_path == has_text:
        raise _Invalid("an article needs exactly one of 'path' and 'text'")
    resolved = text = None
    if has_path:
        resolved = base / _text(fields, "path", "article")
        if not resolved.is_file():
            raise _Invalid(f"article file not found: {resolved}")
    else:
        text = _text(fields, "text", "article")
    mentions = fields.get("mentions", [])
    if not isinstance(mentions, list):
        raise _Invalid("'mentions' must be a list")
    events = _required(fields, "events", "article")
    if not isinstance(events, list):
        raise _Invalid("'events' must be a list")
    return GoldArticle(
        id=article_id,
        date=_date(_required(fields, "date", "article"), "article"),
        path=resolved,
        text=text,
        mentions=tuple(_mention(m, i) for i, m in enumerate(mentions, start=1)),
        events=tuple(_event(e, i) for i, e in enumerate(events, start=1)),
    )


def _event(record: object, index: int) -> GoldEvent:
    where = f"event {index}"
    fields = _object(record, _EVENT_KEYS, where)
    event_type = _text(fields, "type", where)
    if not _TYPE.fullmatch(event_type):
        raise _Invalid(f"{where}: type {event_type!r} is not a PLOVER type name")
    factuality = _required(fields, "factuality", where)
    if factuality not in FACTUALITIES:
        raise _Invalid(f"{where}: factuality must be one of {', '.join(FACTUALITIES)}")
    required = _required(fields, "required", where)
    if not isinstance(required, bool):
        raise _Invalid(f"{where}: 'required' must be true or false")
    date = fields.get("date")
    # mode, date and place may be left out: like null, that means "not scored".
    return GoldEvent(
        sentence=_text(fields, "sentence", where),
        type=event_type,
        mode=_optional_text(fields, "mode", where),
        source=_actors(fields.get("source"), f"{where} source"),
        target=_actors(fields.get("target"), f"{where} target"),
        date=None if date is None else _date(date, where),
        place=_optional_text(fields, "place", where),
        factuality=factuality,
        required=required,
    )


def _actors(value: object, where: str) -> tuple[GoldActor, ...] | None:
    if value is None:
        return None
    if isinstance(value, list):
        if not value:
            raise _Invalid(f"{where}: a compound actor needs at least one member")
        return tuple(_actor(member, where) for member in value)
    return (_actor(value, where),)


def _actor(record: object, where: str) -> GoldActor:
    fields = _object(record, _ACTOR_KEYS, where)
    values = {key: fields.get(key, MISSING) for key in ("country", "sector", "actor")}
    for key, value in values.items():
        if value is not MISSING and value is not None and not _is_text(value):
            raise _Invalid(f"{where}: {key!r} must be a non-empty string or null")
    return GoldActor(**values)


def _mention(record: object, index: int) -> GoldMention:
    where = f"mention {index}"
    fields = _object(record, _MENTION_KEYS, where)
    return GoldMention(
        text=_text(fields, "text", where),
        actor=_optional_text(fields, "actor", where),
        country=_optional_text(fields, "country", where),
        sector=_optional_text(fields, "sector", where),
    )


def _object(record: object, allowed: frozenset[str], what: str) -> Mapping[str, Any]:
    if not isinstance(record, dict):
        raise _Invalid(f"{what} must be a JSON object")
    unknown = sorted(set(record) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed))
        raise _Invalid(f"{what}: unknown key {unknown[0]!r} (expected: {expected})")
    return record


def _required(fields: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in fields:
        raise _Invalid(f"{where}: missing key {key!r}")
    return fields[key]


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text(fields: Mapping[str, Any], key: str, where: str) -> str:
    value = _required(fields, key, where)
    if not _is_text(value):
        raise _Invalid(f"{where}: {key!r} must be a non-empty string")
    return str(value)


def _optional_text(fields: Mapping[str, Any], key: str, where: str) -> str | None:
    value = fields.get(key)
    if value is not None and not _is_text(value):
        raise _Invalid(f"{where}: {key!r} must be a non-empty string or null")
    return value


def _date(value: object, where: str) -> str:
    found = _DATE.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise _Invalid(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise _Invalid(f"{where}: date {value!r} does not exist") from None
    return str(value)
