"""Frog's tab-separated output, parsed into kroniek tokens aligned to the original text.

Kept apart from the process handling in `frog.py` so it can be tested on recorded output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kroniek.model import Sentence, Span, Token

_POS = re.compile(r"^[A-Z]+\(.*\)$")
_NER_TAG = r"(?:O|[BI]-(?:PER|LOC|ORG|PRO|EVE|MISC))"
_NER = re.compile(rf"^{_NER_TAG}(?:_{_NER_TAG})*$")
_FLOAT = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class FrogRow:
    """One line of Frog output; a multi-word unit still has its parts joined by '_'."""

    index: int
    word: str
    lemma: str
    pos: str
    ner: str
    head: int | None
    deprel: str


def parse_row(line: str) -> FrogRow:
    """Columns shift when modules are skipped, so find them by content, not by position."""
    cols = line.split("\t")
    index, word, lemma = int(cols[0]), cols[1], cols[2]
    rest = cols[3:]
    pos_at = next((i for i, c in enumerate(rest) if _POS.match(c)), None)
    pos = rest[pos_at] if pos_at is not None else "SPEC(vreemd)"
    after = rest[pos_at + 1 :] if pos_at is not None else rest
    if after and _FLOAT.match(after[0]):
        after = after[1:]
    ner = next((c for c in after[:2] if c and _NER.match(c)), "O")
    head: int | None = None
    deprel = ""
    if len(cols) >= 2 and cols[-2].isdigit():
        head, deprel = int(cols[-2]), cols[-1]
    return FrogRow(index, word, lemma, pos, ner, head, deprel)


def parse_output(text: str) -> list[list[FrogRow]]:
    """Sentences of rows; a blank line separates sentences."""
    sentences: list[list[FrogRow]] = []
    current: list[FrogRow] = []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if line.strip() == "READY":
            break
        current.append(parse_row(line.rstrip("\r")))
    if current:
        sentences.append(current)
    return sentences


def _split_tag(tag: str) -> tuple[str, tuple[str, ...]]:
    if "(" not in tag:
        return tag, ()
    coarse, _, rest = tag.partition("(")
    features = tuple(f for f in rest.rstrip(")").split(",") if f)
    return coarse, features


class Aligner:
    """Walks the original text with a cursor, giving each token its character span.

    Frog joins multi-word units with '_' and may normalise characters, so a token is looked for
    at the cursor first, then a little further on, and otherwise given the next
    non-blank stretch of the text.
    """

    LOOKAHEAD = 200

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.cursor = start

    def _skip_blanks(self) -> None:
        while self.cursor < len(self.text) and self.text[self.cursor].isspace():
            self.cursor += 1

    def locate(self, word: str) -> Span:
        self._skip_blanks()
        if self.text.startswith(word, self.cursor):
            span = Span(self.cursor, self.cursor + len(word))
        else:
            found = self.text.find(word, self.cursor, self.cursor + self.LOOKAHEAD + len(word))
            if found >= 0:
                span = Span(found, found + len(word))
            else:
                end = self.cursor
                while end < len(self.text) and not self.text[end].isspace() and (
                    end - self.cursor < len(word)
                ):
                    end += 1
                span = Span(self.cursor, max(end, self.cursor))
        self.cursor = span.end
        return span


def to_sentences(
    rows_per_sentence: list[list[FrogRow]],
    text: str,
    region: Span,
    first_index: int,
    caption: Span | None,
    parsed: bool,
) -> list[Sentence]:
    """Frog rows to Sentences, with multi-word units split back into tokens.

    The first part of a unit keeps the unit's head and relation; the other parts hang on the
    first part as 'mwp', so dependents of the unit point to its first word.
    """
    aligner = Aligner(text, region.start)
    sentences: list[Sentence] = []
    for rows in rows_per_sentence:
        new_index: dict[int, int] = {}
        pieces: list[tuple[int, str, str, str, str, int | None, str]] = []
        for row in rows:
            words = row.word.split("_")
            tags = row.pos.split("_")
            parts_ok = len(words) > 1 and len(tags) == len(words)
            if not parts_ok:
                words, tags = [row.word], [row.pos]
            lemmas = row.lemma.split("_") if parts_ok else [row.lemma]
            if len(lemmas) != len(words):
                lemmas = words
            ners = row.ner.split("_") if parts_ok else [row.ner.split("_")[0]]
            if len(ners) != len(words):
                ners = [ners[0]] + ["I-" + ners[0][2:] if ners[0] != "O" else "O"] * (
                    len(words) - 1
                )
            new_index[row.index] = len(pieces)
            for k, word in enumerate(words):
                pieces.append(
                    (row.index, word, lemmas[k], tags[k], ners[k], row.head if k == 0 else None,
                     row.deprel if k == 0 else "mwp")
                )
        tokens: list[Token] = []
        for i, (orig, word, lemma, tag, ner, head, deprel) in enumerate(pieces):
            span = aligner.locate(word)
            coarse, features = _split_tag(tag)
            if deprel == "mwp":
                new_head: int | None = new_index[orig]
            elif head:
                new_head = new_index.get(head)
            else:
                new_head = None
            tokens.append(
                Token(
                    index=i, text=text[span.start : span.end], start=span.start, end=span.end,
                    lemma=lemma, pos=coarse, features=features, ner=ner, head=new_head,
                    deprel=deprel if parsed else "",
                )
            )
        if not tokens:
            continue
        start, end = tokens[0].start, tokens[-1].end
        sentences.append(
            Sentence(
                index=first_index + len(sentences),
                start=start,
                end=end,
                text=text[start:end],
                tokens=tuple(tokens),
                is_caption=caption is not None and caption.contains(Span(start, end)),
                parsed=parsed and any(t.deprel for t in tokens),
            )
        )
    return sentences
