"""The letter stage: a recovered :class:`~ontwar.model.Document` becomes a :class:`LetterRecord`.

The record types load eagerly; the parser loads on first use, because the extract stage
builds on the record types while the parser builds on the extract stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ontwar.letter.model import Fact, Field, LetterRecord, Paragraph, Reference, Section, Span

if TYPE_CHECKING:
    from ontwar.letter.parse import parse_document, parse_path, parse_text

__all__ = [
    "Fact",
    "Field",
    "LetterRecord",
    "Paragraph",
    "Reference",
    "Section",
    "Span",
    "parse_document",
    "parse_path",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    if name in ("parse_document", "parse_path", "parse_text"):
        from ontwar.letter import parse

        return getattr(parse, name)
    raise AttributeError(f"module 'ontwar.letter' has no attribute {name!r}")
