"""Dutch dates as letters write them: ``18 december 2020``, ``1 oktober``, ``18-12-2020``."""

from __future__ import annotations

import re
from datetime import date

from ontwar.letter.vocabulary import MONTHS

DUTCH_DATE = re.compile(
    rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b|\b(\d{{1,2}})-(\d{{1,2}})-(\d{{4}})\b",
    re.IGNORECASE,
)


def find_date(text: str) -> tuple[str, str] | None:
    """The first valid date in ``text``: ``(iso, as written)``.

    >>> find_date("Den Haag, 18 december 2020")
    ('2020-12-18', '18 december 2020')
    >>> find_date("31 februari 2021") is None
    True
    """
    for match in DUTCH_DATE.finditer(text):
        if match.group(1):
            day, month, year = match.group(1), MONTHS.index(match.group(2).lower()) + 1, match[3]
        else:
            day, month, year = match.group(4), int(match.group(5)), match.group(6)
        try:
            return date(int(year), int(month), int(day)).isoformat(), match.group(0)
        except ValueError:
            continue
    return None
