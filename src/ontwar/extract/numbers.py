"""Dutch numbers: ``12.500`` is twelve thousand five hundred, ``2,35`` a decimal, ``elf`` eleven.

Dutch writes a decimal comma and groups thousands with dots, the reverse of English, so
``1.680`` is 1680 and never 1.68. A dot is read as a thousands separator only when every group
after it has exactly three digits; anything else (``1.2.3``, ``1,2,3,4``) is not one number and
:func:`parse_number` says so by returning ``None``, so version numbers, lists and codes never
become quantities. Number words cover what letters spell out (``drie stafofficieren``,
``vijfentwintig landen``, ``anderhalf miljard``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ontwar.extract.fact_words import (
    HALF_WORDS,
    HUNDRED_WORDS,
    NUMBER_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
)

NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
"""A Dutch number in digits: thousands dots (only in groups of three), optional decimal comma."""

_NUMBER = re.compile(rf"(?:{NUMBER_PATTERN})")
_WORD_NUMBER = re.compile(
    rf"(?:(?P<unit>{'|'.join(UNIT_WORDS)})en)?(?P<tens>{'|'.join(TENS_WORDS)})"
)


def parse_number(text: str) -> float | None:
    """The value of a number written the Dutch way, or ``None`` when it is not one number.

    >>> parse_number("12.500"), parse_number("2,35"), parse_number("1.680"), parse_number("30")
    (12500.0, 2.35, 1680.0, 30.0)
    >>> parse_number("1.234.567,5")
    1234567.5
    >>> parse_number("1,2,3,4") is None, parse_number("1.2.3") is None, parse_number("") is None
    (True, True, True)
    """
    if not _NUMBER.fullmatch(text):
        return None
    return float(text.replace(".", "").replace(",", "."))


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> float | None:
    """The value of a spelled-out Dutch number (``elf``, ``vijfentwintig``, ``anderhalf``).

    ``een`` on its own is not read: it is the article far more often than the number, and a
    letter that means one writes ``één``. Letters repeat their words, so each is read once.

    >>> parse_number_word("drie"), parse_number_word("Elf"), parse_number_word("vijfentwintig")
    (3.0, 11.0, 25.0)
    >>> parse_number_word("driehonderd"), parse_number_word("anderhalf"), parse_number_word("een")
    (300.0, 1.5, None)
    >>> parse_number_word("achter") is None
    True
    """
    lowered = word.casefold()
    if lowered in HALF_WORDS:
        return HALF_WORDS[lowered]
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    tens = _WORD_NUMBER.fullmatch(lowered)
    if tens:
        unit = UNIT_WORDS[tens.group("unit")] if tens.group("unit") else 0
        return float(TENS_WORDS[tens.group("tens")] + unit)
    for name, multiplier in HUNDRED_WORDS.items():
        head, found, tail = lowered.partition(name)
        if not found or (head and head not in NUMBER_WORDS and head not in UNIT_WORDS):
            continue
        times = NUMBER_WORDS.get(head) or UNIT_WORDS.get(head) or 1
        rest = parse_number_word(tail) if tail else 0.0
        if rest is None:
            return None
        return float(times * multiplier + rest)
    return None


def is_plausible_year(value: float, letter_year: int | None, earliest: int, ahead: int) -> bool:
    """Whether ``value`` can be a year in a letter of ``letter_year``.

    A year lies between ``earliest`` and ``ahead`` years past the letter (NAVO and climate goals
    reach decades ahead); without the letter's year, 2040 stands in for it.

    >>> is_plausible_year(2035, 2020, 1900, 60), is_plausible_year(2500, 2020, 1900, 60)
    (True, False)
    """
    latest = (letter_year or 2040) + ahead
    return float(value).is_integer() and earliest <= value <= latest
