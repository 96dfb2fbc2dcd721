"""The shapes of Dutch time expressions, as regular expressions over the lexicons.

Each pattern has a name the normaliser knows. Words come from the data files; only the
order in which they combine is written here. Matching is case-insensitive on the original
text so that character offsets stay those of the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kroniek.timex.rules import Rules, default_rules

_START = r"(?<![\w'’])"
_END = r"(?![\w])"
YEAR = r"[12]\d{3}"
APPROX = (r"(?:ruim|bijna|zeker|ongeveer|circa|ca\.|meer\s+dan|minder\s+dan|zo['’]n|pakweg"
          r"|krap|goed|nog\s+geen|zowat|een\s+kleine|een\s+dikke)")


def alternation(words: Iterable[str]) -> str:
    """Longest first, so that 'gisteravond' wins over 'gister'; spaces match any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]


def _number(rules: Rules) -> str:
    ones = [w for w, v in rules.numerals.items() if v is not None and 1 <= v <= 9 and v == int(v)]
    tens = [w for w, v in rules.numerals.items() if v is not None and v in range(20, 100, 10)]
    compound = alternation(o for o in ones if o not in ("één", "eén")) + "ën?" + alternation(tens)
    compound = compound.replace("ën?", "(?:en|ën)")
    return rf"(?:\d{{1,4}}|{compound}|{alternation(rules.numerals)})"


def build_patterns(rules: Rules) -> list[Pattern]:
    month = alternation(rules.months)
    weekday = alternation(rules.weekdays) + alternation(rules.day_parts) + "?"
    number = _number(rules)
    unit = alternation(rules.units)
    many = alternation(w for w, (_, plural) in rules.units.items() if plural)
    part = alternation(rules.period_parts)
    modifier = alternation(rules.period_modifiers)
    period = alternation(rules.periods)
    season = alternation(rules.seasons)
    decade = alternation(rules.decades)
    cue = alternation(rules.cues)
    since = alternation(rules.since_words)
    relative_year = r"(?P<ryear>(?:vorig|dit|volgend|afgelopen)\s+jaar)"
    pre = rf"(?:(?P<since>{since})\s+)?(?:(?P<part>{part})\s*)?"
    shapes = {
        "ignore": alternation(rules.ignore),
        "named_event": rf"(?P<cue>{alternation(rules.anchor_cues)})\s+"
                       rf"(?P<event>{alternation(rules.named_events)})",
        "set": alternation(rules.set_words),
        "anaphora": rf"(?:(?P<since>{since})\s+)?(?P<phrase>{alternation(rules.anaphora)})",
        "later": rf"(?P<number>{number})\s+(?P<unit>{unit})\s+"
                 r"(?P<dir>later|daarna|nadien|eerder|daarvoor|ervoor)",
        "before_that": rf"(?P<number>{number})\s+(?P<unit>{unit})\s+nadat",
        "ago": rf"(?:{APPROX}\s+)?(?:(?P<number>{number})\s+)?(?P<unit>{unit})\s+geleden",
        "ongoing": rf"(?:al|nu\s+al)\s+(?:{APPROX}\s+)?(?:(?P<number>{number})\s+)?"
                   rf"(?P<unit>{unit})(?!\s+(?:oud|later|geleden))",
        "lasting": rf"(?:(?:(?P<number>{number})\s+)?(?P<unit>{unit})\s+lang"
                   rf"|(?P<compound>{many})lang)",
        "past_stretch": rf"(?:de|die|het)\s+(?:afgelopen|laatste|voorbije)\s+"
                        rf"(?:(?P<number>{number})\s+)?(?P<unit>{many})",
        "iso_date": rf"(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)",
        "numeric_date": rf"(?P<day>\d{{1,2}})[-/](?P<month>\d{{1,2}})[-/](?P<year>{YEAR})",
        "day_month": rf"{pre}(?:(?P<cue>{cue})\s+)?(?:(?:{weekday}),?\s+)?"
                     rf"(?P<day>\d{{1,2}})\s+(?P<month>{month})"
                     rf"(?:\s+(?:(?P<year>{YEAR})|{relative_year}))?",
        "month_year": rf"{pre}(?:(?:{cue})\s+)?(?P<month>{month})\s+"
                      rf"(?:(?P<year>{YEAR})|{relative_year})",
        "month": rf"{pre}(?:(?P<cue>{cue})\s+)?(?P<part2>{part}\s*)?(?P<month>{month})",
        "year": rf"(?:(?P<since>{since})\s+)?(?:(?P<cue>{cue})\s+)(?:(?:het\s+)?jaar\s+)?"
                rf"(?:(?P<part>{part})\s+)?(?P<year>{YEAR})",
        # the second year of 'tussen 2010 en 2012', 'in 2020 of 2021'
        "year_after_year": rf"(?<=\d{{4}} )(?P<cue>en|of|tot|t/m)\s+(?P<year>{YEAR})",
        "season": rf"(?:(?P<since>{since})\s+)?(?:(?:{cue})\s+)?(?:(?:de|het)\s+)?"
                  rf"(?:(?P<modifier>{modifier})\s+)?(?P<season>{season})"
                  rf"(?:\s+(?:van\s+)?(?:(?P<year>{YEAR})|{relative_year}))?",
        "decade": rf"{pre}(?:(?:{cue})\s+)?(?:de\s+)?jaren\s+(?:(?P<word>{decade})"
                  rf"|['’]?(?P<digits>\d0)|(?P<full>1\d\d0|20\d0)['’]?s?)",
        "relative_day": rf"(?:(?P<since>{since})\s+)?(?P<word>{alternation(rules.relative_days)})",
        "weekday": rf"(?:(?P<since>{since})\s+)?(?:(?P<modifier>{modifier})\s+)?"
                   rf"(?:(?P<weekmod>{modifier})\s+week\s+)?(?P<weekday>{weekday})"
                   r"(?:\s+(?P<jl>jongstleden|jl\.))?",
        "relative_period": rf"{pre}(?:(?:{cue})\s+)?(?:(?P<side>eerder|later)\s+)?(?:het\s+)?"
                           rf"(?P<modifier>{modifier})\s+(?P<period>{period})",
    }
    return [Pattern(name, re.compile(_START + shape + _END, re.IGNORECASE))
            for name, shape in shapes.items()]


@cache
def default_patterns() -> list[Pattern]:
    return build_patterns(default_rules())


def requires_cue(match: re.Match[str]) -> bool:
    """A month name needs a cue, a part word or 'sinds' before it to count ('in april')."""
    groups = match.groupdict()
    return not (groups.get("cue") or groups.get("part") or groups.get("part2")
                or groups.get("since"))
