"""The store's schema, as an ordered list of migrations (``PRAGMA user_version`` counts them).

Migrations only ever get appended: migration *n* takes a database from version *n - 1* to *n*,
in one transaction, so an interrupted upgrade leaves the previous version intact. An empty
file (or a new one) runs them all.

Tables: ``documents`` (one row per letter: searchable metadata), ``records`` (each letter's
compressed record without its pages, facts and references),
``pages`` (raw and recovered text, diagnosis, removals), ``sections``, ``refs`` (references),
``facts``, ``warnings``, ``hidden`` (the PDF's hidden-text audit), ``identifiers`` (numbers
other letters may cite this one by), ``meta`` (key/value), and ``doc_fts``: the FTS5 index of
each document's shadow text (see :mod:`ontwar.store.normalise`), column ``meta`` (subject,
sender, reference) and column ``body`` (the pages' text, page after page), with prefix indexes
for prefixes of 2 to 6 characters (:data:`FTS_PREFIX`).
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the first schema
    (
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            pages INTEGER NOT NULL,
            sender TEXT,
            sender_key TEXT,
            date TEXT,
            subject TEXT,
            subject_key TEXT,
            reference TEXT,
            record BLOB NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_date ON documents (date)",
        "CREATE INDEX documents_sender ON documents (sender_key)",
        """CREATE TABLE pages (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            raw TEXT,
            diagnosis TEXT,
            layers INTEGER,
            confidence REAL,
            removed BLOB,
            warnings TEXT,
            words INTEGER NOT NULL,
            PRIMARY KEY (doc_id, number)
        )""",
        """CREATE TABLE sections (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            heading TEXT,
            first_page INTEGER,
            last_page INTEGER,
            heading_page INTEGER,
            heading_start INTEGER,
            PRIMARY KEY (doc_id, idx)
        )""",
        """CREATE TABLE refs (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, idx)
        )""",
        """CREATE TABLE facts (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            value REAL,
            unit TEXT,
            qualifier TEXT,
            measure TEXT,
            measure_key TEXT,
            subject TEXT,
            subject_key TEXT,
            year INTEGER,
            year_end INTEGER,
            sentence TEXT,
            section TEXT,
            converted_from INTEGER,
            page INTEGER,
            start INTEGER,
            "end" INTEGER,
            end_page INTEGER,
            extra TEXT,
            PRIMARY KEY (doc_id, idx)
        )""",
        "CREATE INDEX facts_measure ON facts (measure_key, subject_key)",
        "CREATE INDEX facts_subject ON facts (subject_key)",
        """CREATE TABLE warnings (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page INTEGER,
            message TEXT NOT NULL
        )""",
        "CREATE INDEX warnings_doc ON warnings (doc_id)",
        """CREATE TABLE hidden (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            page INTEGER,
            reason TEXT,
            data TEXT NOT NULL
        )""",
        "CREATE INDEX hidden_doc ON hidden (doc_id, page)",
        """CREATE TABLE identifiers (
            doc_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (value, doc_id, kind)
        ) WITHOUT ROWID""",
        "CREATE INDEX identifiers_doc ON identifiers (doc_id)",
        """CREATE VIRTUAL TABLE doc_fts USING fts5(
            meta, body, tokenize = 'unicode61 remove_diacritics 0'
        )""",
    ),
    # 2: the compressed record moves to a table of its own, so that the rows the search
    # filters read (sender, date, subject) are small and many fit on a page
    (
        """CREATE TABLE records (
            doc_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            record BLOB NOT NULL
        )""",
        "INSERT INTO records (doc_id, record) SELECT id, record FROM documents",
        "ALTER TABLE documents DROP COLUMN record",
        "CREATE INDEX documents_subject ON documents (subject_key)",
    ),
    # 3: each hit's best page is chosen from its pages' word counts; an index holding them
    # spares reading every page's row (text and removals, often overflow pages) to get them
    ("CREATE INDEX pages_words ON pages (doc_id, number, words)",),
    # 4: prefix indexes, so that a prefix query of 2 to 6 letters (``water*``) reads one list
    # instead of merging every term the prefix expands to. FTS5 cannot add them to a table,
    # so the index is built anew beside the old one from its stored text (the old one's pages
    # are freed for later letters) and takes its name.
    (
        """CREATE VIRTUAL TABLE doc_fts_prefixed USING fts5(
            meta, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4 5 6'
        )""",
        "INSERT INTO doc_fts_prefixed (rowid, meta, body) SELECT rowid, meta, body FROM doc_fts",
        "DROP TABLE doc_fts",
        "ALTER TABLE doc_fts_prefixed RENAME TO doc_fts",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
FTS_TOKENIZE = "unicode61 remove_diacritics 0"
"""``doc_fts``'s tokenizer (migration 1), for temporary tables that must match like it."""
FTS_PREFIX = (2, 3, 4, 5, 6)
"""``doc_fts``'s prefix indexes (migration 4): FTS5 uses one only for a prefix of exactly that
many characters; longer prefixes merge the terms they expand to (fewer, being longer)."""


def version(connection: sqlite3.Connection) -> int:
    """The schema version the database is at (0 for an empty file)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> list[int]:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the versions applied.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction with the version bump, so
    two processes opening the same new file cannot both apply it.
    """
    applied: list[int] = []
    while version(connection) < SCHEMA_VERSION:
        connection.execute("BEGIN IMMEDIATE")
        try:
            current = version(connection)  # another process may have got here first
            if current < SCHEMA_VERSION:
                for statement in MIGRATIONS[current]:
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {current + 1}")
                applied.append(current + 1)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return applied
