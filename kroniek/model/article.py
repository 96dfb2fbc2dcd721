"""Articles as ingested: the text every offset in kroniek points into."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Article:
    """One news article.

    `text` is the article as ingested: for a .txt file the file content without its leading
    `date ...` marker, so a photo caption on the first line stays part of the text. `caption`
    and `credit` mark that first-line caption and its photo credit; the credit is never coded.
    `date` keeps the precision the source gave ('2020', '2020-08' or '2020-08-09').
    """

    id: str
    text: str
    content_hash: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # file (and line) the article came from, for messages
    caption: Span | None = None
    credit: Span | None = None
    metadata: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def codable_spans(self) -> list[Span]:
        """The parts of the text to analyse: everything but the photo credit."""
        if self.credit is None:
            return [Span(0, len(self.text))]
        return [
            s
            for s in (Span(0, self.credit.start), Span(self.credit.end, len(self.text)))
            if self.text[s.start : s.end].strip()
        ]
