"""Lines of a recovered document with their positions, and text rejoined from them.

The letter parser reads lines (where each one is, on which page, in which zone) and writes
paragraphs and fields. A :class:`Joined` text keeps, for every character, the page and offset
in that page's recovered text it came from (``None`` for a space put in where a line ended), so
every field, reference and fact gets a :class:`~ontwar.letter.model.Span` for free.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ontwar.letter.hyphenation import Vocabulary, keeps_hyphen
from ontwar.letter.model import Span
from ontwar.model import Document, Zone

Position = tuple[int, int] | None
"""``(page, offset in that page's text)`` of one character, or ``None`` for an inserted space."""


@dataclass(frozen=True, slots=True)
class PageLine:
    """One line of a page's recovered text, stripped, with where it starts."""

    page: int
    index: int
    start: int
    text: str
    zone: Zone

    @property
    def blank(self) -> bool:
        return not self.text

    def positions(self) -> list[Position]:
        return [(self.page, self.start + i) for i in range(len(self.text))]

    def part(self, start: int, end: int) -> PageLine:
        """Characters ``[start, end)`` of this line, stripped, as a line of their own."""
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        return PageLine(self.page, self.index, self.start + start + lead, piece.strip(), self.zone)


def page_lines(document: Document) -> list[list[PageLine]]:
    """Every page's lines with their offsets in ``page.text`` (leading spaces skipped)."""
    pages = []
    for page in document.pages:
        lines, offset = [], 0
        for index, line in enumerate(page.lines):
            lead = len(line.text) - len(line.text.lstrip())
            lines.append(PageLine(page.number, index, offset + lead, line.text.strip(), line.zone))
            offset += len(line.text) + 1
        pages.append(lines)
    return pages


@dataclass(frozen=True, slots=True)
class Joined:
    """Text rejoined from lines, with the position of each character."""

    text: str
    positions: tuple[Position, ...]

    def span(self, start: int, end: int) -> Span | None:
        """Where ``text[start:end]`` sits in the recovered pages."""
        inside = [p for p in self.positions[start:end] if p is not None]
        if not inside:
            return None
        (page, first), (last_page, last) = inside[0], inside[-1]
        return Span(page, first, last + 1, last_page if last_page != page else None)

    @property
    def whole(self) -> Span | None:
        return self.span(0, len(self.text))


def join_lines(lines: Iterable[PageLine], vocabulary: Vocabulary | None = None) -> Joined:
    """Rejoin wrapped lines into one text: a space between lines, hyphenation undone.

    A line ending in a hyphen either split a word (``samen-`` ``werking``: the hyphen goes) or
    ends a compound that keeps it (``defensie-`` ``uitgaven``): :func:`keeps_hyphen` decides.
    """
    text: list[str] = []
    positions: list[Position] = []
    previous = ""
    for line in lines:
        if not line.text:
            continue
        if text:
            if _hyphenated(previous):
                if not keeps_hyphen(previous[:-1], line.text.split(" ", 1)[0], vocabulary):
                    text.pop()
                    positions.pop()
            else:
                text.append(" ")
                positions.append(None)
        text.extend(line.text)
        positions.extend(line.positions())
        previous = line.text.rsplit(" ", 1)[-1]
    return Joined("".join(text), tuple(positions))


def _hyphenated(word: str) -> bool:
    """A word cut at the line end: letters, then the hyphen (not a dash standing alone)."""
    return len(word) > 1 and word.endswith("-") and word[-2].isalpha()


def words(lines: Iterable[PageLine]) -> Iterator[str]:
    """Every whitespace-separated word of ``lines`` (for the document's own vocabulary)."""
    for line in lines:
        yield from line.text.split()
