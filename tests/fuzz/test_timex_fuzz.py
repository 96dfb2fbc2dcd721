"""The time normaliser on arbitrary text and article dates: it never raises, and every value it
returns is a real date ('YYYY', 'YYYY-MM', 'YYYY-MM-DD', or a decade 'YYY')."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import kroniek
from kroniek.model.dates import is_partial_date
from kroniek.timex import find_time_expressions

FUZZ = settings(max_examples=300, deadline=None)
DATA = Path(kroniek.__file__).parent / "data" / "timex"
DECADE = re.compile(r"\d{3}")


@cache
def timex_words() -> list[str]:
    """Every word of the normaliser's own data files, so that the text is full of its cues."""
    words: list[str] = []
    for path in sorted(DATA.glob("*.tsv")):
        with path.open(encoding="utf-8") as rows:
            words += [row[0] for row in csv.reader(rows, delimiter="\t") if row][1:]
    return words


def pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(timex_words()),
        st.integers(-5, 10_000).map(str),
        st.sampled_from(["31", "29 februari", "'20", "1e", "2.", "-", "/", "jaren '90", "in",
                         "op", "sinds", "tot", "eind", "begin", "half", "dertigste"]),
        st.text(max_size=6),
    )


texts = st.lists(pieces(), max_size=12).map(" ".join)
article_dates = st.one_of(
    st.none(), st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2020", "2020-08", "0001-01-01", "9999-12-31", "2021-02-30", "", "gisteren"]),
    st.text(max_size=10),
)


@FUZZ
@given(text=texts, article_date=article_dates)
def test_timex_never_raises_and_every_value_is_a_real_date(
    text: str, article_date: str | None
) -> None:
    for found in find_time_expressions(text, article_date):
        assert is_partial_date(found.value) or DECADE.fullmatch(found.value), found
        assert text[found.start : found.end] == found.text
