"""Tunables of the repair stage, one validated value (like pdfplumber's ``TableSettings``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RepairConfig:
    """Every knob of unstacking, with why it has its default."""

    greedy: bool = False
    """Remove each known string at its leftmost embedding, with no language model: the naive
    baseline the benchmarks compare against (fast, and badly wrong on merged lines)."""

    beam_widths: tuple[int, ...] = (12, 48, 1000)
    """Hypotheses kept per character, tried in turn: most lines need only the first; a line
    whose own text has an unknown word gets the second; one where no decomposition survived
    (deep merges of look-alike strings) gets the third."""

    doubt_width: int = 48
    """Widest beam spent on a line only because its own text has an unknown word."""

    deep_strings: int = 8
    """Known strings from which a merge counts as deep. There, narrow beams crowd out the right
    decomposition, so an unknown own word is likelier a search error than a name: such a line
    gets the foresight pass (see ``decode._prune``) and, if the narrowest beam found nothing,
    the widest one. Shallower lines never need them, and would only pay their time."""

    doubtful_zipf: float = 1.0
    """Own words rarer than this (zipf), and not in the document, trigger the second try."""

    beam_margin: float = 30.0
    """Hypotheses this many nats worse than the best are dropped early."""

    word_weight: float = 0.8
    """Nats per zipf unit a completed own word costs below ``common_zipf``."""

    common_zipf: float = 6.0
    """Words at least this frequent (zipf) cost nothing extra."""

    own_char_credit: float = 1.0
    """Subtracted from each own character's cost, so that hypotheses which have given more
    characters to the own string are not pruned merely for having been scored on more of them
    (about the model's mean cost per character of Dutch)."""

    future_floor: float = 2.0
    """Unigram cost (nats) a character the own string has yet to take is expected to cost
    less, in the foresight pass for doubtful lines (see ``decode._prune``): in context,
    common letters cost far below their unigram cost."""

    future_cap: float = 8.0
    """Highest unigram cost counted there: the general model knows lower-case words only, so
    it overrates capitals and digits."""

    lost_space_cost: float = 4.0
    """Cost of a known string's space that the merged line does not have."""

    pooled_space_cost: float = 4.0
    """Cost of a space given to no string (layout whitespace of an unknown layer)."""

    order_min_strings: int = 5
    """Known strings a line must merge before reading order is scored. Estimated positions
    are rough (the letter's font is unknown, sidebars start far right), so on shallow merges
    they misplace spaces more often than they help; on deep merges the search needs them."""

    order_weight: float = 0.5
    """Nats per em a fragment starts out of reading order (beyond the tolerance)."""

    order_tolerance: float = 1.5
    """Em of disorder forgiven everywhere: estimated widths are those of a reference font."""

    order_slope: float = 0.05
    """Extra tolerance per em of line: width errors add up along the line."""

    order_cap: float = 8.0
    """Most one fragment can cost for disorder, so a wrongly placed string cannot block a line."""

    max_fragment_em: float = 8.0
    """Longest fragment (em) a run may stretch beyond a waiting fragment: Word's are shorter."""

    chain_order_cost: float = 3.0
    """Cost of a fragment that breaks the order its strings had where they were decomposed
    together on the previous page (see ``decode.KnownString.chain``). Soft, because fragments
    that start at the same x come in no fixed order."""

    chain_tie_em: float = 0.3
    """Fragments estimated to start within this many em (plus ``order_slope`` per em of line)
    of each other may tie in x, so their order in the chain is not held against them."""

    known_boundary_cost: float = 0.05
    """Cost of splitting a known string where it was already seen split (near-certain)."""
