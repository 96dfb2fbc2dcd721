"""Actors on the event's own date, through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc, Event

Code = Callable[..., Doc]


def _event(doc: Doc, type_: str) -> Event:
    found = [e for e in doc.events if e.type == type_]
    assert found, [(e.type, e.rule) for e in doc.events]
    return found[0]


def test_office_is_held_by_whoever_held_it_on_the_event_date(code: Code) -> None:
    doc = code("De Russische president bezocht in 2009 Minsk.", "2020-08-20")
    event = _event(doc, "CONSULT")
    assert event.date == "2009"
    assert event.source is not None and event.source.actor.name == "Dmitry Medvedev"


def test_person_has_the_role_of_the_event_date(code: Code) -> None:
    doc = code("In 2010 bezocht Poetin Minsk.", "2020-08-20")
    event = _event(doc, "CONSULT")
    assert event.source is not None
    assert (event.source.actor.name, event.source.actor.sector) == ("Vladimir Putin", "GOV")
    assert event.source.actor.title != "president"


def test_event_on_the_article_date_keeps_the_article_roles(code: Code) -> None:
    doc = code("De Russische president bezocht Minsk.", "2020-08-20")
    event = _event(doc, "CONSULT")
    assert event.source is not None and event.source.actor.name == "Vladimir Putin"


def test_description_of_someone_named_before_stays_them_while_they_hold_the_office(
    code: Code,
) -> None:
    doc = code("Loekasjenko sprak de arbeiders toe. In 2015 bezocht de Belarussische president "
               "Moskou.", "2020-08-20")
    event = _event(doc, "CONSULT")
    assert event.source is not None and event.source.how == "role+coref"
    assert event.source.actor.name == "Alexander Lukashenko"


def test_description_of_someone_named_before_is_the_office_holder_of_an_earlier_date(
    code: Code,
) -> None:
    # Putin is the Russian president of 2020, but in 2009 the president was Medvedev.
    doc = code("Poetin sprak de pers toe. In 2009 bezocht de Russische president Minsk.",
               "2020-08-20")
    event = _event(doc, "CONSULT")
    assert event.source is not None and event.source.actor.name == "Dmitry Medvedev"
