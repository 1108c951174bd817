"""Benchmark the corpus store: ingest rate, database size and query latency at 10k and 100k.

Why: issue #5 asks for ingest of pre-recovered letters at >= 200 letters/s and a query p95 of
at most 50 ms (goal 20 ms) over 100k letters, and the Dutch matching is only worth its cost if
it stays close to what users already have. So every query also runs against a named baseline
in the same run:

* ``ontwar``: :class:`ontwar.store.Store` — stemmed, diacritics folded, bm25, total count,
  and for each of the 20 hits its best page, section and snippet;
* ``plain FTS5`` (what tkconv does): one FTS5 table over the same letters' text, tokenizer
  ``unicode61 remove_diacritics 2``, no stemming; bm25, total count and FTS5's own
  ``snippet()`` for the 20 hits. It misses inflected forms (its hit counts show what).

Letters are generated (:func:`ontwar.synth.write_letter`) and turned into pre-recovered
records straight from their truth (:mod:`ontwar.store.synthetic`) in worker processes; the
ingest rate is letters over the time spent in :meth:`Store.ingest` (one transaction each),
wall time is reported too. That rate shares the machine with the generating workers, so
each run also times :meth:`Store.ingest` alone: :data:`ALONE` records made first, then
ingested into a fresh store with nothing else of the benchmark running (wall and CPU time).
The query mix is fixed (:data:`QUERIES`); each query runs once to warm up, then
:data:`REPEATS` times; p50/p95 are over all timed runs of the mix.
Run: ``.venv/bin/python bench/search.py`` (10k and 100k; ``--quick`` for 10k only). Building
100k letters takes about 25 minutes: ``--dir DIR`` keeps each corpus (in ``DIR/ontwar-bench-
<size>-*``) and ``--reuse FOLDER`` times the queries again on a kept one (its ingest columns
show "kept"; a store of an older schema is migrated first).
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.runinfo import header
from ontwar.store import Store
from ontwar.store.synthetic import synthetic_record

SIZES = (10_000, 100_000)
REPEATS = 5
BATCH = 500
"""Letters generated per worker batch (the parent ingests one batch while the next is made)."""

ALONE = 2000
"""Records ingested alone (made beforehand) for the "ingest alone" rate."""

QUERIES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("word", "defensiebudget", {}),
    ("word", "Noorwegen", {}),
    ("word", "lerarentekort", {}),
    ("stem", "militair", {}),
    ("stem", "begroting", {}),
    ("stem", "woning", {}),
    ("diacritics", "Belgie", {}),
    ("phrase", '"gezamenlijke maritieme oefening"', {}),
    ("phrase", '"primaire waterkering"', {}),
    ("phrase", '"Tweede Kamer"', {}),
    ("boolean", "Noorwegen OR Polen", {}),
    ("boolean", "defensiebudget NOT Belgie", {}),
    ("boolean", "(windturbines OR laadpalen) NOT Groningen", {}),
    ("filtered", "defensiebudget", {"date_from": "2021-01-01", "date_to": "2021-12-31"}),
    ("filtered", "woningen", {"sender": "binnenlandse zaken"}),
    ("filtered", "Kamer", {"subject": "waterveiligheid"}),
    ("prefix", "defensie*", {}),
    ("prefix", "water*", {}),
    ("near", "NEAR(defensiebudget Belgie, 5)", {}),
)
"""(kind, query, filters): words and stems of different frequency, an every-letter phrase."""

PLAIN = {
    "Belgie": "Belgie",
    '"primaire waterkering"': '"primaire waterkering"',
    "NEAR(defensiebudget Belgie, 5)": "NEAR(defensiebudget Belgie, 5)",
}


@dataclass(slots=True)
class Run:
    size: int
    ingest_seconds: float = 0.0
    wall_seconds: float = 0.0
    db_bytes: int = 0
    baseline_bytes: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)
    baseline_times: dict[str, list[float]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    baseline_hits: dict[str, int] = field(default_factory=dict)
    alone_rate: float = 0.0
    alone_cpu_rate: float = 0.0

    @property
    def rate(self) -> float:
        return self.size / self.ingest_seconds

    @property
    def kept(self) -> bool:
        """Measured on a corpus built by an earlier run (no ingest figures)."""
        return self.ingest_seconds == 0.0


def _make(seed: int) -> tuple:
    return synthetic_record(seed)


def build(size: int, folder: Path, workers: int) -> Run:
    """Generate ``size`` letters and ingest them into ``ontwar.db`` and ``plain.db``."""
    run = Run(size)
    store = Store(folder / "ontwar.db")
    plain = sqlite3.connect(folder / "plain.db", isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    plain.execute("PRAGMA synchronous = NORMAL")
    plain.execute(
        "CREATE VIRTUAL TABLE plain USING fts5(subject, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    plain.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, date TEXT, sender TEXT)")
    started = time.perf_counter()
    batches = [range(start, min(size, start + BATCH)) for start in range(0, size, BATCH)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = pool.map_async(_make, batches[0])
        for index in range(len(batches)):
            records = pending.get()
            if index + 1 < len(batches):
                pending = pool.map_async(_make, batches[index + 1])
            for record, pages, digest in records:
                tick = time.perf_counter()
                doc_id = store.ingest(record, content_hash=digest, raw_pages=pages).doc_id
                run.ingest_seconds += time.perf_counter() - tick
                plain.execute("BEGIN")
                plain.execute(
                    "INSERT INTO docs (id, date, sender) VALUES (?, ?, ?)",
                    (doc_id, record.date, record.sender),
                )
                plain.execute(
                    "INSERT INTO plain (rowid, subject, body) VALUES (?, ?, ?)",
                    (doc_id, record.subject, "\n".join(pages)),
                )
                plain.execute("COMMIT")
            print(f"  {(index + 1) * BATCH:>7} letters", end="\r", file=sys.stderr, flush=True)
    run.wall_seconds = time.perf_counter() - started
    store.close()
    for db in (folder / "ontwar.db", folder / "plain.db"):
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    run.db_bytes = (folder / "ontwar.db").stat().st_size
    run.baseline_bytes = (folder / "plain.db").stat().st_size
    return run


def ingest_alone(run: Run, workers: int) -> None:
    """Time :meth:`Store.ingest` of :data:`ALONE` records made beforehand, into a fresh store."""
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        records = pool.map(_make, range(ALONE), chunksize=50)
    folder = Path(tempfile.mkdtemp(prefix="ontwar-bench-alone-"))
    try:
        wall = cpu = 0.0
        with Store(folder / "ontwar.db") as store:
            for record, pages, digest in records:
                tick, tock = time.perf_counter(), time.process_time()
                store.ingest(record, content_hash=digest, raw_pages=pages)
                wall += time.perf_counter() - tick
                cpu += time.process_time() - tock
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    run.alone_rate, run.alone_cpu_rate = ALONE / wall, ALONE / cpu


def reuse(folder: Path) -> Run:
    """A corpus kept by an earlier ``--dir`` run: migrated if needed, its size counted."""
    for name in ("ontwar.db", "plain.db"):
        if not (folder / name).is_file():
            sys.exit(f"{folder}: no {name}; give a folder an earlier `--dir` run kept")
    Store(folder / "ontwar.db").close()  # brings an older schema up to date
    with sqlite3.connect(folder / "ontwar.db") as connection:
        size = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    run = Run(size)
    run.db_bytes = (folder / "ontwar.db").stat().st_size
    run.baseline_bytes = (folder / "plain.db").stat().st_size
    return run


def _plain_search(db: sqlite3.Connection, query: str, filters: dict[str, str]) -> int:
    """The baseline's work for one query: rank, count, snippets of the first 20."""
    clauses, params = ["plain MATCH ?"], [PLAIN.get(query, query)]
    if "date_from" in filters:
        clauses.append("d.date >= ? AND d.date <= ?")
        params += [filters["date_from"], filters["date_to"]]
    if "sender" in filters:
        clauses.append("lower(d.sender) LIKE ?")
        params.append(f"%{filters['sender']}%")
    if "subject" in filters:
        clauses.append("lower(plain.subject) LIKE ?")
        params.append(f"%{filters['subject']}%")
    where = " AND ".join(clauses)
    join = "FROM plain CROSS JOIN docs AS d ON d.id = plain.rowid"
    ids = db.execute(
        f"SELECT plain.rowid {join} WHERE {where} ORDER BY bm25(plain, 3.0, 1.0) LIMIT 20",
        params,
    ).fetchall()
    total = db.execute(f"SELECT count(*) {join} WHERE {where}", params).fetchone()[0]
    for (rowid,) in ids:
        db.execute(
            "SELECT snippet(plain, 1, '[', ']', '…', 32) FROM plain WHERE plain MATCH ? "
            "AND rowid = ?",
            (params[0], rowid),
        ).fetchone()
    return total


def measure(run: Run, folder: Path) -> None:
    store = Store(folder / "ontwar.db", readonly=True)
    plain = sqlite3.connect(f"file:{folder / 'plain.db'}?mode=ro", uri=True)
    for _, query, filters in QUERIES:
        label = _label(query, filters)
        run.hits[label] = store.search(query, **filters).total  # warm-up
        run.baseline_hits[label] = _plain_search(plain, query, filters)
        for _ in range(REPEATS):
            tick = time.perf_counter()
            store.search(query, **filters)
            run.times.setdefault(label, []).append(time.perf_counter() - tick)
            tick = time.perf_counter()
            _plain_search(plain, query, filters)
            run.baseline_times.setdefault(label, []).append(time.perf_counter() - tick)
    store.close()
    plain.close()


def _label(query: str, filters: dict[str, str]) -> str:
    if not filters:
        return query
    return query + " [" + ", ".join(f"{k}={v}" for k, v in filters.items()) + "]"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def tables(runs: list[Run]) -> str:
    lines = [
        "### Summary",
        "",
        "| letters | ingest letters/s | wall letters/s | ingest alone letters/s (CPU) "
        "| database MB | plain FTS5 MB "
        "| ontwar p50 ms | ontwar p95 ms | plain FTS5 p50 ms | plain FTS5 p95 ms "
        "| p95 ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        ours = [t for times in run.times.values() for t in times]
        base = [t for times in run.baseline_times.values() for t in times]
        rates = (
            "| kept | kept "
            if run.kept
            else f"| {run.rate:.0f} | {run.size / run.wall_seconds:.0f} "
        )
        rates += f"| {run.alone_rate:.0f} ({run.alone_cpu_rate:.0f}) "
        lines.append(
            f"| {run.size:,} {rates}"
            f"| {run.db_bytes / 2**20:.0f} | {run.baseline_bytes / 2**20:.0f} "
            f"| {percentile(ours, 0.5) * 1000:.1f} | {percentile(ours, 0.95) * 1000:.1f} "
            f"| {percentile(base, 0.5) * 1000:.1f} | {percentile(base, 0.95) * 1000:.1f} "
            f"| {percentile(ours, 0.95) / percentile(base, 0.95):.2f} |"
        )
    for run in runs:
        lines += [
            "",
            f"### Queries at {run.size:,} letters (median of {REPEATS} runs)",
            "",
            "| kind | query | ontwar ms | ontwar hits | plain FTS5 ms | plain FTS5 hits "
            "| time ratio |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for kind, query, filters in QUERIES:
            label = _label(query, filters)
            ours = statistics.median(run.times[label])
            base = statistics.median(run.baseline_times[label])
            shown = label.replace("|", "\\|")
            lines.append(
                f"| {kind} | `{shown}` | {ours * 1000:.1f} | {run.hits[label]:,} "
                f"| {base * 1000:.1f} | {run.baseline_hits[label]:,} | {ours / base:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k letters only")
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (default 10k 100k)")
    parser.add_argument(
        "--workers",
        type=int,
        default=max(1, multiprocessing.cpu_count() - 1),
        help="letter-generating processes (default: all cores but the one ingesting)",
    )
    parser.add_argument("--dir", type=Path, help="keep the databases here (default: a temp dir)")
    parser.add_argument(
        "--reuse",
        type=Path,
        nargs="+",
        metavar="FOLDER",
        help="time the queries on corpora an earlier --dir run kept (no build)",
    )
    parser.add_argument("--save-table", type=Path, help="also write the Markdown tables here")
    args = parser.parse_args()
    sizes = args.sizes or (SIZES[:1] if args.quick else SIZES)
    runs = []
    for folder in args.reuse or ():
        print(f"reusing {folder}", file=sys.stderr)
        run = reuse(folder)
        measure(run, folder)
        ingest_alone(run, args.workers)
        runs.append(run)
    for size in [] if args.reuse else sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"ontwar-bench-{size}-", dir=args.dir))
        print(f"building {size:,} letters in {folder}", file=sys.stderr)
        run = build(size, folder, args.workers)
        measure(run, folder)
        ingest_alone(run, args.workers)
        runs.append(run)
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    command = "python bench/search.py" + (" --quick" if args.quick else "")
    if args.reuse:
        command = "python bench/search.py --reuse " + " ".join(map(str, args.reuse))
    elif args.sizes:
        command += " --sizes " + " ".join(map(str, args.sizes))
    text = header(command) + "\n" + tables(runs)
    print(text)
    if args.save_table:
        args.save_table.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
