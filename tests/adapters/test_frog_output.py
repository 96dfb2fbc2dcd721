"""Frog's output format, on output recorded from Frog 0.20 (`frog -S`, --skip=ac)."""

from __future__ import annotations

from kroniek.adapters.frog_output import parse_output, parse_row, to_sentences
from kroniek.model import Span

RECORDED = (
    "1\tPoetin\tPoetin\t\tSPEC(deeleigen)\t1.000000\tB-PER\t\t\t2\tsu\n"
    "2\tbelde\tbellen\t\tWW(pv,verl,ev)\t0.998970\tO\t\t\t0\tROOT\n"
    "3\tAleksandr_Loekasjenko\tAleksandr_Loekasjenko\t\tSPEC(deeleigen)_SPEC(deeleigen)"
    "\t1.000000\tB-PER_I-PER\t\t\t2\tsu\n"
    "4\top\top\t\tVZ(fin)\t0.980198\tO\t\t\t2\tsvp\n"
    "5\t.\t.\t\tLET()\t1.000000\tO\t\t\t4\tpunct\n"
    "\n"
    "1\tDe\tde\t\tLID(bep,stan,rest)\t0.9\tO\t\t\t2\tdet\n"
    "2\tKrim\tKrim\t\tSPEC(deeleigen)\t1.0\tB-LOC\t\t\t0\tROOT\n"
    "\n"
    "READY\n\n"
)
TEXT = "Poetin belde  Aleksandr Loekasjenko op.\n\nDe Krim"


def test_frog_output_rows_by_content() -> None:
    row = parse_row("2\tbelde\tbellen\t\tWW(pv,verl,ev)\t0.998970\tO\t\t\t0\tROOT")
    assert (row.word, row.lemma, row.pos, row.ner, row.head, row.deprel) == (
        "belde", "bellen", "WW(pv,verl,ev)", "O", 0, "ROOT")


def test_frog_output_without_parser_has_no_heads() -> None:
    row = parse_row("1\tPoetin\tPoetin\tSPEC(deeleigen)\t1.000000\tB-PER")
    assert (row.pos, row.ner, row.head, row.deprel) == ("SPEC(deeleigen)", "B-PER", None, "")


def test_frog_output_sentences_split_on_blank_lines() -> None:
    assert [len(s) for s in parse_output(RECORDED)] == [5, 2]


def test_frog_output_multiword_unit_is_split_with_offsets() -> None:
    first, second = to_sentences(parse_output(RECORDED), TEXT, Span(0, len(TEXT)), 0, None, True)
    words = [(t.text, t.start, t.end) for t in first.tokens]
    assert words[2:4] == [("Aleksandr", 14, 23), ("Loekasjenko", 24, 35)]
    assert all(TEXT[t.start : t.end] == t.text for s in (first, second) for t in s.tokens)


def test_frog_output_multiword_heads_are_remapped() -> None:
    first, _ = to_sentences(parse_output(RECORDED), TEXT, Span(0, len(TEXT)), 0, None, True)
    tokens = first.tokens
    assert tokens[2].head == 1 and tokens[2].deprel == "su"  # Aleksandr -> belde
    assert tokens[3].head == 2 and tokens[3].deprel == "mwp"  # Loekasjenko -> Aleksandr
    assert tokens[4].head == 1 and tokens[4].deprel == "svp"  # op -> belde
    assert tokens[3].ner == "I-PER" and tokens[1].features == ("pv", "verl", "ev")


def test_frog_output_sentence_spans_and_caption_flag() -> None:
    first, second = to_sentences(
        parse_output(RECORDED), TEXT, Span(0, len(TEXT)), 0, Span(0, 39), True
    )
    assert first.text == "Poetin belde  Aleksandr Loekasjenko op."
    assert first.is_caption and not second.is_caption
    assert (second.index, second.text) == (1, "De Krim")
