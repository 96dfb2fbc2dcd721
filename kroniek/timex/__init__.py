"""Dutch time expressions, normalised TIMEX3-style against the article date.

    find_time_expressions("Poetin belde zondag en al zes weken ...", "2020-08-20")

The words are data (kroniek/data/timex, see its README); python-dateutil does the calendar
arithmetic.
"""

from kroniek.timex.engine import find_time_expressions
from kroniek.timex.rules import Rules, load_rules

__all__ = ["Rules", "find_time_expressions", "load_rules"]
