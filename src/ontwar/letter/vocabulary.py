"""The words and shapes of a Rijkshuisstijl letter, as named data apart from the parsing logic.

Kamerbrieven follow one house style: a letterhead with the sender, a return address line above
the addressee, a right-hand column of labelled fields, a body of headed sections, a greeting
and a signature. The tables below name what the parser looks for; nothing here comes from one
particular letter.
"""

from __future__ import annotations

import re

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

#: Sidebar labels, canonical spelling first; a letter may write any of the variants.
SIDEBAR_LABELS: dict[str, tuple[str, ...]] = {
    "Onze referentie": ("Onze referentie", "Ons kenmerk", "Onze kenmerk", "Kenmerk"),
    "Uw referentie": ("Uw referentie", "Uw kenmerk", "Uw brief (kenmerk)", "Uw brief"),
    "Datum": ("Datum",),
    "Betreft": ("Betreft", "Onderwerp"),
    "Bijlage(n)": ("Bijlage(n)", "Bijlagen", "Bijlage"),
    "Afschrift aan": ("Afschrift aan", "Kopie aan", "Afschrift"),
    "Contactpersoon": ("Contactpersoon", "Behandeld door", "Inlichtingen"),
    "Directie": ("Directie", "Directoraat-Generaal", "Afdeling", "Organisatieonderdeel"),
    "Doorkiesnummer": ("Doorkiesnummer", "Telefoon", "T"),
    "E-mail": ("E-mail", "E-mailadres"),
    "Projectnaam": ("Projectnaam",),
}
#: Fields whose value is one short line: a later line cannot belong to them.
SINGLE_LINE_FIELDS = frozenset(
    {"Onze referentie", "Uw referentie", "Datum", "Bijlage(n)", "Doorkiesnummer", "E-mail"}
)
#: Fields whose value is free text, so a stray line of free text most likely belongs to them.
FREE_TEXT_FIELDS = ("Betreft",)
#: Fields that name a recipient (an institution, then perhaps its address).
RECIPIENT_FIELDS = frozenset({"Afschrift aan"})

#: Standard notes printed in the sidebar; they are neither labels nor values.
SIDEBAR_NOTES = ("Bij beantwoording", "Correspondentie uitsluitend richten aan")

#: Institutions letters are addressed or copied to: their names may wrap over lines.
INSTITUTIONS = (
    "de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "de Voorzitter van de Eerste Kamer der Staten-Generaal",
    "de Tweede Kamer der Staten-Generaal",
    "de Eerste Kamer der Staten-Generaal",
    "de Algemene Rekenkamer",
    "de Raad van State",
    "de Nationale ombudsman",
)

#: A line that ends a sentence (closing quotes or brackets after the stop included).
SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$")
SALUTATIONS = re.compile(r"(?:Geachte|Beste|Zeer geachte)\b[^.]{0,60},?", re.IGNORECASE)
GREETINGS = re.compile(
    r"(?:Hoogachtend|Met vriendelijke groet(?:en)?|Met de meeste hoogachting|Groet(?:en)?),?",
    re.IGNORECASE,
)
#: What a closing sentence says: the Kamer is (or will be) informed.
CLOSING = re.compile(
    r"\b(?:uw Kamer|u)\b.*\b(?:informeren|geïnformeerd|op de hoogte)\b|\bvertrouw\b",
    re.IGNORECASE,
)
#: A signatory's title line: ``DE MINISTER VAN DEFENSIE,``, ``de staatssecretaris van …``.
SIGNATORY_TITLE = re.compile(
    r"(?:DE |de |De )?(?:MINISTER|STAATSSECRETARIS|minister|staatssecretaris|Minister|"
    r"Staatssecretaris|MINISTER-PRESIDENT|Minister-President)\b.{0,90}",
)

_CITY_WORD = r"(?:'s-)?[A-Z][a-zà-ÿ]+(?:-[A-Za-zà-ÿ]+)*"
#: A place name after a postcode: one word, or a particle and a word (Den Haag, Bergen op Zoom).
CITY = (
    rf"(?:(?:Den|De|Het|Ter|Sint|Oud|Nieuw) {_CITY_WORD}"
    rf"|{_CITY_WORD}(?: (?:aan|op|bij) (?:den |de |het )?{_CITY_WORD})?)"
)
POSTCODE_CITY = re.compile(rf"\d{{4}} ?[A-Z]{{2}}\s+{CITY}(?![a-zà-ÿ])")
POSTBUS = re.compile(r"Postbus\s+\d+")
STREET = re.compile(rf"{_CITY_WORD}(?: [a-zà-ÿ]+)?(?: {_CITY_WORD})? \d+(?: ?[a-zA-Z](?![a-z]))?")
WEB = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
PHONE = re.compile(r"(?:T|Tel\.?|F|Fax|M)?\s*\+?[\d() -]{9,}\d")
RETURN_ADDRESS = re.compile(
    rf">?\s*Retouradres\b.*?(?:{POSTCODE_CITY.pattern}|{POSTBUS.pattern}(?=\s*$))"
)
#: Lines of the addressee block, recognised at the start of a line the sidebar may continue.
ADDRESSEE_LINES = (
    re.compile(r"(?:aan )?de Voorzitter van de (?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?"),
    re.compile(r"der Staten-Generaal"),
    re.compile(r"T\.a\.v\. .{3,60}"),
    POSTBUS,
    POSTCODE_CITY,
    STREET,
)
#: A sender (organisation) as letterheads name it.
SENDER = re.compile(
    r"(?:Ministerie (?:van|voor) [A-Z][\w ,-]*?[a-z](?=$|\s{2}|\d)|Ministerie (?:van|voor) .+)"
)
