"""Lines of a recovered document with their positions, and text rejoined from them.

The letter parser reads lines (where each one is, on which page, in which zone) and writes
paragraphs and fields. A :class:`Joined` text keeps where each of its lines came from (page and
offset in that page's recovered text), so every field, reference and fact gets a
:class:`~ontwar.letter.model.Span` for free.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ontwar.letter.hyphenation import Vocabulary, keeps_hyphen
from ontwar.letter.model import Span
from ontwar.model import Document, Zone

Piece = tuple[int, int, int, int]
"""``(at, length, page, offset)``: ``text[at:at + length]`` is ``page``'s text from ``offset``."""


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
    """Text rejoined from lines, with the place of each line's characters.

    A line's characters stay consecutive in its page's text, so one :data:`Piece` a line says
    where every character came from; the spaces put in between lines belong to no page.
    """

    text: str
    pieces: tuple[Piece, ...]

    def span(self, start: int, end: int) -> Span | None:
        """Where ``text[start:end]`` sits in the recovered pages."""
        inside = [piece for piece in self.pieces if piece[0] < end and piece[0] + piece[1] > start]
        if not inside:
            return None
        at, _, page, offset = inside[0]
        last_at, last_length, last_page, last_offset = inside[-1]
        first = offset + max(start - at, 0)
        after = last_offset + min(end - last_at, last_length)
        return Span(page, first, after, last_page if last_page != page else None)

    @property
    def whole(self) -> Span | None:
        return self.span(0, len(self.text))

    @property
    def pages(self) -> tuple[int, int] | None:
        """The pages of the first and the last character."""
        return (self.pieces[0][2], self.pieces[-1][2]) if self.pieces else None

    def head(self, end: int) -> Joined:
        """The first ``end`` characters, with their places."""
        pieces = tuple(
            (at, min(length, end - at), page, offset)
            for at, length, page, offset in self.pieces
            if at < end
        )
        return Joined(self.text[:end], pieces)


def join_lines(lines: Iterable[PageLine], vocabulary: Vocabulary | None = None) -> Joined:
    """Rejoin wrapped lines into one text: a space between lines, hyphenation undone.

    A line ending in a hyphen either split a word (``samen-`` ``werking``: the hyphen goes) or
    ends a compound that keeps it (``defensie-`` ``uitgaven``): :func:`keeps_hyphen` decides.
    """
    parts: list[str] = []
    pieces: list[Piece] = []
    length = 0
    previous = ""
    for line in lines:
        if not line.text:
            continue
        if parts:
            if _hyphenated(previous):
                if not keeps_hyphen(previous[:-1], line.text.split(" ", 1)[0], vocabulary):
                    parts[-1] = parts[-1][:-1]
                    at, size, page, offset = pieces[-1]
                    pieces[-1] = (at, size - 1, page, offset)
                    length -= 1
            else:
                parts.append(" ")
                length += 1
        parts.append(line.text)
        pieces.append((length, len(line.text), line.page, line.start))
        length += len(line.text)
        previous = line.text.rsplit(" ", 1)[-1]
    return Joined("".join(parts), tuple(pieces))


def _hyphenated(word: str) -> bool:
    """A word cut at the line end: letters, then the hyphen (not a dash standing alone)."""
    return len(word) > 1 and word.endswith("-") and word[-2].isalpha()


def words(lines: Iterable[PageLine]) -> Iterator[str]:
    """Every whitespace-separated word of ``lines`` (for the document's own vocabulary)."""
    for line in lines:
        yield from line.text.split()
