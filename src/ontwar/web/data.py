"""One data function per page: the HTML page renders it, its JSON twin under ``/api`` returns it.

Each function takes an open :class:`~ontwar.store.Store` and already-validated parameters and
returns plain JSON-ready data; store errors (``LetterNotFound``, ``PageNotFound``,
``QuerySyntaxError``) pass through for the app to turn into 404 and 400. Nothing here knows
about HTTP except the ``next`` links: query strings relative to the route, valid for both twins.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from ontwar.web.chart import build_charts

#: Page sizes and bounds (a deep offset costs the database as much as reading every row before).
SEARCH_LIMIT, SEARCH_MAX = 20, 100
DOCUMENTS_LIMIT, DOCUMENTS_MAX = 50, 500
FACTS_LIMIT, FACTS_MAX = 1000, 5000
OFFSET_MAX = 10_000
#: Longest search query accepted, in characters.
QUERY_MAX = 500
#: Most measures one facts page compares.
MEASURES_MAX = 6
#: Most recent letters whose measures the facts page offers to compare (a scan of all facts
#: would grow with the corpus; these are read by primary key, a few milliseconds).
MEASURE_LETTERS = 100


def stats_data(store: Any) -> dict[str, Any]:
    """Corpus counts for the home page."""
    return dict(store.stats())


def documents_data(
    store: Any,
    *,
    limit: int = DOCUMENTS_LIMIT,
    offset: int = 0,
    sender: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """A page of documents, newest first as the store orders them, with the link to the next."""
    filters = {"sender": sender, "date_from": date_from, "date_to": date_to}
    rows = store.documents(limit=limit, offset=offset, **filters)
    return {
        "documents": [dict(row) for row in rows],
        "limit": limit,
        "offset": offset,
        "filters": filters,
        "next": _next(filters, limit, offset) if len(rows) == limit else None,
    }


def document_data(store: Any, doc_id: int) -> dict[str, Any]:
    """Everything the document page shows: the record, resolved references and its pages."""
    document = dict(store.document(doc_id))
    document.setdefault("hidden", None)
    stored = store.page_summaries(doc_id)
    summaries = []
    for number in range(1, int(document.get("pages") or 0) + 1):
        if number not in stored:
            store.page(doc_id, number)  # raises PageNotFound, naming the pages there are
        url = f"/documents/{doc_id}/pages/{number}"
        summaries.append({"number": number, **stored[number], "url": url})
    document["page_summaries"] = summaries
    return document


def page_data(store: Any, doc_id: int, number: int) -> dict[str, Any]:
    """One page, raw beside recovered, with the document's subject and page count."""
    page = dict(store.page(doc_id, number))
    document = store.record(doc_id)
    metadata = document.get("metadata") or {}
    return {
        "doc_id": doc_id,
        "pages": document.get("pages"),
        "subject": metadata.get("subject"),
        "source": document.get("source"),
        **page,
        "number": number,
    }


def references_data(store: Any, doc_id: int) -> dict[str, Any]:
    """The documents a letter cites, with ``target_id`` for those in the corpus."""
    return {"doc_id": doc_id, "references": [dict(ref) for ref in store.references(doc_id)]}


def search_data(
    store: Any,
    q: str,
    *,
    limit: int = SEARCH_LIMIT,
    offset: int = 0,
    sender: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    reference: str | None = None,
    subject: str | None = None,
) -> dict[str, Any]:
    """Search hits with snippets (highlight markers as the store writes them) and page numbers."""
    filters = {
        "sender": sender,
        "date_from": date_from,
        "date_to": date_to,
        "reference": reference,
        "subject": subject,
    }
    result = store.search(q, limit=limit, offset=offset, **filters).to_dict()
    result["q"] = q
    more = offset + len(result.get("hits") or []) < int(result.get("total") or 0)
    result.update(
        limit=limit,
        offset=offset,
        filters=filters,
        next=_next({"q": q, **filters}, limit, offset) if more else None,
    )
    return result


def facts_data(
    store: Any,
    *,
    measures: list[str] | None = None,
    subject: str | None = None,
    unit: str | None = None,
    doc_id: int | None = None,
    limit: int = FACTS_LIMIT,
) -> dict[str, Any]:
    """Facts of one or more measures, and the charts comparing them across subjects and years.

    ``measures`` lists what the most recent letters measure, most stated first, to pick from.
    Without a measure the facts are those matching the other filters (none without filters).
    """
    facts: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    truncated = False
    for measure in measures or [None]:
        if measure is None and not (subject or unit or doc_id is not None):
            break
        chosen = {"measure": measure, "subject": subject, "unit": unit, "doc_id": doc_id}
        rows = store.facts(**chosen, limit=limit)
        truncated = truncated or len(rows) >= limit
        facts.extend(dict(row) for row in rows)
        points.extend(store.fact_points(**chosen))
    recent = [letter["id"] for letter in store.documents(limit=MEASURE_LETTERS)]
    counts = Counter(store.measures(recent))
    return {
        "facts": facts,
        "charts": build_charts(points),
        "filters": {"measure": measures or [], "subject": subject, "unit": unit, "doc_id": doc_id},
        "measures": [
            {"measure": measure, "unit": unit, "count": count}
            for (measure, unit), count in counts.most_common(40)
        ],
        "limit": limit,
        "truncated": truncated,
    }


def _next(params: dict[str, Any], limit: int, offset: int) -> str:
    """The query string of the next page, relative to the route (so both twins can follow it)."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    query.update(limit=limit, offset=offset + limit)
    return f"?{urlencode(query)}"
