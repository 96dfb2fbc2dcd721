"""The parse repairs of kroniek/coder/clause.py and factuality.py, on Dutch sentences of our own.

Each case is a construction where Frog's parse misleads a plain reading of the dependencies
(see the docstrings in clause.py); through the real Frog, knowledge base and coder. A case names
the rule that should fire and its event: type, mode, source and target actor codes (None: no
actor in that role) and factuality.
"""

from __future__ import annotations

import pytest

from tests.coder.events import Code, actor_code, find

# (text, article date, rule, type, mode, source, target, factuality)
CASES = [
    # ... or on the relative clause of the support's noun
    ("Rusland maakte een eind aan hulp die van levensbelang was voor Armenië.", "2020-03-01",
     "sanction.eind-maken-aan-steun", "SANCTION", "discontinue", "RUS", "ARM", "asserted"),
    # the beneficiary of support that ends, in a voor-phrase the parser hung on the verb
    ("Rusland maakte vorige maand een eind aan de gassubsidies voor Belarus.", "2020-03-01",
     "sanction.eind-maken-aan-steun", "SANCTION", "discontinue", "RUS", "BLR", "asserted"),
    # a possessive name before an object that is no actor: the owner is the target
    ("Het Witte Huis kan Poetins telefoontjes blijven negeren.", "2022-03-01",
     "reject.negeren", "REJECT", None, "USAGOV", "RUSGOV", "hypothetical"),
    # a simple past Frog reads as an inflected participle ('de veroordeelde man')
    ("De NAVO veroordeelde eerder deze week de raketaanval op Odesa.", "2023-02-24",
     "accuse.veroordelen", "ACCUSE", "disapprove", "IGOMIL", None, "asserted"),
    # the particle of a te-infinitive hung on the verb above it
    ("Poetin gaf zijn generaals opdracht Georgië binnen te vallen.", "2008-08-10",
     "assault.binnenvallen", "ASSAULT", None, "RUSGOV", "GEO", "asserted"),
    # a main-clause particle the parser did not label svp
    ("Daar spraken Macron en Scholz een nieuw plan af.", "2022-06-01",
     "agree.afspreken", "AGREE", None, "FRAGOV", "DEUGOV", "asserted"),
    # a predicative 'vrij' as the particle of 'vrijmaken'
    ("Japan maakte vijf miljoen euro aan noodhulp vrij voor Turkije.", "2023-02-08",
     "aid.vrijmaken", "AID", None, "JPN", "TUR", "asserted"),
    # 'om te': the purpose clause shares the main clause's subject
    ("Duizenden Nederlandse boeren trokken naar Den Haag om te protesteren tegen de "
     "Nederlandse regering.", "2019-10-02",
     "protest.protesteren", "PROTEST", "demo", "NLDAGR", "NLDGOV", "asserted"),
    # a past plural Frog left unlemmatized ('openden') is read as its infinitive
    ("De Iraanse soldaten openden het vuur op Iraanse betogers.", "2022-09-24",
     "assault.vuur-openen", "ASSAULT", "firearms", "IRNMIL", "IRNCVL", "asserted"),
    # a time word opens the clause: the passive subject follows the verb
    ("Dinsdag werden tientallen Belarussische journalisten naar Rusland gedeporteerd.",
     "2021-05-29", "coerce.deporteren", "COERCE", "deport", None, "BLRJRN", "asserted"),
    # a quantity noun heads the subject
    ("Duizenden Armeense betogers drongen het parlement in Jerevan binnen.", "2020-11-11",
     "protest.binnendringen-gebouw", "PROTEST", "riot", "ARMCVL", "ARMLEG", "asserted"),
    # a partitive noun heads the subject
    ("Eenheden van de Wagner-groep vochten in Mali aan de zijde van het leger.", "2023-03-01",
     "cooperate.zijde-vechten", "COOPERATE", None, "RUSPRM", None, "asserted"),
    # a fronted 'volgens' phrase holds no subject
    ("Volgens Amnesty International hebben Syrische soldaten demonstranten in Homs "
     "doodgeschoten.", "2011-05-01",
     "assault.doodschieten", "ASSAULT", "firearms", "SYRMIL", None, "asserted"),
    # a fronted date: the subject after the verb is not also its object
    ("Op 24 februari vielen Russische troepen Oekraïne aan.", "2022-02-25",
     "assault.aanvallen", "ASSAULT", None, "RUSMIL", "UKR", "asserted"),
    # the verb after 'en' shares the first verb's subject; the name after it is its object
    ("Poetin ontving Loekasjenko in Sotsji en noemde Zelensky een misdadiger.", "2023-02-01",
     "accuse.noemen-misdadiger", "ACCUSE", "disapprove", "RUSGOV", "UKRGOV", "asserted"),
    # the subject before a relative clause that ends at the finite verb
    ("Het Russische Hooggerechtshof, dat onder druk staat van het Kremlin, legde de journalist "
     "een uitreisverbod op.", "2022-03-01",
     "coerce.uitreisverbod-opleggen", "COERCE", "restrict", "RUSJUD", None, "asserted"),
    # an actor constraint met by the name under the phrase head ('met president Xi Jinping')
    ("In Peking sprak Macron woensdag met president Xi Jinping.", "2023-04-06",
     "consult.spreken-met", "CONSULT", None, "FRAGOV", "CHNGOV", "asserted"),
    # a + word the parser hung outside the verb's subtree
    ("Zelensky houdt de in Moskou residerende president Poetin verantwoordelijk voor de "
     "aanval.", "2022-03-01",
     "accuse.verantwoordelijk-houden", "ACCUSE", "allege", "UKRGOV", "RUSGOV", "asserted"),
    # a noun trigger under the particle of its verb
    ("De Europese Unie nam vrijdag een nieuw sanctiepakket aan.", "2022-04-08",
     "sanction.sanctiepakket", "SANCTION", None, "IGOGOV", None, "asserted"),
    # a noun trigger in the 'voor' phrase of an order noun; a time word is no subject
    ("Die avond tekende Poetin een decreet voor een gedeeltelijke mobilisatie.", "2022-09-21",
     "mobilize.mobilisatie", "MOBILIZE", "troops", "RUSGOV", None, "asserted"),
    # a noun trigger in the 'met' phrase of a verb of starting
    ("Het Russische leger begon maandag met grote militaire oefeningen.", "2022-02-10",
     "mobilize.oefening-militair", "MOBILIZE", "troops", "RUSMIL", None, "asserted"),
    # a negated-sense pattern is asserted
    ("Duitsland laat Oekraïne niet in de steek.", "2022-06-01",
     "support.niet-in-de-steek-laten", "SUPPORT", None, "DEU", "UKR", "asserted"),
    # a 'niet' ending the main clause after a relative clause negates the main verb
    ("China erkent de regering van Taiwan die in Taipei zetelt nog steeds niet.", "2023-05-31",
     "support.erkennen", "SUPPORT", None, "CHN", "TWNGOV", "negated"),
    # what is promised has not happened yet
    ("De Europese Unie beloofde dat Moldavië lid wordt van de Europese Unie.", "2022-06-20",
     "cooperate.lid-worden", "COOPERATE", None, "MDA", "IGOGOV", "hypothetical"),
    # an unattached te-infinitive under a verb of asking
    ("Ankara heeft Berlijn gevraagd de activist uit te leveren.", "2016-07-21",
     "cooperate.uitleveren", "COOPERATE", None, "TURGOV", "DEUGOV", "hypothetical"),
    # a demand whose verb names no one is addressed to the subject of its dat-clause
    ("Polen eiste dinsdag dat Belarus de grens onmiddellijk sluit.", "2021-11-10",
     "request.eisen", "REQUEST", None, "POL", "BLR", "asserted"),
    # ... and what is demanded has not happened, even where Frog made 'dat' a pronoun
    ("Polen eiste dinsdag dat Belarus de grens onmiddellijk sluit.", "2021-11-10",
     "coerce.grens-sluiten", "COERCE", "restrict", "BLR", None, "hypothetical"),
    # an announced withdrawal is CONCEDE: the expression's words are found in the dat-clause,
    # also in a separable verb written as one word ('terugtrekt'), and a predicative 'bekend'
    # is the particle of 'bekendmaken'
    ("De Duitse regering kondigde aan dat de Bundeswehr zich volgend jaar uit Mali terugtrekt.",
     "2023-06-01", "concede.terugtrekken-aankondigen", "CONCEDE", None, "DEUGOV", None,
     "asserted"),
    ("Biden maakte bekend dat de Verenigde Staten hun troepen uit Irak terugtrekken.",
     "2023-06-01", "concede.terugtrekken-bekendmaken", "CONCEDE", None, "USAGOV", None,
     "asserted"),
    # a one-word possessive name before a nominal trigger is its source, also where Frog
    # made it a subject
    ("Zelensky besloot Poetins dreigementen te negeren.", "2022-03-01",
     "threaten.dreigement", "THREATEN", None, "RUSGOV", None, "asserted"),
    # a name in apposition inside a 'volgens' phrase is the reporter, not the arrester
    ("In Rusland gingen duizenden mensen de straat op. Volgens de mensenrechtenorganisatie "
     "OVD-Info zijn meer dan 1700 van hen opgepakt.",
     "2022-02-25", "coerce.oppakken", "COERCE", "arrest", None, "RUSCVL", "asserted"),
    # a conjunct shares the modal of the verb it is coordinated with
    ("Het Kazachse leger kan nu de demonstraties verbieden en journalisten arresteren.",
     "2022-01-15", "coerce.verbieden", "COERCE", "restrict", "KAZMIL", None, "hypothetical"),
]


@pytest.mark.parametrize(
    ("text", "date", "rule", "kind", "mode", "source", "target", "status"), CASES,
    ids=[case[2] + ":" + case[0][:30] for case in CASES],
)
def test_clause_repair(
    code: Code, text: str, date: str, rule: str, kind: str, mode: str | None,
    source: str | None, target: str | None, status: str,
) -> None:
    event = find(code(text, date), rule)
    assert (event.type, event.mode, actor_code(event, "source"), actor_code(event, "target"),
            event.factuality) == (kind, mode, source, target, status)


def test_clause_purpose_clause_of_the_same_type_adds_its_target_to_the_main_event(
    code: Code,
) -> None:
    doc = code("Amerikaanse senatoren vlogen in om de Oekraïense betogers aan te moedigen.",
               "2014-02-20")
    (event,) = [e for e in doc.events if e.type == "SUPPORT"]
    assert (event.rule, actor_code(event, "source"), actor_code(event, "target"),
            event.factuality) == ("support.invliegen", "USALEG", "UKRCVL", "asserted")


def test_clause_announced_withdrawal_gives_no_retreat_of_its_own(code: Code) -> None:
    doc = code("Biden maakte bekend dat de Verenigde Staten hun troepen uit Irak terugtrekken.",
               "2023-06-01")
    assert [e.type for e in doc.events] == ["CONCEDE"]


def test_clause_coordinated_subject_after_a_fronted_adverbial_acts_both_ways(code: Code) -> None:
    doc = code("Na lange onderhandelingen hebben Servië en Kosovo een akkoord gesloten.",
               "2023-03-01")
    events = [e for e in doc.events if e.pattern_id == "agree.akkoord-sluiten"]
    assert sorted((e.type, actor_code(e, "source"), actor_code(e, "target"), e.factuality)
                  for e in events) == [("AGREE", "KOS", "SRB", "asserted"),
                                       ("AGREE", "SRB", "KOS", "asserted")]


def test_clause_ceasefire_between_two_parties_acts_both_ways(code: Code) -> None:
    doc = code("Een tijdelijk bestand tussen Israël en Hamas werd vrijdag van kracht.",
               "2023-11-24")
    events = [e for e in doc.events if e.pattern_id == "retreat.bestand"]
    assert sorted((actor_code(e, "source"), actor_code(e, "target")) for e in events) == [
        ("ISR", "PSEREB"), ("PSEREB", "ISR")]


def test_clause_unknown_name_in_apposition_to_a_role_is_one_target(code: Code) -> None:
    doc = code("Dinsdag werd de Belarussische oppositieleider Pavel Sevjarynets naar Litouwen "
               "gedeporteerd.", "2021-05-29")
    assert [(e.type, e.mode, actor_code(e, "source"), actor_code(e, "target"), e.factuality)
            for e in doc.events] == [("COERCE", "deport", None, "BLROPP", "asserted")]


def test_clause_a_route_is_no_owner_of_the_object(code: Code) -> None:
    # 'het aanbod van Duitsland' stands for Germany; 'een vlucht van Riga naar Oslo' does not
    doc = code("Zondag werd een vlucht van Riga naar Oslo gedwongen in Minsk te landen.",
               "2021-05-29")
    assert [e for e in doc.events if e.target is not None and e.target.text == "Riga"] == []
