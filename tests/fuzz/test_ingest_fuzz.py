"""Ingest on arbitrary input: it yields articles or IngestErrors naming the file (and line),
and raises nothing, whatever the bytes."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek.errors import IngestError
from kroniek.model import Article
from kroniek.model.dates import is_partial_date
from kroniek.stages.ingest import read_file, read_jsonl

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Bytes that look like the messy inputs researchers have: text in several encodings, markup,
# JSON, control bytes and plain noise.
DUTCH = "Poetin belde maandag met Loekasjenko over de protesten in Minsk. Één café, reüнie"
pieces = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from([DUTCH.encode("utf-8"), DUTCH.encode("cp1252", "replace"),
                     DUTCH.encode("utf-16"), DUTCH.encode("latin-1", "replace"),
                     b"<html><body><p>", b"</p><script>x</script>", b"date 2020-08-16\n",
                     b"date 2021-02-30\n", b"\x00\x00\xff\xfe", b"\n\n", b"{\"id\": 1}\n",
                     b"\xef\xbb\xbf", b"EOT\n", b"&amp;&#12345;&#x110000;"]),
)
contents = st.lists(pieces, max_size=8).map(b"".join)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kroniek-fuzz-") as name:
        yield Path(name)


def check(items: list[Article | IngestError], origin: str) -> None:
    for item in items:
        if isinstance(item, IngestError):
            assert str(item).startswith(origin), item
        else:
            assert isinstance(item, Article) and item.text.strip() and item.content_hash
            assert item.date is None or is_partial_date(item.date)


@FUZZ
@given(data=contents, suffix=st.sampled_from([".txt", ".jsonl"]))
def test_ingest_any_bytes_gives_articles_or_located_errors(
    folder: Path, data: bytes, suffix: str
) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    check(list(read_file(path)), str(path))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                    st.sampled_from(["2020-08-16", "2020-08", "2020", "2021-02-30", "16-08-2020",
                                     "0000-00-00", "9999-12-31", "2020-13", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
records = st.dictionaries(
    st.sampled_from(["id", "text", "date", "title", "url", "source", "metadata", "other"]),
    st.one_of(values, st.just(DUTCH)), max_size=7)
lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    values.map(json.dumps),
    st.text(max_size=80),
    records.map(lambda r: json.dumps(r)[: len(json.dumps(r)) // 2]),  # truncated
)


@FUZZ
@given(batch=st.lists(lines, max_size=12))
def test_ingest_any_jsonl_lines_give_articles_or_errors_with_their_line(batch: list[str]) -> None:
    items = list(read_jsonl(batch, "fuzz.jsonl"))
    check(items, "fuzz.jsonl")
    for item in items:
        if isinstance(item, IngestError):
            assert item.line is not None and 1 <= item.line <= len(batch)
