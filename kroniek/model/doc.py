"""The document that flows through the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from kroniek.model.actors import Mention
from kroniek.model.analysis import Sentence
from kroniek.model.article import Article
from kroniek.model.events import Event
from kroniek.model.time_place import Place, TimeExpr


@dataclass(frozen=True)
class Doc:
    """An article and everything the stages have found in it so far.

    Each stage returns a new Doc (dataclasses.replace), so a stage can be tested on a Doc
    built by hand and no stage can change another's output behind its back.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    main_country: str | None = None
    notes: tuple[str, ...] = field(default=())  # warnings worth keeping with the article

    def paragraph_start(self, index: int) -> int:
        """The first sentence of the paragraph (text between line breaks) sentence `index` is
        in."""
        text = self.article.text
        while index > 0 and "\n" not in text[self.sentences[index - 1].end:
                                             self.sentences[index].start]:
            index -= 1
        return index
