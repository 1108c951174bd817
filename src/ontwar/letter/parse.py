"""Parse a recovered document into a :class:`LetterRecord`: the letter stage's entry points.

``parse_document`` is pure (a ``Document`` in, a record out); ``parse_text`` and ``parse_path``
first run recovery, so the text path and the PDF path give the same record for the same letter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ontwar.extract import find_facts
from ontwar.extract.references import references_in
from ontwar.letter.body import (
    Body,
    body_lines,
    find_body_start,
    full_width,
    is_short,
    read_body,
)
from ontwar.letter.flow import page_lines, words
from ontwar.letter.header import Header, open_field, read_header, sidebar_beside_body
from ontwar.letter.hyphenation import vocabulary
from ontwar.letter.model import Fact, LetterRecord, Reference, Span
from ontwar.model import Document, Zone
from ontwar.recover import recover_path, recover_text
from ontwar.repair.config import RepairConfig

Progress = Callable[[int, int], None]


def parse_document(document: Document) -> LetterRecord:
    """The letter record of a recovered document."""
    pages = page_lines(document)
    first = pages[0] if pages else []
    all_lines = [line for page in pages for line in page]
    full = full_width(all_lines)
    start = find_body_start(first, full)
    if any(line.zone is Zone.SIDEBAR for line in first):
        beside = [line for line in first[start:] if line.zone is Zone.SIDEBAR]
    else:
        rest, beside = sidebar_beside_body(
            first[start:], lambda text: is_short(text, full), open_field(first[:start])
        )
        pages = [[*first[:start], *rest], *pages[1:]]
    header = read_header([*first[:start], *beside])
    found = body_lines(pages, start)
    hyphenated = any(line.text.endswith("-") for line in found.lines)
    body = read_body(found.lines, vocabulary(list(words(found.lines))) if hyphenated else None)
    date = header.date
    record = LetterRecord(
        source=document.source,
        kind=document.kind,
        pages=len(document.pages),
        sender=header.sender,
        return_address=header.return_address,
        addressee=tuple(header.addressee),
        sidebar=tuple(header.fields),
        date=date[0] if date else None,
        date_text=date[1] if date else None,
        reference=_value(header, "Onze referentie"),
        subject=_value(header, "Betreft"),
        cc=header.cc,
        salutation=body.salutation,
        sections=tuple(body.sections),
        closing=body.closing,
        greeting=body.greeting,
        signatory_title=body.signatory_title,
        signatory=body.signatory,
        footers=tuple(found.footers),
        footnotes=tuple(found.footnotes),
        references=tuple(_references(body)),
        facts=tuple(_facts(body, int(date[0][:4]) if date else None)),
        warnings=[*document.warnings, *_warnings(header, body)],
        document=document,
    )
    return record


def parse_text(
    data: bytes | str,
    source: str = "<text>",
    config: RepairConfig | None = None,
    progress: Progress | None = None,
) -> LetterRecord:
    """Recover extracted text and parse it."""
    return parse_document(recover_text(data, source, config, progress))


def parse_path(
    path: Path,
    password: str | None = None,
    config: RepairConfig | None = None,
    progress: Progress | None = None,
    recovered: bool = False,
) -> LetterRecord:
    """Recover a file (text or PDF) and parse it; text that is ``recovered`` already is
    parsed as it is (:func:`ontwar.recover.read_recovered`)."""
    return parse_document(recover_path(path, config, progress, password, recovered))


def _value(header: Header, label: str) -> str | None:
    found = header.field(label)
    return found.value if found else None


def _references(body: Body) -> list[Reference]:
    found = []
    for paragraphs in body.joined:
        for joined in paragraphs:
            for start, end, reference in references_in(joined.text):
                found.append(dataclasses.replace(reference, span=joined.span(start, end)))
    return found


def _facts(body: Body, year: int | None) -> list[Fact]:
    sections = [
        (section.heading, [paragraph.text for paragraph in section.paragraphs])
        for section in body.sections
    ]

    def locate(section: int, paragraph: int, start: int, end: int) -> Span | None:
        return body.joined[section][paragraph].span(start, end)

    return [found.fact for found in find_facts(sections, year, locate)]


def _warnings(header: Header, body: Body) -> list[str]:
    missing = [
        name
        for name, value in (
            ("sender", header.sender),
            ("date", header.date),
            ("subject", header.field("Betreft")),
            ("reference", header.field("Onze referentie")),
        )
        if not value
    ]
    warnings = [f"letterhead: no {', '.join(missing)} found"] if missing else []
    if not body.sections:
        warnings.append("body: no paragraphs found; is this a letter?")
    return warnings
