"""Last resort for a merged line: the own text from the characters the earlier layers leave over.

When no decomposition into the known strings survives the search (a deep merge of look-alike
lines, or known strings an earlier page got slightly wrong), the *multiset* of the own string is
still known exactly: the line's characters minus the known strings' characters. This decoder
keeps only that: it picks, in line order, which characters are the own string's, so that they
use up exactly that multiset and read best; every other character goes to the earlier layers
as a bag, without deciding which layer. The known strings pass on to the next page unchanged,
so whatever this line gets wrong cannot spread.
"""

from __future__ import annotations

import heapq
from collections import Counter

from ontwar.repair.beam import offer
from ontwar.repair.scoring import Models, own_step

BAG = -4
"""Owner index of a character given to the earlier layers' bag."""

# A state: (cost, used, owner, context, word, trail); ``used`` counts own characters taken so
# far, aligned with the line's sorted alphabet; trail is a cons list of owners.
_State = tuple[float, tuple[int, ...], int, str, str, tuple | None]


def own_multiset(merged: str, known: list[str]) -> Counter[str] | None:
    """What the own string must consist of; ``None`` when the known strings do not fit."""
    own = Counter(merged)
    own.subtract(Counter("".join(known)))
    if any(count < 0 for count in own.values()):
        return None
    return +own


def decode_bag(merged: str, own: Counter[str], models: Models) -> tuple[int, ...] | None:
    """Owners (the own string or ``BAG``) for each character of ``merged``, or ``None``."""
    alphabet = sorted(set(merged))
    slot = {char: index for index, char in enumerate(alphabet)}
    target = tuple(own[char] for char in alphabet)
    later = _later_counts(merged, alphabet)
    beam: list[_State] = [(0.0, (0,) * len(alphabet), BAG, "", "", None)]
    seen = Counter[str]()
    for index, char in enumerate(merged):
        k = slot[char]
        candidates: dict[tuple, _State] = {}
        for cost, used, owner, context, word, trail in beam:
            bag_used = seen[char] - used[k]
            bag_total = later[0][k] - target[k]
            if bag_used < bag_total and target[k] - used[k] <= later[index + 1][k]:
                offer(candidates, (cost, used, BAG, context, word, (BAG, trail)))
            if used[k] < target[k] and bag_total - bag_used <= later[index + 1][k]:
                step, *grown = own_step(char, owner == BAG, context, word, models)
                taken = (*used[:k], used[k] + 1, *used[k + 1 :])
                offer(candidates, (cost + step, taken, -1, *grown, (-1, trail)))
        seen[char] += 1
        width = models.config.beam_widths[-1]
        beam = heapq.nsmallest(width, candidates.values(), key=lambda s: s[0])
        if not beam:
            return None
    finals = [state for state in beam if state[1] == target]
    if not finals:
        return None
    trail = min(finals, key=lambda state: state[0])[5]
    owners = []
    while trail is not None:
        owner, trail = trail
        owners.append(owner)
    return tuple(reversed(owners))


def _later_counts(merged: str, alphabet: list[str]) -> list[tuple[int, ...]]:
    """For each index, how many of each character occur from there to the end."""
    counts = [0] * len(alphabet)
    slot = {char: index for index, char in enumerate(alphabet)}
    rows = [tuple(counts)]
    for char in reversed(merged):
        counts[slot[char]] += 1
        rows.append(tuple(counts))
    return rows[::-1]
