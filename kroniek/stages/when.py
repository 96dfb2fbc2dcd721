"""Event dates, first version: the article date, or an earlier year the text gives.

A past-tense event with an earlier year in its sentence (or else its paragraph) happened in
that year: "in 2008 stuurde hij het leger". Everything else is dated by the article, and the
precision says so. The full Dutch time-expression engine replaces this stage.
"""

from __future__ import annotations

import dataclasses
import re

from kroniek.model import Doc, Sentence, TimeExpr

_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,.]\d)")


def _precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "year")


def _years(text: str, offset: int) -> list[TimeExpr]:
    return [
        TimeExpr(offset + m.start(), offset + m.end(), m.group(1), m.group(1), "year")
        for m in _YEAR.finditer(text)
    ]


def _paragraph(doc: Doc, sentence: Sentence) -> list[Sentence]:
    text = doc.article.text
    start = text.rfind("\n\n", 0, sentence.start)
    end = text.find("\n\n", sentence.end)
    end = len(text) if end < 0 else end
    return [s for s in doc.sentences if start <= s.start and s.end <= end]


def _is_past(sentence: Sentence) -> bool:
    return any(t.is_finite and "verl" in t.features for t in sentence.tokens)


class DateStage:
    name = "when"

    def __call__(self, doc: Doc) -> Doc:
        article_year = (doc.article.date or "")[:4]
        times: list[TimeExpr] = []
        for sentence in doc.sentences:
            times.extend(_years(sentence.text, sentence.start))
        dated = []
        for event in doc.events:
            sentence = doc.sentences[event.sentence]
            year = None
            if _is_past(sentence):
                for scope in ([sentence], _paragraph(doc, sentence)):
                    earlier = [t for s in scope for t in _years(s.text, s.start)
                               if article_year and t.value < article_year]
                    if earlier:
                        year = min(earlier, key=lambda t: abs(t.start - event.trigger_start))
                        break
            if year is not None:
                dated.append(dataclasses.replace(
                    event, date=year.value, date_precision="year", date_source=year.text,
                    historical=True))
            elif doc.article.date:
                dated.append(dataclasses.replace(
                    event, date=doc.article.date, date_precision=_precision(doc.article.date),
                    date_source="article"))
            else:
                dated.append(event)
        return dataclasses.replace(doc, events=tuple(dated), times=tuple(times))
