"""Page 1's letterhead: sender, return address, addressee and the labelled sidebar fields.

On the page these are columns: the return address and addressee on the left, the sidebar (the
sender's address, then ``Datum``, ``Betreft``, ``Onze referentie`` …) on the right. A PDF's
layout keeps them apart (zones); an extraction that sorted text by baseline has glued them
line by line (``2500 EA Den HaagBS2021993474``, ``Datum 18 december 2020 Afschrift aan``) and
even put a value above its label when its baseline was a hair higher. So the parser first
splits the two columns again, by what the left column's lines look like (an addressee block is
a few lines of known shape ending in a postcode and place), and then reads the right column as
a sequence of labels and values, giving each value line to the field it fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ontwar.letter.dates import DUTCH_DATE, find_date
from ontwar.letter.flow import PageLine, join_lines
from ontwar.letter.model import Field
from ontwar.letter.vocabulary import (
    ADDRESSEE_LINES,
    FREE_TEXT_FIELDS,
    INSTITUTIONS,
    PHONE,
    POSTBUS,
    POSTCODE_CITY,
    RECIPIENT_FIELDS,
    RETURN_ADDRESS,
    SENDER,
    SENTENCE_END,
    SIDEBAR_LABELS,
    SIDEBAR_NOTES,
    SINGLE_LINE_FIELDS,
    STREET,
    WEB,
)
from ontwar.model import Zone
from ontwar.repair.langmodel import dutch_zipf

_VARIANTS = sorted(
    ((variant, label) for label, variants in SIDEBAR_LABELS.items() for variant in variants),
    key=lambda pair: -len(pair[0]),
)
_CANONICAL = dict(_VARIANTS)
_LABEL = "|".join(re.escape(variant) for variant, _ in _VARIANTS)
LABEL_AT_START = re.compile(rf"({_LABEL})(?=\s|$)")
LABEL_AT_END = re.compile(
    rf"(?<=\s)({'|'.join(re.escape(variant) for variant, _ in _VARIANTS if len(variant) > 1)})$"
)
#: A place name less frequent than this may be two words glued (``Haagin``)...
KNOWN_PLACE_ZIPF = 2.0
#: ... when it starts with a word at least this frequent.
GLUED_ZIPF = 3.0
#: Words a wrapped organisation name ends its first line with.
WRAPPING = (" en", " van", " voor", " der", ",")
#: A label glued to the end of a body line: ``… informeer ik uwBijlage(n)``.
GLUED_LABEL = re.compile(
    rf"(?<=[\w,.;:)])({'|'.join(re.escape(v) for v, _ in _VARIANTS if len(v) > 1)})$"
)
#: The shape of a one-line value, by field: how it is known on a line of its own or glued to
#: the end of a body line.
VALUE_SHAPES = {"Bijlage(n)": r"\d{1,2}", "Datum": DUTCH_DATE.pattern}
GLUED_VALUES = {
    label: re.compile(rf"(?:\s|(?<=[a-zà-ÿ]))({shape})$", re.IGNORECASE)
    for label, shape in VALUE_SHAPES.items()
}
GLUED_RECIPIENT = re.compile(
    "("
    + "|".join(
        re.escape(" ".join(name.split()[:size]))
        for name in INSTITUTIONS
        for size in range(len(name.split()), 2, -1)
    )
    + ")$"
)
#: Lines of values a sidebar label beside the body may have.
SIDEBAR_VALUE_LINES = 4
CODE = re.compile(r"[A-Z0-9][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*")


@dataclass(slots=True)
class _Field:
    label: str
    lines: list[PageLine] = field(default_factory=list)

    @property
    def value(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(slots=True)
class Header:
    """What page 1's letterhead says; ``fields`` in the order the letter prints them."""

    sender: str | None = None
    sender_address: list[str] = field(default_factory=list)
    return_address: str | None = None
    addressee: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cc: str | None = None

    def field(self, label: str) -> Field | None:
        return next((f for f in self.fields if f.label == label), None)

    @property
    def date(self) -> tuple[str, str] | None:
        found = self.field("Datum")
        return find_date(found.value) if found else None


def read_header(lines: Sequence[PageLine]) -> Header:
    """Read the letterhead from page 1's lines before the body."""
    header = Header()
    lines = [line for line in lines if not line.blank]
    sidebar_zone = any(line.zone is Zone.SIDEBAR for line in lines)
    left: list[PageLine] = []
    right: list[PageLine] = []
    for line in lines:
        if sidebar_zone:
            (right if line.zone is Zone.SIDEBAR else left).append(line)
        else:
            own, rest = _split_columns(line, left)
            left.extend([own] if own else [])
            right.extend([rest] if rest else [])
    _read_left(header, left, right)
    _read_sidebar(header, right)
    return header


def sidebar_beside_body(
    lines: Sequence[PageLine],
    is_short: Callable[[str], bool],
    still_open: tuple[str | None, str] = (None, ""),
) -> tuple[list[PageLine], list[PageLine]]:
    """Split page 1's body lines into body and the sidebar that runs on beside them.

    The sidebar is often longer than the letterhead: its last fields sit next to the first
    paragraph. A baseline-sorted extraction then glues a label or a value to the end of a body
    line (``… informeer ik uwBijlage(n)``, ``… de uitkomstende Voorzitter van de Eerste
    Kamer``) and puts other values on short lines of their own in the middle of a paragraph,
    where no body line can be short. ``still_open`` is the field the letterhead ended in
    (:func:`open_field`). Returns ``(body, sidebar)``.
    """
    body: list[PageLine] = []
    sidebar: list[PageLine] = []
    label, value = still_open
    values = SIDEBAR_VALUE_LINES if label else 0
    for line in lines:
        text = line.text
        glued = GLUED_LABEL.search(text)
        if glued:
            body.append(line.part(0, glued.start(1)))
            sidebar.append(line.part(glued.start(1), len(text)))
            label, values, value = _canonical(glued.group(1)), SIDEBAR_VALUE_LINES, ""
        elif len(text) > 1 and LABEL_AT_START.fullmatch(text):
            sidebar.append(line)
            label, values, value = _canonical(text), SIDEBAR_VALUE_LINES, ""
        elif values and text and (cut := _glued_value(text, label, value)) is not None:
            body.append(line.part(0, cut))
            sidebar.append(line.part(cut, len(text)))
            values, value = values - 1, f"{value} {sidebar[-1].text}".strip()
        elif values and text and _beside(text, label, body, value, is_short):
            sidebar.append(line)
            values, value = values - 1, f"{value} {text}".strip()
        else:
            body.append(line)
            values = max(0, values - 1) if text else values
    return body, sidebar


def open_field(lines: Sequence[PageLine]) -> tuple[str | None, str]:
    """The field the letterhead ends in, if it may go on beside the body: a label still
    waiting for its value, or an institution's name cut off (``de Voorzitter van de Eerste``).
    Returns ``(label, value so far)``."""
    texts = [line.text for line in lines if line.text][-SIDEBAR_VALUE_LINES:]
    for index in range(len(texts) - 1, -1, -1):
        if len(texts[index]) > 1 and LABEL_AT_START.fullmatch(texts[index]):
            label, value = _canonical(texts[index]), " ".join(texts[index + 1 :])
            if not value or (label in RECIPIENT_FIELDS and _open_institution(value)):
                return label, value
            break
    return None, ""


def _glued_value(text: str, label: str | None, value: str) -> int | None:
    """Where a value of ``label`` glued to the end of a body line starts."""
    if label is None:
        return None
    pattern = GLUED_VALUES.get(label) or (GLUED_RECIPIENT if label in RECIPIENT_FIELDS else None)
    match = pattern.search(text) if pattern else None
    if match and match.start(1) > 0:
        return match.start(1)
    if label in RECIPIENT_FIELDS and value:
        rest = next((n[len(value) + 1 :] for n in INSTITUTIONS if n.startswith(f"{value} ")), "")
        if rest and text.endswith(rest) and len(text) > len(rest):
            return len(text) - len(rest)
    return None


def _beside(
    text: str, label: str | None, body: list[PageLine], value: str, is_short: Callable[[str], bool]
) -> bool:
    """A short line inside a running sentence, a value of the open field's shape, or one that
    goes on with the name of an institution the sidebar started, is not the body's."""
    last = next((line.text for line in reversed(body) if line.text), "")
    shape = VALUE_SHAPES.get(label or "")
    if _continues_institution(value, text) or (shape and re.fullmatch(shape, text, re.I)):
        return True
    if label in RECIPIENT_FIELDS and value and not _open_institution(value):
        return _is_address(text)
    if not value and is_short(text) and not SENTENCE_END.search(text):
        return True  # the first value of a label that just came
    return is_short(text) and not SENTENCE_END.search(text) and not SENTENCE_END.search(last)


def _split_columns(line: PageLine, left: list[PageLine]) -> tuple[PageLine | None, PageLine | None]:
    """Split a glued line into its left-column start and the sidebar text after it."""
    text = line.text
    returned = RETURN_ADDRESS.match(text)
    if returned:
        end = _unglue(text, returned.end())
        return line.part(0, end), _rest(line, end)
    if not any(RETURN_ADDRESS.match(done.text) for done in left) or _addressee_done(left):
        return None, line
    if LABEL_AT_START.fullmatch(text):
        return None, line
    for pattern in ADDRESSEE_LINES:
        match = pattern.match(text)
        if match:
            end = _unglue(text, match.end()) if pattern is POSTCODE_CITY else match.end()
            return line.part(0, end), _rest(line, end)
    return None, line


def _unglue(text: str, end: int) -> int:
    """Where a place name really ends when the sidebar's text was glued onto it.

    ``2500 EA Den Haagprovincie`` matches as the place ``Haagprovincie``. A place name is a
    word people write; when the matched word is not one but starts with one (``Haag``), the
    rest belongs to the other column. Of several such cuts (``Haags|teun``, ``Haag|steun``)
    the one whose two halves are the more common words wins.
    """
    start = text.rfind(" ", 0, end) + 1
    word = text[start:end]
    if len(word) < 5 or dutch_zipf(word.lower()) >= KNOWN_PLACE_ZIPF:
        return end
    splits = [
        (dutch_zipf(word[:n].lower()), dutch_zipf(word[n:].lower()), n)
        for n in range(3, len(word) - 1)
        if word[n].islower()
    ]
    known = [(head + tail, n) for head, tail, n in splits if head >= GLUED_ZIPF]
    return start + max(known)[1] if known else end


def _rest(line: PageLine, end: int) -> PageLine | None:
    rest = line.part(end, len(line.text))
    return rest if rest.text else None


def _addressee_done(left: list[PageLine]) -> bool:
    """The addressee block ends with its postcode and place."""
    return len(left) > 1 and POSTCODE_CITY.fullmatch(left[-1].text) is not None


def _read_left(header: Header, left: list[PageLine], right: list[PageLine]) -> None:
    """Sender, return address and addressee from the left column (and the sender's lines)."""
    for line in left:
        if RETURN_ADDRESS.match(line.text):
            header.return_address = line.text
        elif header.return_address is None:
            if header.sender and header.sender.endswith(WRAPPING) and line.text[:1].isupper():
                header.sender = f"{header.sender} {line.text}"
            header.sender = header.sender or _sender(line.text)
        else:
            header.addressee.append(line.text)
    if header.sender is None:
        index = next((i for i, line in enumerate(right) if _sender(line.text)), None)
        if index is not None:
            header.sender = _sender(right.pop(index).text)
            _continue_sender(header, right, index)
    elif not any(line.text.startswith(header.sender) for line in left):
        _continue_sender(header, right, 0)
    own = _postbus(header.return_address or "")
    if own and own & _postbus(" ".join(header.addressee)):
        # The "addressee" address is the sender's own (its return address says so).
        keep = [line for line in header.addressee if not _is_address(line)]
        header.sender_address += [line for line in header.addressee if _is_address(line)]
        header.addressee = keep


def _continue_sender(header: Header, right: list[PageLine], index: int) -> None:
    """A sender name cut at a connective (``… Zaken en``) goes on on the next line."""
    if (
        header.sender
        and header.sender.endswith(WRAPPING)
        and index < len(right)
        and right[index].text[:1].isupper()
    ):
        header.sender = f"{header.sender} {right.pop(index).text}"


def _sender(text: str) -> str | None:
    match = SENDER.search(text)
    return match.group(0).strip() if match else None


def _postbus(text: str) -> set[str]:
    """Postbus numbers: each belongs to one organisation (postcodes are shared)."""
    return {match.group(0).split()[-1] for match in POSTBUS.finditer(text)}


def _is_address(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in (POSTBUS, POSTCODE_CITY, STREET, PHONE)) or (
        WEB.search(text) is not None
    )


def _read_sidebar(header: Header, right: list[PageLine]) -> None:
    """Labels and values of the right column, each value line given to the field it fits."""
    fields: list[_Field] = []
    pending: list[PageLine] = []
    notes: list[PageLine] = []
    for line in right:
        if notes or any(line.text.startswith(note) for note in SIDEBAR_NOTES):
            notes.append(line)
            continue
        for piece, is_label in _label_pieces(line):
            if is_label:
                label = _canonical(piece.text)
                fields.append(_Field(label))
                if label in FREE_TEXT_FIELDS and pending:
                    fields[-1].lines.extend(pending)
                    pending.clear()
                continue
            target = _owner(fields, piece)
            if target is not None:
                target.lines.append(piece)
            elif fields:
                pending.append(piece)
            elif piece.text != header.sender:
                header.sender_address.append(piece.text)
    _settle_pending(fields, pending, notes)
    header.notes = [join_lines(notes).text] if notes else []
    header.fields = [_to_field(found) for found in fields if found.lines]
    recipients = [found for found in fields if found.label in RECIPIENT_FIELDS and found.lines]
    if recipients:
        header.cc = _recipient(recipients[0].lines)


def _label_pieces(line: PageLine) -> list[tuple[PageLine, bool]]:
    """A line as labels and values: ``Datum 18 december 2020 Afschrift aan`` is three pieces."""
    pieces: list[tuple[PageLine, bool]] = []
    start = LABEL_AT_START.match(line.text)
    rest_from = 0
    if start and _is_label_use(line.text, start):
        pieces.append((line.part(0, start.end()), True))
        rest_from = start.end()
    rest = line.part(rest_from, len(line.text))
    end = LABEL_AT_END.search(rest.text)
    if rest.text and end and end.start() > 0:
        value = rest.part(0, end.start())
        pieces += [(value, False), (rest.part(end.start(), len(rest.text)), True)]
    elif rest.text:
        pieces.append((rest, False))
    return pieces


def _is_label_use(text: str, match: re.Match[str]) -> bool:
    """``Datum`` alone or before its value is a label; ``T`` only when a number follows."""
    if len(match.group(1)) > 1:
        return True
    return bool(PHONE.fullmatch(text))


def _canonical(written: str) -> str:
    return _CANONICAL[written]


def _owner(fields: list[_Field], line: PageLine) -> _Field | None:
    """The field a value line belongs to: an unfinished institution name, else the last label."""
    for found in reversed(fields):
        if found.label in RECIPIENT_FIELDS and (
            _continues_institution(found.value, line.text)
            or (found.lines and _is_address(line.text))
        ):
            return found
    if not fields:
        return None
    last = fields[-1]
    if last.label in SINGLE_LINE_FIELDS:
        return last if not last.lines and _fits(last.label, line.text) else None
    if last.label in RECIPIENT_FIELDS and last.lines and _open_institution(last.value):
        return None
    return last


def _fits(label: str, text: str) -> bool:
    if label == "Datum":
        return find_date(text) is not None
    if label in ("Onze referentie", "Uw referentie"):
        return bool(CODE.search(text)) and len(text.split()) <= 3
    return True


def _open_institution(value: str) -> bool:
    """``de Voorzitter van de Eerste``: the start of an institution's name, not all of it."""
    return any(name.startswith(value) and name != value for name in INSTITUTIONS)


def _continues_institution(value: str, text: str) -> bool:
    return _open_institution(value) and any(
        name.startswith(f"{value} {text}") for name in INSTITUTIONS
    )


def _settle_pending(fields: list[_Field], pending: list[PageLine], notes: list[PageLine]) -> None:
    """Lines no field took: a free-text field still empty gets them, else they are notes."""
    if not pending:
        return
    empty = next((f for f in fields if f.label in FREE_TEXT_FIELDS and not f.lines), None)
    if empty is not None:
        empty.lines.extend(pending)
    else:
        notes[:0] = pending


def _to_field(found: _Field) -> Field:
    joined = join_lines(found.lines)
    return Field(found.label, joined.text, joined.whole)


def _recipient(lines: list[PageLine]) -> str:
    """The recipient's name: its lines up to the first address line."""
    name = []
    for line in lines:
        if _is_address(line.text):
            break
        name.append(line.text)
    return " ".join(name)
