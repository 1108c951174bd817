"""Turn a page's visible glyphs into lines in reading order, each tagged with its zone.

Why not just sort by baseline: a Rijkshuisstijl letter puts a sidebar of label/value pairs
("Onze referentie", "Datum", "Betreft") at x ~ 470 pt beside body lines at x ~ 80 pt, often on
the same baselines; sorting by baseline interleaves them, which is exactly the damage the seed
extraction shows. So the page is first cut into columns at vertical gutters, each column gets its
own baselines, and the zones are read one after the other: letterhead/header, address, sidebar,
body (section by section, columns left to right), footer.

Layers: glyph -> segment (the visible glyphs of one text object: one baseline) -> row (segments
of one column sharing a baseline) -> line (words: the PDF's own space glyphs, else a gap wider
than a quarter em) -> block (paragraph gap) -> zone. Working on segments rather than glyphs keeps
sorting and clustering proportional to text objects; glyphs are touched once, to build text.

Every character of a :class:`~ontwar.model.Line` carries the ordinal of its glyph, or
:data:`IMPLIED` for a space inferred from a gap; whitespace glyphs that are dropped (doubled, or
at a line's start or end) are returned as ``surplus`` so the caller can account for them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter
from statistics import median

from ontwar.model import Line, Zone
from ontwar.read.glyphs import Rect, TextRun
from ontwar.read.visibility import PageVisibility

IMPLIED = -1
"""Offset of a space inferred from a gap between glyphs: there is no glyph behind it."""

TOP_BAND = 0.09
"""Share of the page height at the top that holds letterhead or running header."""
BOTTOM_BAND = 0.07
"""Share of the page height at the bottom that holds the running footer."""
GUTTER_BIN = 2.0
"""Resolution (points) of the horizontal occupancy histogram used to find gutters."""
GUTTER_MIN_WIDTH = 12.0
"""Narrowest vertical gap (points) that can separate two columns."""
GUTTER_NOISE = 0.05
"""A gutter may be crossed by this share of the page's lines (headings spanning columns); at
least two deep, since neighbouring pieces of one crossing line can share a bin."""
COLUMN_MIN_WIDTH = 0.25
"""Text columns are at least this share of the page width (so list numbers are no column)."""
SIDEBAR_MIN_X = 0.6
"""A sidebar starts right of this share of the page width..."""
SIDEBAR_SIZE_RATIO = 0.92
"""...and is set in a font at most this share of the body font size..."""
SIDEBAR_MAX_WIDTH = 0.35
"""...and is at most this share of the page width wide."""
SPACE_GAP_EM = 0.25
"""A gap wider than this share of the font size, without a space glyph, is a word space."""
SPAN_GAP_EM = 2.0
"""Rows of one baseline on both sides of a gutter closer than this (in em) are one line."""
SPLIT_GAP_EM = 1.5
"""A gap this wide (in em) inside one text object splits it (tab stops, table cells)."""
BASELINE_TOLERANCE_EM = 0.4
"""Segments whose baselines differ less than this share of their size share a row."""
PARAGRAPH_GAP = 1.45
"""A line gap larger than this multiple of the usual line pitch starts a new block."""

SIDEBAR_LABELS = frozenset(
    label.casefold()
    for label in (
        "Onze referentie",
        "Uw referentie",
        "Ons kenmerk",
        "Uw kenmerk",
        "Kenmerk",
        "Uw brief",
        "Uw brief van",
        "Datum",
        "Betreft",
        "Bijlage",
        "Bijlagen",
        "Bijlage(n)",
        "Contactpersoon",
        "Inlichtingen",
        "Doorkiesnummer",
        "Telefoon",
        "E-mail",
        "Behandeld door",
    )
)
"""Labels of the Rijkshuisstijl sidebar (compared case-insensitively, without a final colon)."""

SALUTATION = re.compile(r"^(Geachte|Hooggeachte|Zeer geachte|Beste)\b")
PAGE_NUMBER = re.compile(r"^(Pagina|Blad)\s+\d+(\s+(van|/)\s+\d+)?$", re.IGNORECASE)
SPACE_CHARS = frozenset(" \t\r\n\x00\u00a0")


@dataclass(slots=True, eq=False)
class Segment:
    """Visible glyphs of one upright text object on its baseline, left to right."""

    run: TextRun
    indices: Sequence[int]
    y: float
    x0: float
    x1: float

    @property
    def size(self) -> float:
        return self.run.size

    @property
    def inked(self) -> bool:
        chars = self.run.chars
        return any(chars[i] not in SPACE_CHARS for i in self.indices)


@dataclass(slots=True, eq=False)
class Row:
    """Segments on one baseline within one column, left to right."""

    y: float
    segments: list[Segment]
    column: int
    spanning: bool = False
    _text: tuple[Line, list[int]] | None = None

    def line(self) -> tuple[Line, list[int]]:
        """The row's text (see :func:`line_text`), computed once."""
        if self._text is None:
            self._text = line_text(self.segments)
        return self._text

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return max(segment.x1 for segment in self.segments)

    @property
    def size(self) -> float:
        return max(segment.size for segment in self.segments)

    @property
    def font(self) -> str:
        return self.segments[0].run.font


@dataclass(slots=True)
class SidebarField:
    """One label of the sidebar ("Datum") with the lines of its value ("14 maart 2024")."""

    label: Line
    value: list[Line] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label.text, "value": "\n".join(line.text for line in self.value)}


@dataclass(slots=True)
class PageLayout:
    """A page's lines in reading order, its sidebar fields and the whitespace glyphs left out."""

    lines: list[Line]
    fields: list[SidebarField]
    surplus: list[int]
    warnings: list[str]


# --- collecting ----------------------------------------------------------------------------


def segments_of(run: TextRun, indices: Sequence[int]) -> list[Segment]:
    """A run's visible glyphs as segments, split where a gap inside the run is a column gap."""
    origins, ends = run.origins, run.ends
    limit = SPLIT_GAP_EM * (run.size or 1.0)
    pieces: list[Sequence[int]] = [indices]
    if len(indices) > 1:
        gaps = [origins[b][0] - ends[a] for a, b in pairwise(indices)]
        if max(gaps) > limit:
            pieces, start = [], 0
            for position, gap in enumerate(gaps, start=1):
                if gap > limit:
                    pieces.append(indices[start:position])
                    start = position
            pieces.append(indices[start:])
    y = origins[indices[0]][1]
    return [Segment(run, piece, y, origins[piece[0]][0], ends[piece[-1]]) for piece in pieces]


def collect(vis: PageVisibility) -> tuple[list[Segment], list[Line]]:
    """Visible glyphs of upright text as segments; other text objects as one line each.

    Rotated text (margin stamps, vertical labels) cannot share baselines with the body, so each
    such text object becomes its own line.
    """
    segments: list[Segment] = []
    rotated: list[Line] = []
    for run_index, run in enumerate(vis.page.runs):
        verdicts = vis.verdicts[run_index]
        if verdicts is None:
            indices: Sequence[int] = range(len(run))
        else:
            indices = [i for i, verdict in enumerate(verdicts) if verdict is None]
        if not indices:
            continue
        if run.upright:
            segments.extend(segments_of(run, indices))
        else:
            text = "".join(run.chars[i] for i in indices)
            rotated.append(Line(text, tuple(run.ordinals[i] for i in indices), Zone.FOOTER))
    return segments, rotated


# --- words and lines -----------------------------------------------------------------------


def line_text(segments: Iterable[Segment]) -> tuple[Line, list[int]]:
    """The text of segments read left to right, with offsets, and the whitespace left out.

    A space glyph is kept once; a gap wider than ``SPACE_GAP_EM`` without one becomes an implied
    space; leading, doubled and trailing whitespace is dropped (and reported).
    """
    chars: list[str] = []
    offsets: list[int] = []
    surplus: list[int] = []
    after_space = True
    last_end = last_size = 0.0
    for segment in segments:
        run = segment.run
        run_chars, ordinals, origins, ends = run.chars, run.ordinals, run.origins, run.ends
        size = run.size
        for i in segment.indices:
            char = run_chars[i]
            if char in SPACE_CHARS:
                if after_space:
                    surplus.append(ordinals[i])
                else:
                    chars.append(char if char == "\u00a0" else " ")
                    offsets.append(ordinals[i])
                    after_space = True
                continue
            if not after_space and origins[i][0] - last_end > SPACE_GAP_EM * last_size:
                chars.append(" ")
                offsets.append(IMPLIED)
            chars.append(char)
            offsets.append(ordinals[i])
            after_space = False
            last_end, last_size = ends[i], size
    while chars and chars[-1] in SPACE_CHARS:
        chars.pop()
        offset = offsets.pop()
        if offset != IMPLIED:
            surplus.append(offset)
    return Line("".join(chars), tuple(offsets)), surplus


def rows_of(segments: list[Segment], column: int = 0) -> list[Row]:
    """Cluster segments into rows by baseline (top to bottom), each sorted left to right."""
    rows: list[Row] = []
    current: list[Segment] = []
    anchor = 0.0
    for segment in sorted(segments, key=attrgetter("y"), reverse=True):
        if current and anchor - segment.y > BASELINE_TOLERANCE_EM * segment.run.size:
            rows.append(Row(anchor, sorted(current, key=attrgetter("x0")), column))
            current = []
        if not current:
            anchor = segment.y
        current.append(segment)
    if current:
        rows.append(Row(anchor, sorted(current, key=attrgetter("x0")), column))
    return rows


# --- columns -------------------------------------------------------------------------------


@dataclass(slots=True)
class Columns:
    """Where the gutters are, and which column (if any) is the sidebar."""

    cuts: list[float]
    sidebar: int | None

    def of(self, segment: Segment) -> int:
        return bisect_left(self.cuts, (segment.x0 + segment.x1) / 2)

    def crosses(self, segment: Segment) -> bool:
        """Whether a segment runs across a gutter between text columns (a spanning heading)."""
        for index, cut in enumerate(self.cuts):
            if index + 1 != self.sidebar and segment.x0 < cut < segment.x1:
                return True
        return False


def _merge_across(left: list[Row], right: list[Row]) -> list[Row]:
    """Add a column's rows, joining each to a row on its left that continues across the gutter
    (same baseline, closer than ``SPAN_GAP_EM``): a heading spanning both columns."""
    by_baseline: dict[int, list[Row]] = {}
    for row in left:
        by_baseline.setdefault(round(row.y), []).append(row)
    merged = list(left)
    for row in right:
        partner = None
        for key in (round(row.y) - 1, round(row.y), round(row.y) + 1):
            for other in by_baseline.get(key, ()):
                if abs(other.y - row.y) < 0.5 and 0 <= row.x0 - other.x1 < SPAN_GAP_EM * row.size:
                    partner = other
        if partner is None:
            merged.append(row)
        else:
            partner.segments.extend(row.segments)
            partner.spanning = True
            partner._text = None
    return merged


def _empty_stretches(inked: list[Segment], crop: Rect, noise: int) -> list[tuple[float, float]]:
    """Horizontal stretches at most ``noise`` segments deep, between inked stretches."""
    origin = crop[0]
    bins = max(1, int((crop[2] - crop[0]) / GUTTER_BIN) + 2)
    delta = [0] * (bins + 1)
    for segment in inked:
        start = min(bins - 1, max(0, int((segment.x0 - origin) / GUTTER_BIN)))
        end = min(bins - 1, max(0, int((segment.x1 - origin) / GUTTER_BIN)))
        delta[start] += 1
        delta[end + 1] -= 1
    depth, stretches = 0, []
    start_bin: int | None = None
    seen_ink = False
    for index in range(bins):
        depth += delta[index]
        if depth > noise:
            if start_bin is not None and seen_ink:
                stretches.append((origin + start_bin * GUTTER_BIN, origin + index * GUTTER_BIN))
            start_bin = None
            seen_ink = True
        elif start_bin is None:
            start_bin = index
    return [(a, b) for a, b in stretches if b - a >= GUTTER_MIN_WIDTH]


@dataclass(slots=True)
class _ColumnStats:
    left: float = float("inf")
    right: float = float("-inf")
    glyphs: int = 0
    sizes: list[float] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.right - self.left if self.glyphs else 0.0

    @property
    def size(self) -> float:
        return median(self.sizes) if self.sizes else 0.0


def _column_stats(inked: list[Segment], cuts: list[float]) -> list[_ColumnStats]:
    stats = [_ColumnStats() for _ in range(len(cuts) + 1)]
    for segment in inked:
        column = stats[bisect_left(cuts, (segment.x0 + segment.x1) / 2)]
        column.left = min(column.left, segment.x0)
        column.right = max(column.right, segment.x1)
        column.glyphs += len(segment.indices)
        column.sizes.append(segment.size)
    return stats


def find_columns(segments: list[Segment], crop: Rect) -> Columns:
    """Cut the page at gutters that separate real columns or a sidebar; ignore the rest.

    A gutter is a vertical strip at least ``GUTTER_MIN_WIDTH`` wide that (almost) no text
    touches. It is kept if the parts on both sides are wide text columns, or if the right part is
    a sidebar: right of ``SIDEBAR_MIN_X``, narrow, and in a smaller font than the main column.
    """
    inked = [segment for segment in segments if segment.inked]
    if not inked:
        return Columns([], None)
    lines = len({round(segment.y) for segment in inked})
    noise = max(2, int(GUTTER_NOISE * lines))
    cuts = [(a + b) / 2 for a, b in _empty_stretches(inked, crop, noise)]
    width = crop[2] - crop[0]
    while True:
        stats = _column_stats(inked, cuts)
        main_size = max(stats, key=attrgetter("glyphs")).size
        sidebar = _sidebar_column(stats, crop, main_size)
        bad = [
            index
            for index in range(len(cuts))
            if not _good_cut(stats[index], stats[index + 1], width, sidebar == index + 1)
        ]
        if not bad:
            return Columns(cuts, sidebar)
        del cuts[bad[0]]


def _sidebar_column(stats: list[_ColumnStats], crop: Rect, main_size: float) -> int | None:
    width = crop[2] - crop[0]
    last = stats[-1]
    if (
        len(stats) > 1
        and last.glyphs
        and last.left >= crop[0] + SIDEBAR_MIN_X * width
        and last.width <= SIDEBAR_MAX_WIDTH * width
        and last.size <= SIDEBAR_SIZE_RATIO * main_size
    ):
        return len(stats) - 1
    return None


def _good_cut(
    left: _ColumnStats, right: _ColumnStats, width: float, right_is_sidebar: bool
) -> bool:
    if not left.glyphs or not right.glyphs:
        return False
    if right_is_sidebar:
        return True
    minimum = COLUMN_MIN_WIDTH * width
    return left.width >= minimum and right.width >= minimum


# --- zones and order -----------------------------------------------------------------------


def _is_label(line: Line, font: str, next_font: str | None) -> bool:
    """Whether a sidebar line is a label: a known label, or bold above a regular line."""
    if line.text.rstrip(":").strip().casefold() in SIDEBAR_LABELS:
        return True
    return (
        "bold" in font.casefold() and next_font is not None and "bold" not in next_font.casefold()
    )


def _with_breaks(rows: list[Row]) -> list[tuple[Row, bool]]:
    """Each row with whether a block (paragraph) starts at it."""
    gaps = [a.y - b.y for a, b in pairwise(rows) if a.column == b.column]
    pitch = median(gaps) if gaps else 0.0
    result: list[tuple[Row, bool]] = []
    for index, row in enumerate(rows):
        prev = rows[index - 1] if index else None
        new_block = prev is None or (
            prev.column != row.column
            or prev.spanning != row.spanning
            or prev.y < row.y
            or (pitch > 0 and prev.y - row.y > PARAGRAPH_GAP * pitch)
        )
        result.append((row, new_block))
    return result


@dataclass(slots=True)
class _Builder:
    """Accumulates a page's lines zone by zone, with blank lines between blocks."""

    lines: list[Line] = field(default_factory=list)
    surplus: list[int] = field(default_factory=list)

    def block_break(self) -> None:
        if self.lines and self.lines[-1].text:
            self.lines.append(Line("", (), self.lines[-1].zone))

    def add(self, row: Row, zone: Zone) -> Line:
        line, surplus = row.line()
        self.surplus.extend(surplus)
        line = Line(line.text, line.offsets, zone)
        if line.text:
            self.lines.append(line)
        return line

    def add_rows(self, rows: list[Row], zone: Zone) -> None:
        for row, new_block in _with_breaks(rows):
            if new_block:
                self.block_break()
            self.add(row, zone)

    def finish(self) -> list[Line]:
        while self.lines and not self.lines[-1].text:
            self.lines.pop()
        return self.lines


def _reading_key(row: Row, spanning_ys: list[float]) -> tuple[int, int, float]:
    above = sum(1 for y in spanning_ys if y > row.y + 0.01)
    if row.spanning:
        return (2 * above + 1, 0, -row.y)
    return (2 * above, row.column, -row.y)


def _split_address(rows: list[Row], first_page: bool) -> tuple[list[Row], list[Row]]:
    """On the first page, lines above the salutation ("Geachte ...") are the address block."""
    if not first_page:
        return [], rows
    for index, row in enumerate(rows):
        if SALUTATION.match(row.line()[0].text):
            return rows[:index], rows[index:]
    return [], rows


def _sidebar_fields(builder: _Builder, rows: list[Row]) -> list[SidebarField]:
    """Add the sidebar's rows as label/value pairs, each pair its own block."""
    fields: list[SidebarField] = []
    for index, row in enumerate(rows):
        line = row.line()[0]
        if not line.text:
            builder.add(row, Zone.SIDEBAR)
            continue
        next_font = rows[index + 1].font if index + 1 < len(rows) else None
        if not fields or _is_label(line, row.font, next_font):
            builder.block_break()
            fields.append(SidebarField(builder.add(row, Zone.SIDEBAR)))
        else:
            fields[-1].value.append(builder.add(row, Zone.SIDEBAR))
    return fields


def _is_page_number(row: Row) -> bool:
    return bool(PAGE_NUMBER.match(row.line()[0].text))


@dataclass(slots=True)
class _Zoned:
    top: list[Row]
    address: list[Row]
    sidebar: list[Row]
    body: list[Row]
    footer: list[Row]


def _zone_rows(segments: list[Segment], crop: Rect, first_page: bool) -> _Zoned:
    height = crop[3] - crop[1]
    top_limit = crop[3] - TOP_BAND * height
    bottom_limit = crop[1] + BOTTOM_BAND * height
    top = [s for s in segments if s.y > top_limit]
    bottom = [s for s in segments if s.y < bottom_limit]
    middle = [s for s in segments if bottom_limit <= s.y <= top_limit]

    columns = find_columns(middle, crop)
    by_column: list[list[Segment]] = [[] for _ in range(len(columns.cuts) + 1)]
    for segment in middle:
        by_column[columns.of(segment)].append(segment)
    sidebar: list[Row] = []
    text_rows: list[Row] = []
    for index, group in enumerate(by_column):
        if index == columns.sidebar:
            sidebar = rows_of(group, index)
        else:
            text_rows = _merge_across(text_rows, rows_of(group, index))
    if columns.cuts:
        for row in text_rows:
            row.spanning = row.spanning or any(columns.crosses(s) for s in row.segments)
    page_numbers = [row for row in text_rows + sidebar if _is_page_number(row)]
    if page_numbers:
        text_rows = [row for row in text_rows if not _is_page_number(row)]
        sidebar = [row for row in sidebar if not _is_page_number(row)]
    spanning_ys = [row.y for row in text_rows if row.spanning]
    text_rows.sort(key=lambda row: _reading_key(row, spanning_ys))
    address, body = _split_address(text_rows, first_page)
    footer = sorted([*page_numbers, *rows_of(bottom)], key=lambda row: -row.y)
    return _Zoned(rows_of(top), address, sidebar, body, footer)


def layout_page(
    segments: list[Segment], crop: Rect, number: int, rotated: list[Line] | None = None
) -> PageLayout:
    """Lines of one page in reading order with zones; see the module docstring."""
    zoned = _zone_rows(segments, crop, number == 1)
    builder = _Builder()
    builder.add_rows(zoned.top, Zone.LETTERHEAD if number == 1 else Zone.HEADER)
    builder.block_break()
    builder.add_rows(zoned.address, Zone.ADDRESS)
    fields = _sidebar_fields(builder, zoned.sidebar)
    builder.block_break()
    builder.add_rows(zoned.body, Zone.BODY)
    builder.block_break()
    builder.add_rows(zoned.footer, Zone.FOOTER)
    warnings = []
    if rotated:
        builder.block_break()
        builder.lines.extend(rotated)
        warnings.append(f"{len(rotated)} rotated text object(s) placed after the footer")
    return PageLayout(builder.finish(), fields, builder.surplus, warnings)
