from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kroniek.errors import IngestError
from kroniek.model import Article
from kroniek.stages import ingest
from tests.conftest import SEED


def _articles(items: list[Article | IngestError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_ingest_seed_keeps_caption_and_credit_apart() -> None:
    (a,) = _articles(list(ingest.read_file(SEED)))
    assert a.id == "belarus-2020-08"
    assert a.date == "2020-08"
    assert a.caption is not None and a.credit is not None
    assert a.span_text(a.caption) == (
        "Arbeiders van een autofabriek voegen zich ook bij het protest."
    )
    assert a.span_text(a.credit) == "Beeld EPA"
    assert a.text.startswith("Arbeiders van een autofabriek")


@pytest.mark.parametrize(
    ("first_line", "caption", "credit"),
    [
        ("date 2022-03-04 Betogers in Tbilisi. Foto ANP", "Betogers in Tbilisi.", "Foto ANP"),
        ("date 2019-10 Boeren op het Malieveld. (Reuters)", "Boeren op het Malieveld.",
         "(Reuters)"),
        ("date 2021 Een tank bij Marioepol. Beeld AFP / Getty", "Een tank bij Marioepol.",
         "Beeld AFP / Getty"),
        ("date 2021-05-01", None, None),
    ],
)
def test_ingest_txt_caption_credit_forms(
    first_line: str, caption: str | None, credit: str | None
) -> None:
    a = ingest.parse_txt(first_line + "\n\nDe regering viel.", "x", "x.txt")
    assert (a.span_text(a.caption) if a.caption else None) == caption
    assert (a.span_text(a.credit) if a.credit else None) == credit


def test_ingest_credit_is_not_codable() -> None:
    a = ingest.parse_txt("date 2020 Demonstranten in Minsk. Beeld EPA\n\nTekst.", "x", "x")
    assert all("Beeld" not in a.text[s.start : s.end] for s in a.codable_spans())


def test_ingest_txt_without_date_line_keeps_text() -> None:
    a = ingest.parse_txt("Poetin belde Loekasjenko op.", None, "<stdin>")
    assert a.date is None and a.text == "Poetin belde Loekasjenko op."
    assert a.id == ingest.content_hash(a.text)


@pytest.mark.parametrize("bad", ["date 2020-13-01 x", "date 2021-02-30\n\ntekst"])
def test_ingest_impossible_date_is_an_error_naming_the_file(bad: str) -> None:
    with pytest.raises(IngestError, match=r"bad\.txt:1"):
        ingest.parse_txt(bad, "bad", "bad.txt")


def test_ingest_jsonl_fields_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"id": "n1", "date": "2020-08-09T10:00:00Z", "title": "Kop", "text": "Tekst.",
              "url": "https://example.org/1", "source": "NOS", "section": "buitenland"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (a,) = _articles(list(ingest.read_file(path)))
    assert (a.id, a.date, a.title, a.source) == ("n1", "2020-08-09", "Kop", "NOS")
    assert a.metadata == {"section": "buitenland"}


@pytest.mark.parametrize(("stamp", "day"), [
    ("2020-08-09T23:30:00-05:00", "2020-08-09"),  # the day as written, in its own zone
    ("2020-08-09 10:00", "2020-08-09"),
    ("Sun, 09 Aug 2020 10:00:00 +0200", "2020-08-09"),  # RSS pubDate
])
def test_ingest_jsonl_timestamp_gives_its_day(tmp_path: Path, stamp: str, day: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": stamp, "text": "Tekst."}) + "\n",
                    encoding="utf-8")
    (a,) = _articles(list(ingest.read_file(path)))
    assert a.date == day


@pytest.mark.parametrize("stamp", ["2020-08-09T99:99", "09-08-2020", "gisteren"])
def test_ingest_jsonl_unreadable_date_names_file_and_line(tmp_path: Path, stamp: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "n1", "date": stamp, "text": "Tekst."}) + "\n",
                    encoding="utf-8")
    (error,) = list(ingest.read_file(path))
    assert isinstance(error, IngestError) and (error.path, error.line) == (str(path), 1)


def test_ingest_jsonl_bad_line_names_file_and_line_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"id": "1", "text": "Een."}\n{kapot\n{"id": "3"}\n{"id": "4", '
                    '"text": "Vier."}\n', encoding="utf-8")
    items = list(ingest.read_file(path))
    assert [a.id for a in _articles(items)] == ["1", "4"]
    problems = [str(i) for i in items if isinstance(i, IngestError)]
    assert problems[0].startswith(f"{path}:2: not valid JSON")
    assert problems[1] == f"{path}:3: missing or empty 'text' field"


def test_ingest_jsonl_without_id_gets_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "Zelfde tekst."}\n', encoding="utf-8")
    (a,) = _articles(list(ingest.read_file(path)))
    assert a.id == ingest.content_hash("Zelfde tekst.")


def test_ingest_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Tweede.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Eerste.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("niet lezen", encoding="utf-8")
    ids = [a.id for a in _articles(list(ingest.read_inputs([str(tmp_path)])))]
    assert ids == ["b", "a"]


def test_ingest_stdin_jsonl_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "s1", "text": "Hallo."}\n'))
    assert [a.id for a in _articles(list(ingest.read_inputs(["-"])))] == ["s1"]
    monkeypatch.setattr("sys.stdin", io.StringIO("date 2020-01-02\n\nGewone tekst."))
    (a,) = _articles(list(ingest.read_inputs(["-"])))
    assert a.date == "2020-01-02" and a.text.strip() == "Gewone tekst."


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "no text"), (b"   \n\n ", "no text"), (b"\x00\x01\x02binary", "binary"),
     (b"<div><script>x()</script></div>", "only markup")],
)
def test_ingest_bad_files_are_reported_not_raised(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (item,) = list(ingest.read_inputs([str(path)]))
    assert isinstance(item, IngestError)
    assert str(path) in str(item) and message in str(item)


def test_ingest_missing_path_is_reported() -> None:
    (item,) = list(ingest.read_inputs(["/nonexistent/x.txt"]))
    assert isinstance(item, IngestError) and "no such file" in str(item)


def test_ingest_windows_1252_is_detected_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("De Oekraïense regering en de Belarussische oppositie spraken in café "
                     "Nöel over de crisis, zeiden betrokkenen.".encode("cp1252"))
    (a,) = _articles(list(ingest.read_file(path)))
    assert "Oekraïense" in a.text and "café" in a.text
    assert "not UTF-8" in str(a.metadata["encoding"])


def test_ingest_html_remnants_are_stripped_keeping_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "web.jsonl"
    record = {"id": "w1", "text": "<p>Poetin belde Loekasjenko op.</p><script>track()</script>"
                                  "<p>Het gesprek duurde&nbsp;kort.</p>"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (a,) = _articles(list(ingest.read_file(path)))
    assert a.text == "Poetin belde Loekasjenko op.\n\nHet gesprek duurde kort."
    assert a.metadata["markup"] == "stripped"
