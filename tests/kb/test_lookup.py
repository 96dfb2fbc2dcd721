"""Looking names up in the packaged knowledge base, as `kroniek kb lookup` shows them."""

from __future__ import annotations

import pytest

from kroniek.kb import KnowledgeBase, default_kb
from kroniek.kb.lookup import EXACT_SCORE, KEY_SCORE, ROLE_SCORE, kb_stats, lookup_rows


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return default_kb()


def test_exact_surface_form_scores_highest(kb: KnowledgeBase) -> None:
    (row,) = lookup_rows(kb, "Loekasjenko", "2020-08-15")
    assert (row.id, row.score, row.actor.code) == (
        "alexander-lukashenko", EXACT_SCORE, "BLRGOV")


def test_transliteration_reaches_the_person_by_key(kb: KnowledgeBase) -> None:
    rows = lookup_rows(kb, "Lukaszenka", "2020-08-15")
    assert [(r.id, r.score) for r in rows] == [("alexander-lukashenko", KEY_SCORE)]


@pytest.mark.parametrize(("day", "holder"), [("2009-06-01", "Dmitry Medvedev"),
                                             ("2020-08-15", "Vladimir Putin")])
def test_role_phrase_is_the_office_holder_of_the_day(
    kb: KnowledgeBase, day: str, holder: str
) -> None:
    (row,) = lookup_rows(kb, "de Russische president", day)
    assert (row.name, row.score, row.kind) == (holder, ROLE_SCORE, "person")


def test_role_phrase_without_a_title_is_a_group(kb: KnowledgeBase) -> None:
    (row,) = lookup_rows(kb, "Russische militairen", "2020-08-15")
    assert (row.kind, row.actor.code, row.id) == ("group", "RUSMIL", "group:RUS:MIL:militair")


def test_stats_count_every_kind_of_entry(kb: KnowledgeBase) -> None:
    stats = kb_stats(kb)
    assert stats.people == len(kb.people) and stats.role_nouns == len(kb.role_nouns)
    assert stats.roles >= stats.people
