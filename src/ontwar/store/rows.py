"""A letter record as the rows the store writes, made apart from the store.

Turning a record into rows (JSON, compression, the stemmed shadow text of the search index) is
most of the work of storing it; none of it needs the database. Batch ingest therefore builds
:class:`DocumentRows` in its worker processes and sends them to the one writer, which only runs
the inserts: the writer's share of each letter stays small, so the workers set the pace.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ontwar.letter.model import Fact, LetterRecord, Reference, Span
from ontwar.model import RawPage, Removal
from ontwar.store.identifiers import identifiers
from ontwar.store.normalise import key, shadow


def meta_text(subject: str | None, sender: str | None, reference: str | None) -> str:
    """The text of the ``meta`` search column: subject, sender and reference, one a line."""
    return "\n".join(part for part in (subject, sender, reference) if part)


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One letter as the store's rows, without the store's ids (the writer adds those)."""

    source: str
    document: tuple[object, ...]
    """The ``documents`` columns from ``kind`` to ``reference`` (see :data:`DOCUMENT_COLUMNS`)."""
    blob: bytes
    pages: list[tuple[object, ...]]
    sections: list[tuple[object, ...]]
    refs: list[tuple[object, ...]]
    facts: list[tuple[object, ...]]
    warnings: list[tuple[int | None, str]]
    hidden: list[tuple[object, ...]]
    identifiers: list[tuple[str, str]]
    meta_shadow: str
    body_shadow: str

    @classmethod
    def of(cls, record: LetterRecord, raw_pages: Sequence[str] | None = None) -> DocumentRows:
        """The rows of ``record``; ``raw_pages`` is its input split into pages (by default
        the pages its document was read from)."""
        if raw_pages is None:
            raw_pages = [page.text for page in record.document.raw] if record.document else []
        # facts, references and page texts live in their own tables; document() puts them back
        data = dataclasses.replace(record, facts=(), references=(), document=None).to_dict()
        blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)
        document = record.document
        pages: list[tuple[object, ...]] = []
        bodies: list[str] = []
        warnings: list[tuple[int | None, str]] = [(None, text) for text in record.warnings]
        if document is not None and document.pages:
            for i, page in enumerate(document.pages):
                text = page.text
                raw = _raw(raw_pages, i, len(document.pages))
                body, count = shadow(text)
                bodies.append(body)
                removed = _removed(page.removed, _read_page(document.raw, i, raw))
                pages.append(
                    (
                        i + 1,
                        text,
                        None if raw is None or raw == text else raw,
                        str(page.diagnosis),
                        page.layers,
                        round(page.confidence, 4),
                        zlib.compress(json.dumps(removed, ensure_ascii=False).encode()),
                        json.dumps(page.warnings, ensure_ascii=False),
                        count,
                    )
                )
                warnings.extend((i + 1, text) for text in page.warnings)
        else:
            for i, raw in enumerate(raw_pages or [""]):
                body, count = shadow(raw)
                bodies.append(body)
                pages.append((i + 1, raw, None, None, None, None, None, "[]", count))
        sections = [
            (
                i,
                section.heading,
                section.pages[0] if section.pages else None,
                section.pages[-1] if section.pages else None,
                section.heading_span.page if section.heading_span else None,
                section.heading_span.start if section.heading_span else None,
            )
            for i, section in enumerate(record.sections)
        ]
        refs = [
            (i, ref.kind, ref.text, json.dumps(_as_dict(ref), ensure_ascii=False))
            for i, ref in enumerate(record.references)
        ]
        facts = [(i, *_fact_row(fact)) for i, fact in enumerate(record.facts)]
        hidden: list[tuple[object, ...]] = []
        if document is not None:
            for run in document.hidden:
                item = run.to_dict()
                page_number = item.get("page")
                reason = item.get("reason")
                hidden.append(
                    (
                        page_number if isinstance(page_number, int) else None,
                        str(reason) if reason is not None else None,
                        json.dumps(item, ensure_ascii=False),
                    )
                )
        meta_shadow = shadow(meta_text(record.subject, record.sender, record.reference))[0]
        return cls(
            source=record.source,
            document=(
                record.kind,
                len(pages),
                record.sender,
                key(record.sender),
                record.date,
                record.subject,
                key(record.subject),
                record.reference,
            ),
            blob=blob,
            pages=pages,
            sections=sections,
            refs=refs,
            facts=facts,
            warnings=warnings,
            hidden=hidden,
            identifiers=identifiers(record),
            meta_shadow=meta_shadow,
            body_shadow=" ".join(body for body in bodies if body),
        )


DOCUMENT_COLUMNS = (
    "kind", "pages", "sender", "sender_key", "date", "subject", "subject_key", "reference",
)  # fmt: skip
FACT_COLUMNS = (
    "kind", "text", "value", "unit", "qualifier", "measure", "measure_key", "subject",
    "subject_key", "year", "year_end", "sentence", "section", "converted_from",
    "page", "start", "end", "end_page", "extra",
)  # fmt: skip
_FACT_ORDER = ("kind", "text", "value", "unit", "span", "qualifier", "measure", "subject",
               "year", "year_end", "sentence", "section", "converted_from")  # fmt: skip


_FACT_EXTRA = tuple(name for name in Fact.__dataclass_fields__ if name not in _FACT_ORDER)
"""Fields of :class:`Fact` the ``facts`` columns do not hold (kept as JSON in ``extra``)."""
_SCALARS = (str, int, float, bool, type(None))


def _as_dict(item: Fact | Reference) -> dict[str, Any]:
    """``item.to_dict()``, without :func:`dataclasses.asdict`'s deep copies when the fields
    are plain values (the common case: ingest converts tens of facts per letter)."""
    data: dict[str, Any] = {}
    for name in item.__dataclass_fields__:
        value = getattr(item, name)
        if isinstance(value, Span):
            value = value.to_dict()
        elif isinstance(value, tuple) and all(isinstance(part, str) for part in value):
            value = list(value)
        elif not isinstance(value, _SCALARS):
            return item.to_dict()
        data[name] = value
    return data


def _fact_row(fact: Fact) -> tuple[object, ...]:
    """A fact as the ``facts`` columns; fields the columns do not know go to ``extra``.

    Read field by field, not through a dict: ingest converts tens of facts per letter.
    """
    span = fact.span
    extra = {name: getattr(fact, name) for name in _FACT_EXTRA}
    return (
        fact.kind,
        fact.text,
        fact.value,
        fact.unit,
        fact.qualifier,
        fact.measure,
        key(fact.measure),
        fact.subject,
        key(fact.subject),
        fact.year,
        fact.year_end,
        fact.sentence,
        fact.section,
        fact.converted_from,
        span.page if span else None,
        span.start if span else None,
        span.end if span else None,
        span.end_page if span and span.end_page != span.page else None,
        json.dumps(extra, ensure_ascii=False) if extra else None,
    )


def fact_dict(row: Sequence[Any]) -> dict[str, Any]:
    """The fact dict (``Fact.to_dict()``) back from its ``facts`` columns."""
    values = dict(zip(FACT_COLUMNS, row, strict=True))
    span = None
    if values["page"] is not None:
        span = {"page": values["page"], "start": values["start"], "end": values["end"]}
        if values["end_page"] is not None:
            span["end_page"] = values["end_page"]
    fact = {name: values[name] if name != "span" else span for name in _FACT_ORDER}
    if values["extra"]:
        fact.update(json.loads(values["extra"]))
    return fact


def _read_page(read: Sequence[RawPage], index: int, raw: str | None) -> RawPage | None:
    """The page as read, when it is the raw text stored and knows its source offsets."""
    page = read[index] if index < len(read) else None
    return page if page is not None and page.runs and page.text == raw else None


def _removed(removals: Sequence[Removal], read: RawPage | None) -> list[dict[str, object]]:
    """Each removal's report, with ``at``: its spans in the stored raw text (when known), so
    that the raw view can mark what was taken out where."""
    items = []
    for removal in removals:
        item = removal.to_dict()
        if read is not None:
            item["at"] = [list(span) for span in read.locate(item["spans"])]  # type: ignore[arg-type]
        items.append(item)
    return items


def _raw(raw_pages: Sequence[str], index: int, count: int) -> str | None:
    """The raw text of page ``index``; extra raw pages go with the last recovered page."""
    if index >= len(raw_pages):
        return None
    if index == count - 1 and len(raw_pages) > count:
        return "\f".join(raw_pages[index:])
    return raw_pages[index]
