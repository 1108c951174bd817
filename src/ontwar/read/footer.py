"""Recognise running page footers, also when several layers' footers were merged into one line.

Page breaks in extracted text are often marked only by the footer ("Pagina 3 van 16", "Pagina
3/16", "- 3 -", "Page 3 of 16"). On stacked pages the footers of all layers share a baseline and
come out merged: ``P Pagina agina 2 van1 van 3 3`` is two footers shuffled together. Such a
line still has exactly the letters of ``m`` footers, so we recognise it by its letter multiset,
not by a literal. The number printed in a footer is never trusted (stacked letters often repeat
the same number); pages are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Footer templates: the regex of one clean footer, and the non-digit, non-space characters of it.
FOOTER_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"pagina\s*\d+\s*(?:van|/)\s*\d+", re.IGNORECASE), "paginavan"),
    (re.compile(r"pagina\s*\d+\s*/\s*\d+", re.IGNORECASE), "pagina/"),
    (re.compile(r"pagina\s*\d+", re.IGNORECASE), "pagina"),
    (re.compile(r"page\s*\d+\s*of\s*\d+", re.IGNORECASE), "pageof"),
    (re.compile(r"blad\s*\d+\s*(?:van\s*\d+)?", re.IGNORECASE), "blad"),
    (re.compile(r"-\s*\d+\s*-"), "--"),
)

_FOREIGN_LETTER = re.compile(r"[chjkmqrstuwxyz]", re.IGNORECASE)
"""A letter in no template: a line with one is no footer, merged or not (most lines of prose)."""

MAX_FOOTER_LENGTH = 40
"""Characters a single footer may have; a merged one may have ``copies`` times as many."""


@dataclass(frozen=True, slots=True)
class Footer:
    """A footer line: how many footers were merged into it."""

    copies: int


def match_footer(line: str) -> Footer | None:
    """The footer this whole line is, if any.

    >>> match_footer(" Pagina 1 van 16 ")
    Footer(copies=1)
    >>> match_footer(" P Pagina agina 2 van1 van 3 3  ")
    Footer(copies=2)
    >>> match_footer("- 4 -")
    Footer(copies=1)
    >>> match_footer("De pagina van het jaar") is None
    True
    """
    text = line.strip()
    if not text or _FOREIGN_LETTER.search(text) or not any(char.isdigit() for char in text):
        return None
    letters = Counter(char.lower() for char in text if not char.isdigit() and not char.isspace())
    for pattern, template in FOOTER_TEMPLATES:
        if pattern.fullmatch(text):
            return Footer(1)
        copies = _copies(letters, Counter(template))
        if copies >= 2 and len(text) <= MAX_FOOTER_LENGTH * copies and _starts_like(text, template):
            return Footer(copies)
    return None


def _copies(letters: Counter[str], template: Counter[str]) -> int:
    """How many times ``template`` makes up ``letters`` exactly (0 when it does not)."""
    first = next(iter(template))
    copies, rest = divmod(letters[first], template[first])
    if rest or not copies:
        return 0
    return (
        copies
        if all(letters[c] == n * copies for c, n in template.items())
        and (letters.total() == template.total() * copies)
        else 0
    )


def _starts_like(text: str, template: str) -> bool:
    """A merged footer still begins with the first letter of a footer (every layer starts so)."""
    return text.lstrip()[:1].lower() == template[0]


def arrange_footer(text: str) -> list[int] | None:
    """The order of ``text``'s characters that makes it a ``- n -`` footer, if they can.

    A merged footer of digits and dashes gives a language model nothing to order by, so when
    what a page adds to such a line is exactly two dashes and a number, the footer is those
    characters in the template's order (digits keep their order; spaces around the number).

    >>> text = "5- - "
    >>> "".join(text[i] for i in arrange_footer(text))
    '- 5 -'
    >>> arrange_footer("Pagina 3") is None
    True
    """
    dashes = [i for i, char in enumerate(text) if char == "-"]
    digits = [i for i, char in enumerate(text) if char.isdigit()]
    spaces = [i for i, char in enumerate(text) if char == " "]
    if len(dashes) != 2 or not digits or len(dashes) + len(digits) + len(spaces) != len(text):
        return None
    if len(spaces) < 2:
        return [dashes[0], *digits, dashes[1], *spaces]
    return [dashes[0], spaces[0], *digits, spaces[1], dashes[1], *spaces[2:]]


NUMBERED = re.compile(r"(\D*?)(\d+)(\D+?)(\d+)(\D*)")
"""A footer with two numbers: page and total ("Pagina 3 van 16", "Pagina 3/16")."""


def arrange_total(text: str, total: str) -> list[int] | None:
    """The order of a ``Pagina n van m`` footer's characters that makes ``m`` equal ``total``.

    Merged footers share their digits out ambiguously ("Pagina 1 van 100" or "Pagina 10 van
    10"): no language model can tell. The other layers' footers name the letter's length, so
    the page's own footer should too. ``None`` when ``text`` already does, or cannot.

    >>> text = "Pagina 1 van 100"
    >>> "".join(text[i] for i in arrange_total(text, "10"))
    'Pagina 10 van 10'
    >>> arrange_total("Pagina 3 van 10", "10") is None
    True
    """
    match = NUMBERED.fullmatch(text)
    if match is None or match.group(4) == total:
        return None
    digits = [i for i in range(match.start(2), match.end(4)) if text[i].isdigit()]
    tail: list[int] = []
    for char in reversed(total):
        found = next((i for i in reversed(digits) if text[i] == char and i not in tail), None)
        if found is None:
            return None
        tail.insert(0, found)
    head = [i for i in digits if i not in tail]
    if not head:
        return None
    middle = [i for i in range(match.start(3), match.end(3))]
    return [
        *range(match.start(1), match.end(1)),
        *head,
        *middle,
        *tail,
        *range(match.start(5), match.end(5)),
    ]
