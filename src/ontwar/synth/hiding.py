"""Generate test PDFs that hide text in every known way, each with its exact truth.

Why generated, not collected: a real failed redaction cannot be shared, and truth for a real
letter must be typed by hand. Here every PDF comes with the text a reader sees (per page, in the
reading order :mod:`ontwar.read.layout` promises) and every hidden run with the reason the reader
must give. The letter text is fictional and written for this project.

Three writing styles cover how producers put text on the page: one text object per line
(``line``), Word's short absolutely positioned fragments (``fragments``), and words placed one by
one with no space glyphs at all (``words``, so spaces must be inferred from gaps).

reportlab trap: the text render mode persists from one text object to the next (and reportlab
resets a clipping mode to 3 after ``ET``), so every text object here sits in its own
``saveState``/``restoreState`` with its render mode and colours set explicitly.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ontwar.read.visibility import Reason

PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_X = 80.0
BODY_WIDTH = 360.0
BODY_SIZE = 10.0
LEADING = 14.0
SIDEBAR_X = 470.0
SIDEBAR_SIZE = 7.0
SIDEBAR_LEADING = 9.0
FAKE_BOLD_SHIFT = 0.3

Colour = tuple[float, float, float]
BLACK: Colour = (0.0, 0.0, 0.0)
WHITE: Colour = (1.0, 1.0, 1.0)

# --- the letter (fictional) -------------------------------------------------------------------

MINISTRY = ("Ministerie van Dorpszaken", "en Waterbeheer")
RETURN_ADDRESS = "> Retouradres Postbus 20901 2500 EX Den Haag"
ADDRESSEE = (
    "De Voorzitter van de Tweede Kamer",
    "der Staten-Generaal",
    "Postbus 20018",
    "2500 EA DEN HAAG",
)
SIDEBAR = (
    ("Directie Waterbeheer", ("Afdeling Sloten en Oevers", "Korte Voorhout 7", "2511 CW Den Haag")),
    ("Onze referentie", ("DWB-2024/0412",)),
    ("Datum", ("14 maart 2024",)),
    ("Betreft", ("Voortgang programma", "Schone Sloten")),
    ("Bijlage(n)", ("2",)),
)
SALUTATION = "Geachte voorzitter,"
CLOSING = ("De Minister van Dorpszaken en Waterbeheer,", "J.K. van Dalen")

PARAGRAPHS = (
    "Met deze brief informeer ik uw Kamer over de voortgang van het programma Schone Sloten, "
    "zoals toegezegd tijdens het commissiedebat van 12 oktober jongstleden. Het programma "
    "ondersteunt waterschappen en gemeenten bij het herstellen van de waterkwaliteit in kleine "
    "watergangen in het landelijk gebied.",
    "In het afgelopen jaar hebben negentien waterschappen een plan van aanpak ingediend. Daarvan "
    "zijn er zeventien goedgekeurd; twee plannen worden op dit moment aangevuld met een betere "
    "onderbouwing van de kosten. De eerste maatregelen, zoals natuurvriendelijke oevers en "
    "bufferstroken langs akkers, zijn inmiddels in uitvoering.",
    "De coördinatie tussen provincies en waterschappen verloopt goed, maar vraagt meer tijd dan "
    "voorzien. Vooral de afstemming met grondeigenaren over het gebruik van percelen langs de "
    "sloten kost inspanning. Ik heb daarom besloten de looptijd van de eerste tranche met een half "
    "jaar te verlengen, zonder extra budget.",
    "Uit de eerste metingen blijkt dat het gehalte aan stikstof en fosfaat op veertig procent van "
    "de meetpunten is gedaald. Dat is een bemoedigend resultaat, al is het te vroeg om conclusies "
    "te trekken over de lange termijn. Het Planbureau voor de Leefomgeving voert in het najaar een "
    "tussentijdse evaluatie uit.",
    "Tot slot wijs ik uw Kamer op het belang van goede voorlichting. Veel inwoners weten niet "
    "welke rol sloten spelen bij het afvoeren van regenwater en het behoud van biodiversiteit. "
    "Samen met de Unie van Waterschappen start ik daarom in het voorjaar een campagne onder de "
    "titel Elke sloot telt.",
)

SECRETS = (
    "Vertrouwelijk: het budget wordt in 2025 met 14 miljoen euro verlaagd.",
    "Niet openbaar: de provincie Zuidermeer trekt zich terug uit het programma.",
    "Intern: de evaluatie van het Planbureau is al in concept beschikbaar.",
)

HEADINGS = ("1. Aanleiding", "2. Stand van zaken", "3. Vervolg")

SENTENCES = (
    "De waterschappen melden dat de aanleg van bufferstroken voorspoedig verloopt.",
    "In drie regio's is de grondverwerving nog niet afgerond.",
    "Gemeenten dragen bij door het onderhoud van bermen en sloten beter af te stemmen.",
    "Het aantal meetpunten is in het afgelopen kwartaal uitgebreid tot tweehonderdtwaalf.",
    "Agrariërs die deelnemen ontvangen een vergoeding per strekkende meter oever.",
    "De uitvoeringskosten liggen vooralsnog binnen de begroting van het programma.",
    "Ik verwacht de tweede tranche in het najaar open te stellen voor aanvragen.",
    "Ook particuliere eigenaren kunnen zich aanmelden bij hun eigen waterschap.",
    "De kennisbank met praktijkvoorbeelden wordt maandelijks aangevuld.",
    "Op verzoek van uw Kamer is gekeken naar de gevolgen voor de scheepvaart.",
    "Die gevolgen blijken beperkt, omdat het programma vooral kleine watergangen betreft.",
    "Wel vraagt de bereikbaarheid van percelen tijdens de werkzaamheden aandacht.",
    "Met de sector is afgesproken dat werkzaamheden buiten het broedseizoen plaatsvinden.",
    "De provincies rapporteren twee keer per jaar over de voortgang in hun gebied.",
    "Een onafhankelijke commissie beoordeelt de plannen op doelmatigheid.",
    "Waar nodig worden plannen teruggestuurd met een verzoek om aanvulling.",
    "Het streven blijft om in 2027 alle geplande maatregelen te hebben uitgevoerd.",
    "Ik houd uw Kamer op de hoogte van belangrijke ontwikkelingen.",
    "De samenwerking met natuurorganisaties is in het afgelopen jaar geïntensiveerd.",
    "Vrijwilligers helpen bij het tellen van amfibieën en libellen langs de oevers.",
)


# --- truth ------------------------------------------------------------------------------------


class TextStyle(StrEnum):
    """How text objects are cut up, as different PDF producers do."""

    LINE = "line"
    FRAGMENTS = "fragments"
    WORDS = "words"


@dataclass(frozen=True, slots=True)
class HiddenTruth:
    """A run of text the reader must report as hidden, with its reason."""

    page: int
    reason: Reason
    text: str


@dataclass(frozen=True, slots=True)
class SynthPdf:
    """A generated PDF and its exact truth."""

    name: str
    data: bytes
    pages: tuple[str, ...]
    """Visible text per page in reading order, one line per line."""
    hidden: tuple[HiddenTruth, ...] = ()
    password: str | None = None

    @property
    def text(self) -> str:
        return "\f".join(self.pages)


@dataclass(frozen=True, slots=True)
class Ink:
    """How a piece of text is painted."""

    fill: Colour = BLACK
    alpha: float = 1.0
    stroke: Colour = BLACK
    mode: int = 0
    font: str = "Helvetica"
    size: float = BODY_SIZE
    line_width: float = 0.6


BODY_INK = Ink()
BOLD_INK = Ink(font="Helvetica-Bold")
SIDEBAR_INK = Ink(size=SIDEBAR_SIZE)
SIDEBAR_LABEL_INK = Ink(font="Helvetica-Bold", size=SIDEBAR_SIZE)


# --- drawing ----------------------------------------------------------------------------------


class Writer:
    """A reportlab canvas that writes text in one :class:`TextStyle`, one text object at a time."""

    def __init__(
        self,
        style: TextStyle = TextStyle.LINE,
        *,
        seed: int = 7,
        pagesize: tuple[float, float] = A4,
        password: str | None = None,
    ) -> None:
        self.buffer = io.BytesIO()
        encrypt = (
            StandardEncryption(password, ownerPassword=password + "-eigenaar") if password else None
        )
        self.canvas = Canvas(self.buffer, pagesize=pagesize, encrypt=encrypt, invariant=1)
        self.style = style
        self.seed = seed

    def text(
        self, x: float, y: float, text: str, ink: Ink = BODY_INK, *, bold: bool = False
    ) -> None:
        """Draw ``text`` from ``(x, y)``; ``bold`` draws every piece twice, 0.3 pt apart (Word)."""
        for piece_x, piece in self._pieces(text, ink):
            self._text_object(x + piece_x, y, piece, ink)
            if bold:
                self._text_object(x + piece_x + FAKE_BOLD_SHIFT, y, piece, ink)

    def _pieces(self, text: str, ink: Ink) -> list[tuple[float, str]]:
        if self.style is TextStyle.LINE:
            return [(0.0, text)]
        # Fragments depend only on the text, so a page drawn again (a stacked layer) is
        # drawn with the very same text objects, as when a producer copies content.
        if self.style is TextStyle.WORDS:
            pieces, start = [], 0
            for word in text.split(" "):
                if word:
                    pieces.append((self._width(text[:start], ink), word))
                start += len(word) + 1
            return pieces
        pieces, start = [], 0
        rng = random.Random(f"{self.seed}:{text}:{ink.size}")
        while start < len(text):
            end = min(len(text), start + rng.randint(1, 9))
            pieces.append((self._width(text[:start], ink), text[start:end]))
            start = end
        return pieces

    @staticmethod
    def _width(text: str, ink: Ink) -> float:
        return stringWidth(text, ink.font, ink.size)

    def _text_object(self, x: float, y: float, text: str, ink: Ink) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColorRGB(*ink.fill, alpha=ink.alpha)
        canvas.setStrokeColorRGB(*ink.stroke)
        canvas.setLineWidth(ink.line_width)
        obj = canvas.beginText(x, y)
        obj.setFont(ink.font, ink.size)
        obj.setTextRenderMode(ink.mode)
        obj.textOut(text)
        canvas.drawText(obj)
        canvas.restoreState()

    def rect(
        self, box: tuple[float, float, float, float], colour: Colour, alpha: float = 1.0
    ) -> None:
        """A filled rectangle ``(x0, y0, x1, y1)``, no outline."""
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColorRGB(*colour, alpha=alpha)
        canvas.rect(box[0], box[1], box[2] - box[0], box[3] - box[1], stroke=0, fill=1)
        canvas.restoreState()

    def image(
        self, box: tuple[float, float, float, float], colour: Colour, *, masked: bool = False
    ) -> None:
        """A flat-colour image over ``box``; ``masked`` gives it an alpha channel at 254/255:
        opaque to the eye, but not provably opaque to a reader."""
        rgb = tuple(round(255 * c) for c in colour)
        image = Image.new("RGBA", (8, 8), (*rgb, 254)) if masked else Image.new("RGB", (8, 8), rgb)
        self.canvas.drawImage(
            ImageReader(image),
            box[0],
            box[1],
            box[2] - box[0],
            box[3] - box[1],
            mask="auto" if masked else None,
        )

    def clipped(self, box: tuple[float, float, float, float], draw: Callable[[], None]) -> None:
        """Run ``draw`` with the clip set to ``box``."""
        canvas = self.canvas
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
        canvas.clipPath(path, stroke=0, fill=0)
        draw()
        canvas.restoreState()

    def page(self) -> None:
        self.canvas.showPage()

    def pdf(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def wrap(text: str, width: float = BODY_WIDTH, ink: Ink = BODY_INK) -> list[str]:
    """Greedy line breaking at spaces."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, ink.font, ink.size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass(slots=True)
class Flow:
    """Places paragraphs line by line down a column, remembering what went where."""

    x: float = BODY_X
    y: float = 720.0
    width: float = BODY_WIDTH
    leading: float = LEADING
    lines: list[tuple[float, float, str]] = field(default_factory=list)

    def paragraph(self, text: str, ink: Ink = BODY_INK) -> list[tuple[float, float, str]]:
        placed = [self.line(line) for line in wrap(text, self.width, ink)]
        self.y -= self.leading
        return placed

    def line(self, text: str) -> tuple[float, float, str]:
        placed = (self.x, self.y, text)
        self.lines.append(placed)
        self.y -= self.leading
        return placed

    def draw(self, writer: Writer, ink: Ink = BODY_INK) -> None:
        for x, y, text in self.lines:
            writer.text(x, y, text, ink)

    @property
    def text(self) -> str:
        return "\n".join(text for _, _, text in self.lines)


def _body(paragraphs: Iterable[str] = PARAGRAPHS[:3], y: float = 720.0) -> Flow:
    flow = Flow(y=y)
    for paragraph in paragraphs:
        flow.paragraph(paragraph)
    return flow


# --- hiding methods ---------------------------------------------------------------------------


def _line_box(
    x: float, y: float, text: str, ink: Ink = BODY_INK
) -> tuple[float, float, float, float]:
    """A box generously around one drawn line (descenders and accents included)."""
    width = stringWidth(text, ink.font, ink.size)
    return (x - 2, y - 0.3 * ink.size, x + width + 2, y + 1.05 * ink.size)


def _hiding_case(
    name: str,
    style: TextStyle,
    reason: Reason,
    hide: Callable[[Writer, float, float, str], None],
    secrets: tuple[str, ...] = SECRETS[:1],
) -> SynthPdf:
    """Body text with a gap after the first paragraph; ``hide`` puts each secret in that gap."""
    writer = Writer(style)
    flow = _body(PARAGRAPHS[:1])
    slots = []
    for _ in secrets:
        slots.append(flow.y)
        flow.y -= LEADING
    flow.y -= LEADING
    for paragraph in PARAGRAPHS[1:3]:
        flow.paragraph(paragraph)
    flow.draw(writer)
    for y, secret in zip(slots, secrets, strict=True):
        hide(writer, BODY_X, y, secret)
    writer.page()
    hidden = tuple(HiddenTruth(1, reason, secret) for secret in secrets)
    return SynthPdf(f"{name}-{style}", writer.pdf(), (flow.text,), hidden)


def _cover_rect(writer: Writer, x: float, y: float, text: str) -> None:
    writer.text(x, y, text)
    writer.rect(_line_box(x, y, text), WHITE)


def _ink_mode(mode: int) -> Callable[[Writer, float, float, str], None]:
    return lambda writer, x, y, text: writer.text(x, y, text, Ink(mode=mode))


def _alpha_zero(writer: Writer, x: float, y: float, text: str) -> None:
    writer.text(x, y, text, Ink(alpha=0.0))


def _white_on_white(writer: Writer, x: float, y: float, text: str) -> None:
    writer.text(x, y, text, Ink(fill=WHITE))


def _same_as_box(writer: Writer, x: float, y: float, text: str) -> None:
    """Dark blue text on a dark blue box drawn before it."""
    colour = (0.1, 0.2, 0.45)
    writer.rect(_line_box(x, y, text), colour)
    writer.text(x, y, text, Ink(fill=colour))


def _clipped_away(writer: Writer, x: float, y: float, text: str) -> None:
    writer.clipped((0, 0, 20, 20), lambda: writer.text(x, y, text))


def _form_cover(writer: Writer, x: float, y: float, text: str) -> None:
    """Text and its cover inside a form XObject (drawing order must be flattened)."""
    canvas = writer.canvas
    name = f"form{round(y)}"
    canvas.beginForm(name)
    _cover_rect(writer, x, y, text)
    canvas.endForm()
    canvas.doForm(name)


def _image_over(writer: Writer, x: float, y: float, text: str) -> None:
    writer.text(x, y, text)
    writer.image(_line_box(x, y, text), (0.93, 0.93, 0.93))


def _outside_crop_case(style: TextStyle) -> SynthPdf:
    """One secret beyond the page edge, one inside the media box but outside the crop box."""
    writer = Writer(style)
    writer.canvas.setCropBox((30, 30, PAGE_WIDTH - 30, PAGE_HEIGHT - 30))
    flow = _body()
    flow.draw(writer)
    writer.text(PAGE_WIDTH + 20, 500, SECRETS[0])
    writer.text(BODY_X, PAGE_HEIGHT - 18, SECRETS[1])
    writer.page()
    hidden = (
        HiddenTruth(1, Reason.OUTSIDE_CROP, SECRETS[0]),
        HiddenTruth(1, Reason.OUTSIDE_CROP, SECRETS[1]),
    )
    return SynthPdf(f"outside-crop-{style}", writer.pdf(), (flow.text,), hidden)


def _fake_bold_case(style: TextStyle) -> SynthPdf:
    """Headings drawn twice, 0.3 pt apart, as Word does for fonts without a bold face."""
    writer = Writer(style)
    flow = Flow()
    hidden = []
    for heading, paragraph in zip(HEADINGS, PARAGRAPHS, strict=False):
        x, y, _ = flow.line(heading)
        writer.text(x, y, heading, bold=True)
        hidden.append(HiddenTruth(1, Reason.FAKE_BOLD, heading))
        for x, y, text in flow.paragraph(paragraph):
            writer.text(x, y, text)
    writer.page()
    return SynthPdf(f"fake-bold-{style}", writer.pdf(), (flow.text,), tuple(hidden))


def annotate(
    data: bytes, box: tuple[float, float, float, float], subtype: int, fill: Colour
) -> bytes:
    """Add an annotation (e.g. a square) with interior colour ``fill`` over ``box`` on the first
    page, as a comment tool does (reportlab cannot write these; PDFium can)."""
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    annot = pdfium_c.FPDFPage_CreateAnnot(page.raw, subtype)
    rect = pdfium_c.FS_RECTF(box[0], box[3], box[2], box[1])
    pdfium_c.FPDFAnnot_SetRect(annot, rect)
    rgb = [round(255 * c) for c in fill]
    for kind in (pdfium_c.FPDFANNOT_COLORTYPE_Color, pdfium_c.FPDFANNOT_COLORTYPE_InteriorColor):
        pdfium_c.FPDFAnnot_SetColor(annot, kind, *rgb, 255)
    pdfium_c.FPDFPage_CloseAnnot(annot)
    page.close()
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def _square_annotation_case(style: TextStyle) -> SynthPdf:
    """A black box drawn with a comment tool (square annotation) over a line of text."""
    case = _hiding_case("square-annotation", style, Reason.COVERED_ANNOTATION, _plain_text)
    y = _secret_slot()
    box = _line_box(BODY_X, y, SECRETS[0])
    data = annotate(case.data, box, pdfium_c.FPDF_ANNOT_SQUARE, BLACK)
    return SynthPdf(case.name, data, case.pages, case.hidden)


class _RedactAnnotation(pdfdoc.Annotation):
    """A /Redact annotation (reportlab has no class for it; PDFium cannot create one)."""

    permitted = (*pdfdoc.Annotation.permitted, "IC")

    def __init__(self, rect: tuple[float, float, float, float]) -> None:
        self.rect = rect

    def Dict(self) -> pdfdoc.PDFDictionary:
        return self.AnnotationDict(
            Rect=list(self.rect), Contents="", Subtype="/Redact", IC=pdfdoc.PDFArray([0, 0, 0])
        )


def unapplied_redaction(style: TextStyle = TextStyle.LINE) -> SynthPdf:
    """A redaction annotation marked but never applied: the text under it stays visible."""
    writer = Writer(style)
    flow = _body()
    flow.draw(writer)
    x, y, text = flow.lines[2]
    writer.canvas._addAnnotation(_RedactAnnotation(_line_box(x, y, text)))
    writer.page()
    return SynthPdf(f"unapplied-redaction-{style}", writer.pdf(), (flow.text,))


def _plain_text(writer: Writer, x: float, y: float, text: str) -> None:
    writer.text(x, y, text)


def _secret_slot() -> float:
    """Where :func:`_hiding_case` puts the first secret (the line after the first paragraph)."""
    return _body(PARAGRAPHS[:1]).y


HidingBuilder = Callable[[TextStyle], SynthPdf]

HIDING_METHODS: dict[str, HidingBuilder] = {
    "cover-rect": lambda s: _hiding_case("cover-rect", s, Reason.COVERED, _cover_rect),
    "render-mode-3": lambda s: _hiding_case("render-mode-3", s, Reason.INVISIBLE, _ink_mode(3)),
    "render-mode-7": lambda s: _hiding_case("render-mode-7", s, Reason.CLIP_ONLY, _ink_mode(7)),
    "alpha-zero": lambda s: _hiding_case("alpha-zero", s, Reason.TRANSPARENT, _alpha_zero),
    "white-on-white": lambda s: _hiding_case(
        "white-on-white", s, Reason.BACKGROUND, _white_on_white
    ),
    "same-as-box": lambda s: _hiding_case("same-as-box", s, Reason.BACKGROUND, _same_as_box),
    "outside-crop": _outside_crop_case,
    "clipped-away": lambda s: _hiding_case("clipped-away", s, Reason.CLIPPED, _clipped_away),
    "image-over": lambda s: _hiding_case("image-over", s, Reason.COVERED_IMAGE, _image_over),
    "form-cover": lambda s: _hiding_case("form-cover", s, Reason.COVERED, _form_cover),
    "square-annotation": _square_annotation_case,
    "fake-bold": _fake_bold_case,
}
"""Every hiding method, by name; each builder takes the writing style."""


# --- look-alikes that must stay visible -------------------------------------------------------


def _lookalike(name: str, style: TextStyle, draw: Callable[[Writer, Flow], None]) -> SynthPdf:
    writer = Writer(style)
    flow = _body()
    draw(writer, flow)
    writer.page()
    return SynthPdf(f"{name}-{style}", writer.pdf(), (flow.text,))


def _paragraph_box(flow: Flow, first: int, last: int) -> tuple[float, float, float, float]:
    top = flow.lines[first][1] + BODY_SIZE + 3
    bottom = flow.lines[last][1] - 5
    return (BODY_X - 6, bottom, BODY_X + BODY_WIDTH + 6, top)


def _grey_box(writer: Writer, flow: Flow) -> None:
    writer.rect(_paragraph_box(flow, 0, 3), (0.85, 0.85, 0.85))
    flow.draw(writer)


def _white_on_dark(writer: Writer, flow: Flow) -> None:
    writer.rect(_paragraph_box(flow, 0, 3), (0.1, 0.2, 0.45))
    for index, (x, y, text) in enumerate(flow.lines):
        writer.text(x, y, text, Ink(fill=WHITE) if index <= 3 else BODY_INK)


def _highlight_after(writer: Writer, flow: Flow) -> None:
    flow.draw(writer)
    x, y, text = flow.lines[1]
    writer.rect(_line_box(x, y, text), (1.0, 0.9, 0.0), alpha=0.4)


def _legit_clip(writer: Writer, flow: Flow) -> None:
    writer.clipped((40, 40, PAGE_WIDTH - 40, PAGE_HEIGHT - 40), lambda: flow.draw(writer))


def _background_image(writer: Writer, flow: Flow) -> None:
    writer.image((0, 0, PAGE_WIDTH, PAGE_HEIGHT), (0.97, 0.95, 0.9))
    flow.draw(writer)


def _outlined_white(writer: Writer, flow: Flow) -> None:
    for index, (x, y, text) in enumerate(flow.lines):
        ink = BODY_INK
        if index == 0:
            ink = Ink(fill=WHITE, stroke=BLACK, mode=2)
        elif index == 1:
            ink = Ink(fill=WHITE, stroke=(0.2, 0.2, 0.2), mode=1)
        writer.text(x, y, text, ink)


def _underline(writer: Writer, flow: Flow) -> None:
    flow.draw(writer)
    for x, y, text in flow.lines[:3]:
        writer.rect((x, y - 2.2, x + stringWidth(text, "Helvetica", BODY_SIZE), y - 1.6), BLACK)


LOOKALIKES: dict[str, Callable[[Writer, Flow], None]] = {
    "grey-box": _grey_box,
    "white-on-dark": _white_on_dark,
    "highlight-after": _highlight_after,
    "legit-clip": _legit_clip,
    "background-image": _background_image,
    "outlined-white": _outlined_white,
    "underline-rule": _underline,
}
"""Drawings that resemble hiding but leave every glyph visible."""


def lookalike(name: str, style: TextStyle = TextStyle.LINE) -> SynthPdf:
    return _lookalike(name, style, LOOKALIKES[name])


def hiding(name: str, style: TextStyle = TextStyle.LINE) -> SynthPdf:
    return HIDING_METHODS[name](style)


# --- layouts ----------------------------------------------------------------------------------


def _draw_letterhead(writer: Writer) -> list[str]:
    ink = Ink(size=9)
    for index, line in enumerate(MINISTRY):
        writer.text(310, 800 - 11 * index, line, ink)
    return list(MINISTRY)


def _draw_address(writer: Writer) -> list[str]:
    writer.text(BODY_X, 700, RETURN_ADDRESS, Ink(size=6.5))
    for index, line in enumerate(ADDRESSEE):
        writer.text(BODY_X, 680 - LEADING * index, line)
    return [RETURN_ADDRESS, *ADDRESSEE]


def _draw_sidebar(writer: Writer, top: float = 700.0, fields: tuple = SIDEBAR) -> list[str]:
    y, lines = top, []
    for label, values in fields:
        writer.text(SIDEBAR_X, y, label, SIDEBAR_LABEL_INK)
        lines.append(label)
        y -= SIDEBAR_LEADING
        for value in values:
            writer.text(SIDEBAR_X, y, value, SIDEBAR_INK)
            lines.append(value)
            y -= SIDEBAR_LEADING
        y -= SIDEBAR_LEADING
    return lines


def _draw_footer(writer: Writer, number: int, total: int) -> str:
    text = f"Pagina {number} van {total}"
    writer.text(SIDEBAR_X, 40, text, SIDEBAR_INK)
    return text


def rijkshuisstijl(style: TextStyle = TextStyle.LINE) -> SynthPdf:
    """A first page in the Dutch government house style: letterhead, return address, addressee,
    a right-hand sidebar of label/value pairs sharing baselines with the body, and a footer."""
    writer = Writer(style)
    letterhead = _draw_letterhead(writer)
    address = _draw_address(writer)
    sidebar = _draw_sidebar(writer, top=628.0)
    flow = Flow(y=592.0)
    flow.line(SALUTATION)
    flow.y -= LEADING
    for paragraph in PARAGRAPHS[:3]:
        flow.paragraph(paragraph)
    for line in CLOSING:
        flow.line(line)
    flow.draw(writer)
    footer = _draw_footer(writer, 1, 1)
    writer.page()
    text = "\n".join([*letterhead, *address, *sidebar, flow.text, footer])
    return SynthPdf(f"rijkshuisstijl-{style}", writer.pdf(), (text,))


def two_columns(style: TextStyle = TextStyle.LINE) -> SynthPdf:
    """A heading across both columns, then two columns read left before right."""
    writer = Writer(style)
    heading = "Overzicht van de maatregelen per regio in het programma Schone Sloten"
    writer.text(60, 730, heading, BOLD_INK)
    left = Flow(x=60, y=700, width=225)
    right = Flow(x=310, y=700, width=225)
    for paragraph in PARAGRAPHS[:3]:
        left.paragraph(paragraph)
    for paragraph in PARAGRAPHS[3:]:
        right.paragraph(paragraph)
    left.draw(writer)
    right.draw(writer)
    writer.page()
    return SynthPdf(
        f"two-columns-{style}", writer.pdf(), (f"{heading}\n{left.text}\n{right.text}",)
    )


# --- multi-page letters -----------------------------------------------------------------------


def letter_pages(pages: int, seed: int = 11) -> list[list[str]]:
    """Body lines for each page of a long letter, no two pages alike."""
    rng = random.Random(seed)
    result: list[list[str]] = []
    for number in range(1, pages + 1):
        lines: list[str] = [SALUTATION, ""] if number == 1 else []
        flow_top = 560 if number == 1 else 760
        capacity = int((flow_top - 90) // LEADING)
        while len(lines) < capacity - 6:
            sentences = rng.sample(SENTENCES, 4)
            lines.extend(wrap(" ".join(sentences)))
            lines.append("")
        result.append(lines[: capacity - 1])
    return result


def _draw_lines(writer: Writer, lines: list[str], top: float) -> list[str]:
    drawn = []
    for index, line in enumerate(lines):
        if line:
            writer.text(BODY_X, top - LEADING * index, line)
            drawn.append(line)
    return drawn


def _letter_page(writer: Writer, number: int, total: int, body: list[str]) -> str:
    """Draw one page of the long letter and return its visible text in reading order."""
    parts: list[str] = []
    if number == 1:
        parts += _draw_letterhead(writer)
        parts += _draw_address(writer)
        parts += _draw_sidebar(writer, top=628.0)
        parts += _draw_lines(writer, body, 560)
    else:
        parts += _draw_sidebar(writer, top=760.0, fields=SIDEBAR[1:3])
        parts += _draw_lines(writer, body, 760)
    parts.append(_draw_footer(writer, number, total))
    return "\n".join(parts)


def long_letter(pages: int = 50, style: TextStyle = TextStyle.FRAGMENTS) -> SynthPdf:
    """A letter of ``pages`` pages (house style, sidebar on every page) for speed and accuracy."""
    writer = Writer(style)
    bodies = letter_pages(pages)
    texts = []
    for number, body in enumerate(bodies, start=1):
        texts.append(_letter_page(writer, number, pages, body))
        writer.page()
    return SynthPdf(f"letter-{pages}p-{style}", writer.pdf(), tuple(texts))


def identical_pages(copies: int = 2) -> SynthPdf:
    """The same page printed ``copies`` times (a form, a blank template): nothing is hidden."""
    writer = Writer(TextStyle.FRAGMENTS)
    body = letter_pages(2)[1]
    texts = []
    for _ in range(copies):
        texts.append("\n".join(_draw_lines(writer, body, 760)))
        writer.page()
    return SynthPdf(f"identical-{copies}p", writer.pdf(), tuple(texts))


def stacked(
    pages: int = 16, style: TextStyle = TextStyle.FRAGMENTS, *, cover: str = "rect"
) -> SynthPdf:
    """The seed's damage: page k draws pages 1..k-1 again, hides them under a white cover, then
    draws its own text. ``cover="masked-image"`` uses a cover the rules cannot see through (an
    image with an alpha channel), so only the repeat rule can catch the layers."""
    writer = Writer(style)
    bodies = letter_pages(pages)
    texts: list[str] = []
    hidden: list[HiddenTruth] = []
    reason = Reason.COVERED if cover == "rect" else Reason.REPEATS
    for number in range(1, pages + 1):
        for layer in range(1, number):
            _letter_page(writer, layer, pages, bodies[layer - 1])
            hidden.append(HiddenTruth(number, reason, texts[layer - 1]))
        if number > 1:
            if cover == "rect":
                writer.rect((0, 0, PAGE_WIDTH, PAGE_HEIGHT), WHITE)
            else:
                writer.image((0, 0, PAGE_WIDTH, PAGE_HEIGHT), WHITE, masked=True)
        texts.append(_letter_page(writer, number, pages, bodies[number - 1]))
        writer.page()
    return SynthPdf(f"stacked-{pages}p-{cover}-{style}", writer.pdf(), tuple(texts), tuple(hidden))


# --- bad and extreme input --------------------------------------------------------------------


def encrypted(password: str = "geheim") -> SynthPdf:
    """A letter page that opens only with ``password``."""
    writer = Writer(password=password)
    flow = _body()
    flow.draw(writer)
    writer.page()
    return SynthPdf("encrypted", writer.pdf(), (flow.text,), password=password)


def huge_page(glyphs: int = 100_000) -> SynthPdf:
    """One large page holding about ``glyphs`` glyphs of tiny text (one text object per line)."""
    size, leading, width = 3.0, 3.6, 1400.0
    writer = Writer(pagesize=(1500, 1500))
    ink = Ink(size=size)
    rng = random.Random(3)
    lines, count = [], 0
    y = 1460.0
    while count < glyphs and y > 20:
        words: list[str] = []
        while stringWidth(" ".join(words), "Helvetica", size) < width:
            words.append(rng.choice(SENTENCES).split()[rng.randrange(5)])
        line = " ".join(words[:-1])
        writer.text(50, y, line, ink)
        lines.append(line)
        count += len(line)
        y -= leading
    writer.page()
    return SynthPdf(f"huge-{glyphs}", writer.pdf(), ("\n".join(lines),))


def empty_pdf() -> bytes:
    """A well-formed PDF with zero pages (reportlab always writes at least one)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    """The first ``keep`` share of a PDF, as an interrupted download leaves it."""
    return data[: int(len(data) * keep)]


def all_cases(style: TextStyle = TextStyle.LINE) -> list[SynthPdf]:
    """Every single-page case in one style: hiding methods, look-alikes and layouts."""
    cases = [builder(style) for builder in HIDING_METHODS.values()]
    cases += [lookalike(name, style) for name in LOOKALIKES]
    cases += [rijkshuisstijl(style), two_columns(style)]
    return cases
