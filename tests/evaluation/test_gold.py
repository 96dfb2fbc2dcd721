from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kroniek.evaluation import (
    MISSING,
    GoldActor,
    GoldEvent,
    GoldFormatError,
    GoldMention,
    load_gold,
)

EVENT: dict[str, Any] = {
    "sentence": "Poetin belde",
    "type": "CONSULT",
    "mode": "phone",
    "source": {"country": "RUS", "sector": "GOV", "actor": "Vladimir Putin"},
    "target": {"country": "BLR", "sector": "GOV"},
    "date": "2020-08",
    "place": None,
    "factuality": "asserted",
    "required": True,
}
ARTICLE: dict[str, Any] = {
    "id": "a",
    "date": "2020-08",
    "text": "Poetin belde Loekasjenko.",
    "events": [EVENT],
}
_DROP = object()  # a key to leave out of a record


def _write(folder: Path, *lines: dict[str, Any] | str, name: str = "gold.jsonl") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def _article(**changes: Any) -> dict[str, Any]:
    record = {**ARTICLE, **changes}
    return {key: value for key, value in record.items() if value is not _DROP}


def _event(**changes: Any) -> dict[str, Any]:
    record = {**EVENT, **changes}
    return {key: value for key, value in record.items() if value is not _DROP}


@pytest.mark.parametrize("relative", ["a.txt", "articles/a.txt"])
def test_gold_path_is_resolved_against_gold_file(tmp_path: Path, relative: str) -> None:
    folder = tmp_path / "gold"
    (folder / relative).parent.mkdir(parents=True, exist_ok=True)
    (folder / relative).write_text("date 2020-08\n\nPoetin belde Loekasjenko.", encoding="utf-8")
    gold_file = _write(folder, _article(text=_DROP, path=relative))
    (article,) = load_gold(gold_file)
    assert (article.path, article.text) == (folder / relative, None)


@pytest.mark.parametrize("text", ["Poetin belde Loekasjenko.", "date 2020-08\n\nPoetin belde."])
def test_gold_text_variant_keeps_text(tmp_path: Path, text: str) -> None:
    (article,) = load_gold(_write(tmp_path, _article(text=text)))
    assert (article.id, article.date, article.path, article.text) == ("a", "2020-08", None, text)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            EVENT,
            GoldEvent(
                sentence="Poetin belde", type="CONSULT", mode="phone",
                source=(GoldActor(country="RUS", sector="GOV", actor="Vladimir Putin"),),
                target=(GoldActor(country="BLR", sector="GOV"),),
                date="2020-08", place=None, factuality="asserted", required=True,
            ),
        ),
    ],
)
def test_gold_event_fields_are_read(
    tmp_path: Path, record: dict[str, Any], expected: GoldEvent
) -> None:
    (article,) = load_gold(_write(tmp_path, _article(events=[record])))
    assert article.events == (expected,)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"country": "RUS"}, GoldActor(country="RUS", sector=MISSING, actor=MISSING)),
        ({"country": "RUS", "sector": None}, GoldActor(country="RUS", sector=None, actor=MISSING)),
        ({}, GoldActor(country=MISSING, sector=MISSING, actor=MISSING)),
    ],
)
def test_gold_absent_actor_key_differs_from_null(
    tmp_path: Path, source: dict[str, Any], expected: GoldActor
) -> None:
    (article,) = load_gold(_write(tmp_path, _article(events=[_event(source=source)])))
    assert article.events[0].source == (expected,)


@pytest.mark.parametrize(
    "members", [[{"country": "RUS", "sector": "GOV"}, {"country": "BLR", "sector": "GOV"}]]
)
def test_gold_compound_actor_keeps_every_member(
    tmp_path: Path, members: list[dict[str, Any]]
) -> None:
    (article,) = load_gold(_write(tmp_path, _article(events=[_event(target=members)])))
    assert article.events[0].target == tuple(GoldActor(**m) for m in members)


@pytest.mark.parametrize("key", ["mode", "date", "place", "source", "target"])
def test_gold_left_out_event_field_reads_as_null(tmp_path: Path, key: str) -> None:
    (article,) = load_gold(_write(tmp_path, _article(events=[_event(**{key: _DROP})])))
    assert getattr(article.events[0], key) is None


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "Kremlin", "country": "RUS", "sector": "GOV"},
         GoldMention(text="Kremlin", actor=None, country="RUS", sector="GOV")),
        ({"text": "Navo", "actor": "NATO", "country": "IGO", "sector": None},
         GoldMention(text="Navo", actor="NATO", country="IGO", sector=None)),
    ],
)
def test_gold_mentions_are_read(
    tmp_path: Path, record: dict[str, Any], expected: GoldMention
) -> None:
    (article,) = load_gold(_write(tmp_path, _article(mentions=[record])))
    assert article.mentions == (expected,)


@pytest.mark.parametrize("extra", [{"note": "passive: the workers boo Lukashenko"}])
def test_gold_note_is_allowed_on_an_event(tmp_path: Path, extra: dict[str, Any]) -> None:
    (article,) = load_gold(_write(tmp_path, _article(events=[_event(**extra)])))
    assert article.events[0].sentence == "Poetin belde"


@pytest.mark.parametrize("blank", ["", "   "])
def test_gold_blank_lines_are_skipped(tmp_path: Path, blank: str) -> None:
    gold_file = _write(tmp_path, _article(), blank, _article(id="b"))
    assert [a.id for a in load_gold(gold_file)] == ["a", "b"]


@pytest.mark.parametrize(
    ("bad_line", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ('["a", "list"]', "must be a JSON object"),
        (_article(id=_DROP), "missing key 'id'"),
        (_article(id="first"), "already used on line 1"),
        (_article(path="a.txt"), "exactly one of 'path' and 'text'"),
        (_article(text=_DROP), "exactly one of 'path' and 'text'"),
        (_article(text=_DROP, path="nowhere.txt"), "article file not found"),
        (_article(date="2020-13"), "does not exist"),
        (_article(date="20-08"), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (_article(events=_DROP), "missing key 'events'"),
        (_article(title="Belarus"), "unknown key 'title'"),
        (_article(events=[_event(factuality="maybe")]), "factuality must be one of"),
        (_article(events=[_event(required="yes")]), "'required' must be true or false"),
        (_article(events=[_event(type="consult")]), "not a PLOVER type name"),
        (_article(events=[_event(sentence="")]), "'sentence' must be a non-empty string"),
        (_article(events=[_event(date="2020-8")]), "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (_article(events=[_event(source={"contry": "RUS"})]), "unknown key 'contry'"),
        (_article(events=[_event(source=[])]), "at least one member"),
        (_article(mentions=[{"country": "RUS"}]), "missing key 'text'"),
    ],
)
def test_gold_malformed_line_names_file_and_line(
    tmp_path: Path, bad_line: dict[str, Any] | str, complaint: str
) -> None:
    gold_file = _write(tmp_path, _article(id="first"), "", bad_line)
    with pytest.raises(GoldFormatError) as raised:
        load_gold(gold_file)
    assert raised.value.line == 3
    assert "gold.jsonl:3: " in str(raised.value)
    assert complaint in str(raised.value)


@pytest.mark.parametrize("base", [ValueError])
def test_gold_format_error_is_a_value_error(base: type[Exception]) -> None:
    assert issubclass(GoldFormatError, base)
