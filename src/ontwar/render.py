"""Turn a recovered :class:`~ontwar.model.Document` into the formats the CLI offers."""

from __future__ import annotations

import json

from ontwar.model import Document


def to_json(document: Document) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(document: Document) -> str:
    """Each page's own text; pages separated by form feeds, as extractors separate them."""
    return "\f".join(page.text + "\n" for page in document.pages)


def to_markdown(document: Document) -> str:
    """A readable report: per page its diagnosis, warnings and recovered text."""
    parts = [f"# {document.source}\n"]
    for warning in document.warnings:
        parts.append(f"> {warning}\n")
    for page in document.pages:
        removed = sum(len(removal.offsets) for removal in page.removed)
        parts.append(
            f"\n## Page {page.number}\n\n"
            f"*{page.diagnosis}, {page.layers} layer(s), confidence {page.confidence:.2f}, "
            f"{removed} characters removed*\n"
        )
        parts.extend(f"\n> {warning}\n" for warning in page.warnings)
        parts.append("\n" + "\n".join(_markdown_line(line.text) for line in page.lines) + "\n")
    return "".join(parts)


def _markdown_line(text: str) -> str:
    """One line as Markdown: a hard line break, with characters Markdown would eat escaped."""
    escaped = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    if escaped.lstrip().startswith(("#", ">", "-", "+")):
        escaped = "\\" + escaped.lstrip()
    return escaped + "  " if escaped else ""


FORMATS = {"json": to_json, "text": to_text, "markdown": to_markdown}
