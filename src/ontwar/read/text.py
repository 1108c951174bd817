"""Read extracted text: decode the bytes and split it into pages of lines.

Offsets of every :class:`~ontwar.model.Line` index the decoded input, so the repair stages can
report exactly which input characters they kept or removed. Pages are split on form feeds when
there are any, else after each running footer (see :mod:`ontwar.read.footer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ontwar.errors import InputError
from ontwar.model import Line
from ontwar.read.footer import match_footer

MAX_BYTES = 16 * 1024 * 1024
"""Inputs above this are refused: no real letter comes close (a 300-page letter is about a
megabyte), and memory stays bounded (each character carries its source offset through the
pipeline: about 200 bytes of memory per input byte, some 3 GB at this limit)."""

FALLBACK_ENCODINGS = ("cp1252", "latin-1")
"""Tried in order when the bytes are not UTF-8; Dutch text from Windows tools is mostly cp1252."""
_LINE_END = re.compile(r"\r?[\n\f]")
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\t\n\r\f")
"""Control bytes text does not have (tabs, newlines and form feeds it does)."""


@dataclass(slots=True)
class TextInput:
    """Decoded text, its pages of raw lines, and what reading it changed or noticed."""

    text: str
    encoding: str
    pages: list[list[Line]]
    warnings: list[str] = field(default_factory=list)


def read_text(data: bytes, name: str) -> TextInput:
    """Decode ``data`` and split it into pages; raise :class:`InputError` if it is not text."""
    text, encoding, warnings = decode(data, name)
    pages = split_pages(split_lines(text))
    if len(pages) == 1 and "\f" not in text:
        warnings.append("no page breaks found (no form feeds or page footers); read as one page")
    return TextInput(text, encoding, pages, warnings)


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Bytes to text: UTF-8 (BOM or not), else a Windows/Latin-1 fallback with a warning."""
    if not data.strip():
        raise InputError(f"{name} is empty; give a text extracted from a letter or its PDF")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name} is {len(data) / 2**20:.0f} MiB, over the {MAX_BYTES // 2**20} MiB limit; "
            "split it into letters first"
        )
    if data.startswith(b"%PDF-"):
        raise InputError(f"{name} is a PDF, not text; read it with the PDF reader")
    if _looks_binary(data):
        raise InputError(f"{name} looks binary (control bytes), not extracted text; check the file")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as error:
        position = error.start
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = f"not UTF-8 (byte {position}); decoded as {encoding}"
        return text, encoding, [warning]
    raise InputError(f"{name} is not in a known text encoding; convert it to UTF-8")


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in sample or controls > len(sample) * 0.05


def split_lines(text: str) -> list[Line]:
    """Split on newlines (and CRLF), keeping each form feed as a marker line of its own."""
    lines: list[Line] = []
    start = 0
    for end in _LINE_END.finditer(text):
        lines.append(Line.from_source(text, start, end.start()))
        if end.group().endswith("\f"):
            lines.append(Line("\f", (end.end() - 1,)))
        start = end.end()
    last = len(text) - 1 if len(text) > start and text.endswith("\r") else len(text)
    lines.append(Line.from_source(text, start, last))
    return lines


def split_pages(lines: list[Line]) -> list[list[Line]]:
    """Pages of lines: at form feeds if there are any, else after each footer line."""
    if any(line.text == "\f" for line in lines):
        pages: list[list[Line]] = [[]]
        for line in lines:
            if line.text == "\f":
                pages.append([])
            else:
                pages[-1].append(line)
        return [page for page in pages if any(line.text.strip() for line in page)] or [[]]
    pages = [[]]
    for line in lines:
        pages[-1].append(line)
        if match_footer(line.text):
            pages.append([])
    if len(pages) > 1 and not any(line.text.strip() for line in pages[-1]):
        pages[-2].extend(pages.pop())
    return pages
