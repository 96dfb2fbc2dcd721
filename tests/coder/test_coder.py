"""The event coder on real Dutch sentences, through the real Frog and knowledge base.

Each case gives the type, the source and target actor codes (None: no actor), and the
factuality of the one event expected from the rule that should fire.
"""

from __future__ import annotations

import pytest

from kroniek.coder import MAX_PAIRS, default_patterns
from tests.coder.events import Code, actor_code, find

CASES = [
    # separable verb: 'belde ... op' is 'opbellen'
    ("Poetin belde Loekasjenko op.", "consult.opbellen", "CONSULT", "phone",
     "RUSGOV", "BLRGOV", "asserted"),
    # passive with a door-phrase: the workers boo Lukashenko
    ("Loekasjenko wordt uitgejouwd door fabrieksarbeiders.", "protest.uitjouwen", "PROTEST",
     "demo", "BLRLAB", "BLRGOV", "asserted"),
    # negation
    ("Poetin heeft Loekasjenko niet gesteund.", "support.steunen", "SUPPORT", None,
     "RUSGOV", "BLRGOV", "negated"),
    # a noun trigger with its van- and door-phrases
    ("Het Kremlin veroordeelde de arrestatie van Navalny door de Russische politie.",
     "coerce.arrestatie", "COERCE", "arrest", "RUSCOP", "RUSOPP", "asserted"),
    # the sentence-initial subject the parser left unattached, and the indirect object
    ("De Europese Unie legde Belarus nieuwe sancties op.", "sanction.sancties-opleggen",
     "SANCTION", None, "IGOGOV", "BLR", "asserted"),
    # conditional and future
    ("Rusland zal militairen sturen als Belarus dat vraagt.", "mobilize.sturen-troepen",
     "MOBILIZE", "troops", "RUS", None, "hypothetical"),
    # 'weigeren' negates the clause under it, and is a REJECT of its own
    ("Poetin weigerde Loekasjenko te ontmoeten.", "consult.ontmoeten", "CONSULT", None,
     "RUSGOV", "BLRGOV", "negated"),
    ("Poetin weigerde Loekasjenko te ontmoeten.", "reject.weigeren", "REJECT", None,
     "RUSGOV", "BLRGOV", "asserted"),
    # a request with an object
    ("Zelenski riep de Navo op om wapens te leveren.", "request.oproepen", "REQUEST", None,
     "UKRGOV", "IGOMIL", "asserted"),
    # a dated role: the Russian president in 2009 is Medvedev
    ("De Russische president ontmoette Barack Obama in Moskou.", "consult.ontmoeten",
     "CONSULT", None, "RUSGOV", "USAGOV", "asserted"),
]


@pytest.mark.parametrize(
    ("text", "rule", "type_", "mode", "source", "target", "factuality"), CASES
)
def test_coder_codes_dutch_sentence(
    code: Code, text: str, rule: str, type_: str, mode: str | None, source: str | None,
    target: str | None, factuality: str,
) -> None:
    date = "2009-06-01" if "Obama" in text else "2020-08-20"
    event = find(code(text, date), rule)
    assert (event.type, event.mode) == (type_, mode)
    assert (actor_code(event, "source"), actor_code(event, "target")) == (source, target)
    assert event.factuality == factuality


def test_coder_shared_subject_of_coordinated_verbs(code: Code) -> None:
    doc = code("Russische militairen annexeerden de Krim en ontketenden een oorlog.")
    rules = {e.rule: actor_code(e, "source") for e in doc.events}
    assert rules == {"assault.annexeren": "RUSMIL", "assault.oorlog-ontketenen": "RUSMIL"}


def test_coder_reciprocal_agreement_of_a_compound_subject(code: Code) -> None:
    doc = code("Israël en Hamas bereikten woensdag een akkoord.", "2023-11-22")
    pairs = {(actor_code(e, "source"), actor_code(e, "target"))
             for e in doc.events if e.type == "AGREE"}
    assert pairs == {("ISR", "PSEREB"), ("PSEREB", "ISR")}


def test_coder_expression_noun_gives_no_second_event(code: Code) -> None:
    doc = code("De Europese Unie legde Belarus nieuwe sancties op.")
    assert [e.rule for e in doc.events] == ["sanction.sancties-opleggen"]


def test_coder_reported_hypothetical_is_not_asserted(code: Code) -> None:
    doc = code("Loekasjenko beweert dat Rusland militairen zal sturen als Belarus dat vraagt.")
    assert all(e.factuality != "asserted" for e in doc.events if e.type in ("MOBILIZE", "AID"))
    assert not any(e.factuality == "asserted" and e.type == "REQUEST" for e in doc.events)


def test_coder_compound_actors_are_capped(code: Code) -> None:
    doc = code("De Verenigde Staten en Groot-Brittannië bekritiseerden Rusland, Belarus en Iran.")
    accusations = [e for e in doc.events if e.type == "ACCUSE"]
    assert len(accusations) == MAX_PAIRS  # 2 sources x 3 targets, capped
    assert {actor_code(e, "source") for e in accusations} == {"USA", "GBR"}


def test_coder_every_rule_id_exists_in_the_dictionary(code: Code) -> None:
    doc = code("Poetin belde Loekasjenko op. De politie arresteerde Navalny. "
               "Rusland viel Oekraïne binnen.")
    known = default_patterns().by_id
    assert doc.events and all(e.pattern_id in known for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [".", "!!! ??? ...", "2020 2021 12,5", "Hallo", "the quick brown fox jumps over it",
     " ".join(["Poetin belde Loekasjenko op en"] * 60) + " niemand."],
)
def test_coder_never_crashes_on_odd_input(code: Code, text: str) -> None:
    doc = code(text)
    assert all(e.pattern_id in default_patterns().by_id for e in doc.events)


def test_coder_modal_the_lemmatizer_misses_is_still_hypothetical(code: Code) -> None:
    doc = code("Een activist vluchtte naar Vilnius toen Loekasjenko’s veiligheidsdiensten hem "
               "wilden arresteren.")
    event = find(doc, "coerce.arresteren")
    assert (actor_code(event, "source"), event.factuality) == ("BLRSPY", "hypothetical")


def test_coder_place_is_a_target_never_a_source(code: Code) -> None:
    doc = code("Russische militairen bezetten de Krim. De Krim annexeerde niemand.", "2014-03-20")
    (event,) = [e for e in doc.events if e.sentence == 0]
    assert (actor_code(event, "source"), actor_code(event, "target")) == ("RUSMIL", "UKR")
    assert event.place is not None and (event.place.resolved, event.place.country) == (
        "Crimea", "UKR")
    assert all(e.source is None or e.source.actor.kind != "place" for e in doc.events)


def test_coder_noun_under_a_fired_verb_takes_no_clause_actors(code: Code) -> None:
    doc = code("Maduro wees het ultimatum zondag af.", "2019-02-04")
    assert {e.rule for e in doc.events} == {"reject.afwijzen"}


def test_coder_expelling_an_ambassador_is_a_sanction(code: Code) -> None:
    doc = code("Mali zette de Franse ambassadeur het land uit.", "2022-02-01")
    assert [(e.type, e.mode) for e in doc.events] == [("SANCTION", "expel")]


def test_coder_compound_noun_is_coded_by_its_head(code: Code) -> None:
    assert "tankaanval" not in default_patterns().trigger_lemmas
    doc = code("Bij de tankaanval van het Russische leger op Marioepol vielen doden.", "2022-03-10")
    (event,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert (event.trigger_text, actor_code(event, "source")) == ("tankaanval", "RUSMIL")


def test_coder_constraint_accepts_a_compound_object(code: Code) -> None:
    doc = code("Rusland maakte een eind aan de energiesubsidies voor Belarus.")
    assert [(e.type, e.mode, actor_code(e, "source")) for e in doc.events] == [
        ("SANCTION", "discontinue", "RUS")]


def test_coder_name_in_apposition_is_one_actor_with_its_description(code: Code) -> None:
    doc = code("De leider van de oppositie, Svetlana Tichanovskaja, belooft nieuwe verkiezingen.")
    (event,) = [e for e in doc.events if e.type == "AGREE"]
    assert event.source is not None and event.source.actor.name == "Sviatlana Tsikhanouskaya"
    assert event.target is None


def test_coder_object_before_coordinated_final_verbs_is_shared(code: Code) -> None:
    doc = code("Het regime viel om toen de politie twintig Poolse journalisten arresteerde en "
               "beschuldigde van spionage.")
    targets = {e.type: actor_code(e, "target")
               for e in doc.events if e.type in ("COERCE", "ACCUSE")}
    assert targets == {"COERCE": "POLJRN", "ACCUSE": "POLJRN"}


def test_coder_modal_above_a_misparsed_control_verb_makes_it_hypothetical(code: Code) -> None:
    doc = code("Poetin kan besluiten Loekasjenko’s smeekbedes simpelweg te negeren.")
    (event,) = [e for e in doc.events if e.type == "REJECT"]
    assert (actor_code(event, "source"), event.factuality) == ("RUSGOV", "hypothetical")


def test_coder_victims_of_a_nominal_event_are_its_target(code: Code) -> None:
    doc = code("De televisie toonde slachtoffers van martelingen door de Wit-Russische politie.")
    (event,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert (event.mode, actor_code(event, "source")) == ("torture", "BLRCOP")
    assert event.target is not None and event.target.actor.sector == "CVL"


def test_coder_victims_before_the_verb_are_still_the_target(code: Code) -> None:
    doc = code("De zender liet slachtoffers zien van martelingen door de Wit-Russische politie.")
    (event,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert event.target is not None and event.target.actor.sector == "CVL"


def test_coder_later_noun_naming_a_coded_event_is_not_a_new_event(code: Code) -> None:
    doc = code("Russische militairen annexeerden de Krim. Sinds de annexatie van de Krim zijn de "
               "prijzen gestegen.", "2014-06-01")
    assert [(e.sentence, e.type) for e in doc.events] == [(0, "ASSAULT")]


@pytest.mark.parametrize(
    ("text", "date", "rule", "source", "target", "factuality"),
    [
        # 'geen' in the object negates the act
        ("Duitsland leverde Oekraïne geen wapens.", "2022-06-01", "aid.leveren", "DEU", "UKR",
         "negated"),
        # a denied act did not happen by the speaker's account
        ("Lavrov ontkent dat Rusland burgers heeft aangevallen.", "2022-03-01",
         "assault.aanvallen", "RUS", "RUSCVL", "negated"),
        # a conditional clause after the main clause makes the main clause hypothetical
        ("De Europese Unie legt Rusland sancties op als Moskou Oekraïne binnenvalt.",
         "2022-01-20", "sanction.sancties-opleggen", "IGOGOV", "RUS", "hypothetical"),
        # in a verb-final clause the first actor is the subject, the next the object
        ("Als Rusland Oekraïne binnenvalt, legt de Europese Unie Rusland sancties op.",
         "2022-01-20", "assault.binnenvallen", "RUS", "UKR", "hypothetical"),
        # a door-phrase the parser hung under an adverb
        ("Oekraïne werd maandag door Rusland aangevallen.", "2022-10-10", "assault.aanvallen",
         "RUS", "UKR", "asserted"),
        # the possessor is not the subject: the security services are
        ("Loekasjenko's veiligheidsdiensten arresteerden Kolesnikova.", "2020-08-20",
         "coerce.arresteren", "BLRSPY", "BLROPP", "asserted"),
        # a tegen-phrase whose noun the parser attached elsewhere
        ("Tienduizenden demonstranten protesteerden in Minsk tegen Loekasjenko.", "2020-08-16",
         "protest.protesteren", "BLRCVL", "BLRGOV", "asserted"),
        # the object Frog labels obj2 under a modal
        ("Scholz zal Zelensky volgende week bezoeken.", "2023-04-01", "consult.bezoeken",
         "DEUGOV", "UKRGOV", "hypothetical"),
        # 'als' meaning 'as' is no condition
        ("De Afrikaanse Unie schorste Soedan als lid tot er een burgerregering is.", "2019-06-07",
         "sanction.schorsen", "IGOGOV", "SDN", "asserted"),
    ],
)
def test_coder_repairs_parse_and_factuality(
    code: Code, text: str, date: str, rule: str, source: str | None, target: str | None,
    factuality: str,
) -> None:
    event = find(code(text, date), rule)
    assert (actor_code(event, "source"), actor_code(event, "target"), event.factuality) == (
        source, target, factuality)


def test_coder_shared_subject_is_the_repaired_subject_of_the_first_verb(code: Code) -> None:
    doc = code("Rusland viel Oekraïne aan en annexeerde vier regio's.", "2022-03-02")
    assert actor_code(find(doc, "assault.annexeren"), "source") == "RUS"


def test_coder_negation_inside_the_reported_clause_leaves_the_threat_asserted(code: Code) -> None:
    doc = code("Loekasjenko dreigde dat Belarus migranten niet langer zal tegenhouden.",
               "2021-05-26")
    assert [e.factuality for e in doc.events if e.type == "THREATEN"] == ["asserted"]


def test_coder_past_perfect_after_dan_is_counterfactual(code: Code) -> None:
    doc = code("De Belarussen willen geen hereniging met Rusland. Dan hadden ze wel gewapperd "
               "met Russische vlaggen.")
    assert [e.factuality for e in doc.events if e.type == "PROTEST"] == ["hypothetical"]


def test_the_other_subject_of_a_noun_trigger_frog_made_a_subject_is_no_actor_of_it(
    code: Code,
) -> None:
    # Frog reads 'gevechten' and 'mensen' as two subjects of 'kwamen': the dead did not fight.
    doc = code("Bij de gevechten kwamen zeker 240 mensen om.", "2016-07-21")
    assert not [e for e in doc.events if e.source and e.source.actor.sector == "CVL"]
