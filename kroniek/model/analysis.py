"""Linguistic analysis of an article: sentences and tokens, as any backend delivers them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """One token. `index` counts from 0 within its sentence; `head` is the index of the
    syntactic head, or None for a root or when the sentence was not parsed.

    `pos` is the coarse tag (WW, N, SPEC, ADJ, ... for the CGN tag set) and `features` the
    tag's features (('pv', 'verl', 'ev') for a past-tense singular finite verb).
    """

    index: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    features: tuple[str, ...] = ()
    ner: str = "O"  # BIO tag with type: B-PER, I-LOC, O
    head: int | None = None
    deprel: str = ""

    @property
    def is_verb(self) -> bool:
        return self.pos == "WW"

    @property
    def is_finite(self) -> bool:
        return self.pos == "WW" and "pv" in self.features

    @property
    def is_plural(self) -> bool:
        return "mv" in self.features


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    is_caption: bool = False
    parsed: bool = True

    def head_of(self, token: Token) -> Token | None:
        """The token's head; None for a root, and for a head outside the sentence, which a
        damaged parse can give."""
        if token.head is None or not 0 <= token.head < len(self.tokens):
            return None
        return self.tokens[token.head]

    def children(self, head: int) -> list[Token]:
        return [t for t in self.tokens if t.head == head]

    def subtree(self, head: int) -> list[Token]:
        """The token and everything below it, in text order."""
        below: set[int] = {head}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.head in below and t.index not in below:
                    below.add(t.index)
                    changed = True
        return [t for t in self.tokens if t.index in below]
