"""Batch ingest: files parsed in worker processes, written by the parent alone.

Each file is read and hashed in the parent first: content the store already holds is
``unchanged`` without being parsed again. The rest go to a pool of worker processes that
recover and parse them and turn each record into the store's rows (:func:`prepare`); the
parent only writes the rows as they arrive, the letters of one worker batch in one
transaction (:meth:`Store.grouped`), so a killed ingest leaves every earlier batch stored and
no trace of the one in flight. A file that cannot be read or parsed is reported and skipped:
one bad file never stops the batch.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ontwar.errors import InputError
from ontwar.letter.parse import parse_path
from ontwar.store.db import IngestResult, Store
from ontwar.store.rows import DocumentRows

SUFFIXES = (".pdf", ".txt")
"""What a folder is searched for (recursively; hidden files and folders are skipped).
Files named on the command line are taken whatever their name."""

BATCH_FILES = 16
"""Files a worker parses per task (fewer for small inputs, so that every worker gets some)."""

Progress = Callable[[int, int, str], None]
"""``progress(done, total, path)`` after each file."""


@dataclass(slots=True)
class IngestReport:
    """What a batch did: counts by outcome, the failures with their messages, the time."""

    ingested: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    results: list[IngestResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def files(self) -> int:
        return self.ingested + self.replaced + self.unchanged + self.failed

    @property
    def succeeded(self) -> int:
        return self.ingested + self.replaced + self.unchanged

    @property
    def rate(self) -> float:
        """Letters parsed and written per second (``ingested`` + ``replaced``)."""
        return (self.ingested + self.replaced) / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: IngestResult) -> None:
        self.results.append(result)
        if result.status == "ingested":
            self.ingested += 1
        elif result.status == "replaced":
            self.replaced += 1
        else:
            self.unchanged += 1

    def summary(self) -> str:
        return (
            f"ingested {self.ingested}, replaced {self.replaced}, unchanged {self.unchanged}, "
            f"failed {self.failed} of {self.files} files in {self.seconds:.1f} s "
            f"({self.rate:.1f} letters/s)"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "ingested": self.ingested,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "letters_per_second": round(self.rate, 2),
            "failures": [{"path": path, "error": error} for path, error in self.failures],
            "results": [result.to_dict() for result in self.results],
        }


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files to ingest (named files, and :data:`SUFFIXES` files inside named folders)."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and candidate.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
            if not found:
                missing.append((str(path), f"no {' or '.join(SUFFIXES)} files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(path), "no such file or folder; check the path"))
    unique = list(dict.fromkeys(file.resolve() for file in files))
    return unique, missing


def prepare(path: str, recovered: bool = False) -> tuple[DocumentRows, str]:
    """Worker: parse the file at ``path``; return its rows for the store and content hash.

    ``recovered``: text files are clean already and read as they are (PDFs are read as always).
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror}); check the file") from error
    record = parse_path(file, recovered=recovered)
    return DocumentRows.of(record), hashlib.sha256(data).hexdigest()


def _safe_prepare(path: str, recovered: bool) -> tuple[str, object]:
    """:func:`prepare` with every failure turned into a message (pickles cleanly)."""
    try:
        return "ok", prepare(path, recovered)
    except InputError as error:
        return "error", " ".join(str(error).split())
    except Exception as error:
        return "error", f"internal error: {type(error).__name__}: {' '.join(str(error).split())}"


def ingest_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    recovered: bool = False,
) -> IngestReport:
    """Ingest files and folders into ``store`` with ``jobs`` worker processes (1: in-process).

    ``recovered``: the text files are clean already (see :func:`ontwar.recover.read_recovered`).
    """
    started = time.perf_counter()
    report = IngestReport()
    files, missing = discover(paths)
    report.failures.extend(missing)
    total = len(files)
    done = 0
    todo: list[str] = []
    for file in files:
        source = str(file)
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as error:
            report.failures.append((source, f"cannot read ({error.strerror}); check the file"))
            done += 1
            if progress:
                progress(done, total, source)
            continue
        known = store.check(source, digest)
        if known is not None:
            report.add(known)
            done += 1
            if progress:
                progress(done, total, source)
        else:
            todo.append(source)

    def finish(source: str, outcome: tuple[str, object]) -> None:
        nonlocal done
        status, value = outcome
        if status == "ok":  # a failure to write is the store's, not the file's: it stops all
            rows, digest = value  # type: ignore[misc]
            report.add(store.ingest_rows(rows, content_hash=digest))
        else:
            report.failures.append((source, str(value)))
        done += 1
        if progress:
            progress(done, total, source)

    def finish_batch(sources: list[str], outcomes: list[tuple[str, object]]) -> None:
        with store.grouped():
            for source, outcome in zip(sources, outcomes, strict=True):
                finish(source, outcome)

    workers = max(1, jobs or os.cpu_count() or 1)
    if workers == 1 or len(todo) <= 1:
        for source in todo:
            finish(source, _safe_prepare(source, recovered))
    else:
        _in_pool(todo, min(workers, len(todo)), recovered, finish_batch)
    report.seconds = time.perf_counter() - started
    return report


def _in_pool(
    todo: list[str],
    workers: int,
    recovered: bool,
    finish: Callable[[list[str], list[tuple[str, object]]], None],
) -> None:
    """Run :func:`_safe_prepare` over ``todo`` in ``workers`` processes, a few batches ahead.

    Files go to the workers in small batches, and each batch's letters are written together:
    one round trip and one commit per file would cost the parent, which writes every letter,
    about as much as writing it.
    """
    context = multiprocessing.get_context("spawn")  # no inherited SQLite handles or threads
    size = max(1, min(BATCH_FILES, len(todo) // (workers * 4)))
    queue = iter([todo[i : i + size] for i in range(0, len(todo), size)])
    pending: dict[Future[list[tuple[str, object]]], list[str]] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            for batch in queue:
                pending[pool.submit(_prepare_batch, batch, recovered)] = batch
                if len(pending) >= workers * 2:
                    break
            while pending:
                ready, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in ready:
                    batch = pending.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        died = ("error", "the worker parsing it died (crash or out of memory)")
                        outcomes = [died] * len(batch)
                    finish(batch, outcomes)
                    following = next(queue, None)
                    if following is not None:
                        try:
                            pending[pool.submit(_prepare_batch, following, recovered)] = following
                        except BrokenProcessPool:
                            queue = iter([following, *queue])
                            break
            for batch in queue:  # only left over when the pool died
                finish(batch, [("error", "not parsed: the worker pool died")] * len(batch))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _prepare_batch(paths: list[str], recovered: bool) -> list[tuple[str, object]]:
    return [_safe_prepare(path, recovered) for path in paths]
