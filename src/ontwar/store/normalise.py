"""Dutch-aware normalisation, the same for indexed text and for queries.

A word is folded (diacritics dropped, case folded: ``België`` -> ``belgie``) and then reduced
to its Snowball Dutch stem (``partners`` -> ``partner``, ``begrotingen`` -> ``begroot``). The
index stores, per document, a *shadow* text of these terms: one term for each word of the
original text, in order, so that a term's position in the shadow is the word's position in
the original and FTS5's own ``highlight()`` can point back at the original words.

A word broken at a line end with a hyphen (``defensie-`` / ``budget``) is one word
(``defensiebudget``) unless its second part starts with a capital (``Noord-`` / ``Holland``
stays two words, as it stays two words written on one line).

>>> shadow("De strategische partners van België")
('de strategisch partner van belgie', 5)
>>> [text for _, _, text in words("het defensie-\\nbudget in Noord-\\nHolland")]
['het', 'defensiebudget', 'in', 'Noord', 'Holland']
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from itertools import islice

import snowballstemmer

STEMMER = "dutch"
"""The Snowball algorithm: ``dutch`` (Kraaij-Pohlmann based since snowballstemmer 3)."""


def _stemmer_version() -> str:
    try:
        return version("snowballstemmer")
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        return "unknown"


NORMALISER = f"words-1 fold-1 snowball-{STEMMER}-{_stemmer_version()}"
"""Names the normalisation; the store rebuilds its index when the one it was built with differs."""

_WORD = re.compile(r"[^\W_]+(?:-[ \t]*\r?\n[ \t]*[^\W_]+)?")
_BROKEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_local = threading.local()


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as ``(start, end, word)``; a hyphenated line break is rejoined."""
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """:func:`words`, one at a time (snippets stop reading where they end)."""
    for match in _WORD.finditer(text):
        word = match.group()
        if "\n" not in word:
            yield match.start(), match.end(), word
            continue
        brk = _BROKEN.search(word)
        assert brk is not None
        head, tail = word[: brk.start()], word[brk.end() :]
        if tail[:1].isupper():
            start = match.start()
            yield start, start + len(head), head
            yield start + brk.end(), match.end(), tail
        else:
            yield match.start(), match.end(), head + tail


_NO_WORD = (0, 0, "")


@lru_cache(maxsize=256)
def _skipper(count: int) -> re.Pattern[str]:
    """Matches the first ``count`` words of a text without line-end hyphens (possessive, so
    a text with fewer words fails at once instead of backtracking)."""
    return re.compile(r"(?:[\W_]*+[^\W_]++){" + str(count) + "}")


def word_window(text: str, skip: int, count: int) -> list[tuple[int, int, str]]:
    """``words(text)[: skip + count]``, where only the last ``count`` entries are real words:
    the first ``skip`` are placeholders. Snippets start deep into a page; skipping its first
    words with one regex match is several times faster than listing them.

    >>> word_window("een twee, drie vier", 2, 1)
    [(0, 0, ''), (0, 0, ''), (10, 14, 'drie')]
    """
    if skip and not ("\n" in text and _BROKEN.search(text)):
        found = _skipper(skip).match(text)
        if found is not None:
            window = _WORD.finditer(text, found.end())
            return [_NO_WORD] * skip + [
                (match.start(), match.end(), match.group()) for match in islice(window, count)
            ]
    return list(islice(iter_words(text), skip + count))


def fold(word: str) -> str:
    """Lower case without diacritics: ``België`` -> ``belgie``; only letters and digits stay.

    >>> fold("Geïnformeerd"), fold("²")
    ('geinformeerd', '2')
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return "".join(char for char in plain if char.isalnum()) or "x"


@lru_cache(maxsize=1 << 18)
def term(word: str) -> str:
    """The indexed term of one word: folded, then stemmed (``Partners`` -> ``partner``)."""
    return stem(fold(word))


def stem(folded: str) -> str:
    """The Snowball Dutch stem of an already folded word (one stemmer per thread)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer(STEMMER)
    return stemmer.stemWord(folded) or folded


def shadow(text: str) -> tuple[str, int]:
    """The shadow text of ``text`` (its terms joined by spaces) and the number of terms."""
    if "\n" in text and _BROKEN.search(text):
        found = [word for _, _, word in words(text)]
    else:  # no hyphenated line break: the words are the plain matches
        found = _WORD.findall(text)
    terms = [term(word) for word in found]
    return " ".join(terms), len(terms)


@lru_cache(maxsize=1 << 16)
def key(text: str | None) -> str | None:
    """A folded, space-collapsed form for substring filters (sender, subject, measure)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(plain.split())


def compact(text: str) -> str:
    """Letters and digits only, upper case: how identifiers are compared (``2020Z22028``)."""
    return "".join(char for char in (key(text) or "") if char.isalnum()).upper()
