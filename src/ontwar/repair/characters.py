"""Character-level repairs of extracted lines, each named and reported: mojibake, fake bold.

They run after unstacking, line by line, and keep provenance: every character of a repaired
line still maps to an input offset, and every input character a repair drops is returned.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES

from ontwar.model import Line, Page, Removal
from ontwar.repair.fakebold import may_be_doubled, undouble
from ontwar.repair.langmodel import WordModel

MOJIBAKE = "mojibake"
FAKE_BOLD = "fake-bold duplicate"

FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)
"""Fix mojibake and ligatures only: curly quotes and widths are the author's, not damage."""


def repair_characters(pages: Sequence[Page], source: str) -> list[Page]:
    """Fix mojibake and fake bold in every page's own lines; what they drop is reported.

    This runs after unstacking, on each page's own text: merged lines are full of accidental
    letter pairs and split byte sequences, which only make sense once the layers are apart.
    """
    words = WordModel()
    repaired: list[Page] = []
    for page in pages:
        dropped: dict[str, list[int]] = {MOJIBAKE: [], FAKE_BOLD: []}
        lines = list(page.lines)
        lines = _each_line(lines, fix_mojibake, dropped[MOJIBAKE])
        if may_be_doubled("\n".join(line.text for line in lines)):  # most pages have none
            lines = _each_line(lines, lambda line: undouble(line, words), dropped[FAKE_BOLD])
        removed = list(page.removed)
        for reason, offsets in dropped.items():
            if offsets:
                text = "".join(source[offset] for offset in offsets)
                removed.append(Removal(reason, page.number, tuple(offsets), text))
        repaired.append(replace(page, lines=lines, removed=removed))
    return repaired


def _each_line(
    lines: list[Line], repair: Callable[[Line], tuple[Line, tuple[int, ...]]], dropped: list[int]
) -> list[Line]:
    """``repair`` applied to each line; the offsets it drops are added to ``dropped``."""
    repaired = []
    for line in lines:
        line, gone = repair(line)
        dropped.extend(gone)
        repaired.append(line)
    return repaired


_FTFY_TARGETS = re.compile(
    "["
    + "".join(
        re.escape(chr(code)) for code in sorted({*LIGATURES, *CONTROL_CHARS, *range(0x80, 0xA0)})
    )
    + "\ud800-\udfff]"
)
"""Characters one of ftfy's other fixers acts on (built from ftfy's own tables): ligatures,
control characters (the escape that starts a terminal sequence too), C1 controls, surrogates."""


def needs_ftfy(text: str) -> bool:
    """Could :data:`FTFY_CONFIG`'s fix change ``text``? False only when none of its steps can.

    ftfy decodes mojibake only in text its ``is_bad`` detector flags, unescapes only ``&``
    entities, and its other fixers act on the characters of :data:`_FTFY_TARGETS`; asking
    these gates first spares most lines the whole fix (the letters' ë, € and quotes pass).

    >>> needs_ftfy("België en € 5"), needs_ftfy("BelgiÃ«"), needs_ftfy("ﬁnanciën")
    (False, True, True)
    """
    if "&" in text or _FTFY_TARGETS.search(text):
        return True
    return not text.isascii() and (not unicodedata.is_normalized("NFC", text) or is_bad(text))


def fix_mojibake(line: Line) -> tuple[Line, tuple[int, ...]]:
    """ftfy's fix of one line, each new character mapped to the input character it replaces.

    Returns the fixed line and the offsets of input characters that were dropped.

    >>> fixed, dropped = fix_mojibake(Line("BelgiÃ« ", (0, 1, 2, 3, 4, 5, 6, 7)))
    >>> fixed.text, fixed.offsets, dropped
    ('België ', (0, 1, 2, 3, 4, 5, 7), (6,))
    """
    if not needs_ftfy(line.text):
        return line, ()
    fixed = ftfy.fix_text(line.text, FTFY_CONFIG)
    if fixed == line.text:
        return line, ()
    offsets: list[int] = []
    dropped: list[int] = []
    matcher = difflib.SequenceMatcher(None, line.text, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            offsets.extend(line.offsets[i1:i2])
            continue
        source = line.offsets[i1:i2] or line.offsets[max(i1 - 1, 0) : i1 + 1]
        offsets.extend(source[min(k, len(source) - 1)] for k in range(j2 - j1))
        dropped.extend(line.offsets[i1 + (j2 - j1) : i2])
    return Line(fixed, tuple(offsets), line.zone), tuple(dropped)
