"""The recovery pipeline: read a file (text or PDF), unstack its pages, return a ``Document``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ontwar.errors import InputError
from ontwar.model import Document, Page, RawPage
from ontwar.read.pdf import read_pdf
from ontwar.read.text import TextInput, read_text
from ontwar.repair.characters import repair_characters
from ontwar.repair.config import RepairConfig
from ontwar.repair.unstack import as_read, unstack


def recover_text(
    data: bytes | str,
    source: str = "<text>",
    config: RepairConfig | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Document:
    """Recover each page's own text from extracted text (bytes are decoded, str taken as is)."""
    text_input = _read(data, source)
    total = len(text_input.pages)
    pages = unstack(
        text_input.pages, config, (lambda done: progress(done, total)) if progress else None
    )
    return _document(source, text_input, repair_characters(pages, text_input.text))


def read_recovered(data: bytes | str, source: str = "<text>") -> Document:
    """Text that is clean already (written by ``ontwar recover``, say): its pages as they are.

    Nothing is looked for underneath the pages and no character is repaired, so damaged text
    stays damaged; what it saves is the time of finding that there is nothing to undo.
    """
    text_input = _read(data, source)
    return _document(source, text_input, as_read(text_input.pages))


def _read(data: bytes | str, source: str) -> TextInput:
    return read_text(data.encode("utf-8") if isinstance(data, str) else data, source)


def _document(source: str, text_input: TextInput, pages: list[Page]) -> Document:
    """The document of ``pages`` read from ``text_input``: the reading's and the pages'
    warnings, and each page as read."""
    warnings = list(text_input.warnings)
    for page in pages:
        warnings.extend(page.warnings)
    read = [RawPage.of_lines(page) for page in text_input.pages]
    return Document(source, pages, warnings, kind="text", raw=read)


def recover_path(
    path: Path,
    config: RepairConfig | None = None,
    progress: Callable[[int, int], None] | None = None,
    password: str | None = None,
    recovered: bool = False,
) -> Document:
    """Recover a file: PDFs (by their ``%PDF-`` header) go to the PDF reader, the rest is text
    (read as it is when ``recovered``: see :func:`read_recovered`).

    The PDF reader keeps only what a reader of the page sees, so stacked layers never reach
    the text; what it hid is listed in ``Document.hidden``.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror}); check the path") from error
    if data.lstrip()[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        result = read_pdf(data, password=password, source=str(path))
        result.document.hidden = list(result.hidden)
        return result.document
    if recovered:
        return read_recovered(data, str(path))
    return recover_text(data, str(path), config, progress)
