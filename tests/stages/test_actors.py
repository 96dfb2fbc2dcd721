"""Actor mentions on real Dutch text: names, transliterations, metonyms, roles, pronouns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kroniek.model import Article, Doc
from kroniek.pipeline import Pipeline
from kroniek.stages.ingest import read_file
from tests.conftest import SEED

Code = Callable[..., Doc]


def _by_text(doc: Doc) -> dict[str, tuple[str, str, str]]:
    return {m.text: (m.actor.name, m.actor.code, m.how) for m in doc.mentions}


@pytest.mark.parametrize(
    ("text", "date", "surface", "name", "actor_code"),
    [
        ("Aleksandr Loekasjenko sprak.", "2020-08-20", "Aleksandr Loekasjenko",
         "Alexander Lukashenko", "BLRGOV"),
        ("Het Kremlin zweeg.", "2020-08-20", "Kremlin", "Russia (government)", "RUSGOV"),
        ("De Russische president zweeg.", "2009-06-01", "De Russische president",
         "Dmitry Medvedev", "RUSGOV"),
        ("De Russische president zweeg.", "2020-08-20", "De Russische president",
         "Vladimir Putin", "RUSGOV"),
        ("De Amerikaanse president zweeg.", "2019-06-01", "De Amerikaanse president",
         "Donald Trump", "USAGOV"),
        ("De Amerikaanse president zweeg.", "2023-06-01", "De Amerikaanse president",
         "Joe Biden", "USAGOV"),
        ("Russische militairen trokken op.", "2020-08-20", "Russische militairen", "militair",
         "RUSMIL"),
        ("Europarlementariërs vlogen in.", "2014-02-20", "Europarlementariërs",
         "europarlementariër", "IGOLEG"),
        ("Loekasjenko’s veiligheidsdiensten sloegen toe.", "2020-08-20", "veiligheidsdiensten",
         "veiligheidsdienst", "BLRSPY"),
        ("Poetins woordvoerder zweeg.", "2020-08-20", "Poetins", "Vladimir Putin", "RUSGOV"),
    ],
)
def test_actors_mention_resolves_on_the_article_date(
    code: Code, text: str, date: str, surface: str, name: str, actor_code: str
) -> None:
    found = _by_text(code(text, date))
    assert surface in found, found
    assert found[surface][:2] == (name, actor_code)


def test_actors_pronoun_takes_the_nearest_person(code: Code) -> None:
    doc = code("Poetin kwam aan. Daarna sprak hij met de pers.")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert pronoun.text == "hij" and pronoun.actor.name == "Vladimir Putin"


def test_actors_group_takes_country_of_its_sentence(code: Code) -> None:
    doc = code("In Minsk jouwden fabrieksarbeiders Loekasjenko uit. Poetin keek toe.")
    (workers,) = [m for m in doc.mentions if m.text == "fabrieksarbeiders"]
    assert workers.actor.code == "BLRLAB"


def test_actors_a_countrys_economy_is_its_business_sector(code: Code) -> None:
    doc = code("De sancties treffen vooral de Russische economie.", "2022-04-01")
    (economy,) = [m for m in doc.mentions if m.text.endswith("economie")]
    assert economy.actor.code == "RUSBUS"


def test_actors_hyphenated_compound_is_not_a_country(code: Code) -> None:
    doc = code("Demonstranten wapperden met EU-vlaggen in Wit-Rusland.")
    assert "EU" not in _by_text(doc)
    assert _by_text(doc)["Wit-Rusland"][:2] == ("Belarus", "BLR")


def test_actors_seed_article_people_across_spellings(pipeline: Pipeline) -> None:
    (article,) = list(read_file(SEED))
    assert isinstance(article, Article)
    doc = pipeline(article)
    names = {m.text: m.actor.name for m in doc.mentions}
    assert names["Janoekovitsj"] == "Viktor Yanukovych"
    assert names["Michaïl Saakasjvili"] == "Mikheil Saakashvili"
    assert names["Svetlana Tichanovskaja"] == "Sviatlana Tsikhanouskaya"
    assert names["Navo"] == "NATO" and names["Europese Unie"] == "European Union"
    assert all(m.actor.name == "Vladimir Putin" for m in doc.mentions if m.text == "Poetin")


def test_actors_capital_as_a_place_does_not_give_groups_its_country(code: Code) -> None:
    doc = code("Volgens een in Oslo gevestigde organisatie schoten veiligheidstroepen op "
               "demonstranten in Teheran.", "2022-09-30")
    found = {m.text: m.actor.country for m in doc.mentions}
    assert found["veiligheidstroepen"] != "NOR"
    assert found["demonstranten"] == "IRN"  # from its own 'in Teheran'


def test_member_of_an_organisation_acts_as_the_organisation(code: Code) -> None:
    doc = code("Agenten van de KGB arresteerden de journalist.", "2021-05-24")
    name, actor_code, _ = _by_text(doc)["Agenten"]
    assert (name, actor_code) == ("State Security Committee of the Republic of Belarus", "BLRSPY")


def test_unknown_person_keeps_its_full_name_and_the_context_country(code: Code) -> None:
    doc = code("Iran liet de student Kaveh Rostami zonder proces opsluiten.", "2022-09-20")
    mention = next(m for m in doc.mentions if m.text.startswith("Kaveh"))
    assert (mention.text, mention.actor.kind, mention.actor.country) == (
        "Kaveh Rostami", "unknown", "IRN")


def test_first_name_that_is_a_capital_stays_part_of_the_person(code: Code) -> None:
    doc = code("De Russische studente Sofia Sapega werd in Minsk vastgehouden.", "2021-05-24")
    assert not any(m.actor.country == "BGR" for m in doc.mentions)
    assert any(m.text == "Sofia Sapega" for m in doc.mentions)


def test_plural_ze_refers_to_the_nearest_group(code: Code) -> None:
    doc = code("De Wit-Russische oproerpolitie trok de stad binnen. Ze arresteerden honderden "
               "demonstranten.", "2020-08-12")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert (pronoun.text, pronoun.actor.code) == ("Ze", "BLRCOP")


def test_singular_zij_refers_to_the_nearest_person(code: Code) -> None:
    doc = code("Svetlana Tichanovskaja vluchtte naar Vilnius. Zij riep de EU op om sancties.",
               "2020-08-20")
    (pronoun,) = [m for m in doc.mentions if m.how == "pronoun"]
    assert (pronoun.text, pronoun.actor.name) == ("Zij", "Sviatlana Tsikhanouskaya")


def test_possessive_haar_is_no_mention(code: Code) -> None:
    doc = code("Svetlana Tichanovskaja zette haar campagne voort.", "2020-08-20")
    assert not [m for m in doc.mentions if m.how == "pronoun"]


def test_two_word_role_noun_is_one_group(code: Code) -> None:
    doc = code("Rusland steunde een separatistische provincie van Georgië.", "2008-08-20")
    found = _by_text(doc)
    assert found["een separatistische provincie"][1] == "GEOREB", found


def test_personal_pronoun_before_a_role_noun_is_not_part_of_its_mention(code: Code) -> None:
    doc = code("In 2008 hielp hij een separatistische provincie van Georgië.", "2020-08-20")
    assert "een separatistische provincie" in _by_text(doc)


def test_role_noun_before_an_organisations_name_is_no_mention_of_its_own(code: Code) -> None:
    doc = code("Cubanen werken samen met de Venezolaanse geheime dienst Sebin.", "2019-01-30")
    found = _by_text(doc)
    assert "Sebin" in found and not any("geheime dienst" in text for text in found), found


def test_forces_a_leader_sends_are_his_own_country_s(code: Code) -> None:
    doc = code("Poetin kan het zich niet veroorloven. "
               "Op buurland Georgië stuurde hij in 2008 ook het leger af.")
    assert _by_text(doc)["het leger"] == ("leger", "RUSMIL", "group+commander")


def test_forces_a_state_sends_are_its_own(code: Code) -> None:
    doc = code("Op buurland Georgië stuurde Rusland het leger af.")
    assert _by_text(doc)["het leger"][1] == "RUSMIL"


def test_forces_without_a_commanding_subject_keep_the_sentence_s_country(code: Code) -> None:
    doc = code("In Georgië trok het leger zich terug.")
    assert _by_text(doc)["het leger"][1] == "GEOMIL"


@pytest.mark.parametrize(
    ("text", "surface"),
    [("Op buurland Georgië stuurde Rusland in 2008 het leger af.", "het leger"),
     ("Volgens de generaals komt er een burgerregering in Soedan.", "een burgerregering")],
)
def test_a_group_s_phrase_starts_at_its_article(code: Code, text: str, surface: str) -> None:
    assert surface in _by_text(code(text))


def test_a_place_frog_takes_for_a_person_is_no_actor(code: Code) -> None:
    # Frog tags Sotsji as a person; the gazetteer knows it by its Dutch name.
    doc = code("President Vladimir Poetin heeft zijn Belarussische collega Aleksandr "
               "Loekasjenko vrijdag in de badplaats Sotsji de rug gestijfd.", "2021-05-29")
    assert "Sotsji" not in _by_text(doc)
    assert "Aleksandr Loekasjenko" in _by_text(doc)
