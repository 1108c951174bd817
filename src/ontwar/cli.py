"""The ``ontwar`` command: each subcommand calls one library function and prints its result.

Exit codes are part of the contract users script against: 0 success, 2 bad input (one line on
stderr naming the file and the problem), 1 an internal error.

Commands import the stages beyond recovery (letter, store, web, demo) when they run: a
command-line tool pays its imports on every call, and ``ontwar recover`` should not pay for
regular expressions, SQLite or a web server it does not use.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ontwar import __version__
from ontwar.errors import InputError
from ontwar.model import Document
from ontwar.read.pdf import audit as audit_pdf
from ontwar.recover import recover_path
from ontwar.render import FORMATS

app = typer.Typer(
    name="ontwar",
    help="Untangle Dutch government letters: recover clean text from broken extractions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)
T = TypeVar("T")
OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
]
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Password of an encrypted PDF.")
]


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class AuditFormat(StrEnum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        print(f"ontwar {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Untangle Dutch government letters: recover clean text from broken extractions."""


@app.command()
def recover(
    file: Annotated[Path, typer.Argument(help="Extracted text (or PDF) of a letter.")],
    output: OutputOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    password: PasswordOption = None,
) -> None:
    """Give every page its own text: unstack layered extractions, or read a PDF's visible text.

    Library: :func:`ontwar.recover.recover_path`.
    """
    document = _run(lambda: _recover_with_progress(file, password))
    _emit(FORMATS[format.value](document), output)


class RecordFormat(StrEnum):
    json = "json"
    markdown = "markdown"


class FactsFormat(StrEnum):
    csv = "csv"
    json = "json"


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A letter: extracted text or PDF.")],
    output: OutputOption = None,
    format: Annotated[
        RecordFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RecordFormat.json,
    password: PasswordOption = None,
) -> None:
    """The letter as a record: metadata, sections, references and facts, each with its page.

    JSON follows schema/letter-record.schema.json; Markdown is the clean letter with a
    metadata table. Library: :func:`ontwar.letter.parse_path`.
    """
    from ontwar.letter.parse import parse_document
    from ontwar.letter.render import record_json, record_markdown

    record = _run(lambda: parse_document(_recover_with_progress(file, password)))
    render = record_json if format is RecordFormat.json else record_markdown
    _emit(render(record), output)


@app.command()
def facts(
    files: Annotated[list[Path], typer.Argument(help="Letters: extracted text or PDF.")],
    output: OutputOption = None,
    format: Annotated[
        FactsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = FactsFormat.csv,
) -> None:
    """One row per quantitative fact (amount, percentage, count, year), across letters.

    Each row names its source, page and character span.
    Library: :func:`ontwar.letter.parse_path`.
    """
    from ontwar.letter.parse import parse_document
    from ontwar.letter.render import facts_csv, facts_json

    records = [
        _run(lambda file=file: parse_document(_recover_with_progress(file, None))) for file in files
    ]
    _emit((facts_csv if format is FactsFormat.csv else facts_json)(records), output)


@app.command()
def audit(
    file: Annotated[Path, typer.Argument(help="A PDF letter.")],
    format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AuditFormat.text,
    password: PasswordOption = None,
) -> None:
    """List everything a PDF hides from its reader (the redaction-leak check).

    Counts by reason, and the hidden text per page. Library: :func:`ontwar.read.pdf.audit`.
    """
    report = _run(lambda: audit_pdf(file, password=password, source=str(file)))
    if format is AuditFormat.json:
        _emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", None)
    else:
        _emit(report.render() + "\n", None)


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the sample files.")] = Path(
        "demo-output"
    ),
) -> None:
    """Damage fictional letters, untangle them, and build a searchable sample corpus.

    The damage is a stacked PDF and its fragment-merged text; the corpus (SQLite) holds those
    letters and clean sample letters, as text and PDF. Runs offline on ontwar's own generated
    letters. Library: :func:`ontwar.demo.run_demo`, :func:`ontwar.demo.build_corpus`.
    """
    from ontwar.demo import DATABASE, build_corpus, run_demo

    letters = _run(lambda: run_demo(out))
    table = Table(title="ontwar demo: mean character error rate per page (lower is better)")
    table.add_column("letter", no_wrap=True)
    for column in ("pages", "damaged text", "recovered from text", "read from PDF*"):
        table.add_column(column, justify="right")
    for letter in letters:
        table.add_row(
            letter.name,
            str(letter.pages),
            f"{letter.raw_cer:.1%}",
            f"{letter.text_cer:.2%}",
            f"{letter.pdf_cer:.2%}",
        )
    console = Console()
    console.print(table)
    console.print("* line order ignored: the PDF reader keeps the sidebar apart from the body.")
    report = _run(lambda: build_corpus(out, letters))
    database = out / DATABASE
    console.print(f"sample corpus: {report.summary()} -> {database}", markup=False)
    damaged, pdf, _ = letters[-1].files
    for hint in (
        f"ontwar recover {damaged} -f markdown",
        f"ontwar parse {damaged} -f markdown",
        f"ontwar audit {pdf}",
        f"ontwar search defensiebudget --db {database}",
        f"ontwar serve --db {database}   (then open http://127.0.0.1:8000)",
    ):
        console.print(f"try: {hint}", markup=False, soft_wrap=True)


def _recover_with_progress(file: Path, password: str | None) -> Document:
    if not stderr.is_terminal:
        return recover_path(file, password=password)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True) as bar:
        task = bar.add_task(f"recovering {file.name}", total=None)
        return recover_path(
            file,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            password=password,
        )


def _run(work: Callable[[], T]) -> T:
    """Run ``work``; bad input and internal errors become one line and an exit code."""
    try:
        return work()
    except InputError as error:
        _fail(str(error), 2)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as error:
        if os.environ.get("ONTWAR_DEBUG"):
            raise
        _fail(f"internal error: {type(error).__name__}: {error} (ONTWAR_DEBUG=1 shows more)", 1)


def _emit(content: str, output: Path | None) -> None:
    """Print, or write atomically: a reader never sees a half-written output file."""
    if output is None:
        sys.stdout.write(content)
        return
    try:
        directory = output.resolve().parent
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=directory, prefix=f".{output.name}.", delete=False
        ) as handle:
            handle.write(content)
        umask = os.umask(0)
        os.umask(umask)
        Path(handle.name).chmod(0o666 & ~umask)
        Path(handle.name).replace(output)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror}", 2)


def _fail(message: str, code: int) -> NoReturn:
    """One line on stderr (never wrapped, never a traceback) and the exit code."""
    sys.stderr.write(f"ontwar: {' '.join(message.split())}\n")
    raise typer.Exit(code)


# --- the corpus: ingest, search, show (library: ontwar.store) ---------------------------------

DEFAULT_DB = Path("ontwar.db")
"""The store the corpus commands use without --db (or $ONTWAR_DB): ontwar.db here."""

DbOption = Annotated[
    Path,
    typer.Option(
        "--db", envvar="ONTWAR_DB", help="The corpus database (SQLite; default ontwar.db here)."
    ),
]


class ViewFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Letters (PDF or text) and folders of them.")],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPUs).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 2 when any file failed, not only all.")
    ] = False,
    recovered: Annotated[
        bool,
        typer.Option(
            "--recovered",
            help="Text files are clean already (say, written by `ontwar recover`): parse them "
            "as they are, without unstacking or character repairs. PDFs are read as always.",
        ),
    ] = False,
) -> None:
    """Parse letters into the corpus database: each letter all or nothing, same file once.

    Folders are searched for .pdf and .txt files. Unchanged files are skipped, changed ones
    replace their record; a file that fails is listed on stderr and the batch goes on. Exit 0
    when any file was stored (or already was), 2 when none was (or any, with --strict).
    Library: :func:`ontwar.store.ingest.ingest_paths`.
    """
    from ontwar.store import Store
    from ontwar.store.ingest import IngestReport, ingest_paths

    def work() -> IngestReport:
        with Store(db) as store:
            if not stderr.is_terminal:
                return ingest_paths(store, paths, jobs=jobs, recovered=recovered)
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True) as bar:
                task = bar.add_task("ingesting", total=None)
                return ingest_paths(
                    store,
                    paths,
                    jobs=jobs,
                    progress=lambda done, total, _: bar.update(task, completed=done, total=total),
                    recovered=recovered,
                )

    report = _run(work)
    for path, error in report.failures:
        named = error if path in error else f"{path}: {error}"
        sys.stderr.write(f"ontwar: {' '.join(named.split())}\n")
    sys.stdout.write(f"{report.summary()} into {db}\n")
    if report.succeeded == 0 or (strict and report.failed):
        raise typer.Exit(2)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, AND/OR/NOT, NEAR().')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Hits to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", help="Hits to skip.")] = 0,
    sender: Annotated[str | None, typer.Option("--sender", help="Sender contains.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Dated on or after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Dated on or before.")] = None,
    reference: Annotated[
        str | None, typer.Option("--reference", help="The letter's own reference number.")
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="Subject contains.")] = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ViewFormat.text
    ),
    sql: Annotated[bool, typer.Option("--sql", help="Print the SQL and its params only.")] = False,
) -> None:
    """Search the corpus: Dutch stemming, diacritics folded, best matches first (bm25).

    Snippets mark matches with [ and ]; each hit names its letter id, page and section.
    Library: :meth:`ontwar.store.Store.search`.
    """
    from ontwar.store import Store

    filters = {
        "sender": sender,
        "date_from": date_from,
        "date_to": date_to,
        "reference": reference,
        "subject": subject,
    }

    def work() -> str:
        with Store(db, readonly=True) as store:
            if sql:
                statement, params = store.search_sql(query, limit=limit, offset=offset, **filters)
                return f"{statement};\n-- params: {json.dumps(params, ensure_ascii=False)}\n"
            result = store.search(query, limit=limit, offset=offset, **filters)
        if format is ViewFormat.json:
            return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
        lines = [f"{result.total} letters match {query!r}"]
        for hit in result.hits:
            where = f"p. {hit.page}" + (f", {hit.section}" if hit.section else "")
            lines.append(f"#{hit.doc_id}  {hit.date or '????-??-??'}  {hit.sender or ''}")
            lines.append(f"    {hit.subject or hit.source}")
            lines.append(f"    {where}: {hit.snippet}")
        shown = offset + len(result.hits)
        if shown < result.total:
            lines.append(f"({result.total - shown} more: --offset {shown})")
        return "\n".join(lines) + "\n"

    sys.stdout.write(_run(work))


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(metavar="ID", help="A letter's id (from search).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ViewFormat.text
    ),
) -> None:
    """One letter from the corpus: metadata, text by section, references, facts.

    JSON is the stored record with its id (references carry the id of cited letters in the
    corpus). Library: :meth:`ontwar.store.Store.document`.
    """
    from ontwar.store import Store

    def work() -> dict:
        with Store(db, readonly=True) as store:
            return store.document(doc_id)

    document = _run(work)
    if format is ViewFormat.json:
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    meta = document.get("metadata", {})
    lines = [f"#{document['id']}  {document['source']}  ({document['pages']} pages)"]
    for label, name in (
        ("Afzender", "sender"),
        ("Datum", "date"),
        ("Betreft", "subject"),
        ("Referentie", "reference"),
    ):
        if meta.get(name):
            lines.append(f"{label}: {meta[name]}")
    for section in document.get("sections", []):
        lines.append("")
        if section.get("heading"):
            lines += [f"## {section['heading']}", ""]
        lines += [paragraph["text"] for paragraph in section.get("paragraphs", [])]
    if not document.get("sections"):
        lines += ["", *document.get("page_texts", [])]
    references = document.get("references", [])
    if references:
        lines += ["", "References:"]
        for ref in references:
            target = f"  -> #{ref['target_id']}" if ref.get("target_id") else ""
            lines.append(f"  {ref['kind']}: {ref['text']}{target}")
    facts = document.get("facts", [])
    if facts:
        lines += ["", f"Facts: {len(facts)} (ontwar show {document['id']} -f json lists them)"]
    sys.stdout.write("\n".join(lines) + "\n")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free one).")
    ] = 8000,
) -> None:
    """Browse and search the corpus in a browser, with a JSON API beside it (read-only).

    Pages: / and /search (snippets, filters), /documents/ID (metadata, text by section and
    page, references, facts, raw vs recovered pages, hidden text), /facts (a measure compared
    across subjects and years). Each page's data is under /api (schema: /openapi.json).
    Ctrl-C stops. Library: :func:`ontwar.web.app.create_app`.
    """
    import socket

    import uvicorn

    from ontwar.web.app import create_app

    web = _run(lambda: create_app(db))
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.create_server((host, port), family=family)
    except OSError as error:
        _fail(
            f"cannot listen on {host}:{port} ({error.strerror or error}); "
            "choose another --port or --host",
            2,
        )
    bound = listener.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(
        f"ontwar: serving {db} at http://{shown}:{bound}/ (JSON API under /api, schema at "
        "/openapi.json); Ctrl-C stops\n"
    )
    sys.stderr.flush()
    config = uvicorn.Config(web, log_level="warning", limit_concurrency=64, access_log=False)
    _run(lambda: uvicorn.Server(config).run(sockets=[listener]))


def main() -> None:
    app()
