"""Facts compared across subjects and years: the series behind the facts page and its SVG chart.

A chart is one measure in one unit (``defensiebudget`` in ``EUR``; ``defensie-uitgaven`` in
``% BBP``): values of different units are never drawn on one axis. Bars are grouped by year,
one bar per subject, so a reader compares countries within a year and a country across years.
When several letters state the same measure for the same subject and year, the chart draws the
value of the most recent letter (the table lists them); facts without a year stay in the table
only. The store aggregates the points over all facts, so the chart is never cut short.

The chart is plain server-rendered SVG: no script, no external assets, every label escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

#: Colour per subject, in order: Okabe-Ito first (distinguishable with colour-vision
#: deficiencies), then four more, so that the most subjects a chart draws never share one.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#6A3D9A",
    "#8C564B",
    "#7F7F7F",
    "#9A9A00",
)
#: Drawing area of the chart, in SVG user units.
WIDTH, HEIGHT = 760, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 84, 16, 16, 40
#: Most subjects one chart draws (the largest by value first); the table keeps the rest.
MAX_SUBJECTS = len(PALETTE)
#: Longest legend label (a column is a quarter of the chart wide); the full name is its title.
LEGEND_CHARS = 24
#: Scale words for large amounts, as Dutch letters write them.
SCALES = ((1e9, "mld"), (1e6, "mln"))


def dutch_number(value: float, decimals: int = 1) -> str:
    """``1234.5`` -> ``"1.234,5"``; whole numbers lose their decimals.

    >>> dutch_number(14.7), dutch_number(1600.0), dutch_number(0.8)
    ('14,7', '1.600', '0,8')
    """
    if float(value).is_integer():
        decimals = 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_value(value: float, unit: str | None) -> str:
    """A fact's value as a reader expects it, in its unit.

    >>> format_value(14_700_000_000, "EUR"), format_value(0.8, "% BBP"), format_value(9, "schepen")
    ('€ 14,7 mld', '0,8% BBP', '9 schepen')
    >>> format_value(10e9, "EUR"), format_value(0, "%"), format_value(2.50, "%")
    ('€ 10 mld', '0%', '2,5%')
    """
    unit = unit or ""
    if unit == "EUR" or (len(unit) == 3 and unit.isupper()):
        symbol = "€ " if unit == "EUR" else f"{unit} "
        for size, word in SCALES:
            if abs(value) >= size:
                return f"{symbol}{_trim(dutch_number(value / size, 2))} {word}"
        return f"{symbol}{dutch_number(value, 2)}"
    if unit.startswith("%"):
        return f"{_trim(dutch_number(value, 2))}{unit}"
    return f"{dutch_number(value, 2)} {unit}".strip()


def _trim(number: str) -> str:
    """Trailing decimal zeros dropped: ``"2,50"`` -> ``"2,5"``, ``"10"`` stays ``"10"``."""
    return number.rstrip("0").rstrip(",") if "," in number else number


def build_charts(points: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Charts of the store's fact points (:meth:`ontwar.store.Store.fact_points`): one per
    (measure, unit), each with its years, subjects and points, the largest subjects first.

    >>> points = [
    ...     {"measure": "defensiebudget", "unit": "EUR", "subject": "Zweden", "year": 2027,
    ...      "value": 11.5e9, "doc_id": 1, "doc_date": "2022-07-02", "stated": 1},
    ...     {"measure": "defensiebudget", "unit": "EUR", "subject": "Italië", "year": 2020,
    ...      "value": 14.7e9, "doc_id": 1, "doc_date": "2022-07-02", "stated": 2},
    ... ]
    >>> [(c["measure"], c["years"], c["subjects"]) for c in build_charts(points)]
    [('defensiebudget', [2020, 2027], ['Italië', 'Zweden'])]
    """
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for point in points:
        unit = point["unit"]
        groups.setdefault((point["measure"], unit), []).append(
            {
                "subject": point["subject"],
                "year": int(point["year"]),
                "value": point["value"],
                "label": format_value(point["value"], unit),
                "doc_id": point["doc_id"],
                "date": point["doc_date"],
                "stated": point["stated"],
            }
        )
    charts = []
    for (measure, unit), drawn in sorted(groups.items(), key=lambda item: item[0]):
        biggest: dict[str, float] = {}
        for point in drawn:
            biggest[point["subject"]] = max(biggest.get(point["subject"], 0.0), point["value"])
        kept = sorted(biggest, key=lambda s: -biggest[s])[:MAX_SUBJECTS]
        drawn = sorted(
            (p for p in drawn if p["subject"] in kept), key=lambda p: (p["year"], p["subject"])
        )
        charts.append(
            {
                "measure": measure,
                "unit": unit,
                "years": sorted({p["year"] for p in drawn}),
                "subjects": sorted({p["subject"] for p in drawn}),
                "left_out": sorted(set(biggest) - set(kept)),
                "points": drawn,
            }
        )
    return charts


def render_svg(chart: Mapping[str, Any], *, chart_id: str = "chart") -> str:
    """The chart as an inline SVG: grouped bars (one group per year), axis, ticks and legend.

    Every bar is a ``<rect class="bar">`` carrying ``data-subject``, ``data-year`` and
    ``data-value`` and a ``<title>`` tooltip, so tests and screen readers can read it.

    >>> svg = render_svg({"measure": "m", "unit": "%", "years": [2020], "subjects": ["<A>"],
    ...                   "points": [{"subject": "<A>", "year": 2020, "value": 2.0,
    ...                               "label": "2%"}]})
    >>> svg.count('class="bar"'), "&lt;A&gt;" in svg, "<A>" in svg
    (1, True, False)
    """
    years, subjects, points = chart["years"], chart["subjects"], chart["points"]
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(subjects)}
    legend_rows = math.ceil(len(subjects) / 4) if subjects else 0
    height = HEIGHT + 20 * legend_rows
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    values = [p["value"] for p in points] or [0.0]
    low, high = min(0.0, *values), max(0.0, *values)
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return MARGIN_TOP + plot_h * (high - value) / span

    title = f"{chart['measure']} ({chart['unit']}) per jaar en onderwerp"
    out = [
        f'<svg id="{escape(chart_id)}" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-labelledby="{escape(chart_id)}-title">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_value(tick, chart['unit']))}</text>"
        )
    group_w = plot_w / max(len(years), 1)
    by_year: dict[int, list[Mapping[str, Any]]] = {}
    for point in points:
        by_year.setdefault(point["year"], []).append(point)
    for index, year in enumerate(years):
        x0 = MARGIN_LEFT + index * group_w
        present = sorted(by_year.get(year, []), key=lambda p: subjects.index(p["subject"]))
        bar_w = min(40.0, (group_w * 0.8) / max(len(present), 1))
        start = x0 + (group_w - bar_w * len(present)) / 2
        for slot, point in enumerate(present):
            x = start + slot * bar_w
            top, bottom = sorted((y_of(point["value"]), y_of(0.0)))
            label = f"{point['subject']} {year}: {point['label']}"
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{top:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{max(bottom - top, 0.5):.1f}" fill="{colour[point["subject"]]}" '
                f'data-subject="{escape(point["subject"])}" data-year="{year}" '
                f'data-value="{point["value"]!r}"><title>{escape(label)}</title></rect>'
            )
        out.append(
            f'<text class="year" x="{x0 + group_w / 2:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18}" '
            f'text-anchor="middle">{year}</text>'
        )
    out.append(
        f'<line class="axis" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" '
        f'y1="{y_of(0.0):.1f}" y2="{y_of(0.0):.1f}"/>'
    )
    for index, subject in enumerate(subjects):
        col, row = index % 4, index // 4
        x, y = MARGIN_LEFT + col * (plot_w / 4), HEIGHT + row * 20
        out.append(
            f'<g class="legend"><rect x="{x:.1f}" y="{y - 10}" width="12" height="12" '
            f'fill="{colour[subject]}"/><text x="{x + 16:.1f}" y="{y}">{escape(_short(subject))}'
            f"<title>{escape(subject)}</title></text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _short(label: str, longest: int = LEGEND_CHARS) -> str:
    """A legend label that fits its column: ``"NAVO Defence Investm…"``."""
    return label if len(label) <= longest else label[: longest - 1].rstrip() + "…"


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``[low, high]``.

    >>> _ticks(0, 14.7e9)
    [0.0, 5000000000.0, 10000000000.0, 15000000000.0]
    """
    if high <= low:
        return [low, low + 1.0]
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks, tick = [], first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return [float(t) for t in ticks]
