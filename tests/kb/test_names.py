from __future__ import annotations

import pytest

from kroniek.kb.names import fold, name_key, strip_possessive


@pytest.mark.parametrize(
    "variants",
    [
        ("Loekasjenko", "Lukashenko", "Lukasjenko", "Loekasjenka", "Lukaschenko"),
        ("Zelensky", "Zelenski", "Zelenskyj", "Selenskyj"),
        ("Navalny", "Navalni", "Navalnyj", "Nawalny"),
        ("Tichanovskaja", "Tsikhanouskaya", "Tichanowskaja"),
        ("Janoekovitsj", "Yanukovych", "Janukowytsch"),
        ("Pasjinjan", "Pashinyan", "Paschinjan"),
        ("Saakasjvili", "Saakashvili"),
        ("Sjojgoe", "Shoigu", "Schoigu"),
        ("Erdoğan", "Erdogan"),
        ("Poetin", "Putin"),
    ],
)
def test_names_transliterations_share_one_key(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize(("a", "b"), [("Poetin", "Medvedev"), ("Minsk", "Moskou"),
                                      ("Aliyev", "Alijev Ilham")])
def test_names_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("word", "bare"),
    [("Poetins", "Poetin"), ("Loekasjenko's", "Loekasjenko"), ("Loekasjenko’s", "Loekasjenko"),
     ("Ruslands", "Rusland"), ("regering", "regering")],
)
def test_names_possessive_is_stripped(word: str, bare: str) -> None:
    assert strip_possessive(word) == bare


def test_names_fold_removes_diacritics() -> None:
    assert fold("Oekraïne Erdoğan") == "oekraine erdogan"
