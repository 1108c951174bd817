"""Response models of the JSON API: what ``/openapi.json`` promises each route returns.

The store's dictionaries are the data; these models describe them for clients and let
schemathesis check every response against the schema. Models allow extra keys, so a field the
store adds later reaches clients before it is described here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A model that keeps keys it does not describe."""

    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error, datasette style: ``{"ok": false, "errors": [...], "status": 404}``."""

    ok: bool = False
    errors: list[str]
    status: int


class SpanModel(Open):
    page: int
    start: int
    end: int


class FactModel(Open):
    kind: str
    text: str
    value: float
    unit: str
    qualifier: str | None = None
    measure: str | None = None
    subject: str | None = None
    year: int | None = None
    year_end: int | None = None
    sentence: str | None = None
    section: str | None = None
    span: SpanModel | None = None
    doc_id: int | None = None
    doc_date: str | None = None
    doc_subject: str | None = None


class ReferenceModel(Open):
    kind: str
    text: str
    url: str | None = None
    target_id: int | None = Field(
        default=None, description="Id of the cited document when it is in the corpus."
    )


class ParagraphModel(Open):
    text: str
    span: SpanModel | None = None


class SectionModel(Open):
    heading: str | None = None
    pages: list[int] = []
    paragraphs: list[ParagraphModel] = []


class PageSummary(BaseModel):
    """One page of a document as the document page lists it."""

    number: int
    diagnosis: str | None = None
    layers: int | None = None
    confidence: float | None = None
    removed_chars: int = 0
    url: str


class DocumentModel(Open):
    """A letter record (``LetterRecord.to_dict()``) plus its id, hash and ingest time."""

    id: int
    source: str
    kind: str
    pages: int
    content_hash: str | None = None
    ingested_at: str | None = None
    metadata: dict[str, Any] = {}
    sections: list[SectionModel] = []
    references: list[ReferenceModel] = []
    facts: list[FactModel] = []
    warnings: list[str] = []
    page_texts: list[str] = []
    hidden: list[dict[str, Any]] | None = Field(
        default=None, description="The hidden-text audit (PDF input); null when none recorded."
    )
    page_summaries: list[PageSummary] = []


class DocumentSummaryModel(Open):
    id: int
    source: str | None = None
    sender: str | None = None
    date: str | None = None
    subject: str | None = None
    reference: str | None = None
    pages: int | None = None


class DocumentList(BaseModel):
    documents: list[DocumentSummaryModel]
    limit: int
    offset: int
    filters: dict[str, str | None]
    next: str | None = Field(description="URL of the next page of results, if there may be one.")


class RemovalModel(Open):
    reason: str
    chars: int | None = None
    text: str | None = None
    layer: int | None = None
    at: list[list[int]] | None = Field(
        None, description="Where the removed characters are in the raw text: [start, end) spans."
    )


class PageModel(Open):
    """One page: the raw input beside the recovered text, and what was removed and why."""

    doc_id: int
    number: int
    pages: int
    subject: str | None = None
    raw: str | None = None
    text: str
    removed: list[RemovalModel] = []
    diagnosis: str | None = None
    layers: int | None = None
    confidence: float | None = None


class HitModel(Open):
    doc_id: int
    source: str | None = None
    subject: str | None = None
    date: str | None = None
    sender: str | None = None
    page: int | None = None
    section: str | None = None
    snippet: str
    score: float | None = None


class SearchModel(Open):
    q: str = Field(description="The query as given.")
    query: str = Field(description="The FTS5 query it became (stems, folded); empty: none.")
    total: int
    hits: list[HitModel]
    limit: int
    offset: int
    filters: dict[str, str | None]
    next: str | None = None


class ReferenceList(BaseModel):
    doc_id: int
    references: list[ReferenceModel]


class PointModel(BaseModel):
    subject: str
    year: int
    value: float
    label: str
    doc_id: int | None = None
    date: str | None = None
    stated: int


class ChartModel(BaseModel):
    measure: str
    unit: str
    years: list[int]
    subjects: list[str]
    left_out: list[str]
    points: list[PointModel]


class FactList(BaseModel):
    facts: list[FactModel]
    charts: list[ChartModel]
    filters: dict[str, Any]
    measures: list[dict[str, Any]] = Field(
        description="Measures in the 100 most recent letters, most stated first (to pick one)."
    )
    limit: int
    truncated: bool


class StatsModel(Open):
    """Corpus counts, as the store reports them."""
