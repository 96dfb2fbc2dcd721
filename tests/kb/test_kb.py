"""The knowledge base files and lookups; every data file is loaded and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.errors import DataFileError
from kroniek.kb import KnowledgeBase, default_kb
from kroniek.kb.loader import ROLE_COLUMNS, data_dir, load_first_names, load_people


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def test_kb_loads_every_file_with_the_promised_sizes(kb: KnowledgeBase) -> None:
    assert len(kb.countries) >= 196 and len(kb.organisations) >= 40
    assert len(kb.people) >= 400 and len(kb.role_nouns) >= 150


def test_kb_people_roles_are_in_order(kb: KnowledgeBase) -> None:
    for person in kb.people.values():
        assert person.roles, person.id
        for role in person.roles:
            assert not (role.start and role.end) or role.start[: len(role.end)] <= role.end


@pytest.mark.parametrize(
    ("surface", "day", "name", "code"),
    [
        ("Poetin", "2020-08-15", "Vladimir Putin", "RUSGOV"),
        ("Poetin", "2010-06-01", "Vladimir Putin", "RUSGOV"),  # prime minister then
        ("Loekasjenko", "2020-08-15", "Alexander Lukashenko", "BLRGOV"),
        ("Lukaschenko", "2020-08-15", "Alexander Lukashenko", "BLRGOV"),
        ("Zelenskyj", "2022-03-01", "Volodymyr Zelenskyy", "UKRGOV"),
        ("Navalnyj", "2020-08-15", "Alexei Navalny", "RUSOPP"),
        ("Tichanovskaja", "2020-08-15", "Sviatlana Tsikhanouskaya", "BLROPP"),
        ("Janoekovitsj", "2020-08-15", "Viktor Yanukovych", "UKRELI"),  # a former president
        ("Navo", "2020-08-15", "NATO", "IGOMIL"),
        ("Kremlin", "2020-08-15", "Russia (government)", "RUSGOV"),
        ("Wit-Rusland", "2020-08-15", "Belarus", "BLR"),
    ],
)
def test_kb_lookup_resolves_on_the_day(
    kb: KnowledgeBase, surface: str, day: str, name: str, code: str
) -> None:
    actor = kb.actor(kb.choose(kb.lookup(surface), day), day)
    assert (actor.name, actor.code) == (name, code)


@pytest.mark.parametrize(
    ("country", "day", "holder"),
    [("RUS", "2009-06-01", "Dmitry Medvedev"), ("RUS", "2020-08-15", "Vladimir Putin"),
     ("USA", "2019-06-01", "Donald Trump"), ("USA", "2023-06-01", "Joe Biden")],
)
def test_kb_head_of_state_on_a_date(kb: KnowledgeBase, country: str, day: str, holder: str) -> None:
    person = kb.title_holder(country, "head_of_state", day)
    assert person is not None and person.name == holder


def test_kb_female_first_names_file_loads_with_unique_names() -> None:
    path = data_dir() / "actors" / "female_first_names.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == len(set(rows)) == len(load_first_names(path)) >= 100


@pytest.mark.parametrize(
    ("name", "female"),
    [("Sviatlana Tsikhanouskaya", True), ("Maria Kalesnikava", True), ("Kaja Kallas", True),
     ("Tatjana Petrova", True), ("Alexander Lukashenko", False), ("Vladimir Putin", False),
     ("Dmitry Medvedev", False)],
)
def test_kb_tells_a_womans_name(kb: KnowledgeBase, name: str, female: bool) -> None:
    assert kb.is_female(name) is female


def test_kb_office_with_several_holders_has_no_single_holder(kb: KnowledgeBase) -> None:
    # Tsikhanouskaya, Kalesnikava and Latushko all led the Belarusian opposition in 2020.
    assert len(kb.title_holders("BLR", "opposition_leader", "2020-08-20")) >= 2
    assert kb.title_holder("BLR", "opposition_leader", "2020-08-20") is None


def test_kb_people_by_a_surname_the_aliases_leave_out(kb: KnowledgeBase) -> None:
    names = {p.name for p in kb.people_with_surname("Bush")}
    assert {"George W. Bush", "George H. W. Bush"} <= names


def test_kb_exact_role_noun_does_not_read_compounds(kb: KnowledgeBase) -> None:
    assert kb.role_noun("studentenleider") is not None
    assert kb.exact_role_noun("studentenleider") is None
    assert kb.exact_role_noun("presidenten") is not None


def test_kb_role_noun_matches_only_its_listed_forms(kb: KnowledgeBase) -> None:
    noun = kb.role_noun("mens", "mensen")
    assert noun is not None and noun.sector == "CVL"
    assert kb.role_noun("mens", "mens") is None  # 'een goed mens' is no group


def test_kb_historical_state_only_on_its_dates(kb: KnowledgeBase) -> None:
    assert kb.actor(kb.choose(kb.lookup("Moskou"), "2020-01-01"), "2020-01-01").country == "RUS"
    assert kb.actor(kb.choose(kb.lookup("KGB"), "2021-05-01"), "2021-05-01").country == "BLR"


@pytest.mark.parametrize(
    ("lemma", "sector"),
    [("demonstrant", "CVL"), ("oproerpolitie", "COP"), ("fabrieksarbeider", "LAB"),
     ("veiligheidsdienst", "SPY"), ("separatist", "REB"), ("staatstelevisie", "JRN")],
)
def test_kb_role_nouns_and_compounds(kb: KnowledgeBase, lemma: str, sector: str) -> None:
    noun = kb.role_noun(lemma)
    assert noun is not None and noun.sector == sector


def test_kb_bad_role_file_names_file_and_line(tmp_path: Path) -> None:
    people = tmp_path / "people.tsv"
    roles = tmp_path / "roles.tsv"
    people.write_text("id\tname\taliases\tnote\nx\tX\t\t\n", encoding="utf-8")
    roles.write_text("\t".join(ROLE_COLUMNS) + "\nx\tRUS\tGOV\tminister\tminister\t2020-13\t\n",
                     encoding="utf-8")
    with pytest.raises(DataFileError, match=r"roles\.tsv:2: bad date"):
        load_people(people, roles)


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [("Krim", "Crimea", "UKR"), ("Chabarovsk", "Khabarovsk", "RUS"),
     ("Gazastrook", "Gaza Strip", "PSE"), ("Nagorno-Karabach", "Nagorno-Karabakh", "AZE")],
)
def test_kb_places_resolve_to_their_state(
    kb: KnowledgeBase, surface: str, name: str, country: str
) -> None:
    actor = kb.actor(kb.choose(kb.lookup(surface), "2020-08-15"), "2020-08-15")
    assert (actor.kind, actor.name, actor.country, actor.sector) == ("place", name, country, None)
