"""Quantitative facts in a letter's body: amounts, percentages, counts and years, in context.

A Kamerbrief's numbers are its news (``ruim €2,35 miljard``, ``1,7% van het bbp``, ``vier
verpleegkundigen``), but a number alone says little: each :class:`~ontwar.letter.model.Fact` also
carries its qualifier, the noun it measures, whom it is about and the year the sentence puts it
in. :func:`find_facts` reads a whole letter at once, because the subject of a sentence is often
named only in its paragraph or heading (:mod:`ontwar.extract.subjects`).

Choices:

- **Kinds.** ``money`` needs a currency (``€``, ``euro``, ``NOK``…); ``percentage`` a ``%`` or
  ``procent`` (``% BBP`` when ``van het BBP`` follows; ``procentpunt`` for points); ``count`` a
  counted noun right after the number (``12.500 woningen``, ``drie nieuwe fregatten``), plural
  or a unit (``45 kilometer``) — durations (``acht jaar``) and multipliers are no counts. A
  number with none of these (``de 25``) is no fact: ontwar does not guess what it counts. A
  bare four-digit number that can be a year is one (counts of thousands carry a dot,
  ``2.030``), unless a qualifier makes it an amount (``ruim 1500 militairen``). The first end of
  a range borrows unit and scale from the second (``€20 tot €30 miljoen``).
- **Never facts:** numbers inside references (found by :mod:`ontwar.extract.references`),
  after reference words (``nr. 14``, ``Postbus 20018``, ``artikel 3``, ``pagina 2``), day
  numbers of dates (the date's year may still be a year), postcodes, spaced dossier numbers,
  numbers glued to letters or dashes (``COVID-19``, ``F-35``, ``2020Z22028``), lists of digits
  (``1,2,3,4``) and list markers opening a sentence (``1.``, ``2)``).
- **Qualifiers** are the hedge written right before the amount (``ruim``, ``circa``, ``tot``…);
  ``tot`` ending a range or change (``van €2 tot €3 miljard``, ``3 tot 5 leraren``) is no bound,
  so it is dropped.
- **Conversions.** An amount in brackets right after an amount in another currency converts it
  (``7,2 miljard SEK (€0,6 miljard)``): ``converted_from`` points back, and the conversion
  shares the original's year, subject and measure.
- **Years of facts.** Each year in a sentence goes to one amount: the amount it follows closely
  (``€12,4 miljard in 2016``, no comma or other year between), else the next amount
  (``In 2022 kreeg de regio … €80 miljoen``). An amount without a year of its own takes the
  nearest earlier year of its sentence; a sentence opening with ``Dat``/``Dit`` (``Dat is 1,7%
  van het bbp``) continues the previous sentence's year; else a later year in the same clause.
  Years that are only a comparison base (``vergeleken met 2017``, ``meer dan in 2017``) are
  nobody's year.
- **Year facts.** A year or period (``2021–2024``, ``2019/20``) is a ``year`` fact of its own
  when it is not the year of any amount in its sentence: value and ``year`` are its (first)
  year, ``year_end`` the last, unit ``jaar``, the word before it (``sinds``, ``tot``…) its
  qualifier. Years naming a document (``Beleidsnota 2019``) are neither. The year of a full
  date (``het debat van 7 maart 2022``) and relative years (``volgend jaar``) only serve as
  years of amounts: a date says when something was said, not a quantity.
- **Measures** are the nearest noun in the same clause that names a quantity (``budget``,
  ``uitgaven``, ``aandeel``… in :mod:`ontwar.extract.fact_words`), before the amount first;
  ``BBP`` for a share of GDP when nothing else is named.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ontwar.extract import fact_words as words
from ontwar.extract.numbers import is_plausible_year, parse_number, parse_number_word
from ontwar.extract.references import references_in
from ontwar.extract.subjects import (
    Mention,
    Run,
    choose_subject,
    find_mentions,
    heading_entity,
    known_names,
    main_entity,
    name_runs,
)
from ontwar.letter.model import Fact, Span

YEAR_UNIT = "jaar"
"""The unit of a ``year`` fact."""

MAX_YEAR_GAP = 45
"""A year follows "its" amount closely: at most this many characters after it."""

QUALIFIER_REACH = 30
"""How far before an amount its qualifier may start."""


Locate = Callable[[int, int, int, int], Span | None]
"""Where ``(section, paragraph, start, end)`` of the body stands in the letter's pages."""


@dataclass(frozen=True, slots=True)
class FoundFact:
    """A fact and where it stands: ``sections[section][1][paragraph][start:end] == fact.text``."""

    section: int
    paragraph: int
    start: int
    end: int
    fact: Fact


def find_facts(
    sections: Sequence[tuple[str | None, Sequence[str]]],
    letter_year: int | None = None,
    locate: Locate | None = None,
) -> list[FoundFact]:
    """Every quantitative fact of a letter's body, in reading order.

    ``sections`` are ``(heading, paragraphs)`` pairs (``None`` for the opening), each paragraph
    one line; ``letter_year`` resolves ``dit jaar`` and bounds plausible years. ``locate``, if
    given, gives each fact its span from ``(section, paragraph, start, end)``.

    >>> found = find_facts([("Zweden", ["Het Zweedse defensiebudget stijgt in 2025 met "
    ...     "ruim 7,2 miljard SEK (€0,6 miljard). Daarmee komt het op 1,8% van het BBP."])])
    >>> [(f.fact.text, f.fact.value, f.fact.unit, f.fact.subject, f.fact.year) for f in found]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('ruim 7,2 miljard SEK', 7200000000.0, 'SEK', 'Zweden', 2025),
     ('€0,6 miljard', 600000000.0, 'EUR', 'Zweden', 2025),
     ('1,8% van het BBP', 1.8, '% BBP', 'Zweden', 2025)]
    >>> found[1].fact.converted_from, found[0].fact.qualifier, found[0].fact.measure
    (0, 'ruim', 'defensiebudget')
    """
    paragraphs = [
        _Paragraph(index, number, heading, text, _sentence_bounds(text), name_runs(text))
        for index, (heading, texts) in enumerate(sections)
        for number, text in enumerate(texts)
    ]
    known = known_names((p.text, p.runs, [start for start, _ in p.bounds]) for p in paragraphs)
    entities = [heading_entity(heading, known) for heading, _ in sections]
    drafts: list[_Draft] = []
    for paragraph in paragraphs:
        drafts.extend(_paragraph_facts(paragraph, entities[paragraph.section], known, letter_year))
    position = {id(draft): index for index, draft in enumerate(drafts)}
    return [draft.found(position, locate) for draft in drafts]


# --- Patterns ------------------------------------------------------------------------------


def _alternatives(options: Iterable[str]) -> str:
    """A regex alternation of literal ``options``, factored by common prefixes.

    ``re`` tries a flat alternation's options one by one at every position it scans, so
    looking for dozens of words is slow; factored, a position costs a few character tests.
    Options that can match at the same position are prefixes of each other (all options of
    case-insensitive patterns are lowercase), and the greedy ``?`` tries the longer first, so
    the longest option wins (``meer dan`` before ``dan``), as in a flat alternation sorted by
    length.

    >>> _alternatives(["tien", "twee", "twintig", "tig", "t"])
    't(?:i(?:en|g)|w(?:ee|intig))?'
    """
    tails: dict[str, list[str]] = {}
    for option in sorted(set(options)):
        tails.setdefault(option[:1], []).append(option[1:])
    ends = "" in tails
    branches = [re.escape(head) + _alternatives(rest) for head, rest in tails.items() if head]
    if not branches:
        return ""
    joined = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
    return joined + "?" if ends else joined


# Scanning patterns start with a character class, not a look-behind, so ``re`` can skip
# ahead to candidates; word boundaries are checked on the few candidates in Python.
_DIGIT_RUN = re.compile(r"\d[\d.,]*\d|\d")
_NUMBER_WORDS = (*words.NUMBER_WORDS, *words.HALF_WORDS, *words.TENS_WORDS, *words.HUNDRED_WORDS)
_NUMBER_WORD_END = re.compile("(?:" + _alternatives(_NUMBER_WORDS) + r")(?![\w\-])")
"""The end of a spelled-out number: every one ends in a number word (``vijfentwintig``)."""
_NOT_BEFORE_NUMBER = "-/.,_\u2010\u2011\u2012\u2013\u2014"
_RANGE_AFTER = re.compile(r"[-\u2010-\u2014/]\d")
_RANGE_JOIN = re.compile(r"\s?(?:[-\u2013]|à|tot en met|t/m|tot|en)\s?(?:€\s?|EUR\s)?")

_PERCENT = re.compile(
    r"\s?%|\s(?:" + _alternatives([*words.PERCENT_POINT_WORDS, *words.PERCENT_WORDS]) + r")(?!\w)"
)
_GDP = re.compile(r"[\s-](?:" + _alternatives(words.GDP_PHRASES) + r")(?![\w-])")
_SCALE = re.compile(
    r"\s(?:(?P<scale>"
    + _alternatives([s for s in words.SCALES if s not in words.SCALE_ABBREVIATIONS])
    + r")|(?P<short>"
    + _alternatives(words.SCALE_ABBREVIATIONS)
    + r")\.?)(?![\w])"
)
_CURRENCY_AFTER = re.compile(
    r"\s(?P<currency>"
    + _alternatives([*words.CURRENCY_WORDS, *words.CURRENCY_CODES])
    + r")(?![\w])"
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<code>"
    + _alternatives(words.CURRENCY_CODES)
    + r")\s|(?P<sign>"
    + _alternatives(list(words.CURRENCY_SIGNS))
    + r")\s?)$"
)
_CURRENCY_ENDS = frozenset(code[-1] for code in (*words.CURRENCY_CODES, *words.CURRENCY_SIGNS))
"""The last characters of currencies written before an amount (``R`` of ``EUR``, ``€``)."""
_DASH_SUFFIX = re.compile(r",[-\u2013]")
_QUALIFIER = re.compile(
    r"(?i)(?<![^\s(])(?P<qualifier>" + _alternatives(words.QUALIFIERS) + r")\s+$"
)
"""A qualifier right before an offset, at the start or after a space or bracket."""
_FROM = re.compile(r"(?i)\bvan\s+(?:(?:" + _alternatives(words.QUALIFIERS) + r")\s+)?$")
_COUNT_WORD = re.compile(r"\s+(?P<word>[\w’'+][\w’'+\-]*)")
_COUNT_UNITS = frozenset(words.COUNT_UNITS)
_REFERENCE_WORDS = frozenset(word.casefold() for word in words.REFERENCE_WORDS)
_YEAR_WORDS = frozenset(word.casefold() for word in words.YEAR_WORDS)
_MONTHS = frozenset(words.MONTHS)
_SPACED_BEFORE = re.compile(r"(?<![\d.,])\d{1,2}\s$")
_SPACED_AFTER = re.compile(r"\s\d{3}(?![\d.,]\d)")
_LIST_MARKER = re.compile(r"[.)](?:\s|$)")

_PERIOD_END = re.compile(r"\s?(?:[-\u2010-\u2014/]|t/m|tot en met)\s?(?P<y2>(?:1[89]|2[01])?\d\d)")
_YEAR_QUALIFIER = re.compile(
    r"(?i)(?<![^\s(])(?P<qualifier>" + _alternatives(words.YEAR_QUALIFIERS) + r")\s+$"
)
_DAY_MONTH = re.compile(r"(?i)\b\d{1,2}\s(?:" + _alternatives(words.MONTHS) + r")\s$")
_COMPARISON = re.compile(
    r"(?i)(?:\b(?:"
    + _alternatives(words.COMPARISON_WORDS)
    + r")[^,;]*|\b(?:"
    + _alternatives(words.COMPARISON_BEFORE)
    + r")\s+(?:(?:"
    + _alternatives(words.COMPARISON_FILLERS)
    + r")\s+){0,4})$"
)
_RELATIVE_YEAR = re.compile(r"(?i)\b(?:" + _alternatives(list(words.RELATIVE_YEARS)) + r")\b")

_MASKS = (
    ("Postbus", re.compile(r"Postbus\s\d+")),
    ("agina", re.compile(r"[Pp]agina\s\d+(?:\s(?:van|/)\s\d+)?")),
)
"""Numbers that are addresses (``Postbus 20018``) or page numbers, each pattern with text it
cannot match without: it is only scanned for where that text occurs."""
_POSTCODE = re.compile(r"\d{4}\s?[A-Z]{2}(?![\w-])")
"""Numbers that are postcodes (``2500 EA``)."""
_CASE_NUMBER = re.compile(r"\d[ZD]\d")
"""With :data:`~ontwar.extract.fact_words.CITATION_KEYS`, where
:func:`~ontwar.extract.references.find_references` can find something; elsewhere it is not
asked (it is the slowest step of fact finding)."""

MAX_SENTENCE = 2000
"""Longest stretch read as one sentence. Prose sentences are far shorter; a longer one is a
table's rows or text that lost its full stops, and each fact of a sentence weighs every other
fact and name in it, so such a stretch is read in pieces (the work stays linear in its size)."""
_PIECE_BREAK = re.compile(r"[,;:)] | en ")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+(?=[\"'‘“(]?[A-ZÀ-Þ0-9€$])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+$")
_CLAUSE_BREAK = re.compile(r"[;:]|,(?!\d)|\s(?:en|maar|terwijl|waarvan|waarna|waarbij|of)\s")
_GAP_BREAK = re.compile(r"[;:]|,(?!\d)")
_MEASURE_NOUN_BACKWARDS = re.compile(
    r"(?<![\w\-])(?:" + _alternatives(end[::-1] for end in words.MEASURE_ENDINGS) + r")[\w\-]*"
)
"""A noun ending like a measure, in reversed text: there the ending starts the word, so ``re``
tries it only where a word starts rather than at almost every letter."""
_SHARE = re.compile(r"(?:aandeel|quote|percentage|bezettingsgraad)$")
_ANAPHORIC = re.compile(r"(?:" + _alternatives(words.ANAPHORIC_OPENINGS) + r")\b")


# --- Working records -------------------------------------------------------------------------


@dataclass(slots=True)
class _Paragraph:
    """A paragraph with its place in the letter, its sentences and its runs of capitals."""

    section: int
    number: int
    heading: str | None
    text: str
    bounds: list[tuple[int, int]]
    runs: list[Run]


@dataclass(slots=True)
class _Number:
    """A number as written (digits or a word) and its value."""

    start: int
    end: int
    value: float
    is_word: bool


_Located = TypeVar("_Located", _Number, Mention)


@dataclass(slots=True)
class _Year:
    """A year or period in a sentence, and whether it can be an amount's year."""

    start: int
    end: int
    year: int
    year_end: int | None
    qualifier: str | None = None
    comparison: bool = False
    relative: bool = False
    dated: bool = False
    used: bool = False


@dataclass(slots=True)
class _Draft:
    """A fact while it is being read; ``found`` freezes it once the whole letter is read."""

    kind: str
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = None
    measure: str | None = None
    subject: str | None = None
    year: int | None = None
    year_end: int | None = None
    converts: _Draft | None = None
    years: list[_Year] = field(default_factory=list)
    text: str = ""
    sentence: str = ""
    section: int = 0
    paragraph: int = 0
    heading: str | None = None

    def found(self, position: dict[int, int], locate: Locate | None) -> FoundFact:
        where = (self.section, self.paragraph, self.start, self.end)
        fact = Fact(
            kind=self.kind,
            text=self.text,
            value=self.value,
            unit=self.unit,
            span=locate(*where) if locate else None,
            qualifier=self.qualifier,
            measure=self.measure,
            subject=self.subject,
            year=self.year,
            year_end=self.year_end,
            sentence=self.sentence,
            section=self.heading,
            converted_from=position[id(self.converts)] if self.converts else None,
        )
        return FoundFact(*where, fact)


# --- Paragraphs and sentences ----------------------------------------------------------------


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: split after ``.!?`` unless an abbreviation ends there.

    >>> text = "Dat is ca. €5 mln. meer dan in 2019. Ook nr. 3 telt."
    >>> [text[s:e] for s, e in _sentence_bounds(text)]
    ['Dat is ca. €5 mln. meer dan in 2019.', 'Ook nr. 3 telt.']
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        stop = match.start() + 1
        if text[match.start()] == "." and _abbreviated(text[max(0, stop - 25) : stop]):
            continue
        _add_sentence(bounds, text, start, match.start() + len(match.group().rstrip()))
        start = match.end()
    end = len(text.rstrip())
    if start < end:
        _add_sentence(bounds, text, start, end)
    return bounds


def _add_sentence(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add the sentence ``[start, end)``, cut into pieces of at most :data:`MAX_SENTENCE`
    characters: after the last clause break in reach (``, ; : )`` or `` en ``), so that an
    amount stays whole, else at a space."""
    while end - start > MAX_SENTENCE:
        low, high = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
        breaks = [match.end() for match in _PIECE_BREAK.finditer(text, low, high)]
        space = text.rfind(" ", low, high)
        cut = breaks[-1] if breaks else space + 1 if space >= 0 else high
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        bounds.append((start, stop))
        start = cut
    bounds.append((start, end))


def _abbreviated(before: str) -> bool:
    """Whether the dot ending ``before`` ends an abbreviation (``ca.``) or initials (``J.A.``)."""
    word = before.split()[-1]
    return word.casefold() in words.ABBREVIATIONS or (
        len(word) < 5 and bool(_INITIALS.fullmatch(word))
    )


def _paragraph_facts(
    paragraph: _Paragraph, heading_entity: str | None, known: frozenset[str], year: int | None
) -> list[_Draft]:
    """The facts of one paragraph, sentence by sentence, with years carried between them."""
    text = paragraph.text
    digit_runs = [match.span() for match in _DIGIT_RUN.finditer(text)]
    numbers = _numbers(text, digit_runs)
    if not numbers:
        return []
    blocked = _blocked_spans(text, digit_runs)
    numbers = _unblocked(numbers, blocked)
    if not numbers:
        return []
    starts = [start for start, _ in paragraph.bounds]
    mentions = _unblocked(find_mentions(text, starts, known, paragraph.runs), blocked)
    paragraph_entity = main_entity(mentions, heading_entity)
    number_starts = [number.start for number in numbers]
    mention_starts = [mention.start for mention in mentions]
    carried: tuple[int, int | None] | None = None
    facts: list[_Draft] = []
    for start, end in paragraph.bounds:
        first, last = bisect_left(number_starts, start), bisect_left(number_starts, end)
        if first == last:
            continue
        in_sentence = numbers[first:last]
        drafts = _amounts(text, start, end, in_sentence)
        years = _years(text, start, end, in_sentence, drafts, year)
        if not drafts and not years:
            continue  # nothing to report, nor a year to carry
        breaks = _clause_breaks(text, start, end)
        if drafts:
            anaphoric = carried is not None and _ANAPHORIC.match(text, start)
            _assign_years(drafts, years, text, carried if anaphoric else None)
            _assign_measures(text, start, end, drafts, breaks)
        year_facts = _year_facts(years)
        if year_facts:
            drafts.extend(year_facts)
            drafts.sort(key=lambda draft: draft.start)
        sentence_mentions = [
            m
            for m in mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
            if not any(d.start <= m.start < d.end for d in drafts)
        ]
        sentence = text[start:end]
        for draft in drafts:
            draft.text = text[draft.start : draft.end]
            draft.sentence = sentence
            draft.section, draft.paragraph = paragraph.section, paragraph.number
            draft.heading = paragraph.heading
            if draft.converts:
                draft.subject = draft.converts.subject
                continue
            draft.subject = choose_subject(
                sentence_mentions,
                draft.start,
                _clause(breaks, start, end, draft.start),
                paragraph_entity,
                heading_entity,
                paragraph.heading,
            )
        carried = _carried_year(drafts, years) or carried
        facts.extend(drafts)
    return facts


def _numbers(text: str, digit_runs: list[tuple[int, int]]) -> list[_Number]:
    """Every number standing on its own in ``text``: digits (``12.500``) and words (``elf``).

    ``digit_runs`` are the spans of :data:`_DIGIT_RUN` in ``text``. Digits glued to letters or
    dashes (``COVID-19``, ``F-35``, ``2020Z22028``) and digit lists (``1,2,3,4``) are left out;
    a number followed by a dash or slash and a digit is kept only as the first year of a period
    (``2021-2024``), marked by :func:`_years`.
    """
    found: list[_Number] = []
    size = len(text)
    for begin, finish in digit_runs:
        if begin and (text[begin - 1].isalnum() or text[begin - 1] in _NOT_BEFORE_NUMBER):
            continue
        if finish < size and (text[finish].isalnum() or text[finish] == "_"):
            continue
        value = parse_number(text[begin:finish])
        if value is not None:
            found.append(_Number(begin, finish, value, False))
    lowered = text.lower()
    spelled = _number_words(lowered) if len(lowered) == size else []
    if spelled:
        found.extend(spelled)
        found.sort(key=lambda number: number.start)
    return found


def _number_words(lowered: str) -> list[_Number]:
    """Spelled-out numbers in lowercased text, found by the word they end in (``…twintig``)."""
    found: list[_Number] = []
    for match in _NUMBER_WORD_END.finditer(lowered):
        begin, finish = match.span()
        while begin and lowered[begin - 1].isalpha():
            begin -= 1
        if begin and lowered[begin - 1] in "-_":
            continue
        value = parse_number_word(lowered[begin:finish])
        if value is not None:
            found.append(_Number(begin, finish, value, True))
    return found


def _blocked_spans(text: str, digit_runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans whose numbers are never quantities: references, addresses, page numbers."""
    spans = [match.span() for key, mask in _MASKS if key in text for match in mask.finditer(text)]
    spans.extend(_postcodes(text, digit_runs))
    if any(key in text for key in words.CITATION_KEYS) or _CASE_NUMBER.search(text):
        spans.extend((start, end) for start, end, _ in references_in(text))
    return spans


def _postcodes(text: str, digit_runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of postcodes: their four digits end a run of digits (a dot, comma or digit after
    them would not let letters follow), so they are looked for only there."""
    found = []
    for begin, end in digit_runs:
        postcode = _POSTCODE.match(text, end - 4) if end - begin >= 4 else None
        if postcode:
            found.append(postcode.span())
    return found


def _unblocked(items: list[_Located], blocked: Sequence[tuple[int, int]]) -> list[_Located]:
    """The numbers or mentions that do not start inside a blocked span.

    An item is blocked when a span starting at or before it ends after it: the furthest end
    among the spans starting up to each point is kept, so each item costs one bisection (a
    paragraph of thousands of citations stays linear).
    """
    if not blocked:
        return items
    spans = sorted(blocked)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))
    kept = []
    for item in items:
        last = bisect_right(starts, item.start) - 1
        if last < 0 or reach[last] <= item.start:
            kept.append(item)
    return kept


# --- Amounts ---------------------------------------------------------------------------------


def _amounts(text: str, start: int, end: int, numbers: list[_Number]) -> list[_Draft]:
    """Money, percentages and counts in ``text[start:end]``, each with its qualifier."""
    drafts: list[_Draft] = []
    opening = _skip_open(text, start)
    for index, number in enumerate(numbers):
        if (drafts and number.start < drafts[-1].end) or _not_a_quantity(text, number, opening):
            continue
        draft = _amount(text, number, end)
        if index + 1 < len(numbers):
            draft = _range_start(text, number, draft, numbers[index + 1], end)
        if draft is not None:
            _qualify(draft, text, start, drafts)
            if drafts:
                _link_conversion(text, drafts[-1], draft)
            drafts.append(draft)
    return drafts


def _range_start(
    text: str, number: _Number, draft: _Draft | None, partner: _Number, limit: int
) -> _Draft | None:
    """The first end of a range, which borrows unit and scale from the second.

    ``€20 en €30 miljoen``, ``20 à 30 miljoen euro``, ``3 tot 5 leraren``: the first number is
    as much an amount as the second, of the same kind and scale.
    """
    if not _RANGE_JOIN.fullmatch(text, number.end, partner.start) or _plain_year(number):
        return draft
    if draft is not None and (draft.kind != "money" or draft.end != number.end):
        return draft
    second = _amount(text, partner, limit)
    if second is None or (draft is not None and draft.unit != second.unit):
        return draft
    scale = second.value / partner.value if partner.value else 1.0
    if scale == 1.0 and draft is not None:
        return draft
    begin = draft.start if draft is not None else number.start
    return _Draft(second.kind, begin, number.end, number.value * scale, second.unit)


def _plain_year(number: _Number) -> bool:
    return not number.is_word and number.end - number.start == 4 and 1800 <= number.value < 2200


def _not_a_quantity(text: str, number: _Number, opening: int) -> bool:
    """Whether the number is a reference, list marker, code, period or spaced dossier.

    ``opening`` is where the first word of the sentence begins (:func:`_skip_open`).
    """
    begin, finish = number.start, number.end
    if _RANGE_AFTER.match(text, finish):
        return True
    if number.is_word:
        return False
    written = text[begin:finish]
    if written[0] == "0" and len(written) > 1 and written[1].isdigit():
        return True
    if _last_words(text, begin, 1) in _REFERENCE_WORDS:
        return True
    if len(written) == 3 and _SPACED_BEFORE.search(text, max(0, begin - 4), begin):
        return True
    if len(written) <= 2 and _SPACED_AFTER.match(text, finish):
        return True
    return begin == opening and bool(_LIST_MARKER.match(text, finish))


def _skip_open(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \"'‘“(":
        start += 1
    return start


def _amount(text: str, number: _Number, limit: int) -> _Draft | None:
    """The money, percentage or count the number is part of, if any."""
    begin, finish, value = number.start, number.end, number.value
    percent = _PERCENT.match(text, finish, limit)
    if percent:
        unit = "procentpunt" if "procentpunt" in percent.group() else "%"
        finish = percent.end()
        gdp = _GDP.match(text, finish, limit) if unit == "%" else None
        if gdp:
            unit, finish = words.GDP_UNIT, gdp.end()
        return _Draft("percentage", begin, finish, value, unit)
    before = None if number.is_word else _currency_before(text, begin)
    scale = _SCALE.match(text, finish, limit)
    amount = value * words.SCALES[scale.group("scale") or scale.group("short")] if scale else value
    after_scale = scale.end() if scale else finish
    if before:
        code = before.group("code") or words.CURRENCY_SIGNS[before.group("sign")]
        dash = _DASH_SUFFIX.match(text, after_scale, limit)
        return _Draft("money", before.start(), dash.end() if dash else after_scale, amount, code)
    currency = _CURRENCY_AFTER.match(text, after_scale, limit)
    if currency:
        written = currency.group("currency")
        code = words.CURRENCY_WORDS.get(written, written)
        return _Draft("money", begin, currency.end(), amount, code)
    if not scale and (not amount.is_integer() or _looks_like_year(text, number)):
        return None
    noun = _counted_noun(text, after_scale, limit, amount)
    if noun is None:
        return None
    noun_end, unit = noun
    return _Draft("count", begin, noun_end, amount, unit)


def _currency_before(text: str, begin: int) -> re.Match[str] | None:
    """The currency written right before offset ``begin`` (``€``, ``EUR ``), if any.

    It ends right there or one space earlier, so a character or two rule out most numbers
    before the pattern is tried.
    """
    last = text[begin - 1] if begin else ""
    if last.isspace() and begin > 1:
        last = text[begin - 2]
    if last not in _CURRENCY_ENDS:
        return None
    return _CURRENCY_BEFORE.search(text, max(0, begin - 4), begin)


def _looks_like_year(text: str, number: _Number) -> bool:
    """A four-digit number that could be a year is one, even before a noun (``Agenda 2030
    gelden``): counts of a thousand and more are written with a dot (``2.030``), unless a
    qualifier says it is an amount (``ruim 1500 militairen``)."""
    if not _plain_year(number):
        return False
    window = max(0, number.start - QUALIFIER_REACH)
    return not _QUALIFIER.search(text, window, number.start)


def _counted_noun(text: str, position: int, limit: int, value: float) -> tuple[int, str] | None:
    """End and noun of what a number counts: ``woningen`` in ``12.500 (nieuwe) woningen``."""
    cursor = position
    for _ in range(3):
        token = _COUNT_WORD.match(text, cursor, limit)
        if token is None:
            return None
        word = token.group("word").rstrip("-")
        if _is_counted(word, value):
            return token.start("word") + len(word), word
        if not _is_modifier(word):
            return None
        cursor = token.end()
    return None


def _is_counted(word: str, value: float) -> bool:
    """Whether ``word`` can be the noun a number counts (plural, a unit, or one thing)."""
    lowered = word.casefold()
    if lowered in words.NOT_COUNTED or lowered in words.SCALES or parse_number_word(word):
        return False
    if word in _COUNT_UNITS or lowered in _COUNT_UNITS:
        return True
    if word[0].isupper():
        head, dash, tail = word.rpartition("-")
        numbered = tail[:1].isdigit() and tail.endswith(("’s", "'s"))
        return bool(dash and head and (_plural(tail) or numbered))
    return _plural(word) or value == 1


def _plural(word: str) -> bool:
    return len(word) > 3 and word.islower() and word.endswith(("en", "s", "’s", "'s"))


def _is_modifier(word: str) -> bool:
    """Adjectives and names between a number and its noun (``nieuwe``, ``Chinook``)."""
    lowered = word.casefold()
    if lowered in words.NOT_COUNTED:
        return False
    if word.islower():
        return word.endswith(words.COUNT_ADJECTIVE_ENDING) or lowered in words.COUNT_ADJECTIVES
    return word[0].isupper()


def _qualify(draft: _Draft, text: str, sentence_start: int, earlier: list[_Draft]) -> None:
    """Take the qualifier written right before the amount into its text (``ruim €5 miljard``)."""
    window = max(sentence_start, draft.start - QUALIFIER_REACH)
    if earlier:
        window = max(window, earlier[-1].end)
    match = _QUALIFIER.search(text, window, draft.start)
    if match is None:
        return
    qualifier = match.group("qualifier").casefold()
    if qualifier == "tot" and _ends_range(text, draft, earlier):
        return
    draft.qualifier = qualifier
    draft.start = match.start()


def _ends_range(text: str, draft: _Draft, earlier: list[_Draft]) -> bool:
    """Whether ``tot`` closes a ``van X tot Y`` or ``X tot Y`` of the same kind."""
    for other in reversed(earlier):
        if other.kind != draft.kind or other.converts:
            continue
        if _GAP_BREAK.search(text, other.end, draft.start):
            return False
        if not text[other.end : draft.start].replace("tot", "", 1).strip():
            return True
        return bool(_FROM.search(text, max(0, other.start - 20), other.start))
    return False


def _link_conversion(text: str, previous: _Draft, current: _Draft) -> None:
    """Mark an amount in brackets right after another currency's amount as its conversion."""
    if previous.kind != "money" or current.kind != "money" or previous.unit == current.unit:
        return
    if text[previous.end : current.start].strip() in ("(", "(="):
        current.converts = previous


# --- Years -----------------------------------------------------------------------------------


def _years(
    text: str,
    start: int,
    end: int,
    numbers: list[_Number],
    drafts: list[_Draft],
    letter_year: int | None,
) -> list[_Year]:
    """Years and periods in a sentence that are not part of an amount or a document's name."""
    found: list[_Year] = []
    for number in numbers:
        begin = number.start
        if number.is_word or number.end - begin != 4 or not _plausible(number.value, letter_year):
            continue
        if any(d.start <= begin < d.end for d in drafts) or _names_a_document(text, begin, start):
            continue
        first, stop, last = int(number.value), number.end, None
        period = _PERIOD_END.match(text, stop, end)
        if period:
            last = _period_end(first, period.group("y2"))
            if last is None:
                continue
            stop = period.end()
        qualifier = _YEAR_QUALIFIER.search(text, max(start, begin - 14), begin)
        found.append(
            _Year(
                qualifier.start() if qualifier else begin,
                stop,
                first,
                last,
                qualifier.group("qualifier").casefold() if qualifier else None,
                comparison=bool(_COMPARISON.search(text, max(start, begin - 40), begin)),
                dated=bool(_DAY_MONTH.search(text, max(start, begin - 20), begin)),
            )
        )
    if letter_year is not None and text.find("jaar", start, end) >= 0:
        for match in _RELATIVE_YEAR.finditer(text, start, end):
            at = match.start()
            found.append(
                _Year(
                    at,
                    match.end(),
                    letter_year + words.RELATIVE_YEARS[match.group().casefold()],
                    None,
                    comparison=bool(_COMPARISON.search(text, max(start, at - 40), at)),
                    relative=True,
                )
            )
        found.sort(key=lambda year: year.start)
    return found


def _plausible(year: float, letter_year: int | None) -> bool:
    return is_plausible_year(year, letter_year, words.EARLIEST_YEAR, words.LATEST_YEAR_AHEAD)


def _period_end(first: int, written: str) -> int | None:
    """The last year of ``2021–2024`` or ``2019/20``; ``None`` if it is no later than the first."""
    last = int(written) if len(written) == 4 else first // 100 * 100 + int(written)
    return last if last > first else None


def _names_a_document(text: str, begin: int, sentence_start: int) -> bool:
    """``Beleidsnota 2019``: a capitalised word (not a year word or month) right before."""
    word = text[max(sentence_start, begin - 40) : begin].rstrip("( ").rpartition(" ")[2]
    if not word or not word[0].isupper() or (word.isupper() and len(word) <= 2):
        return False
    return not _after_year_word(text, begin)


def _after_year_word(text: str, begin: int) -> bool:
    """Whether a year word or month stands right before ``begin`` (``in 2020``, ``mei 2020``)."""
    last = _last_words(text, begin, 1)
    return last in _YEAR_WORDS or last in _MONTHS or _last_words(text, begin, 2) in _YEAR_WORDS


def _last_words(text: str, begin: int, count: int) -> str:
    """The ``count`` words right before ``begin``, lowercased (``nr.`` before ``nr. 14``)."""
    before = text[max(0, begin - 24) : begin].rstrip("( ")
    return " ".join(before.rsplit(None, count)[-count:]).casefold()


def _assign_years(
    drafts: list[_Draft],
    years: list[_Year],
    text: str,
    carried: tuple[int, int | None] | None,
) -> None:
    """Give each amount its year (module doc): attach each year to one amount, then fill in."""
    amounts = [draft for draft in drafts if not draft.converts]
    candidates = [year for year in years if not year.comparison]
    for year in candidates:
        previous = next((d for d in reversed(amounts) if d.end <= year.start), None)
        following = next((d for d in amounts if d.start >= year.end), None)
        target = following
        if previous is not None:
            close = year.start - previous.end <= MAX_YEAR_GAP and not _GAP_BREAK.search(
                text, previous.end, year.start
            )
            if close and not any(previous.end <= y.start < year.start for y in candidates):
                target = previous
        if target is not None:
            target.years.append(year)
    for index, draft in enumerate(amounts):
        chosen = None
        if draft.years:
            chosen = min(draft.years, key=lambda y: (y.year_end is None, _distance(draft, y)))
        else:
            chosen = next((y for y in reversed(candidates) if y.end <= draft.start), None)
        if chosen is None and carried is not None and (index == 0 or not candidates):
            draft.year, draft.year_end = carried
            continue
        if chosen is None:
            chosen = next((y for y in candidates if y.start >= draft.end), None)
            if chosen is not None and _GAP_BREAK.search(text, draft.end, chosen.start):
                chosen = None
        if chosen is not None:
            chosen.used = True
            draft.year, draft.year_end = chosen.year, chosen.year_end
    for draft in drafts:
        if draft.converts:
            draft.year, draft.year_end = draft.converts.year, draft.converts.year_end


def _distance(draft: _Draft, year: _Year) -> int:
    return year.start - draft.end if year.start >= draft.end else draft.start - year.end


def _year_facts(years: list[_Year]) -> list[_Draft]:
    """Years that are no amount's year, as ``year`` facts of their own."""
    facts = []
    for year in years:
        if year.used or year.relative or year.dated:
            continue
        draft = _Draft("year", year.start, year.end, float(year.year), YEAR_UNIT, year.qualifier)
        draft.year, draft.year_end = year.year, year.year_end
        facts.append(draft)
    return facts


def _carried_year(drafts: list[_Draft], years: list[_Year]) -> tuple[int, int | None] | None:
    """The year a following ``Dat``/``Dit`` sentence continues: the last one this one used."""
    for draft in reversed(drafts):
        if draft.kind != "year" and draft.year is not None:
            return draft.year, draft.year_end
    plain = [year for year in years if not year.comparison]
    return (plain[-1].year, plain[-1].year_end) if plain else None


# --- Measures and clauses ----------------------------------------------------------------------


def _clause_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a sentence's clauses meet: commas, semicolons and conjunctions."""
    return [match.span() for match in _CLAUSE_BREAK.finditer(text, start, end)]


def _clause(breaks: list[tuple[int, int]], start: int, end: int, at: int) -> tuple[int, int]:
    """The clause around offset ``at`` of a sentence ``[start, end)`` with these ``breaks``."""
    left, right = start, end
    for begin, finish in breaks:
        if finish <= at:
            left = finish
        elif begin >= at:
            right = begin
            break
    return left, right


def _in_aside(text: str, at: int, amount: int) -> bool:
    """Whether offset ``at`` is inside brackets that do not also hold the amount."""
    low, high = (at, amount) if at < amount else (amount, at)
    between = text[low:high]
    if at < amount:
        return between.rfind("(") > between.rfind(")") or (")" in between and "(" not in between)
    return between.rfind("(") > between.rfind(")")


def _assign_measures(
    text: str, start: int, end: int, drafts: list[_Draft], breaks: list[tuple[int, int]]
) -> None:
    """Give each amount of the sentence ``[start, end)`` its measure (:func:`_measure`)."""
    nouns = _measure_nouns(text, start, end, drafts)
    for draft in drafts:
        draft.measure = _measure(text, draft, _clause(breaks, start, end, draft.start), nouns)


def _measure_nouns(text: str, start: int, end: int, drafts: list[_Draft]) -> list[tuple[int, str]]:
    """Nouns in a sentence that name a quantity (``defensiebudget``), outside the amounts."""
    nouns = []
    for match in _MEASURE_NOUN_BACKWARDS.finditer(text[start:end][::-1]):
        at, noun = end - match.end(), match.group()[::-1]
        if noun in words.NOT_MEASURES:
            continue
        common = noun[0].islower() or noun.rpartition("-")[2][:1].islower()
        if (common or noun in words.GDP_PHRASES) and not any(d.start <= at < d.end for d in drafts):
            nouns.append((at, noun))
    nouns.reverse()
    return nouns


def _measure(
    text: str, draft: _Draft, clause: tuple[int, int], nouns: list[tuple[int, str]]
) -> str | None:
    """The noun the amount measures: the nearest quantity noun in its clause (module doc).

    Nouns in brackets the amount is not in are asides (``(door de krimp van de economie)``);
    without a noun in its clause, the nearest one before it in the sentence counts.
    """
    if draft.converts:
        return draft.converts.measure
    inside = [
        (at, noun)
        for at, noun in nouns
        if clause[0] <= at < clause[1] and not _in_aside(text, at, draft.start)
    ]
    if draft.kind == "percentage":
        shares = [noun for _, noun in inside if _SHARE.search(noun)]
        if shares:
            return shares[0]
    before = [noun for at, noun in inside if at < draft.start]
    if before:
        return before[-1]
    after = [noun for at, noun in inside if at >= draft.end]
    if after:
        return after[0]
    earlier = [noun for at, noun in nouns if at < draft.start]
    if earlier:
        return earlier[-1]
    return "BBP" if draft.unit == words.GDP_UNIT else None
