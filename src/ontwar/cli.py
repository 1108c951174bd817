"""The ``ontwar`` command: each subcommand calls one library function and prints its result.

Exit codes are part of the contract users script against: 0 success, 2 bad input (one line on
stderr naming the file and the problem), 1 an internal error.
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
from ontwar.demo import run_demo
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
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    password: Annotated[
        str | None, typer.Option("--password", help="Password of an encrypted PDF.")
    ] = None,
) -> None:
    """Give every page its own text: unstack layered extractions, or read a PDF's visible text.

    Library: :func:`ontwar.recover.recover_path`.
    """
    document = _run(lambda: _recover_with_progress(file, password))
    _emit(FORMATS[format.value](document), output)


@app.command()
def audit(
    file: Annotated[Path, typer.Argument(help="A PDF letter.")],
    format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AuditFormat.text,
    password: Annotated[
        str | None, typer.Option("--password", help="Password of an encrypted PDF.")
    ] = None,
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
    """Damage fictional letters (stacked PDF, fragment-merged text), then untangle them.

    Runs offline on ontwar's own generated letters. Library: :func:`ontwar.demo.run_demo`.
    """
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
    damaged, pdf, _ = letters[-1].files
    for hint in (f"ontwar recover {damaged} -f markdown", f"ontwar audit {pdf}"):
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


def main() -> None:
    app()
