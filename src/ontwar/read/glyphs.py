"""Read every glyph and every painted object of a PDF page, in drawing order, through PDFium.

Why a reader of our own: every common extractor returns text that a reader of the printed page
never sees (under a white box, in render mode 3, clipped away) and none says what it hid. Deciding
visibility needs more than text: *what* was painted, *where*, and *in which order*. This module
collects exactly that and nothing else; :mod:`ontwar.read.visibility` judges it.

Per glyph we keep its character, baseline origin, advance, ink box (on demand) and the text object
that drew it (font, size, fill/stroke colour, render mode, clip, drawing order). Per page object
we keep its kind, box, clip, colours, whether it is filled, and its drawing order (a depth-first
index that flattens form XObjects). Every glyph gets a document-wide *ordinal* - the provenance
that :class:`ontwar.model.Line` offsets hold for PDF input: glyphs are numbered in the order
PDFium's text page lists them, page after page.

Speed (2,000-page files, >= 100 pages/s on one core) shapes three choices. PDFium is called
through function pointers without ctypes argument conversion, which is most of a call's cost
(:func:`_fast`). Glyphs are stored column-wise, one list per attribute, in :class:`TextRun`. And
consecutive text objects of one style on one baseline (Word writes a line as dozens of fragments)
are merged into one run, so later stages work per line rather than per fragment. Pages are read
one at a time and closed, so memory stays bounded by one page.

PDFium's text page silently drops a text object that repeats one of the previous five text objects
at nearly the same place (its own fake-bold filter, blind to visibility). Dropping it could lose a
visible line drawn over an identical hidden one, and would hide a duplicate from the audit, so
such objects are rebuilt from the object they repeat (:func:`_rebuild_skipped`).
"""

from __future__ import annotations

import ctypes
import importlib
import math
import struct
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Rect = tuple[float, float, float, float]
"""``(x0, y0, x1, y1)`` in PDF points, y pointing up, page space."""

RGBA = tuple[int, int, int, int]
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
BLACK: RGBA = (0, 0, 0, 255)
EMPTY: Rect = (0.0, 0.0, 0.0, 0.0)

MAX_SHAPE_SEGMENTS = 256
"""Filled paths with more segments are not examined as covers (charts, glyph outlines)."""

SKIP_LOOKBACK = 5
"""PDFium compares a text object with this many previous text objects before dropping it."""

MERGE_GAP_EM = 3.0
"""Fragments of one line further apart than this (in em) stay separate runs."""

WHITESPACE = frozenset(" \t\r\n\x00\u00a0")
STROKING_MODES = frozenset({1, 2, 5, 6})


class PaintKind(StrEnum):
    """What a page object paints; forms are flattened into their contents."""

    TEXT = "text"
    PATH = "path"
    IMAGE = "image"
    SHADING = "shading"
    ANNOTATION = "annotation"


@dataclass(slots=True, eq=False)
class Paint:
    """One page object as painted: where, in which order, in which colours, under which clip."""

    order: int
    kind: PaintKind
    box: Rect
    clip: Rect | None
    fill: RGBA = BLACK
    stroke: RGBA = BLACK
    filled: bool = False
    transparent: bool = False
    shape: tuple[tuple[Point, ...], ...] | None = None
    """For filled opaque non-rectangular paths: sub-polygons of on-curve points, page space."""
    probe: Callable[[], int] | None = None
    """For images: reads the image's smallest alpha (its soft mask) while the page is open."""
    _alpha: int | None = None

    @property
    def painted_box(self) -> Rect:
        """The box actually painted: the object's box cut down to its clip."""
        return self.box if self.clip is None else intersect(self.box, self.clip)

    def min_alpha(self) -> int:
        """Smallest alpha the object paints with: its fill alpha, and for images its mask."""
        if self._alpha is None:
            self._alpha = self.fill[3] if self.probe is None else self.probe()
        return self._alpha


class _InkBoxes:
    """Reads glyph ink boxes from a page's open text page, on demand.

    Ink boxes matter only where a cover, clip or crop edge crosses a text object, or for hidden
    glyphs; fetching them for every glyph would cost a quarter of the reader's time.
    """

    def __init__(self, text_page: Any) -> None:
        self.handle: ctypes.c_void_p | None = ctypes.c_void_p(_address(text_page))
        self.values = (ctypes.c_double * 4)()
        base = ctypes.addressof(self.values)
        self.pointers = tuple(ctypes.c_void_p(base + 8 * i) for i in range(4))

    def read(self, indices: list[int]) -> list[Rect]:
        if self.handle is None:
            raise RuntimeError("glyph ink boxes are only available while the page is open")
        handle, values, (left, right, bottom, top) = self.handle, self.values, self.pointers
        boxes: list[Rect] = []
        for index in indices:
            _GET_CHAR_BOX(handle, index, left, right, bottom, top)
            x0, x1, y0, y1 = values
            boxes.append((x0, y0, x1, y1))
        return boxes


class TextRun:
    """Glyphs of one or more consecutive text objects of one style, stored column-wise.

    ``paint`` is the first object's; ``objects`` lists ``(first glyph index, paint)`` for each
    object merged in, so every glyph's own drawing order stays known. (A plain class with
    ``__slots__``: one is made per text object, and a dataclass ``__init__`` costs twice as much.)
    """

    __slots__ = (
        "_boxes",
        "chars",
        "copied_from",
        "ends",
        "font",
        "indices",
        "ink",
        "mode",
        "nominal_size",
        "objects",
        "ordinals",
        "origins",
        "paint",
        "position",
        "size",
        "source",
        "upright",
    )

    def __init__(
        self,
        paint: Paint,
        mode: int,
        font: str,
        size: float,
        upright: bool,
        nominal_size: float = 0.0,
        position: Point = (0.0, 0.0),
    ) -> None:
        self.paint = paint
        self.mode = mode
        self.font = font
        self.size = size
        self.upright = upright
        self.nominal_size = nominal_size
        self.position = position
        self.chars: list[str] = []
        self.origins: list[Point] = []
        self.ends: list[float] = []
        """x where each glyph's advance ends (upright text): spacing is judged on advances."""
        self.ordinals: list[int] = []
        self.indices: list[int] = []
        """Each glyph's index in PDFium's text page (to fetch its ink box on demand)."""
        self.objects: list[tuple[int, Paint]] = []
        self.copied_from: int | None = None
        """Drawing order of the object this one repeats, when PDFium dropped it (module doc)."""
        self.ink: _InkBoxes | None = None
        self.source: tuple[TextRun, float, float] | None = None
        self._boxes: list[Rect] | None = None

    def __repr__(self) -> str:
        return (
            f"TextRun(#{self.paint.order}, {self.text!r}, size={self.size:.1f}, mode={self.mode})"
        )

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    @property
    def last_order(self) -> int:
        """Drawing order of the last object merged into this run."""
        return self.objects[-1][1].order if self.objects else self.paint.order

    def order_of(self, index: int) -> int:
        """Drawing order of the object that drew glyph ``index``."""
        return self.drawn_at(index)[0]

    def drawn_at(self, index: int) -> tuple[int, int]:
        """``(object drawing order, character index in that object)`` of glyph ``index``."""
        if len(self.objects) <= 1:
            return self.paint.order, index
        starts = [start for start, _ in self.objects]
        start, paint = self.objects[bisect_right(starts, index) - 1]
        return paint.order, index - start

    @property
    def boxes(self) -> list[Rect]:
        """Ink box of each glyph; read on first use, which must be while the page is open."""
        if self._boxes is None:
            if self.source is not None:
                run, dx, dy = self.source
                self._boxes = [(a + dx, b + dy, c + dx, d + dy) for a, b, c, d in run.boxes]
            elif self.ink is not None:
                self._boxes = self.ink.read(self.indices)
            else:
                self._boxes = [(x, y, x, y) for x, y in self.origins]
        return self._boxes

    def glyph(self, index: int) -> Glyph:
        """One glyph as a standalone value (for callers that want rows, not columns)."""
        return Glyph(
            ordinal=self.ordinals[index],
            char=self.chars[index],
            box=self.boxes[index],
            origin=self.origins[index],
            end=self.ends[index],
            font=self.font,
            size=self.size,
            fill=self.paint.fill,
            stroke=self.paint.stroke,
            mode=self.mode,
            drawn_at=self.drawn_at(index),
        )


@dataclass(frozen=True, slots=True)
class Glyph:
    """A single glyph with everything visibility and layout look at."""

    ordinal: int
    char: str
    box: Rect
    origin: Point
    end: float
    font: str
    size: float
    fill: RGBA
    stroke: RGBA
    mode: int
    drawn_at: tuple[int, int]
    """Drawing order: (page-object index in depth-first order, character index in the object)."""


@dataclass(slots=True)
class PageGlyphs:
    """One page as read: its crop box, every painted object and every text run's glyphs.

    While the page is open (inside :func:`iter_pages`' loop) ink boxes and image masks can be
    read; :meth:`close` releases PDFium's page.
    """

    number: int
    crop: Rect
    rotation: int
    paints: list[Paint]
    runs: list[TextRun]
    warnings: list[str] = field(default_factory=list)
    ink: _InkBoxes | None = None
    _handles: tuple[Any, ...] = ()

    def close(self) -> None:
        if self.ink is not None:
            self.ink.handle = None
        for paint in self.paints:
            paint.probe = None if paint._alpha is None else paint.probe
        for handle in self._handles:
            handle.close()
        self._handles = ()

    @property
    def glyph_count(self) -> int:
        return sum(len(run) for run in self.runs)

    def glyphs(self) -> Iterator[Glyph]:
        """All glyphs in drawing order."""
        for run in self.runs:
            for index in range(len(run)):
                yield run.glyph(index)


# --- geometry -------------------------------------------------------------------------------


def intersect(a: Rect, b: Rect) -> Rect:
    """The overlap of two boxes (possibly empty: x0 > x1 or y0 > y1)."""
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(matrix: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


def transform_rect(matrix: Matrix, rect: Rect) -> Rect:
    """The bounding box of a transformed box."""
    if matrix == IDENTITY:
        return rect
    points = [apply(matrix, x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


# --- fast PDFium calls -----------------------------------------------------------------------

_VP = ctypes.c_void_p
_INT = ctypes.c_int
_PROTOTYPES: dict[str, tuple[Any, tuple[Any, ...]]] = {
    "FPDFText_GetUnicode": (ctypes.c_uint, (_VP, _INT)),
    "FPDFText_GetCharBox": (_INT, (_VP, _INT, _VP, _VP, _VP, _VP)),
    "FPDFText_GetCharOrigin": (_INT, (_VP, _INT, _VP, _VP)),
    "FPDFText_GetTextObject": (_VP, (_VP, _INT)),
    "FPDFText_GetLooseCharBox": (_INT, (_VP, _INT, _VP)),
    "FPDFText_IsGenerated": (_INT, (_VP, _INT)),
    "FPDFText_GetText": (_INT, (_VP, _INT, _INT, _VP)),
    "FPDFPage_CountObjects": (_INT, (_VP,)),
    "FPDFPage_GetObject": (_VP, (_VP, _INT)),
    "FPDFFormObj_CountObjects": (_INT, (_VP,)),
    "FPDFFormObj_GetObject": (_VP, (_VP, ctypes.c_ulong)),
    "FPDFPageObj_GetType": (_INT, (_VP,)),
    "FPDFPageObj_GetBounds": (_INT, (_VP, _VP, _VP, _VP, _VP)),
    "FPDFPageObj_GetMatrix": (_INT, (_VP, _VP)),
    "FPDFPageObj_GetFillColor": (_INT, (_VP, _VP, _VP, _VP, _VP)),
    "FPDFPageObj_GetStrokeColor": (_INT, (_VP, _VP, _VP, _VP, _VP)),
    "FPDFPageObj_HasTransparency": (_INT, (_VP,)),
    "FPDFPageObj_GetClipPath": (_VP, (_VP,)),
    "FPDFClipPath_CountPaths": (_INT, (_VP,)),
    "FPDFClipPath_CountPathSegments": (_INT, (_VP, _INT)),
    "FPDFClipPath_GetPathSegment": (_VP, (_VP, _INT, _INT)),
    "FPDFPathSegment_GetPoint": (_INT, (_VP, _VP, _VP)),
    "FPDFPathSegment_GetType": (_INT, (_VP,)),
    "FPDFPath_CountSegments": (_INT, (_VP,)),
    "FPDFPath_GetPathSegment": (_VP, (_VP, _INT)),
    "FPDFPath_GetDrawMode": (_INT, (_VP, _VP, _VP)),
    "FPDFTextObj_GetFontSize": (_INT, (_VP, _VP)),
    "FPDFTextObj_GetTextRenderMode": (_INT, (_VP,)),
    "FPDFTextObj_GetFont": (_VP, (_VP,)),
}


def _fast(name: str) -> Callable[..., Any]:
    """A PDFium function without ctypes argument conversion (about 2x cheaper per call).

    Per-glyph and per-object calls dominate the reader's time, and most of a call's cost is
    ctypes converting arguments. This takes a fresh function pointer from pypdfium2's loaded
    library (pypdfium2's own prototypes stay untouched) and sets only the result type; if that
    loader ever changes, it falls back to a typed prototype at the same address.
    Callers pass every handle and pointer as ``c_void_p`` and every index as a small int.
    """
    restype, argtypes = _PROTOTYPES[name]
    try:
        library = importlib.import_module("pypdfium2_raw.bindings")._libs["pdfium"]
        function = library[name]
        function.restype = restype
        return function
    except (ImportError, AttributeError, KeyError):
        address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_F = {name: _fast(name) for name in _PROTOTYPES}
_GET_UNICODE = _F["FPDFText_GetUnicode"]
_GET_CHAR_BOX = _F["FPDFText_GetCharBox"]
_GET_CHAR_ORIGIN = _F["FPDFText_GetCharOrigin"]
_GET_TEXT_OBJECT = _F["FPDFText_GetTextObject"]
_GET_LOOSE_BOX = _F["FPDFText_GetLooseCharBox"]
_IS_GENERATED = _F["FPDFText_IsGenerated"]
_GET_TYPE = _F["FPDFPageObj_GetType"]
_GET_BOUNDS = _F["FPDFPageObj_GetBounds"]
_GET_MATRIX = _F["FPDFPageObj_GetMatrix"]
_GET_FILL = _F["FPDFPageObj_GetFillColor"]
_GET_STROKE = _F["FPDFPageObj_GetStrokeColor"]
_GET_CLIP = _F["FPDFPageObj_GetClipPath"]
_COUNT_CLIP_PATHS = _F["FPDFClipPath_CountPaths"]
_GET_MODE = _F["FPDFTextObj_GetTextRenderMode"]
_GET_FONT_SIZE = _F["FPDFTextObj_GetFontSize"]
_GET_FONT = _F["FPDFTextObj_GetFont"]


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


_FOUR_FLOATS = struct.Struct("4f").unpack_from
_SIX_FLOATS = struct.Struct("6f").unpack_from
_FOUR_UINTS = struct.Struct("4I").unpack_from


class _Out:
    """Preallocated out-parameters (and pointers to them) reused by every call on a page;
    results are unpacked with ``struct``, several times faster than indexing ctypes arrays."""

    def __init__(self) -> None:
        self.floats = (ctypes.c_float * 6)()
        self.uints = (ctypes.c_uint * 4)()
        self.ints = (ctypes.c_int * 2)()
        f, u, i = (ctypes.addressof(a) for a in (self.floats, self.uints, self.ints))
        self.f = tuple(ctypes.c_void_p(f + 4 * k) for k in range(6))
        self.u = tuple(ctypes.c_void_p(u + 4 * k) for k in range(4))
        self.i = tuple(ctypes.c_void_p(i + 4 * k) for k in range(2))

    def bounds(self, obj: ctypes.c_void_p) -> Rect:
        f = self.f
        if not _GET_BOUNDS(obj, f[0], f[1], f[2], f[3]):
            return EMPTY
        return _FOUR_FLOATS(self.floats)  # type: ignore[return-value]

    def matrix(self, obj: ctypes.c_void_p) -> Matrix:
        if not _GET_MATRIX(obj, self.f[0]):
            return IDENTITY
        return _SIX_FLOATS(self.floats)  # type: ignore[return-value]

    def colour(self, getter: Callable[..., int], obj: ctypes.c_void_p) -> RGBA:
        u = self.u
        if not getter(obj, u[0], u[1], u[2], u[3]):
            return BLACK
        return _FOUR_UINTS(self.uints)  # type: ignore[return-value]

    def point(self, segment: int) -> Point | None:
        if not segment or not _F["FPDFPathSegment_GetPoint"](_VP(segment), *self.f[:2]):
            return None
        x, y = self.floats[:2]
        return (x, y)


# --- page objects ---------------------------------------------------------------------------


def _clip_box(out: _Out, obj: ctypes.c_void_p) -> Rect | None:
    """Bounding box of the object's clip: the intersection of its clip paths' boxes.

    Exact for the rectangular clips that hide text in practice; for other shapes it over-states
    the visible area, which errs towards keeping text (conservative).
    """
    handle = _GET_CLIP(obj)
    if not handle:
        return None
    clip = _VP(handle)
    paths = _COUNT_CLIP_PATHS(clip)
    if paths <= 0:
        return None
    box: Rect | None = None
    for path in range(paths):
        count = _F["FPDFClipPath_CountPathSegments"](clip, path)
        points = [out.point(_F["FPDFClipPath_GetPathSegment"](clip, path, i)) for i in range(count)]
        xs = [p[0] for p in points if p is not None]
        ys = [p[1] for p in points if p is not None]
        if xs:
            path_box = (min(xs), min(ys), max(xs), max(ys))
            box = path_box if box is None else intersect(box, path_box)
    return box


def _path_polygons(
    out: _Out, obj: ctypes.c_void_p, matrix: Matrix
) -> tuple[tuple[Point, ...], ...] | None:
    """The path's sub-polygons of on-curve points in page space (None if too complex).

    For convex curves the polygon of on-curve points lies inside the curve, so "inside the
    polygon" under-states the painted area: covers are never over-estimated.
    """
    count = _F["FPDFPath_CountSegments"](obj)
    if count <= 0 or count > MAX_SHAPE_SEGMENTS:
        return None
    polygons: list[tuple[Point, ...]] = []
    current: list[Point] = []
    for index in range(count):
        segment = _F["FPDFPath_GetPathSegment"](obj, index)
        point = out.point(segment)
        if point is None:
            return None
        if _F["FPDFPathSegment_GetType"](_VP(segment)) == pdfium_c.FPDF_SEGMENT_MOVETO and current:
            polygons.append(tuple(current))
            current = []
        current.append(apply(matrix, *point))
    if current:
        polygons.append(tuple(current))
    return tuple(polygons)


def is_rectangle(
    polygons: tuple[tuple[Point, ...], ...], box: Rect, tolerance: float = 0.01
) -> bool:
    """Whether a path is one axis-aligned rectangle filling its own box."""
    if len(polygons) != 1 or not 4 <= len(polygons[0]) <= 5:
        return False
    corners = {(round(px, 2), round(py, 2)) for px, py in polygons[0]}
    return len(corners) == 4 and all(
        min(abs(px - box[0]), abs(px - box[2])) <= tolerance
        and min(abs(py - box[1]), abs(py - box[3])) <= tolerance
        for px, py in polygons[0]
    )


def _image_alpha(document: int, page: int, image: int) -> int:
    """Smallest alpha of an image as drawn (its soft mask applied); 255 without a mask.

    PDFium's transparency test ignores an image's own soft mask, so a PNG with an alpha channel
    would pass for an opaque cover. Rendering the image with its mask settles it; this runs only
    for images that would otherwise cover some text.
    """
    render = pdfium_c.FPDFImageObj_GetRenderedBitmap
    bitmap = render(
        ctypes.cast(document, pdfium_c.FPDF_DOCUMENT),
        ctypes.cast(page, pdfium_c.FPDF_PAGE),
        ctypes.cast(image, pdfium_c.FPDF_PAGEOBJECT),
    )
    if not bitmap:
        return 255
    try:
        if pdfium_c.FPDFBitmap_GetFormat(bitmap) != pdfium_c.FPDFBitmap_BGRA:
            return 255
        width = pdfium_c.FPDFBitmap_GetWidth(bitmap)
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        height = pdfium_c.FPDFBitmap_GetHeight(bitmap)
        data = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), stride * height)
        rows = (data[row * stride : row * stride + 4 * width] for row in range(height))
        return min((min(row[3::4]) for row in rows if row), default=255)
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)


class _ObjectWalker:
    """Flattens a page's objects (entering forms) into paints and empty text runs, in order."""

    def __init__(self, document: int, page: int) -> None:
        self.document = document
        self.page = page
        self.out = _Out()
        self.paints: list[Paint] = []
        self.texts: dict[int, TextRun] = {}
        self.fonts: dict[int, str] = {}

    def walk(self, holder: int, is_form: bool, matrix: Matrix, parent_clip: Rect | None) -> None:
        handle = _VP(holder)
        if is_form:
            count, getter = _F["FPDFFormObj_CountObjects"](handle), _F["FPDFFormObj_GetObject"]
        else:
            count, getter = _F["FPDFPage_CountObjects"](handle), _F["FPDFPage_GetObject"]
        for index in range(max(count, 0)):
            address = getter(handle, index)
            if address:
                self._visit(address, matrix, parent_clip)

    def _visit(self, address: int, matrix: Matrix, parent_clip: Rect | None) -> None:
        obj = _VP(address)
        kind = _GET_TYPE(obj)
        clip = _clip_box(self.out, obj)
        if clip is not None and matrix is not IDENTITY:
            clip = transform_rect(matrix, clip)
        if parent_clip is not None:
            clip = parent_clip if clip is None else intersect(clip, parent_clip)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            self._visit_text(address, obj, matrix, clip)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            self.walk(address, True, compose(self.out.matrix(obj), matrix), clip)
        elif kind in _PAINT_KINDS:
            self._visit_graphic(address, obj, _PAINT_KINDS[kind], matrix, clip)

    def _visit_graphic(
        self, address: int, obj: ctypes.c_void_p, kind: PaintKind, matrix: Matrix, clip: Rect | None
    ) -> None:
        out = self.out
        box = transform_rect(matrix, out.bounds(obj))
        paint = Paint(len(self.paints), kind, box, clip, out.colour(_GET_FILL, obj))
        self.paints.append(paint)
        paint.transparent = bool(_F["FPDFPageObj_HasTransparency"](obj))
        if kind is PaintKind.PATH:
            self._visit_path(obj, paint, matrix)
            return
        paint.filled = True
        if kind is PaintKind.IMAGE:
            document, page = self.document, self.page
            paint.probe = lambda: _image_alpha(document, page, address)

    def _visit_path(self, obj: ctypes.c_void_p, paint: Paint, matrix: Matrix) -> None:
        out = self.out
        if _F["FPDFPath_GetDrawMode"](obj, *out.i):
            paint.filled = out.ints[0] != pdfium_c.FPDF_FILLMODE_NONE
        box = paint.box
        if not paint.filled or paint.fill[3] < 255 or box[2] - box[0] < 1 or box[3] - box[1] < 1:
            return
        polygons = _path_polygons(out, obj, compose(out.matrix(obj), matrix))
        if polygons is None:
            paint.filled = False  # too complex to judge; never treated as a cover
        elif not is_rectangle(polygons, box):
            paint.shape = polygons

    def _visit_text(
        self, address: int, obj: ctypes.c_void_p, matrix: Matrix, clip: Rect | None
    ) -> None:
        out = self.out
        mode = _GET_MODE(obj)
        box = transform_rect(matrix, out.bounds(obj))
        paint = Paint(len(self.paints), PaintKind.TEXT, box, clip, out.colour(_GET_FILL, obj))
        self.paints.append(paint)
        if mode in STROKING_MODES:
            paint.stroke = out.colour(_GET_STROKE, obj)
        full = out.matrix(obj)
        if matrix is not IDENTITY:
            full = compose(full, matrix)
        nominal = out.floats[0] if _GET_FONT_SIZE(obj, out.f[0]) else 0.0
        a, b, c, d, e, f = full
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        upright = abs(b) < 1e-3 * scale and abs(c) < 1e-3 * scale and a > 0 and d > 0
        font = _GET_FONT(obj) or 0
        if font not in self.fonts:
            self.fonts[font] = _read_font_name(font)
        run = TextRun(paint, mode, self.fonts[font], nominal * scale, upright, nominal, (e, f))
        self.texts[address] = run


_PAINT_KINDS = {
    pdfium_c.FPDF_PAGEOBJ_PATH: PaintKind.PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE: PaintKind.IMAGE,
    pdfium_c.FPDF_PAGEOBJ_SHADING: PaintKind.SHADING,
}


def _read_font_name(font: int) -> str:
    if not font:
        return ""
    handle = ctypes.cast(font, pdfium_c.FPDF_FONT)
    length = pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
    if length <= 1:
        return ""
    buffer = ctypes.create_string_buffer(length)
    pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, length)
    return buffer.value.decode("utf-8", "replace")


# --- annotations ----------------------------------------------------------------------------


def _annotation_covers(page: Any, paints: list[Paint]) -> list[str]:
    """Add filled square annotations as paints drawn after the content; return warnings.

    A square annotation with an interior colour is drawn over the page by every viewer: a black
    box "redaction" made with a comment tool, which leaves the text underneath in the file. A
    redaction annotation that was never applied hides nothing (viewers draw only its outline), so
    it only earns a warning.
    """
    warnings: list[str] = []
    unapplied = 0
    for index in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            flags = pdfium_c.FPDFAnnot_GetFlags(annot)
            if flags & (pdfium_c.FPDF_ANNOT_FLAG_HIDDEN | pdfium_c.FPDF_ANNOT_FLAG_NOVIEW):
                continue
            if subtype == pdfium_c.FPDF_ANNOT_REDACT:
                unapplied += 1
            elif subtype == pdfium_c.FPDF_ANNOT_SQUARE:
                paint = _square_annotation(annot, len(paints))
                if paint is not None:
                    paints.append(paint)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    if unapplied:
        warnings.append(
            f"{unapplied} redaction annotation(s) never applied: the text under them is visible"
        )
    return warnings


def _square_annotation(annot: Any, order: int) -> Paint | None:
    channels = [ctypes.c_uint() for _ in range(4)]
    interior = pdfium_c.FPDFANNOT_COLORTYPE_InteriorColor
    if not pdfium_c.FPDFAnnot_GetColor(annot, interior, *channels):
        return None
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFAnnot_GetRect(annot, rect):
        return None
    opacity = ctypes.c_float(1.0)
    if pdfium_c.FPDFAnnot_HasKey(annot, b"CA"):
        pdfium_c.FPDFAnnot_GetNumberValue(annot, b"CA", opacity)
    r, g, b, a = (channel.value for channel in channels)
    box = (
        min(rect.left, rect.right),
        min(rect.bottom, rect.top),
        max(rect.left, rect.right),
        max(rect.bottom, rect.top),
    )
    paint = Paint(order, PaintKind.ANNOTATION, box, None, (r, g, b, a), filled=True)
    paint.transparent = opacity.value < 1.0
    return paint


# --- characters -----------------------------------------------------------------------------


def _read_chars(
    text_page: Any, texts: dict[int, TextRun], first_ordinal: int, ink: _InkBoxes
) -> int:
    """Fill each text object's run with its non-generated characters; return the next ordinal.

    Two calls per character: owner, and the loose box whose left edge is the origin and whose
    right edge is the advance (spacing needs advances: ink gaps make "1." look like "1 ."). Code
    points come in one call for the page (:func:`_page_text`), the baseline once per upright text
    object (which shares one baseline), ink boxes when someone needs them (:class:`_InkBoxes`).
    """
    handle = ctypes.c_void_p(_address(text_page))
    origin = (ctypes.c_double * 2)()
    loose = (ctypes.c_float * 4)()
    ox = ctypes.c_void_p(ctypes.addressof(origin))
    oy = ctypes.c_void_p(ctypes.addressof(origin) + 8)
    loose_pointer = ctypes.c_void_p(ctypes.addressof(loose))
    get_object, get_loose = _GET_TEXT_OBJECT, _GET_LOOSE_BOX
    count = pdfium_c.FPDFText_CountChars(text_page)
    text = _page_text(handle, count)
    ordinal = first_ordinal
    current = -1
    run: TextRun | None = None
    upright, baseline = True, 0.0
    chars = origins = ends = ordinals = indices = []  # rebound per run below
    for index in range(count):
        key = get_object(handle, index) or 0
        if key != current:
            current = key
            run = texts.get(key)
            if run is None:
                continue
            run.ink = ink
            chars, origins, ends = run.chars, run.origins, run.ends
            ordinals, indices, upright = run.ordinals, run.indices, run.upright
            _GET_CHAR_ORIGIN(handle, index, ox, oy)
            baseline = origin[1]
        elif run is None:
            continue
        char = text[index]
        if char in WHITESPACE and _IS_GENERATED(handle, index):
            continue
        get_loose(handle, index, loose_pointer)
        if upright:
            origins.append((loose[0], baseline))
        else:
            _GET_CHAR_ORIGIN(handle, index, ox, oy)
            origins.append((origin[0], origin[1]))
        chars.append(char)
        ends.append(loose[2])
        ordinals.append(ordinal)
        indices.append(index)
        ordinal += 1
    return ordinal


def _page_text(handle: ctypes.c_void_p, count: int) -> str:
    """The code point of every character of the text page, one per character index.

    One bulk call instead of one per character. It is used only if it has exactly one code point
    per character (characters beyond the BMP or a truncated buffer break that); otherwise, and
    for characters PDFium could not map, each code point is asked for separately.
    """
    buffer = (ctypes.c_ushort * (count + 1))()
    written = _F["FPDFText_GetText"](handle, 0, count, ctypes.c_void_p(ctypes.addressof(buffer)))
    raw = bytes(buffer)[: 2 * max(0, written - 1)]
    text = raw.decode("utf-16-le", "replace")
    if len(text) != count:
        return "".join(chr(_GET_UNICODE(handle, i) or 0xFFFD) for i in range(count))
    if "\ufffd" in text or "\x00" in text:
        return "".join(
            chr(_GET_UNICODE(handle, i) or 0xFFFD) if char in "\ufffd\x00" else char
            for i, char in enumerate(text)
        )
    return text


# --- PDFium's dropped duplicates ------------------------------------------------------------


def _rebuild_skipped(walker: _ObjectWalker, first_ordinal: int) -> tuple[list[TextRun], list[str]]:
    """Rebuild text objects PDFium's text page dropped as repeats of a recent text object.

    PDFium drops a text object with the same character codes, font size and (nearly) position as
    one of the previous five text objects. Its text is therefore the text of that object, moved by
    the difference in position; we find it by the same tests PDFium applies that we can observe
    (size, overlap, equal width, offset).
    """
    order = list(walker.texts.values())
    warnings: list[str] = []
    ordinal = first_ordinal
    for position, run in enumerate(order):
        if run.chars or run.paint.box[2] - run.paint.box[0] < 0.01:
            continue  # read, or no ink at all (a lone space: PDFium skips those too)
        source = _find_source(run, order[max(0, position - SKIP_LOOKBACK) : position])
        if source is None:
            box = run.paint.box
            if box[2] - box[0] > 0.5:
                warnings.append(f"text object #{run.paint.order} could not be read; left out")
            continue
        _copy_into(run, source, ordinal)
        ordinal += len(run)
    return [run for run in walker.texts.values() if run.chars], warnings


def _find_source(run: TextRun, previous: list[TextRun]) -> TextRun | None:
    box = run.paint.box
    width = box[2] - box[0]
    for other in reversed(previous):
        if not other.chars or other.nominal_size != run.nominal_size:
            continue
        other_box = other.paint.box
        overlap = intersect(box, other_box)
        if overlap[0] >= overlap[2] or overlap[1] >= overlap[3]:
            continue
        if abs((other_box[2] - other_box[0]) - width) > max(0.05, 0.002 * width):
            continue
        dx = run.position[0] - other.position[0]
        dy = run.position[1] - other.position[1]
        if abs(dx) <= run.size and abs(dy) <= max(run.size, box[3] - box[1]) / 8 + 0.01:
            return other
    return None


def _copy_into(run: TextRun, source: TextRun, ordinal: int) -> None:
    dx = run.position[0] - source.position[0]
    dy = run.position[1] - source.position[1]
    run.copied_from = source.paint.order
    run.source = (source, dx, dy)
    run.chars = list(source.chars)
    run.origins = [(x + dx, y + dy) for x, y in source.origins]
    run.ends = [end + dx for end in source.ends]
    run.indices = [-1] * len(source.chars)
    run.ordinals = list(range(ordinal, ordinal + len(source.chars)))


# --- merging fragments into lines ------------------------------------------------------------


def _same_line(a: TextRun, b: TextRun, empty: frozenset[int]) -> bool:
    """Whether ``b`` continues ``a`` on its line, drawn right after it, in the same style.

    "Right after" allows text objects PDFium shows no glyphs for in between (a lone space: it
    has no ink, so PDFium's text page skips it).
    """
    pa, pb = a.paint, b.paint
    return (
        a.upright
        and b.upright
        and a.copied_from is None
        and b.copied_from is None
        and (
            pb.order == a.last_order + 1
            or all(order in empty for order in range(a.last_order + 1, pb.order))
        )
        and a.mode == b.mode
        and a.size == b.size
        and a.font == b.font
        and pa.fill == pb.fill
        and pa.stroke == pb.stroke
        and pa.clip == pb.clip
        and a.origins[-1][1] == b.origins[0][1]
        and a.ends[-1] - 0.5 <= b.origins[0][0] <= a.ends[-1] + MERGE_GAP_EM * a.size
    )


def _merge_lines(runs: list[TextRun], empty: frozenset[int]) -> list[TextRun]:
    """Merge consecutive fragments of one line into one run (Word writes ~5 glyphs per object).

    Only objects drawn one right after the other merge, so no other object was painted between
    them and every visibility rule judges the merged run exactly as it would the fragments.
    """
    merged: list[TextRun] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last is not None and _same_line(last, run, empty):
            if not last.objects:
                last.objects.append((0, last.paint))
            last.objects.append((len(last.chars), run.paint))
            last.chars += run.chars
            last.origins += run.origins
            last.ends += run.ends
            last.ordinals += run.ordinals
            last.indices += run.indices
            box, other = last.paint.box, run.paint.box
            last.paint.box = (
                min(box[0], other[0]),
                min(box[1], other[1]),
                max(box[2], other[2]),
                max(box[3], other[3]),
            )
        else:
            merged.append(run)
    return merged


# --- pages ----------------------------------------------------------------------------------


def _crop_box(page: pdfium.PdfPage) -> Rect:
    rect = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page.raw, rect):
        return (rect.left, rect.bottom, rect.right, rect.top)
    left, bottom, right, top = page.get_cropbox()
    return (left, bottom, right, top)


def read_page(pdf: pdfium.PdfDocument, index: int, first_ordinal: int) -> PageGlyphs:
    """Read one page (0-based ``index``); ordinals start at ``first_ordinal``.

    The page stays open so that ink boxes and image masks can be read on demand: call
    :meth:`PageGlyphs.close` when done (:func:`iter_pages` does).
    """
    page = pdf[index]
    text_page = page.get_textpage()
    try:
        ink = _InkBoxes(text_page.raw)
        walker = _ObjectWalker(_address(pdf.raw), _address(page.raw))
        walker.walk(_address(page.raw), False, IDENTITY, None)
        next_ordinal = _read_chars(text_page.raw, walker.texts, first_ordinal, ink)
        runs, warnings = _rebuild_skipped(walker, next_ordinal)
        warnings += _annotation_covers(page.raw, walker.paints)
        empty = frozenset(run.paint.order for run in walker.texts.values() if not run.chars)
        return PageGlyphs(
            number=index + 1,
            crop=_crop_box(page),
            rotation=page.get_rotation(),
            paints=walker.paints,
            runs=_merge_lines(runs, empty),
            warnings=warnings,
            ink=ink,
            _handles=(text_page, page),
        )
    except BaseException:
        text_page.close()
        page.close()
        raise


def load_page(pdf: pdfium.PdfDocument, index: int, first_ordinal: int) -> PageGlyphs:
    """:func:`read_page`, but a page PDFium cannot load becomes an empty page with a warning."""
    try:
        return read_page(pdf, index, first_ordinal)
    except pdfium.PdfiumError as error:
        page = PageGlyphs(index + 1, EMPTY, 0, [], [])
        page.warnings.append(f"page {index + 1} could not be read ({error}); left empty")
        return page


def iter_pages(pdf: pdfium.PdfDocument, first_ordinal: int = 0) -> Iterator[PageGlyphs]:
    """Read all pages in order, one open at a time, numbering glyphs across the document.

    Each page stays open (ink boxes readable) until the loop asks for the next one.
    """
    ordinal = first_ordinal
    for index in range(len(pdf)):
        page = load_page(pdf, index, ordinal)
        ordinal += page.glyph_count
        try:
            yield page
        finally:
            page.close()
