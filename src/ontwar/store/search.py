"""Search results, the SQL behind them, and snippets cut from the original text.

The index holds a shadow text per document (see :mod:`ontwar.store.normalise`): one stemmed
term per original word, pages one after the other. FTS5 ranks documents with bm25 and marks
the matching terms with its own ``highlight()`` (so phrases, NEAR and NOT are marked exactly
as FTS5 matched them); since term *i* of the shadow is word *i* of the original, the marks
carry over to the original words. The page with the most distinct matches gives the hit its
page number, the section around the first match its heading, and the words around the
matches its snippet.

Snippets mark matches with ``[`` and ``]`` (:data:`MARK_START`, :data:`MARK_END`); literal
brackets in the letter's text are shown as ``(`` and ``)`` inside snippets, so every bracket
in a snippet is a marker. Snippets are plain text: escape them, then turn the markers into
``<mark>`` (as the web does); the letter's own text is stored raw.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from ontwar.store.errors import QuerySyntaxError
from ontwar.store.identifiers import reference_keys
from ontwar.store.normalise import key, word_window, words

MARK_START = "["
MARK_END = "]"
SNIPPET_WORDS = 32
"""Words in a snippet."""
SNIPPET_CONTEXT = 8
"""Words shown before the first match of a snippet."""
WEIGHTS = (3.0, 1.0)
"""bm25 weights of the ``meta`` (subject, sender, reference) and ``body`` columns."""
MAX_LIMIT = 1000
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_HL_START, _HL_END = "\x01", "\x02"
_BROKEN = re.compile(r"-[ \t]*\r?\n[ \t]*(?=[a-zà-ÿ])")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Hit:
    """One matching document: where it matched best, and the words around it.

    ``page`` is the page with the most distinct matches (1 when only the subject, sender or
    reference matched), ``section`` the heading of the section the snippet starts in (None in
    the opening or outside the body), ``score`` FTS5's bm25 (lower is better; 0.0 when the
    query was empty and results are listed by date).
    """

    doc_id: int
    source: str
    subject: str | None
    date: str | None
    sender: str | None
    page: int
    section: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(slots=True)
class SearchResult:
    """``total`` matching documents, this slice of them as ``hits``, and the FTS5 ``query``."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    query: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """Search filters, validated: dates as ISO prefixes, text folded like the index."""

    sender: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    reference: str | None = None
    subject: str | None = None

    @classmethod
    def of(
        cls,
        sender: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        reference: str | None = None,
        subject: str | None = None,
    ) -> Filters:
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if value and not _DATE.fullmatch(value.strip()):
                raise QuerySyntaxError(
                    f"{name} {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
                )
        return cls(
            sender=_blank(sender),
            date_from=_blank(date_from),
            date_to=_blank(date_to),
            reference=_blank(reference),
            subject=_blank(subject),
        )

    def where(self, alias: str = "d") -> tuple[list[str], list[object]]:
        """SQL conditions on the ``documents`` table (aliased ``alias``) and their params."""
        clauses: list[str] = []
        params: list[object] = []
        if self.sender:
            clauses.append(f"{alias}.sender_key LIKE ? ESCAPE '\\'")
            params.append(_like(key(self.sender) or ""))
        if self.subject:
            clauses.append(f"{alias}.subject_key LIKE ? ESCAPE '\\'")
            params.append(_like(key(self.subject) or ""))
        if self.date_from:
            clauses.append(f"{alias}.date >= ?")
            params.append(self.date_from.strip())
        if self.date_to:
            clauses.append(f"{alias}.date <= ?")
            params.append(self.date_to.strip() + "~")  # "2021-03~" sorts after "2021-03-31"
        if self.reference:
            values = reference_keys(self.reference)
            marks_ = ", ".join("?" for _ in values)
            clauses.append(
                f"{alias}.id IN (SELECT doc_id FROM identifiers WHERE value IN ({marks_}))"
            )
            params.extend(values)
        return clauses, params


def _blank(value: str | None) -> str | None:
    return value if value and value.strip() else None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_page(limit: int, offset: int) -> None:
    if not 0 < limit <= MAX_LIMIT:
        raise QuerySyntaxError(f"limit {limit} is out of range; give 1 to {MAX_LIMIT}")
    if offset < 0:
        raise QuerySyntaxError(f"offset {offset} is negative; give 0 or more")


def ranking_sql(
    fts: str | None, filters: Filters, limit: int, offset: int
) -> tuple[str, list[object]]:
    """The SQL that ranks (or, for an empty query, lists) the documents, and its params."""
    clauses, params = filters.where("d")
    columns = "d.id, d.source, d.subject, d.date, d.sender"
    if fts is None:
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            f"SELECT {columns}, 0.0 AS score\nFROM documents AS d\n{where}\n"
            "ORDER BY d.date IS NULL, d.date DESC, d.id DESC\nLIMIT ? OFFSET ?"
        )
        return sql, [*params, limit, offset]
    # Rank ids and scores only; fetch the documents' columns for the page of hits alone (a
    # sorter holding every match's source and subject is several times slower). Filters
    # become one set of ids, built once from the documents' indexes; the "+" keeps SQLite
    # from turning it into one FTS5 lookup per id.
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    within, params = _within(filters)
    matches = (
        f"  SELECT doc_fts.rowid AS id, bm25(doc_fts, {weights}) AS score\n"
        f"  FROM doc_fts\n  WHERE doc_fts MATCH ?{within}\n"
    )
    if total_in_ranking(fts, filters):
        # the filtered matches are scored once and counted on the way (a separate count
        # would build the filters' id set and walk the matches a second time)
        sql = (
            f"WITH m AS MATERIALIZED (\n{matches})\n"
            f"SELECT {columns}, r.score, r.total\nFROM (\n"
            "  SELECT id, score, count(*) OVER () AS total FROM m\n"
            "  ORDER BY score, id LIMIT ? OFFSET ?\n"
            ") AS r JOIN documents AS d ON d.id = r.id\nORDER BY r.score, r.id"
        )
        return sql, [fts, *params, limit, offset]
    sql = (
        f"SELECT {columns}, r.score\nFROM (\n{matches}"
        "  ORDER BY score, id LIMIT ? OFFSET ?\n"
        ") AS r JOIN documents AS d ON d.id = r.id\nORDER BY r.score, r.id"
    )
    return sql, [fts, *params, limit, offset]


def total_in_ranking(fts: str | None, filters: Filters) -> bool:
    """Whether :func:`ranking_sql` gives each row the total as a last column, ``total``:
    for a filtered query (unfiltered, FTS5 counts its matches faster on its own)."""
    return fts is not None and bool(filters.where("documents")[0])


def _within(filters: Filters) -> tuple[str, list[object]]:
    """The filters as ``AND +doc_fts.rowid IN (SELECT id FROM documents WHERE ...)``."""
    clauses, params = filters.where("documents")
    if not clauses:
        return "", []
    where = " AND ".join(clauses)
    return f"\n    AND +doc_fts.rowid IN (SELECT id FROM documents WHERE {where})", params


def count_sql(fts: str | None, filters: Filters) -> tuple[str, list[object]]:
    """The SQL that counts all matching documents."""
    if fts is None:
        clauses, params = filters.where("d")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        return f"SELECT count(*) FROM documents AS d{where}", params
    within, params = _within(filters)
    return f"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?{within}", [fts, *params]


HIGHLIGHT_SQL = (
    "SELECT rowid, highlight(doc_fts, 0, char(1), char(2)), "
    "highlight(doc_fts, 1, char(1), char(2)) FROM doc_fts WHERE doc_fts MATCH ?"
)


# --- from highlighted shadow text to pages and snippets ---------------------------------------


def marks(highlighted: str) -> dict[int, int]:
    """Which terms of a highlighted shadow text FTS5 marked: ``{term index: match number}``.

    Terms are separated by single spaces, so a term's index is the number of spaces before it.

    >>> marks("a \x01b c\x02 d \x01e\x02")
    {1: 0, 2: 0, 4: 1}
    """
    found: dict[int, int] = {}
    region = index = position = 0
    while (start := highlighted.find(_HL_START, position)) >= 0:
        index += highlighted.count(" ", position, start)
        end = highlighted.find(_HL_END, start)
        if end < 0:
            end = len(highlighted)
        last = index + highlighted.count(" ", start, end)
        for term in range(index, last + 1):
            found[term] = region
        region += 1
        index, position = last, end
    return found


def best_page(
    regions: Mapping[int, int], page_words: Sequence[tuple[int, int]]
) -> tuple[int, int, int]:
    """``(number, index of its first term, terms)`` of the page with most distinct matches."""
    best = (page_words[0][0], 0, page_words[0][1]) if page_words else (1, 0, 0)
    best_score = (0, 0)
    start = 0
    for number, count in page_words:
        matched = [region for term, region in regions.items() if start <= term < start + count]
        score = (len(set(matched)), len(matched))
        if score > best_score:
            best, best_score = (number, start, count), score
        start += count
    return best


def snippet(text: str, regions: Mapping[int, int], around: int | None = None) -> tuple[str, int]:
    """The snippet of ``text`` around its best cluster of matches, and its first match offset.

    ``regions`` maps indexes of words of ``text`` (:func:`~ontwar.store.normalise.words`) to
    the match they belong to. Without matches, the snippet starts at the word at character
    ``around`` (or at the start).

    >>> snippet("De strategische partners van [het] land.", {1: 0, 2: 1, 5: 2})
    ('De [strategische partners] van (het) [land].', 3)
    """
    positions = sorted(regions)
    if positions:
        best_i, best_n = 0, -1
        for i, first in enumerate(positions):
            limit = first + SNIPPET_WORDS - SNIPPET_CONTEXT
            window = {regions[p] for p in positions[i:] if p < limit}
            if len(window) > best_n:
                best_i, best_n = i, len(window)
        first = positions[best_i]
        start = max(0, first - SNIPPET_CONTEXT)
        spans = word_window(text, start, SNIPPET_WORDS + 1)
    else:
        spans = words(text)
        offset = around or 0
        first = start = next((i for i, span in enumerate(spans) if span[1] > offset), 0)
    if not spans:
        return "", 0
    first = min(first, len(spans) - 1)
    start = min(start, first)
    end = min(len(spans), start + SNIPPET_WORDS)
    pieces: list[str] = []
    cursor = _widen_left(text, spans[start][0])
    i = start
    while i < end:
        if i not in regions:
            i += 1
            continue
        j = i
        while j + 1 < end and j + 1 in regions:  # adjacent matches share one mark
            j += 1
        pieces.append(_plain(text[cursor : spans[i][0]]))
        pieces.append(MARK_START + _plain(text[spans[i][0] : spans[j][1]]) + MARK_END)
        cursor = spans[j][1]
        i = j + 1
    pieces.append(_plain(text[cursor : _widen_right(text, spans[end - 1][1])]))
    body = _SPACE.sub(" ", "".join(pieces)).strip()
    if start > 0:
        body = "… " + body
    if end < len(spans):
        body += " …"
    return body, spans[first][0]


def _widen_left(text: str, at: int) -> int:
    """Back to the start of the whitespace-separated chunk (keeps an opening bracket)."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def _widen_right(text: str, at: int) -> int:
    """On to the end of the whitespace-separated chunk (keeps closing punctuation)."""
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _plain(text: str) -> str:
    """Text for a snippet: line-end hyphens rejoined, brackets kept apart from the markers."""
    text = _BROKEN.sub("", text)
    return text.replace(MARK_START, "(").replace(MARK_END, ")")


def section_at(
    sections: Sequence[tuple[str | None, int, int]], page: int, offset: int
) -> str | None:
    """The heading of the last section starting at or before ``(page, offset)``.

    ``sections`` holds ``(heading, page, offset)`` of each section's start, in order.
    """
    heading = None
    for name, start_page, start_offset in sections:
        if (start_page, start_offset) <= (page, offset):
            heading = name
        else:
            break
    return heading
