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
from collections.abc import Sequence
from dataclasses import dataclass, field

from ontwar.letter.dates import find_date
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
    SIDEBAR_LABELS,
    SIDEBAR_NOTES,
    SINGLE_LINE_FIELDS,
    STREET,
    WEB,
)
from ontwar.model import Zone

_VARIANTS = sorted(
    ((variant, label) for label, variants in SIDEBAR_LABELS.items() for variant in variants),
    key=lambda pair: -len(pair[0]),
)
_LABEL = "|".join(re.escape(variant) for variant, _ in _VARIANTS)
LABEL_AT_START = re.compile(rf"({_LABEL})(?=\s|$)")
LABEL_AT_END = re.compile(
    rf"(?<=\s)({'|'.join(re.escape(variant) for variant, _ in _VARIANTS if len(variant) > 1)})$"
)
CODE = re.compile(r"[A-Z0-9][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*")


@dataclass(slots=True)
class _Field:
    label: str
    written: str
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


def _split_columns(line: PageLine, left: list[PageLine]) -> tuple[PageLine | None, PageLine | None]:
    """Split a glued line into its left-column start and the sidebar text after it."""
    text = line.text
    returned = RETURN_ADDRESS.match(text)
    if returned:
        return line.part(0, returned.end()), _rest(line, returned.end())
    if not any(RETURN_ADDRESS.match(done.text) for done in left) or _addressee_done(left):
        return None, line
    if LABEL_AT_START.fullmatch(text):
        return None, line
    for pattern in ADDRESSEE_LINES:
        match = pattern.match(text)
        if match:
            return line.part(0, match.end()), _rest(line, match.end())
    return None, line


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
            header.sender = header.sender or _sender(line.text)
        else:
            header.addressee.append(line.text)
    if header.sender is None:
        for line in right:
            found = _sender(line.text)
            if found:
                header.sender = found
                break
    own = _postal_codes(header.return_address or "")
    if own and own & _postal_codes(" ".join(header.addressee)):
        # The "addressee" address is the sender's own (its return address says so).
        keep = [line for line in header.addressee if not _is_address(line)]
        header.sender_address += [line for line in header.addressee if _is_address(line)]
        header.addressee = keep


def _sender(text: str) -> str | None:
    match = SENDER.search(text)
    return match.group(0).strip() if match else None


def _postal_codes(text: str) -> set[str]:
    found = {m.group(0).replace(" ", "") for m in POSTBUS.finditer(text)}
    return found | {m.group(0)[:7].replace(" ", "") for m in POSTCODE_CITY.finditer(text)}


def _is_address(text: str) -> bool:
    return any(
        pattern.fullmatch(text) for pattern in (POSTBUS, POSTCODE_CITY, STREET, WEB, PHONE)
    ) or bool(WEB.search(text))


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
                fields.append(_Field(label, piece.text))
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
    return next(label for variant, label in _VARIANTS if variant == written)


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
