"""The letter as a record: typed metadata, sections, references and facts, each with provenance.

A :class:`Span` points into the recovered text of one page (``Document.pages[n-1].text``, the
``text`` of ``ontwar recover --format json``), so anyone can quote a field and check it against
the page it came from. Paragraphs are rejoined across line ends and page breaks, so a span of a
fact may cross a page break: it then names the page it starts on and ``end_page``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ontwar.model import Document


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of page ``page``'s recovered text (ending on ``end_page``)."""

    page: int
    start: int
    end: int
    end_page: int | None = None

    def to_dict(self) -> dict[str, int]:
        data = {"page": self.page, "start": self.start, "end": self.end}
        if self.end_page is not None and self.end_page != self.page:
            data["end_page"] = self.end_page
        return data


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled sidebar field (``Onze referentie``: ``BS2021993474``) as written."""

    label: str
    value: str
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "value": self.value, "span": _span(self.span)}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph rejoined from its lines (hyphenation undone), with where it starts and ends."""

    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "span": _span(self.span)}


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its paragraphs; the opening before the first heading has ``heading=None``."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]
    pages: tuple[int, int]
    heading_span: Span | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    def to_dict(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "heading_span": _span(self.heading_span),
            "pages": list(self.pages),
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
        }


@dataclass(frozen=True, slots=True)
class Reference:
    """A cited parliamentary document, normalised, with a link in the official URL scheme.

    ``kind`` is ``kamerstuk``, ``motie``, ``zaak``, ``document``, ``handelingen`` or
    ``aanhangsel``; ``dossier``/``suffix``/``number`` as in ``Kamerstuk 21 501-33, nr. 12``
    (``21501``, ``33``, ``12``); ``members`` name who submitted a motie.
    """

    kind: str
    text: str
    span: Span | None
    dossier: str | None = None
    suffix: str | None = None
    number: str | None = None
    members: tuple[str, ...] = ()
    session: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["span"] = _span(self.span)
        data["members"] = list(self.members)
        return data


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantity the letter states: value in base units, what it measures, about whom, when.

    ``kind`` is ``money``, ``percentage``, ``count`` or ``year``; ``value`` is in base units
    (euros, not billions); ``unit`` a currency code, ``%``, ``% BBP`` or the counted noun.
    ``converted_from`` is the index (in the record's ``facts``) of the amount this one converts,
    for ``3,5 miljard NOK (€0,3 miljard)``.
    """

    kind: str
    text: str
    value: float
    unit: str
    span: Span | None
    qualifier: str | None = None
    measure: str | None = None
    subject: str | None = None
    year: int | None = None
    year_end: int | None = None
    sentence: str = ""
    section: str | None = None
    converted_from: int | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["span"] = _span(self.span)
        return data


@dataclass(slots=True)
class LetterRecord:
    """Everything ontwar knows about one letter: metadata, body, references, facts, warnings."""

    source: str
    kind: str
    pages: int
    sender: str | None = None
    return_address: str | None = None
    addressee: tuple[str, ...] = ()
    sidebar: tuple[Field, ...] = ()
    date: str | None = None
    date_text: str | None = None
    reference: str | None = None
    subject: str | None = None
    cc: str | None = None
    salutation: str | None = None
    sections: tuple[Section, ...] = ()
    closing: str | None = None
    greeting: str | None = None
    signatory_title: str | None = None
    signatory: str | None = None
    footers: tuple[str, ...] = ()
    footnotes: tuple[Field, ...] = ()
    """Footnotes by number (``label``), taken out of the text they annotate."""
    references: tuple[Reference, ...] = ()
    facts: tuple[Fact, ...] = ()
    warnings: list[str] = field(default_factory=list)
    document: Document | None = None
    """The recovered pages the spans point into (``to_dict`` includes their text)."""

    def field(self, label: str) -> str | None:
        """The value of the sidebar field ``label`` (case-insensitive), if the letter has it."""
        wanted = label.casefold()
        return next((f.value for f in self.sidebar if f.label.casefold() == wanted), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "pages": self.pages,
            "metadata": {
                "sender": self.sender,
                "return_address": self.return_address,
                "addressee": list(self.addressee),
                "date": self.date,
                "date_text": self.date_text,
                "reference": self.reference,
                "subject": self.subject,
                "cc": self.cc,
                "sidebar": [f.to_dict() for f in self.sidebar],
            },
            "salutation": self.salutation,
            "sections": [section.to_dict() for section in self.sections],
            "closing": self.closing,
            "greeting": self.greeting,
            "signatory_title": self.signatory_title,
            "signatory": self.signatory,
            "footers": list(self.footers),
            "footnotes": [note.to_dict() for note in self.footnotes],
            "references": [reference.to_dict() for reference in self.references],
            "facts": [fact.to_dict() for fact in self.facts],
            "warnings": list(self.warnings),
            "page_texts": [page.text for page in self.document.pages] if self.document else [],
        }


def _span(span: Span | None) -> dict[str, int] | None:
    return span.to_dict() if span else None
