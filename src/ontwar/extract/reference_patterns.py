"""How letters cite parliamentary documents: the pattern pieces and link schemes, as data.

:mod:`ontwar.extract.references` compiles these once and holds the logic; everything that is a
fact about Dutch citation practice (which words introduce a citation, which chamber codes
exist, how a member's name is built, where each kind of document lives online) is here, so a
new citation habit means a new table entry, not a new branch.

Patterns are regular-expression *sources* in verbose mode (``re.VERBOSE``: whitespace and
``#`` comments inside them are ignored, so literal spaces are written ``\\s``).
"""

from __future__ import annotations

# --- Link schemes ----------------------------------------------------------------------------

#: Kamerstukken, Handelingen and the Aanhangsel are published on officielebekendmakingen.nl as
#: ``kst-<dossier>[-<suffix>]-<number>.html``, ``h-<chamber>-<yyyyyyyy>-<number>[-<item>].html``
#: and ``ah-<chamber>-<yyyyyyyy>-<number>.html`` (``h-tk-20182019-86-22.html``,
#: ``kst-31444-XVI-6.html``, ``kst-21501-33-12.html``).
OFFICIAL_SITE = "https://zoek.officielebekendmakingen.nl"
KAMERSTUK_URL = OFFICIAL_SITE + "/kst-{key}.html"
HANDELINGEN_URL = OFFICIAL_SITE + "/h-{chamber}-{years}-{number}.html"
AANHANGSEL_URL = OFFICIAL_SITE + "/ah-{chamber}-{years}-{number}.html"

#: Zaak and document numbers are the Tweede Kamer's own. Its site shows them at
#: ``/kamerstukken/<category>/detail?id=<zaak or document>&did=<document>``, where the
#: category (``brieven_regering``, ``moties``, ``kamervragen`` …) is not in the number; the
#: category-less ``/kamerstukken/detail`` path used here is our best guess at a stable link
#: and has not been verified against the live site.
ZAAK_URL = "https://www.tweedekamer.nl/kamerstukken/detail?id={number}"
DOCUMENT_URL = "https://www.tweedekamer.nl/kamerstukken/detail?id={number}&did={number}"

#: Chamber as cited (``Handelingen II``) to the code in official links. ``II`` is the Tweede
#: Kamer, ``I`` the Eerste; letters to the Tweede Kamer that name no chamber mean their own.
CHAMBERS = {"II": "tk", "TK": "tk", "I": "ek", "EK": "ek"}
DEFAULT_CHAMBER = "tk"

# --- Shared pieces ---------------------------------------------------------------------------

#: Hyphens and dashes a typesetter may have put between a dossier and its suffix.
DASH = "[-\u2010\u2011\u2012\u2013]"

#: Chamber after ``Kamerstukken``/``Handelingen``; ``I`` must not eat the ``I`` of ``II``.
CHAMBER = r"(?P<chamber>II|TK|EK|I)(?!\w)"

#: A parliamentary session: ``2019/20``, ``2019/2020``, ``2019-2020``, ``2019–20``.
SESSION = r"(?P<y1>(?:19|20)\d\d)\s*[/\-\u2013]\s*(?P<y2>(?:19|20)?\d\d)(?!\d)"

# --- Kamerstukken ----------------------------------------------------------------------------

#: What introduces a Kamerstuk citation, then chamber and session when written
#: (``Kamerstukken II 2019/20,``). The dossier that follows is parsed by :data:`KAMERSTUK_ITEM`.
KAMERSTUK_HEAD = rf"""
    [Kk](?<![\w\-][Kk])                # a word's first letter (see DOSSIER on why after it)
    (?:amerstuk(?:ken)?|(?<=K)st\.)
    (?:\s+{CHAMBER})?
    (?:,?\s+(?:vergaderjaar\s+)?{SESSION})?
    ,?\s*
"""

#: Text a :data:`KAMERSTUK_HEAD` cannot be written without. Scanning is the slow part of
#: finding references and most paragraphs cite nothing, so each pattern comes with such keys
#: and :mod:`ontwar.extract.references` scans only text that holds one of them.
KAMERSTUK_KEYS = ("amerstuk", "Kst.")

#: A dossier number as written: five digits, often grouped ``36 402``; four-digit (older)
#: dossiers only where the ``Kamerstuk`` keyword and an item number vouch for them. What
#: precedes the first digit is checked after it (``\d(?<![…]\d)``): a pattern that starts
#: with a character class lets ``re`` skip ahead to that class when it scans a paragraph,
#: several times quicker than trying a look-behind at every position.
DOSSIER = r"(?P<dossier>\d(?<![\w/.,\-]\d)\d?\s?\d{3})(?![\w/])"
DOSSIER5 = r"(?P<dossier>\d(?<![\w/.,\-]\d)\d\s?\d{3})(?![\w/])"

#: A sub-number (``21 501-33``) or budget chapter (``36 402 X``, ``36 200-VII``, fund letters
#: such as ``A``): after a dash anything of these, after a bare space only roman numerals and
#: single capitals, since a bare number there would be the next part of a digit group.
SUFFIX = rf"""
    (?:\s*{DASH}\s*(?P<suffix>[IVXL]+|\d{{1,3}}|[A-Z])
      |\s+(?P<spaced_suffix>[IVXL]+|[A-Z]))
    (?![\w])
"""

#: The item numbers: one after ``nr.`` (``nr. 12``, also the sloppy ``nr. 12 en 13`` when the
#: citation ends there), a list after ``nrs.`` (``nrs. 12, 14 en 53``, ``nrs. 12 t/m 15``).
#: A list item never starts a digit group (``nrs. 12 en 35 300, nr. 4`` cites two dossiers).
NUMBER = r"\d{1,4}(?![\d/]|\s?\d{3}(?!\d)|[.,]\d)"
LIST_JOIN = r"(?:\s*,\s*|\s+en\s+|\s*&\s*|\s*(?:t/m|tot\s+en\s+met)\s*|\s*[-\u2013]\s*)"
NUMBERS = rf"""
    ,?\s*
    (?:(?:nrs\.?|nummers)\s*(?P<numbers>{NUMBER}(?:{LIST_JOIN}{NUMBER})*)
      |(?:nr\.?|nummer)\s*(?P<number>{NUMBER}(?:\s+en\s+{NUMBER}(?=\s*(?:[).;,]|$)))?)
    )
"""

#: One dossier with its suffix and numbers. After a ``Kamerstuk`` keyword the numbers may be
#: missing (``Kamerstuk 35 405`` cites the whole dossier).
KAMERSTUK_ITEM = rf"{DOSSIER}(?:{SUFFIX})?(?:{NUMBERS})?"

#: A further dossier in the same citation (``…, nr. 12 en 35 300 X, nr. 4``; ``…; 35 300, nr.
#: 4``): it needs its own numbers, or it would be any number that happens to follow.
KAMERSTUK_NEXT = rf"""
    (?:\s*[;,]\s*(?:en\s+)?|\s+en\s+)
    (?:(?:[Kk]amerstuk(?:ken)?|Kst\.)\s+)?
    {DOSSIER}(?:{SUFFIX})?{NUMBERS}
"""

#: More numbers of the same dossier: ``Kamerstuk 36 402, nr. 12 en nr. 14``.
KAMERSTUK_MORE = rf"(?:\s*[;,]\s*(?:en\s+)?|\s+en\s+){NUMBERS}"

#: A citation without the keyword, as in ``(25 809, nr. 12)``: only a five-digit dossier
#: followed by ``nr.``, which amounts, dates, postcodes and years never are.
KAMERSTUK_BARE = rf"{DOSSIER5}(?:{SUFFIX})?{NUMBERS}"
#: The keys of :data:`KAMERSTUK_BARE`: its :data:`NUMBERS` start with ``nr``/``nummer``.
NUMBER_KEYS = ("nr", "nummer")

#: How many numbers ``nrs. 12 t/m 15`` may stand for before it is read as just its two ends.
MAX_RANGE = 50

# --- Moties ----------------------------------------------------------------------------------

#: Capitals and small letters of the names of members of parliament (Latin script with the
#: accents Dutch surnames carry: ``Özütok``, ``Yeşilgöz``, ``Laçin``). Python's ``re`` has no
#: ``\p{Lu}``, so the classes are spelled out from the Latin blocks.
_LATIN = [chr(code) for code in range(0x41, 0x250)]
UPPER = "".join(c for c in _LATIN if c.isupper() and c.isalpha())
LOWER = "".join(c for c in _LATIN if c.islower() and c.isalpha())

#: Tussenvoegsels, longest first so ``van der`` wins over ``van``.
TUSSENVOEGSELS = (
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "in 't",
    "in het",
    "op de",
    "op den",
    "op het",
    "uit de",
    "uit den",
    "aan de",
    "van",
    "von",
    "der",
    "den",
    "de",
    "het",
    "ter",
    "ten",
    "te",
    "el",
    "al",
    "la",
    "le",
    "du",
    "da",
    "dos",
    "'t",
    "’t",
)


def _tussenvoegsel(capital: bool) -> str:
    """The tussenvoegsels as an alternation; ``capital`` capitalises the first letter.

    A motie names a member by surname alone, and then the first tussenvoegsel is written with
    a capital (``motie Van Dijk``, ``motie-Van der Linden``); only after ``van het lid`` do
    letters sometimes keep it small. Requiring the capital elsewhere keeps ``de motie van de
    Kamer`` from reading as a motie of a member called ``van de Kamer``.
    """
    words = []
    for word in TUSSENVOEGSELS:
        word = word.replace(" ", r"\s+")
        if capital and word[0].isalpha():
            word = f"[{word[0].upper()}]{word[1:]}"
        elif word[0].isalpha():
            word = f"[{word[0].upper()}{word[0]}]{word[1:]}"
        words.append(word)
    return "(?:" + "|".join(words) + ")"


#: One capitalised name part, also double-barrelled (``Van Beukering-Huijbregts``,
#: ``Nijkerken-de Haan``) or with an apostrophe (``D'Alessandro``).
NAME_PART = rf"[{UPPER}][{LOWER}]*(?:['’][{UPPER}{LOWER}][{LOWER}]+)?"
NAME_CORE = rf"{NAME_PART}(?:-(?:{_tussenvoegsel(False)}\s+)?{NAME_PART})*"

#: Capitalised words that follow ``motie`` without being a member (``motie Kamerstuk …`` when
#: the parentheses are lost, ``moties Tweede Kamer``).
NOT_NAMES = (
    "Kamerstuk",
    "Kamerstukken",
    "Kst",
    "Handelingen",
    "Aanhangsel",
    "Tweede",
    "Eerste",
    "Kamer",
    "Zie",
    "Nr",
)
_NOT_NAME = "(?!(?:" + "|".join(NOT_NAMES) + r")(?![\w]))"


def _member(capital: bool) -> str:
    """A member as a motie names them: surname with tussenvoegsel, maybe after a given name.

    Two members of the same surname are told apart by given name (``Jasper van Dijk``,
    ``Agnes Mulder``), so a capitalised word followed by a surname is read as one name.
    """
    tussen = _tussenvoegsel(capital)
    surname = rf"{_NOT_NAME}(?:{tussen}\s+)?{_NOT_NAME}{NAME_CORE}"
    given = rf"{_NOT_NAME}{NAME_PART}\s+(?:{_tussenvoegsel(False)}\s+)?{_NOT_NAME}{NAME_CORE}"
    return rf"(?:{given}|{surname})(?![\w])"


MEMBER = _member(capital=True)
MEMBER_ANY_CASE = _member(capital=False)


def _members(member: str) -> str:
    """One member, ``A en B``, ``A, B en C`` or ``A/B``: a bare comma list must end in ``en``,
    so ``motie Wouters, Nederland …`` stays one member."""
    return rf"{member}(?:(?:\s*,\s*{member})*\s+en\s+{member}|(?:\s*/\s*{member})+)?"


#: ``motie``, ``moties``, ``gewijzigde motie``, ``nader gewijzigde motie``.
MOTIE_WORD = r"""
    (?<![\w\-])
    (?:(?:[Nn]ader\s+)?[Gg]ewijzigde\s+)?
    [Mm]otie
"""

#: The three ways a motie names its submitters, tried in this order: ``motie van het lid X`` /
#: ``van de leden X en Y`` (also ``van mevrouw X``), ``motie-X`` / ``motie-X/Y``, ``motie X``.
#: ``c.s.`` (and co-submitters) belongs to the citation. Plural ``moties`` take only the
#: first form: ``moties X`` is more often a heading than a citation.
MOTIE = rf"""
    {MOTIE_WORD}
    (?:
        s?\s+van\s+(?:het\s+lid|de\s+heer|mevrouw)\s+(?P<one>{MEMBER_ANY_CASE})
      | s?\s+van\s+de\s+(?:leden|heren|dames)\s+(?P<many>{_members(MEMBER_ANY_CASE)})
      | [-\u2010\u2011](?P<hyphen>{_members(MEMBER)})
      | \s+(?P<bare>{_members(MEMBER)})
    )
    (?P<cs>\s+c\.s\.)?
"""
#: The key of :data:`MOTIE`: ``motie``, ``Motie`` and ``moties`` all hold ``otie``.
MOTIE_KEYS = ("otie",)

# --- Zaak and document numbers, Handelingen --------------------------------------------------

#: ``2021Z08113`` (a zaak: a subject the Kamer handles) and ``2021D30467`` (a document).
CASE_NUMBER = r"(?<![\w/])(?P<number>(?:19|20)\d\d(?P<letter>[ZD])\d{5})(?![\w])"
#: The key of :data:`CASE_NUMBER`, a pattern itself: the letter and the digit after it.
CASE_NUMBER_KEY = r"[ZD]\d"

#: ``Handelingen II 2019/20, nr. 45[, item 7]``, ``Aanhangsel Handelingen II 2020/21, nr.
#: 1234``, also ``Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028``.
HANDELINGEN = rf"""
    (?<![\w\-])
    (?P<aanhangsel>Aanhangsel\s+(?:(?:van\s+de|bij\s+de)\s+)?)?
    [Hh]andelingen
    (?:\s+{CHAMBER})?
    ,?\s+(?:vergaderjaar\s+)?{SESSION}
    ,?\s*(?:nr\.?|nummer)\s*(?P<number>\d{{1,5}})(?![\d/])
    (?:,?\s*item\s+(?P<item>\d{{1,3}})(?!\d))?
"""
#: The key of :data:`HANDELINGEN`, written with a capital or not.
HANDELINGEN_KEYS = ("andelingen",)
