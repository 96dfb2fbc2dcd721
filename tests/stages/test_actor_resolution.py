"""Actor resolution: spellings, dated roles, metonyms, role nouns, pronouns and possessives.

Knowledge-base lookups test what a name can mean on a day; the pipeline cases test what a
mention in a real Dutch sentence resolves to (Frog's NER is only a hint there).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kroniek.kb import KnowledgeBase, default_kb
from kroniek.model import Doc

Code = Callable[..., Doc]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def _mentions(doc: Doc) -> dict[str, tuple[str, str]]:
    return {m.text: (m.actor.name, m.actor.code) for m in doc.mentions}


# Dutch, English, German and Polish renderings of the same Slavic names.
SPELLINGS = [
    ("Loekasjenko", "Alexander Lukashenko"),
    ("Lukashenko", "Alexander Lukashenko"),
    ("Lukasjenko", "Alexander Lukashenko"),
    ("Loekasjenka", "Alexander Lukashenko"),
    ("Lukaschenko", "Alexander Lukashenko"),
    ("Lukasjenka", "Alexander Lukashenko"),
    ("Łukaszenka", "Alexander Lukashenko"),
    ("Zelensky", "Volodymyr Zelenskyy"),
    ("Zelenski", "Volodymyr Zelenskyy"),
    ("Zelenskyj", "Volodymyr Zelenskyy"),
    ("Zelenskyy", "Volodymyr Zelenskyy"),
    ("Selenskyj", "Volodymyr Zelenskyy"),
    ("Navalny", "Alexei Navalny"),
    ("Navalni", "Alexei Navalny"),
    ("Navalnyj", "Alexei Navalny"),
    ("Nawalny", "Alexei Navalny"),
    ("Tichanovskaja", "Sviatlana Tsikhanouskaya"),
    ("Tsikhanouskaya", "Sviatlana Tsikhanouskaya"),
    ("Tichanowskaja", "Sviatlana Tsikhanouskaya"),
    ("Tsichanovskaja", "Sviatlana Tsikhanouskaya"),
    ("Sjojgoe", "Sergei Shoigu"),
    ("Schoigu", "Sergei Shoigu"),
    ("Lawrow", "Sergey Lavrov"),
    ("Medwedew", "Dmitry Medvedev"),
    ("Janukowytsch", "Viktor Yanukovych"),
    ("Prigozjin", "Yevgeny Prigozhin"),
    ("Prigoschin", "Yevgeny Prigozhin"),
    ("Kolesnikowa", "Maria Kalesnikava"),
    ("Babariko", "Viktar Babaryka"),
    ("Erdogan", "Recep Tayyip Erdoğan"),  # without the diacritic
    ("Wladimir Putin", "Vladimir Putin"),
    ("Tsapkala", "Valery Tsepkalo"),
]


@pytest.mark.parametrize(("surface", "name"), SPELLINGS)
def test_actor_resolution_spelling_finds_the_person(
    kb: KnowledgeBase, surface: str, name: str
) -> None:
    candidates = kb.lookup(surface)
    assert candidates, surface
    assert kb.actor(kb.choose(candidates, "2020-08-20"), "2020-08-20").name == name


@pytest.mark.parametrize(
    ("surface", "day", "actor_code"),
    [
        ("Pasjinjan", "2015-06-01", "ARMOPP"),  # opposition before 2018
        ("Pasjinjan", "2020-08-20", "ARMGOV"),
        ("Saakasjvili", "2009-06-01", "GEOGOV"),
        ("Saakasjvili", "2020-08-20", "GEOOPP"),
        ("Janoekovitsj", "2012-01-01", "UKRGOV"),
        ("Janoekovitsj", "2020-08-20", "UKRELI"),  # a former president is elite
        ("Trump", "2022-01-01", "USAELI"),
        ("Medvedev", "2010-06-01", "RUSGOV"),
        ("Zelensky", "2009-06-01", "UKR"),  # no office yet
    ],
)
def test_actor_resolution_person_sector_depends_on_the_day(
    kb: KnowledgeBase, surface: str, day: str, actor_code: str
) -> None:
    assert kb.actor(kb.choose(kb.lookup(surface), day), day).code == actor_code


def test_actor_resolution_brussel_can_be_the_eu_or_belgium(kb: KnowledgeBase) -> None:
    keys = {(c.kind, c.key) for c in kb.lookup("Brussel")}
    assert {("organisation", "eu"), ("capital", "BEL")} <= keys


# (text, article date, mention text, knowledge-base name, actor code)
IN_TEXT = [
    # spellings in running text
    ("Lukashenko sprak met de stakers.", "2020-08-20", "Lukashenko",
     "Alexander Lukashenko", "BLRGOV"),
    ("Loekasjenka sprak met de stakers.", "2020-08-20", "Loekasjenka",
     "Alexander Lukashenko", "BLRGOV"),
    ("Lukasjenko ontmoette Poetin.", "2020-08-20", "Lukasjenko",
     "Alexander Lukashenko", "BLRGOV"),
    ("Lukaschenko ontmoette Poetin.", "2020-08-20", "Lukaschenko",
     "Alexander Lukashenko", "BLRGOV"),
    ("Zelenski sprak met Biden.", "2022-03-01", "Zelenski", "Volodymyr Zelenskyy", "UKRGOV"),
    ("Zelenskyj belde Scholz op.", "2022-03-01", "Zelenskyj", "Volodymyr Zelenskyy",
     "UKRGOV"),
    ("Navalni werd veroordeeld.", "2021-02-02", "Navalni", "Alexei Navalny", "RUSOPP"),
    ("Navalnyj werd gearresteerd.", "2021-01-18", "Navalnyj", "Alexei Navalny", "RUSOPP"),
    ("Tsikhanouskaya vertrok naar Vilnius.", "2020-08-20", "Tsikhanouskaya",
     "Sviatlana Tsikhanouskaya", "BLROPP"),
    ("Tichanowskaja sprak met Merkel.", "2020-08-20", "Tichanowskaja",
     "Sviatlana Tsikhanouskaya", "BLROPP"),
    # dated roles: the article date decides who holds the office
    ("De Russische president bezocht Minsk.", "2009-06-01", "De Russische president",
     "Dmitry Medvedev", "RUSGOV"),
    ("De Russische president bezocht Minsk.", "2020-08-20", "De Russische president",
     "Vladimir Putin", "RUSGOV"),
    ("De Amerikaanse president bekritiseerde China.", "2019-06-01",
     "De Amerikaanse president", "Donald Trump", "USAGOV"),
    ("De Amerikaanse president bekritiseerde China.", "2023-06-01",
     "De Amerikaanse president", "Joe Biden", "USAGOV"),
    ("De Russische premier bezocht Minsk.", "2010-06-01", "De Russische premier",
     "Vladimir Putin", "RUSGOV"),
    ("De Oekraïense president weigerde het akkoord te tekenen.", "2013-12-01",
     "De Oekraïense president", "Viktor Yanukovych", "UKRGOV"),
    ("De Franse president bezocht Berlijn.", "2019-06-01", "De Franse president",
     "Emmanuel Macron", "FRAGOV"),
    ("De Nederlandse premier bezocht Kyiv.", "2015-06-01", "De Nederlandse premier",
     "Mark Rutte", "NLDGOV"),
    # a role description for a person already known
    ("De Belarussische alleenheerser sprak met de stakers.", "2020-08-20",
     "De Belarussische alleenheerser", "Alexander Lukashenko", "BLRGOV"),
    # metonyms and capitals as governments
    ("Het Kremlin reageerde terughoudend.", "2020-08-20", "Kremlin",
     "Russia (government)", "RUSGOV"),
    ("Moskou reageerde terughoudend.", "2020-08-20", "Moskou", "Russia (government)",
     "RUSGOV"),
    ("Het Witte Huis ontkende het bericht.", "2019-06-01", "Witte Huis",
     "United States (government)", "USAGOV"),
    ("Den Haag ontbood de Russische ambassadeur.", "2021-06-01", "Den Haag",
     "Netherlands (government)", "NLDGOV"),
    ("Kiev vroeg om meer wapens.", "2022-04-01", "Kiev", "Ukraine (government)", "UKRGOV"),
    ("Kyiv vroeg om meer wapens.", "2022-04-01", "Kyiv", "Ukraine (government)", "UKRGOV"),
    ("De Navo steunde Kiev.", "2022-03-01", "Navo", "NATO", "IGOMIL"),
    ("De Europese Commissie bekritiseerde Den Haag.", "2021-06-01", "Europese Commissie",
     "European Commission", "IGOGOV"),
    # role nouns take their country from an adjective or a place
    ("De Wit-Russische oproerpolitie trad hard op.", "2020-08-20",
     "De Wit-Russische oproerpolitie", "oproerpolitie", "BLRCOP"),
    ("Oekraïense soldaten verdedigden de stad.", "2022-03-01", "Oekraïense soldaten",
     "soldaat", "UKRMIL"),
    ("Russische militairen staan klaar aan de grens.", "2020-08-20", "Russische militairen",
     "militair", "RUSMIL"),
    ("Iraanse veiligheidstroepen schoten op demonstranten.", "2022-09-30",
     "Iraanse veiligheidstroepen", "veiligheidstroep", "IRNCOP"),
    ("De Georgische oppositie steunde de Belarussische betogers.", "2020-08-20",
     "De Georgische oppositie", "oppositie", "GEOOPP"),
    ("De Georgische oppositie steunde de Belarussische betogers.", "2020-08-20",
     "de Belarussische betogers", "betoger", "BLRCVL"),
    ("Polen vangt duizenden Oekraïense vluchtelingen op.", "2022-02-26",
     "Oekraïense vluchtelingen", "vluchteling", "UKRREF"),
    ("Belarussische staatstelevisie beschuldigde de oppositie van verraad.", "2020-08-20",
     "Belarussische staatstelevisie", "staatstelevisie", "BLRJRN"),
    ("Een Russische rechtbank veroordeelde Navalny tot drieënhalf jaar cel.", "2021-02-02",
     "Een Russische rechtbank", "rechtbank", "RUSJUD"),
    ("Demonstranten in Minsk eisten nieuwe verkiezingen.", "2020-08-20", "Demonstranten",
     "demonstrant", "BLRCVL"),
    ("Duizenden Russische mensen gingen de straat op.", "2022-02-24", "Russische mensen",
     "mens", "RUSCVL"),
    ("Fabrieksarbeiders in Minsk legden het werk neer.", "2020-08-17", "Fabrieksarbeiders",
     "fabrieksarbeider", "BLRLAB"),
    ("Iraanse vrouwen protesteerden tegen de hoofddoekplicht.", "2022-09-25",
     "Iraanse vrouwen", "vrouw", "IRNCVL"),
    ("Rusland deporteerde Oekraïense kinderen naar Rusland.", "2023-03-17",
     "Oekraïense kinderen", "kind", "UKRCVL"),
    ("Israël liet Palestijnse gevangenen vrij.", "2023-11-25", "Palestijnse gevangenen",
     "gevangene", "PSECVL"),
    ("Palestijnse militanten vuurden raketten af op Israël.", "2021-05-12",
     "Palestijnse militanten", "militant", "PSEREB"),
    ("Praag wees de Russische consul uit.", "2021-04-20", "de Russische consul", "consul",
     "RUSGOV"),
    ("Poolse douaniers hielden de migranten tegen.", "2021-11-10", "Poolse douaniers",
     "douane", "POLCOP"),
    ("Russische matrozen bezetten het eiland.", "2022-06-01", "Russische matrozen",
     "matroos", "RUSMIL"),
    ("Spetsnaz bezetten het vliegveld van Simferopol.", "2014-02-28", "Spetsnaz",
     "Spetsnaz (Russian special forces)", "RUSMIL"),
    # a member of an organisation is of its country, whatever the article is about
    ("In Minsk zei de presentator van staatszender Kanaal Een dat het Westen schuld heeft.",
     "2020-08-20", "Kanaal Een", "Channel One Russia", "RUSJRN"),
    ("In Minsk zei de presentator van staatszender Kanaal Een dat het Westen schuld heeft.",
     "2020-08-20", "de presentator", "presentator", "RUSJRN"),
    # a noun before a name the knowledge base does not know says what the person is
    ("De KGB arresteerde Protasevitsj en zijn Russische vriendin Sofia Sapega.", "2021-05-24",
     "Sofia Sapega", "Sofia Sapega", "RUSCVL"),
    # possessives
    ("Loekasjenko's woordvoerder zweeg.", "2020-08-20", "Loekasjenko's",
     "Alexander Lukashenko", "BLRGOV"),
    ("Erdoğans regering zweeg.", "2023-06-01", "regering", "regering", "TURGOV"),
    ("Poetins inval in Oekraïne stuit op verzet.", "2022-03-05", "Poetins",
     "Vladimir Putin", "RUSGOV"),
]


@pytest.mark.parametrize(("text", "date", "surface", "name", "actor_code"), IN_TEXT)
def test_actor_resolution_mention_in_a_sentence(
    code: Code, text: str, date: str, surface: str, name: str, actor_code: str
) -> None:
    found = _mentions(code(text, date))
    assert surface in found, found
    assert found[surface] == (name, actor_code)


def test_actor_resolution_hij_is_the_person_named_before(code: Code) -> None:
    doc = code("Loekasjenko kwam aan in de fabriek. Daar werd hij uitgejouwd.")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert (pronoun.text, pronoun.actor.name) == ("hij", "Alexander Lukashenko")


def test_actor_resolution_hem_in_the_next_sentence(code: Code) -> None:
    doc = code("Loekasjenko kwam aan. De politie beschermde hem.")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert (pronoun.text, pronoun.actor.code) == ("hem", "BLRGOV")


def test_actor_resolution_hem_after_a_coordinated_verb_is_the_nearest_person(
    code: Code,
) -> None:
    doc = code("Loekasjenko bedankte Poetin en beloofde hem trouw.")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert (pronoun.text, pronoun.actor.name) == ("hem", "Vladimir Putin")


def test_actor_resolution_short_form_after_full_name(code: Code) -> None:
    doc = code("Aleksandr Loekasjenko kwam aan. Loekasjenko sprak de arbeiders toe.")
    names = [(m.text, m.actor.name) for m in doc.mentions if m.actor.kind == "person"]
    assert names == [("Aleksandr Loekasjenko", "Alexander Lukashenko"),
                     ("Loekasjenko", "Alexander Lukashenko")]


def test_actor_resolution_acting_president_on_the_day(code: Code) -> None:
    # Yanukovych fled in February 2014; Turchynov was acting president until June.
    found = _mentions(code("De Oekraïense president vluchtte naar Rusland.", "2014-03-01"))
    assert found["De Oekraïense president"] == ("Oleksandr Turchynov", "UKRGOV")
