"""Decide, glyph by glyph, whether a reader of the printed page can see it, and if not, why.

Failed redactions leak because extractors return every glyph in the content stream. The rules
below were measured exact on eight hiding methods and twelve look-alikes (see
``shared/notes/recovery-research.md``); each hidden glyph gets a :class:`Reason` so that nothing
disappears silently. A glyph is hidden when

* its render mode is 3 (invisible) or 7 (clip only), or the colour it paints has alpha 0;
* less than half of it lies inside the crop box, or inside its clip;
* an opaque filled path or image drawn *later* contains its box (or a filled square annotation,
  which viewers draw over the page: the comment-tool "black box");
* it has the colour of the topmost fill drawn *earlier* beneath it (white paper if none), using
  the stroke colour for outline-only render modes.

Look-alikes that must stay visible: text on a grey box, white text on a dark box, a translucent
highlight drawn after, a clip that contains the text, a background image drawn before (its
colours are unknown, so it never makes text "background-coloured"), outlined white text, and an
underline rule (drawn after, but not containing the glyph).

Two further rules work on what the first ones left visible: :func:`drop_fake_bold` collapses the
double drawing Word uses for "fake bold", and :class:`RepeatFilter` catches earlier pages that
recur at identical positions on a later page (stacked layers under a cover the rules missed).

Most text objects are decided as a whole (nothing drawn over them, nothing under them), so the
per-glyph tests run only where a cover, clip or fill edge actually crosses a text object.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from ontwar.read.glyphs import (
    RGBA,
    PageGlyphs,
    Paint,
    PaintKind,
    Point,
    Rect,
    TextRun,
)

WHITE: RGBA = (255, 255, 255, 255)

COLOUR_TOLERANCE = 8
"""Largest per-channel difference (0-255) at which text counts as background-coloured."""

INSIDE_FRACTION = 0.5
"""A glyph less than this fraction inside the crop box or its clip is hidden."""

CONTAIN_TOLERANCE = 0.01
"""Points a cover may fall short of a glyph box and still cover it (float noise)."""

GRID_CELL = 64.0
"""Cell size (points) of the spatial index over filled objects."""

FAKE_BOLD_OFFSET = 1.0
"""Largest origin offset (points) between two drawings of one glyph that count as fake bold."""

FAKE_BOLD_OFFSET_EM = 0.15
"""...and at most this fraction of the font size, so "ll" in tiny print is never merged."""

REPEAT_WINDOW = 64
"""How many earlier pages the repeat rule compares with (bounds time and memory)."""

REPEAT_SHARE = 0.9
"""Share of an earlier page's visible glyphs that must recur for that page to count as repeated."""

REPEAT_MIN_GLYPHS = 20
"""Earlier pages with fewer visible glyphs are never taken as repeated (headers alone)."""


class Reason(StrEnum):
    """Why a glyph is hidden; the values are what audits print."""

    INVISIBLE = "invisible render mode"
    CLIP_ONLY = "clip-only render mode"
    TRANSPARENT = "fully transparent"
    OUTSIDE_CROP = "outside crop box"
    CLIPPED = "clipped away"
    COVERED = "covered by later fill"
    COVERED_IMAGE = "covered by later image"
    COVERED_ANNOTATION = "covered by annotation"
    BACKGROUND = "same colour as background"
    REPEATS = "repeats earlier page"
    FAKE_BOLD = "fake-bold duplicate"


@dataclass(frozen=True, slots=True)
class Verdict:
    """A hidden glyph's reason, and what caused it (the covering object, the repeated page)."""

    reason: Reason
    cause: str = ""


Verdicts = list[Verdict | None]


@dataclass(slots=True)
class PageVisibility:
    """A read page plus, per text run, the verdict of each glyph (``None``: all visible)."""

    page: PageGlyphs
    verdicts: list[Verdicts | None]
    counts: dict[Reason, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def hide(self, run_index: int, glyph_index: int, verdict: Verdict) -> None:
        verdicts = self.verdicts[run_index]
        if verdicts is None:
            verdicts = self.verdicts[run_index] = [None] * len(self.page.runs[run_index])
        verdicts[glyph_index] = verdict
        self.counts[verdict.reason] = self.counts.get(verdict.reason, 0) + 1

    def visible(self) -> Iterator[tuple[int, int]]:
        """``(run index, glyph index)`` of every visible glyph, in drawing order."""
        for run_index, run in enumerate(self.page.runs):
            verdicts = self.verdicts[run_index]
            if verdicts is None:
                for glyph_index in range(len(run)):
                    yield run_index, glyph_index
            else:
                for glyph_index, verdict in enumerate(verdicts):
                    if verdict is None:
                        yield run_index, glyph_index

    def is_visible(self, run_index: int, glyph_index: int) -> bool:
        verdicts = self.verdicts[run_index]
        return verdicts is None or verdicts[glyph_index] is None


# --- geometry helpers ------------------------------------------------------------------------


def glyph_test_box(run: TextRun, index: int) -> Rect:
    """The box visibility tests use: the ink box, or for glyphs without ink (spaces, whose box
    PDFium makes a flat line on the baseline) the advance from descender to x-height."""
    x0, y0, x1, y1 = run.boxes[index]
    size = run.size or 1.0
    if x1 - x0 > 0.01 and y1 - y0 > 0.05 * size:
        return (x0, y0, x1, y1)
    ox, oy = run.origins[index]
    return (ox, oy - 0.2 * size, max(run.ends[index], x1, ox + 0.01), oy + 0.5 * size)


def _padded(box: Rect, size: float) -> Rect:
    """A text object's box grown to hold the widened boxes of its spaces (see above)."""
    pad = 0.3 * (size or 1.0)
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def contains(outer: Rect, inner: Rect, tolerance: float = CONTAIN_TOLERANCE) -> bool:
    return (
        outer[0] <= inner[0] + tolerance
        and outer[1] <= inner[1] + tolerance
        and outer[2] >= inner[2] - tolerance
        and outer[3] >= inner[3] - tolerance
    )


def inside_fraction(box: Rect, region: Rect) -> float:
    """How much of ``box`` lies inside ``region`` (by area; by length for flat boxes)."""
    width, height = box[2] - box[0], box[3] - box[1]
    ix = max(0.0, min(box[2], region[2]) - max(box[0], region[0]))
    iy = max(0.0, min(box[3], region[3]) - max(box[1], region[1]))
    if width <= 0 and height <= 0:
        return 1.0 if ix >= 0 and iy >= 0 and contains(region, box) else 0.0
    if width <= 0:
        return iy / height if region[0] <= box[0] <= region[2] else 0.0
    if height <= 0:
        return ix / width if region[1] <= box[1] <= region[3] else 0.0
    return (ix * iy) / (width * height)


def _point_in_polygons(point: Point, polygons: tuple[tuple[Point, ...], ...]) -> bool:
    """Even-odd rule over all sub-polygons."""
    x, y = point
    inside = False
    for polygon in polygons:
        count = len(polygon)
        for i in range(count):
            ax, ay = polygon[i]
            bx, by = polygon[i - 1]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
    return inside


def paint_contains_box(paint: Paint, box: Rect) -> bool:
    if not contains(paint.painted_box, box):
        return False
    if paint.shape is None:
        return True
    corners = ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3]))
    return all(_point_in_polygons(corner, paint.shape) for corner in corners)


def paint_contains_point(paint: Paint, point: Point) -> bool:
    box = paint.painted_box
    if not (box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]):
        return False
    return paint.shape is None or _point_in_polygons(point, paint.shape)


def same_colour(a: RGBA, b: RGBA, tolerance: int = COLOUR_TOLERANCE) -> bool:
    return (
        abs(a[0] - b[0]) <= tolerance
        and abs(a[1] - b[1]) <= tolerance
        and (abs(a[2] - b[2]) <= tolerance)
    )


# --- spatial index over filled objects --------------------------------------------------------


class FillIndex:
    """Grid over the page's filled objects (paths, images, shadings), in drawing order.

    Why a grid: a page may hold thousands of paths (tables, charts); each text object only needs
    the few fills near it, so lookups stay proportional to what is actually nearby.
    """

    def __init__(self, paints: list[Paint], crop: Rect, cell: float = GRID_CELL) -> None:
        self.cell = cell
        self.crop = crop
        self.cells: dict[tuple[int, int], list[Paint]] = {}
        for paint in paints:
            if paint.kind is PaintKind.TEXT or not paint.filled:
                continue
            if paint.kind is PaintKind.PATH and paint.fill[3] == 0:
                continue
            box = paint.painted_box
            if box[0] > box[2] or box[1] > box[3]:
                continue
            for key in self._keys(box):
                self.cells.setdefault(key, []).append(paint)

    def _keys(self, box: Rect) -> Iterator[tuple[int, int]]:
        crop, cell = self.crop, self.cell
        x0 = int((max(box[0], crop[0] - cell) - crop[0]) // cell)
        x1 = int((min(box[2], crop[2] + cell) - crop[0]) // cell)
        y0 = int((max(box[1], crop[1] - cell) - crop[1]) // cell)
        y1 = int((min(box[3], crop[3] + cell) - crop[1]) // cell)
        for gx in range(x0, x1 + 1):
            for gy in range(y0, y1 + 1):
                yield (gx, gy)

    def near(self, box: Rect) -> list[Paint]:
        """Filled objects whose painted box overlaps ``box``, in drawing order."""
        if not self.cells:
            return []
        found: dict[int, Paint] = {}
        for key in self._keys(box):
            for paint in self.cells.get(key, ()):
                painted = paint.painted_box
                if (
                    painted[0] <= box[2]
                    and painted[2] >= box[0]
                    and painted[1] <= box[3]
                    and painted[3] >= box[1]
                ):
                    found[paint.order] = paint
        return [found[order] for order in sorted(found)]


def is_cover(paint: Paint) -> bool:
    """Opaque enough to hide what lies under it: a fully opaque fill, or an image whose soft
    mask (if any) is fully opaque. Checked only for objects that contain a glyph (the image
    test renders the mask)."""
    if paint.transparent or not paint.filled:
        return False
    return paint.min_alpha() == 255


_COVER_REASONS = {
    PaintKind.PATH: Reason.COVERED,
    PaintKind.IMAGE: Reason.COVERED_IMAGE,
    PaintKind.SHADING: Reason.COVERED_IMAGE,
    PaintKind.ANNOTATION: Reason.COVERED_ANNOTATION,
}


def cover_reason(paint: Paint) -> Verdict:
    return Verdict(_COVER_REASONS[paint.kind], f"{paint.kind} #{paint.order} drawn later")


# --- text colour against background -----------------------------------------------------------


def painted_colours(run: TextRun) -> list[RGBA]:
    """The colours a render mode actually paints: fill, stroke or both."""
    mode = run.mode & 3
    if mode == 0:
        return [run.paint.fill]
    if mode == 1:
        return [run.paint.stroke]
    return [run.paint.fill, run.paint.stroke]


def background_at(point: Point, underlays: list[Paint]) -> RGBA | None:
    """Colour beneath ``point``: the fills drawn earlier, composited over white paper.

    ``None`` when the topmost opaque layer is an image or shading, whose colour is unknown:
    such text is never called background-coloured.
    """
    stack: list[Paint] = []
    for paint in reversed(underlays):
        if not paint_contains_point(paint, point):
            continue
        if paint.kind is not PaintKind.PATH:
            return None
        stack.append(paint)
        if paint.fill[3] == 255 and not paint.transparent:
            break
    colour = (255.0, 255.0, 255.0)
    for paint in reversed(stack):
        alpha = paint.fill[3] / 255.0
        colour = tuple(
            alpha * c + (1 - alpha) * b for c, b in zip(paint.fill, colour, strict=False)
        )
    return (round(colour[0]), round(colour[1]), round(colour[2]), 255)


def _background_verdict(run: TextRun, background: RGBA | None) -> Verdict | None:
    if background is None:
        return None
    colours = painted_colours(run)
    if all(same_colour(c, background) or c[3] == 0 for c in colours):
        return Verdict(Reason.BACKGROUND, "rgb({}, {}, {})".format(*background[:3]))
    return None


# --- per-run classification -------------------------------------------------------------------


def _mode_verdict(run: TextRun) -> Verdict | None:
    if run.mode == 3:
        return Verdict(Reason.INVISIBLE, "render mode 3")
    if run.mode == 7:
        return Verdict(Reason.CLIP_ONLY, "render mode 7")
    if all(colour[3] == 0 for colour in painted_colours(run)):
        return Verdict(Reason.TRANSPARENT, "alpha 0")
    return None


class _RunJudge:
    """Applies the geometric rules to one text run, per glyph only where needed."""

    def __init__(self, run: TextRun, crop: Rect, fills: FillIndex) -> None:
        self.run = run
        self.crop = crop
        self.fills = fills
        self._boxes: list[Rect] | None = None
        self.box = _padded(run.paint.box, run.size)
        self.verdicts: Verdicts = [None] * len(run)
        self.any_hidden = False

    @property
    def boxes(self) -> list[Rect]:
        """Per-glyph test boxes, computed only when a rule has to look glyph by glyph."""
        if self._boxes is None:
            self._boxes = [glyph_test_box(self.run, i) for i in range(len(self.run))]
        return self._boxes

    def judge(self) -> Verdicts | None:
        self._region_rule(self.crop, Verdict(Reason.OUTSIDE_CROP, "crop box"))
        clip = self.run.paint.clip
        if clip is not None:
            self._region_rule(clip, Verdict(Reason.CLIPPED, "clip path"))
        nearby = self.fills.near(self.box)
        first, last = self.run.paint.order, self.run.last_order
        covers = [p for p in nearby if p.order > last]
        if covers:
            self._cover_rule(covers)
        self._background_rule([p for p in nearby if p.order < first])
        return self.verdicts if self.any_hidden else None

    def _set(self, index: int, verdict: Verdict) -> None:
        self.verdicts[index] = verdict
        self.any_hidden = True

    def _region_rule(self, region: Rect, verdict: Verdict) -> None:
        if contains(region, self.box):
            return
        for i, box in enumerate(self.boxes):
            if self.verdicts[i] is None and inside_fraction(box, region) < INSIDE_FRACTION:
                self._set(i, verdict)

    def _cover_rule(self, covers: list[Paint]) -> None:
        whole = [p for p in covers if paint_contains_box(p, self.box) and is_cover(p)]
        if whole:
            verdict = cover_reason(whole[0])
            for i in range(len(self.run)):
                if self.verdicts[i] is None:
                    self._set(i, verdict)
            return
        for i, box in enumerate(self.boxes):
            if self.verdicts[i] is not None:
                continue
            for paint in covers:
                if paint_contains_box(paint, box) and is_cover(paint):
                    self._set(i, cover_reason(paint))
                    break

    def _background_rule(self, underlays: list[Paint]) -> None:
        if all(p.shape is None and contains(p.painted_box, self.box) for p in underlays):
            centre = ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)
            verdict = _background_verdict(self.run, background_at(centre, underlays))
            if verdict is not None:
                for i in range(len(self.run)):
                    if self.verdicts[i] is None:
                        self._set(i, verdict)
            return
        for i, box in enumerate(self.boxes):
            if self.verdicts[i] is None:
                centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                verdict = _background_verdict(self.run, background_at(centre, underlays))
                if verdict is not None:
                    self._set(i, verdict)


def _plainly_visible(run: TextRun, crop: Rect, fills: FillIndex) -> bool:
    """The common case, decided without per-glyph work: inside the crop box and its clip, no
    fill anywhere near, and a colour that differs from white paper."""
    box = _padded(run.paint.box, run.size)
    clip = run.paint.clip
    return (
        contains(crop, box)
        and (clip is None or contains(clip, box))
        and not fills.near(box)
        and not all(same_colour(c, WHITE) or c[3] == 0 for c in painted_colours(run))
    )


def classify_page(page: PageGlyphs) -> PageVisibility:
    """Apply the per-glyph rules (render mode, alpha, crop, clip, covers, background colour)."""
    fills = FillIndex(page.paints, page.crop)
    result = PageVisibility(page, [None] * len(page.runs))
    for run_index, run in enumerate(page.runs):
        if not len(run):
            continue
        whole = _mode_verdict(run)
        if whole is None and _plainly_visible(run, page.crop, fills):
            continue
        verdicts = [whole] * len(run) if whole else _RunJudge(run, page.crop, fills).judge()
        result.verdicts[run_index] = verdicts
        if verdicts is not None:
            for verdict in verdicts:
                if verdict is not None:
                    result.counts[verdict.reason] = result.counts.get(verdict.reason, 0) + 1
    return result


# --- fake bold --------------------------------------------------------------------------------


def _cells(x: float, y: float) -> tuple[tuple[int, int], ...]:
    """The four unit cells around a point; a lookup at the rounded point of any other point less
    than half a unit away on each axis hits one of them."""
    fx, fy = int(x // 1), int(y // 1)
    return ((fx, fy), (fx + 1, fy), (fx, fy + 1), (fx + 1, fy + 1))


def _overlapping_runs(vis: PageVisibility) -> list[int]:
    """Runs that overlap an earlier visible run of the same size on the same baseline, or that
    repeat a glyph in place: the only places fake bold can be.

    Why a pre-filter: Word draws a fake-bold fragment twice, the second 0.3 pt to the right, so
    duplicates always come as runs overlapping on one baseline; comparing runs (a few per line)
    is far cheaper than hashing every glyph.
    """
    by_baseline: dict[tuple[int, int], list[int]] = {}
    candidates: set[int] = set()
    runs = vis.page.runs
    for run_index, run in enumerate(runs):
        verdicts = vis.verdicts[run_index]
        if not len(run) or (verdicts is not None and all(verdicts)):
            continue
        x0, x1 = run.origins[0][0], max(run.ends[-1], run.origins[-1][0])
        key = (round(run.origins[0][1]), round(run.size * 10))
        for dy in (-1, 0, 1):
            for other_index in by_baseline.get((key[0] + dy, key[1]), ()):
                other = runs[other_index]
                if other.origins[0][0] < x1 - 0.01 and x0 < other.ends[-1] - 0.01:
                    candidates.update((run_index, other_index))
        by_baseline.setdefault(key, []).append(run_index)
        if _repeats_inside(run):
            candidates.add(run_index)
    return sorted(candidates)


def _repeats_inside(run: TextRun) -> bool:
    chars, origins = run.chars, run.origins
    limit = min(FAKE_BOLD_OFFSET, FAKE_BOLD_OFFSET_EM * run.size)
    doubled = [i for i, (a, b) in enumerate(pairwise(chars), start=1) if a == b]
    return any(abs(origins[i][0] - origins[i - 1][0]) < limit for i in doubled)


def drop_fake_bold(vis: PageVisibility) -> int:
    """Collapse glyphs drawn twice at almost the same place to the one drawn last (on top).

    Linear: each glyph is hashed on (character, size, origin) into the four unit cells around it
    and looked up at its rounded origin, which finds every earlier drawing less than half a point
    away on each axis. Returns the number of glyphs hidden.
    """
    seen: dict[tuple[str, int, int, int], tuple[int, int]] = {}
    hidden = 0
    runs = vis.page.runs
    for run_index in _overlapping_runs(vis):
        run = runs[run_index]
        limit = min(FAKE_BOLD_OFFSET, FAKE_BOLD_OFFSET_EM * run.size)
        size_key = round(run.size * 10)
        for glyph_index, char in enumerate(run.chars):
            if not vis.is_visible(run_index, glyph_index):
                continue
            x, y = run.origins[glyph_index]
            earlier = seen.get((char, size_key, round(x), round(y)))
            if earlier is not None and vis.is_visible(*earlier):
                ex, ey = runs[earlier[0]].origins[earlier[1]]
                if abs(ex - x) < limit and abs(ey - y) < limit:
                    order = run.order_of(glyph_index)
                    vis.hide(*earlier, Verdict(Reason.FAKE_BOLD, f"redrawn by text #{order}"))
                    hidden += 1
            for cell in _cells(x, y):
                seen[(char, size_key, *cell)] = (run_index, glyph_index)
    return hidden


# --- repeated earlier pages -------------------------------------------------------------------

RepeatKey = tuple[str, int, int, int]


def _run_keys(vis: PageVisibility) -> list[tuple[int, RepeatKey, int]]:
    """``(run index, key, glyphs)`` per run with visible glyphs; the key is the visible text,
    the origin of its first visible glyph (0.1 pt grid) and the font size."""
    keys = []
    for run_index, run in enumerate(vis.page.runs):
        verdicts = vis.verdicts[run_index]
        if verdicts is None:
            indices = range(len(run))
            text = run.text
        else:
            indices = [i for i, verdict in enumerate(verdicts) if verdict is None]
            text = "".join(run.chars[i] for i in indices)
        if not text:
            continue
        x, y = run.origins[indices[0]]
        key = (text, round(x * 10), round(y * 10), round(run.size * 10))
        keys.append((run_index, key, len(text)))
    return keys


@dataclass(slots=True)
class RepeatFilter:
    """Second line of defence: hide earlier pages that recur, glyph for glyph, on a later page.

    Stacked letters repeat pages 1..k-1 under page k's own text. When the cover escapes the
    rules above, those layers reappear as visible glyphs at the exact positions they had on their
    own page. A page counts as repeated when at least ``REPEAT_SHARE`` of its visible glyphs recur
    (same characters, same origin within 0.1 pt, same size) - running headers and footers alone
    never get there. For each recurring piece we then hide as many copies as the repeated pages
    hold, earliest drawn first, so the page's own copy (drawn last) survives.

    Comparison is per text object rather than per glyph (a layer is a copy of the earlier page's
    content, so its text objects recur whole): it keeps the rule at a few dictionary operations
    per object, and memory at one small table per page for ``window`` pages.
    """

    window: int = REPEAT_WINDOW
    pages: deque[tuple[int, dict[RepeatKey, int], int]] = field(default_factory=deque)
    index: dict[RepeatKey, dict[int, int]] = field(default_factory=dict)

    def apply(self, vis: PageVisibility) -> int:
        """Hide repeats on this page, then remember the page. Returns glyphs hidden."""
        keys = _run_keys(vis)
        counts: dict[RepeatKey, int] = {}
        for _, key, _ in keys:
            counts[key] = counts.get(key, 0) + 1
        pages = self._repeated_pages(counts)
        if pages and self._own_glyphs(counts, pages) < REPEAT_MIN_GLYPHS:
            listed = ", ".join(str(page) for page in pages)
            vis.warnings.append(f"page repeats page(s) {listed} and adds nothing; kept as is")
            pages = []
        hidden = self._hide(vis, keys, counts, pages)
        if hidden:
            keys = _run_keys(vis)
            counts = {}
            for _, key, _ in keys:
                counts[key] = counts.get(key, 0) + 1
        self._remember(vis.page.number, counts)
        return hidden

    def _own_glyphs(self, counts: dict[RepeatKey, int], pages: list[int]) -> int:
        """Glyphs of this page that the repeated pages do not account for.

        A stacked page always adds its own text; a page that only repeats earlier ones is a
        genuine duplicate (a form printed twice) and must not vanish.
        """
        own = 0
        for key, count in counts.items():
            holders = self.index.get(key, {})
            layered = sum(holders.get(page, 0) for page in pages)
            own += max(0, count - layered) * len(key[0])
        return own

    def _repeated_pages(self, counts: dict[RepeatKey, int]) -> list[int]:
        matched: dict[int, int] = {}
        for key, count in counts.items():
            for page, earlier in self.index.get(key, {}).items():
                matched[page] = matched.get(page, 0) + min(count, earlier) * len(key[0])
        totals = {page: total for page, _, total in self.pages}
        return sorted(
            page
            for page, hits in matched.items()
            if totals[page] >= REPEAT_MIN_GLYPHS and hits >= REPEAT_SHARE * totals[page]
        )

    def _hide(
        self,
        vis: PageVisibility,
        keys: list[tuple[int, RepeatKey, int]],
        counts: dict[RepeatKey, int],
        pages: list[int],
    ) -> int:
        if not pages:
            return 0
        remaining: dict[RepeatKey, list[int]] = {}
        for key in counts:
            holders = self.index.get(key, {})
            layers = [page for page in pages if page in holders]
            if layers:
                remaining[key] = [sum(holders[page] for page in layers), layers[0]]
        hidden = 0
        for run_index, key, _ in keys:
            left = remaining.get(key)
            if left is None or left[0] == 0:
                continue
            left[0] -= 1
            verdict = Verdict(Reason.REPEATS, f"page {left[1]}")
            for glyph_index in range(len(vis.page.runs[run_index])):
                if vis.is_visible(run_index, glyph_index):
                    vis.hide(run_index, glyph_index, verdict)
                    hidden += 1
        return hidden

    def _remember(self, page: int, counts: dict[RepeatKey, int]) -> None:
        total = sum(count * len(key[0]) for key, count in counts.items())
        self.pages.append((page, counts, total))
        for key, count in counts.items():
            self.index.setdefault(key, {})[page] = count
        while len(self.pages) > self.window:
            old, old_counts, _ = self.pages.popleft()
            for key in old_counts:
                holders = self.index.get(key)
                if holders is not None:
                    holders.pop(old, None)
                    if not holders:
                        del self.index[key]
