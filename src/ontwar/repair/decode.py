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
  certain where the same string was seen split on an earlier page;
* the reading order of fragments (:mod:`ontwar.repair.widths`): the extractor sorted them by x,
  so a new fragment must start at or right of the last one, and left of every string still
  waiting. Estimated x positions make strings advance across the line together, which is what
  keeps deep merges (eight and more strings) tractable;
* the order of the previous page (``KnownString.chain``): there, all known strings but the
  newest were already merged, and that page's decomposition says in which order their
  characters came. The extractor sorts the same fragments the same way on every page, so a
  fragment that breaks that order costs, except where fragments may tie in x. This is what
  lets a narrow beam decode a deep merge: without it, deep lines needed beams of a thousand
  states, and time grew much faster than the line.

Hopeless states are pruned exactly: a known string whose remaining characters no longer fit in
the rest of ``M`` (as a subsequence, checked against its rightmost embedding), or a character
the known strings still need more of than ``M`` has left, ends the state.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

from ontwar.repair.bag import decode_bag, own_multiset
from ontwar.repair.beam import offer
from ontwar.repair.config import RepairConfig
from ontwar.repair.fragments import SplitPrior
from ontwar.repair.langmodel import CharModel, WordModel
from ontwar.repair.scoring import Models, own_step, word_cost
from ontwar.repair.widths import char_width, prefix_widths

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
    origin: float | None = None
    """Estimated x (em, relative to the line's first fragment) where the string starts."""
    chain: tuple[int, int] | None = None
    """The merged line (page, line) this string was read from, if it was decomposed there:
    strings of one chain keep, on later pages, the order their characters had there."""
    ranks: tuple[int, ...] = ()
    """Each character's index in that line (see ``chain``)."""


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
    origins: tuple[float | None, ...] = ()
    """Estimated start x of each known string, then of the own string."""
    bag: bool = False
    """The known strings were removed as one bag (owner ``BAG``), not string by string."""

    def own_text(self, merged: str) -> str:
        return "".join(
            char for char, owner in zip(merged, self.owners, strict=True) if owner == OWN
        )


START = -3
"""Owner before the first character: every string's first character starts a fragment."""

# A beam state: (cost, positions, owner, context, word, trail, frontier, origins, own_width).
# trail is a cons list of owners; frontier is the x of the last fragment start; origins holds
# each known string's start x, then the own string's (None until it starts).
_State = tuple[
    float, tuple[int, ...], int, str, str, tuple | None, float, tuple[float | None, ...], float
]


def decode_line(
    merged: str,
    known: list[KnownString],
    chars: CharModel,
    words: WordModel,
    splits: SplitPrior,
    config: RepairConfig,
    rescue: list[KnownString] | None = None,
    by_multiset: bool = False,
) -> Decoding:
    """Best decomposition of ``merged`` into the ``known`` strings plus the own residue.

    If the known strings cannot all be embedded exactly, spaces are made flexible (see
    ``_beam``); then the ``rescue`` strings are tried, if any: the earlier page's raw lines,
    exact but blind to layers; then the own string is read off what the known strings leave
    over (:mod:`ontwar.repair.bag`). Only then does the tolerant fallback take over.
    ``by_multiset`` goes straight to that reading.
    """
    if not known:
        return Decoding((OWN,) * len(merged), 0.0, 1.0)
    if config.greedy:
        return fallback_decoding(merged, known)
    models = Models(chars, words, splits, config)
    if by_multiset:
        return _bag_decoding(merged, known, models) or fallback_decoding(merged, known)
    for attempt, flexible in ((known, False), (known, True), (rescue, False), (rescue, True)):
        decoding = _search(merged, attempt, flexible, models) if attempt else None
        if decoding is not None:
            return decoding
    return _bag_decoding(merged, known, models) or fallback_decoding(merged, known)


def _bag_decoding(merged: str, known: list[KnownString], models: Models) -> Decoding | None:
    """The own string as what the known strings leave over (see :mod:`ontwar.repair.bag`)."""
    own = own_multiset(merged, [string.text for string in known])
    if own is None:
        return None
    owners = decode_bag(merged, own, models)
    if owners is None:
        return None
    return Decoding(owners, math.inf, 0.0, tuple(known), bag=True)


def _search(
    merged: str, known: list[KnownString], flexible: bool, models: Models
) -> Decoding | None:
    embeddings = []
    for string in known:
        latest = _rightmost_embedding(merged, string.text, flexible)
        if latest is None:
            return None
        embeddings.append(latest)
    config = models.config
    decoding = None
    deep = len(known) >= config.deep_strings
    easy = not deep
    for width in config.beam_widths:
        finals = _beam(merged, known, embeddings, width, flexible, models)
        if finals and (decoding is None or finals[0][0] < decoding.cost):
            decoding = _best(merged, finals, known)
        if decoding and not _doubtful(decoding.own_text(merged), models.words, config):
            break
        easy = easy or (decoding is not None and width == config.beam_widths[0])
        if easy and width >= config.doubt_width:
            # A doubtful word may be a name: the widest beam only for lines that failed, and
            # for deep merges the narrowest beam found nothing in (see ``deep_strings``).
            break
    if deep and decoding and _doubtful(decoding.own_text(merged), models.words, config):
        # The doubtful word may be one whose costly characters the beam put off (see _prune).
        width = config.beam_widths[0]
        finals = _beam(merged, known, embeddings, width, flexible, models, foresight=True)
        if finals and finals[0][0] < decoding.cost:
            decoding = _best(merged, finals, known)
    return decoding


def _doubtful(own: str, words: WordModel, config: RepairConfig) -> bool:
    """Does the own text contain a word found neither in Dutch nor in the document?

    Most lines decode right with a narrow beam; a line whose residue has an unknown word is
    decoded again with a wider one, and the cheaper decomposition wins.
    """
    return any(words.zipf(word) < config.doubtful_zipf for word in own.split())


def _beam(
    merged: str,
    known: list[KnownString],
    latest: list[list[int]],
    width: int,
    flexible: bool,
    models: Models,
    foresight: bool = False,
) -> list[_State]:
    """All complete decompositions left in a beam of ``width``, cheapest first.

    With ``foresight``, states are pruned by their cost plus what their own string's remaining
    characters are expected to cost (see :func:`_prune`).

    With ``flexible`` spaces, a space may also be given to the layout pool (a space of no string
    we know of), and a known string may lose a space (another layer may have taken it on the
    page where the string was first decoded): spaces are where layers are easiest to confuse,
    so they must not make a line undecodable.
    """
    config = models.config
    line = _Line(merged, known, latest, flexible, config, models.chars if foresight else None)
    start_origins = (*(string.origin for string in known), None)
    beam: list[_State] = [(0.0, (0,) * len(known), START, "", "", None, 0.0, start_origins, 0.0)]
    for index, char in enumerate(merged):
        candidates: dict[tuple, _State] = {}
        own_allowed: dict[tuple[int, ...], bool] = {}
        takers = line.holders.get(char, ())
        for state in beam:
            for which in takers:
                _to_known(state, which, index, char, line, models, candidates)
            positions = state[1]
            allowed = own_allowed.get(positions)
            if allowed is None:
                allowed = own_allowed[positions] = line.own_allowed(positions, index, char)
            if allowed:
                _to_own(state, index, char, line, models, candidates)
        beam = _prune(candidates, width, config.beam_margin, line)
        if not beam:
            return []
    finals = []
    for state in beam:
        cost, positions, word = state[0], state[1], state[4]
        lost = sum(length - p for length, p in zip(line.lengths, positions, strict=True))
        if positions == line.lengths or (
            flexible and all(c[p] == 0 for c, p in zip(line.solid, positions, strict=True))
        ):
            final_cost = cost + lost * config.lost_space_cost
            final_cost += word_cost(word, models) if word else 0.0
            finals.append((final_cost, *state[1:]))
    finals.sort(key=_cost_of)
    return finals


def _to_known(
    state: _State,
    which: int,
    index: int,
    char: str,
    line: _Line,
    models: Models,
    candidates: dict[tuple, _State],
) -> None:
    """Offer the state that gives ``merged[index]`` to known string ``which``, if it can."""
    positions = state[1]
    text, length = line.texts[which], line.lengths[which]
    position, skipped = positions[which], 0
    if line.flexible and char != " ":
        while position < length and text[position] == " ":
            position, skipped = position + 1, skipped + 1
    if position >= length or text[position] != char:
        return
    cost, _, owner, context, word, trail, frontier, origins, own_width = state
    twin = line.twins[which]
    if twin is not None and position + 1 > positions[twin]:
        return  # identical strings: the later one never gets ahead (see ``_Line.twins``)
    moved = (*positions[:which], position + 1, *positions[which + 1 :])
    origin, origins = line.started(which, owner, frontier, positions, origins, own_width)
    x = origin + line.widths[which][position]
    own_pending = line.own_total - index + sum(positions) > 0
    continuing = owner == which and not skipped
    step = 0.0
    if line.ranks[which] is not None and line.out_of_chain(
        which, position, positions, continuing, x, origins
    ):
        step = models.config.chain_order_cost
    if continuing:
        step += line.run_ahead_cost(which, x, positions, origins, own_width, own_pending)
    else:
        step += skipped * models.config.lost_space_cost
        step += _resume_cost(line.known[which], position, models)
        step += line.order_cost(which, x, frontier, positions, origins, own_width, own_pending)
        frontier = max(frontier, x)
    offer(
        candidates,
        (cost + step, moved, which, context, word, (which, trail), frontier, origins, own_width),
    )


def _to_own(
    state: _State,
    index: int,
    char: str,
    line: _Line,
    models: Models,
    candidates: dict[tuple, _State],
) -> None:
    """Offer the states that give ``merged[index]`` to the own string (or, a space, the pool)."""
    cost, positions, owner, context, word, trail, frontier, origins, own_width = state
    step, *text_state = own_step(char, owner != OWN, context, word, models)
    own_origin, origins = line.started(OWN, owner, frontier, positions, origins, own_width)
    x = own_origin + own_width
    if owner == OWN:
        step += line.run_ahead_cost(OWN, x, positions, origins, own_width, False)
    else:
        step += line.order_cost(OWN, x, frontier, positions, origins, own_width, False)
        frontier = max(frontier, x)
    if char == " " and line.flexible:
        pooled = cost + models.config.pooled_space_cost
        offer(candidates, (pooled, *state[1:5], (POOL, trail), *state[6:]))
    grown = own_width + char_width(char)
    offer(
        candidates,
        (cost + step, positions, OWN, *text_state, (OWN, trail), frontier, origins, grown),
    )


class _Line:
    """What the beam needs to know about one merged line and its known strings, precomputed."""

    def __init__(
        self,
        merged: str,
        known: list[KnownString],
        latest: list[list[int]],
        flexible: bool,
        config: RepairConfig,
        chars: CharModel | None = None,
    ) -> None:
        self.merged = merged
        self.known = known
        self.texts = [string.text for string in known]
        self.lengths = tuple(len(text) for text in self.texts)
        self.latest = latest
        self.flexible = flexible
        self.config = config
        self.solid = [_solid_counts(text) for text in self.texts]
        self.holders: dict[str, tuple[int, ...]] = {
            char: tuple(which for which, text in enumerate(self.texts) if char in text)
            for char in set(merged)
        }
        """For each character of the line, the known strings that have it: only they can
        take it."""
        self.twins: list[int | None] = []
        """For each known string, the nearest earlier one with the same text, if any.

        A template sentence can recur in several layers. Two identical strings can trade every
        character they share, so a beam would hold each decomposition twice or more and lose
        the right one for room; letting the later copy never run ahead of the earlier keeps
        one of each."""
        last: dict[str, int] = {}
        for which, text in enumerate(self.texts):
            self.twins.append(last.get(text))
            last[text] = which
        self.ranks, self.mates = _chains(known)
        self.widths = [prefix_widths(text) for text in self.texts]
        self.ordered = len(known) >= config.order_min_strings
        """Whether reading order is scored: only deep merges need its help (see config)."""
        self.own_total = -1 if flexible else len(merged) - sum(self.lengths)
        """Characters of the own string (unknown with flexible spaces: -1 then)."""
        self._char_left: dict[str, tuple[list[list[int]], list[int]]] = {}
        self.known_weight: list[list[float]] | None = None
        """With foresight: for each known string and position, what its remaining visible
        characters would cost as own text (see :func:`_prune`)."""
        if chars is not None:
            weight = {
                char: max(min(chars.cost("", char), config.future_cap) - config.future_floor, 0)
                for char in set(merged)
                if not char.isspace()
            }
            self.known_weight = [_suffix_weights(text, weight) for text in self.texts]

    def out_of_chain(
        self,
        which: int,
        position: int,
        positions: tuple[int, ...],
        continuing: bool,
        x: float,
        origins: tuple[float | None, ...],
    ) -> bool:
        """Does giving string ``which`` its character at ``position`` (at ``x``) break its
        chain's order?

        It does when a character the chain had before it, and after the run it continues
        (``continuing``), is still unplaced, unless that character may start at the same x:
        fragments that tie in x (strings starting at the margin, template lines such as
        footers repeated at one place) come in no fixed order. Without an x estimate only
        first fragments count as tied.
        """
        ranks = self.ranks[which]
        rank = ranks[position]
        low = ranks[position - 1] if continuing else -1
        tie = self.config.chain_tie_em + self.config.order_slope * max(x, 0.0)
        for other in self.mates[which]:
            at = positions[other]
            if not low < self.ranks[other][at] < rank:
                continue
            origin = origins[other]
            if origin is None:
                if position or at:
                    return True
            elif abs(origin + self.widths[other][at] - x) > tie:
                return True
        return False

    def own_allowed(self, positions: tuple[int, ...], index: int, char: str) -> bool:
        """May ``merged[index]`` go to the own string, or do the known strings need it?

        They need it when the characters after it are too few for what they still must
        match, when some known string's next character cannot be matched later than here,
        or when they still hold more of this character than the rest of the line does.
        """
        following = index + 1
        needed = 0
        for position, length, counts, latest in zip(
            positions, self.lengths, self.solid, self.latest, strict=True
        ):
            if position == length:
                continue
            if latest[position] < following:
                return False
            needed += counts[position] if self.flexible else length - position
        if needed > len(self.merged) - following:
            return False
        if self.flexible and char == " ":
            return True
        in_known, in_merged = self._counts_of(char)
        held = sum(counts[p] for counts, p in zip(in_known, positions, strict=True))
        return held <= in_merged[following]

    def _counts_of(self, char: str) -> tuple[list[list[int]], list[int]]:
        counts = self._char_left.get(char)
        if counts is None:
            counts = self._char_left[char] = (
                [_suffix_counts(text, char) for text in self.texts],
                _suffix_counts(self.merged, char),
            )
        return counts

    def started(
        self,
        which: int,
        owner: int,
        frontier: float,
        positions: tuple[int, ...],
        origins: tuple[float | None, ...],
        own_width: float,
    ) -> tuple[float, tuple[float | None, ...]]:
        """String ``which``'s (or ``OWN``'s) start x, and ``origins`` with it: estimated by
        :meth:`first_x` when the string has not started yet."""
        origin = origins[which]
        if origin is not None:
            return origin, origins
        origin = self.first_x(owner, frontier, positions, origins, own_width)
        slot = len(origins) - 1 if which == OWN else which
        return origin, (*origins[:slot], origin, *origins[slot + 1 :])

    def first_x(
        self,
        owner: int,
        frontier: float,
        positions: tuple[int, ...],
        origins: tuple[float | None, ...],
        own_width: float,
    ) -> float:
        """Estimated x of a string's first fragment, which starts after the run before it.

        Sorted fragments put it at or right of the last fragment start (``frontier``); a long
        run of one string is several adjacent fragments, and nothing started between them, so
        it starts at most a fragment's length before where that run has got to.
        """
        if owner == OWN:
            run_end = (origins[-1] or 0.0) + own_width
        elif owner >= 0 and origins[owner] is not None:
            run_end = origins[owner] + self.widths[owner][positions[owner]]
        else:
            return frontier
        return max(frontier, run_end - self.config.max_fragment_em)

    def waiting(
        self,
        which: int,
        positions: tuple[int, ...],
        origins: tuple[float | None, ...],
        own_width: float,
        own_pending: bool,
    ) -> list[float]:
        """x where each other string's next fragment starts (those whose start is known)."""
        xs = [
            origin + widths[position]
            for other, (position, length, origin, widths) in enumerate(
                zip(positions, self.lengths, origins, self.widths, strict=False)
            )
            if other != which and position < length and origin is not None
        ]
        if which != OWN and own_pending and origins[-1] is not None:
            xs.append(origins[-1] + own_width)
        return xs

    def order_cost(
        self,
        which: int,
        x: float,
        frontier: float,
        positions: tuple[int, ...],
        origins: tuple[float | None, ...],
        own_width: float,
        own_pending: bool,
    ) -> float:
        """Cost of a fragment of string ``which`` starting at ``x``, given the reading order.

        Fragments come sorted by x: one that starts left of the previous fragment, or right of
        a string still waiting for its next fragment, is out of order by that much. Estimated
        widths are rough, so only what exceeds a tolerance counts, and the cost is capped.
        """
        config = self.config
        if not self.ordered:
            return 0.0
        tolerance = config.order_tolerance + config.order_slope * max(x, 0.0)
        excess = max(frontier - x - tolerance, 0.0)
        for waiting in self.waiting(which, positions, origins, own_width, own_pending):
            excess += max(x - waiting - tolerance, 0.0)
        return min(excess * config.order_weight, config.order_cap)

    def run_ahead_cost(
        self,
        which: int,
        x: float,
        positions: tuple[int, ...],
        origins: tuple[float | None, ...],
        own_width: float,
        own_pending: bool,
    ) -> float:
        """Cost of string ``which`` continuing a run at ``x`` while others wait far behind.

        A run of one string is one fragment or several adjacent ones; fragments are at most a
        few em long, so a run cannot reach much further than that beyond the start of a
        fragment that is still waiting: that one would have come first.
        """
        config = self.config
        if not self.ordered:
            return 0.0
        waiting = self.waiting(which, positions, origins, own_width, own_pending)
        if not waiting:
            return 0.0
        reach = min(waiting) + config.max_fragment_em
        tolerance = config.order_tolerance + config.order_slope * max(x, 0.0)
        return max(x - reach - tolerance, 0.0) * config.order_weight


def _chains(
    known: list[KnownString],
) -> tuple[list[list[float] | None], list[tuple[int, ...]]]:
    """Each known string's character ranks in its chain (``None`` outside one), and the other
    strings of its chain.

    Identical strings of one chain are interchangeable, and the search lets the later copy
    never get ahead (``_Line.twins``): their ranks are sorted position by position, so that
    the chain's order is one the search can follow.
    """
    members: dict[tuple[int, int], list[int]] = {}
    for which, string in enumerate(known):
        if string.chain is not None and len(string.ranks) == len(string.text):
            members.setdefault(string.chain, []).append(which)
    ranks: list[list[float] | None] = [None] * len(known)
    mates: list[tuple[int, ...]] = [()] * len(known)
    for group in members.values():
        if len(group) < 2:
            continue
        for which in group:
            ranks[which] = [*known[which].ranks, math.inf]
            mates[which] = tuple(other for other in group if other != which)
        copies: dict[str, list[int]] = {}
        for which in group:
            copies.setdefault(known[which].text, []).append(which)
        for same in copies.values():
            if len(same) < 2:
                continue
            for position in range(len(known[same[0]].text)):
                column = sorted(ranks[which][position] for which in same)  # type: ignore[index]
                for which, rank in zip(same, column, strict=True):
                    ranks[which][position] = rank  # type: ignore[index]
    return ranks, mates


def _suffix_counts(text: str, char: str) -> list[int]:
    """For each position, how many times ``char`` occurs from there on.

    >>> _suffix_counts("abab", "a")
    [2, 1, 1, 0, 0]
    """
    counts = [0] * (len(text) + 1)
    for position in range(len(text) - 1, -1, -1):
        counts[position] = counts[position + 1] + (text[position] == char)
    return counts


def _solid_counts(text: str) -> list[int]:
    """For each position, how many non-space characters remain from there on.

    >>> _solid_counts("a b ")
    [2, 1, 1, 0, 0]
    """
    counts = [0] * (len(text) + 1)
    for position in range(len(text) - 1, -1, -1):
        counts[position] = counts[position + 1] + (text[position] != " ")
    return counts


def _prune(candidates: dict[tuple, _State], width: int, margin: float, line: _Line) -> list[_State]:
    """The ``width`` cheapest states within ``margin`` of the best; with foresight, judged by
    their cost so far plus what their own string still has to pay.

    At one position of the line, every state has taken the same characters, but not the same
    ones for the own string: one that has left an expensive character (a capital, a digit) for
    later looks cheaper than one that has paid for it, until it must pay it, by when the other
    may have been pruned ("R.R. van ijkD" for "R.R. van Dijk"). The own string's remaining
    visible characters are exactly the line's remaining ones less the known strings', so each
    state is charged an estimate of their cost (their unigram cost above a floor, capped); the
    line's part is the same for every state and left out. Only a second opinion, for lines
    whose own text came out with an unknown word: charging all lines that way makes the beam
    take characters for the own string too eagerly.
    """
    states = list(candidates.values())
    if len(states) <= 1:
        return states
    weights = line.known_weight
    if weights is None:
        best = min(state[0] for state in states) + margin
        states = [state for state in states if state[0] <= best]
        if len(states) > width:
            states = heapq.nsmallest(width, states, key=_cost_of)
        return states
    keyed = [
        (state[0] - sum(w[p] for w, p in zip(weights, state[1], strict=True)), state)
        for state in states
    ]
    best = min(key for key, _ in keyed) + margin
    keyed = [item for item in keyed if item[0] <= best]
    if len(keyed) > width:
        keyed = heapq.nsmallest(width, keyed, key=_key_of)
    return [state for _, state in keyed]


def _key_of(item: tuple[float, _State]) -> float:
    return item[0]


def _suffix_weights(text: str, weight: dict[str, float]) -> list[float]:
    """For each position of ``text``, the summed ``weight`` of its characters from there on."""
    sums = [0.0] * (len(text) + 1)
    for position in range(len(text) - 1, -1, -1):
        sums[position] = sums[position + 1] + weight.get(text[position], 0.0)
    return sums


def _cost_of(state: _State) -> float:
    return state[0]


def _resume_cost(string: KnownString, position: int, models: Models) -> float:
    """Cost of starting a new fragment of a known string at ``position``."""
    if position == 0 or position in string.boundaries:
        return models.config.known_boundary_cost
    return models.splits.cost(string.text[position - 1], string.text[position])


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
    return Decoding(owners, best[0], confidence, tuple(known), origins=best[7])


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
