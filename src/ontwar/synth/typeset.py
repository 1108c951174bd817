"""Lay a :class:`~ontwar.synth.letters.Letter` out on A4 pages as positioned text fragments.

The damage we reproduce happens between the page layout and the text extractor, so the layout
has to be realistic where it matters: real font metrics (reportlab's ``stringWidth``) place each
fragment at its exact x, the line grid of page 1 sits half a line off the grid of later pages
(so page 2 interleaves with page 1 instead of merging), and lines are cut into short fragments
the way Word cuts them into text objects. Word splits text at kerning pairs, so whether a
character pair ends a fragment depends only on the pair and the font: the same line is cut the
same way on every page it is drawn on.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ontwar.model import Zone
from ontwar.synth.letters import Letter

#: Font families: name -> (regular, bold). Vera is the TrueType font bundled with reportlab.
FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold"),
    "Times-Roman": ("Times-Roman", "Times-Bold"),
    "Vera": ("Vera", "Vera-Bold"),
}
_VERA_FILES = {"Vera": "Vera.ttf", "Vera-Bold": "VeraBd.ttf"}

#: Running footers; ``{page}`` and ``{pages}`` are filled in.
FOOTERS = ("Pagina {page} van {pages}", "Pagina {page}/{pages}", "- {page} -")

PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_X, BODY_WIDTH, BODY_SIZE, LEADING = 80.0, 360.0, 9.5, 13.5
#: Page 1's body starts 13.5 lines below the continuation pages' top: half a line off-grid.
FIRST_BODY_TOP, BODY_TOP, BODY_BOTTOM = 587.75, 770.0, 80.0
LETTERHEAD_X, LETTERHEAD_TOP, LETTERHEAD_WIDTH, LETTERHEAD_SIZE = 300.0, 800.0, 250.0, 10.0
RETURN_Y, RETURN_SIZE = 720.0, 6.5
ADDRESS_TOP = 700.0
SIDEBAR_X, SIDEBAR_TOP, SIDEBAR_WIDTH, SIDEBAR_SIZE, SIDEBAR_LEADING = 470.0, 730.0, 105.0, 7.0, 9.0
FOOTER_X, FOOTER_Y, FOOTER_SIZE = 470.0, 40.0, 7.0

#: A character pair ends a fragment when its hash mod 100 falls below the font's value here.
#: Tuned on generated letters for a mean fragment length of about 4.6, as in the real case.
SPLIT_PERCENT = {
    "Helvetica": 32,
    "Helvetica-Bold": 15,
    "Times-Roman": 26,
    "Times-Bold": 21,
    "Vera": 21,
    "Vera-Bold": 24,
}
#: Longest fragment, in characters; Word's text runs rarely exceed it.
MAX_FRAGMENT = 15


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of text drawn as one PDF text object, at its baseline origin."""

    text: str
    x: float
    baseline: float
    font: str
    size: float


@dataclass(frozen=True, slots=True)
class LaidLine:
    """One typeset line: its fragments, left to right, and where on the page it sits."""

    zone: Zone
    fragments: tuple[Fragment, ...]

    @property
    def text(self) -> str:
        return "".join(fragment.text for fragment in self.fragments)

    @property
    def baseline(self) -> float:
        return self.fragments[0].baseline


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One page's own content (its *layer*), top to bottom."""

    number: int
    lines: tuple[LaidLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@cache
def register_fonts() -> None:
    """Register the bundled Vera TrueType fonts with reportlab (once per process)."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in _VERA_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


def typeset(letter: Letter, font: str = "Helvetica", footer: str = FOOTERS[0]) -> list[PageLayout]:
    """Lay ``letter`` out in font family ``font`` (a key of :data:`FONTS`).

    Page 1 carries the letterhead, addresses and sidebar; every page carries the body lines
    that fit and the running ``footer``.
    """
    regular, bold = _family(font)
    pages = _paginate(letter, regular, bold)
    layouts = []
    for number, body in enumerate(pages, start=1):
        lines = list(_first_page_lines(letter, regular, bold)) if number == 1 else []
        lines += [place(line.text, Zone.BODY, BODY_X, y, line.font, BODY_SIZE) for line, y in body]
        text = footer.format(page=number, pages=len(pages))
        x = FOOTER_X if "{pages}" in footer else _centred(text, regular, FOOTER_SIZE)
        lines.append(place(text, Zone.FOOTER, x, FOOTER_Y, regular, FOOTER_SIZE))
        layouts.append(PageLayout(number, tuple(lines)))
    return layouts


def page_count(letter: Letter, font: str = "Helvetica") -> int:
    """How many pages :func:`typeset` makes of ``letter``, without cutting any fragments."""
    return len(_paginate(letter, *_family(font)))


def place(text: str, zone: Zone, x: float, baseline: float, font: str, size: float) -> LaidLine:
    """Cut ``text`` into fragments and put each at its measured x."""
    fragments = []
    for piece in split_fragments(text, font):
        fragments.append(Fragment(piece, x, baseline, font, size))
        x += text_width(piece, font, size)
    return LaidLine(zone, tuple(fragments))


@lru_cache(maxsize=1 << 16)
def text_width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: words and fragments recur, and measuring is pure Python."""
    return pdfmetrics.stringWidth(text, font, size)


def split_fragments(text: str, font: str) -> list[str]:
    """Cut a line where the font's "kerning pairs" fall, as Word cuts text objects.

    A fragment never starts with a space: spaces stay at the end of the fragment before them,
    which also keeps PDFium from adding the space to two fragments (see ``extract``).

    >>> "".join(split_fragments("Pagina 3 van 16", "Helvetica")) == "Pagina 3 van 16"
    True
    """
    pieces = []
    start = 0
    for i in range(1, len(text)):
        if text[i] == " ":
            continue
        if _splits(text[i - 1], text[i], font) or i - start >= MAX_FRAGMENT - 1:
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    return pieces


def _family(font: str) -> tuple[str, str]:
    if font not in FONTS:
        raise ValueError(f"unknown font family {font!r}; choose one of {sorted(FONTS)}")
    register_fonts()
    return FONTS[font]


def _splits(left: str, right: str, font: str) -> bool:
    return zlib.crc32(f"{font}|{left}{right}".encode()) % 100 < SPLIT_PERCENT[font]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces by measured width.

    A word ending in a hyphen ("wind- en zonne...") stays with the next word: a line ending
    in "-" would be read by PDFium as a soft hyphen and extract differently.
    """
    space = text_width(" ", font, size)
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in _words(text):
        word_width = text_width(word, font, size)
        if current and current_width + space + word_width > width:
            lines.append(current)
            current, current_width = "", 0.0
        if current:
            current, current_width = f"{current} {word}", current_width + space + word_width
        else:
            current, current_width = word, word_width
    if current:
        lines.append(current)
    return lines


def _words(text: str) -> Iterator[str]:
    glued = ""
    for word in text.split(" "):
        glued = f"{glued} {word}" if glued else word
        if not word.endswith("-"):
            yield glued
            glued = ""
    if glued:
        yield glued


def _centred(text: str, font: str, size: float) -> float:
    return (PAGE_WIDTH - text_width(text, font, size)) / 2


def _first_page_lines(letter: Letter, regular: str, bold: str) -> Iterator[LaidLine]:
    """Letterhead top right, return address and addressee top left, sidebar on the right."""
    y = LETTERHEAD_TOP
    for text in wrap(letter.sender, regular, LETTERHEAD_SIZE, LETTERHEAD_WIDTH):
        yield place(text, Zone.LETTERHEAD, LETTERHEAD_X, y, regular, LETTERHEAD_SIZE)
        y -= LETTERHEAD_SIZE * 1.3
    yield place(letter.return_address, Zone.ADDRESS, BODY_X, RETURN_Y, regular, RETURN_SIZE)
    for i, text in enumerate(letter.addressee):
        yield place(text, Zone.ADDRESS, BODY_X, ADDRESS_TOP - i * LEADING, regular, BODY_SIZE)
    y = SIDEBAR_TOP
    for label, value in letter.sidebar.items():
        yield place(label, Zone.SIDEBAR, SIDEBAR_X, y, bold, SIDEBAR_SIZE)
        for text in wrap(value, regular, SIDEBAR_SIZE, SIDEBAR_WIDTH):
            y -= SIDEBAR_LEADING
            yield place(text, Zone.SIDEBAR, SIDEBAR_X, y, regular, SIDEBAR_SIZE)
        y -= 2 * SIDEBAR_LEADING


@dataclass(frozen=True, slots=True)
class _BodyLine:
    """A body line before pagination; ``text`` is empty for a blank line."""

    text: str
    font: str
    keep_with_next: bool = False


def _body_lines(letter: Letter, regular: str, bold: str) -> Iterator[_BodyLine]:
    blank = _BodyLine("", regular)

    def paragraph(text: str) -> Iterator[_BodyLine]:
        for line in wrap(text, regular, BODY_SIZE, BODY_WIDTH):
            yield _BodyLine(line, regular)
        yield blank

    for text in letter.opening:
        yield from paragraph(text)
    for section in letter.sections:
        for line in wrap(section.heading, bold, BODY_SIZE, BODY_WIDTH):
            yield _BodyLine(line, bold, keep_with_next=True)
        for text in section.paragraphs:
            yield from paragraph(text)
    yield from paragraph(letter.closing)
    for text in (letter.greeting, "", letter.signatory_title, "", "", letter.signatory):
        yield _BodyLine(text, regular)


def _paginate(letter: Letter, regular: str, bold: str) -> list[list[tuple[_BodyLine, float]]]:
    """Fill pages with body lines and their baselines, top to bottom on the line grid.

    Blank lines vanish at the top of a page; a heading moves on if its next line would not
    fit after it.
    """
    pages: list[list[tuple[_BodyLine, float]]] = [[]]
    y = FIRST_BODY_TOP
    for line in _body_lines(letter, regular, bold):
        room = 2 if line.keep_with_next else 1
        if y - (room - 1) * LEADING < BODY_BOTTOM:
            pages.append([])
            y = BODY_TOP
        if not line.text:
            if pages[-1]:
                y -= LEADING
            continue
        pages[-1].append((line, y))
        y -= LEADING
    return pages
