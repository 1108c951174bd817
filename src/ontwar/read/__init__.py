"""Read stage: extracted text or a PDF in, pages of lines with provenance out.

Public API: :func:`read_text` (bytes of extracted text -> pages of raw lines) and
:func:`read_pdf` (a PDF -> the visible text as a :class:`~ontwar.model.Document`, plus every
hidden run).
"""

from ontwar.read.pdf import read_pdf
from ontwar.read.text import read_text

__all__ = ["read_pdf", "read_text"]
