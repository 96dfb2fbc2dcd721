"""Dates at the precision a source gives them: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""

from __future__ import annotations

import re
from datetime import date

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def is_partial_date(value: str) -> bool:
    """True for a real calendar date at year, month or day precision ('2021-02-30' is not)."""
    match = _PARTIAL.match(value)
    if not match:
        return False
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True
