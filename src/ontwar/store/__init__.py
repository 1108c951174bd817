"""The corpus: letter records in one SQLite file, with Dutch-aware full-text search.

``Store`` is the way in for the CLI (``ontwar ingest``, ``search``, ``show``) and the web;
``ingest_paths`` parses files in worker processes and writes them from one.
"""

from ontwar.store.db import IngestResult, Store
from ontwar.store.errors import (
    DatabaseMissing,
    LetterNotFound,
    NotFound,
    PageNotFound,
    QuerySyntaxError,
    SchemaError,
    StoreError,
)
from ontwar.store.search import MARK_END, MARK_START, Hit, SearchResult

__all__ = [
    "MARK_END",
    "MARK_START",
    "DatabaseMissing",
    "Hit",
    "IngestResult",
    "LetterNotFound",
    "NotFound",
    "PageNotFound",
    "QuerySyntaxError",
    "SchemaError",
    "SearchResult",
    "Store",
    "StoreError",
]
