"""Event dates: a time expression in the event's clause, else an earlier date in a simple-past
sentence or its paragraph, else the article date."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc

Code = Callable[..., Doc]


def test_when_past_tense_with_an_earlier_year_sets_the_year(code: Code) -> None:
    doc = code("In 2008 stuurde Poetin het leger naar Georgië.", "2020-08-20")
    (event,) = [e for e in doc.events if e.type == "MOBILIZE"]
    assert (event.date, event.date_precision, event.date_source, event.historical) == (
        "2008", "year", "In 2008", True)


def test_when_year_from_the_paragraph(code: Code) -> None:
    doc = code("De crisis begon in 2014. Russische militairen annexeerden de Krim.", "2020-08-20")
    (event,) = [e for e in doc.events if e.pattern_id == "assault.annexeren"]
    assert (event.date, event.date_source) == ("2014", "in 2014")


def test_when_without_a_time_expression_the_article_date_and_its_precision(code: Code) -> None:
    doc = code("Poetin belde Loekasjenko op.", "2020-08")
    (event,) = doc.events
    assert (event.date, event.date_precision, event.date_source, event.historical) == (
        "2020-08", "month", "article", False)


def test_when_weekday_in_the_clause_is_the_last_such_day(code: Code) -> None:
    doc = code("Washington legde donderdag sancties op aan Iran.", "2022-09-24")
    (event,) = [e for e in doc.events if e.type == "SANCTION"]
    assert (event.date, event.date_precision, event.date_source, event.historical) == (
        "2022-09-22", "day", "donderdag", False)


def test_when_sinds_dates_an_ongoing_event_by_its_start_and_not_as_history(code: Code) -> None:
    doc = code("Sinds 2014 steunt Poetin Loekasjenko.", "2020-08-20")
    support = [e for e in doc.events if e.type == "SUPPORT"]
    assert support
    assert all((e.date, e.date_source, e.historical) == ("2014", "Sinds 2014", False)
               for e in support)


def test_when_al_zes_weken_dates_the_protest_by_its_start(code: Code) -> None:
    doc = code("In Chabarovsk demonstreren duizenden inwoners al zes weken tegen Poetin.",
               "2020-08-20")
    (event,) = [e for e in doc.events if e.type == "PROTEST"]
    assert (event.date, event.date_precision, event.date_source) == (
        "2020-07-09", "day", "al zes weken")


def test_when_a_date_in_another_clause_leaves_a_present_event_on_the_article_date(
    code: Code,
) -> None:
    doc = code("De oppositie eist het aftreden van de premier, die in 2008 aan de macht kwam.",
               "2020-11-11")
    (event,) = [e for e in doc.events if e.type == "REQUEST"]
    assert (event.date, event.date_source) == ("2020-11-11", "article")


def test_when_a_past_event_in_a_nadat_clause_takes_the_main_clause_date(code: Code) -> None:
    doc = code("Eind januari zette Mali de Franse ambassadeur het land uit, nadat Le Drian de "
               "junta illegitiem had genoemd.", "2022-02-18")
    (event,) = [e for e in doc.events if e.type == "SANCTION"]
    assert (event.date, event.date_precision, event.date_source) == (
        "2022-01", "month", "Eind januari")


def test_when_diezelfde_middag_takes_the_date_before(code: Code) -> None:
    doc = code("Een tijdelijk bestand ging vrijdagochtend om zeven uur in. Diezelfde middag liet "
               "Hamas dertien Israëlische gijzelaars vrij.", "2023-11-25")
    released = [e for e in doc.events if e.trigger_text.startswith("liet")]
    assert released and all(
        (e.type, e.date, e.date_source) == ("RETREAT", "2023-11-24", "Diezelfde middag")
        for e in released)


def test_when_a_present_perfect_keeps_the_article_date(code: Code) -> None:
    doc = code("Erdogan zei zondag dat hij boos is. Ankara heeft Washington formeel gevraagd "
               "Gülen uit te leveren.", "2016-07-21")
    (event,) = [e for e in doc.events if e.type == "REQUEST"]
    assert (event.date, event.date_source) == ("2016-07-21", "article")


def test_when_doc_times_holds_every_expression(code: Code) -> None:
    doc = code("Poetin belde zondag met Loekasjenko. Sinds maart zijn er protesten.",
               "2020-08-20")
    assert [(t.text, t.value, t.kind) for t in doc.times] == [
        ("zondag", "2020-08-16", "date"), ("Sinds maart", "2020-03", "duration")]
    assert all(doc.article.text[t.start : t.end] == t.text for t in doc.times)


def test_when_a_date_beats_a_length_in_the_same_clause(code: Code) -> None:
    doc = code("Rusland bombardeerde Georgië vijf dagen lang in augustus 2008.", "2020-08-20")
    assault = [e for e in doc.events if e.type == "ASSAULT"]
    assert assault and all(
        (e.date, e.date_source, e.historical) == ("2008-08", "in augustus 2008", True)
        for e in assault)


def test_when_a_past_event_on_a_day_ahead_of_the_article_is_last_year(code: Code) -> None:
    doc = code("Amini werd op 13 september in Teheran door de zedenpolitie aangehouden, omdat "
               "haar hoofddoek niet goed zou zitten.", "2020-08-20")
    (event,) = [e for e in doc.events if e.type == "COERCE"]
    assert (event.date, event.date_source, event.historical) == (
        "2019-09-13", "op 13 september", True)
