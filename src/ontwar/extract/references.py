"""References to parliamentary documents in a paragraph: Kamerstukken, moties, Handelingen.

Letters to parliament justify themselves by what came before: the motie they carry out, the
Kamerstuk that announced the plan, the debate where it was promised. Those citations are the
letter's links into the parliamentary record, so each becomes a
:class:`~ontwar.letter.model.Reference` with its parts normalised (``36 402 X`` -> dossier
``36402``, suffix ``X``) and a link in the official scheme.

The letter parser calls :func:`find_references` once per paragraph (lines already rejoined and
dehyphenated). Choices where the citation allows more than one reading:

- A citation of several numbers (``Kamerstuk 36 402 X, nrs. 12 en 17``) gives one reference
  per number; they share the text and span of the whole citation, since no smaller piece of
  text names ``nr. 17`` of that dossier. A citation of several dossiers (``…, nr. 12 en 35 300
  X, nr. 4``) gives each dossier its own span.
- ``Kamerstuk 35 405`` without a number cites the whole dossier: ``number`` and ``url`` are
  ``None`` (officielebekendmakingen.nl has no link scheme for a dossier as such).
- A motie's own Kamerstuk, when the letter gives it (``motie Wouters (Kamerstuk …)``), is its
  own ``kamerstuk`` reference right after the motie; the motie keeps only its submitters, and
  ``c.s.`` stays in its text.
- ``item 7`` of a Handelingen citation is kept in its text and its link
  (``h-tk-20192020-45-7.html``); the model has no field for it.
- A session written with a Kamerstuk (``Kamerstukken II 2019/20, 35 300 X, nr. 4``) fills
  ``session`` there too.

Patterns and link schemes are data, in :mod:`ontwar.extract.reference_patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ontwar.extract import reference_patterns as patterns
from ontwar.letter.model import Reference

_FLAGS = re.VERBOSE
_KAMERSTUK_HEAD = re.compile(patterns.KAMERSTUK_HEAD, _FLAGS)
_KAMERSTUK_ITEM = re.compile(patterns.KAMERSTUK_ITEM, _FLAGS)
_KAMERSTUK_NEXT = re.compile(patterns.KAMERSTUK_NEXT, _FLAGS)
_KAMERSTUK_MORE = re.compile(patterns.KAMERSTUK_MORE, _FLAGS)
_KAMERSTUK_BARE = re.compile(patterns.KAMERSTUK_BARE, _FLAGS)
_MOTIE = re.compile(patterns.MOTIE, _FLAGS)
_MEMBER = re.compile(patterns.MEMBER_ANY_CASE, _FLAGS)
_CASE_NUMBER = re.compile(patterns.CASE_NUMBER)
_HANDELINGEN = re.compile(patterns.HANDELINGEN, _FLAGS)
_CASE_NUMBER_KEY = re.compile(patterns.CASE_NUMBER_KEY)
_LIST_PART = re.compile(rf"(\d+)|({patterns.LIST_JOIN})", _FLAGS)
_RANGE_WORDS = re.compile(r"t/m|tot\s+en\s+met|[-\u2013]")
_SPACES = re.compile(r"\s+")

#: A citation found by one pattern: its span and the references it stands for.
_Found = tuple[int, int, list[Reference]]


@lru_cache(maxsize=512)
def references_in(text: str) -> tuple[tuple[int, int, Reference], ...]:
    """:func:`find_references`, remembered for the last paragraphs asked: the letter parser
    asks it of each paragraph, and the fact finder again of those that cite something."""
    return tuple(find_references(text))


def find_references(text: str) -> list[tuple[int, int, Reference]]:
    """Every reference in ``text`` as ``(start, end, reference)``, in text order.

    ``text[start:end] == reference.text``; ``reference.span`` is ``None`` (the caller knows the
    page offsets). Where two readings overlap, the one starting first (then the longer) wins,
    so ``Aanhangsel Handelingen …`` is not also read as ``Handelingen …``.

    >>> [(r.kind, r.dossier, r.suffix, r.number) for _, _, r in find_references(
    ...     "Zie de motie Wouters (Kamerstuk 36 402 X nr. 71) en 2021Z08113.")][1:]
    [('kamerstuk', '36402', 'X', '71'), ('zaak', None, None, '2021Z08113')]
    >>> find_references("de motie van de leden Smit en De Boer")[0][2].members
    ('Smit', 'De Boer')
    >>> find_references("Handelingen II 2019/2020, nr. 45, item 7")[0][2].url
    'https://zoek.officielebekendmakingen.nl/h-tk-20192020-45-7.html'
    """
    found: list[_Found] = [
        *_kamerstukken(text),
        *_bare_kamerstukken(text),
        *_moties(text),
        *_case_numbers(text),
        *_handelingen(text),
    ]
    found.sort(key=lambda item: (item[0], -item[1]))
    result: list[tuple[int, int, Reference]] = []
    reached = 0
    for start, end, references in found:
        if start < reached:
            continue
        result.extend((start, end, reference) for reference in references)
        reached = end
    return result


def _holds(text: str, keys: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of a pattern's keys, text no match can do without: a
    substring test is far quicker than a scan, and most paragraphs cite nothing."""
    return any(key in text for key in keys)


# --- Kamerstukken ----------------------------------------------------------------------------


def _kamerstukken(text: str) -> Iterator[_Found]:
    """``Kamerstuk[ken] [II] [2019/20,] 36 402 X, nr. 71 [en 35 300, nr. 4]``."""
    if not _holds(text, patterns.KAMERSTUK_KEYS):
        return
    for head in _KAMERSTUK_HEAD.finditer(text):
        item = _KAMERSTUK_ITEM.match(text, head.end())
        if item is None:
            continue
        numbered = item.group("number") is not None or item.group("numbers") is not None
        if not numbered and len(_digits(item.group("dossier"))) != 5:
            continue  # a whole dossier is five digits: never ``Kamerstuk 2020``
        session = _session(head) if head.group("y1") else None
        found = _citation(text, head.start(), item, session)
        yield found
        yield from _continuations(text, found[1], session)


def _bare_kamerstukken(text: str) -> Iterator[_Found]:
    """``(25 809, nr. 12)``: a five-digit dossier and ``nr.`` without the ``Kamerstuk`` word."""
    if not _holds(text, patterns.NUMBER_KEYS):
        return
    for item in _KAMERSTUK_BARE.finditer(text):
        found = _citation(text, item.start(), item, None)
        yield found
        yield from _continuations(text, found[1], None)


def _continuations(text: str, position: int, session: str | None) -> Iterator[_Found]:
    """Further dossiers of the same citation, each with its own numbers."""
    while (item := _KAMERSTUK_NEXT.match(text, position)) is not None:
        found = _citation(text, item.start("dossier"), item, session)
        yield found
        position = found[1]


def _citation(text: str, start: int, item: re.Match[str], session: str | None) -> _Found:
    """One dossier from ``start``: a reference per number, also those added by ``en nr. 14``."""
    end = item.end()
    numbers = _numbers(item.group("numbers") or item.group("number"))
    if numbers:
        while (more := _KAMERSTUK_MORE.match(text, end)) is not None:
            numbers += _numbers(more.group("numbers") or more.group("number"))
            end = more.end()
    written = text[start:end]
    dossier = _digits(item.group("dossier"))
    suffix = item.group("suffix") or item.group("spaced_suffix")
    if not numbers:
        return start, end, [Reference("kamerstuk", written, None, dossier, suffix, session=session)]
    references = [
        Reference(
            "kamerstuk",
            written,
            None,
            dossier,
            suffix,
            number,
            session=session,
            url=kamerstuk_url(dossier, suffix, number),
        )
        for number in dict.fromkeys(numbers)
    ]
    return start, end, references


def kamerstuk_url(dossier: str, suffix: str | None, number: str) -> str:
    """The official link of Kamerstuk ``dossier``[-``suffix``], nr. ``number``.

    >>> kamerstuk_url("21501", "33", "12")
    'https://zoek.officielebekendmakingen.nl/kst-21501-33-12.html'
    """
    key = "-".join(part for part in (dossier, suffix, number) if part)
    return patterns.KAMERSTUK_URL.format(key=key)


def _numbers(written: str | None) -> list[str]:
    """``12, 14 en 53`` -> 12, 14, 53; ``12 t/m 15`` -> 12 … 15 (ends only if very long).

    >>> _numbers("12 t/m 14 en 53"), _numbers("7")
    (['12', '13', '14', '53'], ['7'])
    """
    if not written:
        return []
    numbers: list[str] = []
    ranged = False
    for part in _LIST_PART.finditer(written):
        number, join = part.groups()
        if join is not None:
            ranged = bool(_RANGE_WORDS.search(join))
            continue
        if ranged and numbers and 0 < int(number) - int(numbers[-1]) <= patterns.MAX_RANGE:
            numbers.extend(str(n) for n in range(int(numbers[-1]) + 1, int(number)))
        numbers.append(str(int(number)))
    return numbers


# --- Moties ----------------------------------------------------------------------------------


def _moties(text: str) -> Iterator[_Found]:
    """``motie Wouters``, ``motie-Van Dijk``, ``motie van de leden Smit en De Boer``."""
    if not _holds(text, patterns.MOTIE_KEYS):
        return
    for match in _MOTIE.finditer(text):
        names = next(
            match.group(name)
            for name in ("one", "many", "hyphen", "bare")
            if match.group(name) is not None
        )
        members = tuple(_member_name(m.group()) for m in _MEMBER.finditer(names))
        written = match.group()
        yield match.start(), match.end(), [Reference("motie", written, None, members=members)]


def _member_name(written: str) -> str:
    """A member's name with single spaces and a capital first letter (``van Dijk`` -> ``Van
    Dijk``): the form in which the Kamer itself names members by surname."""
    name = _SPACES.sub(" ", written)
    return name[0].upper() + name[1:]


# --- Zaak and document numbers, Handelingen --------------------------------------------------


def _case_numbers(text: str) -> Iterator[_Found]:
    """``2021Z08113`` (zaak) and ``2021D30467`` (document)."""
    if not _CASE_NUMBER_KEY.search(text):
        return
    for match in _CASE_NUMBER.finditer(text):
        number = match.group("number")
        if match.group("letter") == "Z":
            kind, url = "zaak", patterns.ZAAK_URL.format(number=number)
        else:
            kind, url = "document", patterns.DOCUMENT_URL.format(number=number)
        reference = Reference(kind, number, None, number=number, url=url)
        yield match.start(), match.end(), [reference]


def _handelingen(text: str) -> Iterator[_Found]:
    """``Handelingen II 2019/20, nr. 45[, item 7]`` and ``Aanhangsel Handelingen …, nr. 1234``."""
    if not _holds(text, patterns.HANDELINGEN_KEYS):
        return
    for match in _HANDELINGEN.finditer(text):
        session = _session(match)
        if session is None:
            continue
        chamber = patterns.CHAMBERS.get(match.group("chamber") or "", patterns.DEFAULT_CHAMBER)
        years = f"{match.group('y1')}{int(match.group('y1')) + 1}"
        number = str(int(match.group("number")))
        if match.group("aanhangsel"):
            kind = "aanhangsel"
            url = patterns.AANHANGSEL_URL.format(chamber=chamber, years=years, number=number)
        else:
            kind = "handelingen"
            item = match.group("item")
            page = f"{number}-{int(item)}" if item else number
            url = patterns.HANDELINGEN_URL.format(chamber=chamber, years=years, number=page)
        reference = Reference(kind, match.group(), None, number=number, session=session, url=url)
        yield match.start(), match.end(), [reference]


def _session(match: re.Match[str]) -> str | None:
    """``2019-2020``, ``2019/2020``, ``2019/20`` -> ``2019/20``; ``None`` unless consecutive.

    A session runs from September to September, so its years follow each other; ``2019/21``
    is no session but a typo or a range, and is not linked.
    """
    first, second = int(match.group("y1")), match.group("y2")
    if int(second[-2:]) != (first + 1) % 100 or (len(second) == 4 and int(second) != first + 1):
        return None
    return f"{first}/{second[-2:]}"


def _digits(written: str) -> str:
    return "".join(c for c in written if c.isdigit())
