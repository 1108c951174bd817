"""How Dutch a candidate string looks: a character n-gram model plus word frequencies.

Unstacking has to choose among many ways to pull a page's own text out of a merged line; every
way conserves the characters, so only plausibility tells them apart. Two signals do that:

* a character n-gram model, trained on Dutch words (wordfreq's ``nl`` list, shipped with the
  package; nothing is downloaded) and on the document's own clean text, which knows its names
  and acronyms ("BENELUX", "Sahel") better than any general list;
* a word model that prices each completed word by its frequency, in the document or in Dutch.

The general Dutch counts take about a second to build from wordfreq, so they are kept in the
user's cache directory (``$XDG_CACHE_HOME/ontwar``) and loaded in milliseconds afterwards.
"""

from __future__ import annotations

import importlib.metadata
import math
import os
import pickle
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import wordfreq

ORDER = 5
"""Characters of context plus one: 5-grams see "samen|werking" well enough at ~1 µs a lookup."""

DISCOUNT = 0.6
DUTCH_WORDS = 40_000
"""How many of the most frequent Dutch words train the general character model."""
WORDLIST = "large"
"""wordfreq's Dutch list, the one every frequency comes from (loaded once per process)."""

DOC_WEIGHT = 6.0
"""One character of the document's own text counts as much as this many of the general lists."""

BOUNDARY = " "
MISSING_ZIPF = 0.5
"""Zipf frequency given to a word found nowhere (0 = once per billion words would be 1.0)."""


Counts = dict[str, dict[str, float]]
"""history -> next character -> weighted count."""


def _count_ngrams(text: str, weight: float, counts: Counts, totals: dict[str, float]) -> None:
    for end in range(1, len(text) + 1):
        char = text[end - 1]
        for order in range(ORDER):
            start = end - 1 - order
            if start < 0:
                break
            history = text[start : end - 1]
            following = counts.setdefault(history, {})
            following[char] = following.get(char, 0.0) + weight
            totals[history] = totals.get(history, 0.0) + weight


@lru_cache(maxsize=1)
def dutch_counts() -> tuple[Counts, dict[str, float]]:
    """The general counts, from the user's cache when an earlier run has built them."""
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    counts = build_dutch_counts()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(counts, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass  # a read-only home only costs the rebuild next time
    return counts


def build_dutch_counts() -> tuple[Counts, dict[str, float]]:
    """Character n-gram counts over the most frequent Dutch words, weighted by zipf frequency."""
    counts: Counts = {}
    totals: dict[str, float] = {}
    frequencies = dutch_frequencies()
    for word in wordfreq.top_n_list("nl", DUTCH_WORDS, wordlist=WORDLIST):
        weight = max(math.log10(frequencies[word]) + 9 - 1.5, 0.5)
        _count_ngrams(BOUNDARY + word + BOUNDARY, weight, counts, totals)
    return counts, totals


def _cache_path() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    version = importlib.metadata.version("wordfreq")
    name = f"charmodel-o{ORDER}-w{DUTCH_WORDS}-wordfreq{version}.pickle"
    return root / "ontwar" / name


@lru_cache(maxsize=1)
def dutch_frequencies() -> dict[str, float]:
    return wordfreq.get_frequency_dict("nl", wordlist=WORDLIST)


@lru_cache(maxsize=1 << 16)
def dutch_zipf(word: str) -> float:
    """wordfreq's zipf frequency of ``word`` in Dutch, from the one word list ontwar loads."""
    return wordfreq.zipf_frequency(word, "nl", wordlist=WORDLIST)


class CharModel:
    """Interpolated absolute-discounting character model over general and document counts."""

    def __init__(self, document_text: Iterable[str] = ()) -> None:
        self.general, self.general_totals = dutch_counts()
        self.document: Counts = {}
        self.document_totals: dict[str, float] = {}
        self.learned = 0
        self._pending: list[str] = []
        self._cache: dict[tuple[str, str], float] = {}
        for text in document_text:
            self.learn(text)

    def learn(self, text: str) -> None:
        """Add the document's own (clean or recovered) text.

        Counting waits until the model is next asked: a clean letter never asks, and counting
        is most of what recovering it would otherwise cost.
        """
        normalised = BOUNDARY + " ".join(text.split()) + BOUNDARY
        self._pending.append(normalised)
        self.learned += len(normalised)

    def _count_pending(self) -> None:
        for text in self._pending:
            _count_ngrams(text, DOC_WEIGHT, self.document, self.document_totals)
        self._pending.clear()
        self._cache.clear()

    def cost(self, context: str, char: str) -> float:
        """Negative log probability of ``char`` after ``context`` (only its last ORDER-1 count)."""
        if self._pending:
            self._count_pending()
        key = (context[-(ORDER - 1) :], char)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = -math.log(self._probability(*key))
        return cached

    def _probability(self, context: str, char: str) -> float:
        probability = 1.0 / 256
        empty: dict[str, float] = {}
        for order in range(len(context) + 1):
            history = context[len(context) - order :]
            total = self.general_totals.get(history, 0.0) + self.document_totals.get(history, 0.0)
            if total <= 0:
                break
            general = self.general.get(history, empty)
            document = self.document.get(history, empty)
            seen = general.get(char, 0.0) + document.get(char, 0.0)
            kinds = len(general) + len(document)
            probability = (max(seen - DISCOUNT, 0.0) + DISCOUNT * kinds * probability) / total
        return probability


class WordModel:
    """Cost of a completed word: minus its zipf frequency, the document's words counting most."""

    def __init__(self, document_text: Iterable[str] = ()) -> None:
        self.frequencies = dutch_frequencies()
        self.document: Counter[str] = Counter()
        self._pending: list[str] = []
        self._cache: dict[str, float] = {}
        for text in document_text:
            self.learn(text)

    def learn(self, text: str) -> None:
        """Add the document's own text; counted when next asked, as in :class:`CharModel`."""
        self._pending.append(text)

    def zipf(self, word: str) -> float:
        if self._pending:
            self.document.update(word_key(word) for text in self._pending for word in text.split())
            self._pending.clear()
            self._cache.clear()
        key = word_key(word)
        cached = self._cache.get(key)
        if cached is None:
            if not key or not any(char.isalpha() for char in key):
                cached = 4.0
            else:
                frequency = self.frequencies.get(key, 0.0)
                cached = max(math.log10(frequency) + 9 if frequency else MISSING_ZIPF, 0.0)
                if self.document[key]:
                    cached = max(cached, 5.0)
            self._cache[key] = cached
        return cached


def word_key(word: str) -> str:
    """The lookup form of a token: lower case, surrounding punctuation removed.

    >>> word_key("(Kamerstuk")
    'kamerstuk'
    >>> word_key("België,")
    'belgië'
    """
    return word.strip(".,;:!?()[]‘’'\"“”").lower()
