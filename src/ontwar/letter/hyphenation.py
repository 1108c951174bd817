"""Undo line-end hyphenation the Dutch way: ``samen-⏎werking`` joins, ``defensie-⏎uitgaven`` not.

A hyphen at a line end is either the typesetter's (the word was split to fit) or the word's own
(a compound that is always written with one). Dutch spelling writes the hyphen in compounds
whose parts would otherwise run two vowels together (``defensie-uitgaven``, ``zee-egel``),
before a capital or digit (``NAVO-top``, ``Noord-Holland``, ``COVID-19``), and in a few fixed
forms. The evidence, strongest first: how the document itself writes the word elsewhere, the
vowel collision rule, then word frequencies (wordfreq) and Dutch syllable breaks (pyphen): a
break the typesetter could have made at a syllable boundary of a known word was the
typesetter's.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pyphen

from ontwar.repair.langmodel import dutch_zipf

Vocabulary = Counter[str]
"""How often each (lower-cased) word occurs in the document, hyphenated forms included."""

VOWELS = frozenset("aeiouyàáäèéëïíóöüú")
#: Zipf frequency above which a joined form is a known Dutch word.
KNOWN_WORD_ZIPF = 1.5


def vocabulary(words: list[str]) -> Vocabulary:
    """Count the document's words (punctuation stripped, lower-cased)."""
    return Counter(word.strip(".,;:()[]'\"‘’“”!?").lower() for word in words)


def keeps_hyphen(left: str, right: str, seen: Vocabulary | None = None) -> bool:
    """Whether ``left-`` at a line end and ``right`` on the next line stay hyphenated.

    >>> keeps_hyphen("samen", "werking")
    False
    >>> keeps_hyphen("defensie", "uitgaven")
    True
    >>> keeps_hyphen("NAVO", "top")
    True
    >>> keeps_hyphen("Noord", "Holland")
    True
    """
    right = right.rstrip(".,;:)]'\"’”!?")
    if not right or not left:
        return True
    if not right[0].islower() or left[-1].isdigit() or left.isupper():
        return True
    joined, hyphenated = f"{left}{right}".lower(), f"{left}-{right}".lower()
    if seen:
        if seen[hyphenated] > seen[joined]:
            return True
        if seen[joined]:
            return False
    if left[-1].lower() in VOWELS and right[0].lower() in VOWELS:
        return True
    if dutch_zipf(joined) >= KNOWN_WORD_ZIPF:
        return False
    return len(left) not in _syllable_breaks(joined)


@cache
def _syllable_breaks(word: str) -> frozenset[int]:
    return frozenset(_dictionary().positions(word))


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")
