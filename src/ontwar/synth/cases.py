"""Damaged letters with exact truth: the test bed for unstacking.

A case runs the whole damage chain on one fictional letter (write, typeset, stack, extract) and
keeps both ends: the damaged text an extractor made of the stacked PDF, and the truth, which is
the same extraction of each page's own layer alone. A repair is right when it turns the first
into the second. Cases are deterministic in their index and cheap enough to build in tests, so
nothing is cached on disk.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache, cached_property

from ontwar.model import Zone
from ontwar.synth.extract import extract_pages, extract_pages_separately
from ontwar.synth.letters import Letter, write_letter
from ontwar.synth.stack import drop_line, render_pdf, shift_grid
from ontwar.synth.typeset import FONTS, FOOTERS, LEADING, PageLayout, page_count, typeset

#: Page counts of the standard cases: every count from 2 to 16, more of the common short ones.
LAYER_PLAN = (2, 16, 3, 9, 4, 12, 5, 7, 6, 14, 8, 3, 10, 4, 11, 5, 13, 6, 15, 7, 4, 9, 5, 6)
#: Body paragraphs that fill about one page; the first guess when fitting a letter to pages.
PARAGRAPHS_PER_PAGE = 7
#: Grid shifts under the baseline tolerance, in points: the page still merges with its layers.
SMALL_SHIFTS = (0.5, 0.75, 1.0, 1.25, 1.5)


@dataclass(frozen=True)
class Case:
    """One damaged letter and its truth.

    ``text`` is the damaged extraction, pages joined by ``"\\n"`` as in the real case, and
    ``pages`` the same per page; ``truth[k]`` is page k+1's own text. ``layout`` holds the
    layers as drawn (with zones per line), ``grid_shifts`` maps page numbers to how far their
    body was moved down, and ``dropped`` lists the lines that were never drawn.
    """

    index: int
    name: str
    letter: Letter
    font: str
    footer: str
    layers: int
    text: str
    pages: list[str]
    truth: list[str]
    pdf: bytes
    clean_pdf: bytes
    layout: list[PageLayout]
    grid_shifts: dict[int, float]
    dropped: list[str]


@cache
def make_case(index: int) -> Case:
    """The case with this index: letter seed, font, page count and damage all follow from it.

    Fonts cycle through :data:`~ontwar.synth.typeset.FONTS`; every third case shifts one
    page's grid slightly, every fourth (from 2) shifts one by half a line, and every fourth
    (from 3) drops a line at a page break.
    """
    rng = random.Random(f"case/{index}")
    layers = LAYER_PLAN[index] if index < len(LAYER_PLAN) else 2 + index % 15
    font = list(FONTS)[index % len(FONTS)]
    footer = rng.choice(FOOTERS)
    letter, pages = fit_letter(index, layers, font, footer)
    shifts = _grid_shifts(rng, index, layers)
    pages = [
        shift_grid(page, shifts[page.number]) if page.number in shifts else page for page in pages
    ]
    pages, dropped = _drop_page_break_line(rng, index, pages)
    pdf = render_pdf(pages)
    clean_pdf = render_pdf(pages, stacked=False)
    damaged = extract_pages(pdf, seed=index)
    flags = "".join(["-shifted" if shifts else "", "-dropped" if dropped else ""])
    return Case(
        index=index,
        name=f"{index:02d}-{letter.topic}-{font}-{layers}p{flags}",
        letter=letter,
        font=font,
        footer=footer,
        layers=layers,
        text="\n".join(damaged),
        pages=damaged,
        truth=extract_pages_separately(clean_pdf),
        pdf=pdf,
        clean_pdf=clean_pdf,
        layout=pages,
        grid_shifts=shifts,
        dropped=dropped,
    )


def standard_cases(count: int = len(LAYER_PLAN)) -> list[Case]:
    """The first ``count`` cases: 2 to 16 pages, all fonts, grid shifts and dropped lines."""
    return [make_case(index) for index in range(count)]


@dataclass(frozen=True)
class CleanLetter:
    """A letter typeset without damage: its PDF, and (extracted on demand) its pages' text."""

    letter: Letter
    pdf: bytes

    @cached_property
    def pages(self) -> list[str]:
        return extract_pages_separately(self.pdf)

    @property
    def text(self) -> str:
        """The extraction of the PDF, pages separated by form feeds."""
        return "\f".join(self.pages)


def clean_letter(seed: int, pages: int, font: str, footer: str) -> CleanLetter:
    """Letter ``seed`` on ``pages`` pages, typeset in ``font`` with ``footer``, undamaged."""
    letter, layout = fit_letter(seed, pages, font, footer)
    return CleanLetter(letter, render_pdf(layout, stacked=False))


def fit_letter(seed: int, pages: int, font: str, footer: str) -> tuple[Letter, list[PageLayout]]:
    """The letter for ``seed`` grown or shrunk, a paragraph at a time, to exactly ``pages``.

    Adding a paragraph never removes a page and never adds two, and a letter without
    paragraphs fits on one page, so the walk always lands.
    """
    if pages < 1:
        raise ValueError(f"a letter needs at least one page, not {pages}")
    paragraphs = max(0, round(PARAGRAPHS_PER_PAGE * (pages - 0.5)))
    while True:
        letter = write_letter(seed, paragraphs)
        count = page_count(letter, font)
        if count == pages:
            return letter, typeset(letter, font, footer)
        paragraphs += 1 if count < pages else -1


def _grid_shifts(rng: random.Random, index: int, layers: int) -> dict[int, float]:
    shifts = {}
    if layers >= 3 and index % 3 == 1:
        shifts[rng.randint(3, layers)] = rng.choice(SMALL_SHIFTS)
    if layers >= 3 and index % 4 == 2:
        shifts[rng.randint(3, layers)] = LEADING / 2
    return shifts


def _drop_page_break_line(
    rng: random.Random, index: int, pages: list[PageLayout]
) -> tuple[list[PageLayout], list[str]]:
    """Remove the last body line before, or the first after, one page break."""
    if index % 4 != 3 or len(pages) < 2:
        return pages, []
    before = rng.randrange(len(pages) - 1)
    target = before + rng.randint(0, 1)
    page = pages[target]
    body = [i for i, line in enumerate(page.lines) if line.zone is Zone.BODY]
    line = body[-1] if target == before else body[0]
    pages = list(pages)
    pages[target] = drop_line(page, line)
    return pages, [page.lines[line].text]
