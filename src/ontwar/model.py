"""Typed data model shared by every stage: ``Document -> Page -> Line``.

Provenance lives inside the types (as pdfplumber's ``TextMap`` ties output characters to source
characters): every character of a :class:`Line` carries the offset of the input character it came
from, so later stages get page and character spans for free, and every input character that is
*not* in some page's own text is listed in a :class:`Removal` with a reason.

Offsets index the *source stream*: for text input, the decoded input string; for PDF input, the
document's glyph sequence (see :mod:`ontwar.read.pdf`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class Diagnosis(StrEnum):
    """How a page's extracted text was damaged before repair."""

    CLEAN = "clean"
    LINE_INTERLEAVED = "line-interleaved"
    FRAGMENT_MERGED = "fragment-merged"


class Zone(StrEnum):
    """Where on the page a line sits (filled in by layout analysis; text input says BODY)."""

    BODY = "body"
    LETTERHEAD = "letterhead"
    SIDEBAR = "sidebar"
    ADDRESS = "address"
    HEADER = "header"
    FOOTER = "footer"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page's own text, with the source offset of each character."""

    text: str
    offsets: tuple[int, ...]
    zone: Zone = Zone.BODY

    def __post_init__(self) -> None:
        if len(self.text) != len(self.offsets):
            raise ValueError(
                f"line has {len(self.text)} characters but {len(self.offsets)} offsets"
            )

    @classmethod
    def from_source(cls, source: str, start: int, end: int, zone: Zone = Zone.BODY) -> Line:
        """The line ``source[start:end]`` with its offsets."""
        return cls(source[start:end], tuple(range(start, end)), zone)

    def strip(self) -> tuple[Line, Line]:
        """Split off trailing whitespace: ``(content, trailing)``."""
        if not self.text[-1:].isspace():  # most lines: nothing to split off
            return self, Line("", (), self.zone)
        end = len(self.text.rstrip())
        return (
            Line(self.text[:end], self.offsets[:end], self.zone),
            Line(self.text[end:], self.offsets[end:], self.zone),
        )


@dataclass(frozen=True, slots=True)
class Removal:
    """Input characters left out of a page's own text, and why."""

    reason: str
    page: int
    offsets: tuple[int, ...]
    text: str
    layer: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "reason": self.reason,
            "layer": self.layer,
            "chars": len(self.offsets),
            "spans": [list(span) for span in spans(self.offsets)],
            "text": self.text,
        }


@dataclass(slots=True)
class Page:
    """A page's own text after repair, its diagnosis and what was removed from it."""

    number: int
    lines: list[Line]
    diagnosis: Diagnosis = Diagnosis.CLEAN
    layers: int = 1
    confidence: float = 1.0
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "text": self.text,
            "diagnosis": str(self.diagnosis),
            "layers": self.layers,
            "confidence": round(self.confidence, 4),
            "removed": [removal.to_dict() for removal in self.removed],
            "warnings": list(self.warnings),
        }


class Reported(Protocol):
    """Anything a document reports alongside its text (e.g. a PDF's hidden runs)."""

    def to_dict(self) -> dict[str, object]: ...


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page's text as read, and where each of its lines came from in the source stream."""

    text: str
    runs: tuple[tuple[int, int, int], ...] = ()
    """``(at, offset, length)``: ``text[at:at + length]`` is the source from ``offset`` on.
    Empty when the text is not the source's own (a PDF's visible text)."""

    @classmethod
    def of_lines(cls, lines: Sequence[Line]) -> RawPage:
        """The lines joined by newlines, each line's offsets cut into consecutive runs."""
        runs: list[tuple[int, int, int]] = []
        at = 0
        for line in lines:
            for start, end in spans(line.offsets):
                runs.append((at, start, end - start))
                at += end - start
            at += 1  # the newline
        return cls("\n".join(line.text for line in lines), tuple(runs))

    def locate(self, source: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Where source spans ``[start, end)`` are in :attr:`text`, in order, touching ones
        merged; what the page does not hold is left out.

        >>> page = RawPage.of_lines([Line("ab", (10, 11)), Line("cd", (13, 14))])
        >>> page.locate([(11, 15)])  # "b" and "cd"; the newline between was no source of theirs
        [(1, 2), (3, 5)]
        """
        runs = sorted(self.runs, key=lambda run: run[1])  # by source offset
        offsets = [offset for _, offset, _ in runs]
        found: list[tuple[int, int]] = []
        for start, end in source:  # from the run holding ``start`` on: lines do not overlap
            index = max(bisect_right(offsets, start) - 1, 0)
            while index < len(runs) and runs[index][1] < end:
                at, offset, length = runs[index]
                low, high = max(start, offset), min(end, offset + length)
                if low < high:
                    found.append((at + low - offset, at + high - offset))
                index += 1
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


@dataclass(slots=True)
class Document:
    """A whole letter as recovered: its pages in order, plus document-level warnings."""

    source: str
    pages: list[Page]
    warnings: list[str] = field(default_factory=list)
    kind: str = "text"
    hidden: list[Reported] = field(default_factory=list)
    """Text the source hid from its reader (PDF input), each with page, box and reason."""
    raw: list[RawPage] = field(default_factory=list)
    """Each page as read, before any repair (for PDF input: its visible text)."""

    @property
    def text(self) -> str:
        return "\f".join(page.text for page in self.pages)

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "pages": [page.to_dict() for page in self.pages],
            "warnings": list(self.warnings),
            "hidden": [run.to_dict() for run in self.hidden],
        }


def spans(offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Compress sorted-or-not offsets into maximal ``[start, end)`` runs, in order of appearance.

    >>> list(spans([3, 4, 5, 9, 10, 2]))
    [(3, 6), (9, 11), (2, 3)]
    """
    if isinstance(offsets, tuple) and offsets:  # most lines are one run: checked in C
        first, after = offsets[0], offsets[0] + len(offsets)
        if offsets == tuple(range(first, after)):
            yield (first, after)
            return
    start = prev = None
    for offset in offsets:
        if prev is not None and offset == prev + 1:
            prev = offset
            continue
        if start is not None and prev is not None:
            yield (start, prev + 1)
        start = prev = offset
    if start is not None and prev is not None:
        yield (start, prev + 1)
