"""The damaging extractor: text objects sorted by baseline, then x, joined without separators.

This reproduces how the real broken text came about. The extractor took every PDF text object
as one fragment, grouped fragments into lines by baseline, sorted each line by x and glued the
fragments together. On a stacked page (see :mod:`ontwar.synth.stack`) hidden layers that share
a baseline with the visible one end up merged into one line, fragment by fragment. Where
fragments of different layers start at the same x (the left margin), the real output shows no
fixed order, so ties are broken by a seeded random key per page rather than by drawing order.

Fragment texts are what PDFium's ``FPDFTextObj_GetText`` returns, but computed for all objects
of a page in one pass (:func:`object_texts`): calling it per object scans the whole page each
time, which is quadratic on stacked pages (10 s for a 16-page letter).
"""

from __future__ import annotations

import ctypes
import random
from dataclasses import dataclass
from itertools import accumulate

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: Fragments whose baselines lie within this many points of a line's first fragment join it.
BASELINE_TOLERANCE = 2.0
#: Fragments whose x differ by at most this many points are tied.
X_TIE = 0.01

#: ``FPDFText_GetTextObject`` returning the object's address as a plain int: it is called for
#: every character, and pypdfium2's binding returns a pointer object that must then be cast.
_text_object_address = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A text object as the extractor sees it: its text and baseline origin."""

    text: str
    x: float
    baseline: float


def read_pieces(pdf: bytes) -> list[list[Piece]]:
    """Every non-empty text object of every page, in drawing order."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_page_pieces(page) for page in document]
    finally:
        document.close()


def extract_pages(pdf: bytes, *, seed: int = 0, tolerance: float = BASELINE_TOLERANCE) -> list[str]:
    """The damaged text of each page: lines top to bottom, joined by newlines."""
    return [
        "\n".join(join_lines(pieces, random.Random(f"{seed}/{number}"), tolerance))
        for number, pieces in enumerate(read_pieces(pdf), start=1)
    ]


def extract_text(pdf: bytes, *, seed: int = 0, page_separator: str = "\n") -> str:
    """The whole damaged extraction; the real case separates pages with a plain newline."""
    return page_separator.join(extract_pages(pdf, seed=seed))


def extract_pages_separately(clean_pdf: bytes) -> list[str]:
    """Truth per page: the same extraction of a PDF whose pages each hold one layer.

    Lines are right-stripped and whitespace-only lines dropped (:func:`normalise_page`).
    """
    return [normalise_page(text) for text in extract_pages(clean_pdf)]


def normalise_page(text: str) -> str:
    """Right-strip every line and drop lines that are only whitespace.

    >>> normalise_page("a  \\n \\nb")
    'a\\nb'
    """
    return "\n".join(line.rstrip() for line in text.split("\n") if line.strip())


def join_lines(
    pieces: list[Piece], rng: random.Random, tolerance: float = BASELINE_TOLERANCE
) -> list[str]:
    """Group pieces into lines by baseline and glue each line's pieces in x order.

    A line's baseline is that of its first (highest) piece. Within a line, pieces whose x
    tie are ordered by a key drawn from ``rng`` for every piece.
    """
    keys = {id(piece): rng.random() for piece in pieces}
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.baseline, p.x)):
        if lines and lines[-1][0].baseline - piece.baseline <= tolerance:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return ["".join(p.text for p in _x_order(line, keys)) for line in lines]


def _x_order(line: list[Piece], keys: dict[int, float]) -> list[Piece]:
    """Sort by x; runs of pieces within :data:`X_TIE` of the run's first are shuffled by key."""
    ordered: list[Piece] = []
    tied: list[Piece] = []
    for piece in sorted(line, key=lambda p: p.x):
        if tied and piece.x - tied[0].x > X_TIE:
            ordered += sorted(tied, key=lambda p: keys[id(p)])
            tied = []
        tied.append(piece)
    return ordered + sorted(tied, key=lambda p: keys[id(p)])


def _page_pieces(page: pdfium.PdfPage) -> list[Piece]:
    textpage = page.get_textpage()
    try:
        texts = object_texts(textpage)
        pieces = []
        matrix = pdfium_c.FS_MATRIX()
        for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
            if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            text = texts.get(_address(obj), "")
            if text:
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                pieces.append(Piece(text, matrix.e, matrix.f))
        return pieces
    finally:
        textpage.close()
        page.close()


def object_texts(textpage: pdfium.PdfTextPage) -> dict[int, str]:
    """``FPDFTextObj_GetText`` for every text object of a page, keyed by object address.

    This replays PDFium's ``CPDF_TextPage::GetTextByPredicate`` for all objects at once. An
    object's text is its own characters, in page order, plus two effects of the characters
    between them: a space right after the object's character is appended (even when it
    belongs to the next object), and a stretch containing anything but spaces starts a new
    line (``"\\r\\n"``) if the next own character sits on another baseline.
    """
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    chars = [chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(count)]
    owners = [_text_object_address(handle, i) for i in range(count)]
    non_spaces = list(accumulate((char != " " for char in chars), initial=0))
    texts: dict[int, list[str]] = {}
    last: dict[int, int] = {}
    line_y: dict[int, float] = {}
    for i, owner in enumerate(owners):
        if owner is None:
            continue
        parts = texts.setdefault(owner, [])
        previous = last.get(owner)
        if previous != i - 1:
            gap_start = 0 if previous is None else previous + 1
            if previous is not None and chars[gap_start] == " ":
                parts.append(" ")
            if non_spaces[i] > non_spaces[gap_start]:
                y = _origin_y(handle, i)
                if y != line_y.get(owner, 0.0):
                    line_y[owner] = y
                    if parts:
                        parts.append("\r\n")
        if chars[i] != "\0":
            parts.append(chars[i])
        last[owner] = i
    for owner, i in last.items():
        if i + 1 < count and chars[i + 1] == " ":
            texts[owner].append(" ")
    return {owner: "".join(parts) for owner, parts in texts.items()}


def _address(obj: object) -> int | None:
    return ctypes.cast(obj, ctypes.c_void_p).value


def _origin_y(textpage: object, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value
