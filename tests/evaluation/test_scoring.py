"""Hand-made gold and system output, with every expected figure worked out by hand."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from typing import Any

import pytest

from kroniek.evaluation import (
    GoldActor,
    GoldArticle,
    GoldEvent,
    GoldFormatError,
    GoldMention,
    SystemActor,
    SystemEvent,
    SystemMention,
    find_occurrences,
    render_table,
    score,
)
from kroniek.evaluation.scoring import _max_weight_matching

CALL = "Poetin belde Loekasjenko op maandag."
ANNEX = "Russische militairen annexeerden de Krim."
DEMO = "Demonstranten trokken door Minsk."
TEXT = f"{CALL} {ANNEX} {DEMO}"

RUS = (GoldActor(country="RUS", sector="GOV"),)
BLR = (GoldActor(country="BLR", sector="GOV"),)


def gold_event(sentence: str = CALL, type: str = "CONSULT", **fields: Any) -> GoldEvent:
    # A gold sentence is a substring: leave off the full stop to show it need not be whole.
    return GoldEvent(sentence=sentence.rstrip("."), type=type, **fields)


def system_event(sentence: str = CALL, type: str = "CONSULT", **fields: Any) -> SystemEvent:
    return SystemEvent(article_id="a", sentence=sentence, type=type, **fields)


def run(
    gold_events: Sequence[GoldEvent] = (),
    system_events: Sequence[SystemEvent] = (),
    *,
    gold_mentions: Sequence[GoldMention] = (),
    system_mentions: Sequence[SystemMention] = (),
    text: str = TEXT,
    token_counts: Sequence[int] = (),
) -> dict[str, Any]:
    article = GoldArticle(id="a", date="2020-08", text=text, mentions=tuple(gold_mentions),
                          events=tuple(gold_events))
    return score([article], {"a": text}, system_events, system_mentions, token_counts)


def event_figures(
    precision: float | None, recall: float | None, f1: float | None, tp: int, fp: int, fn: int
) -> dict[str, float | int | None]:
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


@pytest.mark.parametrize(
    "pairs", [[(CALL, "CONSULT")], [(CALL, "CONSULT"), (ANNEX, "ASSAULT"), (DEMO, "PROTEST")]]
)
def test_scoring_perfect_output_scores_one(pairs: list[tuple[str, str]]) -> None:
    report = run([gold_event(s, t) for s, t in pairs], [system_event(s, t) for s, t in pairs])
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, len(pairs), 0, 0)
    assert report["overall"]["full"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


@pytest.mark.parametrize("found", [(CALL, "CONSULT"), (ANNEX, "ASSAULT")])
def test_scoring_miss_is_a_false_negative(found: tuple[str, str]) -> None:
    report = run([gold_event(CALL, "CONSULT"), gold_event(ANNEX, "ASSAULT")],
                 [system_event(*found)])
    assert report["overall"]["event"] == event_figures(1.0, 0.5, 2 / 3, 1, 0, 1)


@pytest.mark.parametrize(
    "extra",
    [
        system_event(ANNEX, "ASSAULT"),  # a sentence without gold events
        system_event(CALL, "ASSAULT"),  # the right sentence, the wrong type
        system_event(CALL, "CONSULT"),  # a second event for a gold event already found
    ],
)
def test_scoring_unmatched_asserted_event_is_false_positive(extra: SystemEvent) -> None:
    report = run([gold_event()], [system_event(), extra])
    assert report["overall"]["event"] == event_figures(0.5, 1.0, 2 / 3, 1, 1, 0)


@pytest.mark.parametrize("found_optional", [True, False])
def test_scoring_optional_event_is_neither_rewarded_nor_punished(found_optional: bool) -> None:
    gold = [gold_event(), gold_event(ANNEX, "ASSAULT", required=False)]
    system = [system_event()] + ([system_event(ANNEX, "ASSAULT")] if found_optional else [])
    report = run(gold, system)
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, 1, 0, 0)
    assert report["per_type"]["ASSAULT"]["event"] == event_figures(None, None, None, 0, 0, 0)


@pytest.mark.parametrize(
    ("gold_factuality", "system_factuality", "false_assertions", "fp"),
    [
        ("hypothetical", "asserted", 1, 0),
        ("negated", "asserted", 1, 0),
        ("hypothetical", "hypothetical", 0, 0),
        ("asserted", "asserted", 0, 0),
    ],
)
def test_scoring_counts_false_assertions(
    gold_factuality: str, system_factuality: str, false_assertions: int, fp: int
) -> None:
    gold = [gold_event(factuality=gold_factuality, required=False)]
    report = run(gold, [system_event(factuality=system_factuality)])
    assert report["overall"]["false_assertions"] == false_assertions
    assert report["overall"]["event"]["fp"] == fp


@pytest.mark.parametrize(
    ("source", "actor", "full_f1"),
    [
        (SystemActor("BLR", "GOV"), {"source_country": 1.0, "source_sector": 1.0}, 1.0),
        (SystemActor("RUS", "GOV"), {"source_country": 1.0, "source_sector": 1.0}, 1.0),
        (SystemActor("RUS", "MIL"), {"source_country": 1.0, "source_sector": 0.0}, 1.0),
        (SystemActor("UKR", "GOV"), {"source_country": 0.0, "source_sector": 1.0}, 0.0),
        (None, {"source_country": 0.0, "source_sector": 0.0}, 0.0),
    ],
)
def test_scoring_compound_actor_accepts_any_member(
    source: SystemActor | None, actor: dict[str, float], full_f1: float
) -> None:
    report = run([gold_event(source=RUS + BLR)], [system_event(source=source)])
    figures = report["overall"]
    assert {k: figures["actor"][k] for k in actor} == actor
    assert figures["full"]["f1"] == full_f1


@pytest.mark.parametrize(
    ("source", "target"),
    [(SystemActor("UKR", "GOV"), SystemActor("BLR", "GOV")),
     (SystemActor("RUS", "GOV"), SystemActor("UKR", "GOV")),
     (SystemActor("RUS", "GOV"), None)],
)
def test_scoring_wrong_country_is_detection_hit_but_full_miss(
    source: SystemActor, target: SystemActor | None
) -> None:
    report = run([gold_event(source=RUS, target=BLR)],
                 [system_event(source=source, target=target)])
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, 1, 0, 0)
    assert report["overall"]["full"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.parametrize(
    "gold_source",
    [None, (GoldActor(sector="GOV"),), (GoldActor(country=None, sector="GOV"),)],
)
def test_scoring_country_the_gold_does_not_give_is_not_checked(
    gold_source: tuple[GoldActor, ...] | None,
) -> None:
    report = run([gold_event(source=gold_source)], [system_event(source=SystemActor("UKR", None))])
    assert report["overall"]["full"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert report["overall"]["actor"]["source_country"] is None


@pytest.mark.parametrize("factuality", ["hypothetical", "negated"])
def test_scoring_non_asserted_system_event_is_not_a_detection(factuality: str) -> None:
    system = [system_event(factuality=factuality),
              system_event(ANNEX, "ASSAULT", factuality=factuality)]
    report = run([gold_event()], system)
    assert report["overall"]["event"] == event_figures(None, 0.0, 0.0, 0, 0, 1)


@pytest.mark.parametrize(
    ("gold_date", "system_date", "accuracy"),
    [
        ("2014", "2014-03-02", 1.0),
        ("2014", "2014", 1.0),
        ("2014-03", "2014", 0.0),
        ("2014-03", "2014-03-31", 1.0),
        ("2014-03-02", "2014-03", 0.0),
        ("2014", "2015-03-02", 0.0),
        ("2014", None, 0.0),
        (None, "2014", None),
    ],
)
def test_scoring_date_is_judged_at_gold_precision(
    gold_date: str | None, system_date: str | None, accuracy: float | None
) -> None:
    report = run([gold_event(date=gold_date)], [system_event(date=system_date)])
    assert report["overall"]["date_accuracy"] == accuracy


@pytest.mark.parametrize(
    ("gold_place", "system_place", "accuracy"),
    [
        ("Crimea", "Crimea", 1.0),
        ("Chisinau", "Chișinău", 1.0),
        ("Chișinău", "CHISINAU", 1.0),
        ("Khabarovsk", "khabarovsk", 1.0),
        ("Crimea", "Sevastopol", 0.0),
        ("Crimea", None, 0.0),
        (None, "Minsk", None),
    ],
)
def test_scoring_place_ignores_case_and_accents(
    gold_place: str | None, system_place: str | None, accuracy: float | None
) -> None:
    report = run([gold_event(place=gold_place)], [system_event(place=system_place)])
    assert report["overall"]["place_accuracy"] == accuracy


@pytest.mark.parametrize(
    ("gold_mode", "system_mode", "accuracy"),
    [("phone", "phone", 1.0), ("phone", "visit", 0.0), ("phone", None, 0.0), (None, "visit", None)],
)
def test_scoring_mode_accuracy_skips_null_gold_mode(
    gold_mode: str | None, system_mode: str | None, accuracy: float | None
) -> None:
    report = run([gold_event(mode=gold_mode)], [system_event(mode=system_mode)])
    assert report["overall"]["mode_accuracy"] == accuracy


# Two gold events in two sentences, and a system event from a sentence that holds both (as if
# segmentation had failed to split them) beside one that holds only the first. Taking gold
# events first come, first served would pair the merged one with the first gold event and leave
# the other system event nothing; the maximum matching pairs both.
FIRST = "Poetin belde Loekasjenko."
SECOND = "Daarna belde Loekasjenko terug."
MERGED_TEXT = f"{FIRST} {SECOND}"


@pytest.mark.parametrize("order", [1, -1])
def test_scoring_maximal_matching_beats_greedy(order: int) -> None:
    system = [system_event(MERGED_TEXT), system_event(FIRST)][::order]
    report = run([gold_event(FIRST), gold_event(SECOND)], system, text=MERGED_TEXT)
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, 2, 0, 0)


@pytest.mark.parametrize("order", [1, -1])
def test_scoring_leftover_events_go_to_optional_gold(order: int) -> None:
    system = [system_event(MERGED_TEXT), system_event(FIRST)][::order]
    gold = [gold_event(FIRST), gold_event(SECOND, required=False)]
    report = run(gold, system, text=MERGED_TEXT)
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, 1, 0, 0)


@pytest.mark.parametrize("order", [1, -1])
def test_scoring_required_gold_is_matched_before_optional(order: int) -> None:
    gold = [gold_event(), gold_event(required=False)][::order]
    report = run(gold, [system_event()])
    assert report["overall"]["event"] == event_figures(1.0, 1.0, 1.0, 1, 0, 0)


@pytest.mark.parametrize("order", [1, -1])
def test_scoring_matching_prefers_agreeing_countries(order: int) -> None:
    system = [system_event(source=SystemActor("UKR", "GOV")),
              system_event(source=SystemActor("RUS", "GOV"))][::order]
    report = run([gold_event(source=RUS)], system)
    assert report["overall"]["event"] == event_figures(0.5, 1.0, 2 / 3, 1, 1, 0)
    assert report["overall"]["full"] == {"precision": 0.5, "recall": 1.0, "f1": 2 / 3}
    assert report["overall"]["actor"]["source_country"] == 1.0


@pytest.mark.parametrize("seed", range(30))
def test_scoring_matching_is_maximum_weight(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 5), rng.randint(1, 5)
    edges = [[j for j in range(cols) if rng.random() < 0.5] for _ in range(rows)]
    weights = {(i, j): rng.randint(1, 20) for i in range(rows) for j in edges[i]}
    matched = _max_weight_matching(rows, cols, edges, lambda i, j: weights[i, j])
    best = max(
        sum(weights[p] for p in subset)
        for size in range(min(rows, cols) + 1)
        for subset in itertools.combinations(weights, size)
        if len({i for i, _ in subset}) == size == len({j for _, j in subset})
    )
    assert len({i for i, _ in matched}) == len({j for _, j in matched}) == len(matched)
    assert sum(weights[p] for p in matched) == best


@pytest.mark.parametrize(
    ("gold", "system", "agreement"),
    [
        ([gold_event()], [system_event()], 1.0),
        ([gold_event()], [system_event(factuality="hypothetical")], 0.0),
        ([gold_event(factuality="negated", required=False)],
         [system_event(factuality="negated")], 1.0),
        # one gold event asserted, one hypothetical: two asserted claims cannot both be right
        ([gold_event(), gold_event(factuality="hypothetical", required=False)],
         [system_event(), system_event()], 0.5),
        ([gold_event(), gold_event(factuality="hypothetical", required=False)],
         [system_event(factuality="hypothetical"), system_event()], 1.0),
        # a duplicate left over by the matching is judged against the gold events it can match
        ([gold_event()], [system_event(), system_event()], 1.0),
        # an event that can match no gold event is not counted
        ([gold_event()], [system_event(), system_event(ANNEX, "ASSAULT", factuality="negated")],
         1.0),
        ([], [system_event()], None),
    ],
)
def test_scoring_factuality_agreement_over_matchable_events(
    gold: list[GoldEvent], system: list[SystemEvent], agreement: float | None
) -> None:
    assert run(gold, system)["overall"]["factuality_agreement"] == agreement


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("Wit-Rusland en Rusland", "Rusland", [(15, 22)]),
        ("Rusland-Belarus", "Rusland", []),
        ("de NAVO-top en de NAVO", "NAVO", [(18, 22)]),
        ("Poetins plan", "Poetin", [(0, 6)]),
        ("Poetin's plan", "Poetin", [(0, 6)]),
        ("Poetin’s plan", "Poetin", [(0, 6)]),
        ("Poetinisme", "Poetin", []),
        ("Poetinss", "Poetin", []),
        ("rusland", "Rusland", []),
        ("(Rusland).", "Rusland", [(1, 8)]),
        ("Aleksandr Loekasjenko", "Loekasjenko", [(10, 21)]),
    ],
)
def test_scoring_occurrences_respect_word_boundaries(
    text: str, form: str, expected: list[tuple[int, int]]
) -> None:
    assert find_occurrences(text, form) == expected


MENTION_TEXT = "Poetin belde Loekasjenko. Wit-Rusland steunt Poetins plan op de NAVO-top."
PUTIN = GoldMention(text="Poetin", actor="Vladimir Putin", country="RUS", sector="GOV")
# Neither form occurs at a word boundary in MENTION_TEXT, so neither adds an occurrence.
UNSEEN = (GoldMention(text="Rusland", country="RUS"),
          GoldMention(text="NAVO", actor="NATO", country="IGO"))


def system_mention(start: int, end: int, actor: str | None, country: str | None,
                   sector: str | None) -> SystemMention:
    return SystemMention("a", MENTION_TEXT[start:end], start, end, actor, country, sector)


@pytest.mark.parametrize(
    ("gold", "second", "accuracy"),
    [
        (PUTIN, ("Vladimir Putin", "RUS", "GOV"), 1.0),
        (PUTIN, ("Vladimir Putin", "RUS", "ELI"), 0.5),
        (PUTIN, (None, "RUS", "GOV"), 0.5),
        (PUTIN, None, 0.5),
        (GoldMention(text="Poetin", country="RUS", sector=None), (None, "RUS", "ELI"), 1.0),
    ],
)
def test_scoring_mention_accuracy_pools_occurrences(
    gold: GoldMention, second: tuple[str | None, str | None, str | None] | None,
    accuracy: float,
) -> None:
    possessive = MENTION_TEXT.index("Poetins")
    mentions = [
        system_mention(0, 6, "Vladimir Putin", "RUS", "GOV"),
        system_mention(MENTION_TEXT.index("Wit-Rusland"), MENTION_TEXT.index(" steunt"),
                       "Belarus", "BLR", None),
    ]
    if second is not None:
        mentions.append(system_mention(possessive, possessive + 7, *second))
    report = run(gold_mentions=[gold, *UNSEEN], system_mentions=mentions, text=MENTION_TEXT)
    assert report["overall"]["mention_accuracy"] == accuracy


@pytest.mark.parametrize("token_counts", [()])
def test_scoring_figures_with_nothing_to_count_are_null(token_counts: Sequence[int]) -> None:
    report = run(token_counts=token_counts)
    assert report["overall"] == {
        "event": event_figures(None, None, None, 0, 0, 0),
        "full": {"precision": None, "recall": None, "f1": None},
        "actor": {"source_country": None, "target_country": None, "source_sector": None,
                  "target_sector": None},
        "mode_accuracy": None, "date_accuracy": None, "place_accuracy": None,
        "false_assertions": 0, "factuality_agreement": None, "mention_accuracy": None,
    }
    assert (report["per_type"], report["mean_sentence_tokens"]) == ({}, None)


@pytest.mark.parametrize("events", [([gold_event()], [system_event(ANNEX, "ASSAULT")])])
def test_scoring_report_has_exactly_the_documented_keys(
    events: tuple[list[GoldEvent], list[SystemEvent]],
) -> None:
    report = run(*events)
    prf = {"precision", "recall", "f1"}
    figures = {"event", "full", "actor", "mode_accuracy", "date_accuracy", "place_accuracy",
               "false_assertions", "factuality_agreement"}
    assert set(report) == {"overall", "per_type", "articles", "gold_events",
                           "required_gold_events", "system_events", "mean_sentence_tokens"}
    assert set(report["overall"]) == figures | {"mention_accuracy"}
    assert set(report["overall"]["event"]) == prf | {"tp", "fp", "fn"}
    assert set(report["overall"]["full"]) == prf
    assert set(report["overall"]["actor"]) == {"source_country", "target_country",
                                               "source_sector", "target_sector"}
    assert set(report["per_type"]) == {"ASSAULT", "CONSULT"}
    for per_type in report["per_type"].values():
        assert set(per_type) == figures
        assert set(per_type["event"]) == prf | {"tp", "fp", "fn"}
        assert set(per_type["full"]) == prf


@pytest.mark.parametrize("token_counts", [[3, 4, 8]])
def test_scoring_counts_articles_events_and_tokens(token_counts: list[int]) -> None:
    gold = [
        GoldArticle(id="a", date="2020", text=TEXT,
                    events=(gold_event(), gold_event(ANNEX, "ASSAULT", required=False))),
        GoldArticle(id="b", date="2020", text=TEXT, events=(gold_event(DEMO, "PROTEST"),)),
    ]
    system = [
        system_event(),
        SystemEvent("b", DEMO, "PROTEST", factuality="hypothetical"),
        SystemEvent("b", ANNEX, "ASSAULT"),
        SystemEvent("not-gold", CALL, "CONSULT"),  # an article outside the gold is ignored
    ]
    report = score(gold, {"a": TEXT, "b": TEXT}, system, [], token_counts)
    assert {k: v for k, v in report.items() if k not in ("overall", "per_type")} == {
        "articles": 2, "gold_events": 3, "required_gold_events": 2, "system_events": 3,
        "mean_sentence_tokens": 5.0,
    }
    assert report["overall"]["event"] == event_figures(0.5, 0.5, 0.5, 1, 1, 1)


@pytest.mark.parametrize("sentence", ["Poetin belde Tichanovskaja"])
def test_scoring_gold_sentence_missing_from_text_is_an_error(sentence: str) -> None:
    with pytest.raises(GoldFormatError, match="not in its text"):
        run([gold_event(sentence)])


@pytest.mark.parametrize(
    ("first_cell", "row"),
    [
        ("event", ["event", "detection", "1.000", "0.500", "0.667", "1", "0", "1"]),
        ("CONSULT", ["CONSULT", "1.000", "1.000", "1.000", "1", "0", "0", "1.000"]),
        ("ASSAULT", ["ASSAULT", "-", "0.000", "0.000", "0", "0", "1", "0.000"]),
    ],
)
def test_report_table_shows_overall_and_per_type_rows(first_cell: str, row: list[str]) -> None:
    report = run([gold_event(), gold_event(ANNEX, "ASSAULT")],
                 [system_event(), system_event(ANNEX, "ASSAULT", factuality="negated")])
    rows = {r.split()[0]: r.split() for r in render_table(report).splitlines() if r.strip()}
    assert rows[first_cell] == row
