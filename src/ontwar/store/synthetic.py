"""Pre-recovered letter records straight from the generator's truth, fast enough for 100k.

:func:`record_of` lays out a fictional letter (:func:`ontwar.synth.write_letter`) as plain
pages (letterhead, sidebar, body wrapped at :data:`WIDTH` characters, ``Pagina n van m``
footers) and builds its :class:`LetterRecord` with exact spans: what the letter stage would
give for a clean letter, without running recovery or parsing. Tests and ``bench/search.py``
use it; real corpora go through ``ontwar ingest``.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from dataclasses import dataclass

from ontwar.letter.model import Fact, Field, LetterRecord, Paragraph, Reference, Section, Span
from ontwar.model import Document, Line, Page
from ontwar.synth.letters import Letter, write_letter

WIDTH = 92
LINES_PER_PAGE = 46
SALUTATION = "Geachte voorzitter,"
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?](?=\s|$)|$)")


@dataclass(slots=True)
class _Placed:
    """A paragraph's lines: (page, offset in page text, offset in paragraph, line text)."""

    lines: list[tuple[int, int, int, str]]


class _Pages:
    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]

    def add(self, text: str) -> tuple[int, int]:
        """Append a line; return its page number and offset in the page text."""
        if len(self.pages[-1]) >= LINES_PER_PAGE:
            self.pages.append([])
        page = self.pages[-1]
        offset = sum(len(line) + 1 for line in page)
        page.append(text)
        return len(self.pages), offset

    def paragraph(self, text: str) -> _Placed:
        placed: list[tuple[int, int, int, str]] = []
        at = 0
        for line in textwrap.wrap(text, WIDTH, break_long_words=False, break_on_hyphens=False):
            at = text.index(line, at)
            number, offset = self.add(line)
            placed.append((number, offset, at, line))
            at += len(line)
        self.add("")
        return _Placed(placed)


def _span(placed: _Placed, start: int, end: int) -> Span:
    """The span of paragraph characters ``[start, end)`` in page coordinates."""

    def locate(position: int, is_end: bool) -> tuple[int, int]:
        for page, offset, at, line in placed.lines:
            if at <= position < at + len(line) or (is_end and position == at + len(line)):
                return page, offset + position - at
        page, offset, at, line = placed.lines[-1]
        return page, offset + len(line)

    page, begin = locate(start, False)
    end_page, finish = locate(end, True)
    return Span(page, begin, finish, end_page if end_page != page else None)


def _whole(placed: _Placed) -> Span:
    first, last = placed.lines[0], placed.lines[-1]
    return Span(
        first[0], first[1], last[1] + len(last[3]), last[0] if last[0] != first[0] else None
    )


def record_of(letter: Letter, source: str | None = None) -> tuple[LetterRecord, list[str]]:
    """The record of ``letter`` and its page texts (the raw pages, already clean)."""
    pages = _Pages()
    pages.add(letter.sender)
    pages.add("")
    pages.add(letter.return_address)
    for line in letter.addressee:
        pages.add(line)
    pages.add("")
    sidebar = []
    for label, value in letter.sidebar.items():
        number, offset = pages.add(f"{label} {value}")
        sidebar.append(
            Field(
                label,
                value,
                Span(number, offset + len(label) + 1, offset + len(label) + 1 + len(value)),
            )
        )
    pages.add("")
    pages.add(SALUTATION)
    pages.add("")
    body: list[tuple[str | None, list[tuple[str, _Placed]], Span | None]] = []
    opening = [(text, pages.paragraph(text)) for text in letter.opening]
    body.append((None, opening, None))
    for section in letter.sections:
        number, offset = pages.add(section.heading)
        placed = [(text, pages.paragraph(text)) for text in section.paragraphs]
        body.append((section.heading, placed, Span(number, offset, offset + len(section.heading))))
    pages.paragraph(letter.closing)
    for line in (letter.greeting, "", letter.signatory_title, letter.signatory):
        pages.add(line)
    total = len(pages.pages)
    texts = []
    for number, lines in enumerate(pages.pages, 1):
        lines = [*lines, "", f"Pagina {number} van {total}"]
        texts.append("\n".join(lines))
    sections = []
    for heading, placed, heading_span in body:
        paragraphs = tuple(Paragraph(text, _whole(where)) for text, where in placed)
        first = heading_span.page if heading_span else placed[0][1].lines[0][0]
        last = placed[-1][1].lines[-1][0]
        sections.append(Section(heading, paragraphs, (first, last), heading_span))
    facts = _facts(letter, body)
    references = _references(letter, body)
    document = Document(
        source or f"synthetic/{letter.seed:06d}-{letter.topic}.txt",
        [_page(number, text) for number, text in enumerate(texts, 1)],
    )
    record = LetterRecord(
        source=document.source,
        kind="text",
        pages=total,
        sender=letter.sender,
        return_address=letter.return_address,
        addressee=letter.addressee,
        sidebar=tuple(sidebar),
        date=letter.date,
        date_text=letter.date_text,
        reference=letter.reference,
        subject=letter.subject,
        cc=letter.cc,
        salutation=SALUTATION,
        sections=tuple(sections),
        closing=letter.closing,
        greeting=letter.greeting,
        signatory_title=letter.signatory_title,
        signatory=letter.signatory,
        footers=tuple(f"Pagina {n} van {total}" for n in range(1, total + 1)),
        references=tuple(references),
        facts=tuple(facts),
        document=document,
    )
    return record, texts


def _page(number: int, text: str) -> Page:
    lines = []
    at = 0
    for line in text.split("\n"):
        lines.append(Line(line, tuple(range(at, at + len(line)))))
        at += len(line) + 1
    return Page(number, lines)


def _located(
    body: list[tuple[str | None, list[tuple[str, _Placed]], Span | None]], needle: str, used: set
) -> tuple[str | None, str, _Placed, int] | None:
    """The first not yet used occurrence of ``needle``: section, paragraph, place, offset."""
    for heading, placed, _ in body:
        for text, where in placed:
            start = text.find(needle)
            while start >= 0:
                if (id(where), start) not in used:
                    used.add((id(where), start))
                    return heading, text, where, start
                start = text.find(needle, start + 1)
    return None


def _facts(letter: Letter, body: list) -> list[Fact]:
    facts: list[Fact] = []
    used: set = set()
    for truth in letter.facts:
        found = _located(body, truth.text, used)
        span = sentence = heading = None
        if found:
            heading, text, where, start = found
            span = _span(where, start, start + len(truth.text))
            sentence = next(
                (
                    m.group().strip()
                    for m in _SENTENCE.finditer(text)
                    if m.start() <= start < m.end()
                ),
                None,
            )
        kind = "percentage" if truth.unit.startswith("%") else "count"
        if truth.unit == "EUR" or (truth.unit.isupper() and len(truth.unit) == 3):
            kind = "money"
        facts.append(
            Fact(
                kind=kind,
                text=truth.text,
                value=truth.value,
                unit=truth.unit,
                span=span,
                qualifier=truth.qualifier,
                measure=truth.measure,
                subject=truth.subject,
                year=truth.year,
                year_end=truth.year_end,
                sentence=sentence or "",
                section=heading,
            )
        )
    return facts


def _references(letter: Letter, body: list) -> list[Reference]:
    found: list[Reference] = []
    used: set = set()
    for truth in letter.references:
        place = _located(body, truth.text, used)
        span = _span(place[2], place[3], place[3] + len(truth.text)) if place else None
        found.append(
            Reference(
                kind=truth.kind,
                text=truth.text,
                span=span,
                dossier=truth.dossier,
                suffix=truth.suffix,
                number=truth.number,
                members=truth.members,
                session=truth.session,
            )
        )
    return found


def synthetic_record(seed: int, paragraphs: int = 12) -> tuple[LetterRecord, list[str], str]:
    """The record of generated letter ``seed``, its pages and a content hash of them."""
    record, pages = record_of(write_letter(seed, paragraphs))
    digest = hashlib.sha256("\f".join(pages).encode("utf-8")).hexdigest()
    return record, pages, digest
