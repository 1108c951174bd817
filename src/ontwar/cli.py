"""The ``ontwar`` command: each subcommand calls one library function and prints its result.

Exit codes are part of the contract users script against: 0 success, 2 bad input (one line on
stderr naming the file and the problem), 1 an internal error.
"""

from __future__ import annotations

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

from ontwar import __version__
from ontwar.errors import InputError
from ontwar.model import Document
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
) -> None:
    """Give every page of a layered (stacked) extraction back its own text.

    Library: :func:`ontwar.recover.recover_path`.
    """
    document = _run(lambda: _recover_with_progress(file))
    _emit(FORMATS[format.value](document), output)


def _recover_with_progress(file: Path) -> Document:
    if not stderr.is_terminal:
        return recover_path(file)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=stderr, transient=True) as bar:
        task = bar.add_task(f"recovering {file.name}", total=None)
        return recover_path(
            file, progress=lambda done, total: bar.update(task, completed=done, total=total)
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
