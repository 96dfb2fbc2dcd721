"""The Wikidata importer, on a dump excerpt written here in the real entity shape.

Item ids are made up (Q9000xx) except the classes (Q5 human, Q6256 country, Q14212 prime
minister, Q7278 political party, ...), Belarus (Q184) and Minsk (Q2280).
"""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from kroniek.kb import KnowledgeBase
from kroniek.kb.loader import data_dir, read_tsv
from kroniek.kb.wikidata import import_wikidata
from kroniek.kb.wikidata_dump import wikidata_date

Json = dict[str, Any]


def item(prop: str, qid: str) -> Json:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    return {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
            "datavalue": {"value": value, "type": "wikibase-entityid"}}


def string(prop: str, value: str) -> Json:
    return {"snaktype": "value", "property": prop, "datatype": "external-id",
            "datavalue": {"value": value, "type": "string"}}


def time(prop: str, value: str, precision: int) -> Json:
    return {"snaktype": "value", "property": prop, "datatype": "time",
            "datavalue": {"type": "time", "value": {
                "time": value, "timezone": 0, "before": 0, "after": 0, "precision": precision,
                "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}


def statement(snak: Json, *qualifiers: Json) -> Json:
    grouped: dict[str, list[Json]] = {}
    for q in qualifiers:
        grouped.setdefault(q["property"], []).append(q)
    return {"mainsnak": snak, "type": "statement", "id": f"Q1${snak['property']}",
            "rank": "normal", "qualifiers": grouped, "qualifiers-order": list(grouped)}


def entity(qid: str, labels: dict[str, str], aliases: dict[str, list[str]], claims: list[Json],
           description: str = "") -> Json:
    grouped: dict[str, list[Json]] = {}
    for claim in claims:
        grouped.setdefault(claim["mainsnak"]["property"], []).append(claim)
    return {
        "type": "item", "id": qid,
        "labels": {lang: {"language": lang, "value": v} for lang, v in labels.items()},
        "descriptions": {"en": {"language": "en", "value": description}} if description else {},
        "aliases": {lang: [{"language": lang, "value": v} for v in values]
                    for lang, values in aliases.items()},
        "claims": grouped, "sitelinks": {},
    }


MYASNIKOVICH = entity(
    "Q900002",
    {"en": "Mikhail Myasnikovich", "nl": "Michail Mjasnikovitsj", "de": "Michail Mjasnikowitsch"},
    {"nl": ["Mjasnikovitsj"], "en": ["Mikhail Miasnikovich"]},
    [statement(item("P31", "Q5")),
     statement(item("P39", "Q900001"), time("P580", "+2010-12-28T00:00:00Z", 11),
               time("P582", "+2014-12-27T00:00:00Z", 11)),
     statement(item("P39", "Q83307"))],  # a class, not in the excerpt: no role
    "Prime Minister of Belarus from 2010 to 2014",
)
BELARUS = entity(
    "Q184", {"en": "Belarus", "nl": "Belarus", "de": "Belarus"},
    {"nl": ["Wit-Rusland"], "en": ["Republic of Belarus", "Byelorussia"]},
    [statement(item("P31", "Q6256")), statement(item("P31", "Q3624078")),
     statement(string("P298", "BLR")), statement(item("P36", "Q2280")),
     statement(time("P571", "+1991-08-25T00:00:00Z", 11))],
)
SIDORSKY = entity(
    "Q900003", {"en": "Sergei Sidorsky", "nl": "Sergej Sidorski", "de": "Sergej Sidorskij"},
    {"en": ["Sergei Sidorski"]},
    [statement(item("P31", "Q5")),
     statement(item("P39", "Q900001"), time("P580", "+2003-07-00T00:00:00Z", 10),
               time("P582", "+2010-00-00T00:00:00Z", 9))],
    "Prime Minister of Belarus from 2003 to 2010",
)
PRIME_MINISTER = entity(
    "Q900001", {"en": "Prime Minister of Belarus", "nl": "premier van Belarus"}, {},
    [statement(item("P31", "Q4164871")), statement(item("P279", "Q14212")),
     statement(item("P1001", "Q184"))],
)
PARTY = entity(
    "Q900004", {"en": "Belarusian Popular Front", "nl": "Wit-Russisch Volksfront"},
    {"nl": ["BNF"], "en": ["BPF"]},
    [statement(item("P31", "Q7278")), statement(item("P17", "Q184"))],
)
MINSK = entity("Q2280", {"en": "Minsk", "nl": "Minsk"}, {}, [statement(item("P31", "Q515"))])
MALFORMED = '{"type": "item", "id": "Q900009", "labels": {"en": '
# People before their office, as in real dumps: the importer needs its second pass.
EXCERPT = [MYASNIKOVICH, BELARUS, MALFORMED, SIDORSKY, PRIME_MINISTER, PARTY, MINSK]


def write_dump(path: Path, entities: list[Json | str]) -> Path:
    """The official layout: '[', one entity per line ending in ',', the last without, ']'."""
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in entities]
    text = "[\n" + ",\n".join(lines) + "\n]\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    elif path.suffix == ".bz2":
        path.write_bytes(bz2.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wikidata")
    import_wikidata(write_dump(folder / "dump.json.gz", EXCERPT), folder / "kb")
    return folder / "kb"


@pytest.mark.parametrize(
    ("value", "expected"),
    [({"time": "+2000-05-07T00:00:00Z", "precision": 11}, "2000-05-07"),
     ({"time": "+2000-05-00T00:00:00Z", "precision": 10}, "2000-05"),
     ({"time": "+2000-00-00T00:00:00Z", "precision": 9}, "2000"),
     ({"time": "+2000-00-00T00:00:00Z", "precision": 8}, None),  # a decade says too little
     ({"time": "-0044-03-15T00:00:00Z", "precision": 11}, None),
     ({"time": "+2001-02-30T00:00:00Z", "precision": 11}, None),
     ("2000", None)],
)
def test_wikidata_date_keeps_the_precision(value: Any, expected: str | None) -> None:
    assert wikidata_date(value) == expected


@pytest.mark.parametrize("name", ["dump.json", "dump.json.gz", "dump.json.bz2"])
def test_wikidata_import_writes_people_and_roles(tmp_path: Path, name: str) -> None:
    counts = import_wikidata(write_dump(tmp_path / name, EXCERPT), tmp_path / "kb")
    assert rows(tmp_path / "kb" / "people.tsv") == [
        "id\tname\taliases\tnote",
        "wd-Q900002\tMikhail Myasnikovich\tMichail Mjasnikovitsj|Mjasnikovitsj|Mikhail Miasnikovich"
        "|Michail Mjasnikowitsch\tPrime Minister of Belarus from 2010 to 2014",
        "wd-Q900003\tSergei Sidorsky\tSergej Sidorski|Sergei Sidorski|Sergej Sidorskij\t"
        "Prime Minister of Belarus from 2003 to 2010",
    ]
    assert rows(tmp_path / "kb" / "roles.tsv") == [
        "person_id\tcountry\tsector\ttitle\ttitle_nl\tstart\tend",
        "wd-Q900002\tBLR\tGOV\thead_of_government\tpremier van Belarus\t2010-12-28\t2014-12-27",
        "wd-Q900003\tBLR\tGOV\thead_of_government\tpremier van Belarus\t2003-07\t2010",
    ]
    assert (counts.people, counts.roles, counts.organisations) == (2, 2, 1)


@pytest.mark.parametrize("name", ["dump.json", "dump.json.gz", "dump.json.bz2"])
def test_wikidata_import_warns_once_per_malformed_line(tmp_path: Path, name: str) -> None:
    counts = import_wikidata(write_dump(tmp_path / name, EXCERPT), tmp_path / "kb")
    assert len(counts.warnings) == 1 and counts.warnings[0].startswith("line 4: not JSON")


@pytest.mark.parametrize(
    "bad",
    [MALFORMED, "17", '{"type": "item", "id": "Q900010", "claims": {"P31": "Q5"}}',
     '{"type": "item", "id": "Q900011", "claims": {"P31": [{"mainsnak": ["Q5"]}]}}'],
)
def test_wikidata_import_skips_a_bad_entity_and_goes_on(tmp_path: Path, bad: str) -> None:
    counts = import_wikidata(write_dump(tmp_path / "dump.json", [bad, *EXCERPT[:2], *EXCERPT[3:]]),
                             tmp_path / "kb")
    assert [w.split(":")[0] for w in counts.warnings] == ["line 2"] and counts.people == 2


@pytest.mark.parametrize(
    "row",
    ["wd-Q900004\tBelarusian Popular Front\tWit-Russisch Volksfront\tBNF|BPF\tBLR\tPTY\t"],
)
def test_wikidata_import_writes_organisations(imported: Path, row: str) -> None:
    assert rows(imported / "organisations.tsv")[1:] == [row]


def packaged_country(iso3: str) -> list[str]:
    return next(line.split("\t") for line in rows(data_dir() / "actors" / "countries.tsv")
                if line.startswith(iso3 + "\t"))


@pytest.mark.parametrize(("iso3", "new_aliases"), [("BLR", ["Republic of Belarus"])])
def test_wikidata_import_merges_a_country_into_the_packaged_row(
    imported: Path, iso3: str, new_aliases: list[str]
) -> None:
    expected = packaged_country(iso3)
    expected[3] = "|".join([expected[3], *new_aliases])
    written = [line.split("\t") for line in rows(imported / "countries.tsv")]
    assert [row for row in written if row[0] == iso3] == [expected]


@pytest.mark.parametrize("iso3", ["NLD", "SUN"])
def test_wikidata_import_fills_countries_from_the_packaged_list(imported: Path, iso3: str) -> None:
    written = [line.split("\t") for line in rows(imported / "countries.tsv")]
    packaged = rows(data_dir() / "actors" / "countries.tsv")
    assert packaged_country(iso3) in written and len(written) == len(packaged)


@pytest.mark.parametrize(
    ("label", "start", "end", "expected"),
    # The end is given to the month only, so the row shows the dump's date, not the packaged one.
    [("Soviet Union", "+1922-12-30T00:00:00Z", "+1991-12-00T00:00:00Z", ("1922-12-30", "1991-12"))],
)
def test_wikidata_import_dates_a_dissolved_state_found_by_its_label(
    tmp_path: Path, label: str, start: str, end: str, expected: tuple[str, str]
) -> None:
    state = entity("Q900020", {"en": label}, {"en": ["USSR (test)"]},
                   [statement(item("P31", "Q3024240")), statement(time("P571", start, 11)),
                    statement(time("P576", end, 10))])
    import_wikidata(write_dump(tmp_path / "dump.json", [state]), tmp_path / "kb")
    written = [line.split("\t") for line in rows(tmp_path / "kb" / "countries.tsv")]
    row = next(r for r in written if r[1] == label)
    assert (row[0], *row[8:]) == ("SUN", *expected) and "USSR (test)" in row[3].split("|")


def test_wikidata_import_copies_the_packaged_role_nouns(imported: Path) -> None:
    packaged = data_dir() / "actors" / "role_nouns.tsv"
    assert (imported / "role_nouns.tsv").read_bytes() == packaged.read_bytes()


@pytest.mark.parametrize(
    ("surface", "day", "expected"),
    [("Mjasnikovitsj", "2012-06-01", ("Mikhail Myasnikovich", "BLRGOV", "premier van Belarus")),
     ("Mjasnikovitsj", "2016-01-01",
      ("Mikhail Myasnikovich", "BLRELI", "former premier van Belarus")),
     ("Sergej Sidorski", "2010-06-01", ("Sergei Sidorsky", "BLRGOV", "premier van Belarus")),
     ("Sergej Sidorski", "2011-01-01",
      ("Sergei Sidorsky", "BLRELI", "former premier van Belarus"))],
)
def test_wikidata_import_loads_as_a_knowledge_base(
    imported: Path, surface: str, day: str, expected: tuple[str, str, str]
) -> None:
    kb = KnowledgeBase.load(imported)
    actor = kb.actor(kb.choose(kb.lookup(surface), day), day)
    assert (actor.name, actor.code, actor.title) == expected


@pytest.mark.parametrize(("day", "holder"), [("2012-06-01", "Mikhail Myasnikovich")])
def test_wikidata_import_title_holder_on_a_date(imported: Path, day: str, holder: str) -> None:
    person = KnowledgeBase.load(imported).title_holder("BLR", "head_of_government", day)
    assert person is not None and person.name == holder


def test_wikidata_import_tsv_headers_match_the_loader(imported: Path) -> None:
    for name in ("people.tsv", "roles.tsv", "countries.tsv", "organisations.tsv"):
        header = rows(imported / name)[0]
        assert header == rows(data_dir() / "actors" / name)[0]
        assert list(read_tsv(imported / name, tuple(header.split("\t"))))


@pytest.mark.parametrize(
    ("with_capital", "capitals"), [(True, "Strelsau|Strelzau"), (False, "")],
)
def test_wikidata_import_adds_a_new_country_with_its_capital_if_seen(
    tmp_path: Path, with_capital: bool, capitals: str
) -> None:
    country = entity("Q900030", {"en": "Ruritania", "nl": "Ruritanië"}, {"en": ["Ruritania"]},
                     [statement(item("P31", "Q6256")), statement(string("P298", "RRT")),
                      statement(item("P36", "Q900031"))])
    capital = entity("Q900031", {"en": "Strelzau", "nl": "Strelsau"}, {}, [])
    dump = write_dump(tmp_path / "dump.json", [country, capital] if with_capital else [country])
    import_wikidata(dump, tmp_path / "kb")
    assert rows(tmp_path / "kb" / "countries.tsv")[-1] == (
        f"RRT\tRuritania\tRuritanië\t\t\t\t{capitals}\t\t\t"
    )


@pytest.mark.parametrize(
    ("classes", "countries", "expected"),
    [(["Q245065"], ["Q184"], ("IGO", "GOV")),  # an IGO stays IGO, whatever its P17
     (["Q79913"], [], ("NGO", "SOC")),
     (["Q163740"], ["Q184"], ("BLR", "SOC")),  # a national nonprofit
     (["Q7278", "Q17149090"], [], ("", "REB"))],  # armed organisation before party
)
def test_wikidata_import_organisation_country_and_sector(
    tmp_path: Path, classes: list[str], countries: list[str], expected: tuple[str, str]
) -> None:
    org = entity("Q900040", {"en": "Test Organisation"}, {},
                 [*(statement(item("P31", c)) for c in classes),
                  *(statement(item("P17", c)) for c in countries)])
    import_wikidata(write_dump(tmp_path / "dump.json", [BELARUS, org]), tmp_path / "kb")
    row = rows(tmp_path / "kb" / "organisations.tsv")[1].split("\t")
    assert (row[4], row[5]) == expected


@pytest.mark.parametrize(
    ("classes", "label", "titles"),
    [(["Q30461", "Q2285706"], "President of Belarus", ["head_of_state", "head_of_government"]),
     (["Q83307", "Q7330070"], "Minister of Foreign Affairs of Belarus", ["foreign_minister"]),
     (["Q4164871"], "Minister of Sport of Belarus", ["minister"]),
     (["Q4164871"], "Ambassador of Belarus to Poland", [])],
)
def test_wikidata_import_maps_positions_to_titles(
    tmp_path: Path, classes: list[str], label: str, titles: list[str]
) -> None:
    position = entity("Q900050", {"en": label}, {},
                      [*(statement(item("P279", c)) for c in classes),
                       statement(item("P17", "Q184"))])
    person = entity("Q900051", {"en": "Test Person"}, {},
                    [statement(item("P31", "Q5")), statement(item("P39", "Q900050"))])
    counts = import_wikidata(write_dump(tmp_path / "dump.json", [person, position, BELARUS]),
                             tmp_path / "kb")
    written = [line.split("\t") for line in rows(tmp_path / "kb" / "roles.tsv")[1:]]
    assert [r[3] for r in written] == titles and counts.people_without_roles == (not titles)


@pytest.mark.parametrize(
    ("start", "end"), [("+2015-01-01T00:00:00Z", "+2014-00-00T00:00:00Z")],
)
def test_wikidata_import_skips_a_role_that_ends_before_it_starts(
    tmp_path: Path, start: str, end: str
) -> None:
    person = entity("Q900060", {"en": "Test Person"}, {},
                    [statement(item("P31", "Q5")),
                     statement(item("P39", "Q900001"), time("P580", start, 11),
                               time("P582", end, 9))])
    counts = import_wikidata(write_dump(tmp_path / "dump.json",
                                        [person, PRIME_MINISTER, BELARUS]), tmp_path / "kb")
    assert counts.roles == 0 and counts.warnings[0].startswith("line 2: Q900060 holds Q900001")
    KnowledgeBase.load(tmp_path / "kb")
