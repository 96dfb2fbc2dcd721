"""Dutch constructions the coder must handle, one behaviour per test, on real sentences.

Passive voice, separable verbs, noun triggers, negation, conditionals, modals and futures,
reported speech, coordination and compound actors; through the real Frog and knowledge base.
"""

from __future__ import annotations

from kroniek.coder import MAX_PAIRS
from kroniek.model import Event
from tests.coder.events import Code, actor_code, find


def _summary(event: Event) -> tuple[str, str | None, str | None, str | None, str]:
    return (event.type, event.mode, actor_code(event, "source"), actor_code(event, "target"),
            event.factuality)


# passive voice: the door-phrase is the source, the grammatical subject the target

def test_constructions_passive_door_phrase_is_the_source(code: Code) -> None:
    doc = code("Navalny werd door de Russische politie gearresteerd.", "2021-01-17")
    event = find(doc, "coerce.arresteren")
    assert _summary(event) == ("COERCE", "arrest", "RUSCOP", "RUSOPP", "asserted")


def test_constructions_passive_of_a_visit_keeps_the_visitor_as_source(code: Code) -> None:
    doc = code("Tichanovskaja werd door Macron ontvangen in Parijs.", "2023-02-15")
    event = find(doc, "consult.ontvangen")
    assert _summary(event) == ("CONSULT", "visit", "BLROPP", "FRAGOV", "asserted")


def test_constructions_passive_non_recognition_is_negated_support(code: Code) -> None:
    doc = code("Loekasjenko wordt door de Europese Unie niet erkend.", "2020-08-20")
    event = find(doc, "support.erkennen")
    assert _summary(event) == ("SUPPORT", None, "IGOGOV", "BLRGOV", "negated")


# separable verbs

def test_constructions_separable_verb_with_split_particle(code: Code) -> None:
    doc = code("Zelenskyj belde Scholz op.", "2022-03-01")
    event = find(doc, "consult.opbellen")
    assert _summary(event) == ("CONSULT", "phone", "UKRGOV", "DEUGOV", "asserted")


def test_constructions_separable_verb_particle_left_as_a_modifier(code: Code) -> None:
    # Frog hangs 'vrij' under 'laten' as a mod, not as svp; the dictionary covers that parse.
    doc = code("De Russische politie liet Navalny vrij.", "2021-04-30")
    event = find(doc, "retreat.laten-vrij")
    assert _summary(event) == ("RETREAT", "release", "RUSCOP", "RUSOPP", "asserted")


# noun triggers: actors from van, door, op and possessives

def test_constructions_noun_with_van_and_door(code: Code) -> None:
    doc = code("De invasie van Oekraïne door Rusland begon donderdag.", "2022-02-25")
    event = find(doc, "assault.invasie")
    assert _summary(event) == ("ASSAULT", None, "RUS", "UKR", "asserted")


def test_constructions_noun_with_van_source_and_op_target(code: Code) -> None:
    doc = code("De aanval van Rusland op Oekraïne duurt voort.", "2023-01-01")
    event = find(doc, "assault.aanval")
    assert _summary(event) == ("ASSAULT", None, "RUS", "UKR", "asserted")


def test_constructions_noun_with_possessive_country(code: Code) -> None:
    doc = code("Ruslands aanval op Oekraïne duurt voort.", "2023-01-01")
    event = find(doc, "assault.aanval")
    assert (actor_code(event, "source"), actor_code(event, "target")) == ("RUS", "UKR")


def test_constructions_noun_with_possessive_person(code: Code) -> None:
    doc = code("Poetins inval in Oekraïne stuit op verzet.", "2022-03-05")
    event = find(doc, "assault.inval")
    assert (actor_code(event, "source"), actor_code(event, "target")) == ("RUSGOV", "UKR")


def test_constructions_arrest_noun_takes_the_arrested_from_van(code: Code) -> None:
    doc = code("De arrestatie van Kolesnikova door de KGB leidde tot protest.", "2020-08-26")
    event = find(doc, "coerce.arrestatie")
    assert _summary(event) == ("COERCE", "arrest", "BLRSPY", "BLROPP", "asserted")


def test_constructions_arrest_noun_with_a_group_in_door(code: Code) -> None:
    doc = code("De arrestatie van Babariko door de Belarussische autoriteiten wekte woede.",
               "2020-08-20")
    event = find(doc, "coerce.arrestatie")
    assert (actor_code(event, "source"), actor_code(event, "target")) == ("BLRGOV", "BLROPP")


# negation

def test_constructions_nooit_negates(code: Code) -> None:
    doc = code("Orbán heeft Zelensky nooit ontmoet.", "2023-02-01")
    event = find(doc, "consult.ontmoeten")
    assert _summary(event) == ("CONSULT", None, "HUNGOV", "UKRGOV", "negated")


def test_constructions_nooit_in_a_perfect_with_an_indirect_object(code: Code) -> None:
    doc = code("Duitsland heeft Oekraïne nooit tanks geleverd.", "2022-06-01")
    event = find(doc, "aid.leveren")
    assert _summary(event) == ("AID", None, "DEU", "UKR", "negated")


def test_constructions_niet_negates(code: Code) -> None:
    doc = code("Rusland heeft de Krim niet teruggegeven.", "2022-06-01")
    event = find(doc, "retreat.teruggeven")
    assert _summary(event) == ("RETREAT", None, "RUS", "UKR", "negated")


def test_constructions_niet_after_the_object_negates(code: Code) -> None:
    doc = code("Hongarije steunde de sancties tegen Rusland niet.", "2022-05-01")
    event = find(doc, "support.steunen")
    assert (event.type, actor_code(event, "source"), event.factuality) == (
        "SUPPORT", "HUN", "negated")


def test_constructions_weigeren_negates_the_infinitive(code: Code) -> None:
    doc = code("Orbán weigerde Zelensky te steunen.", "2023-03-01")
    event = find(doc, "support.steunen")
    assert _summary(event) == ("SUPPORT", None, "HUNGOV", "UKRGOV", "negated")


def test_constructions_weigeren_is_itself_an_asserted_rejection(code: Code) -> None:
    doc = code("Servië weigerde Kosovo te erkennen.", "2023-06-01")
    event = find(doc, "reject.weigeren")
    assert _summary(event) == ("REJECT", None, "SRB", "KOS", "asserted")


# conditionals, modals, futures

def test_constructions_main_clause_after_als_clause_is_hypothetical(code: Code) -> None:
    doc = code("Als Loekasjenko erom vraagt, stuurt Rusland troepen naar Belarus.",
               "2020-08-21")
    event = find(doc, "mobilize.sturen-troepen")
    assert _summary(event) == ("MOBILIZE", "troops", "RUS", "BLR", "hypothetical")


def test_constructions_event_inside_the_als_clause_is_not_asserted(code: Code) -> None:
    doc = code("Als Loekasjenko erom vraagt, stuurt Rusland troepen naar Belarus.",
               "2020-08-21")
    event = find(doc, "request.vragen")
    assert (actor_code(event, "source"), event.factuality) == ("BLRGOV", "hypothetical")


def test_constructions_zal_is_hypothetical(code: Code) -> None:
    doc = code("De Europese Unie zal Belarus nieuwe sancties opleggen.", "2022-06-01")
    event = find(doc, "sanction.sancties-opleggen")
    assert _summary(event) == ("SANCTION", None, "IGOGOV", "BLR", "hypothetical")


def test_constructions_kan_is_hypothetical(code: Code) -> None:
    doc = code("Polen kan Oekraïne straaljagers leveren.", "2023-04-01")
    event = find(doc, "aid.leveren")
    assert _summary(event) == ("AID", None, "POL", "UKR", "hypothetical")


def test_constructions_wil_is_hypothetical(code: Code) -> None:
    doc = code("Erdogan wil Poetin volgende maand ontmoeten.", "2023-04-01")
    event = find(doc, "consult.ontmoeten")
    assert _summary(event) == ("CONSULT", None, "TURGOV", "RUSGOV", "hypothetical")


def test_constructions_gaan_with_infinitive_is_hypothetical(code: Code) -> None:
    doc = code("Duitsland gaat Oekraïne tanks leveren.", "2023-04-01")
    event = find(doc, "aid.leveren")
    assert _summary(event) == ("AID", None, "DEU", "UKR", "hypothetical")


# reported speech: the speaker's claim is not the reported actor's act

def test_constructions_claimed_act_belongs_to_its_own_subject(code: Code) -> None:
    doc = code("De Belarussische president beweert dat Litouwen de oppositie steunt.",
               "2020-08-20")
    event = find(doc, "support.steunen")
    assert _summary(event) == ("SUPPORT", None, "LTU", "BLROPP", "hypothetical")


def test_constructions_claimed_act_is_not_the_speakers_event(code: Code) -> None:
    doc = code("Loekasjenko beweert dat de Navo troepen naar de grens stuurt.", "2020-08-20")
    mobilizations = [e for e in doc.events if e.type == "MOBILIZE"]
    assert [(actor_code(e, "source"), e.factuality) for e in mobilizations] == [
        ("IGOMIL", "hypothetical")]


def test_constructions_feared_act_is_hypothetical(code: Code) -> None:
    doc = code("De oppositie vreest dat Rusland troepen naar Belarus stuurt.", "2020-08-20")
    event = find(doc, "mobilize.sturen-troepen")
    assert (actor_code(event, "source"), event.factuality) == ("RUS", "hypothetical")


# coordination: a subject shared by two verbs

def test_constructions_coordinated_verbs_share_their_subject(code: Code) -> None:
    doc = code("De oppositie bekritiseerde Loekasjenko en riep de arbeiders op tot een "
               "staking.", "2020-08-20")
    accuse = find(doc, "accuse.bekritiseren")
    request = find(doc, "request.oproepen")
    assert (actor_code(accuse, "source"), actor_code(accuse, "target")) == ("BLROPP", "BLRGOV")
    assert (actor_code(request, "source"), actor_code(request, "target")) == ("BLROPP", "BLRLAB")


def test_constructions_second_verb_with_pronoun_object_keeps_the_subject(code: Code) -> None:
    doc = code("Loekasjenko bedankte Poetin en beloofde hem trouw.", "2020-08-20")
    assert actor_code(find(doc, "support.bedanken"), "source") == "BLRGOV"
    assert actor_code(find(doc, "agree.beloven"), "source") == "BLRGOV"


# compound actors: one event per source and target pair, capped

def test_constructions_compound_subject_gives_one_event_per_source(code: Code) -> None:
    doc = code("Litouwen en Letland steunden Oekraïne.", "2022-03-02")
    pairs = [(actor_code(e, "source"), actor_code(e, "target")) for e in doc.events]
    assert sorted(pairs) == [("LTU", "UKR"), ("LVA", "UKR")]


def test_constructions_compound_target_gives_one_event_per_target(code: Code) -> None:
    doc = code("Biden sprak zijn steun uit voor Finland en Zweden.", "2022-05-18")
    pairs = [(actor_code(e, "source"), actor_code(e, "target")) for e in doc.events]
    assert sorted(pairs) == [("USAGOV", "FIN"), ("USAGOV", "SWE")]


def test_constructions_compound_pairs_are_capped(code: Code) -> None:
    doc = code("Polen, Litouwen, Letland en Estland bekritiseerden Rusland en Belarus.",
               "2022-03-02")
    pairs = [(actor_code(e, "source"), actor_code(e, "target")) for e in doc.events
             if e.type == "ACCUSE"]
    assert len(pairs) == len(set(pairs)) == MAX_PAIRS
    assert {target for _, target in pairs} == {"RUS", "BLR"}
