"""The letter stage: a recovered :class:`~ontwar.model.Document` becomes a :class:`LetterRecord`."""

from ontwar.letter.model import Fact, Field, LetterRecord, Paragraph, Reference, Section, Span

__all__ = ["Fact", "Field", "LetterRecord", "Paragraph", "Reference", "Section", "Span"]
