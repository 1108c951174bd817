"""Clean generated letters (typeset, extracted page by page) with their exact truth."""

from __future__ import annotations

from functools import cache

from ontwar.synth import CleanLetter
from ontwar.synth import clean_letter as typeset_clean
from ontwar.synth.typeset import FONTS, FOOTERS


@cache
def clean_letter(seed: int) -> CleanLetter:
    """Letter ``seed`` on 1-4 pages, in a font and footer style that vary with the seed."""
    font = list(FONTS)[seed % len(FONTS)]
    return typeset_clean(seed, 1 + seed % 4, font, FOOTERS[seed // 3 % len(FOOTERS)])
