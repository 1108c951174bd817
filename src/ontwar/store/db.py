"""The embedded store: one SQLite file (WAL) holding letter records and their search index.

:class:`Store` is the one way in, for the CLI and the web alike. Writes happen one document
per transaction (a crash mid-document leaves no trace of it); readers in other connections
keep reading the last committed state meanwhile (WAL). The record's own text is stored as it
is: escaping for HTML is the web's job.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ontwar.letter.model import LetterRecord
from ontwar.store import schema
from ontwar.store.errors import (
    DatabaseMissing,
    LetterNotFound,
    PageNotFound,
    QuerySyntaxError,
    SchemaError,
    StoreError,
)
from ontwar.store.identifiers import citation_keys
from ontwar.store.normalise import NORMALISER, key, shadow
from ontwar.store.query import parse
from ontwar.store.rows import DOCUMENT_COLUMNS, FACT_COLUMNS, DocumentRows, fact_dict, meta_text
from ontwar.store.search import (
    HIGHLIGHT_SQL,
    Filters,
    Hit,
    SearchResult,
    best_page,
    check_page,
    count_sql,
    marks,
    ranking_sql,
    section_at,
    snippet,
    total_in_ranking,
)

BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another writer's transaction before giving up."""
MMAP_BYTES = 1 << 31
"""Read the file through a memory map up to this size (SQLite caps it at its build's
maximum): ranking a broad query reads megabytes of index, a system call per page without."""
HIT_TABLE = "hit_fts"
"""The temporary FTS5 table a prefix query's hits are highlighted in."""
CACHE_KIB = 65_536
"""Page cache per connection (SQLite's default is 2 MiB, less than one broad query reads)."""


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What :meth:`Store.ingest` did: ``status`` is ``ingested``, ``replaced`` or ``unchanged``.

    ``doc_id`` is the stored document's id (for ``unchanged``: the document that already holds
    this content, which may have been ingested from another path, ``source``).
    """

    doc_id: int
    status: str
    source: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class Store:
    """A corpus of letter records in one SQLite file.

    ``Store(path)`` creates the file if needed and brings its schema up to date;
    ``Store(path, readonly=True)`` needs an existing, up-to-date store and never writes.
    One store may be shared by threads (calls are serialised); other processes can read or
    write the same file at the same time.
    """

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._hit_table = False
        self._grouped = False
        if readonly:
            if not self.path.is_file():
                raise DatabaseMissing(
                    f"{self.path}: no such database; create it with `ontwar ingest PATH "
                    f"--db {self.path}`"
                )
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._db = self._connect(uri, uri=True)
            try:
                self._check_readonly()
            except BaseException:
                self._db.close()
                raise
        else:
            if not self.path.parent.is_dir():
                raise DatabaseMissing(
                    f"{self.path}: folder {self.path.parent} does not exist; create it first"
                )
            self._db = self._connect(str(self.path))
            try:
                self._open_for_writing()
            except BaseException:
                self._db.close()
                raise

    # -- opening and closing ---------------------------------------------------------------

    def _connect(self, target: str, uri: bool = False) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(
                target, uri=uri, isolation_level=None, check_same_thread=False, timeout=10
            )
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db.execute("PRAGMA temp_store = MEMORY")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise DatabaseMissing(f"{self.path}: not an ontwar store ({error})") from error
        return db

    def _open_for_writing(self) -> None:
        db = self._db
        try:
            current = schema.version(db)
            if current > schema.SCHEMA_VERSION:
                raise SchemaError(
                    f"{self.path} has schema version {current}, newer than this ontwar "
                    f"({schema.SCHEMA_VERSION}); upgrade ontwar"
                )
            if current == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise DatabaseMissing(
                    f"{self.path} is an SQLite database but not an ontwar store; give another --db"
                )
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(db)
        except sqlite3.DatabaseError as error:
            raise DatabaseMissing(f"{self.path}: not an ontwar store ({error})") from error
        built = self._meta("normaliser")
        if built is None:
            self._set_meta("normaliser", NORMALISER)
        elif built != NORMALISER:
            self.reindex()

    def _check_readonly(self) -> None:
        try:
            current = schema.version(self._db)
        except sqlite3.DatabaseError as error:
            raise DatabaseMissing(f"{self.path}: not an ontwar store ({error})") from error
        if current == 0:
            raise DatabaseMissing(
                f"{self.path} is not an ontwar store; create one with `ontwar ingest PATH "
                f"--db {self.path}`"
            )
        if current != schema.SCHEMA_VERSION:
            newer = current > schema.SCHEMA_VERSION
            raise SchemaError(
                f"{self.path} has schema version {current}, this ontwar reads "
                f"{schema.SCHEMA_VERSION}; "
                + ("upgrade ontwar" if newer else "open it once for writing (`ontwar ingest`)")
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One document's writes: all of them or none (inside :meth:`grouped`, the group's)."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; open it without readonly to write")
        with self._lock:
            if self._grouped:
                yield self._db
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def grouped(self) -> Iterator[None]:
        """Write the documents stored inside as one transaction: all of them or none.

        One commit, and one flush of the search index's pending terms into a segment, for the
        whole group instead of one per letter: a batch ingest writes the letters its workers
        parsed together as one group, about a third faster. Keep groups short (no waiting
        inside): other writers wait for the commit. An error inside rolls the group back (no
        letter of it is stored; the next ingest of the same files adds them).
        """
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; open it without readonly to write")
        with self._lock:
            if self._grouped:
                yield
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._grouped = True
            try:
                yield
            except BaseException:
                if self._db.in_transaction:  # not when SQLite rolled back itself
                    self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")
            finally:
                self._grouped = False

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (name, value))

    # -- writing -----------------------------------------------------------------------------

    def check(self, source: str, content_hash: str) -> IngestResult | None:
        """``unchanged`` if this content is stored already (no need to parse it), else None.

        When ``source`` held other content before, its stale record is removed: the file now
        holds content the store has under another path.
        """
        with self._lock:
            row = self._db.execute(
                "SELECT id, source FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is None:
                return None
            stale = self._db.execute(
                "SELECT id FROM documents WHERE source = ? AND content_hash != ?",
                (source, content_hash),
            ).fetchone()
        if stale is not None:
            with self._transaction() as db:
                self._delete(db, stale[0])
        return IngestResult(row[0], "unchanged", row[1])

    def ingest(
        self, record: LetterRecord, *, content_hash: str, raw_pages: Sequence[str]
    ) -> IngestResult:
        """Store ``record`` (one transaction): idempotent by ``content_hash``.

        The same content again changes nothing (``unchanged``); new content for a source
        already stored replaces its record under the same id (``replaced``).
        ``raw_pages`` is the input text split into pages (for PDFs: the visible text).
        """
        return self.ingest_rows(DocumentRows.of(record, raw_pages), content_hash=content_hash)

    def ingest_rows(self, rows: DocumentRows, *, content_hash: str) -> IngestResult:
        """:meth:`ingest` of a record already turned into rows (by a batch ingest's worker)."""
        with self._transaction() as db:
            same = db.execute(
                "SELECT id, source FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if same is not None:
                stale = db.execute(
                    "SELECT id FROM documents WHERE source = ? AND id != ?",
                    (rows.source, same[0]),
                ).fetchone()
                if stale is not None:
                    self._delete(db, stale[0])
                return IngestResult(same[0], "unchanged", same[1])
            old = db.execute("SELECT id FROM documents WHERE source = ?", (rows.source,)).fetchone()
            if old is not None:
                self._delete(db, old[0])
            doc_id = self._insert(db, rows, content_hash, old[0] if old else None)
        return IngestResult(doc_id, "replaced" if old else "ingested", rows.source)

    def _delete(self, db: sqlite3.Connection, doc_id: int) -> None:
        db.execute("DELETE FROM doc_fts WHERE rowid = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def _insert(
        self, db: sqlite3.Connection, rows: DocumentRows, content_hash: str, doc_id: int | None
    ) -> int:
        columns = ("id", "source", "content_hash", *DOCUMENT_COLUMNS, "ingested_at")
        cursor = db.execute(
            f"INSERT INTO documents ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            (
                doc_id,
                rows.source,
                content_hash,
                *rows.document,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        new_id = int(cursor.lastrowid or doc_id or 0)
        db.execute("INSERT INTO records (doc_id, record) VALUES (?, ?)", (new_id, rows.blob))
        db.executemany(
            "INSERT INTO pages (doc_id, number, text, raw, diagnosis, layers, confidence, "
            "removed, warnings, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(new_id, *page) for page in rows.pages],
        )
        db.executemany(
            "INSERT INTO sections (doc_id, idx, heading, first_page, last_page, heading_page, "
            "heading_start) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(new_id, *section) for section in rows.sections],
        )
        db.executemany(
            "INSERT INTO refs (doc_id, idx, kind, text, data) VALUES (?, ?, ?, ?, ?)",
            [(new_id, *ref) for ref in rows.refs],
        )
        columns = ", ".join(f'"{name}"' for name in FACT_COLUMNS)
        db.executemany(
            f"INSERT INTO facts (doc_id, idx, {columns}) "
            f"VALUES (?, ?, {', '.join('?' for _ in FACT_COLUMNS)})",
            [(new_id, *fact) for fact in rows.facts],
        )
        db.executemany(
            "INSERT INTO warnings (doc_id, page, message) VALUES (?, ?, ?)",
            [(new_id, *warning) for warning in rows.warnings],
        )
        db.executemany(
            "INSERT INTO hidden (doc_id, page, reason, data) VALUES (?, ?, ?, ?)",
            [(new_id, *run) for run in rows.hidden],
        )
        db.executemany(
            "INSERT OR IGNORE INTO identifiers (doc_id, kind, value) VALUES (?, ?, ?)",
            [(new_id, kind, value) for kind, value in rows.identifiers],
        )
        db.execute(
            "INSERT INTO doc_fts (rowid, meta, body) VALUES (?, ?, ?)",
            (new_id, rows.meta_shadow, rows.body_shadow),
        )
        return new_id

    def reindex(self) -> int:
        """Rebuild the search index with this ontwar's normalisation; return documents done."""
        with self._transaction() as db:
            db.execute("DELETE FROM doc_fts")
            done = 0
            for doc_id, subject, sender, reference in db.execute(
                "SELECT id, subject, sender, reference FROM documents"
            ).fetchall():
                texts = [
                    row[0]
                    for row in db.execute(
                        "SELECT text FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,)
                    )
                ]
                bodies = [shadow(text) for text in texts]
                db.executemany(
                    "UPDATE pages SET words = ? WHERE doc_id = ? AND number = ?",
                    [(count, doc_id, n) for n, (_, count) in enumerate(bodies, 1)],
                )
                db.execute(
                    "INSERT INTO doc_fts (rowid, meta, body) VALUES (?, ?, ?)",
                    (
                        doc_id,
                        shadow(meta_text(subject, sender, reference))[0],
                        " ".join(text for text, _ in bodies),
                    ),
                )
                done += 1
            self._set_meta("normaliser", NORMALISER)
        return done

    # -- reading -----------------------------------------------------------------------------

    def _row(self, sql: str, params: Sequence[object]) -> tuple[Any, ...] | None:
        with self._lock:
            return self._db.execute(sql, params).fetchone()

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _require(self, doc_id: int) -> tuple[Any, ...]:
        row = self._row(
            "SELECT d.id, d.source, d.content_hash, d.kind, r.record, d.ingested_at, d.pages "
            "FROM documents AS d JOIN records AS r ON r.doc_id = d.id WHERE d.id = ?",
            (doc_id,),
        )
        if row is None:
            raise LetterNotFound(f"no letter with id {doc_id} in {self.path}")
        return row

    def record(self, doc_id: int) -> dict[str, Any]:
        """The record as stored (:meth:`LetterRecord.to_dict`) without the facts, references
        and page texts :meth:`document` adds back: its metadata, sections and page count."""
        return json.loads(zlib.decompress(self._require(doc_id)[4]))

    def page_summaries(self, doc_id: int) -> dict[int, dict[str, Any]]:
        """Each stored page's ``diagnosis``, ``layers``, ``confidence`` and ``removed_chars``
        (the characters recovery removed), by page number, in one query."""
        summaries = {}
        for number, diagnosis, layers, confidence, removed in self._rows(
            "SELECT number, diagnosis, layers, confidence, removed FROM pages WHERE doc_id = ?",
            (doc_id,),
        ):
            runs = json.loads(zlib.decompress(removed)) if removed else []
            summaries[number] = {
                "diagnosis": diagnosis,
                "layers": layers,
                "confidence": confidence,
                "removed_chars": sum(int(run.get("chars") or 0) for run in runs),
            }
        return summaries

    def document(self, doc_id: int) -> dict[str, Any]:
        """The record as :meth:`LetterRecord.to_dict` gives it, plus ``id``, ``content_hash``,
        ``ingested_at`` and ``hidden`` (the PDF's hidden-text audit; None for text input);
        each reference also has ``target_id`` (see :meth:`references`)."""
        row = self._require(doc_id)
        data: dict[str, Any] = json.loads(zlib.decompress(row[4]))
        columns = ", ".join(f'"{name}"' for name in FACT_COLUMNS)
        data["references"] = self._references(doc_id)
        data["facts"] = [
            fact_dict(fact)
            for fact in self._rows(
                f"SELECT {columns} FROM facts WHERE doc_id = ? ORDER BY idx", (doc_id,)
            )
        ]
        data["page_texts"] = [
            text
            for (text,) in self._rows(
                "SELECT text FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,)
            )
        ]
        hidden = [
            json.loads(item)
            for (item,) in self._rows(
                "SELECT data FROM hidden WHERE doc_id = ? ORDER BY rowid", (doc_id,)
            )
        ]
        data["hidden"] = hidden if row[3] == "pdf" or hidden else None
        data.update(id=row[0], content_hash=row[2], ingested_at=row[5])
        return data

    def documents(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        sender: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[dict[str, Any]]:
        """Summaries (id, source, sender, date, subject, reference, pages), newest first."""
        check_page(limit, offset)
        clauses, params = Filters.of(sender=sender, date_from=date_from, date_to=date_to).where()
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(
            "SELECT d.id, d.source, d.sender, d.date, d.subject, d.reference, d.pages "
            f"FROM documents AS d {where} "
            "ORDER BY d.date IS NULL, d.date DESC, d.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        names = ("id", "source", "sender", "date", "subject", "reference", "pages")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def page(self, doc_id: int, number: int) -> dict[str, Any]:
        """One page: ``number``, ``raw`` (input text), ``text`` (recovered), ``removed``,
        ``diagnosis``, ``layers``, ``confidence``, plus ``doc_id``, ``warnings`` and
        ``hidden`` (runs the PDF hid on this page)."""
        last = self._require(doc_id)[6]
        row = self._row(
            "SELECT number, raw, text, removed, diagnosis, layers, confidence, warnings "
            "FROM pages WHERE doc_id = ? AND number = ?",
            (doc_id, number),
        )
        if row is None:
            raise PageNotFound(f"letter {doc_id} has no page {number}; it has pages 1 to {last}")
        hidden = [
            json.loads(item)
            for (item,) in self._rows(
                "SELECT data FROM hidden WHERE doc_id = ? AND page = ? ORDER BY rowid",
                (doc_id, number),
            )
        ]
        return {
            "doc_id": doc_id,
            "number": row[0],
            "raw": row[1] if row[1] is not None else row[2],
            "text": row[2],
            "removed": json.loads(zlib.decompress(row[3])) if row[3] else [],
            "diagnosis": row[4],
            "layers": row[5],
            "confidence": row[6],
            "warnings": json.loads(row[7]) if row[7] else [],
            "hidden": hidden,
        }

    def facts(
        self,
        *,
        measure: str | None = None,
        subject: str | None = None,
        unit: str | None = None,
        doc_id: int | None = None,
        limit: int = 1000,
    ) -> list[dict[str, Any]]:
        """Facts (``Fact.to_dict()``) with ``index`` (in its record), ``doc_id``, ``doc_date``,
        ``doc_subject``; ``measure`` and ``subject`` match folded (``Belgie`` = ``België``)."""
        if not 0 < limit <= 100_000:
            raise StoreError(f"limit {limit} is out of range; give 1 to 100000")
        clauses, params = _fact_filters(measure, subject, unit, doc_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        columns = ", ".join(f'f."{name}"' for name in FACT_COLUMNS)
        rows = self._rows(
            f"SELECT {columns}, f.idx, f.doc_id, d.date, d.subject FROM facts AS f "
            f"JOIN documents AS d ON d.id = f.doc_id {where} "
            "ORDER BY d.date IS NULL, d.date, f.doc_id, f.idx LIMIT ?",
            [*params, limit],
        )
        found = []
        for row in rows:
            fact = fact_dict(row[: len(FACT_COLUMNS)])
            idx, fact_doc, date, doc_subject = row[len(FACT_COLUMNS) :]
            fact.update(index=idx, doc_id=fact_doc, doc_date=date, doc_subject=doc_subject)
            found.append(fact)
        return found

    def fact_points(
        self,
        *,
        measure: str | None = None,
        subject: str | None = None,
        unit: str | None = None,
        doc_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """What a chart draws of the facts :meth:`facts` would list, over all of them: per
        measure, unit, subject and year, the value of the most recent letter (latest date, then
        highest id, then its first such fact) with that letter's ``doc_id`` and ``doc_date``,
        and ``stated``: how many facts gave a value. Facts without year or subject have none.

        Aggregated in SQL, so a measure stated in thousands of letters is charted whole, not
        cut at the facts table's limit.
        """
        clauses, params = _fact_filters(measure, subject, unit, doc_id)
        clauses += ["f.year IS NOT NULL", "f.subject IS NOT NULL", "f.subject != ''"]
        clauses.append("f.value IS NOT NULL AND abs(f.value) <= 1.7976931348623157e308")
        rows = self._rows(
            # SQLite takes the bare columns of a max() aggregate from the row with the maximum
            "SELECT coalesce(f.measure, ''), coalesce(f.unit, ''), f.subject, f.year, "
            "f.value, f.doc_id, d.date, count(*), "
            "max(printf('%s|%012d|%012d', coalesce(d.date, ''), f.doc_id, 999999999 - f.idx)) "
            "FROM facts AS f JOIN documents AS d ON d.id = f.doc_id "
            f"WHERE {' AND '.join(clauses)} "
            "GROUP BY coalesce(f.measure, ''), coalesce(f.unit, ''), f.subject, f.year",
            params,
        )
        names = ("measure", "unit", "subject", "year", "value", "doc_id", "doc_date", "stated")
        return [dict(zip(names, row[:-1], strict=True)) for row in rows]

    def measures(self, doc_ids: Sequence[int], per_document: int = 1000) -> list[tuple[str, Any]]:
        """``(measure, unit)`` of each fact with a measure among the first ``per_document``
        facts of each document (as :meth:`facts` gives them), in ``doc_ids`` order, in one
        query."""
        if not doc_ids:
            return []
        listed = ", ".join("?" for _ in doc_ids)
        found: dict[int, list[tuple[str, Any]]] = {doc_id: [] for doc_id in doc_ids}
        for doc_id, measure, unit in self._rows(
            f"SELECT doc_id, measure, unit FROM facts WHERE doc_id IN ({listed}) AND idx < ? "
            "ORDER BY doc_id, idx",
            [*doc_ids, per_document],
        ):
            if measure:
                found[doc_id].append((measure, unit))
        return [pair for doc_id in doc_ids for pair in found[doc_id]]

    def references(self, doc_id: int) -> list[dict[str, Any]]:
        """The letter's references (``Reference.to_dict()``), each with ``target_id``: the id of
        the cited document when the corpus holds it (matched on its reference, zaak or document
        number, or Kamerstuk dossier and number), else None."""
        self._require(doc_id)
        return self._references(doc_id)

    def _references(self, doc_id: int) -> list[dict[str, Any]]:
        """:meth:`references` of a document known to exist, its targets found in one query."""
        found = [
            json.loads(data)
            for (data,) in self._rows(
                "SELECT data FROM refs WHERE doc_id = ? ORDER BY idx", (doc_id,)
            )
        ]
        keys = [citation_keys(reference) for reference in found]
        wanted = sorted({value for values in keys for value in values})
        first: dict[str, int] = {}
        if wanted:
            listed = ", ".join("?" for _ in wanted)
            first = dict(
                self._rows(
                    f"SELECT value, min(doc_id) FROM identifiers WHERE value IN ({listed}) "
                    "AND doc_id != ? GROUP BY value",
                    [*wanted, doc_id],
                )
            )
        for reference, values in zip(found, keys, strict=True):
            targets = [first[value] for value in values if value in first]
            reference["target_id"] = min(targets) if targets else None
        return found

    def stats(self) -> dict[str, Any]:
        """Counts: documents, pages, sections, facts, references, hidden runs; database bytes."""
        counts = {}
        for name, table in (
            ("documents", "documents"),
            ("pages", "pages"),
            ("sections", "sections"),
            ("facts", "facts"),
            ("references", "refs"),
            ("hidden", "hidden"),
        ):
            counts[name] = self._row(f"SELECT count(*) FROM {table}", ())[0]  # type: ignore[index]
        size = sum(
            candidate.stat().st_size
            for candidate in (self.path, Path(f"{self.path}-wal"))
            if candidate.exists()
        )
        counts["bytes"] = size
        counts["schema_version"] = schema.SCHEMA_VERSION
        return counts

    # -- search ------------------------------------------------------------------------------

    def search_sql(self, query: str, **filters: Any) -> tuple[str, list[object]]:
        """The ranking SQL and params :meth:`search` runs for ``query`` (``--sql``).

        Takes the same keywords as :meth:`search` (``limit``, ``offset`` and the filters).
        Rows are ``id, source, subject, date, sender, score``, and for a filtered query also
        ``total`` (all matching documents; see :func:`~ontwar.store.search.total_in_ranking`).
        """
        limit = int(filters.pop("limit", 20))
        offset = int(filters.pop("offset", 0))
        check_page(limit, offset)
        node = parse(query)
        return ranking_sql(node.fts() if node else None, Filters.of(**filters), limit, offset)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sender: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        reference: str | None = None,
        subject: str | None = None,
    ) -> SearchResult:
        """Documents matching ``query`` (see :mod:`ontwar.store.query`), best first (bm25).

        An empty query lists the documents the filters allow, newest first. Malformed queries
        and filters raise :class:`~ontwar.store.errors.QuerySyntaxError`.
        """
        check_page(limit, offset)
        node = parse(query)
        fts = node.fts() if node else None
        filters = Filters.of(sender, date_from, date_to, reference, subject)
        sql, params = ranking_sql(fts, filters, limit, offset)
        counted = total_in_ranking(fts, filters)
        with self._lock:
            try:
                rows = self._db.execute(sql, params).fetchall()
                if counted and rows:
                    total = rows[0][-1]
                    rows = [row[:-1] for row in rows]
                elif counted and offset == 0:
                    total = 0
                else:
                    counting, count_params = count_sql(fts, filters)
                    total = self._db.execute(counting, count_params).fetchone()[0]
            except sqlite3.OperationalError as error:  # pragma: no cover - parser lets none by
                raise QuerySyntaxError(f"query {query!r}: {error}") from error
            marked = self._highlights(fts, [row[0] for row in rows])
            hits = self._hits(rows, marked)
        return SearchResult(total=total, hits=hits, query=fts or "")

    def _highlights(self, fts: str | None, ids: list[int]) -> dict[int, tuple[str, str]]:
        """FTS5's highlights of the hits, in one query.

        FTS5 looks each listed id up on its own: a seek per term, however broad the match.
        A prefix would be expanded over the whole index at every seek, so a prefix query is
        instead run on a temporary FTS5 table holding the hits alone (same tokenizer, so the
        same matches): its cost does not grow with the corpus.
        """
        if fts is None or not ids:
            return {}
        listed = ", ".join("?" for _ in ids)
        if "*" not in fts:  # terms are quoted words: a star outside quotes is a prefix
            rows = self._db.execute(f"{HIGHLIGHT_SQL} AND rowid IN ({listed})", [fts, *ids])
            return {row[0]: (row[1], row[2]) for row in rows}
        db = self._db
        if not self._hit_table:
            db.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{HIT_TABLE} USING fts5(meta, body, "
                f"tokenize = '{schema.FTS_TOKENIZE}')"
            )
            self._hit_table = True
        db.execute(f"DELETE FROM temp.{HIT_TABLE}")
        db.execute(
            f"INSERT INTO temp.{HIT_TABLE} (rowid, meta, body) "
            f"SELECT rowid, meta, body FROM main.doc_fts WHERE rowid IN ({listed})",
            ids,
        )
        rows = db.execute(HIGHLIGHT_SQL.replace("doc_fts", HIT_TABLE), [fts]).fetchall()
        db.execute(f"DELETE FROM temp.{HIT_TABLE}")
        return {row[0]: (row[1], row[2]) for row in rows}

    def _hits(self, rows: list[tuple[Any, ...]], marked: dict[int, tuple[str, str]]) -> list[Hit]:
        """The hits for ranked ``rows``: each one's best page, section and snippet, read with
        one query per table for all of them (not per hit)."""
        if not rows:
            return []
        db = self._db
        ids = [row[0] for row in rows]
        listed = ", ".join("?" for _ in ids)
        sections: dict[int, list[tuple[str | None, int, int]]] = {doc_id: [] for doc_id in ids}
        for doc_id, heading, page, start in db.execute(
            "SELECT doc_id, heading, coalesce(heading_page, first_page, 1), "
            f"coalesce(heading_start, 0) FROM sections WHERE doc_id IN ({listed}) "
            "ORDER BY doc_id, idx",
            ids,
        ):
            sections[doc_id].append((heading, page, start))
        page_words: dict[int, list[tuple[int, int]]] = {doc_id: [] for doc_id in ids}
        for doc_id, number, count in db.execute(
            f"SELECT doc_id, number, words FROM pages WHERE doc_id IN ({listed}) "
            "ORDER BY doc_id, number",
            ids,
        ):
            page_words[doc_id].append((number, count))
        plans = [_plan(row, marked.get(row[0]), sections, page_words) for row in rows]
        wanted = sorted({(plan.doc_id, plan.page) for plan in plans if plan.needs_text})
        texts: dict[tuple[int, int], str] = {}
        if wanted:
            pairs = ", ".join("(?, ?)" for _ in wanted)
            for doc_id, number, text in db.execute(
                f"WITH wanted (doc_id, number) AS (VALUES {pairs}) "
                "SELECT p.doc_id, p.number, p.text FROM wanted AS w CROSS JOIN pages AS p "
                "ON p.doc_id = w.doc_id AND p.number = w.number",  # a row-value IN would scan
                [value for pair in wanted for value in pair],
            ):
                texts[(doc_id, number)] = text
        return [
            plan.hit(row, texts.get((plan.doc_id, plan.page), ""), sections[plan.doc_id])
            for row, plan in zip(rows, plans, strict=True)
        ]


@dataclass(slots=True)
class _Plan:
    """Where a hit's snippet comes from: page ``page`` (its text needed unless the match was
    in the metadata), with the page's own ``regions``, or ``around`` an offset."""

    doc_id: int
    page: int
    needs_text: bool
    regions: dict[int, int]
    around: int | None = None

    def hit(
        self, row: tuple[Any, ...], text: str, sections: list[tuple[str | None, int, int]]
    ) -> Hit:
        doc_id, source, subject, date, sender, score = row
        if self.needs_text:
            cut, offset = snippet(text, self.regions, self.around)
            heading = section_at(sections, self.page, offset)
        else:
            cut, _ = snippet(meta_text(subject, sender, None), self.regions)
            heading = None
        return Hit(doc_id, source, subject, date, sender, self.page, heading, cut, float(score))


def _plan(
    row: tuple[Any, ...],
    highlighted: tuple[str, str] | None,
    sections: dict[int, list[tuple[str | None, int, int]]],
    page_words: dict[int, list[tuple[int, int]]],
) -> _Plan:
    doc_id = row[0]
    body_marks = marks(highlighted[1]) if highlighted else {}
    if body_marks:
        number, first_word, count = best_page(body_marks, page_words[doc_id])
        own = {
            term - first_word: region
            for term, region in body_marks.items()
            if first_word <= term < first_word + count
        }
        return _Plan(doc_id, number, True, own)
    meta_marks = marks(highlighted[0]) if highlighted else {}
    if meta_marks:
        return _Plan(doc_id, 1, False, meta_marks)
    own_sections = sections[doc_id]  # no query: the start of the body
    number, around = (own_sections[0][1], own_sections[0][2]) if own_sections else (1, 0)
    return _Plan(doc_id, number, True, {}, around)


def _fact_filters(
    measure: str | None, subject: str | None, unit: str | None, doc_id: int | None
) -> tuple[list[str], list[object]]:
    """The ``WHERE`` clauses (on ``facts AS f``) and parameters of the facts' filters; measure
    and subject are matched folded."""
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("f.measure_key", measure), ("f.subject_key", subject)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(key(value))
    if unit:
        clauses.append("f.unit = ?")
        params.append(unit)
    if doc_id is not None:
        clauses.append("f.doc_id = ?")
        params.append(doc_id)
    return clauses, params
