"""Every PLOVER type on Dutch news sentences, through the real Frog, knowledge base and coder.

Each case names the rule that should fire and the event it should give: type, mode, the
source and target actor codes (None: no actor in that role) and the factuality. The date is
the article date, which decides who holds an office.
"""

from __future__ import annotations

import pytest

from kroniek.plover import event_types
from tests.coder.events import Code, actor_code, find

# (text, article date, rule, type, mode, source, target, factuality)
CASES = [
    # dictionary entries added for general news phrasing (troops leaving, storming, exit bans)
    ("Honderden Russische soldaten verlieten de basis in Armenië.", "2020-11-12",
     "retreat.verlaten-troepen", "RETREAT", "withdraw", "RUSMIL", None, "asserted"),
    ("Een bestand tussen Israël en Hezbollah ging om vier uur in.", "2024-11-27",
     "retreat.bestand", "RETREAT", "ceasefire", "ISR", "LBNREB", "asserted"),
    ("Duitsland vloog tenten en medicijnen naar Turkije.", "2023-02-08",
     "aid.vliegen-hulp", "AID", None, "DEU", "TUR", "asserted"),
    ("President Erdogan riep de noodtoestand uit.", "2016-07-16",
     "coerce.noodtoestand-uitroepen", "COERCE", "martial-law", "TURGOV", None, "asserted"),
    ("Lavrov en Blinken spraken elkaar in Genève.", "2022-01-21",
     "consult.elkaar-spreken", "CONSULT", None, "RUSGOV", "USAGOV", "asserted"),
    ("Syrische soldaten en Iraanse milities voeren samen operaties uit.", "2022-03-01",
     "cooperate.samen-uitvoeren", "COOPERATE", None, "SYRMIL", "IRNREB", "asserted"),
    ("De Togolese oppositie schortte haar campagne op.", "2019-06-11",
     "concede.opschorten-actie", "CONCEDE", None, "TGOOPP", None, "asserted"),
    # AGREE: promises, offers, invitations, agreements reached
    ("Erdogan nodigde Zelensky uit voor een gesprek in Istanbul.", "2022-03-01",
     "agree.uitnodigen", "AGREE", None, "TURGOV", "UKRGOV", "asserted"),
    ("Japan zegde Indonesië een lening van twee miljard dollar toe.", "2023-05-10",
     "agree.toezeggen", "AGREE", None, "JPN", "IDN", "asserted"),
    ("Servië beloofde Kosovo de handelsbelemmeringen op te heffen.", "2021-06-15",
     "agree.beloven", "AGREE", None, "SRB", "KOS", "asserted"),
    ("Japan sloot een handelsakkoord met India.", "2023-03-15",
     "agree.handelsakkoord", "AGREE", None, "JPN", "IND", "asserted"),
    # CONSULT: visits, meetings, calls; the host of a visit is the target
    ("Xi Jinping bezocht maandag Moskou.", "2023-03-20",
     "consult.bezoeken", "CONSULT", "visit", "CHNGOV", "RUSGOV", "asserted"),
    ("Macron sprak in Parijs met Merkel over de begroting.", "2019-07-01",
     "consult.spreken-met", "CONSULT", None, "FRAGOV", "DEUGOV", "asserted"),
    ("Biden ontmoette Poetin woensdag in Genève.", "2021-06-16",
     "consult.ontmoeten", "CONSULT", None, "USAGOV", "RUSGOV", "asserted"),
    ("Scholz belde de Franse president op.", "2022-02-08",
     "consult.opbellen", "CONSULT", "phone", "DEUGOV", "FRAGOV", "asserted"),
    ("De Chinese president ontving Moon Jae-in in Peking.", "2018-05-14",
     "consult.ontvangen", "CONSULT", "visit", "KORGOV", "CHNGOV", "asserted"),
    # SUPPORT: verbal backing, praise, thanks
    ("Polen steunt Oekraïne volledig in de oorlog.", "2022-04-02",
     "support.steunen", "SUPPORT", None, "POL", "UKR", "asserted"),
    ("Canada bedankte Nederland voor de hulp.", "2021-06-21",
     "support.bedanken", "SUPPORT", None, "CAN", "NLD", "asserted"),
    ("Macron feliciteerde Zelensky met de verkiezingsuitslag.", "2019-07-25",
     "support.feliciteren", "SUPPORT", None, "FRAGOV", "UKRGOV", "asserted"),
    ("Het Kremlin steunde Minsk.", "2020-08-20",
     "support.steunen", "SUPPORT", None, "RUSGOV", "BLRGOV", "asserted"),
    ("Rusland erkende de onafhankelijkheid van Abchazië.", "2008-08-26",
     "support.onafhankelijkheid-erkennen", "SUPPORT", None, "RUS", None, "asserted"),
    # CONCEDE: apologies, easing, declared ceasefires
    ("De Russische regering bood Georgië excuses aan.", "2021-01-05",
     "concede.excuses-aanbieden", "CONCEDE", None, "RUSGOV", "GEO", "asserted"),
    ("Het Kremlin verontschuldigde zich bij Turkije.", "2016-10-01",
     "concede.verontschuldigen", "CONCEDE", None, "RUSGOV", "TUR", "asserted"),
    ("De Oekraïense regering kondigde een staakt-het-vuren af.", "2014-09-20",
     "concede.staakt-het-vuren-afkondigen", "CONCEDE", None, "UKRGOV", None, "asserted"),
    ("Iran versoepelde de voorschriften voor buitenlandse journalisten.", "2022-11-20",
     "concede.versoepelen", "CONCEDE", None, "IRN", None, "asserted"),
    ("Loekasjenko beloofde alle gearresteerde demonstranten vrij te laten.", "2020-08-14",
     "concede.vrijlaten-beloven", "CONCEDE", None, "BLRGOV", None, "asserted"),
    ("Minsk zegde na lang overleg toe de gearresteerde journalisten vrij te laten.",
     "2020-08-20", "concede.vrijlaten-zeggen-toe", "CONCEDE", None, "BLRGOV", None,
     "asserted"),
    # COOPERATE: joint material action
    ("Australië werkt samen met de Verenigde Staten aan onderzeeërs.", "2021-09-15",
     "cooperate.werken-samen", "COOPERATE", None, "AUS", "USA", "asserted"),
    ("De Belgische politie werkte samen met de Nederlandse recherche.", "2019-04-04",
     "cooperate.werken-samen", "COOPERATE", None, "BELCOP", "NLDCOP", "asserted"),
    ("Polen en Litouwen wisselen inlichtingen uit met Oekraïne.", "2022-06-01",
     "cooperate.inlichtingen-uitwisselen", "COOPERATE", None, "POL", "UKR", "asserted"),
    # AID: weapons, aid, asylum, training
    ("Duitsland leverde Oekraïne luchtafweerraketten.", "2022-03-10",
     "aid.leveren", "AID", None, "DEU", "UKR", "asserted"),
    ("Turkije ontving hulp van Griekenland na de aardbeving.", "2023-02-08",
     "aid.hulp-ontvangen", "AID", None, "GRC", "TUR", "asserted"),
    ("Litouwen bood Tichanovskaja onderdak.", "2020-08-25",
     "aid.onderdak-bieden", "AID", None, "LTU", "BLROPP", "asserted"),
    ("Het Verenigd Koninkrijk trainde Oekraïense soldaten.", "2022-04-10",
     "aid.trainen", "AID", None, "GBR", "UKRMIL", "asserted"),
    # RETREAT: withdrawal, release, resignation
    ("Rusland trok zijn troepen terug uit Cherson.", "2022-11-11",
     "retreat.terugtrekken-troepen", "RETREAT", "withdraw", "RUS", None, "asserted"),
    ("De Russische troepen trokken zich terug uit de regio Kyiv.", "2022-04-20",
     "retreat.terugtrekken-zich", "RETREAT", "withdraw", "RUSMIL", None, "asserted"),
    ("De Russische politie liet Navalny vrij.", "2021-04-30",
     "retreat.laten-vrij", "RETREAT", "release", "RUSCOP", "RUSOPP", "asserted"),
    ("De Britse premier trad af.", "2022-10-08",
     "retreat.aftreden", "RETREAT", "resign", "GBRGOV", None, "asserted"),
    ("De Verenigde Staten haalden hun militairen weg uit Niger.", "2023-09-01",
     "retreat.halen-weg", "RETREAT", "withdraw", "USA", None, "asserted"),
    ("Israël liet Palestijnse gevangenen vrij.", "2023-11-25",
     "retreat.laten-vrij", "RETREAT", "release", "ISR", "PSECVL", "asserted"),
    # REQUEST: asking, demanding, pressing
    ("Zelensky vroeg de Europese Unie om wapens.", "2022-03-01",
     "request.vragen-om-wapens", "REQUEST", "assist", "UKRGOV", "IGOGOV", "asserted"),
    ("De oppositie eiste het aftreden van Loekasjenko.", "2020-08-17",
     "request.eisen-aftreden", "REQUEST", "change", "BLROPP", "BLRGOV", "asserted"),
    ("Trump zette Erdogan onder druk.", "2019-10-10",
     "request.onder-druk-zetten", "REQUEST", "change", "USAGOV", "TURGOV", "asserted"),
    ("De Europese Unie riep Loekasjenko op tot een dialoog met de oppositie.", "2020-08-19",
     "request.oproepen-dialoog", "REQUEST", "meet", "IGOGOV", "BLRGOV", "asserted"),
    ("Wit-Russische betogers eisten vrijlating van Kolesnikova.", "2020-08-20",
     "request.eisen-vrijlating", "REQUEST", "yield", "BLRCVL", "BLROPP", "asserted"),
    # ACCUSE: accusations, condemnation, criticism, summoning an ambassador
    ("Loekasjenko beschuldigde Polen van inmenging.", "2020-08-15",
     "accuse.beschuldigen", "ACCUSE", "allege", "BLRGOV", "POL", "asserted"),
    ("May beschuldigde Rusland van de aanslag in Salisbury.", "2018-03-14",
     "accuse.beschuldigen", "ACCUSE", "allege", "GBRGOV", "RUS", "asserted"),
    ("De Europese Unie veroordeelde de Belarussische regering.", "2021-05-24",
     "accuse.veroordelen", "ACCUSE", "disapprove", "IGOGOV", "BLRGOV", "asserted"),
    ("Het Witte Huis bekritiseerde Moskou.", "2023-11-01",
     "accuse.bekritiseren", "ACCUSE", "disapprove", "USAGOV", "RUSGOV", "asserted"),
    ("Den Haag ontbood de Russische ambassadeur.", "2021-06-01",
     "accuse.ontbieden", "ACCUSE", "disapprove", "NLDGOV", "RUSGOV", "asserted"),
    # REJECT: refusing, rejecting
    ("Rusland verwierp de eisen van de NAVO.", "2022-02-22",
     "reject.verwerpen", "REJECT", None, "RUS", None, "asserted"),
    ("Loekasjenko weigerde nieuwe verkiezingen.", "2020-08-19",
     "reject.weigeren", "REJECT", None, "BLRGOV", None, "asserted"),
    ("Servië weigerde Kosovo te erkennen.", "2023-06-01",
     "reject.weigeren", "REJECT", None, "SRB", "KOS", "asserted"),
    ("De Turkse regering wees het verzoek van Griekenland af.", "2021-09-01",
     "reject.afwijzen", "REJECT", None, "TURGOV", None, "asserted"),
    # THREATEN: coercive warnings
    ("Biden dreigde Rusland met zware sancties.", "2022-02-15",
     "threaten.dreigen-sancties", "THREATEN", "restrict", "USAGOV", "RUS", "asserted"),
    ("Loekasjenko waarschuwde de demonstranten.", "2020-08-16",
     "threaten.waarschuwen", "THREATEN", None, "BLRGOV", "BLRCVL", "asserted"),
    ("De NAVO waarschuwde Moskou voor een invasie.", "2021-12-12",
     "threaten.waarschuwen", "THREATEN", None, "IGOMIL", "RUSGOV", "asserted"),
    ("Rusland dreigde met een aanval op Oekraïne.", "2023-07-20",
     "threaten.dreigen-aanval", "THREATEN", "violence", "RUS", None, "asserted"),
    # PROTEST: demonstrations, strikes, blockades
    ("Duizenden Russen demonstreerden tegen Poetin.", "2021-01-23",
     "protest.demonstreren", "PROTEST", "demo", "RUSCVL", "RUSGOV", "asserted"),
    ("Fabrieksarbeiders in Minsk legden het werk neer.", "2020-08-17",
     "protest.leggen-werk-neer", "PROTEST", "strike", "BLRLAB", None, "asserted"),
    ("Demonstranten in Hongkong blokkeerden de wegen naar het parlement.", "2019-06-12",
     "protest.blokkeren-weg", "PROTEST", "obstruct", "CHNCVL", None, "asserted"),
    # SANCTION: sanctions, expulsions, recalls, convictions, broken ties
    ("De Europese Unie legde Rusland zware sancties op.", "2022-02-28",
     "sanction.sancties-opleggen", "SANCTION", None, "IGOGOV", "RUS", "asserted"),
    ("Polen wees een Russische diplomaat uit.", "2021-04-15",
     "sanction.uitwijzen", "SANCTION", "expel", "POL", "RUSGOV", "asserted"),
    ("Litouwen riep zijn ambassadeur in Minsk terug.", "2020-08-25",
     "sanction.roepen-terug-ambassadeur", "SANCTION", "withdraw", "LTU", "BLRGOV",
     "asserted"),
    ("Saoedi-Arabië verbrak de banden met Qatar.", "2017-06-05",
     "sanction.banden-verbreken", "SANCTION", "discontinue", "SAU", "QAT", "asserted"),
    ("Washington plaatste twee Iraanse generaals op een zwarte lijst.", "2023-02-01",
     "sanction.zwarte-lijst-plaatsen", "SANCTION", None, "USAGOV", "IRNMIL", "asserted"),
    ("Groot-Brittannië trad uit de Europese Unie.", "2020-01-31",
     "sanction.treden-uit", "SANCTION", "withdraw", "GBR", "IGOGOV", "asserted"),
    ("Praag wees de Russische consul uit.", "2021-04-20",
     "sanction.uitwijzen", "SANCTION", "expel", "CZEGOV", "RUSGOV", "asserted"),
    # MOBILIZE: troops, reservists, police deployed
    ("Rusland stuurde troepen naar de grens met Oekraïne.", "2022-02-10",
     "mobilize.sturen-troepen", "MOBILIZE", "troops", "RUS", None, "asserted"),
    ("Polen trok militairen samen aan de grens met Belarus.", "2021-11-10",
     "mobilize.trekken-samen", "MOBILIZE", "troops", "POL", None, "asserted"),
    ("Rusland riep reservisten op.", "2023-06-24",
     "mobilize.oproepen-reservisten", "MOBILIZE", "troops", "RUS", None, "asserted"),
    ("Poetin kondigde een gedeeltelijke mobilisatie af.", "2022-09-21",
     "mobilize.mobilisatie", "MOBILIZE", "troops", "RUSGOV", None, "asserted"),
    # COERCE: arrests, censorship, deportation, curfews, seizures
    ("De Russische politie arresteerde Navalny op het vliegveld.", "2021-01-17",
     "coerce.arresteren", "COERCE", "arrest", "RUSCOP", "RUSOPP", "asserted"),
    ("De Iraanse autoriteiten blokkeerden Instagram.", "2022-09-25",
     "coerce.blokkeren-websites", "COERCE", "censor", "IRNGOV", None, "asserted"),
    ("De Belarussische autoriteiten zetten een Russische journalist het land uit.",
     "2020-08-30", "coerce.uitzetten", "COERCE", "deport", "BLRGOV", "RUSJRN", "asserted"),
    ("De Chinese regering stelde een avondklok in.", "2021-03-05",
     "coerce.avondklok", "COERCE", "curfew", "CHNGOV", None, "asserted"),
    ("De Belarussische politie nam de telefoons van journalisten in beslag.", "2020-08-27",
     "coerce.in-beslag-nemen", "COERCE", "seize", "BLRCOP", None, "asserted"),
    ("De Belarussische autoriteiten legden het internet plat.", "2020-08-09",
     "coerce.internet-plat-leggen", "COERCE", "withhold", "BLRGOV", None, "asserted"),
    ("De Belarussische veiligheidsdienst hield Kolesnikova vast.", "2020-09-08",
     "coerce.houden-vast", "COERCE", "arrest", "BLRSPY", "BLROPP", "asserted"),
    ("De Russische politie hield Navalny tegen op het vliegveld.", "2021-06-01",
     "coerce.tegenhouden-persoon", "COERCE", "restrict", "RUSCOP", "RUSOPP", "asserted"),
    ("Poolse douaniers hielden de migranten tegen.", "2021-11-10",
     "coerce.tegenhouden-persoon", "COERCE", "restrict", "POLCOP", "REF", "asserted"),
    # ASSAULT: invasion, annexation, killing, firearms
    ("Rusland valt Oekraïne aan.", "2022-02-24",
     "assault.aanvallen", "ASSAULT", None, "RUS", "UKR", "asserted"),
    ("Rusland annexeerde de Krim.", "2014-03-18",
     "assault.annexeren", "ASSAULT", None, "RUS", "UKR", "asserted"),
    ("Hamas viel Israël aan.", "2023-10-07",
     "assault.aanvallen", "ASSAULT", None, "PSEREB", "ISR", "asserted"),
    ("Russische militairen doodden honderden burgers in Boetsja.", "2022-04-05",
     "assault.doden", "ASSAULT", None, "RUSMIL", "UKRCVL", "asserted"),
    ("Iraanse veiligheidstroepen schoten op demonstranten in Teheran.", "2022-09-30",
     "assault.schieten-op", "ASSAULT", "firearms", "IRNCOP", "IRNCVL", "asserted"),
    ("Palestijnse militanten vuurden raketten af op Israël.", "2021-05-12",
     "assault.afvuren", "ASSAULT", "heavy-weapons", "PSEREB", "ISR", "asserted"),
    ("Oekraïne heroverde Cherson op Rusland.", "2022-11-11",
     "assault.heroveren", "ASSAULT", None, "UKR", "RUS", "asserted"),
]


@pytest.mark.parametrize(
    ("text", "date", "rule", "type_", "mode", "source", "target", "factuality"),
    CASES,
    ids=[f"{case[3]}-{i}" for i, case in enumerate(CASES)],
)
def test_types_sentence_codes_its_plover_event(
    code: Code, text: str, date: str, rule: str, type_: str, mode: str | None,
    source: str | None, target: str | None, factuality: str,
) -> None:
    event = find(code(text, date), rule)
    assert (event.type, event.mode) == (type_, mode)
    assert (actor_code(event, "source"), actor_code(event, "target")) == (source, target)
    assert event.factuality == factuality


def test_types_cases_cover_every_plover_type_three_times() -> None:
    counts = {t: sum(1 for case in CASES if case[3] == t) for t in event_types()}
    assert len(counts) == 16 and min(counts.values()) >= 3, counts
