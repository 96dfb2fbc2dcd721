"""The Doc's own reading of its text: where paragraphs begin."""

from __future__ import annotations

import pytest

from kroniek.model import Article, Doc, Sentence

TEXT = "Poetin belde. Loekasjenko zweeg.\n\nDe EU reageerde. Brussel dreigde."


def _doc() -> Doc:
    sentences = []
    for index, part in enumerate(("Poetin belde.", "Loekasjenko zweeg.", "De EU reageerde.",
                                  "Brussel dreigde.")):
        start = TEXT.index(part)
        sentences.append(Sentence(index, start, start + len(part), part, ()))
    return Doc(article=Article(id="a", text=TEXT, content_hash="h"), sentences=tuple(sentences))


@pytest.mark.parametrize(("sentence", "first"), [(0, 0), (1, 0), (2, 2), (3, 2)])
def test_paragraph_start_is_the_first_sentence_after_a_line_break(
    sentence: int, first: int
) -> None:
    assert _doc().paragraph_start(sentence) == first
