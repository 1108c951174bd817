"""Undo "fake bold" in extracted text: headings whose every character came out twice.

Word and some PDF printers fake a bold weight by drawing the same text twice, a fraction of a
point apart. Extractors that do not deduplicate then emit ``BBeettrreefftt`` (each glyph
doubled) or ``BetreftBetreft`` (each fragment repeated). Dutch has real double letters ("een",
"Staatssecretaris"), so a run is collapsed only when every character in it is doubled, the run
covers whole words, and the collapsed words are likelier Dutch than the doubled ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ontwar.model import Line
from ontwar.repair.langmodel import WordModel

MIN_PAIRS = 3
"""A doubled run must be at least this many character pairs ("HHeett" is the shortest)."""

_THREE_PAIRS = re.compile(r"(.)\1(.)\2(.)\3")
"""Where a doubled run could be: a line without three pairs in a row has none (most lines)."""
_LONG_TOKEN = re.compile(r"\S{8,}")
"""A token long enough to be a word of four or more characters written twice."""


def may_be_doubled(text: str) -> bool:
    r"""Could :func:`undouble` change a line of ``text``? Neither of its patterns crosses a
    newline, so this can be asked of a whole page at once.

    >>> may_be_doubled("Rapport\nBBeettrreefftt"), may_be_doubled("Staatssecretaris\neen")
    (True, False)
    """
    return bool(_THREE_PAIRS.search(text)) or any(True for _ in _words_twice(text))


def _words_twice(text: str) -> Iterator[tuple[int, str]]:
    """Each whole token of ``text`` that is one word written twice (``BetreftBetreft``): its
    start and the word. Halves are compared directly: a regular expression with a
    back-reference would try every length on a long token, quadratic on a megabyte one."""
    for match in _LONG_TOKEN.finditer(text):
        token = match.group()
        half, odd = divmod(len(token), 2)
        if not odd and token[:half] == token[half:]:
            yield match.start(), token[:half]


def undouble(line: Line, words: WordModel) -> tuple[Line, tuple[int, ...]]:
    """``line`` with fake-bold duplicates removed, and the offsets of the removed characters.

    >>> words = WordModel()
    >>> fixed, dropped = undouble(Line.from_source("BBeettrreefftt  Rapport", 0, 23), words)
    >>> fixed.text, len(dropped)
    ('Betreft Rapport', 8)
    >>> undouble(Line.from_source("BetreftBetreft Rapport", 0, 22), words)[0].text
    'Betreft Rapport'
    >>> undouble(Line.from_source("Staatssecretaris een dada", 0, 25), words)[0].text
    'Staatssecretaris een dada'
    """
    keep = [True] * len(line.text)
    for start, end in _doubled_runs(line.text):
        if _likelier_single(line.text[start:end], words):
            keep[start + 1 : end : 2] = [False] * ((end - start) // 2)
    for start, half in _words_twice(line.text):
        if words.zipf(half) > words.zipf(half * 2):
            keep[start + len(half) : start + 2 * len(half)] = [False] * len(half)
    if all(keep):
        return line, ()
    kept = [i for i, flag in enumerate(keep) if flag]
    dropped = tuple(line.offsets[i] for i, flag in enumerate(keep) if not flag)
    text = "".join(line.text[i] for i in kept)
    return Line(text, tuple(line.offsets[i] for i in kept), line.zone), dropped


def _doubled_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of pairwise-equal characters that start and end at word boundaries.

    From each start the run goes on while the next two characters are equal; a start whose
    run does not qualify is retried one character on. Where each start's run ends, and how
    many visible characters precede each position, are counted once beforehand, so a long
    stretch of one character (a million letters, a line of spaces) costs linear time.
    """
    runs: list[tuple[int, int]] = []
    if not _THREE_PAIRS.search(text):
        return runs
    size = len(text)
    ends = list(range(size + 2))  # ends[i]: where the run of equal pairs from i stops
    for i in range(size - 2, -1, -1):
        if text[i] == text[i + 1]:
            ends[i] = ends[i + 2]
    visible = [0]  # visible[i]: characters before i that are not whitespace
    for char in text:
        visible.append(visible[-1] + (not char.isspace()))
    index = 0
    while index < size - 1:
        end = ends[index]
        if (end - index) // 2 >= MIN_PAIRS and _at_boundaries(text, index, end, visible):
            runs.append((index, end))
            index = end
        else:
            index += 1
    return runs


def _at_boundaries(text: str, start: int, end: int, visible: list[int]) -> bool:
    """Does the run cover whole words (a doubled space counts as a boundary too)?"""
    before = start == 0 or text[start - 1].isspace() or text[start].isspace()
    after = end >= len(text) or text[end].isspace() or text[end - 1].isspace()
    return before and after and visible[end] > visible[start]


def _likelier_single(run: str, words: WordModel) -> bool:
    single = run[::2]
    doubled = [words.zipf(word) for word in run.split()]
    collapsed = [words.zipf(word) for word in single.split()]
    return sum(collapsed) / max(len(collapsed), 1) > sum(doubled) / max(len(doubled), 1)
