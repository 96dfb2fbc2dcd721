"""The time-expression engine on real Dutch sentences, against a fixed article date.

ARTICLE is Thursday 20 August 2020. Each case names the sentence, the expression as found in
it, and its value, precision and kind.
"""

from __future__ import annotations

import pytest

from kroniek.model.dates import is_partial_date
from kroniek.timex import find_time_expressions

ARTICLE = "2020-08-20"

CASES = [
    ("In 2008 stuurde hij het leger.", "In 2008", "2008", "year", "date"),
    ("Hij kwam op 9 augustus aan.", "op 9 augustus", "2020-08-09", "day", "date"),
    ("De verkiezingen van 9 augustus 2020 waren vals.",
     "van 9 augustus 2020", "2020-08-09", "day", "date"),
    ("Ze trouwden op 1 januari 2000.", "op 1 januari 2000", "2000-01-01", "day", "date"),
    ("In augustus 2020 begon het protest.", "In augustus 2020", "2020-08", "month", "date"),
    ("Begin jaren negentig viel de Sovjet-Unie uiteen.",
     "Begin jaren negentig", "199", "decade", "date"),
    ("In de jaren '90 was alles anders.", "In de jaren '90", "199", "decade", "date"),
    ("In de jaren tachtig was het rustig.", "In de jaren tachtig", "198", "decade", "date"),
    ("In de zomer van 2014 vloog MH17 over Oekraïne.",
     "In de zomer van 2014", "2014", "year", "date"),
    ("Gisteren belde Poetin.", "Gisteren", "2020-08-19", "day", "date"),
    ("Gisteravond belde Poetin.", "Gisteravond", "2020-08-19", "day", "date"),
    ("Eergisteren belde Poetin.", "Eergisteren", "2020-08-18", "day", "date"),
    ("Vandaag belt Poetin.", "Vandaag", "2020-08-20", "day", "date"),
    ("Vanochtend belde Poetin.", "Vanochtend", "2020-08-20", "day", "date"),
    ("Morgen belt Poetin.", "Morgen", "2020-08-21", "day", "date"),
    ("Overmorgen belt Poetin.", "Overmorgen", "2020-08-22", "day", "date"),
    ("Vorige week belde Poetin.", "Vorige week", "2020-08", "month", "date"),
    ("Eerder deze week belde Poetin.", "Eerder deze week", "2020-08", "month", "date"),
    ("Volgende week belt Poetin.", "Volgende week", "2020-08", "month", "date"),
    ("Afgelopen zondag belde Poetin.", "Afgelopen zondag", "2020-08-16", "day", "date"),
    ("Zondag belde Poetin.", "Zondag", "2020-08-16", "day", "date"),
    ("Donderdag belde Poetin.", "Donderdag", "2020-08-20", "day", "date"),
    ("Vrijdag belde Poetin.", "Vrijdag", "2020-08-14", "day", "date"),
    ("Woensdagavond belde Poetin.", "Woensdagavond", "2020-08-19", "day", "date"),
    ("Dinsdagnacht belde Poetin.", "Dinsdagnacht", "2020-08-18", "day", "date"),
    ("Komende zondag belt Poetin.", "Komende zondag", "2020-08-23", "day", "date"),
    ("Vorig jaar belde Poetin.", "Vorig jaar", "2019", "year", "date"),
    ("Dit jaar belde Poetin.", "Dit jaar", "2020", "year", "date"),
    ("Volgend jaar belt Poetin.", "Volgend jaar", "2021", "year", "date"),
    ("Begin dit jaar belde Poetin.", "Begin dit jaar", "2020", "year", "date"),
    ("Eind vorige maand belde Poetin.", "Eind vorige maand", "2020-07", "month", "date"),
    ("Vorige maand belde Poetin.", "Vorige maand", "2020-07", "month", "date"),
    ("Deze maand belde Poetin.", "Deze maand", "2020-08", "month", "date"),
    ("De afgelopen dagen belde Poetin.", "De afgelopen dagen", "2020-08", "month", "duration"),
    ("De afgelopen drie dagen belde Poetin.",
     "De afgelopen drie dagen", "2020-08-17", "day", "duration"),
    ("De afgelopen weken belde Poetin.", "De afgelopen weken", "2020-08", "month", "duration"),
    ("De afgelopen jaren belde Poetin.", "De afgelopen jaren", "2018", "year", "duration"),
    ("Twee weken geleden belde Poetin.", "Twee weken geleden", "2020-08-06", "day", "date"),
    ("Een week geleden belde Poetin.", "Een week geleden", "2020-08-13", "day", "date"),
    ("Drie maanden geleden belde Poetin.", "Drie maanden geleden", "2020-05", "month", "date"),
    ("Een jaar geleden belde Poetin.", "Een jaar geleden", "2019", "year", "date"),
    ("Tien jaar geleden belde Poetin.", "Tien jaar geleden", "2010", "year", "date"),
    ("Enkele dagen geleden belde Poetin.", "Enkele dagen geleden", "2020-08", "month", "date"),
    ("Sinds maart demonstreren ze.", "Sinds maart", "2020-03", "month", "duration"),
    ("Sinds 2014 steunt hij hem.", "Sinds 2014", "2014", "year", "duration"),
    ("Al sinds 2015 vechten ze.", "sinds 2015", "2015", "year", "duration"),
    ("Sinds begin dit jaar ruziën ze.", "Sinds begin dit jaar", "2020", "year", "duration"),
    ("Ze demonstreren al zes weken.", "al zes weken", "2020-07-09", "day", "duration"),
    ("Ze demonstreren al twee maanden.", "al twee maanden", "2020-06", "month", "duration"),
    ("Ze demonstreren al maanden.", "al maanden", "2020", "year", "duration"),
    ("Ze demonstreren al jaren.", "al jaren", "2018", "year", "duration"),
    ("Ze demonstreren al ruim een jaar.", "al ruim een jaar", "2019", "year", "duration"),
    ("Ze demonstreerden drie dagen lang.", "drie dagen lang", "2020-08-17", "day", "duration"),
    ("Ze demonstreerden wekenlang.", "wekenlang", "2020-08", "month", "duration"),
    ("Ze demonstreerden maandenlang.", "maandenlang", "2020", "year", "duration"),
    ("Sinds de annexatie van de Krim gaat het slecht.",
     "Sinds de annexatie van de Krim", "2014-03", "month", "duration"),
    ("Vlak voor de val van de Muur vluchtte hij.",
     "Vlak voor de val van de Muur", "1989-11-09", "day", "date"),
    ("Tijdens de Arabische Lente werd hij gekozen.",
     "Tijdens de Arabische Lente", "2011", "year", "date"),
    ("Hij werd in april gekozen.", "in april", "2020-04", "month", "date"),
    ("Sinds december werken ze samen.", "Sinds december", "2019-12", "month", "duration"),
    ("Eind juli waarschuwde Xi.", "Eind juli", "2020-07", "month", "date"),
    ("Medio 2019 kwam hij aan de macht.", "Medio 2019", "2019", "year", "date"),
    ("Halverwege augustus kwam hij terug.", "Halverwege augustus", "2020-08", "month", "date"),
    ("Begin augustus kwam hij terug.", "Begin augustus", "2020-08", "month", "date"),
    ("Hij is sinds augustus vorig jaar in ballingschap.",
     "sinds augustus vorig jaar", "2019-08", "month", "duration"),
    ("Het gebeurde in augustus vorig jaar.", "in augustus vorig jaar", "2019-08", "month", "date"),
    ("Het verdrag werd getekend op 18 maart.", "op 18 maart", "2020-03-18", "day", "date"),
    ("Armenië moet voor 1 december vertrekken.", "voor 1 december", "2020-12-01", "day", "date"),
    ("Op 29 mei sneuvelde het plan.", "Op 29 mei", "2020-05-29", "day", "date"),
    ("De top is op 2020-08-09 gehouden.", "2020-08-09", "2020-08-09", "day", "date"),
    ("De top is op 09-08-2020 gehouden.", "09-08-2020", "2020-08-09", "day", "date"),
    ("Afgelopen weekend demonstreerden ze.", "Afgelopen weekend", "2020-08-15", "day", "date"),
    ("Vorige zomer demonstreerden ze.", "Vorige zomer", "2019", "year", "date"),
    ("In de winter van 2019 was het koud.", "In de winter van 2019", "2019", "year", "date"),
    ("Het staakt-het-vuren geldt sinds dinsdagnacht.",
     "sinds dinsdagnacht", "2020-08-18", "day", "duration"),
    ("Sinds gisteren is het stil.", "Sinds gisteren", "2020-08-19", "day", "duration"),
    ("Het gebeurde zondag 9 augustus.", "zondag 9 augustus", "2020-08-09", "day", "date"),
    ("Vanavond spreekt hij.", "Vanavond", "2020-08-20", "day", "date"),
    ("In de jaren twintig was er crisis.", "In de jaren twintig", "192", "decade", "date"),
    ("Sinds 1989 regeert hij.", "Sinds 1989", "1989", "year", "duration"),
    ("Tussen 2010 en 2012 was hij premier.", "en 2012", "2012", "year", "date"),
    ("Het gebeurde eind 2019.", "eind 2019", "2019", "year", "date"),
    ("Dat was vorige week dinsdag.", "vorige week dinsdag", "2020-08-11", "day", "date"),
    ("Hij komt anderhalve week geleden aan.",
     "anderhalve week geleden", "2020-08-10", "day", "date"),
    ("Het gebeurde vijfentwintig jaar geleden.",
     "vijfentwintig jaar geleden", "1995", "year", "date"),
    ("Dat was in het jaar 1996.", "in het jaar 1996", "1996", "year", "date"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "precision", "kind"), CASES)
def test_engine_normalises_expression(
    sentence: str, text: str, value: str, precision: str, kind: str
) -> None:
    found = {e.text: e for e in find_time_expressions(sentence, ARTICLE)}
    assert text in found, f"{text!r} not found in {sentence!r}: {list(found)}"
    expression = found[text]
    assert (expression.value, expression.precision, expression.kind) == (value, precision, kind)
    assert sentence[expression.start : expression.end] == text


def test_engine_has_at_least_80_cases() -> None:
    assert len(CASES) >= 80


def test_engine_without_article_date_keeps_only_expressions_with_their_own_year() -> None:
    found = find_time_expressions("Gisteren, op 9 augustus en in 2008 gebeurde het.", None)
    assert [(e.text, e.value) for e in found] == [("in 2008", "2008")]


def test_engine_relative_expressions_are_no_finer_than_a_month_article_date() -> None:
    (expression,) = find_time_expressions("Zondag belde Poetin.", "2020-08")
    assert (expression.value, expression.precision) == ("2020-08", "month")


def test_engine_al_zes_weken_on_a_month_article_date_is_the_month_before() -> None:
    (expression,) = find_time_expressions("Ze demonstreren al zes weken.", "2020-08")
    assert (expression.value, expression.kind) == ("2020-07", "duration")


def test_engine_die_dag_leans_on_the_date_before() -> None:
    found = find_time_expressions(
        "Zelenski kondigde donderdag de staat van beleg af. Later die dag tekende hij.",
        "2022-02-25")
    assert [(e.text, e.value) for e in found] == [
        ("donderdag", "2022-02-24"), ("Later die dag", "2022-02-24")]


def test_engine_drie_dagen_later_counts_from_the_date_before() -> None:
    found = find_time_expressions(
        "Amini werd op 13 september aangehouden. Drie dagen later overleed ze.", "2022-09-24")
    assert [e.value for e in found] == ["2022-09-13", "2022-09-16"]


def test_engine_anaphora_without_a_date_before_gives_nothing() -> None:
    assert find_time_expressions("Diezelfde middag liet Hamas gijzelaars vrij.",
                                 "2023-11-25") == []


def test_engine_sindsdien_is_a_duration_from_the_date_before() -> None:
    found = find_time_expressions(
        "De oorlog begon op 7 oktober. Israël bestookt de Gazastrook sindsdien.", "2023-11-25")
    assert (found[-1].text, found[-1].value, found[-1].kind) == (
        "sindsdien", "2023-10-07", "duration")


@pytest.mark.parametrize("sentence", [
    "Tot op de dag van vandaag duurt de oorlog voort.",
    "Hij werkt 's morgens thuis.",
    "President Erdogan riep voor drie maanden de noodtoestand uit.",
    "Na zes weken van zware gevechten kwam er een akkoord.",
    "De troepen vertrekken binnen vier tot zes maanden.",
    "Ruim 1700 mensen werden opgepakt.",
    "De Navo-oefening Defender Europe 23 ging door.",
    "Hij werd in mei gekozen tot voorzitter van de jury van 25 mensen.",
])
def test_engine_finds_no_date_where_there_is_none(sentence: str) -> None:
    found = find_time_expressions(sentence, ARTICLE)
    assert all(e.text in ("in mei",) for e in found), found


@pytest.mark.parametrize("sentence", [
    "Op 31 februari 2020 gebeurde het.",
    "Het gebeurde 5000 jaar geleden, of al 999 eeuwen.",
    "Sinds 30-02-2020 en op 2020-13-45.",
])
def test_engine_impossible_dates_give_nothing(sentence: str) -> None:
    assert find_time_expressions(sentence, ARTICLE) == []


@pytest.mark.parametrize("article_date", ["", "gisteren", "2020-13-45", "0001-01-01", "9999"])
def test_engine_odd_article_dates_never_raise(article_date: str) -> None:
    found = find_time_expressions("Vorig jaar en volgend jaar, gisteren en in 2008.",
                                  article_date)
    assert all(is_partial_date(e.value) for e in found)
    assert "in 2008" in [e.text for e in found]


def test_engine_offsets_are_those_of_the_input() -> None:
    text = "İstanbul, dinsdag: de politie greep in op 9 augustus 2020."
    for expression in find_time_expressions(text, ARTICLE):
        assert text[expression.start : expression.end] == expression.text
