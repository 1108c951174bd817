"""Give each page of a stacked-layer extraction back its own text.

Some PDFs carry, under page k, the hidden text of pages 1..k-1 at the same coordinates. An
extractor that sorts text fragments by baseline and x then interleaves the layers' lines, or
merges lines that share a baseline into one shuffle of fragments. Unstacking works page by page:

1. **Map** each line of page k-1, already decomposed into its layers' strings, to the line of page
   k that contains it (a monotone alignment: layers keep their line order, and a line of page k
   must contain every character of the earlier line it receives).
2. **Decode** each merged line into those known strings plus a residue, the page's own text
   (:func:`ontwar.repair.decode.decode_line`).
3. **Learn**: the own text joins the language model, the switches teach the fragment prior, and
   each line's decomposition becomes the known strings for page k+1.

The known strings of page k+1 are the decomposition found on page k, so an error on page k costs
at most a misplaced character there; it never stops page k+1 from matching.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from ontwar.model import Diagnosis, Line, Page, Removal
from ontwar.read.footer import NUMBERED, arrange_footer, arrange_total, match_footer
from ontwar.repair.bag import BAG
from ontwar.repair.config import RepairConfig
from ontwar.repair.decode import OWN, POOL, Decoding, KnownString, decode_line
from ontwar.repair.fragments import SplitPrior, fragment_starts
from ontwar.repair.langmodel import CharModel, WordModel

EARLIER_LAYER = "earlier layer"
POOLED = -1
"""Key of spaces that belong to no known layer among the removals by layer."""
MIXED_LAYERS = 0
"""Layer number of a rescue string: an earlier page's raw line, holding several layers."""
WHITESPACE = "layout whitespace"
SENTENCE_END = ".?!:;)’”\"'"
SHARE_COST = 0.5
"""Two earlier lines on one line of this page happen only when the extractor regroups lines;
below a character's worth, so it decides only between otherwise equal placements."""
BLANK_WEIGHT = 0.5
"""Worth of placing a blank earlier line: its spaces must land somewhere, or the own text
would absorb them ("oper aties"), but it must never outweigh a character of real text."""
MARGIN_EM = 1.0
"""Strings estimated to start within this many em of a line's first fragment start at the margin."""
LEARN_CHARS = 200_000
"""Recovered characters the character model learns from; more adds nothing but time."""
PLACED_SHARE = 0.8
"""Share of an earlier layer's characters placed line by line for it to count as stacked here."""
VERBATIM_RUN = 3
"""Recurring lines that count as a repeated layer (fewer: the letter repeating itself)."""
PROSE_WORDS = 5
LOOKBACK = 4
"""Recent earlier pages always looked for on a page that does not stack on its predecessor."""
MISSING_SHARE = 0.02
"""Share of an earlier text's characters a page may lack and still hold it (extraction noise)."""
MERGED_SHARE = 0.2
"""A page is fragment-merged when this share of its own text came out of merged lines."""

Composition = list[KnownString]
"""The layer strings one extracted line was found to consist of, in layer order."""

Removed = dict[int, tuple[list[int], list[str]]]
"""Per layer: the offsets removed from a page, and the layer's text piece of each line."""


@dataclass(slots=True)
class UnstackState:
    """What carries over from one page to the next."""

    chars: CharModel
    words: WordModel
    splits: SplitPrior = field(default_factory=SplitPrior)
    previous: list[Composition] | None = None
    previous_raw: list[str] = field(default_factory=list)
    own: dict[int, list[KnownString]] = field(default_factory=dict)
    """Each earlier page's own strings, for pages that do not stack on their predecessor."""
    lines_seen: dict[str, set[int]] = field(default_factory=dict)
    """Which earlier pages have each (stripped) own line: finds verbatim repeats quickly."""


def unstack(
    pages: Sequence[Sequence[Line]],
    config: RepairConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Page]:
    """Recover every page's own text from raw extracted pages (lists of lines with offsets)."""
    config = config or RepairConfig()
    state = UnstackState(CharModel(), WordModel())
    recovered = []
    for number, lines in enumerate(pages, start=1):
        recovered.append(unstack_page(number, list(lines), state, config))
        if progress:
            progress(number)
    flag_gaps(recovered)
    return recovered


def as_read(pages: Sequence[Sequence[Line]]) -> list[Page]:
    """Each page's lines as they are, tidied like a recovered page: for text known to be
    clean already (nothing is looked for underneath it)."""
    read = [
        _page(number, [line for line in lines if line.text], {}, 1, [])
        for number, lines in enumerate(pages, start=1)
    ]
    flag_gaps(read)
    return read


def unstack_page(number: int, lines: list[Line], state: UnstackState, config: RepairConfig) -> Page:
    """Recover one page and update ``state`` for the next."""
    texts = [line.text for line in lines]
    earlier = _earlier_strings(state, texts)
    own_lines: list[Line] = []
    removed_by_layer: Removed = {}
    compositions: list[Composition] = []
    confidences: list[tuple[float, int]] = []
    merged_chars = own_chars = 0
    approximate: list[int] = []
    for index, line in enumerate(lines):
        known, rescue = earlier.get(index, ([], []))
        if not known:  # nothing of an earlier page on this line: all of it is the page's own
            own_chars += len(line.text.strip())
            if line.text:
                own_lines.append(line)
            compositions.append(_alone(line, (number, index)))
            continue
        footer = match_footer(line.text) is not None
        if footer:  # copies of one template, tied in x throughout: no order carries over
            known = [replace(string, chain=None, ranks=()) for string in known]
        decoding = decode_line(
            line.text, known, state.chars, state.words, state.splits, config, rescue
        )
        if footer and not _single_footer(decoding.own_text(line.text)):
            decoding = _footer_reading(line.text, known, state, config) or decoding
        own, composition = _apply(line, decoding, (number, index), removed_by_layer, state.splits)
        if footer:
            own, composition = _arranged_footer(own, composition, known)
        if decoding.bag or not decoding.complete:
            approximate.append(index + 1)
        if own.text:
            own_lines.append(own)
        compositions.append(composition)
        solid = len(own.text.strip())
        own_chars += solid
        if solid:
            merged_chars += solid
            confidences.append((decoding.confidence, solid))
    layers_seen = {s.layer for known, _ in earlier.values() for s in known} - {MIXED_LAYERS}
    page = _page(number, own_lines, removed_by_layer, 1 + len(layers_seen), confidences)
    if approximate:
        page.warnings.append(
            f"page {number}: {len(approximate)} merged line(s) could only be separated "
            f"approximately (input lines {', '.join(map(str, approximate[:10]))}"
            f"{', …' if len(approximate) > 10 else ''} of the page); their text may be garbled"
        )
    page.diagnosis = (
        Diagnosis.FRAGMENT_MERGED
        if merged_chars > MERGED_SHARE * own_chars
        else Diagnosis.LINE_INTERLEAVED
        if earlier
        else Diagnosis.CLEAN
    )
    for line in page.lines:
        state.words.learn(line.text)
        if state.chars.learned < LEARN_CHARS:
            state.chars.learn(line.text)
    state.previous = compositions
    state.previous_raw = texts
    state.own[number] = [s for c in compositions for s in c if s.layer == number and s.text.strip()]
    for string in state.own[number]:
        state.lines_seen.setdefault(string.text.strip(), set()).add(number)
    return page


def _single_footer(text: str) -> bool:
    """Is ``text`` exactly one footer (what a page adds to a merged footer line must be)?"""
    footer = match_footer(text)
    return footer is not None and footer.copies == 1


def _arranged_footer(
    own: Line, composition: Composition, known: list[KnownString]
) -> tuple[Line, Composition]:
    """A page's own part of a merged footer, in the template's order (``- n -``) or with the
    letter's length the other layers' footers give (``Pagina n van m``)."""
    order = arrange_footer(own.text)
    if order is None:
        totals = Counter(m.group(4) for s in known if (m := NUMBERED.fullmatch(s.text.strip())))
        if totals:
            order = arrange_total(own.text, totals.most_common(1)[0][0])
    if order is None or not composition or not own.text:
        return own, composition
    text = "".join(own.text[i] for i in order)
    arranged = Line(text, tuple(own.offsets[i] for i in order), own.zone)
    last = composition[-1]
    return arranged, [*composition[:-1], KnownString(text, last.layer, origin=last.origin)]


def _footer_reading(
    text: str, known: list[KnownString], state: UnstackState, config: RepairConfig
) -> Decoding | None:
    """Read a merged footer line by multiset, if that gives this page one footer.

    Footers of many layers are copies of one template whose fragments tie in x, so the
    string-by-string search often picks a wrong but valid order. What this page adds is exact
    as a multiset, and must itself be a footer: that is the check.
    """
    decoding = decode_line(
        text, known, state.chars, state.words, state.splits, config, by_multiset=True
    )
    return decoding if _single_footer(decoding.own_text(text)) else None


def _earlier_strings(
    state: UnstackState, lines: list[str]
) -> dict[int, tuple[list[KnownString], list[KnownString]]]:
    """For each line of this page: the earlier layers' strings in it, and rescue strings.

    Usually page k stacks on page k-1 whole (the seed's damage): each line of page k-1, already
    decomposed, goes to the line of page k that holds it, with its raw text as a rescue. When
    page k-1 is not contained in page k, each earlier layer is looked for on its own: wholly
    contained layers are placed line by line; of the others only verbatim lines count (a
    letterhead repeated under every page, say).
    """
    page_chars = _Solid(lines)
    if state.previous is not None:
        groups = [[string.text for string in group] for group in state.previous]
        if _contains(page_chars, _Solid(["".join(group) for group in groups])):
            at_margin = [
                all(string.origin is None or string.origin < MARGIN_EM for string in group)
                for group in state.previous
            ]
            placement = _place(groups, lines, at_margin)
            if _covers(placement, groups):
                found = {
                    line: (
                        [string for g in placed for string in state.previous[g]],
                        [KnownString(state.previous_raw[g], MIXED_LAYERS) for g in placed],
                    )
                    for line, placed in placement.items()
                }
                for line, piece in _split_unplaced(state.previous, placement, lines):
                    found.setdefault(line, ([], []))[0].append(piece)
                return found
    found: dict[int, tuple[list[KnownString], list[KnownString]]] = {}
    for layer in _candidate_layers(state, lines):
        strings = state.own[layer]
        texts = [string.text for string in strings]
        placement = {}
        if _contains(page_chars, _Solid(texts)):
            placement = _place([[text] for text in texts], lines)
        if not _covers(placement, [[text] for text in texts]):
            placement = _place_verbatim(texts, lines)
        for line, placed in placement.items():
            found.setdefault(line, ([], []))[0].extend(strings[g] for g in placed)
    return found


def _split_unplaced(
    groups: list[Composition], placement: dict[int, list[int]], lines: list[str]
) -> list[tuple[int, KnownString]]:
    """Place earlier lines that no single line holds, as pieces on neighbouring lines.

    Extractors group fragments into lines by baseline, and a new layer can make them group
    differently: a body line and a sidebar entry that shared a line on page k-1 may sit on two
    lines of page k. Such a group's strings are placed whole where they fit, or cut in two
    where a prefix fits one nearby line and the rest another, between the lines of the placed
    groups before and after it.
    """
    line_of = {group: line for line, placed in placement.items() for group in placed}
    pieces: list[tuple[int, KnownString]] = []
    for index, group in enumerate(groups):
        if index in line_of or not "".join(string.text for string in group).strip():
            continue
        before = max((line_of[g] for g in line_of if g < index), default=0)
        after = min((line_of[g] for g in line_of if g > index), default=len(lines) - 1)
        window = range(max(before - 1, 0), min(after + 2, len(lines)))
        for string in group:
            pieces.extend(_split_string(string, lines, window))
    return pieces


def _split_string(
    string: KnownString, lines: list[str], window: range
) -> list[tuple[int, KnownString]]:
    """``string`` whole on a line of ``window`` that holds it, or cut in two across two lines."""
    if not string.text.strip():
        return []
    for line in window:
        if _in_order(string.text, lines[line]):
            return [(line, string)]
    for first in window:
        cut = _prefix_in_order(string.text, lines[first])
        head, tail = string.text[:cut], string.text[cut:]
        for second in window:
            if second != first and head.strip() and _in_order(tail, lines[second]):
                return [
                    (first, KnownString(head, string.layer, origin=string.origin)),
                    (second, KnownString(tail, string.layer)),
                ]
    return []


def _prefix_in_order(string: str, line: str) -> int:
    """Length of the longest prefix of ``string`` whose non-spaces are a subsequence of ``line``.

    >>> _prefix_in_order("Den HaagN.P.", "Den Haag 12")
    8
    """
    position = 0
    for length, char in enumerate(string):
        if char == " ":
            continue
        found = line.find(char, position)
        if found < 0:
            return length
        position = found + 1
    return len(string)


def _candidate_layers(state: UnstackState, lines: list[str]) -> list[int]:
    """Earlier layers worth looking for on a page that does not stack on its predecessor.

    Checking every earlier page would make long unstacked documents quadratic; a layer is a
    candidate if one of its lines recurs verbatim here, or if it is the first page (the usual
    template under every page) or one of the last few.
    """
    pages = sorted(state.own)
    candidates = set(pages[:1] + pages[-LOOKBACK:])
    for line in lines:
        candidates.update(state.lines_seen.get(line.strip(), ()))
    return sorted(candidates)


def _apply(
    line: Line,
    decoding: Decoding,
    chain: tuple[int, int],
    removed_by_layer: Removed,
    splits: SplitPrior,
) -> tuple[Line, Composition]:
    """Split ``line`` by ``decoding``: its own part, removals per layer, and its composition.

    The composition's strings form one ``chain`` (page, line): each keeps the index in this
    line of every character, so that the next page can follow their order.
    """
    number = chain[0]
    owners, known = decoding.owners, decoding.known
    origins = decoding.origins or (None,) * (len(known) + 1)
    own_chars = [i for i, owner in enumerate(owners) if owner == OWN]
    pooled = [i for i, owner in enumerate(owners) if owner == POOL]
    _collect(removed_by_layer, POOLED, line, pooled)
    own = Line("".join(line.text[i] for i in own_chars), tuple(line.offsets[i] for i in own_chars))
    composition: Composition = []
    bagged = [i for i, owner in enumerate(owners) if owner == BAG]
    _collect(removed_by_layer, MIXED_LAYERS, line, bagged)
    # Only a line where strings were merged shows where they split: a lone string shows none.
    merged = len({owner for owner in owners if owner != POOL}) > 1 and not decoding.bag
    # Positions are estimated relative to a line's first fragment, so a string alone on its line
    # (a sidebar entry as much as a body line) shows nothing of where it starts: only a line
    # shared with another string does. Unknown origins are estimated at the next merge.
    placed = merged and _shared(line.text, owners)
    if decoding.bag:  # the known strings were not placed one by one: they pass on unchanged
        composition.extend(replace(string, chain=None, ranks=()) for string in known)
        known = ()
    for which, string in enumerate(known):
        positions = [i for i, owner in enumerate(owners) if owner == which]
        _collect(removed_by_layer, string.layer, line, positions)
        starts = fragment_starts(owners, which)
        if merged:
            splits.learn(string.text, starts)
        text = "".join(line.text[i] for i in positions)
        boundaries = string.boundaries | frozenset(starts)
        origin = origins[which] if placed else string.origin
        composition.append(
            KnownString(text, string.layer, boundaries, origin, chain, tuple(positions))
        )
    if own.text:
        starts = fragment_starts(owners, OWN)
        if merged:
            splits.learn(own.text, starts)
        origin = origins[-1] if placed else None
        composition.append(
            KnownString(own.text, number, frozenset(starts), origin, chain, tuple(own_chars))
        )
    return own, composition


_ONE_FRAGMENT = frozenset((0,))
"""The fragment starts of a string alone on its line: just its start."""


def _alone(line: Line, chain: tuple[int, int]) -> Composition:
    """The composition of a line that is all the page's own: one string, one fragment."""
    if not line.text:
        return []
    ranks = tuple(range(len(line.text)))
    return [KnownString(line.text, chain[0], _ONE_FRAGMENT, None, chain, ranks)]


def _shared(text: str, owners: tuple[int, ...]) -> bool:
    """Do the visible characters of ``text`` belong to more than one string?"""
    return len({owner for char, owner in zip(text, owners, strict=True) if not char.isspace()}) > 1


def _collect(removed: Removed, layer: int, line: Line, positions: list[int]) -> None:
    """Note the characters at ``positions`` of ``line`` as removed, as part of ``layer``."""
    if positions:
        offsets, pieces = removed.setdefault(layer, ([], []))
        offsets.extend(line.offsets[i] for i in positions)
        pieces.append("".join(line.text[i] for i in positions))


def _page(
    number: int,
    own_lines: list[Line],
    removed_by_layer: Removed,
    layers: int,
    confidences: list[tuple[float, int]],
) -> Page:
    lines, trailing = _tidy(own_lines)
    pooled, _ = removed_by_layer.pop(POOLED, ([], []))
    removed = [
        Removal(EARLIER_LAYER, number, tuple(offsets), "\n".join(pieces), layer or None)
        for layer, (offsets, pieces) in sorted(removed_by_layer.items())
    ]
    whitespace = trailing + pooled
    if whitespace:
        removed.append(Removal(WHITESPACE, number, tuple(whitespace), " " * len(whitespace)))
    weight = sum(size for _, size in confidences)
    confidence = sum(c * size for c, size in confidences) / weight if weight else 1.0
    return Page(number, lines, layers=layers, confidence=confidence, removed=removed)


def _tidy(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Strip trailing whitespace and collapse runs of blank lines into one paragraph break."""
    tidy: list[Line] = []
    dropped: list[int] = []
    for line in lines:
        content, trailing = line.strip()
        dropped.extend(trailing.offsets)
        if content.text or (tidy and tidy[-1].text):
            tidy.append(content)
    while tidy and not tidy[-1].text:
        tidy.pop()
    return tidy, dropped


def _place(
    strings: list[list[str]], lines: list[str], at_margin: list[bool] | None = None
) -> dict[int, list[int]]:
    """Assign each earlier line (its layer ``strings``) to the line of this page holding it.

    A monotone alignment maximising the characters placed, by dynamic programming: group ``t``
    may go to line ``s`` only if ``s`` holds all of its characters and each of its strings in
    order; consecutive groups may share a line (when this page's text bridges two earlier
    baselines) if the line holds both.
    """
    groups = ["".join(group) for group in strings]
    at_margin = at_margin or [False] * len(groups)
    group_counts = [Counter(group) for group in groups]
    line_counts = [Counter(line) for line in lines]
    weights = [len(group.strip()) or BLANK_WEIGHT * bool(group) for group in groups]
    total, size = len(groups), len(lines)
    low = min(0, size - total) - 8
    high = max(0, size - total) + 8
    minus = -math.inf
    # best[t][s]: group t on line s; upto[t][s]: groups before t placed on lines before s.
    best = [[minus] * size for _ in range(total)]
    upto = [[minus] * (size + 1) for _ in range(total + 1)]
    for s in range(size + 1):
        upto[0][s] = 0.0
    choice: dict[tuple[int, int], tuple[str, int, int]] = {}
    for t in range(total):
        for s in range(size):
            if not weights[t] or not low <= s - t <= high:
                continue
            if not _fits(group_counts[t], line_counts[s]):
                continue
            if not all(_in_order(string, lines[s]) for string in strings[t]):
                continue
            options = [(upto[t][s], ("upto", t, s))]
            if (
                t
                and best[t - 1][s] > minus
                and _fits(group_counts[t] + group_counts[t - 1], line_counts[s])
            ):
                options.append((best[t - 1][s] - SHARE_COST, ("share", t - 1, s)))
            score, origin = max(options, key=lambda option: option[0])
            fit = _closeness(groups[t], lines[s])
            if at_margin[t]:
                fit -= _late_start(strings[t], lines[s])
            best[t][s] = score + weights[t] + fit
            choice[(t, s)] = origin
        row, above = upto[t + 1], upto[t]
        for s in range(size + 1):
            candidates = [above[s], row[s - 1] if s else minus]
            if s:
                candidates.append(best[t][s - 1])
            row[s] = max(candidates)
    placement = _trace(upto, choice, total, size)
    return placement


def _trace(
    upto: list[list[float]],
    choice: dict[tuple[int, int], tuple[str, int, int]],
    total: int,
    size: int,
) -> dict[int, list[int]]:
    """Follow the alignment back from its end: which groups went to which line."""
    placed: list[tuple[int, int]] = []
    t, s = total, size
    while t > 0 and s > 0:
        value = upto[t][s]
        if value == upto[t - 1][s]:
            t -= 1
        elif value == upto[t][s - 1]:
            s -= 1
        else:  # group t-1 sits on line s-1
            g, line = t - 1, s - 1
            while True:
                placed.append((g, line))
                kind, g_before, _ = choice[(g, line)]
                if kind == "share":
                    g = g_before
                    continue
                t, s = g, line
                break
    mapping: dict[int, list[int]] = {}
    for group, line in sorted(placed):
        mapping.setdefault(line, []).append(group)
    return mapping


def _closeness(group: str, line: str) -> float:
    """Tie-breaker between lines that could hold a group: the one it fills best.

    A short earlier line ("Binnenhof 22") fits inside many long lines; the line that is
    exactly it, or holds little besides it, is the likelier home.
    """
    if group.rstrip() == line.rstrip():
        return 1.0
    return 0.5 * len(group.strip()) / max(len(line.strip()), 1)


def _late_start(strings: list[str], line: str) -> float:
    """How far into ``line`` a group that starts at the left margin would begin, as a share.

    Fragments come sorted by x, so a string starting at the margin starts among the first
    characters of any line it is merged into. A line that holds the group only near its end
    ("… woningen in het betaalbare segment realiseren." for an earlier "het betaalbare
    segment realiseren.") is an accidental home.
    """
    starts = [line.find(text.lstrip()[:1]) for text in strings if text.strip()]
    return 0.5 * max(min(starts, default=0), 0) / max(len(line), 1)


def _in_order(string: str, line: str) -> bool:
    """Are the non-space characters of ``string`` a subsequence of ``line``?

    >>> _in_order("Datum", "toe opDatum"), _in_order("Datum", "De lumpsum")
    (True, False)
    """
    remaining = iter(line)
    return all(char in remaining for char in string if char != " ")


def _fits(part: Counter[str], whole: Counter[str]) -> bool:
    return all(whole[char] >= count for char, count in part.items())


class _Solid:
    """The non-space characters of some lines: their number at once, their counts when asked
    (a page much shorter than an earlier text cannot hold it, and most tests end there)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.size = sum(map(len, "\n".join(lines).split()))

    @cached_property
    def counts(self) -> Counter[str]:
        counts = Counter("".join(self.lines))
        for space in [char for char in counts if char.isspace()]:
            del counts[space]
        return counts


def _covers(placement: dict[int, list[int]], groups: list[list[str]]) -> bool:
    """Did the placement find most of the earlier text on this page?

    A longer page can hold an earlier page's characters by chance (the multiset test of
    :func:`_contains` passes), but then only its short lines fit anywhere; a page that really
    carries the earlier layer holds nearly all of it line by line.
    """
    sizes = [len("".join(group).replace(" ", "")) for group in groups]
    placed = sum(sizes[g] for line in placement.values() for g in line)
    return placed >= PLACED_SHARE * sum(sizes)


def _contains(page: _Solid, earlier: _Solid) -> bool:
    """Quick test: does the page hold (nearly) all non-space characters of the earlier text?"""
    if not earlier.size or earlier.size - page.size > MISSING_SHARE * earlier.size:
        return False  # more missing than allowed, whatever the characters
    missing = sum((earlier.counts - page.counts).values())
    return missing <= MISSING_SHARE * earlier.size


def _place_verbatim(groups: list[str], lines: list[str]) -> dict[int, list[int]]:
    """Assign earlier lines to identical lines of this page, in order (a longest common
    subsequence of lines, ignoring surrounding whitespace).

    A template repeated under every page (letterhead, labels) recurs as several lines; a lone
    line that recurs (a heading, a sentence, the last word of a paragraph) is more likely the
    letter repeating itself. So prose lines count only in a run of
    :data:`VERBATIM_RUN` lines, and other lines only when at least that many recur.
    """
    matcher = difflib.SequenceMatcher(
        None, [g.strip() for g in groups], [line.strip() for line in lines], autojunk=False
    )
    matched = [
        (line + k, group + k, size)
        for group, line, size in matcher.get_matching_blocks()
        for k in range(size)
        if groups[group + k].strip()
    ]
    template = [(line, group) for line, group, _ in matched if not _prose(groups[group])]
    runs = [(line, group) for line, group, size in matched if size >= VERBATIM_RUN]
    kept = set(runs) | (set(template) if len(template) >= VERBATIM_RUN else set())
    return {line: [group] for line, group in sorted(kept)}


def _prose(text: str) -> bool:
    """A line of running text: several words, mostly lower-case."""
    words = text.split()
    return len(words) >= PROSE_WORDS and sum(w[:1].islower() for w in words) > len(words) / 2


def flag_gaps(pages: list[Page]) -> None:
    """Warn where a page ends or starts mid-sentence: lines may be missing there, never invented."""
    for before, after in itertools.pairwise(pages):
        last = _last_body_line(before)
        first = next((line.text.strip() for line in after.lines if line.text.strip()), "")
        ends_open = bool(last) and last[-1] not in SENTENCE_END
        starts_open = bool(first) and first[0].islower()
        if ends_open or starts_open:
            where = "ends" if ends_open else "continues"
            before.warnings.append(
                f"page {before.number} {where} mid-sentence; lines may be missing at the break"
            )
            if starts_open:
                after.warnings.append(
                    f"page {after.number} starts mid-sentence; lines may be missing before it"
                )


def _last_body_line(page: Page) -> str:
    for line in reversed(page.lines):
        text = line.text.strip()
        if text and not match_footer(text):
            return text
    return ""
