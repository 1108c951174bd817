"""Benchmark unstacking: character error rate and speed of ontwar against two baselines.

Why: a repair is only worth its cost if it beats doing nothing and beats the obvious shortcut,
and only usable if its time grows no faster than the damage. Three methods read the same pages:

* ``raw``: the damaged page text itself, as an extractor gives it (the cost of doing nothing);
* ``greedy``: ``RepairConfig(greedy=True)``, which removes each known string at its leftmost
  embedding with no language model (the obvious shortcut);
* ``ontwar``: the default ``RepairConfig()``.

Documents are the real seed letter (if ``../shared/seed`` is beside the checkout; its reference
reading comes from :mod:`bench.seedtruth`) and the generated cases of
:func:`ontwar.synth.standard_cases`, whose truth is exact. CER is :func:`ontwar.metrics.cer` per
page; a page the repair did not return counts as empty. Seconds are wall time of one
``recover_text`` call, after one warm-up call that loads the language model (timed apart).
Per-page seconds come from the ``progress`` callback, so they cover unstacking only, not the
final character repair. Run: ``.venv/bin/python bench/recover.py`` (``--quick`` for 8 cases).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.seedtruth import seed_path, seed_truth
from ontwar.metrics import cer, normalise
from ontwar.read.text import read_text
from ontwar.recover import recover_text
from ontwar.repair.config import RepairConfig
from ontwar.synth import standard_cases

METHODS = ("raw", "greedy", "ontwar")
"""Column order everywhere: doing nothing, the shortcut, the real repair."""

CONFIGS = {"greedy": RepairConfig(greedy=True), "ontwar": RepairConfig()}
"""The repair settings of the two methods that run ``recover_text``."""

QUICK_CASES = 8
"""Cases in a ``--quick`` run: 2 to 12 pages, every font, both kinds of damage."""

ERROR_THRESHOLD = 0.02
"""A page above this CER (2%) counts as badly recovered in the summary."""


# --- inputs ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Sample:
    """One document to recover: its input, its damaged pages and each page's truth."""

    name: str
    data: bytes
    raw: list[str]
    truth: list[str]
    generated: bool


def seed_sample() -> Sample | None:
    """The real seed letter with its reference reading, or None when the seed is not here."""
    path = seed_path()
    if path is None:
        return None
    data = path.read_bytes()
    pages = read_text(data, path.name).pages
    raw = ["\n".join(line.text for line in page) for page in pages]
    return Sample(f"seed ({path.name})", data, raw, seed_truth(path), generated=False)


def generated_samples(count: int | None) -> list[Sample]:
    """The first ``count`` standard cases (all if None); building them is slow, so it happens
    before any timing."""
    cases = standard_cases() if count is None else standard_cases(count)
    return [
        Sample(case.name, case.text.encode("utf-8"), case.pages, case.truth, generated=True)
        for case in cases
    ]


# --- measuring ------------------------------------------------------------------------------


@dataclass(slots=True)
class PageTiming:
    """Unstacking time of one page, with the size that should explain it."""

    layers: int
    chars: int
    seconds: float

    @property
    def work(self) -> int:
        """Layers × characters: the size a linear-per-layer repair would scale with."""
        return self.layers * self.chars


@dataclass(slots=True)
class Result:
    """CER per page for each method, seconds per repairing method, and ontwar's page times."""

    sample: Sample
    cers: dict[str, list[float]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    pages: list[PageTiming] = field(default_factory=list)

    def mean(self, method: str) -> float:
        return statistics.fmean(self.cers[method])

    def worst(self, method: str) -> float:
        return max(self.cers[method])


def page_cers(pages: Sequence[str], truth: Sequence[str]) -> list[float]:
    """CER of each truth page; a missing page counts as empty, so it cannot look good."""
    return [cer(pages[k] if k < len(pages) else "", want) for k, want in enumerate(truth)]


def warm_up() -> float:
    """Load the language model once, so that no document's time includes it."""
    started = time.perf_counter()
    recover_text("x\n", "warmup")
    return time.perf_counter() - started


def timed_recover(sample: Sample, config: RepairConfig) -> tuple[list[str], float, list[float]]:
    """Recovered page texts, total seconds and seconds per page (from the progress callback)."""
    marks: list[float] = []
    started = time.perf_counter()
    document = recover_text(
        sample.data, sample.name, config, lambda done, total: marks.append(time.perf_counter())
    )
    seconds = time.perf_counter() - started
    per_page = [end - start for start, end in zip([started, *marks], marks, strict=False)]
    return [page.text for page in document.pages], seconds, per_page


def measure(sample: Sample) -> Result:
    """Run every method on one document."""
    result = Result(sample)
    result.cers["raw"] = page_cers(sample.raw, sample.truth)
    for method, config in CONFIGS.items():
        pages, seconds, per_page = timed_recover(sample, config)
        result.cers[method] = page_cers(pages, sample.truth)
        result.seconds[method] = seconds
        if method == "ontwar":
            result.pages = [
                PageTiming(number, len(sample.raw[number - 1]), page_seconds)
                for number, page_seconds in enumerate(per_page, start=1)
                if number <= len(sample.raw)
            ]
    return result


# --- scaling --------------------------------------------------------------------------------


@dataclass(slots=True)
class Fit:
    """seconds ≈ slope · size, least squares through the origin."""

    slope: float
    r_squared: float


def fit_through_origin(sizes: Sequence[float], seconds: Sequence[float]) -> Fit:
    """Why through the origin: an empty page costs nothing, and a free intercept would hide
    super-linear growth by absorbing the small pages. R² is against the mean, as usual."""
    slope = sum(x * y for x, y in zip(sizes, seconds, strict=True)) / sum(x * x for x in sizes)
    mean = statistics.fmean(seconds)
    residual = sum((y - slope * x) ** 2 for x, y in zip(sizes, seconds, strict=True))
    total = sum((y - mean) ** 2 for y in seconds)
    return Fit(slope, 1 - residual / total if total else 1.0)


def quarter_ratio(pages: Sequence[PageTiming]) -> float:
    """Seconds per unit of work on the deepest quarter of pages over the shallowest quarter.

    Pooled (Σ seconds / Σ work) rather than a mean of ratios, so that tiny first pages, whose
    time is mostly overhead, do not dominate. About 1 means linear in layers × characters.
    """
    ordered = sorted(pages, key=lambda page: (page.layers, page.work))
    quarter = max(len(ordered) // 4, 1)

    def rate(group: Sequence[PageTiming]) -> float:
        return sum(page.seconds for page in group) / sum(page.work for page in group)

    return rate(ordered[-quarter:]) / rate(ordered[:quarter])


# --- tables ---------------------------------------------------------------------------------


def markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain Markdown table, numbers right-aligned (every column but the first)."""
    rule = ["---"] + ["---:"] * (len(header) - 1)
    lines = [header, rule, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def percent(value: float) -> str:
    return f"{100 * value:.2f}"


def quality_table(results: Sequence[Result]) -> str:
    """One row per document (and one for all generated pages): CER and seconds per method."""
    header = ["document", "pages"]
    for method in METHODS:
        header += [f"{method} mean CER %", f"{method} max CER %"]
        if method in CONFIGS:
            header.append(f"{method} s")
    rows = [_quality_row(r.sample.name, [r]) for r in results]
    generated = [r for r in results if r.sample.generated]
    if generated:
        rows.append(_quality_row(f"**all {len(generated)} generated**", generated))
    return markdown(header, rows)


def _quality_row(name: str, results: Sequence[Result]) -> list[str]:
    """Means over pages, not documents, so long letters weigh by their pages."""
    row = [name, str(sum(len(r.sample.truth) for r in results))]
    for method in METHODS:
        cers = [value for r in results for value in r.cers[method]]
        row += [percent(statistics.fmean(cers)), percent(max(cers))]
        if method in CONFIGS:
            row.append(f"{sum(r.seconds[method] for r in results):.2f}")
    return row


def scaling_table(pages: Sequence[PageTiming]) -> str:
    """ontwar's seconds per page by depth: if time grows as layers × characters, the last
    column stays flat; if it grows faster, the last column climbs."""
    rows = []
    for layers in sorted({page.layers for page in pages}):
        group = [page for page in pages if page.layers == layers]
        work = sum(page.work for page in group)
        seconds = sum(page.seconds for page in group)
        rows.append(
            [
                str(layers),
                str(len(group)),
                f"{statistics.fmean(page.chars for page in group):,.0f}",
                f"{work / len(group) / 1e6:.2f}",
                f"{seconds / len(group):.3f}",
                f"{1e6 * seconds / work:.3f}",
            ]
        )
    header = ["layers", "pages", "mean chars", "mean layers×chars (M)", "mean s", "s per M"]
    return markdown(header, rows)


def scaling_summary(pages: Sequence[PageTiming]) -> str:
    """The fit in layers × characters, and for contrast in characters alone."""
    seconds = [page.seconds for page in pages]
    work = fit_through_origin([page.work for page in pages], seconds)
    chars = fit_through_origin([page.chars for page in pages], seconds)
    return (
        f"Fit over {len(pages)} pages: seconds ≈ a · (layers × chars), "
        f"a = {work.slope:.3e} s, R² = {work.r_squared:.3f}; "
        f"deepest/shallowest quarter seconds per (layers × chars) = {quarter_ratio(pages):.2f} "
        f"(≤ ~1.5: no worse than linear). For contrast, seconds ≈ b · chars: "
        f"b = {chars.slope:.3e} s, R² = {chars.r_squared:.3f}."
    )


def summary(results: Sequence[Result]) -> str:
    """The headline: ontwar's CER over generated pages and how it compares with the baselines."""
    generated = [r for r in results if r.sample.generated]
    if not generated:
        return "No generated cases measured."
    means = {m: statistics.fmean(v for r in generated for v in r.cers[m]) for m in METHODS}
    ontwar = [value for r in generated for value in r.cers["ontwar"]]
    above = sum(value > ERROR_THRESHOLD for value in ontwar) / len(ontwar)
    pooled = {m: pooled_cer(generated, m) for m in METHODS}
    return (
        f"Summary: ontwar mean CER over {len(ontwar)} generated pages = "
        f"{percent(means['ontwar'])}%; pages above {100 * ERROR_THRESHOLD:g}% CER: "
        f"{100 * above:.1f}%; mean CER ontwar / greedy / raw = {percent(means['ontwar'])}% / "
        f"{percent(means['greedy'])}% / {percent(means['raw'])}% "
        f"(ratio ontwar/greedy = {_ratio(means['ontwar'], means['greedy'])}, "
        f"ontwar/raw = {_ratio(means['ontwar'], means['raw'])}). Pooled CER (all edits over "
        f"all truth characters, so short pages weigh less) ontwar / greedy / raw = "
        f"{percent(pooled['ontwar'])}% / {percent(pooled['greedy'])}% / {percent(pooled['raw'])}%."
    )


def pooled_cer(results: Sequence[Result], method: str) -> float:
    """Edits over truth characters across all pages: a page of one signature line with a few
    hundred wrong characters otherwise sets the mean on its own."""
    lengths = [len(normalise(truth)) for r in results for truth in r.sample.truth]
    values = [value for r in results for value in r.cers[method]]
    edits = sum(value * max(length, 1) for value, length in zip(values, lengths, strict=True))
    return edits / max(sum(lengths), 1)


def _ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.3f}" if baseline else "-"


# --- running --------------------------------------------------------------------------------


def report(results: Sequence[Result], warmup_seconds: float) -> str:
    """Everything the run printed, as Markdown: tables, scaling and summary."""
    pages = [page for r in results for page in r.pages]
    return "\n\n".join(
        [
            "### CER and time per document",
            quality_table(results),
            f"Seconds exclude the one-off language-model warm-up "
            f'(`recover_text("x\\n", "warmup")` before timing): {warmup_seconds:.2f} s.',
            "### ontwar scaling: seconds per page by depth",
            scaling_table(pages),
            scaling_summary(pages),
            summary(results),
        ]
    )


def run(samples: Sequence[Sample], log: Callable[[str], None]) -> tuple[list[Result], float]:
    """Warm up once, then measure every document, logging progress to stderr."""
    warmup_seconds = warm_up()
    results = []
    for sample in samples:
        results.append(measure(sample))
        log(f"{sample.name}: {results[-1].seconds['ontwar']:.1f} s")
    return results, warmup_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_CASES} cases only")
    parser.add_argument("--cases", type=int, help="number of generated cases (default: all 24)")
    parser.add_argument("--save-table", type=Path, help="also write the Markdown tables here")
    args = parser.parse_args()

    count = args.cases or (QUICK_CASES if args.quick else None)
    seed = seed_sample()
    samples = ([seed] if seed else []) + generated_samples(count)
    if seed is None:
        print("seed not found beside the checkout (../shared/seed); generated cases only")
    results, warmup_seconds = run(samples, lambda line: print(line, file=sys.stderr))
    text = report(results, warmup_seconds)
    print(text)
    if args.save_table:
        args.save_table.write_text(text + "\n")


if __name__ == "__main__":
    main()
