"""Server-side SVG charts: pure functions from numbers to markup, no JavaScript, no CDN.

Every chart carries a <title> and <desc> (read by screen readers; the page puts a table or text
equivalent beside it) and is drawn to survive black-and-white printing: lines differ by dash
pattern and marker, not only by colour, and heatmap cells print their value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

# (stroke colour, dash pattern, marker) per series: distinguishable in colour and in greyscale.
STYLES = (
    ("#0b4f8a", "", "circle"),
    ("#b35900", "6 3", "square"),
    ("#2e7d32", "2 3", "diamond"),
    ("#6a1b9a", "10 3 2 3", "circle"),
    ("#37474f", "4 4", "square"),
)
FONT = 'font-family="system-ui, Arial, sans-serif" font-size="11"'


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    cid = escape(chart_id, quote=True)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img"'
        f' aria-labelledby="{cid}-title {cid}-desc" {FONT}>',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def _marker(kind: str, x: float, y: float, colour: str, label: str) -> str:
    tip = f"<title>{escape(label)}</title>"
    if kind == "square":
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"'
            f' fill="{colour}">{tip}</rect>'
        )
    if kind == "diamond":
        points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{tip}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">{tip}</circle>'


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    bands: Sequence[tuple[float, float, str]] = (),
    y_range: tuple[float, float] = (1, 5),
    fmt: Callable[[float], str] = lambda v: f"{v:.2f}",
) -> str:
    """A line per series over `labels`; None values are gaps (the line breaks), never zeros.

    `bands` are (start, end, text) in axis units (label i covers [i, i + 1)): period notes,
    drawn as shaded, numbered spans.
    """
    # Below the plot: month labels at -45 degrees (about 42 px deep), then the legend's row.
    width, height = 680, 284
    left, right, top, bottom = 40, 12, 14, 86
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(len(labels), 1)
    step = plot_w / count
    low, high = y_range

    def x_of(index: float) -> float:
        return left + step * (index + 0.5)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    out = _open(chart_id, width, height, title, desc)
    for number, (first, last, text) in enumerate(bands, start=1):
        x0, x1 = left + step * first, left + step * last
        out.append(
            f'<g class="band"><rect x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}"'
            f' height="{plot_h}" fill="#e6e6e6" stroke="#8c8c8c" stroke-dasharray="3 2">'
            f"<title>{escape(text)}</title></rect>"
            f'<text x="{x0 + 3:.1f}" y="{top + 11}" fill="#1b1b1b">[{number}]</text></g>'
        )
    tick = low
    while tick <= high + 1e-9:
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(tick))}</text>'
        )
        tick += 1 if high - low > 2 else 0.5
    every = max(1, round(count / 12))
    for index, label in enumerate(labels):
        if index % every == 0:
            x = x_of(index)
            out.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="end"'
                f' transform="rotate(-45 {x:.1f} {top + plot_h + 14})">{escape(label)}</text>'
            )
    for number, (name, values) in enumerate(series):
        colour, dash, marker = STYLES[number % len(STYLES)]
        segments, current = [], []
        for index, value in enumerate(values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((x_of(index), y_of(value)))
        if current:
            segments.append(current)
        # Not aria-label: a <g> inside role="img" has no role that allows one (axe-core
        # aria-prohibited-attr); the chart's <title>/<desc> and the table carry the names.
        out.append(f'<g class="series" data-series="{escape(name, quote=True)}">')
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(
                    f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(segment)
                )
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                )
        for index, value in enumerate(values):
            if value is not None:
                tip = f"{name}, {labels[index]}: {fmt(value)}"
                out.append(_marker(marker, x_of(index), y_of(value), colour, tip))
        out.append("</g>")
    legend_y = height - 8
    x = left
    for number, (name, _) in enumerate(series):
        colour, dash, marker = STYLES[number % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}"'
            f' stroke="{colour}" stroke-width="2"{dash_attr}/>'
            + _marker(marker, x + 12, legend_y - 4, colour, name)
            + f'<text x="{x + 30}" y="{legend_y}">{escape(name)}</text>'
        )
        x += 40 + 6.5 * len(name)
    out.append("</svg>")
    return "".join(out)


def distribution_bar(chart_id: str, title: str, counts: dict[int, int]) -> str:
    """One stacked bar of the 1-5 counts, each part labelled with its value when it fits."""
    width, height = 220, 22
    total = sum(counts.values())
    parts = ", ".join(f"{value}: {counts.get(value, 0)}" for value in (1, 2, 3, 4, 5))
    out = _open(chart_id, width, height, title, f"{parts} (n = {total})")
    shades = {1: "#a4001d", 2: "#e07b39", 3: "#bdbdbd", 4: "#7fa7cf", 5: "#0b4f8a"}
    inks = {1: "#fff", 2: "#000", 3: "#000", 4: "#000", 5: "#fff"}
    x = 0.0
    for value in (1, 2, 3, 4, 5):
        count = counts.get(value, 0)
        if not total or not count:
            continue
        w = width * count / total
        out.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{shades[value]}"'
            f' stroke="#fff" stroke-width="0.5"><title>{value}: {count}</title></rect>'
        )
        if w >= 12:
            out.append(
                f'<text x="{x + w / 2:.1f}" y="15" text-anchor="middle" fill="{inks[value]}">'
                f"{value}</text>"
            )
        x += w
    if not total:
        out.append(f'<rect width="{width}" height="{height}" fill="none" stroke="#8c8c8c"/>')
    out.append("</svg>")
    return "".join(out)


def interval_chart(
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float, float, float]],
    y_range: tuple[float, float] | None = None,
    fmt: Callable[[float], str] = lambda v: f"{v:.2f}",
) -> str:
    """Means as dots with 95% interval whiskers, one row per (label, mean, lo, hi).

    Without `y_range` the axis zooms to the intervals (labelled, so the zoom is visible):
    on the full 1-5 scale, intervals of 4.89-4.94 and 4.91-4.96 look like one dot.
    """
    width = 560
    row = 26
    left, right, top = 210, 20, 8
    height = top + row * len(items) + 26
    low, high = y_range if y_range else zoomed_range(items)
    plot_w = width - left - right
    step = nice_step(high - low)

    def x_of(value: float) -> float:
        return left + plot_w * (value - low) / (high - low)

    out = _open(chart_id, width, height, title, desc)
    tick = low
    while tick <= high + 1e-9:
        x = x_of(tick)
        axis_y = top + row * len(items)
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{axis_y}" stroke="#d0d0d0"/>'
            f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{escape(fmt(tick))}</text>'
        )
        tick += step
    for index, (label, mean, lo, hi) in enumerate(items):
        y = top + row * index + row / 2
        out.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
            f'<line x1="{x_of(lo):.1f}" x2="{x_of(hi):.1f}" y1="{y:.1f}" y2="{y:.1f}"'
            f' stroke="#1b1b1b" stroke-width="2"/>'
            f'<line x1="{x_of(lo):.1f}" x2="{x_of(lo):.1f}" y1="{y - 5:.1f}" y2="{y + 5:.1f}"'
            f' stroke="#1b1b1b" stroke-width="2"/>'
            f'<line x1="{x_of(hi):.1f}" x2="{x_of(hi):.1f}" y1="{y - 5:.1f}" y2="{y + 5:.1f}"'
            f' stroke="#1b1b1b" stroke-width="2"/>'
            + _marker(
                "circle",
                x_of(mean),
                y,
                "#0b4f8a",
                f"{label}: {fmt(mean)} ({fmt(lo)}–{fmt(hi)})",
            )
        )
    out.append("</svg>")
    return "".join(out)


def nice_step(span: float) -> float:
    """A tick step giving roughly 4-10 ticks over `span`."""
    for step in (0.05, 0.1, 0.2, 0.25, 0.5, 1.0):
        if span / step <= 10:
            return step
    return 1.0


def zoomed_range(items: Sequence[tuple[str, float, float, float]]) -> tuple[float, float]:
    """An axis range around all intervals, on tick boundaries, within the 1-5 scale."""
    lows = [lo for _, _, lo, _ in items] or [1.0]
    highs = [hi for _, _, _, hi in items] or [5.0]
    span = max(max(highs) - min(lows), 0.2)
    step = nice_step(span * 1.2)
    low = max(1.0, math.floor(min(lows) / step) * step)
    high = min(5.0, math.ceil(max(highs) / step) * step)
    if high - low < step:
        low, high = max(1.0, low - step), min(5.0, high + step)
    return low, high


# The heatmap's ends: a pale tint for the best mean, a deep red for the worst, so the eye lands
# on the cells that need attention (and they stay the darkest in greyscale print too).
HEAT_BEST = (247, 244, 240)
HEAT_WORST = (165, 15, 21)


def heat_colour(share: float) -> tuple[str, str]:
    """(fill, ink) for a cell `share` of the way from the worst (0) to the best (1) value."""
    rgb = [round(w + share * (b - w)) for w, b in zip(HEAT_WORST, HEAT_BEST, strict=True)]
    ink = "#000" if _luminance(rgb) > 0.18 else "#fff"  # the ink with the higher contrast
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})", ink


def _luminance(rgb: Sequence[int]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def heatmap(
    chart_id: str,
    title: str,
    desc: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: dict[tuple[int, int], float | None],
    value_range: tuple[float, float] = (1, 5),
    fmt: Callable[[float], str] = lambda v: f"{v:.1f}",
    missing: str = "",
) -> str:
    """A grid of values (rows x columns); darker is lower (worse), and every filled cell prints
    its value. A legend under the grid shows the scale and, given `missing`, what a dash means.

    `value_range` maps to the darkest and palest shade (callers zoom it to the data and say
    so in `desc`). Missing cells (no data, or too few responses) stay white with a dash.
    """
    cell_w, cell_h = 34, 22
    left, top = 46, 18
    legend_h = 40
    grid_w = cell_w * len(column_labels)
    legend_w = left + cell_w * 6 + 18 + round(6.5 * len(missing)) if missing else left + cell_w * 5
    width = max(left + grid_w, legend_w) + 4
    height = top + cell_h * len(row_labels) + 4 + legend_h
    low, high = value_range
    out = _open(chart_id, width, height, title, desc)
    for c, label in enumerate(column_labels):
        out.append(
            f'<text x="{left + cell_w * c + cell_w / 2:.1f}" y="{top - 6}"'
            f' text-anchor="middle">{escape(label)}</text>'
        )
    for r, label in enumerate(row_labels):
        y = top + cell_h * r
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        for c, column in enumerate(column_labels):
            x = left + cell_w * c
            value = cells.get((r, c))
            if value is None:
                out.append(_missing_cell(x, y, cell_w, cell_h))
                continue
            share = min(1.0, max(0.0, (value - low) / (high - low)))
            fill, ink = heat_colour(share)
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}"'
                f' fill="{fill}" stroke="#fff">'
                f"<title>{escape(label)} {escape(column)}: {escape(fmt(value))}</title></rect>"
                f'<text x="{x + cell_w / 2:.1f}" y="{y + 15}" text-anchor="middle"'
                f' fill="{ink}">{escape(fmt(value))}</text>'
            )
    # The legend: five steps from the worst to the best value, then the dash for no value.
    y = top + cell_h * len(row_labels) + 16
    out.append('<g class="legend">')
    for step in range(5):
        share = step / 4
        fill, ink = heat_colour(share)
        x = left + cell_w * step
        value = fmt(low + share * (high - low))
        out.append(
            f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}"'
            f' stroke="#8c8c8c" stroke-width="0.5"/>'
            f'<text x="{x + cell_w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="{ink}">'
            f"{escape(value)}</text>"
        )
    if missing:
        x = left + cell_w * 5 + 12
        out.append(
            _missing_cell(x, y, cell_w, cell_h)
            + f'<text x="{x + cell_w + 6}" y="{y + 15}">{escape(missing)}</text>'
        )
    out.append("</g></svg>")
    return "".join(out)


def _missing_cell(x: float, y: float, width: int, height: int) -> str:
    return (
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="#fff"'
        f' stroke="#d0d0d0"/><text x="{x + width / 2:.1f}" y="{y + 15}"'
        f' text-anchor="middle" fill="#767676">–</text>'
    )
