"""Draw typeset pages as the broken PDF: every page hides all earlier pages under a white fill.

This is the damage itself. Page k of the real letter draws the text of pages 1..k-1 at their
own positions, paints an opaque white rectangle over them and then draws page k: it looks
right, but a text extractor reads all k layers. Each fragment is its own text object, as in
the Word-made original, so an extractor that reads text objects sees the same fragments.

Two page-level variations of the real case are layout transformations, so that the stacked
PDF and its clean twin stay consistent: :func:`shift_grid` moves a page's body to a shifted
line grid, :func:`drop_line` removes a line that was never drawn at all.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ontwar.model import Zone
from ontwar.synth.typeset import PAGE_HEIGHT, PAGE_WIDTH, PageLayout, register_fonts


def shift_grid(page: PageLayout, dy: float) -> PageLayout:
    """Move the page's body lines ``dy`` points down; letterhead, sidebar and footer stay.

    A shift under the extractor's baseline tolerance still merges the page with earlier
    layers; half a line makes it interleave with them (and merge with page 1's grid instead).
    """
    lines = tuple(
        replace(line, fragments=tuple(replace(f, baseline=f.baseline - dy) for f in line.fragments))
        if line.zone is Zone.BODY
        else line
        for line in page.lines
    )
    return replace(page, lines=lines)


def drop_line(page: PageLayout, index: int) -> PageLayout:
    """The page without its line ``index``: the line is in the letter but in no layer."""
    return replace(page, lines=page.lines[:index] + page.lines[index + 1 :])


def render_pdf(pages: Sequence[PageLayout], *, stacked: bool = True) -> bytes:
    """The PDF of ``pages``; ``stacked`` hides layers 1..k-1 under a white fill on page k.

    With ``stacked=False`` every page holds only its own layer: the clean twin that yields
    the truth. Each layer's text objects are built once and drawn on every page that shows
    them, so the hidden copies are byte-identical to the visible ones.
    """
    register_fonts()
    buffer = io.BytesIO()
    # Uncompressed: reportlab's compressed streams go through a pure-Python ASCII85 encoder,
    # which took a third of the time of a 16-page stacked letter.
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True, pageCompression=0)
    layers = [_text_objects(canvas, page) for page in pages]
    for k, layer in enumerate(layers):
        if stacked and k:
            for hidden in layers[:k]:
                _draw(canvas, hidden)
            _cover(canvas)
        _draw(canvas, layer)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text_objects(canvas: Canvas, page: PageLayout) -> list[PDFTextObject]:
    """One text object per fragment, with its render mode set explicitly.

    reportlab carries the text render mode over from earlier text objects unless it is set,
    and an invisible mode would let PDFium skip the text.
    """
    objects = []
    for line in page.lines:
        for fragment in line.fragments:
            text = canvas.beginText(fragment.x, fragment.baseline)
            text.setTextRenderMode(0)
            text.setFont(fragment.font, fragment.size)
            text.textOut(fragment.text)
            objects.append(text)
    return objects


def _draw(canvas: Canvas, objects: list[PDFTextObject]) -> None:
    for text in objects:
        canvas.drawText(text)


def _cover(canvas: Canvas) -> None:
    """Paint the opaque white page-size rectangle that hides the earlier layers."""
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT, stroke=0, fill=1)
    canvas.restoreState()
