"""Undo "fake bold" in extracted text: headings whose every character came out twice.

Word and some PDF printers fake a bold weight by drawing the same text twice, a fraction of a
point apart. Extractors that do not deduplicate then emit ``BBeettrreefftt`` (each glyph
doubled) or ``BetreftBetreft`` (each fragment repeated). Dutch has real double letters ("een",
"Staatssecretaris"), so a run is collapsed only when every character in it is doubled, the run
covers whole words, and the collapsed words are likelier Dutch than the doubled ones.
"""

from __future__ import annotations

import re

from ontwar.model import Line
from ontwar.repair.langmodel import WordModel

MIN_PAIRS = 3
"""A doubled run must be at least this many character pairs ("HHeett" is the shortest)."""

_TOKEN = re.compile(r"\S+")


def undouble(line: Line, words: WordModel) -> tuple[Line, tuple[int, ...]]:
    """``line`` with fake-bold duplicates removed, and the offsets of the removed characters.

    >>> words = WordModel()
    >>> fixed, dropped = undouble(Line.from_source("BBeettrreefftt  Rapport", 0, 23), words)
    >>> fixed.text, len(dropped)
    ('Betreft Rapport', 8)
    >>> undouble(Line.from_source("Staatssecretaris een", 0, 20), words)[0].text
    'Staatssecretaris een'
    """
    keep = [True] * len(line.text)
    for start, end in _doubled_runs(line.text):
        if _likelier_single(line.text[start:end], words):
            keep[start + 1 : end : 2] = [False] * ((end - start) // 2)
    for match in _TOKEN.finditer(line.text):
        half = _repeated_half(match.group())
        if half and words.zipf(half) > words.zipf(match.group()):
            first_end = match.start() + len(half)
            keep[first_end : match.end()] = [False] * len(half)
    if all(keep):
        return line, ()
    kept = [i for i, flag in enumerate(keep) if flag]
    dropped = tuple(line.offsets[i] for i, flag in enumerate(keep) if not flag)
    text = "".join(line.text[i] for i in kept)
    return Line(text, tuple(line.offsets[i] for i in kept), line.zone), dropped


def _doubled_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of pairwise-equal characters that start and end at word boundaries."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(text) - 1:
        end = index
        while end + 1 < len(text) and text[end] == text[end + 1]:
            end += 2
        if (end - index) // 2 >= MIN_PAIRS and _at_boundaries(text, index, end):
            runs.append((index, end))
            index = end
        else:
            index += 1
    return runs


def _at_boundaries(text: str, start: int, end: int) -> bool:
    """Does the run cover whole words (a doubled space counts as a boundary too)?"""
    before = start == 0 or text[start - 1].isspace() or text[start].isspace()
    after = end >= len(text) or text[end].isspace() or text[end - 1].isspace()
    return before and after and not text[start:end].isspace()


def _likelier_single(run: str, words: WordModel) -> bool:
    single = run[::2]
    doubled = [words.zipf(word) for word in run.split()]
    collapsed = [words.zipf(word) for word in single.split()]
    return sum(collapsed) / max(len(collapsed), 1) > sum(doubled) / max(len(doubled), 1)


def _repeated_half(token: str) -> str | None:
    """The half of a token that is one word written twice ("BetreftBetreft"), if it is one.

    >>> _repeated_half("BetreftBetreft")
    'Betreft'
    >>> _repeated_half("dada") is None
    True
    """
    half, rest = divmod(len(token), 2)
    if rest or half < 4 or token[:half] != token[half:]:
        return None
    return token[:half]
