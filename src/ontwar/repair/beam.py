"""Beam bookkeeping shared by the decoders: keep the cheapest state per search position.

States are tuples whose first item is the cost and whose items 1-4 say where the search stands
(positions, owner, language-model context, current word); two states that agree there have the
same future, so only the cheaper one is kept.
"""

from __future__ import annotations

from typing import Any


def offer(candidates: dict[tuple, Any], state: tuple) -> None:
    """Add ``state`` unless an equivalent one is already cheaper."""
    key = state[1:5]
    held = candidates.get(key)
    if held is None or state[0] < held[0]:
        candidates[key] = state
