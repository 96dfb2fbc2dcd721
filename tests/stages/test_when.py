"""Event dates, first version: an earlier year in a past-tense sentence, else the article."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc

Code = Callable[..., Doc]


def test_when_past_tense_with_an_earlier_year_sets_the_year(code: Code) -> None:
    doc = code("In 2008 stuurde Poetin het leger naar Georgië.", "2020-08-20")
    (event,) = [e for e in doc.events if e.type == "MOBILIZE"]
    assert (event.date, event.date_precision, event.date_source, event.historical) == (
        "2008", "year", "2008", True)


def test_when_year_from_the_paragraph(code: Code) -> None:
    doc = code("De crisis begon in 2014. Russische militairen annexeerden de Krim.", "2020-08-20")
    (event,) = [e for e in doc.events if e.rule == "assault.annexeren"]
    assert event.date == "2014"


def test_when_without_a_year_the_article_date_and_its_precision(code: Code) -> None:
    doc = code("Poetin belde Loekasjenko op.", "2020-08")
    (event,) = doc.events
    assert (event.date, event.date_precision, event.date_source, event.historical) == (
        "2020-08", "month", "article", False)


def test_when_present_tense_keeps_the_article_date(code: Code) -> None:
    doc = code("Sinds 2014 steunt Poetin Loekasjenko.", "2020-08-20")
    support = [e for e in doc.events if e.type == "SUPPORT"]
    assert support and all(e.date == "2020-08-20" for e in support)
