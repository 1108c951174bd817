"""A pure-text model of the stacking damage, for fast property tests of unstacking.

Page k of the result holds the lines of layers 1..k. Lines of different layers that share a
grid row are merged the way a fragment-sorting extractor merges them: each layer string is cut
into fragments at fixed places (its own, the same on every page), fragments are ordered by
their start column, and ties go in a random order that changes from page to page.
"""

from __future__ import annotations

import random


def fragments(text: str, rng: random.Random) -> list[tuple[int, str]]:
    """Cut ``text`` into runs of 1-8 characters, each with its start column."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + rng.randint(1, 8))
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def stack(pages: list[list[str]], seed: int = 0, footer: bool = True) -> str:
    """The damaged extraction of ``pages`` (each a list of lines on a shared grid)."""
    rng = random.Random(seed)
    cut = {
        (layer, row): fragments(text, rng)
        for layer, lines in enumerate(pages)
        for row, text in enumerate(lines)
    }
    out: list[str] = []
    for page in range(len(pages)):
        rows = max(len(lines) for lines in pages[: page + 1])
        for row in range(rows):
            pieces = [
                (column, rng.random(), piece)
                for layer in range(page + 1)
                for column, piece in cut.get((layer, row), [])
            ]
            if pieces:
                out.append("".join(piece for _, _, piece in sorted(pieces)))
        if footer:
            layers = [f" Pagina {layer + 1} van {len(pages)} " for layer in range(page + 1)]
            out.append(_merge_footers(layers, rng))
    return "\n".join(out) + "\n"


def _merge_footers(footers: list[str], rng: random.Random) -> str:
    pieces = [(column, rng.random(), piece) for f in footers for column, piece in fragments(f, rng)]
    return "".join(piece for _, _, piece in sorted(pieces))
