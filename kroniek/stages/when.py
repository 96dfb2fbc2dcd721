"""Event dates from the Dutch time expressions of the article (kroniek.timex).

An event is dated, in this order, by
1. a time expression in its clause: attached to its trigger or verb chain in the parse, or
   in the stretch of the sentence between clause boundaries that holds the trigger
   ('Eind januari zette Mali de ambassadeur uit, nadat ...': 'Eind januari' dates 'zette',
   and, as the nearest earlier date, the 'nadat' clause too, by rule 2);
2. for an event in the simple past, a date before the article date elsewhere in its
   sentence, else in the sentences of its paragraph before it, else after it
   ('In 2008 stuurde hij het leger. Met een vijfdaagse oorlog hielp hij ...');
3. the article date, at its own precision (date_source 'article').

A clause boundary is a subordinating conjunction, a relative pronoun, ';', ':', or a comma
before one of those or before a finite verb: commas around an apposition do not split a
clause. An expression that ends in a conjunction ('Een dag nadat') belongs to the clause that
conjunction opens. `historical` marks an event dated by a point in time that ended four
weeks or more before the article date; an ongoing state ('sinds 2014', 'al zes weken') is not
historical.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from kroniek.coder.clause import verb_chain
from kroniek.model import Doc, Event, Sentence, TimeExpr, Token
from kroniek.model.dates import is_partial_date
from kroniek.timex import find_time_expressions
from kroniek.timex.calendar import month_end, parse_reference
from kroniek.timex.rules import default_rules

HISTORICAL_GAP = timedelta(days=28)
_PUNCT_BOUNDARIES = frozenset({";", ":"})
_SINCE = frozenset({"sinds", "sedert", "sindsdien", "sedertdien", "vanaf"})
_MONTHS = frozenset(default_rules().months)
_YEAR = re.compile(r"\d{4}")


def _starts_clause(token: Token) -> bool:
    return (token.pos == "VG" and "onder" in token.features) or (
        token.pos == "VNW" and "betr" in token.features)


def clause_of(sentence: Sentence) -> list[int]:
    """For each token, the number of the linear clause it is in."""
    labels: list[int] = []
    current = 0
    tokens = sentence.tokens
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if i > 0 and _starts_clause(token) and tokens[i - 1].text != ",":
            current += 1
        labels.append(current)
        if token.text in _PUNCT_BOUNDARIES or (
            token.text == "," and following is not None
            and (_starts_clause(following) or following.is_finite)
        ):
            current += 1
    return labels


def _tokens_in(sentence: Sentence, start: int, end: int) -> list[Token]:
    return [t for t in sentence.tokens if t.start < end and t.end > start]


def _trigger_token(sentence: Sentence, event: Event) -> Token | None:
    tokens = _tokens_in(sentence, event.trigger_start, event.trigger_end)
    verbs = [t for t in tokens if t.is_verb]
    return (verbs or tokens or [None])[0]


def _governing_chain(sentence: Sentence, trigger: Token) -> list[Token]:
    """The verb chain of the trigger's clause: a nominal trigger climbs to its verb."""
    current = trigger
    for _ in range(6):
        if current.is_verb or current.head is None:
            break
        current = sentence.tokens[current.head]
    return verb_chain(sentence, current) if current.is_verb else [trigger]


def _in_clause(sentence: Sentence, event: Event, times: list[TimeExpr]) -> list[TimeExpr]:
    """The time expressions of the event's clause, those the parse attaches to its trigger or
    verb chain first, then those naming a point in time, then by distance to the trigger."""
    trigger = _trigger_token(sentence, event)
    if trigger is None:
        return []
    labels = clause_of(sentence)
    heads = {trigger.index} | {t.index for t in _governing_chain(sentence, trigger)}
    scored = []
    for time in times:
        tokens = _tokens_in(sentence, time.start, time.end)
        if not tokens:
            continue
        attached = any(t.head in heads for t in tokens)
        same_clause = labels[tokens[-1].index] == labels[trigger.index]
        if attached or same_clause:
            distance = abs(tokens[0].index - trigger.index)
            # 'In 2008 bombardeerde Rusland Georgië vijf dagen lang': the year dates the
            # event, the length counted back from the article date does not
            scored.append((not attached, not _names_a_point(time), distance, time))
    return [time for *_, time in sorted(scored, key=lambda s: s[:3])]


def _is_past(sentence: Sentence, event: Event) -> bool:
    """The event's clause is in the simple past: the tense of a story told. A present
    perfect ('heeft ... gevraagd') is how Dutch news reports what just happened, so it keeps
    the article date. The finite verb is looked for in the trigger's verb chain, else in its
    clause, else in the sentence."""
    trigger = _trigger_token(sentence, event)
    finite: list[Token] = []
    if trigger is not None:
        finite = [t for t in _governing_chain(sentence, trigger) if t.is_finite]
        if not finite:
            labels = clause_of(sentence)
            finite = [t for t in sentence.tokens
                      if t.is_finite and labels[t.index] == labels[trigger.index]]
    if not finite:
        finite = [t for t in sentence.tokens if t.is_finite]
    return any("verl" in t.features for t in finite)


def _paragraph(doc: Doc, sentence: Sentence) -> tuple[list[Sentence], list[Sentence]]:
    """The sentences of the paragraph before this one (nearest first) and after it."""
    text = doc.article.text
    start = text.rfind("\n\n", 0, sentence.start)
    end = text.find("\n\n", sentence.end)
    end = len(text) if end < 0 else end
    before = [s for s in doc.sentences if start <= s.start and s.end <= sentence.start]
    after = [s for s in doc.sentences if s.start >= sentence.end and s.end <= end]
    return before[::-1], after


def _first_day(value: str) -> date:
    if len(value) == 3:
        return date(int(value) * 10, 1, 1)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _last_day(value: str) -> date:
    if len(value) == 3:
        return date(int(value) * 10 + 9, 12, 31)
    if len(value) == 4:
        return date(int(value), 12, 31)
    if len(value) == 7:
        return month_end(_first_day(value))
    return _first_day(value)


def _names_a_point(time: TimeExpr) -> bool:
    """A date, or the start a 'sinds' phrase names ('sinds 1996', 'sindsdien'); not the start
    counted back from the article date ('al zes weken'), which says nothing about the events
    around it."""
    if time.kind == "date":
        return True
    words = time.text.lower().split()
    return time.kind == "duration" and bool(words) and words[0] in _SINCE


def _earlier(time: TimeExpr, article_date: str | None) -> bool:
    """A point in time that starts before the article date does."""
    if parse_reference(article_date) is None or not _names_a_point(time):
        return False
    return _first_day(time.value) < _first_day(article_date or "")


def _within(times: list[TimeExpr], sentence: Sentence) -> list[TimeExpr]:
    return [t for t in times if sentence.start <= t.start and t.end <= sentence.end]


def _earlier_in_context(doc: Doc, sentence: Sentence, event: Event,
                        times: list[TimeExpr]) -> TimeExpr | None:
    article_date = doc.article.date
    own = [t for t in _within(times, sentence) if _earlier(t, article_date)]
    if own:
        return min(own, key=lambda t: abs(t.start - event.trigger_start))
    before, after = _paragraph(doc, sentence)
    for other in before:
        # the first: a main clause tends to open the sentence, relative clauses to close it
        found = [t for t in _within(times, other) if _earlier(t, article_date)]
        if found:
            return found[0]
    for other in after:
        found = [t for t in _within(times, other) if _earlier(t, article_date)]
        if found:
            return found[0]
    return None


def _historical(time: TimeExpr, article_date: str | None) -> bool:
    if time.kind != "date" or parse_reference(article_date) is None:
        return False
    return _last_day(time.value) + HISTORICAL_GAP < _first_day(article_date or "")


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "year")


def _told_in_the_past(time: TimeExpr, article_date: str | None) -> TimeExpr:
    """A simple-past event cannot lie after the article date: a day or month named without a
    year that the engine put ahead ('op 13 september' in an article of 20 August) is last
    year's."""
    if (time.kind != "date" or time.precision not in ("month", "day") or _YEAR.search(time.text)
            or parse_reference(article_date) is None
            or not any(w.strip(".,") in _MONTHS for w in time.text.lower().split())
            or _first_day(time.value) <= _last_day(article_date or "")):
        return time
    year, rest = time.value[:4], time.value[4:]
    earlier = f"{int(year) - 1:04d}{rest}"
    return dataclasses.replace(time, value=earlier) if is_partial_date(earlier) else time


def date_event(doc: Doc, event: Event, times: list[TimeExpr]) -> Event:
    sentence = doc.sentences[event.sentence]
    own = [t for t in _within(times, sentence) if t.kind in ("date", "duration")]
    chosen = next(iter(_in_clause(sentence, event, own)), None)
    past = _is_past(sentence, event)
    if chosen is not None and past:
        chosen = _told_in_the_past(chosen, doc.article.date)
    if chosen is None and past:
        chosen = _earlier_in_context(doc, sentence, event, times)
    if chosen is not None:
        return dataclasses.replace(
            event, date=chosen.value, date_precision=chosen.precision, date_source=chosen.text,
            historical=_historical(chosen, doc.article.date))
    if doc.article.date:
        return dataclasses.replace(
            event, date=doc.article.date, date_precision=_precision(doc.article.date),
            date_source="article", historical=False)
    return event


class DateStage:
    name = "when"

    def __call__(self, doc: Doc) -> Doc:
        times = find_time_expressions(doc.article.text, doc.article.date)
        dated = tuple(date_event(doc, event, times) for event in doc.events)
        return dataclasses.replace(doc, events=dated, times=tuple(times))
