"""The main job on an embedded sample: damage fictional letters, untangle them, build a corpus.

No network and no server: ontwar's own generator writes fictional Kamerbrieven, typesets them,
stacks every earlier page under each page of a PDF, and extracts that PDF the way a
fragment-sorting extractor does. ontwar then recovers each page from the damaged text and
reads the PDF's visible text; both are scored against the exact truth. Finally the damaged
letters and a few dozen clean ones (text and PDF) are parsed and ingested into a local SQLite
corpus that ``ontwar search`` and ``ontwar serve`` open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ontwar.metrics import cer
from ontwar.read.pdf import read_pdf
from ontwar.recover import recover_text
from ontwar.render import to_text
from ontwar.store import Store
from ontwar.store.ingest import IngestReport, ingest_paths
from ontwar.synth import clean_letter, make_case
from ontwar.synth.typeset import FONTS, FOOTERS

DEMO_CASES = (4, 7, 13)
"""Sample letters of 4 to 7 pages: small enough to run in seconds, deep enough to merge."""
CORPUS_LETTERS = range(100, 142)
"""Clean fictional letters added to the sample corpus, every topic six times (half as PDFs)."""
DATABASE = "ontwar.db"


@dataclass(frozen=True, slots=True)
class DemoLetter:
    """One sample letter's figures: mean character error rate before and after."""

    name: str
    pages: int
    raw_cer: float
    text_cer: float
    pdf_cer: float
    """Of the PDF reader's visible text, comparing lines regardless of their order."""
    files: tuple[Path, ...]


def run_demo(out: Path, cases: tuple[int, ...] = DEMO_CASES) -> list[DemoLetter]:
    """Write each sample's damaged text, stacked PDF and recoveries to ``out``; score them."""
    out.mkdir(parents=True, exist_ok=True)
    letters = []
    for index in cases:
        case = make_case(index)
        damaged, pdf = out / f"{case.name}.txt", out / f"{case.name}.pdf"
        damaged.write_text(case.text, encoding="utf-8")
        pdf.write_bytes(case.pdf)
        from_text = recover_text(case.text, str(damaged))
        from_pdf = read_pdf(case.pdf, source=str(pdf)).document
        recovered = out / f"{case.name}.recovered.txt"
        recovered.write_text(to_text(from_text), encoding="utf-8")
        letters.append(
            DemoLetter(
                case.name,
                len(case.truth),
                _mean(cer(raw, truth) for raw, truth in zip(case.pages, case.truth, strict=True)),
                _mean(cer(p.text, t) for p, t in zip(from_text.pages, case.truth, strict=True)),
                _mean(
                    cer(_sorted_lines(p.text), _sorted_lines(t))
                    for p, t in zip(from_pdf.pages, case.truth, strict=True)
                ),
                (damaged, pdf, recovered),
            )
        )
    return letters


def build_corpus(out: Path, letters: list[DemoLetter], jobs: int | None = None) -> IngestReport:
    """Write the clean sample letters beside the damaged ones and ingest them all into
    ``out/ontwar.db`` (ingest is idempotent: a second run finds everything unchanged)."""
    files = [path for letter in letters for path in letter.files[:2]]
    corpus = out / "corpus"
    corpus.mkdir(exist_ok=True)
    for seed in CORPUS_LETTERS:
        font = list(FONTS)[seed % len(FONTS)]
        sample = clean_letter(seed, 1 + seed % 3, font, FOOTERS[seed % len(FOOTERS)])
        name = f"{seed}-{sample.letter.topic}"
        if seed % 2:
            path = corpus / f"{name}.pdf"
            path.write_bytes(sample.pdf)
        else:
            path = corpus / f"{name}.txt"
            path.write_text(sample.text, encoding="utf-8")
        files.append(path)
    with Store(out / DATABASE) as store:
        return ingest_paths(store, files, jobs=jobs)


def _sorted_lines(text: str) -> str:
    """The lines in sorted order: the PDF reader keeps the sidebar apart from the body, where
    the extraction truth interleaves them by baseline, so only content is compared."""
    return "\n".join(sorted(line.strip() for line in text.splitlines() if line.strip()))


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
