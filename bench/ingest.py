"""Benchmark batch ingest of pre-recovered text: letters per second into the store, per method.

Why: issue #5 asks that text which needs no unstacking (a clean letter's extraction) goes into
the corpus at >= 200 letters/s. That is what ``ontwar ingest FOLDER`` does with such files:
read and hash each file, recover it (finding nothing to unstack), parse the letter (metadata,
sections, references, facts), turn the record into rows and write them, one transaction per
letter, with the search index. The methods, all over the same files in the same run:

* ``plain FTS5`` (the baseline, what tkconv does): each file's text read and inserted into one
  FTS5 table (``unicode61 remove_diacritics 2``), one transaction per file; no parsing;
* ``ontwar -j N``: :func:`ontwar.store.ingest.ingest_paths` with N worker processes (default:
  one per core), as the CLI does;
* ``ontwar -j 1``: the same in one process;
* ``ontwar -j N --recovered``: the files declared clean already (``ontwar ingest --recovered``):
  parsed as they are, without looking for stacked layers or repairing characters;
* ``ontwar rows only``: :meth:`Store.ingest_rows` of rows made beforehand (the writer's share).

Letters are :func:`ontwar.synth.clean_letter` texts: generated letters typeset without damage
(1 to 4 pages, every font and footer), their PDF's text extracted page by page, so sidebars,
footers and wrapped lines look like a real extraction. Each method writes a fresh store; its
rate is letters over wall time (start-up of worker processes included), and CPU seconds per
letter count the parent and its workers. Run: ``.venv/bin/python bench/ingest.py``
(``--letters N``, default 2000; ``--jobs N``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.runinfo import header
from ontwar.store import Store
from ontwar.store.ingest import ingest_paths, prepare
from ontwar.synth.cases import clean_letter
from ontwar.synth.typeset import FONTS, FOOTERS

LETTERS = 2000


@dataclass(frozen=True, slots=True)
class Result:
    method: str
    letters: int
    seconds: float
    cpu_seconds: float

    @property
    def rate(self) -> float:
        return self.letters / self.seconds


def write_letters(folder: Path, count: int) -> int:
    """Write ``count`` clean letters' extracted text to ``folder``; return their bytes."""
    with multiprocessing.get_context("fork").Pool() as pool:
        sizes = pool.starmap(_write_letter, [(folder, seed) for seed in range(count)], 20)
    return sum(sizes)


def _write_letter(folder: Path, seed: int) -> int:
    fonts = list(FONTS)
    letter = clean_letter(
        seed, 1 + seed % 4, fonts[seed % len(fonts)], FOOTERS[seed % len(FOOTERS)]
    )
    data = letter.text.encode("utf-8")
    (folder / f"letter-{seed:05d}.txt").write_bytes(data)
    return len(data)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(method: str, letters: int, work: Callable[..., None], *args: object) -> Result:
    wall, cpu = time.perf_counter(), _cpu()
    work(*args)
    return Result(method, letters, time.perf_counter() - wall, _cpu() - cpu)


def plain_fts5(files: list[Path], db: Path) -> None:
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(
        "CREATE VIRTUAL TABLE plain USING fts5(source, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for file in files:
        text = file.read_text(encoding="utf-8")
        connection.execute("BEGIN")
        connection.execute("INSERT INTO plain (source, body) VALUES (?, ?)", (str(file), text))
        connection.execute("COMMIT")
    connection.close()


def ontwar_batch(folder: Path, db: Path, jobs: int, recovered: bool = False) -> None:
    with Store(db) as store:
        report = ingest_paths(store, [folder], jobs=jobs, recovered=recovered)
    if report.failed or report.ingested != report.files:
        sys.exit(f"ingest did not take every letter: {report.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=LETTERS, help="letters to ingest")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ontwar-bench-ingest-"))
    try:
        letters = work / "letters"
        letters.mkdir()
        print(f"writing {args.letters:,} letters to {letters}", file=sys.stderr)
        size = write_letters(letters, args.letters)
        files = sorted(letters.glob("*.txt"))
        results = [timed("plain FTS5", len(files), plain_fts5, files, work / "plain.db")]
        for jobs in dict.fromkeys((args.jobs, 1)):
            db = work / f"ontwar-{jobs}.db"
            results.append(timed(f"ontwar -j {jobs}", len(files), ontwar_batch, letters, db, jobs))
        db = work / "ontwar-recovered.db"
        method = f"ontwar -j {args.jobs} --recovered"
        results.append(timed(method, len(files), ontwar_batch, letters, db, args.jobs, True))
        rows = [prepare(str(file)) for file in files]  # made beforehand, not timed

        def rows_only() -> None:
            with Store(work / "rows.db") as store:
                for made, digest in rows:
                    store.ingest_rows(made, content_hash=digest)

        results.append(timed("ontwar rows only", len(files), rows_only))
        print(report(results, args.letters, size))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: list[Result], letters: int, size: int) -> str:
    run = header(f"python bench/ingest.py --letters {letters}").rstrip().removesuffix(".")
    lines = [
        f"{run}, load average {os.getloadavg()[0]:.1f} at the end. {letters:,} letters, "
        f"{size / letters / 1024:.1f} KB of text each on average.",
        "",
        "| method | seconds | letters/s | CPU ms per letter | time vs plain FTS5 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    base = results[0].seconds
    for result in results:
        lines.append(
            f"| {result.method} | {result.seconds:.1f} | {result.rate:.0f} "
            f"| {result.cpu_seconds / result.letters * 1000:.1f} "
            f"| {result.seconds / base:.1f}× |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
