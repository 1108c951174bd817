"""The store: migrations, round trips, idempotent and atomic ingest, readers during writes, CLI.

Fixtures are generated letters (``ontwar.synth.write_letter``) laid out as clean pages with
exact truth (``ontwar.store.synthetic``), so every expectation comes from that truth.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ontwar.cli import app
from ontwar.letter.model import LetterRecord, Reference
from ontwar.store import (
    DatabaseMissing,
    LetterNotFound,
    PageNotFound,
    SchemaError,
    Store,
    schema,
)
from ontwar.store.synthetic import record_of
from ontwar.synth.letters import Section, write_letter

SPECIAL = (
    "Frankrijk en België zijn strategische partners bij de ontwikkeling van MGCS, de "
    "opvolger van de tank. De begrotingen [zie bijlage] worden herzien; <script>alert(1)"
    "</script> blijft staan zoals het er staat."
)
runner = CliRunner()


def special_letter(seed: int = 7, paragraph: str = SPECIAL):
    """A generated letter whose last paragraph is ``paragraph`` (so it lands on a late page)."""
    letter = write_letter(seed)
    last = letter.sections[-1]
    sections = (*letter.sections[:-1], Section(last.heading, (*last.paragraphs, paragraph)))
    return dataclasses.replace(letter, sections=sections)


def build(letter, source: str | None = None) -> tuple[LetterRecord, list[str], str]:
    record, pages = record_of(letter, source)
    digest = hashlib.sha256("\f".join(pages).encode()).hexdigest()
    return record, pages, digest


def add(store: Store, letter, source: str | None = None):
    record, pages, digest = build(letter, source)
    return store.ingest(record, content_hash=digest, raw_pages=pages)


def dump(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


# --- opening and migrations -------------------------------------------------------------------


def test_migrations_run_on_an_empty_file(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(path) as store:
        assert store.stats()["documents"] == 0
    db = sqlite3.connect(path)
    assert schema.version(db) == schema.SCHEMA_VERSION
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "pages", "sections", "refs", "facts", "hidden", "doc_fts"} <= tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema.migrate(db) == []  # nothing left to apply


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    for readonly in (False, True):
        with pytest.raises(SchemaError, match="newer"):
            Store(path, readonly=readonly)


def test_readonly_needs_an_existing_store(tmp_path):
    with pytest.raises(DatabaseMissing, match="ontwar ingest"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(DatabaseMissing, match="not an ontwar store"):
        Store(other)
    with pytest.raises(DatabaseMissing, match="not an ontwar store"):
        Store(other, readonly=True)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseMissing):
        Store(garbage)


# --- round trips ------------------------------------------------------------------------------


def test_document_page_and_summaries_round_trip(tmp_path):
    with Store(tmp_path / "s.db") as store:
        record, pages, digest = build(special_letter())
        result = store.ingest(record, content_hash=digest, raw_pages=pages)
        assert result.status == "ingested"
        doc = store.document(result.doc_id)
        expected = record.to_dict()
        for reference in doc["references"]:
            assert reference.pop("target_id") is None
        assert {k: doc[k] for k in expected} == expected
        assert doc["id"] == result.doc_id and doc["content_hash"] == digest
        assert doc["ingested_at"] and doc["hidden"] is None
        last = store.page(result.doc_id, record.pages)
        assert last["text"] == pages[-1] == last["raw"]
        assert "<script>alert(1)</script>" in doc["page_texts"][-1]  # stored raw, not escaped
        assert set(last) >= {"number", "raw", "text", "removed", "diagnosis", "layers"}
        [summary] = store.documents()
        assert summary == {
            "id": result.doc_id,
            "source": record.source,
            "sender": record.sender,
            "date": record.date,
            "subject": record.subject,
            "reference": record.reference,
            "pages": record.pages,
        }
        with pytest.raises(LetterNotFound, match="no letter with id 999"):
            store.document(999)
        with pytest.raises(PageNotFound, match=f"pages 1 to {record.pages}"):
            store.page(result.doc_id, record.pages + 1)
        with pytest.raises(LetterNotFound):
            store.page(999, 1)


def test_raw_pages_differ_from_recovered_and_hidden_runs_are_kept(tmp_path):
    @dataclasses.dataclass
    class Run:
        page: int
        text: str

        def to_dict(self):
            return {"page": self.page, "reason": "render mode 3", "text": self.text}

    record, pages, digest = build(write_letter(3))
    record.kind = "pdf"
    record.document.kind = "pdf"
    record.document.hidden = [Run(2, "verborgen tekst")]
    raw = [f"LAYER {page}" for page in pages]
    with Store(tmp_path / "s.db") as store:
        doc_id = store.ingest(record, content_hash=digest, raw_pages=raw).doc_id
        page = store.page(doc_id, 2)
        assert page["raw"] == raw[1] and page["text"] == pages[1]
        assert page["hidden"] == [{"page": 2, "reason": "render mode 3", "text": "verborgen tekst"}]
        assert store.page(doc_id, 1)["hidden"] == []
        assert store.document(doc_id)["hidden"] == [page["hidden"][0]]


def test_documents_filters_and_order(tmp_path):
    letters = [write_letter(seed) for seed in range(12)]
    with Store(tmp_path / "s.db") as store:
        for letter in letters:
            add(store, letter)
        dates = [doc["date"] for doc in store.documents(limit=100)]
        assert dates == sorted((letter.date for letter in letters), reverse=True)
        chosen = [doc["id"] for doc in store.documents(sender="defensie", date_from="2021")]
        expected = [
            letter for letter in letters if "Defensie" in letter.sender and letter.date >= "2021"
        ]
        assert len(chosen) == len(expected)
        page_two = store.documents(limit=5, offset=5)
        assert [d["id"] for d in page_two] == [d["id"] for d in store.documents(limit=100)][5:10]


def test_facts_by_measure_subject_and_unit(tmp_path):
    letters = [write_letter(seed) for seed in range(0, 28, 7)]  # defence letters
    with Store(tmp_path / "s.db") as store:
        ids = [add(store, letter).doc_id for letter in letters]
        facts = store.facts(measure="defensiebudget")
        truth = [f for letter in letters for f in letter.facts if f.measure == "defensiebudget"]
        assert len(facts) == len(truth) > 0
        assert {f["doc_id"] for f in facts} <= set(ids)
        assert all({"doc_date", "doc_subject", "index", "span"} <= set(f) for f in facts)
        belgium = store.facts(subject="Belgie")  # folded: finds België
        assert belgium and {f["subject"] for f in belgium} == {"België"}
        truth = [f for letter in letters for f in letter.facts if f.subject == "België"]
        assert len(belgium) == len(truth)
        euros = store.facts(unit="EUR", doc_id=ids[0])
        assert len(euros) == sum(f.unit == "EUR" for f in letters[0].facts)
        assert store.facts(doc_id=ids[1]) == [
            {**f, "index": i, "doc_id": ids[1], "doc_date": letters[1].date,
             "doc_subject": letters[1].subject}
            for i, f in enumerate(store.document(ids[1])["facts"])
        ]  # fmt: skip


def test_fact_points_hold_the_latest_value_of_every_subject_and_year(tmp_path):
    # defence letters of several dates and the same letter again under other names: every
    # (subject, year) is stated several times, by letters of different and equal dates
    letters = [write_letter(seed) for seed in range(0, 70, 7)]
    with Store(tmp_path / "s.db") as store:
        for number, letter in enumerate([*letters, letters[0], letters[3]]):
            add(store, dataclasses.replace(letter, reference=f"R{number}"), f"/c/{number}.txt")
        for chosen in ({"measure": "defensiebudget"}, {"subject": "Belgie"}, {"unit": "EUR"}):
            facts = store.facts(**chosen, limit=100_000)
            cells: dict[tuple, list[dict]] = {}
            for fact in facts:
                if fact["year"] is not None and fact["subject"]:
                    where = (fact["measure"] or "", fact["unit"], fact["subject"], fact["year"])
                    cells.setdefault(where, []).append(fact)
            expected = {}
            for where, stated in cells.items():
                latest = max(stated, key=lambda f: (f["doc_date"] or "", f["doc_id"], -f["index"]))
                expected[where] = (latest["value"], latest["doc_id"], len(stated))
            points = store.fact_points(**chosen)
            got = {
                (p["measure"], p["unit"], p["subject"], p["year"]): (
                    p["value"],
                    p["doc_id"],
                    p["stated"],
                )
                for p in points
            }
            assert got == expected and len(points) == len(expected), chosen
            assert any(count > 1 for _, _, count in got.values()), "no subject-year repeated"


def test_references_resolve_to_documents_in_the_corpus(tmp_path):
    cited_kst = build(write_letter(1), source="/corpus/kst-21501-28-250.txt")
    cited_zaak = build(write_letter(2), source="/corpus/2020Z22028.pdf")
    citing, pages, digest = build(write_letter(3))
    citing = dataclasses.replace(
        citing,
        references=(
            Reference("kamerstuk", "Kamerstuk 21 501-28, nr. 250", None, "21501", "28", "250"),
            Reference("zaak", "2020Z22028", None, number="2020Z22028"),
            Reference("kamerstuk", "Kamerstuk 36000, nr. 1", None, "36000", None, "1"),
        ),
    )
    with Store(tmp_path / "s.db") as store:
        citing_id = store.ingest(citing, content_hash=digest, raw_pages=pages).doc_id
        # cited letters arrive later: links resolve when asked, not when stored
        kst_id = store.ingest(cited_kst[0], content_hash=cited_kst[2], raw_pages=cited_kst[1])
        zaak_id = store.ingest(cited_zaak[0], content_hash=cited_zaak[2], raw_pages=cited_zaak[1])
        targets = [ref["target_id"] for ref in store.references(citing_id)]
        assert targets == [kst_id.doc_id, zaak_id.doc_id, None]
        assert [r["target_id"] for r in store.document(citing_id)["references"]] == targets
        # the letter's own reference number finds it, as does its Kamerstuk number
        own = store.search("", reference=cited_kst[0].reference)
        assert [hit.doc_id for hit in own.hits] == [kst_id.doc_id]
        assert [h.doc_id for h in store.search("", reference="2020Z22028").hits] == [zaak_id.doc_id]
        for typed in ("kst-21501-28-250", "Kamerstuk 21 501-28, nr. 250"):
            assert [h.doc_id for h in store.search("", reference=typed).hits] == [kst_id.doc_id]
        with pytest.raises(LetterNotFound):
            store.references(12345)


def test_stats_count_what_was_stored(tmp_path):
    letters = [write_letter(seed) for seed in range(5)]
    with Store(tmp_path / "s.db") as store:
        records = [build(letter) for letter in letters]
        for record, pages, digest in records:
            store.ingest(record, content_hash=digest, raw_pages=pages)
        stats = store.stats()
    assert stats["documents"] == 5
    assert stats["pages"] == sum(r.pages for r, _, _ in records)
    assert stats["facts"] == sum(len(letter.facts) for letter in letters)
    assert stats["references"] == sum(len(letter.references) for letter in letters)
    assert stats["bytes"] > 0


# --- idempotence, replacement, atomicity --------------------------------------------------------


def test_same_content_twice_changes_nothing(tmp_path):
    path = tmp_path / "s.db"
    letter = write_letter(4)
    with Store(path) as store:
        first = add(store, letter, "/corpus/a.txt")
    before = dump(path)
    with Store(path) as store:
        again = add(store, letter, "/corpus/a.txt")
        copy = add(store, letter, "/corpus/copy-of-a.txt")  # same bytes, other path
        record, _, digest = build(letter, "/corpus/a.txt")
        assert store.check(record.source, digest).status == "unchanged"
    assert (again.status, again.doc_id) == ("unchanged", first.doc_id)
    assert (copy.status, copy.doc_id, copy.source) == ("unchanged", first.doc_id, "/corpus/a.txt")
    assert dump(path) == before


def test_a_changed_file_replaces_its_record(tmp_path):
    with Store(tmp_path / "s.db") as store:
        old = add(store, write_letter(4), "/corpus/a.txt")
        other = add(store, write_letter(5), "/corpus/b.txt")
        assert store.search("MGCS").total == 0
        new = add(store, special_letter(4), "/corpus/a.txt")
        assert (new.status, new.doc_id) == ("replaced", old.doc_id)
        assert store.stats()["documents"] == 2
        assert [hit.doc_id for hit in store.search("MGCS").hits] == [old.doc_id]
        assert store.document(old.doc_id)["page_texts"][-1].count("MGCS") == 1
        assert store.document(other.doc_id)["source"] == "/corpus/b.txt"
        facts = store.facts(doc_id=old.doc_id)
        assert len(facts) == len(store.document(old.doc_id)["facts"])


class FailingConnection:
    """A connection that fails at the first statement touching ``table``."""

    def __init__(self, inner, table: str) -> None:
        self.inner, self.table = inner, table

    def _check(self, sql: str) -> None:
        if f"INSERT INTO {self.table}" in sql:
            raise sqlite3.OperationalError("disk I/O error (simulated)")

    def execute(self, sql, *args):
        self._check(sql)
        return self.inner.execute(sql, *args)

    def executemany(self, sql, *args):
        self._check(sql)
        return self.inner.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.fixture
def one_letter(tmp_path):
    """A store holding one letter: its path, the letter's ingest result, and its dump."""
    path = tmp_path / "s.db"
    with Store(path) as store:
        kept = add(store, write_letter(4), "/corpus/a.txt")
    return path, kept, dump(path)


@pytest.mark.parametrize("table", ["facts", "doc_fts"])
def test_a_failure_mid_document_leaves_no_trace(one_letter, table):
    path, kept, before = one_letter
    with Store(path) as store:
        real = store._db
        store._db = FailingConnection(real, table)
        with pytest.raises(sqlite3.OperationalError, match="simulated"):
            add(store, special_letter(9), "/corpus/new.txt")  # a new letter
        with pytest.raises(sqlite3.OperationalError, match="simulated"):
            add(store, special_letter(4), "/corpus/a.txt")  # a replacement
        store._db = real
        assert store.search("MGCS").total == 0
        assert store.document(kept.doc_id)["source"] == "/corpus/a.txt"
    assert dump(path) == before


def test_a_failure_inside_a_group_leaves_no_trace_of_the_group(one_letter):
    path, kept, before = one_letter
    with Store(path) as store:
        real = store._db
        with pytest.raises(sqlite3.OperationalError, match="simulated"), store.grouped():
            add(store, write_letter(1), "/corpus/1.txt")
            store._db = FailingConnection(real, "facts")
            add(store, special_letter(9), "/corpus/new.txt")
        store._db = real
        assert dump(path) == before
        assert store.document(kept.doc_id)["source"] == "/corpus/a.txt"
        add(store, write_letter(2), "/corpus/2.txt")  # and the store goes on working
        assert store.stats()["documents"] == 2
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1)")
    for table in ("pages", "facts", "refs"):
        orphans = f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
        assert db.execute(orphans).fetchone()[0] == 0, table


def test_a_group_is_committed_when_it_ends(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer, Store(path) as reader:
        with writer.grouped():
            add(writer, write_letter(1), "/corpus/1.txt")
            add(writer, write_letter(2), "/corpus/2.txt")
            assert reader.stats()["documents"] == 0  # not before the group ends
        assert reader.stats()["documents"] == 2


def test_a_killed_ingest_leaves_a_consistent_store(tmp_path):
    path = tmp_path / "s.db"
    script = textwrap.dedent(
        f"""
        import os, sys
        from ontwar.store import Store
        from tests.test_store import add, special_letter, write_letter
        store = Store({str(path)!r})
        for seed in range(3):
            add(store, write_letter(seed), f"/corpus/{{seed}}.txt")
        real = store._db.execute
        def dying(sql, *args):
            if "INSERT INTO doc_fts" in sql:
                os._exit(9)  # killed mid-document: pages, facts... written, not committed
            return real(sql, *args)
        store._db = type("C", (), {{"execute": staticmethod(dying),
                                   "executemany": store._db.executemany}})()
        add(store, special_letter(5), "/corpus/killed.txt")
        """
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, check=False)
    assert done.returncode == 9
    with Store(path) as store:
        assert store.stats()["documents"] == 3
        assert store.search("MGCS").total == 0
        assert store.search("").total == 3
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1)")
    assert db.execute("SELECT count(*) FROM pages WHERE doc_id > 3").fetchone()[0] == 0


def test_readers_keep_reading_while_a_write_is_open(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer:
        add(writer, write_letter(4), "/corpus/a.txt")
        reader = Store(path, readonly=True)
        record, pages, digest = build(special_letter(6), "/corpus/b.txt")
        with writer._transaction() as db:  # a write transaction stays open ...
            writer._insert(db, _rows(record, pages), digest, None)
            # ... while another connection reads the last committed state, without waiting
            assert reader.stats()["documents"] == 1
            assert reader.search("MGCS").total == 0
            assert reader.search("defensie*").total >= 0
        assert reader.search("MGCS").total == 1
        reader.close()


def _rows(record, pages):
    from ontwar.store.rows import DocumentRows

    return DocumentRows.of(record, pages)


def test_a_store_can_be_shared_by_threads(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for seed in range(4):
            add(store, write_letter(seed))
        totals: list[int] = []
        threads = [
            threading.Thread(target=lambda: totals.append(store.search("kamer").total))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert totals == [totals[0]] * 4 and totals[0] > 0


def test_reindex_rebuilds_the_same_index(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        for seed in range(4):
            add(store, write_letter(seed))
        add(store, special_letter(8))
        before = store.search("strategische partner").to_dict()
        store._set_meta("normaliser", "an older normaliser")
    with Store(path) as store:  # opening for writing notices and rebuilds
        assert store._meta("normaliser") != "an older normaliser"
        assert store.search("strategische partner").to_dict() == before


# --- the CLI ------------------------------------------------------------------------------------


def _corpus_files(folder, seeds=(0, 1)):
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        _, pages = record_of(write_letter(seed))
        (folder / f"brief-{seed}.txt").write_text("\f".join(pages), encoding="utf-8")
    return folder


def test_cli_ingest_search_show(tmp_path):
    letters = _corpus_files(tmp_path / "letters")
    (letters / "kapot.txt").write_bytes(b"\x00\x01\x02 binary")
    (letters / "notes.md").write_text("not a letter")  # not .txt/.pdf: not picked up
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["ingest", str(letters), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "ingested 2, replaced 0, unchanged 0, failed 1 of 3 files" in result.stdout
    [error] = result.stderr.splitlines()
    assert error.startswith("ontwar: ") and "kapot.txt" in error and "binary" in error
    again = runner.invoke(app, ["ingest", str(letters), "--db", str(db)])
    assert "ingested 0, replaced 0, unchanged 2, failed 1" in again.stdout
    strict = runner.invoke(app, ["ingest", str(letters), "--db", str(db), "--strict"])
    assert strict.exit_code == 2

    found = runner.invoke(app, ["search", "defensie*", "--db", str(db), "-f", "json"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.stdout)
    with Store(db, readonly=True) as store:
        assert data == store.search("defensie*", limit=10).to_dict()
    assert data["total"] >= 1 and "[" in data["hits"][0]["snippet"]
    text = runner.invoke(app, ["search", "defensie*", "--db", str(db)])
    assert text.exit_code == 0 and f"#{data['hits'][0]['doc_id']}" in text.stdout
    sql = runner.invoke(app, ["search", "Belgie", "--db", str(db), "--sql", "--from", "2020"])
    assert "doc_fts MATCH ?" in sql.stdout and '"\\"belgie\\""' in sql.stdout

    doc_id = data["hits"][0]["doc_id"]
    shown = runner.invoke(app, ["show", str(doc_id), "--db", str(db), "-f", "json"])
    assert shown.exit_code == 0
    with Store(db, readonly=True) as store:
        assert json.loads(shown.stdout) == store.document(doc_id)
    assert runner.invoke(app, ["show", str(doc_id), "--db", str(db)]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", '"unbalanced'], "unbalanced quote"),
        (["search", "NOT defensie"], "NOT needs a term before it"),
        (["search", "a", "--from", "gisteren"], "not a date"),
        (["show", "999"], "no letter with id 999"),
        (["search", "x", "--db", "{tmp}/missing.db"], "no such database"),
        (["show", "1", "--db", "{tmp}/missing.db"], "no such database"),
        (["ingest", "{tmp}/nothing-here"], "no such file or folder"),
    ],
)
def test_cli_errors_are_one_line_with_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    _corpus_files(tmp_path / "letters", seeds=(0,))
    assert runner.invoke(app, ["ingest", "letters"]).exit_code == 0  # ./ontwar.db
    result = runner.invoke(app, [arg.format(tmp=tmp_path) for arg in args])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("ontwar: ") and message in line


def test_cli_ingest_with_worker_processes(tmp_path):
    letters = _corpus_files(tmp_path / "letters", seeds=(2, 3, 4))
    (letters / "leeg.txt").write_text("")
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["ingest", str(letters), "--db", str(db), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "ingested 3, replaced 0, unchanged 0, failed 1 of 4 files" in result.stdout
    assert "leeg.txt" in result.stderr and "empty" in result.stderr
    only_bad = runner.invoke(app, ["ingest", str(letters / "leeg.txt"), "--db", str(db)])
    assert only_bad.exit_code == 2


def test_cli_ingest_of_recovered_text(tmp_path):
    """--recovered parses clean text as it is (the same records) and damaged text too (not
    unstacked: it is the user's word that the text is clean)."""
    from ontwar.synth import make_case

    letters = _corpus_files(tmp_path / "letters", seeds=(2, 3))
    damaged = make_case(2)
    (letters / "gestapeld.txt").write_text(damaged.text, encoding="utf-8")
    stores = {}
    for name, extra in (("default", []), ("recovered", ["--recovered"])):
        stores[name] = tmp_path / f"{name}.db"
        args = ["ingest", str(letters), "--db", str(stores[name]), "--jobs", "2", *extra]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "ingested 3, replaced 0, unchanged 0, failed 0 of 3 files" in result.stdout
    with Store(stores["default"]) as default, Store(stores["recovered"]) as recovered:
        for seed in (2, 3):
            source = str((letters / f"brief-{seed}.txt").resolve())
            ids = [store.check(source, _digest(letters / f"brief-{seed}.txt")).doc_id
                   for store in (default, recovered)]  # fmt: skip
            same = [store.document(i) for store, i in zip((default, recovered), ids, strict=True)]
            for document in same:
                del document["id"], document["ingested_at"]
            assert same[0] == same[1]
        source = str((letters / "gestapeld.txt").resolve())
        digest = _digest(letters / "gestapeld.txt")
        unstacked = default.document(default.check(source, digest).doc_id)
        as_read = recovered.document(recovered.check(source, digest).doc_id)
        assert len(as_read["page_texts"][-1]) > 1.5 * len(unstacked["page_texts"][-1])


def test_text_written_by_recover_ingests_as_recovered(tmp_path):
    """Recover once, ingest the recovered text with --recovered: the record is the one the
    damaged text gives directly."""
    from ontwar.letter.parse import parse_path
    from ontwar.synth import make_case

    damaged = tmp_path / "gestapeld.txt"
    damaged.write_text(make_case(2).text, encoding="utf-8")
    recovered = tmp_path / "hersteld.txt"
    result = runner.invoke(app, ["recover", str(damaged), "--output", str(recovered)])
    assert result.exit_code == 0, result.output
    direct = parse_path(damaged).to_dict()
    again = parse_path(recovered, recovered=True).to_dict()
    assert direct.pop("source") != again.pop("source")
    assert direct == again


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migration_2_moves_records_out_of_documents(tmp_path):
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path, isolation_level=None)
    for statement in schema.MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO documents (id, source, content_hash, kind, pages, record, ingested_at) "
        "VALUES (7, '/corpus/a.txt', 'h', 'text', 0, x'0102', '2026-01-01')"
    )
    db.close()
    with Store(path) as store:
        assert store.stats()["schema_version"] == schema.SCHEMA_VERSION >= 2
    db = sqlite3.connect(path)
    assert db.execute("SELECT doc_id, record FROM records").fetchall() == [(7, b"\x01\x02")]
    columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
    assert "record" not in columns and "sender_key" in columns


def test_migration_3_indexes_page_word_counts(tmp_path):
    """Hits read their pages' word counts from an index, not from the pages' rows (#5)."""
    path = tmp_path / "v2.db"
    db = sqlite3.connect(path, isolation_level=None)
    for migration in schema.MIGRATIONS[:2]:
        for statement in migration:
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.close()
    with Store(path) as store:
        assert store.stats()["schema_version"] == schema.SCHEMA_VERSION >= 3
        add(store, special_letter())
        plan = store._db.execute(
            "EXPLAIN QUERY PLAN SELECT doc_id, number, words FROM pages WHERE doc_id IN (1, 2) "
            "ORDER BY doc_id, number"
        ).fetchall()
        assert "COVERING INDEX pages_words" in plan[-1][3]
        [hit] = store.search("MGCS tank").hits
        assert "[MGCS]" in hit.snippet


def test_migration_4_rebuilds_the_index_with_prefix_indexes(tmp_path):
    """A version-3 index (no prefix indexes) is rebuilt with them; results stay the same (#5)."""
    path = tmp_path / "v3.db"
    with Store(path) as store:
        add(store, special_letter())
        queries = ("MGCS* tank", "ta*", "tank", '"MGCS tank"*')
        before = [store.search(query).to_dict() for query in queries]
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(
        f"CREATE VIRTUAL TABLE old_fts USING fts5(meta, body, tokenize = '{schema.FTS_TOKENIZE}')"
    )
    db.execute("INSERT INTO old_fts (rowid, meta, body) SELECT rowid, meta, body FROM doc_fts")
    db.execute("DROP TABLE doc_fts")
    db.execute("ALTER TABLE old_fts RENAME TO doc_fts")
    db.execute("PRAGMA user_version = 3")
    db.close()
    with Store(path) as store:
        assert store.stats()["schema_version"] == schema.SCHEMA_VERSION >= 4
        assert [store.search(query).to_dict() for query in queries] == before
        assert before[1]["total"] == 1
    db = sqlite3.connect(path)
    [sql] = db.execute("SELECT sql FROM sqlite_master WHERE name = 'doc_fts'").fetchone()
    assert "prefix = '2 3 4 5 6'" in sql
    assert not db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%prefixed%'").fetchall()
    db.execute("INSERT INTO doc_fts (doc_fts, rank) VALUES ('integrity-check', 1)")
