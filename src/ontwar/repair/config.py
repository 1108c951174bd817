"""Tunables of the repair stage, one validated value (like pdfplumber's ``TableSettings``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RepairConfig:
    """Every knob of unstacking, with why it has its default."""

    beam_width: int = 12
    """Hypotheses kept per character; wider rarely changes the result on merged letters."""

    wide_beam_width: int = 96
    """Beam for a second try at lines whose own text came out with an unknown word."""

    doubtful_zipf: float = 1.0
    """Own words rarer than this (zipf), and not in the document, trigger the second try."""

    beam_margin: float = 18.0
    """Hypotheses this many nats worse than the best are dropped early."""

    word_weight: float = 0.8
    """Nats per zipf unit a completed own word costs below ``common_zipf``."""

    common_zipf: float = 6.0
    """Words at least this frequent (zipf) cost nothing extra."""

    own_char_credit: float = 1.0
    """Subtracted from each own character's cost, so that hypotheses which have given more
    characters to the own string are not pruned merely for having been scored on more of them
    (about the model's mean cost per character of Dutch)."""

    lost_space_cost: float = 4.0
    """Cost of a known string's space that the merged line does not have."""

    pooled_space_cost: float = 4.0
    """Cost of a space given to no string (layout whitespace of an unknown layer)."""

    known_boundary_cost: float = 0.05
    """Cost of splitting a known string where it was already seen split (near-certain)."""

    min_line_match: float = 1.0
    """Share of an earlier line's characters that must be in a line to map it there."""
