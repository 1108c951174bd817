"""Clean generated letters (typeset, extracted page by page) with their exact truth."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ontwar.synth import Letter, extract_pages_separately, fit_letter, render_pdf
from ontwar.synth.typeset import FONTS, FOOTERS


@dataclass(frozen=True)
class CleanLetter:
    letter: Letter
    pages: list[str]
    pdf: bytes

    @property
    def text(self) -> str:
        """The extraction of the clean PDF, pages separated by form feeds."""
        return "\f".join(self.pages)


@cache
def clean_letter(seed: int) -> CleanLetter:
    """Letter ``seed`` on 1-4 pages, in a font and footer style that vary with the seed."""
    font = list(FONTS)[seed % len(FONTS)]
    letter, pages = fit_letter(seed, 1 + seed % 4, font, FOOTERS[seed // 3 % len(FOOTERS)])
    pdf = render_pdf(pages, stacked=False)
    return CleanLetter(letter, extract_pages_separately(pdf), pdf)
