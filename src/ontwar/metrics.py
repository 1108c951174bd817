"""How close recovered text is to the truth: character error rate on normalised text.

Used by the tests, the benchmarks and the demo alike, so that every figure ontwar reports is
computed the same way. Normalisation ignores what layout, not reading, decides: runs of spaces,
leading and trailing spaces, and blank lines.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def normalise(text: str) -> str:
    """One line per non-blank line, single-spaced.

    >>> normalise("  Pagina 1  van 16 \\n\\n  De brief ")
    'Pagina 1 van 16\\nDe brief'
    """
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def cer(recovered: str, truth: str) -> float:
    """Character error rate: edit distance over the length of the normalised truth.

    >>> cer("De brief", "De brief")
    0.0
    >>> round(cer("De brif", "De brief"), 3)
    0.125
    """
    reference = normalise(truth)
    return Levenshtein.distance(normalise(recovered), reference) / max(len(reference), 1)
