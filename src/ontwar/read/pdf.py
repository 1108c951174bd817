"""Read a PDF letter: the text a reader of the printed page sees, and an audit of all the rest.

Entry points: :func:`read_pdf` returns the shared :class:`~ontwar.model.Document` (``kind="pdf"``)
plus every :class:`HiddenRun`; :func:`audit` summarises the hidden text for people
(:meth:`AuditReport.render`) and programs (:meth:`AuditReport.to_dict`).

Pipeline per page, one page in memory at a time: :mod:`~ontwar.read.glyphs` (what was drawn) ->
:mod:`~ontwar.read.visibility` (what can be seen; repeats of earlier pages; fake bold) ->
:mod:`~ontwar.read.layout` (lines, zones, reading order).

Provenance: ``Line.offsets`` and ``Removal.offsets`` are document-wide glyph ordinals, in the
order PDFium's text page lists glyphs, page after page (glyphs PDFium drops as duplicates are
numbered after their page's other glyphs). A space inferred from a gap has offset
:data:`~ontwar.read.layout.IMPLIED` (-1). Every glyph is either in a line or in a removal.

Bad input raises a :class:`PdfError` (an :class:`~ontwar.errors.InputError`, so a ``ValueError``)
whose one-line message names the file and the next step; damage inside a page becomes a page
warning instead.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ontwar.errors import InputError
from ontwar.model import Document, Page, RawPage, Removal
from ontwar.read.glyphs import PageGlyphs, Rect, TextRun, load_page
from ontwar.read.layout import Segment, SidebarField, collect, layout_page, line_text
from ontwar.read.visibility import (
    PageVisibility,
    Reason,
    RepeatFilter,
    Verdict,
    classify_page,
    drop_fake_bold,
)

PdfInput = str | os.PathLike[str] | bytes | bytearray | memoryview

SURPLUS_WHITESPACE = "surplus whitespace"
"""Removal reason for whitespace glyphs layout leaves out (doubled, leading, trailing)."""

HEAD_BYTES = 1024
TAIL_BYTES = 1024


# --- errors ---------------------------------------------------------------------------------


class PdfError(InputError):
    """A file that cannot be read as a PDF letter; the message names the file and the next step.

    An :class:`~ontwar.errors.InputError` (so a ``ValueError``), which the CLI prints as one line.
    """

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source


class NotAPdfError(PdfError):
    """The bytes are not a PDF at all (an HTML error page, a Word file, ...)."""


class TruncatedPdfError(PdfError):
    """The file stops before its end marker: an interrupted download or copy."""


class DamagedPdfError(PdfError):
    """PDFium cannot parse the file."""


class PasswordRequiredError(PdfError):
    """The PDF is encrypted and no password was given."""


class WrongPasswordError(PdfError):
    """The PDF is encrypted and the given password does not open it."""


class EmptyPdfError(PdfError):
    """The PDF has no pages."""


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HiddenRun:
    """Consecutive hidden glyphs (in drawing order, on one baseline) sharing one reason."""

    page: int
    reason: Reason
    text: str
    offsets: tuple[int, ...]
    box: Rect
    cause: str
    font: str
    size: float

    def to_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "reason": str(self.reason),
            "cause": self.cause,
            "text": self.text,
            "chars": len(self.offsets),
            "box": [round(v, 2) for v in self.box],
            "font": self.font,
            "size": round(self.size, 2),
        }

    def removal(self) -> Removal:
        return Removal(str(self.reason), self.page, self.offsets, self.text)


@dataclass(slots=True)
class PdfResult:
    """What :func:`read_pdf` returns: the visible text as a Document, and everything hidden."""

    document: Document
    hidden: list[HiddenRun]
    sidebar: dict[int, list[SidebarField]] = field(default_factory=dict)
    """Per page number, the sidebar's label/value pairs."""
    glyphs: int = 0


@dataclass(slots=True)
class AuditReport:
    """Everything a PDF hides, per reason and per page."""

    source: str
    pages: int
    glyphs: int
    hidden: list[HiddenRun]
    warnings: list[str]

    @property
    def hidden_glyphs(self) -> int:
        return sum(len(run.offsets) for run in self.hidden)

    def by_reason(self) -> dict[str, int]:
        """Hidden glyphs per reason, most first."""
        counts: dict[str, int] = {}
        for run in self.hidden:
            counts[str(run.reason)] = counts.get(str(run.reason), 0) + len(run.offsets)
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def by_page(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for run in self.hidden:
            counts[run.page] = counts.get(run.page, 0) + len(run.offsets)
        return counts

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "pages": self.pages,
            "glyphs": self.glyphs,
            "hidden_glyphs": self.hidden_glyphs,
            "by_reason": self.by_reason(),
            "by_page": {str(page): count for page, count in self.by_page().items()},
            "runs": [run.to_dict() for run in self.hidden],
            "warnings": list(self.warnings),
        }

    def render(self, limit: int = 40, width: int = 72) -> str:
        """A readable summary: totals, counts per reason, then the hidden runs themselves."""
        lines = [
            f"{self.source}: {self.pages} page(s), {self.glyphs} glyphs, "
            f"{self.hidden_glyphs} hidden in {len(self.hidden)} run(s)"
        ]
        if not self.hidden:
            lines.append("  nothing hidden")
        for reason, count in self.by_reason().items():
            lines.append(f"  {count:>7}  {reason}")
        for run in self.hidden[:limit]:
            text = run.text if len(run.text) <= width else run.text[: width - 1] + "…"
            lines.append(f"  p{run.page} {run.reason} ({run.cause}): {text!r}")
        if len(self.hidden) > limit:
            lines.append(f"  … {len(self.hidden) - limit} more run(s)")
        lines.extend(f"  warning: {warning}" for warning in self.warnings)
        return "\n".join(lines)


# --- opening --------------------------------------------------------------------------------


def _name(path_or_bytes: PdfInput, source: str | None) -> str:
    if source:
        return source
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        return "<bytes>"
    return Path(path_or_bytes).name


def _head_and_tail(path_or_bytes: PdfInput) -> tuple[bytes, bytes, int]:
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        data = memoryview(path_or_bytes).cast("B")
        tail = bytes(data[-4 * TAIL_BYTES :]).rstrip(b"\x00\r\n\t ")[-TAIL_BYTES:]
        return bytes(data[:HEAD_BYTES]), tail, len(data)
    with open(path_or_bytes, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 4 * TAIL_BYTES))
        tail = handle.read().rstrip(b"\x00\r\n\t ")[-TAIL_BYTES:]
    return head, tail, size


def _check_bytes(name: str, path_or_bytes: PdfInput) -> None:
    """Reject what is not a complete PDF before PDFium guesses at it."""
    head, tail, size = _head_and_tail(path_or_bytes)
    if size == 0:
        raise NotAPdfError(name, "file is empty (0 bytes); check the download")
    if b"%PDF-" not in head:
        start = head[:24].decode("latin-1").replace("\n", " ").replace("\r", " ")
        raise NotAPdfError(name, f"is not a PDF (starts with {start!r}); check the download")
    if b"%%EOF" not in tail:
        raise TruncatedPdfError(
            name, f"is truncated (no %%EOF marker at the end of {size} bytes); download it again"
        )


def open_pdf(
    path_or_bytes: PdfInput, *, password: str | None = None, source: str | None = None
) -> tuple[pdfium.PdfDocument, str]:
    """Open a PDF with PDFium, turning every failure into a :class:`PdfError`."""
    name = _name(path_or_bytes, source)
    _check_bytes(name, path_or_bytes)
    data = bytes(path_or_bytes) if isinstance(path_or_bytes, bytearray | memoryview) else None
    target = data if data is not None else path_or_bytes
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    try:
        pdf = pdfium.PdfDocument(target, password=password)
    except pdfium.PdfiumError as error:
        raise _load_error(name, error, password, _raw_bytes(path_or_bytes)) from error
    if len(pdf) == 0:
        pdf.close()
        raise EmptyPdfError(name, "has no pages; check that the right file was exported")
    return pdf, name


def _raw_bytes(path_or_bytes: PdfInput) -> bytes:
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        return bytes(path_or_bytes)
    return Path(path_or_bytes).read_bytes()


EMPTY_PAGE_TREE = re.compile(
    rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b"
)


def _load_error(
    name: str, error: pdfium.PdfiumError, password: str | None, data: bytes
) -> PdfError:
    """Name the failure. PDFium's error code is global and goes stale when a load fails without
    setting it (as for a document without pages), so the code is checked against the bytes."""
    code = getattr(error, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
        if password:
            return WrongPasswordError(name, "the password does not open it; check the password")
        return PasswordRequiredError(name, "is encrypted; give its password (--password)")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return DamagedPdfError(name, "uses an unsupported encryption; decrypt it with qpdf first")
    if EMPTY_PAGE_TREE.search(data):
        return EmptyPdfError(name, "has no pages; check that the right file was exported")
    return DamagedPdfError(
        name, "could not be parsed by PDFium; repair it with qpdf or re-export it"
    )


# --- hidden runs ----------------------------------------------------------------------------


def _spans(verdicts: list[Verdict | None]) -> Iterator[tuple[Verdict | None, int, int]]:
    """Maximal ``(verdict, start, end)`` stretches of glyphs hidden for one reason (or visible)."""
    start = 0
    for _, group in groupby(verdicts, key=lambda verdict: verdict and verdict.reason):
        length = sum(1 for _ in group)
        yield verdicts[start], start, start + length
        start += length


@dataclass(slots=True)
class _Pending:
    """A hidden run being collected: stretches of text runs, in drawing order."""

    verdict: Verdict
    parts: list[tuple[TextRun, int, int]]

    def continues(self, verdict: Verdict, run: TextRun, start: int) -> bool:
        """Same reason, and the stretch follows the last one on its baseline with nothing visible
        drawn in between."""
        last, _, end = self.parts[-1]
        if verdict.reason != self.verdict.reason or start != 0 or end != len(last):
            return False
        (x, y), (last_x, last_y) = run.origins[0], last.origins[end - 1]
        return abs(y - last_y) <= 0.5 * max(run.size, last.size, 1.0) and x >= last_x - 1.0

    def finish(self, page: int) -> HiddenRun:
        segments = []
        offsets: list[int] = []
        for run, start, end in self.parts:
            x, y = run.origins[start]
            segments.append(Segment(run, range(start, end), y, x, run.ends[end - 1]))
            offsets += run.ordinals[start:end]
        first = self.parts[0][0]
        return HiddenRun(
            page=page,
            reason=self.verdict.reason,
            text=line_text(segments)[0].text,
            offsets=tuple(offsets),
            box=_box(self.parts),
            cause=self.verdict.cause,
            font=first.font,
            size=first.size,
        )


def _box(parts: list[tuple[TextRun, int, int]]) -> Rect:
    """The advance box of the parts (from descender to ascender, origin to advance end); exact
    ink boxes would cost a PDFium call per hidden glyph, for a box that only locates the run."""
    boxes = []
    for run, start, end in parts:
        if run.upright:
            xs = [x for x, _ in run.origins[start:end]] + run.ends[start:end]
            y, size = run.origins[start][1], run.size
            boxes.append((min(xs), y - 0.25 * size, max(xs), y + 0.95 * size))
        else:
            boxes.extend(run.boxes[start:end])
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def hidden_runs(vis: PageVisibility) -> list[HiddenRun]:
    """Group a page's hidden glyphs into runs: consecutive in drawing order, same reason, same
    baseline. A visible glyph in between ends a run, so each run is something that was hidden.
    Works on stretches of text runs, not glyph by glyph: stacked pages hide tens of thousands."""
    found: list[HiddenRun] = []
    pending: _Pending | None = None
    for run_index, run in enumerate(vis.page.runs):
        verdicts = vis.verdicts[run_index]
        stretches = _spans(verdicts) if verdicts is not None else [(None, 0, len(run))]
        for verdict, start, end in stretches:
            if pending is not None and (
                verdict is None or not pending.continues(verdict, run, start)
            ):
                found.append(pending.finish(vis.page.number))
                pending = None
            if verdict is None:
                continue
            if pending is None:
                pending = _Pending(verdict, [])
            pending.parts.append((run, start, end))
    if pending is not None:
        found.append(pending.finish(vis.page.number))
    return found


# --- pages ----------------------------------------------------------------------------------


@dataclass(slots=True)
class PageResult:
    """One page read: its Page, hidden runs and sidebar fields."""

    page: Page
    hidden: list[HiddenRun]
    sidebar: list[SidebarField]
    glyphs: int


def _page_result(glyphs: PageGlyphs, repeats: RepeatFilter) -> PageResult:
    vis = classify_page(glyphs)
    repeats.apply(vis)
    drop_fake_bold(vis)
    segments, rotated = collect(vis)
    layout = layout_page(segments, glyphs.crop, glyphs.number, rotated)
    hidden = hidden_runs(vis)
    removed = [run.removal() for run in hidden]
    if layout.surplus:
        text = " " * len(layout.surplus)
        removed.append(Removal(SURPLUS_WHITESPACE, glyphs.number, tuple(layout.surplus), text))
    warnings = [*glyphs.warnings, *vis.warnings, *layout.warnings]
    if glyphs.rotation:
        warnings.append(f"page is rotated {glyphs.rotation} degrees; read in unrotated orientation")
    page = Page(glyphs.number, layout.lines, removed=removed, warnings=warnings)
    return PageResult(page, hidden, layout.fields, glyphs.glyph_count)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one page is read.

    A page makes tens of thousands of small objects and no reference cycles; the collector's
    repeated scans of them cost up to a third of the time on dense (stacked) pages.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def iter_pdf_pages(pdf: pdfium.PdfDocument) -> Iterator[PageResult]:
    """Read an open document page by page (bounded memory for very long files)."""
    repeats = RepeatFilter()
    ordinal = 0
    for index in range(len(pdf)):
        with _gc_paused():
            glyphs = load_page(pdf, index, ordinal)
            try:
                result = _page_result(glyphs, repeats)
            finally:
                glyphs.close()
        ordinal += result.glyphs
        yield result


def read_pdf(
    path_or_bytes: PdfInput, *, password: str | None = None, source: str | None = None
) -> PdfResult:
    """Read the visible text of a PDF letter, and list everything it hides.

    ``path_or_bytes`` is a path or the file's bytes; ``source`` names it in messages and in
    ``Document.source`` (default: the file name). Raises a :class:`PdfError` for bad input.
    """
    pdf, name = open_pdf(path_or_bytes, password=password, source=source)
    pages: list[Page] = []
    hidden: list[HiddenRun] = []
    sidebar: dict[int, list[SidebarField]] = {}
    total = 0
    # Only our code runs until we return and the growing Document holds no reference cycles;
    # without the pause, the collector rescans it ever more often (2,000 pages: 40% slower).
    try:
        with _gc_paused():
            for result in iter_pdf_pages(pdf):
                pages.append(result.page)
                hidden.extend(result.hidden)
                if result.sidebar:
                    sidebar[result.page.number] = result.sidebar
                total += result.glyphs
    finally:
        pdf.close()
    document = Document(
        source=name,
        pages=pages,
        warnings=_document_warnings(hidden),
        kind="pdf",
        raw=[RawPage(page.text) for page in pages],
    )
    return PdfResult(document, hidden, sidebar, total)


def _document_warnings(hidden: list[HiddenRun]) -> list[str]:
    if not hidden:
        return []
    counts: dict[str, set[int]] = {}
    for run in hidden:
        counts.setdefault(str(run.reason), set()).add(run.page)
    return [
        f"hidden text ({reason}) on page(s) {_page_list(pages)}"
        for reason, pages in sorted(counts.items())
    ]


def _page_list(pages: set[int]) -> str:
    ordered = sorted(pages)
    if len(ordered) > 6:
        return f"{ordered[0]}-{ordered[-1]} ({len(ordered)} pages)"
    return ", ".join(str(page) for page in ordered)


def audit(
    path_or_bytes: PdfInput, *, password: str | None = None, source: str | None = None
) -> AuditReport:
    """Everything a PDF hides from its reader, with reasons (see :class:`AuditReport`)."""
    result = read_pdf(path_or_bytes, password=password, source=source)
    document = result.document
    warnings = [*document.warnings]
    for page in document.pages:
        warnings.extend(f"page {page.number}: {warning}" for warning in page.warnings)
    return AuditReport(document.source, len(document.pages), result.glyphs, result.hidden, warnings)
