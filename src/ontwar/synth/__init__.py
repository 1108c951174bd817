"""Synthetic damaged letters with exact truth, built the way the real damage came about.

``letters`` writes fictional Kamerbrieven and records their facts and references; ``typeset``
lays them out as positioned text fragments; ``stack`` draws every page over hidden copies of
all earlier pages; ``extract`` reads the result back the way the broken extractor did; and
``cases`` ties it together into deterministic test cases.
"""

from ontwar.synth.cases import (
    Case,
    CleanLetter,
    clean_letter,
    fit_letter,
    make_case,
    standard_cases,
)
from ontwar.synth.extract import (
    Piece,
    extract_pages,
    extract_pages_separately,
    extract_text,
    normalise_page,
    read_pieces,
)
from ontwar.synth.letters import Fact, Letter, Reference, Section, write_letter
from ontwar.synth.stack import drop_line, render_pdf, shift_grid
from ontwar.synth.typeset import FONTS, FOOTERS, Fragment, LaidLine, PageLayout, typeset

__all__ = [
    "FONTS",
    "FOOTERS",
    "Case",
    "CleanLetter",
    "Fact",
    "Fragment",
    "LaidLine",
    "Letter",
    "PageLayout",
    "Piece",
    "Reference",
    "Section",
    "clean_letter",
    "drop_line",
    "extract_pages",
    "extract_pages_separately",
    "extract_text",
    "fit_letter",
    "make_case",
    "normalise_page",
    "read_pieces",
    "render_pdf",
    "shift_grid",
    "standard_cases",
    "typeset",
    "write_letter",
]
