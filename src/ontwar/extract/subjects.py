"""Who or what a fact is about: the place or name a sentence, paragraph or heading is about.

Kamerbrieven name their subject in many ways: the country itself (``Italië heeft toegezegd``),
its adjective (``de Belgische krijgsmacht``, ``het Zweedse leger``), a province or region
(``Noord- en Midden-Limburg``), or not at all in the sentence, leaving it to the paragraph or the
heading (a section ``Duitsland`` whose second sentence says only ``Het budget groeit``).
So a fact's subject is looked for from near to far:

1. a place anywhere in the fact's sentence, or another proper name in the fact's own clause
   (the clause's, the heading's and the nearest first); the Netherlands is the sender, so any
   other place named beside it is the likelier subject (``Nederland heeft … gedetacheerd bij de
   brigade met Polen``: Polen);
2. the Netherlands, when the sentence names only it;
3. the paragraph's main entity, then the section heading's;
4. a name elsewhere in the sentence, then an acronym, code or instrument (``de NAVO``,
   ``het Warmtefonds``), then the heading itself.

Places come from named tables (:mod:`ontwar.extract.fact_words`); any other capitalised name
counts too, except words capitalised only because they open a sentence: a sentence-initial word
is a name only if the letter also capitalises it mid-sentence (``Foodvalley`` yes, ``Gemeenten``
no).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ontwar.extract.fact_words import (
    COUNTRIES,
    DUTCH_PLACES,
    HOME_COUNTRY,
    HOME_FORMS,
    INSTITUTIONS,
    INSTRUMENT_ENDINGS,
    NOT_NAMES,
    PERSON_MARKERS,
    WORLD_REGIONS,
)

PLACE, NAME, ACRONYM, HOME = 3, 2, 1, 0
"""Ranks of a mention: how likely a named thing is what a sentence's numbers are about.

``ACRONYM`` also takes codes with digits (``F-35``, ``COVID-19``) and names of instruments
(``Warmtefonds``, ``SDE++-regeling``): a sentence that pays out through a fund is about where
the money goes, not about the fund."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A place or name at ``[start, end)``; ``name`` is canonical (``Belgische``: ``België``)."""

    start: int
    end: int
    name: str
    rank: int


def _build_gazetteer() -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
    """Every form of every place, mapped to its canonical name and rank; and the adjectives."""
    forms: dict[str, tuple[str, int]] = {}
    adjectives: set[str] = set()
    for country, others in COUNTRIES.items():
        forms[country] = (country, PLACE)
        for other in others:
            forms.setdefault(other, (country, PLACE))
            if other[0].isupper() and other[-1] in "es" and " " not in other:
                adjectives.add(other)
    for place in (*DUTCH_PLACES, *WORLD_REGIONS):
        forms.setdefault(place, (place, PLACE))
    for form in HOME_FORMS:
        forms[form] = (HOME_COUNTRY, HOME)
    adjectives.update(form for form in HOME_FORMS if form.endswith(("e", "s")))
    return forms, frozenset(adjectives)


GAZETTEER, ADJECTIVES = _build_gazetteer()
"""Place forms → (canonical name, rank); the forms that are adjectives or demonyms."""
COUNTRY_FORMS = frozenset(
    form for form, (name, _) in GAZETTEER.items() if name in COUNTRIES or name == HOME_COUNTRY
)
"""Forms naming a country: ``Duits-Nederlandse`` is two countries, ``Rotterdam-Rijnmond`` one
region."""

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w’'+&]*(?:-[\w’'+&]+)*"
_WORD_RE = re.compile(_WORD)
_RUN = re.compile(rf"{_WORD}(?:(?:- en | ){_WORD})*")
"""A run of capitalised words: ``Noord-Holland Noord``, ``Noord- en Midden-Limburg``."""
_TOKEN = re.compile(r"[^ ]+")
_DIGIT = re.compile(r"\d")
_INSTRUMENT = re.compile(r"(?i)(?:" + "|".join(re.escape(e) for e in INSTRUMENT_ENDINGS) + r")$")
_PERSON_MARKERS = frozenset(marker.rstrip("-") for marker in PERSON_MARKERS)
_MINISTRY_BEFORE = re.compile(
    rf"(?i:minister(?:ie)?s?|staatssecretaris)\s+(?:van|voor)\s+(?:[{_UPPER}][\w-]*,?\s+(?:en\s+)?)*$"
)
"""A name in a ministry's name (``ministerie van Justitie en Veiligheid``) is the sender's
own government, not a subject."""
#: Names with small words in them (``Bosnië en Herzegovina``, ``Raad van State``), by their
#: first word: a run of capitals stops before the small word, the name does not.
_LONG_NAMES = {
    **{form: GAZETTEER[form] for form in GAZETTEER if " " in form},
    **{name: (name, ACRONYM) for name in INSTITUTIONS},
}


def _by_first_word(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Names with a small word in them, longest first, under their first word."""
    table: dict[str, tuple[str, ...]] = {}
    for name in sorted(names, key=len, reverse=True):
        if any(part[:1].islower() for part in name.split(" ")):
            first = name.split(" ")[0]
            table[first] = (*table.get(first, ()), name)
    return table


_LONG_FORMS = _by_first_word(_LONG_NAMES)

Run = tuple[int, str]
"""A run of capitalised words: where it starts and what it says."""


def name_runs(text: str) -> list[Run]:
    """Every run of capitalised words in ``text`` that starts a word.

    >>> name_runs("De CO2-uitstoot in Noord- en Midden-Limburg en Polen daalt.")
    [(0, 'De CO2-uitstoot'), (19, 'Noord- en Midden-Limburg'), (47, 'Polen')]
    """
    runs = []
    for match in _RUN.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_"):
            runs.append((start, match.group()))
    return runs


def known_names(texts: Iterable[tuple[str, Sequence[Run], Sequence[int]]]) -> frozenset[str]:
    """Runs of capitals a letter uses mid-sentence: the names a sentence may also open with.

    ``texts`` are ``(text, runs, sentence starts)``. A run opening a sentence after a small
    word (``In Foodvalley``) counts from the name on.

    >>> text = "In Foodvalley groeit het aantal. Gemeenten bouwen."
    >>> sorted(known_names([(text, name_runs(text), [0, 33])]))
    ['Foodvalley']
    """
    names: set[str] = set()
    for text, runs, starts in texts:
        openings = {_first_letter(text, start) for start in starts}
        for start, words in runs:
            if start not in openings:
                names.add(words)
                continue
            first, _, rest = words.partition(" ")
            while rest and first in NOT_NAMES:
                first, _, rest = rest.partition(" ")
                if first not in NOT_NAMES:
                    names.add(f"{first} {rest}".strip())
    return frozenset(names)


def find_mentions(
    text: str,
    starts: Sequence[int],
    known: frozenset[str],
    runs: Sequence[Run] | None = None,
) -> list[Mention]:
    """Places and names in ``text``; ``starts`` are offsets where a sentence or heading begins.

    >>> def names(text):
    ...     return [(m.name, m.rank) for m in find_mentions(text, [0], frozenset())]
    >>> names("In 2023 steeg het Belgische budget.")
    [('België', 3)]
    >>> names("Nederland heeft negen stafofficieren bij de brigade met Polen.")
    [('Nederland', 0), ('Polen', 3)]
    >>> names("Gemeenten in Noord- en Midden-Limburg en het Warmtefonds bouwen.")
    [('Noord- en Midden-Limburg', 3), ('Warmtefonds', 1)]
    >>> names("Steun aan Bosnië en Herzegovina groeit.")
    [('Bosnië en Herzegovina', 3)]
    """
    openings = {_first_letter(text, start) for start in starts}
    mentions: list[Mention] = []
    covered = -1
    for start, words in name_runs(text) if runs is None else runs:
        if start < covered:
            continue
        if start in openings:
            skipped, words = _trim_opening(words, known)
            if not words:
                continue
            start += skipped
        long_form = _long_form(text, start, words)
        if long_form:
            name, rank = _LONG_NAMES[long_form]
            mentions.append(Mention(start, start + len(long_form), name, rank))
            covered = start + len(long_form)
            continue
        if (
            text[max(0, start - 20) : start].rpartition(" ")[0].rpartition(" ")[2]
            in _PERSON_MARKERS
        ):
            continue
        window = text[max(0, start - 60) : start]
        if ("inister" in window or "ecretaris" in window) and _MINISTRY_BEFORE.search(window):
            continue
        mentions.extend(_classify(words, start))
    return mentions


def main_entity(mentions: Sequence[Mention], preferred: str | None = None) -> str | None:
    """The entity a paragraph is mostly about: places and names, most mentioned first.

    ``preferred`` (the heading's entity) wins when the paragraph mentions it at all; places
    weigh more than other names; ties go to the first mentioned. A paragraph that names only
    the Netherlands is about the Netherlands.

    >>> ms = [Mention(0, 1, "Warmtefonds", NAME), Mention(5, 6, "Zeeland", NAME),
    ...       Mention(9, 10, "Zeeland", NAME)]
    >>> main_entity(ms), main_entity(ms, preferred="Warmtefonds")
    ('Zeeland', 'Warmtefonds')
    """
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for mention in mentions:
        if mention.rank < NAME:
            continue
        weight = 1.5 if mention.rank == PLACE else 1.0
        scores[mention.name] = scores.get(mention.name, 0.0) + weight
        first.setdefault(mention.name, mention.start)
    if not scores:
        return HOME_COUNTRY if any(m.rank == HOME for m in mentions) else None
    return max(scores, key=lambda n: (n == preferred, scores[n], -first[n]))


def choose_subject(
    mentions: Sequence[Mention],
    at: int,
    clause: tuple[int, int],
    paragraph_entity: str | None,
    heading_entity: str | None,
    heading: str | None,
) -> str | None:
    """The subject of a fact at offset ``at`` given the mentions of its sentence (module doc).

    A place anywhere in the sentence counts, another name only in the fact's ``clause``
    (``… 60 agenten, onder wie … Europol-experts`` is not about Europol); the
    nearest wins among equals, the heading's or paragraph's entity first.

    >>> ms = [Mention(0, 9, "Nederland", HOME), Mention(60, 65, "Polen", PLACE)]
    >>> choose_subject(ms, 20, (0, 66), None, "Polen", "Polen")
    'Polen'
    >>> choose_subject([], 20, (0, 66), None, None, "Financiën")
    'Financiën'
    """
    in_clause = [m for m in mentions if clause[0] <= m.start < clause[1]]
    strong = [m for m in mentions if m.rank == PLACE] + [m for m in in_clause if m.rank == NAME]
    if strong:
        best = max(
            strong,
            key=lambda m: (
                m.rank,
                clause[0] <= m.start < clause[1],
                m.name == heading_entity,
                m.name == paragraph_entity,
                -abs(m.start - at),
            ),
        )
        return best.name
    if any(m.rank == HOME for m in mentions):
        return HOME_COUNTRY
    if paragraph_entity or heading_entity:
        return paragraph_entity or heading_entity
    for rank in (NAME, ACRONYM):
        ranked = [m for m in mentions if m.rank == rank]
        if ranked:
            return min(ranked, key=lambda m: abs(m.start - at)).name
    return heading


def heading_entity(heading: str | None, known: frozenset[str]) -> str | None:
    """The place or name a section heading is about (``Samenwerking met Polen`` → ``Polen``).

    >>> heading_entity("België en Luxemburg", frozenset()), heading_entity("Vervolg", frozenset())
    ('België', None)
    """
    if not heading:
        return None
    return main_entity(find_mentions(heading, [0], known))


# --- helpers -------------------------------------------------------------------------------


def _first_letter(text: str, start: int = 0) -> int:
    """Where the first word of a sentence begins, past opening quotes and brackets."""
    while start < len(text) and text[start] in " \"'‘“(":
        start += 1
    return start


@lru_cache(maxsize=1024)
def _trim_opening(words: str, known: frozenset[str]) -> tuple[int, str]:
    """Drop sentence-opening words that are capitalised only because they open the sentence:
    how many characters were dropped, and what remains.

    Letters open many sentences alike (``De``, ``In``), so each opening is trimmed once.
    """
    skipped = 0
    while words:
        if words in GAZETTEER or words in known:
            return skipped, words
        first = _WORD_RE.match(words)
        if first is None:
            break
        word = first.group()
        if word in GAZETTEER or word in _LONG_FORMS:
            return skipped, words
        skip = len(word) + (5 if words.startswith("- en ", len(word)) else 1)
        skipped, words = skipped + skip, words[skip:]
    return skipped, ""


def _long_form(text: str, start: int, words: str) -> str | None:
    """The place name with small words that starts at ``start``, if any."""
    for form in _LONG_FORMS.get(words.partition(" ")[0], ()):
        if (
            text.startswith(form, start)
            and not text[start + len(form) : start + len(form) + 1].isalnum()
        ):
            return form
    return None


def _classify(words: str, start: int) -> list[Mention]:
    """What a run of capitalised words is, as mentions at ``start``."""
    return [
        Mention(start + begin, start + end, name, rank)
        for begin, end, name, rank in _classify_run(words)
    ]


@lru_cache(maxsize=8192)
def _classify_run(words: str) -> tuple[tuple[int, int, str, int], ...]:
    """Places, one compound place, a name or an acronym, at offsets into ``words``.

    Letters repeat their names, so each distinct run is classified once.
    """
    if words in GAZETTEER:
        return ((0, len(words), *GAZETTEER[words]),)
    if len(words) < 2:
        return ()
    tokens = [(match.start(), match.group()) for match in _TOKEN.finditer(words)]
    if words in NOT_NAMES or all(token in NOT_NAMES for _, token in tokens):
        return ()
    places = _places_in(tokens)
    pieces = [piece for _, token in tokens for piece in token.split("-") if piece]
    if places and all(piece in COUNTRY_FORMS or piece == "en" for piece in pieces):
        return tuple((at, at + len(form), *GAZETTEER[form]) for at, form in places)
    first = tokens[0][1].split("-")[0]
    if first in ADJECTIVES:
        return ((0, len(first), *GAZETTEER[first]),)
    if any(GAZETTEER[form][1] == PLACE for _, form in places):
        return ((0, len(words), words, PLACE),)
    head = words.split("-")[0]
    code = _DIGIT.search(words) is not None
    if code or (" " not in words and len(head) > 1 and head.isupper()) or _INSTRUMENT.search(words):
        return ((0, len(words), words, ACRONYM),)
    return ((0, len(words), words, NAME),)


def _places_in(tokens: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """Place forms inside a run: whole words or word sequences first, else hyphen pieces."""
    found: list[tuple[int, str]] = []
    index = 0
    while index < len(tokens):
        for stop in range(len(tokens), index, -1):
            at = tokens[index][0]
            joined = " ".join(token for _, token in tokens[index:stop])
            if joined in GAZETTEER:
                found.append((at, joined))
                index = stop
                break
        else:
            at, token = tokens[index]
            offset = 0
            for piece in token.split("-"):
                if piece in GAZETTEER:
                    found.append((at + offset, piece))
                offset += len(piece) + 1
            index += 1
    return found
