"""Turning raw bytes into clean article text: encodings and left-over markup.

Scraped corpora arrive in Windows-1252, with HTML remnants, or as binaries saved by mistake.
Each case is either repaired, with a note of what was assumed, or rejected with the reason.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from charset_normalizer import from_bytes

from kroniek.errors import IngestError

_MARKUP = re.compile(
    r"<\s*/?\s*(?:p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|script|style|"
    r"html|body|head|meta|img|figure|figcaption|section|article)\b[^>]*>",
    re.IGNORECASE,
)
_BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
                     "figure", "figcaption", "section", "article", "table", "ul", "ol"})
_HIDDEN = frozenset({"script", "style", "head"})


def decode(data: bytes, origin: str) -> tuple[str, str | None]:
    """The text, and the encoding that was assumed when it was not UTF-8 (else None)."""
    if b"\x00" in data[:4096]:
        raise IngestError("binary file, not text", origin)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise IngestError("not text in any encoding that could be detected", origin)
    best = matches[0]
    # Short texts fit several Western code pages equally well; Dutch legacy text is
    # overwhelmingly Windows-1252, so it wins a tie.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(chosen), chosen.encoding


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


def strip_markup(text: str, origin: str) -> str:
    """Text without tags, scripts and styles; paragraphs kept as blank lines."""
    extractor = _TextExtractor()
    try:
        extractor.feed(text)
        extractor.close()
    except Exception as exc:
        raise IngestError(f"markup that cannot be stripped ({exc})", origin) from None
    stripped = html.unescape("".join(extractor.parts))
    lines = [" ".join(line.split()) for line in stripped.split("\n")]
    paragraphs = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not paragraphs:
        raise IngestError("only markup, no text", origin)
    return paragraphs
