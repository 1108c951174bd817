"""Rough horizontal positions of characters, from a reference font's widths.

Extractors order fragments on a line by x, so the strings merged into a line advance across
the page together. We do not know the letter's font, but proportional fonts agree well enough
on relative widths ("m" is wide, "i" narrow) that a reference font's metrics place a
character to within a few percent of the line: enough to tell a plausible interleaving from
one where a string runs far ahead of the others.
"""

from __future__ import annotations

import itertools
from functools import cache

from reportlab.pdfbase.pdfmetrics import stringWidth

REFERENCE_FONT = "Helvetica"
DEFAULT_WIDTH = 0.55
"""Width (em) of a character the reference font does not know: about an average letter."""


@cache
def char_width(char: str) -> float:
    """Advance width of ``char`` in em.

    >>> char_width("m") > char_width("i")
    True
    """
    try:
        return stringWidth(char, REFERENCE_FONT, 1) or DEFAULT_WIDTH
    except (KeyError, UnicodeEncodeError):
        return DEFAULT_WIDTH


def prefix_widths(text: str) -> list[float]:
    """x of each position of ``text`` (and of its end), relative to its start, in em.

    >>> [round(x, 3) for x in prefix_widths("ab")]
    [0.0, 0.556, 1.112]
    """
    return [0.0, *itertools.accumulate(char_width(char) for char in text)]
