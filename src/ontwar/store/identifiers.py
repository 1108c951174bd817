"""Numbers letters cite each other by, normalised so a citation finds the letter it names.

A letter is known by its own reference (``Onze referentie``), zaak and document numbers
(``2020Z22028``) in its own reference fields or file name, and a Kamerstuk number when its
file has an official name (``kst-21501-28-250.pdf``). Values are :func:`compact` (letters and
digits, upper case); Kamerstukken are :func:`kst_key` (``KST21501-28N250``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ontwar.letter.model import LetterRecord, Reference
from ontwar.store.normalise import compact

OWN_REFERENCE_LABELS = ("onze referentie", "ons kenmerk", "kenmerk", "referentie", "documentnummer")
"""Sidebar labels that name the letter's *own* number (not ``Uw referentie``)."""
_CASE_NUMBER = re.compile(r"\b(\d{4}[ZD]\d{5})\b", re.IGNORECASE)
_KST_FILE = re.compile(r"\bkst-(\d+)(?:-([0-9A-Za-z]+))?-(\d+)\b", re.IGNORECASE)
_KST_TEXT = re.compile(
    r"\b(?:kamerstuk(?:ken)?\s*)?(\d{2}\s?\d{3})(?:[-\s]([0-9A-Za-z]{1,4}))?,?\s*nr\.?\s*(\d+)",
    re.IGNORECASE,
)


def identifiers(record: LetterRecord) -> list[tuple[str, str]]:
    """Numbers other letters may cite this one by: its own reference, zaak and document
    numbers in it or in its file name, and a Kamerstuk number in an official file name
    (``kst-21501-28-250.pdf``). Values are :func:`compact`; Kamerstukken as :func:`kst_key`."""
    found: list[tuple[str, str]] = []
    own = [record.reference] if record.reference else []
    own += [f.value for f in record.sidebar if f.label.casefold() in OWN_REFERENCE_LABELS]
    for value in own:
        found.append(("reference", compact(value)))
        found.extend(("case", compact(number)) for number in _CASE_NUMBER.findall(value))
    name = Path(record.source).name
    found.extend(("case", compact(number)) for number in _CASE_NUMBER.findall(name))
    for dossier, suffix, number in _KST_FILE.findall(name):
        found.append(("kamerstuk", kst_key(dossier, suffix or None, number)))
    return [(kind, value) for kind, value in dict.fromkeys(found) if value]


def kst_key(dossier: str | None, suffix: str | None, number: str | None) -> str:
    """``KST21501-28N250`` for Kamerstuk 21 501-28, nr. 250 (``KST36120N14`` without suffix)."""
    dossier_part = compact(dossier or "")
    suffix_part = f"-{compact(suffix)}" if suffix else ""
    return f"KST{dossier_part}{suffix_part}N{compact(number or '')}"


def citation_keys(reference: dict[str, Any] | Reference) -> list[str]:
    """The identifier values a reference can resolve to (see :func:`identifiers`)."""
    data = reference.to_dict() if isinstance(reference, Reference) else reference
    kind, number = data.get("kind"), data.get("number")
    keys: list[str] = []
    if kind == "kamerstuk" and data.get("dossier") and number:
        keys.append(kst_key(data["dossier"], data.get("suffix"), number))
    elif number and kind not in ("handelingen", "motie"):
        keys.append(compact(str(number)))  # zaak and document numbers, and the like
    return keys


def reference_keys(text: str) -> list[str]:
    """The identifier values a reference typed by a user can mean (the ``reference`` filter):
    its :func:`compact` form, and a Kamerstuk key for ``kst-21501-28-250`` or
    ``Kamerstuk 21 501-28, nr. 250``."""
    keys = [compact(text)]
    for dossier, suffix, number in _KST_FILE.findall(text):
        keys.append(kst_key(dossier, suffix or None, number))
    for dossier, suffix, number in _KST_TEXT.findall(text):
        keys.append(kst_key(dossier, suffix or None, number))
    return [key for key in dict.fromkeys(keys) if key]
