"""Where strings break into fragments: a learned prior over character pairs.

Word-made PDFs draw a line as many short text objects, splitting it between some character
pairs (kerning pairs) and not others, so the same pair splits again and again. When layers are
merged, the switches between strings are exactly these splits. Pages decoded so far tell how
often each pair was seen split; the prior starts from the overall rate and sharpens as it learns,
which is what keeps a decomposition from cutting "samenwerking" at implausible places.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable

PRIOR_STRENGTH = 2.0
"""Pseudo-observations at the overall split rate behind each pair's own estimate."""

INITIAL_RATE = 0.15
"""Overall visible split rate assumed before anything is learned (Word: 1 split per ~5 pairs)."""


class SplitPrior:
    """``cost(a, b)`` = minus the log probability that a string is seen split between a and b."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.splits: Counter[tuple[str, str]] = Counter()
        self._cache: dict[tuple[str, str], float] = {}

    @property
    def rate(self) -> float:
        total = self.pairs.total()
        if total < 200:
            return INITIAL_RATE
        return max(self.splits.total() / total, 0.01)

    def cost(self, left: str, right: str) -> float:
        key = (left, right)
        cached = self._cache.get(key)
        if cached is None:
            seen, split = self.pairs[key], self.splits[key]
            probability = (split + PRIOR_STRENGTH * self.rate) / (seen + PRIOR_STRENGTH)
            cached = self._cache[key] = -math.log(min(max(probability, 1e-4), 1.0))
        return cached

    def learn(self, text: str, starts: Iterable[int]) -> None:
        """Record one string and the positions where its fragments were seen to start."""
        self.pairs.update(itertools.pairwise(text))
        self.splits.update(
            (text[start - 1], text[start]) for start in starts if 0 < start < len(text)
        )
        self._cache.clear()


def fragment_starts(owners: Iterable[int], owner: int) -> list[int]:
    """Positions within ``owner``'s string where a new fragment of it begins (after a switch).

    >>> fragment_starts([0, 0, 1, 0, 1, 1, 0], 0)
    [0, 2, 3]
    """
    starts: list[int] = []
    position = 0
    previous = None
    for current in owners:
        if current == owner:
            if previous != owner:
                starts.append(position)
            position += 1
        previous = current
    return starts
