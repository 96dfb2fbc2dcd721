"""Targets the sentence leaves implicit, through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

from kroniek.model import Doc, Event

Code = Callable[..., Doc]


def _event(doc: Doc, type_: str) -> Event:
    found = [e for e in doc.events if e.type == type_]
    assert found, [(e.type, e.rule) for e in doc.events]
    return found[0]


def _target(event: Event) -> tuple[str, str] | None:
    return (event.target.actor.name, event.target.actor.code) if event.target else None


def test_protest_naming_no_one_targets_the_protesters_government(code: Code) -> None:
    doc = code("Duizenden Nederlandse boeren trokken dinsdag naar Den Haag om te protesteren.",
               "2019-10-01")
    event = _event(doc, "PROTEST")
    assert _target(event) == ("Netherlands (government)", "NLDGOV")
    assert event.rule == "protest.protesteren+implicit.protest-own-government"


def test_protest_abroad_gets_no_own_government_target(code: Code) -> None:
    event = _event(code("Duizenden Oekraïners demonstreerden zondag in Amsterdam.",
                        "2022-03-06"), "PROTEST")
    assert event.place is not None and event.place.country == "NLD"
    assert event.target is None


def test_protest_at_home_targets_the_own_government(code: Code) -> None:
    event = _event(code("Duizenden Oekraïners demonstreerden zondag in Kiev.", "2022-03-06"),
                   "PROTEST")
    assert _target(event) == ("Ukraine (government)", "UKRGOV")


def test_protest_keeps_the_target_it_names(code: Code) -> None:
    event = _event(code("In Chabarovsk demonstreren duizenden inwoners tegen Poetin."), "PROTEST")
    assert _target(event) == ("Vladimir Putin", "RUSGOV")
    assert "implicit" not in event.rule


def test_martial_law_binds_the_declaring_country(code: Code) -> None:
    doc = code("President Zelenski kondigde donderdag de staat van beleg af.", "2022-02-24")
    event = _event(doc, "COERCE")
    assert _target(event) == ("Ukraine", "UKR")
    assert event.target is not None and event.target.text == ""
    assert event.rule.endswith("+implicit.emergency-own-country")


def test_refusal_targets_the_other_party_of_the_sentence_before(code: Code) -> None:
    doc = code("Poetin heeft het nooit goed kunnen vinden met Loekasjenko. "
               "Loekasjenko weigerde te tekenen.")
    event = _event(doc, "REJECT")
    assert _target(event) == ("Vladimir Putin", "RUSGOV")
    assert event.rule == "reject.weigeren+implicit.counterpart"
    assert event.target is not None and event.target.text == "Poetin"


def test_counterpart_is_not_sought_in_an_earlier_paragraph(code: Code) -> None:
    doc = code("Poetin heeft het nooit goed kunnen vinden met Loekasjenko.\n\n"
               "Loekasjenko weigerde te tekenen.")
    assert _event(doc, "REJECT").target is None


def test_counterpart_may_be_the_other_party_of_the_same_sentence(code: Code) -> None:
    doc = code("Loekasjenko weigerde te tekenen, waarna Poetin de subsidies stopzette.")
    assert _target(_event(doc, "REJECT")) == ("Vladimir Putin", "RUSGOV")


def test_no_counterpart_among_three_parties(code: Code) -> None:
    doc = code("Loekasjenko sprak met Macron en Erdogan. Loekasjenko weigerde te tekenen.")
    assert _event(doc, "REJECT").target is None


def test_counterpart_has_the_role_of_the_event_date(code: Code) -> None:
    # In 2023 Obama is a former president (ELI), no party to a state's refusal; in 2009 he
    # was the American government.
    doc = code("Medvedev sprak in 2009 met Obama. In 2009 weigerde Medvedev te tekenen.",
               "2023-05-01")
    assert _target(_event(doc, "REJECT")) == ("Barack Obama", "USAGOV")


def test_arrests_get_no_foreign_counterpart(code: Code) -> None:
    doc = code("Loekasjenko heeft het nooit goed kunnen vinden met Poetin. "
               "Loekasjenko arresteerde zondag honderden.")
    assert _event(doc, "COERCE").target is None


def test_emergency_binds_the_own_country_even_after_a_pair(code: Code) -> None:
    doc = code("Loekasjenko heeft het nooit goed kunnen vinden met Poetin. "
               "Loekasjenko riep zondag de noodtoestand uit.")
    assert _target(_event(doc, "COERCE")) == ("Belarus", "BLR")


def test_threat_targets_the_one_other_state_its_sentence_names(code: Code) -> None:
    event = _event(code("Rusland dreigde met een aanval op Oekraïne."), "THREATEN")
    assert _target(event) == ("Ukraine", "UKR")


def test_curfew_binds_the_country_of_the_government_that_declares_it(code: Code) -> None:
    event = _event(code("De Chinese regering stelde een avondklok in."), "COERCE")
    assert _target(event) == ("China", "CHN")


def test_opposition_demand_naming_no_one_targets_the_own_government(code: Code) -> None:
    event = _event(code("De Armeense oppositie eist nieuwe verkiezingen.", "2020-11-12"),
                   "REQUEST")
    assert _target(event) == ("Armenia (government)", "ARMGOV")
    assert event.rule.endswith("+implicit.claim-own-government")
