"""The body of a letter: running footers out, paragraphs rejoined, headings found, sections made.

Extracted text has lost the vertical gaps that separate paragraphs and headings on the page
(a PDF's layout keeps them as blank lines; a baseline-sorted extraction does not), so breaks are
read from the lines themselves: a sentence that ends on a line with room left for the next word
ended its paragraph (the typesetter would have filled the line otherwise), and a short line
without closing punctuation between two paragraphs is a heading. Widths are measured with a
reference font's metrics, so the rule holds for any proportional font.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ontwar.letter.flow import Joined, PageLine, join_lines
from ontwar.letter.hyphenation import Vocabulary
from ontwar.letter.model import Field, Paragraph, Section
from ontwar.letter.vocabulary import (
    CLOSING,
    GREETINGS,
    SALUTATIONS,
    SENTENCE_END,
    SIGNATORY_TITLE,
)
from ontwar.model import Zone
from ontwar.read.footer import match_footer
from ontwar.repair.widths import char_width

SENTENCE_START = re.compile(r"(?:^|(?<=[.!?] ))[A-Z]")
NUMBERED_HEADING = re.compile(r"\d+(?:\.\d+)*\.?\s+\S")
#: A heading is at most this share of a full line, and this many words.
HEADING_WIDTH = 0.75
HEADING_WORDS = 12
#: A sentence ends its paragraph when the line plus the next word stays under this share of
#: a full line (the typesetter would have filled the line otherwise).
FULL_LINE = 0.97
#: Lines repeated on this share of the pages after the first (and on at least 3) are running
#: headers or footers; a heading that recurs at page edges by chance rarely reaches it.
RUNNING_SHARE = 0.8
FOOTNOTE_MARKER = re.compile(r"\d{1,2}")
FOOTNOTE_START = re.compile(r"(\d{1,2})\s+\S")
#: Footnotes sit among a page's last lines (above the footer).
FOOTNOTE_LINES = 8
#: Running headers and footers sit among a page's first or last lines.
EDGE_LINES = 3


@dataclass(slots=True)
class Body:
    """The body as read: sections, the closing, the signature and what was set aside."""

    salutation: str | None = None
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    greeting: str | None = None
    signatory_title: str | None = None
    signatory: str | None = None
    footers: list[str] = field(default_factory=list)
    joined: list[list[Joined]] = field(default_factory=list)
    """Each section's paragraphs with character positions (for spans)."""


@dataclass(slots=True)
class BodyLines:
    """The body's lines in reading order, and what was taken out of them."""

    lines: list[PageLine]
    footers: list[str]
    footnotes: list[Field]


def body_lines(pages: Sequence[Sequence[PageLine]], start: int) -> BodyLines:
    """The lines of the body in reading order (page 1 from ``start``), without running
    headers and footers, footnotes or their markers."""
    running = _running_lines(pages)
    found = BodyLines([], [], [])
    for number, page in enumerate(pages, start=1):
        edges = _edge_lines(page)
        kept = []
        for line in page[start:] if number == 1 else page:
            if line.zone in (Zone.SIDEBAR, Zone.LETTERHEAD):
                continue
            footer = line.index in edges and match_footer(line.text) is not None
            if line.zone is Zone.FOOTER or footer or line.text in running:
                if line.text:
                    found.footers.append(line.text)
                continue
            kept.append(line)
        kept, notes = take_footnotes(kept)
        found.lines += kept
        found.footnotes += notes
    return found


def take_footnotes(lines: list[PageLine]) -> tuple[list[PageLine], list[Field]]:
    """Split a page's footnotes (at its foot) and their markers (in the text) off its body.

    Extraction puts a superscript marker on a line of its own (``2``), and the note at the
    foot of the page starts with the same number, on its own line or before the note's text.
    Only numbers that occur as such a marker count, so a paragraph that starts with a number
    (``25 lidstaten …``) stays.
    """
    markers = {line.text for line in lines if FOOTNOTE_MARKER.fullmatch(line.text)}
    if not markers:
        return lines, []
    filled = [i for i, line in enumerate(lines) if line.text]
    notes: list[tuple[str, list[PageLine]]] = []
    first_note = len(lines)
    for position in reversed(filled[-FOOTNOTE_LINES:]):
        line = lines[position]
        starts = FOOTNOTE_START.match(line.text)
        number = line.text if line.text in markers else starts.group(1) if starts else None
        if number in markers:
            if notes and int(number) >= int(notes[0][0]):
                break  # notes count up down the page: a marker above them is in the text
            body = [] if number == line.text else [line.part(starts.end(1), len(line.text))]
            following = [later for later in lines[position + 1 : first_note] if later.text]
            notes.insert(0, (number, body + following))
            first_note = position
    if not notes:
        return lines, []
    numbers = {number for number, _ in notes}
    kept = [
        line
        for line in lines[:first_note]
        if not (FOOTNOTE_MARKER.fullmatch(line.text) and line.text in numbers)
    ]
    return kept, [_note(number, note) for number, note in notes if note]


def _note(number: str, lines: list[PageLine]) -> Field:
    joined = join_lines(lines)
    return Field(number, joined.text, joined.whole)


def _edge_lines(page: Sequence[PageLine]) -> set[int]:
    """Indices of a page's first and last few non-blank lines: where footers and headers sit."""
    filled = [line.index for line in page if line.text]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def _running_lines(pages: Sequence[Sequence[PageLine]]) -> set[str]:
    """Texts that recur at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        edges = _edge_lines(page)
        seen.update({line.text for line in page if line.index in edges})
    needed = max(3, RUNNING_SHARE * (len(pages) - 1))
    return {text for text, n in seen.items() if n >= needed and not _is_sentence(text)}


def _is_sentence(text: str) -> bool:
    """Prose repeats too (a standard phrase at a page edge); running lines are labels."""
    return bool(SENTENCE_END.search(text)) or _lower_share(text.split()) > 0.5


def read_body(lines: Sequence[PageLine], vocabulary: Vocabulary | None) -> Body:
    """Paragraphs, headings, sections and the closing from the body's lines.

    ``vocabulary`` (the document's words) decides hyphens at line ends; without a line ending
    in a hyphen it is never asked, and the parser does not count it.
    """
    body = Body()
    full = full_width(lines)
    blocks = _blocks(lines, full)
    blocks = _take_signature(body, blocks)
    if blocks and len(blocks[0]) == 1 and SALUTATIONS.fullmatch(blocks[0][0].text):
        body.salutation = blocks.pop(0)[0].text
    heading: PageLine | None = None
    paragraphs: list[Joined] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if _is_heading(block, following, full):
            _close_section(body, heading, paragraphs)
            heading, paragraphs = block[0], []
        else:
            paragraphs.append(join_lines(block, vocabulary))
    if body.greeting and paragraphs:
        body.closing = _closing(paragraphs)
    _close_section(body, heading, paragraphs)
    return body


def full_width(lines: Sequence[PageLine]) -> float:
    """The width (em) of a full line of prose: the 90th percentile of the lines' widths."""
    widths = sorted(_width(line.text) for line in lines if line.text)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0


@lru_cache(maxsize=8192)
def _width(text: str) -> float:
    return sum(map(char_width, text))


def _blocks(lines: Sequence[PageLine], full: float) -> list[list[PageLine]]:
    """Lines grouped into blocks (paragraphs or headings) at ended paragraphs and blank lines."""
    blocks: list[list[PageLine]] = [[]]
    for line, following in zip(lines, _next_written(lines), strict=True):
        if line.blank:
            if blocks[-1] and _may_end(blocks[-1][-1].text, full):
                blocks.append([])
            continue
        blocks[-1].append(line)
        if following is not None and _ends_block(line, following, full):
            blocks.append([])
    return [block for block in blocks if block]


def _next_written(lines: Sequence[PageLine]) -> list[PageLine | None]:
    """For each line, the next line that is not blank (``None`` after the last)."""
    following: list[PageLine | None] = []
    later: PageLine | None = None
    for line in reversed(lines):
        following.append(later)
        if not line.blank:
            later = line
    return following[::-1]


def _may_end(text: str, full: float) -> bool:
    """A blank line ends a block only after a sentence or a heading: stacked-page recovery
    leaves blank lines inside paragraphs too."""
    return bool(SENTENCE_END.search(text)) or _heading_shape(text, full)


def _ends_block(line: PageLine, following: PageLine, full: float) -> bool:
    """A sentence ending on a line the next word would still have fitted on ended a paragraph."""
    if GREETINGS.fullmatch(line.text) or GREETINGS.fullmatch(following.text):
        return True
    next_word = following.text.split(" ", 1)[0]
    fits = _width(line.text) + _width(" ") + _width(next_word) < FULL_LINE * full
    if SENTENCE_END.search(line.text):
        if _heading_shape(following.text, full):
            return True
        return fits and (following.text[:1].isupper() or following.text[:1].isdigit())
    return _heading_shape(line.text, full) and fits and following.text[:1].isupper()


def _heading_shape(text: str, full: float) -> bool:
    return (
        bool(text)
        and (text[0].isupper() or bool(NUMBERED_HEADING.match(text)))
        and not SENTENCE_END.search(text)
        and not text.endswith(",")
        and len(text.split()) <= HEADING_WORDS
        and _width(text) < HEADING_WIDTH * full
    )


def _is_heading(block: list[PageLine], following: list[PageLine] | None, full: float) -> bool:
    return (
        len(block) == 1
        and _heading_shape(block[0].text, full)
        and following is not None
        and following[0].text[:1].isupper()
    )


def _take_signature(body: Body, blocks: list[list[PageLine]]) -> list[list[PageLine]]:
    """Split off the greeting, the signatory's title and name from the end of the letter."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if len(block) == 1 and GREETINGS.fullmatch(block[0].text):
            body.greeting = block[0].text
            rest = [line.text for later in blocks[index + 1 :] for line in later]
            titles = [text for text in rest if SIGNATORY_TITLE.fullmatch(text)]
            if titles:
                body.signatory_title = titles[0]
                after = rest[rest.index(titles[0]) + 1 :]
                body.signatory = after[0] if after else None
            elif rest:
                body.signatory = rest[-1]
            return blocks[:index]
    return blocks


def _closing(paragraphs: list[Joined]) -> str | None:
    """The closing sentence before the greeting, split off its paragraph when it was merged.

    A paragraph break right after a full line leaves no trace in extracted text; a closing
    sentence still shows itself by what it says (it promises to keep the Kamer informed).
    """
    last = paragraphs[-1]
    starts = [match.start() for match in SENTENCE_START.finditer(last.text)]
    if len(starts) <= 2 and len(paragraphs) > 1:
        paragraphs.pop()
        return last.text
    final = starts[-1] if starts else 0
    if final and CLOSING.search(last.text[final:]):
        paragraphs[-1] = last.head(len(last.text[:final].rstrip()))
        return last.text[final:]
    return None


def _close_section(body: Body, heading: PageLine | None, paragraphs: list[Joined]) -> None:
    if heading is None and not paragraphs:
        return
    pages = [page for joined in paragraphs for page in joined.pages or ()]
    if heading is not None:
        pages.append(heading.page)
    body.sections.append(
        Section(
            heading.text if heading else None,
            tuple(Paragraph(joined.text, joined.whole) for joined in paragraphs),
            (min(pages), max(pages)) if pages else (1, 1),
            join_lines([heading]).whole if heading else None,
        )
    )
    body.joined.append(list(paragraphs))


def find_body_start(lines: Sequence[PageLine], full: float) -> int:
    """Index of page 1's first body line: the first line of prose (or the salutation).

    Letterhead lines are short and mostly capitalised or numeric; prose runs nearly the full
    width in mostly lower-case words. A heading right before the first prose line, after a
    line that ended a sentence, opens the body too, and so does a line of prose words that a
    long next word left short.
    """
    for index, line in enumerate(lines):
        if SALUTATIONS.fullmatch(line.text) or _is_prose(line.text, full):
            while index and _is_prose(lines[index - 1].text, 0.0):
                index -= 1  # a first line cut short by a long next word is prose too
            previous = [earlier for earlier in lines[:index] if not earlier.blank]
            if (
                previous
                and _heading_shape(previous[-1].text, full)
                and (len(previous) == 1 or SENTENCE_END.search(previous[-2].text))
            ):
                return lines.index(previous[-1])
            return index
    return 0


def _is_prose(text: str, full: float) -> bool:
    words = text.split()
    return len(words) >= 6 and _lower_share(words) >= 0.5 and _width(text) >= 0.7 * full


def _lower_share(words: list[str]) -> float:
    """Share of words that start lower-case: high in running text, low in names and labels."""
    return sum(word[:1].islower() for word in words) / len(words) if words else 0.0


def is_short(text: str, full: float) -> bool:
    """Shorter than a heading may be: no full line of prose is."""
    return _width(text) < HEADING_WIDTH * full
