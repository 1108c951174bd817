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

POOL = -2
"""Owner index of a space that belongs to no string we know: layout whitespace."""


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
    known: tuple[KnownString, ...] = ()
    """The known strings the owners refer to (the rescue strings when those were used)."""
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
    rescue: list[KnownString] | None = None,
) -> Decoding:
    """Best decomposition of ``merged`` into the ``known`` strings plus the own residue.

    If the known strings cannot all be embedded exactly, spaces are made flexible (see
    ``_beam``); then the ``rescue`` strings are tried, if any: the earlier page's raw lines,
    exact but blind to layers. Only then does the tolerant fallback take over.
    """
    if not known:
        return Decoding((OWN,) * len(merged), 0.0, 1.0)
    models = _Models(chars, words, splits, config)
    for attempt, flexible in ((known, False), (known, True), (rescue, False), (rescue, True)):
        decoding = _search(merged, attempt, flexible, models) if attempt else None
        if decoding is not None:
            return decoding
    return fallback_decoding(merged, known)


def _search(
    merged: str, known: list[KnownString], flexible: bool, models: _Models
) -> Decoding | None:
    embeddings = []
    for string in known:
        latest = _rightmost_embedding(merged, string.text, flexible)
        if latest is None:
            return None
        embeddings.append(latest)
    config = models.config
    finals = _beam(merged, known, embeddings, config.beam_width, flexible, models)
    decoding = _best(merged, finals, known) if finals else None
    if decoding is None or _doubtful(decoding.own_text(merged), models.words, config):
        wide = _beam(merged, known, embeddings, config.wide_beam_width, flexible, models)
        if wide and (decoding is None or wide[0][0] < decoding.cost):
            decoding = _best(merged, wide, known)
    return decoding


def _doubtful(own: str, words: WordModel, config: RepairConfig) -> bool:
    """Does the own text contain a word found neither in Dutch nor in the document?

    Most lines decode right with a narrow beam; a line whose residue has an unknown word is
    decoded again with a wide one, and the cheaper decomposition wins.
    """
    return any(words.zipf(word) < config.doubtful_zipf for word in own.split())


def _beam(
    merged: str,
    known: list[KnownString],
    latest: list[list[int]],
    width: int,
    flexible: bool,
    models: _Models,
) -> list[_State]:
    """All complete decompositions left in a beam of ``width``, cheapest first.

    With ``flexible`` spaces, a space may also be given to the layout pool (a space of no string
    we know of), and a known string may lose a space (another layer may have taken it on the
    page where the string was first decoded): spaces are where layers are easiest to confuse,
    so they must not make a line undecodable.
    """
    config = models.config
    texts = [string.text for string in known]
    lengths = tuple(len(text) for text in texts)
    solid = [_solid_counts(text) for text in texts]
    beam: list[_State] = [(0.0, (0,) * len(known), OWN, "", "", None)]
    for index, char in enumerate(merged):
        left = len(merged) - index - 1  # characters after this one
        following = index + 1
        is_space = char == " "
        skips = flexible and not is_space
        candidates: dict[tuple, _State] = {}
        own_allowed: dict[tuple[int, ...], bool] = {}
        for cost, positions, owner, context, word, trail in beam:
            for which, text in enumerate(texts):
                position = positions[which]
                skipped = 0
                while skips and position < lengths[which] and text[position] == " ":
                    position, skipped = position + 1, skipped + 1
                if position < lengths[which] and text[position] == char:
                    step = skipped * config.lost_space_cost
                    if owner != which or skipped:
                        step += _resume_cost(known[which], position, models)
                    moved = (*positions[:which], position + 1, *positions[which + 1 :])
                    _offer(candidates, (cost + step, moved, which, context, word, (which, trail)))
            allowed = own_allowed.get(positions)
            if allowed is None:
                allowed = own_allowed[positions] = _own_allowed(
                    positions, lengths, solid, latest, left, following, flexible
                )
            if not allowed:
                continue
            step = _own_cost(char, owner, context, word, models)
            if is_space:
                if flexible:
                    pooled = (cost + config.pooled_space_cost, positions, owner, context, word)
                    _offer(candidates, (*pooled, (POOL, trail)))
                grown = (cost + step, positions, OWN, (context + " ")[-4:], "")
            else:
                grown = (cost + step, positions, OWN, (context + char)[-4:], word + char)
            _offer(candidates, (*grown, (OWN, trail)))
        beam = _prune(candidates, width, config.beam_margin)
        if not beam:
            return []
    finals = []
    for cost, positions, owner, context, word, trail in beam:
        lost = sum(length - p for length, p in zip(lengths, positions, strict=True))
        if positions == lengths or (
            flexible and all(counts[p] == 0 for counts, p in zip(solid, positions, strict=True))
        ):
            final_cost = cost + lost * config.lost_space_cost
            final_cost += _word_cost(word, models) if word else 0.0
            finals.append((final_cost, positions, owner, context, word, trail))
    finals.sort(key=_cost_of)
    return finals


def _own_allowed(
    positions: tuple[int, ...],
    lengths: tuple[int, ...],
    solid: list[list[int]],
    latest: list[list[int]],
    left: int,
    following: int,
    flexible: bool,
) -> bool:
    """May the current character go to the own string, or do the known strings need it?

    They need it when the characters after it are too few for what they still must match,
    or when some known string's next character cannot be matched later than here.
    """
    needed = 0
    for position, length, counts, line in zip(positions, lengths, solid, latest, strict=True):
        if position == length:
            continue
        if line[position] < following:
            return False
        needed += counts[position] if flexible else length - position
    return needed <= left


def _solid_counts(text: str) -> list[int]:
    """For each position, how many non-space characters remain from there on.

    >>> _solid_counts("a b ")
    [2, 1, 1, 0, 0]
    """
    counts = [0] * (len(text) + 1)
    for position in range(len(text) - 1, -1, -1):
        counts[position] = counts[position + 1] + (text[position] != " ")
    return counts


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


def _rightmost_embedding(merged: str, text: str, flexible: bool = False) -> list[int] | None:
    """For each position p of ``text``: the last index of ``merged`` that can hold ``text[p]``.

    With ``flexible`` spaces, those of ``text`` may be lost (see ``_beam``), so a space gets
    the bound of the next non-space character. ``None`` when ``text`` (its non-space
    characters, if flexible) is not a subsequence of ``merged`` at all.

    >>> _rightmost_embedding("abcab", "ab")
    [3, 4, 5]
    >>> _rightmost_embedding("ab", "a b") is None
    True
    >>> _rightmost_embedding("ab", "a b", flexible=True)
    [0, 1, 1, 2]
    """
    latest = [0] * (len(text) + 1)
    latest[len(text)] = len(merged)
    position = len(text)
    index = len(merged)
    while position > 0:
        char = text[position - 1]
        if flexible and char == " ":
            latest[position - 1] = latest[position]
            position -= 1
            continue
        index = merged.rfind(char, 0, min(index, latest[position]))
        if index < 0:
            return None
        position -= 1
        latest[position] = index
    return latest


def _best(merged: str, finals: list[_State], known: list[KnownString]) -> Decoding:
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
    return Decoding(owners, best[0], confidence, tuple(known))


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
    return Decoding(tuple(owners), math.inf, 0.0, tuple(known), complete)
