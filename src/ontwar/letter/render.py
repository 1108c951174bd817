"""A :class:`LetterRecord` in the formats ``ontwar parse`` and ``ontwar facts`` offer."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ontwar.letter.model import LetterRecord

#: Columns of ``ontwar facts --format csv``, in order.
FACT_COLUMNS = (
    "source",
    "page",
    "start",
    "end",
    "kind",
    "text",
    "value",
    "unit",
    "qualifier",
    "measure",
    "subject",
    "year",
    "year_end",
    "section",
    "converted_from",
    "sentence",
)


def record_json(record: LetterRecord) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n"


def record_markdown(record: LetterRecord) -> str:
    """The letter as a clean, readable document: metadata table, sections, references, facts."""
    out = [f"# {_md(record.subject or record.source)}\n"]
    rows = [
        ("Sender", record.sender),
        ("Date", record.date),
        ("Reference", record.reference),
        ("Addressee", ", ".join(record.addressee) or None),
        ("Cc", record.cc),
        *((field.label, field.value) for field in record.sidebar),
        ("Source", record.source),
        ("Pages", str(record.pages)),
    ]
    out.append("\n| field | value |\n|---|---|\n")
    out.extend(f"| {_md(name)} | {_cell(value)} |\n" for name, value in rows if value)
    out.extend(f"\n> warning: {_md(warning)}\n" for warning in record.warnings)
    if record.salutation:
        out.append(f"\n{_md(record.salutation)}\n")
    for section in record.sections:
        if section.heading:
            out.append(f"\n## {_md(section.heading)}\n")
        out.extend(f"\n{_md(paragraph.text)}\n" for paragraph in section.paragraphs)
    tail = [record.closing, record.greeting, record.signatory_title, record.signatory]
    out.extend(f"\n{_md(line)}\n" for line in tail if line)
    if record.footnotes:
        out.append("\n---\n\n")
        out.extend(f"{_md(note.label)}. {_md(note.value)}\n" for note in record.footnotes)
    if record.references:
        out.append("\n## References\n\n")
        for reference in record.references:
            page = f" (p. {reference.span.page})" if reference.span else ""
            link = f"[{_md(reference.text)}]({reference.url})" if reference.url else reference.text
            out.append(f"- {reference.kind}: {link}{page}\n")
    if record.facts:
        out.append("\n## Facts\n\n| page | subject | measure | value | unit | year | text |\n")
        out.append("|---|---|---|---|---|---|---|\n")
        for fact in record.facts:
            cells = (
                fact.span.page if fact.span else "",
                fact.subject,
                fact.measure,
                f"{fact.value:g}",
                fact.unit,
                fact.year,
                fact.text,
            )
            out.append("| " + " | ".join(_cell(cell) for cell in cells) + " |\n")
    return "".join(out)


def facts_rows(records: Iterable[LetterRecord]) -> list[dict[str, object]]:
    """One row per fact, across letters, with its source and page span."""
    rows = []
    for record in records:
        for fact in record.facts:
            data = fact.to_dict()
            span = data.pop("span") or {}
            rows.append(
                {"source": record.source, **{k: span.get(k) for k in ("page", "start", "end")}}
                | {key: data.get(key) for key in FACT_COLUMNS if key in data}
            )
    return rows


def facts_csv(records: Iterable[LetterRecord]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(facts_rows(records))
    return buffer.getvalue()


def facts_json(records: Iterable[LetterRecord]) -> str:
    return json.dumps(facts_rows(records), ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """Text with the characters Markdown would act on escaped."""
    escaped = text.replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _cell(value: object) -> str:
    return "" if value is None else _md(str(value)).replace("\n", " ")
