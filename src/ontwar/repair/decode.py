"""Pull one page's own text out of a line where several layers' fragments were merged.

A merged line ``M`` is a *shuffle* of strings that share a baseline: the known strings of earlier
layers (each in its own character order) and the unknown own string of this page. Every way of
embedding the known strings in ``M`` conserves the characters, and leaves a different residue
as the own string. We choose the embedding whose residue reads best, by beam search over the
characters of ``M``, scored by

* the character and word models (:mod:`ontwar.repair.langmodel`) on the residue only: the known
  strings are fixed, so only the own text is judged;
* the fragment structure (:mod:`ontwar.repair.fragments`): each switch between strings is a
  fragment boundary inside some string, likelier at some character pairs than at others, and
  certain where the same string was seen split on an earlier page.

Hopeless states are pruned exactly: a known string whose remaining characters no longer fit in
the rest of ``M`` (as a subsequence, checked against its rightmost embedding) is dead.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from ontwar.repair.config import RepairConfig
from ontwar.repair.fragments import SplitPrior
from ontwar.repair.langmodel import CharModel, WordModel

OWN = -1
"""Owner index of the page's own (unknown) string; known strings are numbered from 0."""


@dataclass(frozen=True, slots=True)
class KnownString:
    """A string of an earlier layer known to be merged into the line."""

    text: str
    layer: int
    boundaries: frozenset[int] = field(default_factory=frozenset)
    """Positions where this string was seen to start a new fragment on earlier pages."""


@dataclass(frozen=True, slots=True)
class Decoding:
    """Which string each character of the merged line belongs to."""

    owners: tuple[int, ...]
    cost: float
    confidence: float
    complete: bool = True
    """False when the known strings could not all be embedded (see ``fallback_decoding``)."""

    def own_text(self, merged: str) -> str:
        return "".join(
            char for char, owner in zip(merged, self.owners, strict=True) if owner == OWN
        )


@dataclass(slots=True)
class _Models:
    chars: CharModel
    words: WordModel
    splits: SplitPrior
    config: RepairConfig


# A beam state: (cost, positions, owner, context, word, trail); trail is a cons list of owners.
_State = tuple[float, tuple[int, ...], int, str, str, tuple | None]


def decode_line(
    merged: str,
    known: list[KnownString],
    chars: CharModel,
    words: WordModel,
    splits: SplitPrior,
    config: RepairConfig,
) -> Decoding:
    """Best decomposition of ``merged`` into the ``known`` strings plus the own residue."""
    if not known:
        return Decoding(tuple([OWN] * len(merged)), 0.0, 1.0)
    models = _Models(chars, words, splits, config)
    latest = [_rightmost_embedding(merged, string.text) for string in known]
    if any(positions is None for positions in latest):
        return fallback_decoding(merged, known)
    embeddings = [p for p in latest if p is not None]
    finals = _beam(merged, known, embeddings, config.beam_width, models)
    decoding = _best(merged, finals) if finals else None
    if decoding is None or _doubtful(decoding.own_text(merged), words, config):
        wide = _beam(merged, known, embeddings, config.wide_beam_width, models)
        if wide and (decoding is None or wide[0][0] < decoding.cost):
            decoding = _best(merged, wide)
    return decoding or fallback_decoding(merged, known)


def _doubtful(own: str, words: WordModel, config: RepairConfig) -> bool:
    """Does the own text contain a word found neither in Dutch nor in the document?

    Most lines decode right with a narrow beam; a line whose residue has an unknown word is
    decoded again with a wide one, and the cheaper decomposition wins.
    """
    return any(words.zipf(word) < config.doubtful_zipf for word in own.split())


def _beam(
    merged: str, known: list[KnownString], latest: list[list[int]], width: int, models: _Models
) -> list[_State]:
    """All complete decompositions left in a beam of ``width``, cheapest first."""
    config = models.config
    texts = [string.text for string in known]
    lengths = tuple(len(text) for text in texts)
    total_known = sum(lengths)
    beam: list[_State] = [(0.0, (0,) * len(known), OWN, "", "", None)]
    for index, char in enumerate(merged):
        free = len(merged) - index - total_known  # characters the own string may still take
        following = index + 1
        candidates: dict[tuple, _State] = {}
        for cost, positions, owner, context, word, trail in beam:
            for which, text in enumerate(texts):
                position = positions[which]
                if position < lengths[which] and text[position] == char:
                    step = 0.0 if owner == which else _resume_cost(known[which], position, models)
                    moved = (*positions[:which], position + 1, *positions[which + 1 :])
                    _offer(candidates, (cost + step, moved, which, context, word, (which, trail)))
            if free + sum(positions) > 0 and all(
                position == length or line[position] >= following
                for position, length, line in zip(positions, lengths, latest, strict=True)
            ):
                step = _own_cost(char, owner, context, word, models)
                if char.isspace():
                    grown = (context + " ")[-4:], ""
                else:
                    grown = (context + char)[-4:], word + char
                _offer(candidates, (cost + step, positions, OWN, *grown, (OWN, trail)))
        beam = _prune(candidates, width, config.beam_margin)
        if not beam:
            return []
    finals = []
    for cost, positions, owner, context, word, trail in beam:
        if positions == lengths:
            final_cost = cost + (_word_cost(word, models) if word else 0.0)
            finals.append((final_cost, positions, owner, context, word, trail))
    finals.sort(key=_cost_of)
    return finals


def _offer(candidates: dict[tuple, _State], state: _State) -> None:
    key = state[1:5]
    held = candidates.get(key)
    if held is None or state[0] < held[0]:
        candidates[key] = state


def _prune(candidates: dict[tuple, _State], width: int, margin: float) -> list[_State]:
    states = list(candidates.values())
    if len(states) <= 1:
        return states
    best = min(state[0] for state in states) + margin
    states = [state for state in states if state[0] <= best]
    if len(states) > width:
        states = heapq.nsmallest(width, states, key=_cost_of)
    return states


def _cost_of(state: _State) -> float:
    return state[0]


def _resume_cost(string: KnownString, position: int, models: _Models) -> float:
    """Cost of starting a new fragment of a known string at ``position``."""
    if position == 0 or position in string.boundaries:
        return models.config.known_boundary_cost
    return models.splits.cost(string.text[position - 1], string.text[position])


def _own_cost(char: str, owner: int, context: str, word: str, models: _Models) -> float:
    """Cost of giving ``char`` to the own string; ``context`` is empty while it is empty."""
    cost = models.chars.cost(context or " ", " " if char.isspace() else char)
    cost -= models.config.own_char_credit
    if char.isspace() and word:
        cost += _word_cost(word, models)
    if owner != OWN and context:
        cost += models.splits.cost(context[-1], char)
    return cost


def _word_cost(word: str, models: _Models) -> float:
    config = models.config
    return config.word_weight * max(config.common_zipf - models.words.zipf(word), 0.0)


def _rightmost_embedding(merged: str, text: str) -> list[int] | None:
    """For each position p of ``text``: the last index of ``merged`` that can hold ``text[p]``.

    ``None`` when ``text`` is not a subsequence of ``merged`` at all.

    >>> _rightmost_embedding("abcab", "ab")
    [3, 4, 5]
    """
    latest = [0] * (len(text) + 1)
    latest[len(text)] = len(merged)
    position = len(text)
    for index in range(len(merged) - 1, -1, -1):
        if position and merged[index] == text[position - 1]:
            position -= 1
            latest[position] = index
    return latest if position == 0 else None


def _best(merged: str, finals: list[_State]) -> Decoding:
    best = finals[0]
    owners = _owners(best[5], len(merged))
    own = Decoding(owners, best[0], 1.0).own_text(merged)
    rival = math.inf
    for state in finals[1:]:
        rival_owners = _owners(state[5], len(merged))
        if Decoding(rival_owners, state[0], 1.0).own_text(merged) != own:
            rival = state[0]
            break
    confidence = 1.0 if rival == math.inf else 1.0 / (1.0 + math.exp(best[0] - rival))
    return Decoding(owners, best[0], confidence)


def _owners(trail: tuple | None, length: int) -> tuple[int, ...]:
    owners = [OWN] * length
    index = length
    while trail is not None:
        index -= 1
        owners[index], trail = trail
    return tuple(owners)


def fallback_decoding(merged: str, known: list[KnownString]) -> Decoding:
    """Leftmost greedy embedding of each known string, tolerating characters it cannot find.

    Used only when the beam finds no exact decomposition (the merged line lost characters
    of an earlier layer, or the layers were mapped to the wrong line); such lines get
    confidence 0 so that the page reports them.
    """
    owners = [OWN] * len(merged)
    complete = True
    for which, string in enumerate(known):
        index = 0
        for char in string.text:
            found = index
            while found < len(merged) and (owners[found] != OWN or merged[found] != char):
                found += 1
            if found == len(merged):
                complete = False
                continue
            owners[found] = which
            index = found + 1
    return Decoding(tuple(owners), math.inf, 0.0, complete)
