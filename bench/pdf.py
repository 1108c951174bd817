"""Benchmark ontwar's PDF reader against common extractors: speed and character error rate.

Why: the reader must be both right (only the visible text, in reading order) and fast enough for
2,000-page files. Every PDF is generated with exact truth by :mod:`ontwar.synth.hiding`:

* ``hiding``: every hiding method, look-alike and layout case, in three writing styles;
* ``stacked-16``: the seed's damage - page k repeats pages 1..k-1 under a white cover;
* ``letter-50``: a 50-page house-style letter (sidebar on every page, no hidden text).

Extractors: ontwar, pdftotext (poppler-utils, if the binary exists), pypdfium2 ``get_text_range``,
pdfminer.six, pdfplumber, and PyMuPDF only if importable (never a dependency). CER is the
Levenshtein distance divided by the truth's length, summed per page, on text normalised as
:mod:`ontwar.metrics` does (line by line, blank lines ignored). Speed is wall time (best of
``--repeat`` runs, one process, one core); pdftotext's time includes starting one process per
file. Run: ``.venv/bin/python bench/pdf.py`` (``--quick`` for one writing style).
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from rapidfuzz.distance import Levenshtein

from ontwar.metrics import normalise
from ontwar.read.pdf import read_pdf
from ontwar.synth import hiding as synth

Extractor = Callable[[bytes], list[str]]
"""PDF bytes -> text per page."""


# --- extractors -----------------------------------------------------------------------------


def ontwar_pages(data: bytes) -> list[str]:
    return [page.text for page in read_pdf(data).document.pages]


def pypdfium2_pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    texts = []
    for index in range(len(pdf)):
        page = pdf[index]
        text_page = page.get_textpage()
        texts.append(text_page.get_text_range())
        text_page.close()
        page.close()
    pdf.close()
    return texts


def pdftotext_pages(data: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        output = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", handle.name, "-"],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8", "replace")
    return output.split("\f")[:-1] if output.endswith("\f") else output.split("\f")


def pdfminer_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    text = extract_text(io.BytesIO(data))
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdfplumber_pages(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pymupdf_pages(data: bytes) -> list[str]:
    import fitz  # PyMuPDF; optional, only benchmarked when installed

    with fitz.open(stream=data, filetype="pdf") as pdf:
        return [page.get_text() for page in pdf]


def available_extractors() -> dict[str, Extractor]:
    """Every extractor that can run here, pdftotext first (the reference for ratios)."""
    extractors: dict[str, Extractor] = {}
    if shutil.which("pdftotext"):
        extractors["pdftotext"] = pdftotext_pages
    extractors["ontwar"] = ontwar_pages
    extractors["pypdfium2"] = pypdfium2_pages
    for name, module, function in (
        ("pdfminer.six", "pdfminer", pdfminer_pages),
        ("pdfplumber", "pdfplumber", pdfplumber_pages),
        ("pymupdf", "fitz", pymupdf_pages),
    ):
        try:
            __import__(module)
        except ImportError:
            continue
        extractors[name] = function
    return extractors


# --- scoring --------------------------------------------------------------------------------


def errors(pages: list[str], truth: tuple[str, ...]) -> tuple[int, int]:
    """(edit distance, truth length) summed over pages, normalised as :mod:`ontwar.metrics`
    does (line by line, blank lines ignored); missing or extra pages count whole."""
    total_distance = total_length = 0
    for index in range(max(len(pages), len(truth))):
        got = normalise(pages[index]) if index < len(pages) else ""
        want = normalise(truth[index]) if index < len(truth) else ""
        total_distance += Levenshtein.distance(got, want)
        total_length += len(want)
    return total_distance, total_length


# --- running --------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    tool: str
    dataset: str
    pages: int
    seconds: float
    distance: int
    length: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")

    @property
    def cer(self) -> float:
        return self.distance / self.length if self.length else 0.0


def datasets(quick: bool) -> dict[str, list[synth.SynthPdf]]:
    styles = [synth.TextStyle.LINE] if quick else list(synth.TextStyle)
    hiding = [case for style in styles for case in synth.all_cases(style)]
    return {
        "hiding": hiding,
        "stacked-16": [synth.stacked(16)],
        "letter-50": [synth.long_letter(50)],
    }


def run(
    tool: str, extract: Extractor, name: str, cases: list[synth.SynthPdf], repeat: int
) -> Score:
    best = float("inf")
    outputs: list[list[str]] = []
    for _ in range(repeat):
        started = time.perf_counter()
        outputs = [extract(case.data) for case in cases]
        best = min(best, time.perf_counter() - started)
    total_distance = total_length = 0
    for case, pages in zip(cases, outputs, strict=True):
        d, n = errors(pages, case.pages)
        total_distance += d
        total_length += n
    pages = sum(len(case.pages) for case in cases)
    return Score(tool, name, pages, best, total_distance, total_length)


def table(scores: list[Score]) -> str:
    """One row per tool and dataset, with speed and CER relative to pdftotext."""
    reference = {s.dataset: s for s in scores if s.tool == "pdftotext"}
    header = (
        f"{'dataset':<11} {'tool':<13} {'pages':>5} {'seconds':>8} {'pages/s':>8} "
        f"{'x speed':>8} {'CER %':>8} {'x CER':>8}"
    )
    lines = [header, "-" * len(header)]
    for score in scores:
        ref = reference.get(score.dataset)
        speed = f"{score.pages_per_second / ref.pages_per_second:.2f}" if ref else "-"
        quality = f"{score.cer / ref.cer:.3f}" if ref and ref.cer else "-"
        lines.append(
            f"{score.dataset:<11} {score.tool:<13} {score.pages:>5} {score.seconds:>8.3f} "
            f"{score.pages_per_second:>8.1f} {speed:>8} {100 * score.cer:>8.3f} {quality:>8}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one writing style only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; best counts")
    parser.add_argument("--tools", nargs="*", help="only these tools (default: all available)")
    parser.add_argument("--save", type=Path, help="also write the generated PDFs here")
    args = parser.parse_args()

    data = datasets(args.quick)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for cases in data.values():
            for case in cases:
                (args.save / f"{case.name}.pdf").write_bytes(case.data)
    extractors = available_extractors()
    if "pdftotext" not in extractors:
        print("pdftotext not found (apt-get install -y poppler-utils); no ratios")
    scores = []
    for name, cases in data.items():
        for tool, extract in extractors.items():
            if args.tools and tool not in args.tools:
                continue
            repeat = args.repeat if tool in ("ontwar", "pdftotext", "pypdfium2") else 1
            scores.append(run(tool, extract, name, cases, repeat))
    print(table(scores))


if __name__ == "__main__":
    main()
