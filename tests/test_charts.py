"""The SVG charts: well-formed, accessible, gaps for missing months, printable."""

import xml.etree.ElementTree as ET

import pytest

from survey import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_line_chart_breaks_the_line_at_missing_months_and_draws_notes():
    svg = charts.line_chart(
        "t",
        "Monthly mean <per desk>",
        "Means & gaps",
        ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05"],
        [("IND", [4.5, 4.6, None, None, 4.8]), ("Expat Centre", [None, 4.2, 4.3, 4.4, None])],
        bands=[(2.5, 4.0, "Desks closed")],
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.find("svg:title", NS).text == "Monthly mean <per desk>"
    assert root.find("svg:desc", NS).text == "Means & gaps"
    paths = root.findall(".//svg:g[@class='series']/svg:path", NS)
    # IND: one segment (Jan-Feb); May stands alone as a marker. Expat: one segment Feb-Apr.
    assert len(paths) == 2
    assert [p.get("d").count("L") for p in paths] == [1, 2]
    markers = root.findall(".//svg:g[@class='series']/*[svg:title]", NS)
    tips = [m.find("svg:title", NS).text for m in markers]
    assert "IND, 2020-05: 4.80" in tips and len(tips) == 6  # no marker, and no zero, for a gap
    band = root.find(".//svg:g[@class='band']/svg:rect", NS)
    assert band.find("svg:title", NS).text == "Desks closed"
    assert float(band.get("width")) > 0


def test_line_chart_never_draws_a_missing_value_as_zero():
    svg = charts.line_chart("z", "t", "d", ["a", "b", "c"], [("x", [None, None, None])])
    series = parse(svg).find(".//svg:g[@class='series']", NS)
    assert list(series) == []


def test_distribution_bar_describes_every_count():
    svg = charts.distribution_bar("d", "IND", {1: 1, 2: 0, 3: 2, 4: 3, 5: 14})
    root = parse(svg)
    assert root.find("svg:desc", NS).text == "1: 1, 2: 0, 3: 2, 4: 3, 5: 14 (n = 20)"
    widths = [float(r.get("width")) for r in root.findall("svg:rect", NS)]
    assert len(widths) == 4 and sum(widths) == pytest.approx(220, abs=0.5)


def test_interval_chart_zooms_to_the_intervals_and_labels_the_axis():
    svg = charts.interval_chart(
        "ci", "t", "d", [("A", 4.93, 4.9, 4.96), ("B", 4.95, 4.92, 4.98)], fmt=lambda v: f"{v:.2f}"
    )
    root = parse(svg)
    ticks = [t.text for t in root.findall("svg:text", NS) if t.get("text-anchor") == "middle"]
    assert ticks[0] <= "4.90" and ticks[-1] >= "4.98" and "1.00" not in ticks
    assert "A: 4.93 (4.90–4.96)" in svg


def test_heatmap_prints_values_and_leaves_missing_cells_empty():
    svg = charts.heatmap(
        "h", "t", "d", ["Mon", "Tue"], ["09", "10"], {(0, 0): 4.2, (1, 1): 3.1}, (3.0, 5.0)
    )
    root = parse(svg)
    texts = [t.text for t in root.findall("svg:text", NS)]
    assert "4.2" in texts and "3.1" in texts and texts.count("–") == 2
    assert "Mon 09: 4.2" in svg and "Tue 10: 3.1" in svg


def test_text_is_escaped():
    svg = charts.heatmap("h", "<b>", "a & b", ["<r>"], ["c"], {(0, 0): 5.0})
    parse(svg)  # well-formed despite markup-like labels
    assert "<b>" not in svg and "&lt;r&gt;" in svg


def test_heatmap_darkens_the_worst_cells_and_has_a_legend():
    svg = charts.heatmap(
        "h", "t", "d", ["Mon"], ["09", "10"], {(0, 0): 3.0, (0, 1): 5.0}, (3.0, 5.0), missing="few"
    )
    root = parse(svg)
    fills = {
        r.find("svg:title", NS).text: r.get("fill")
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.find("svg:title", NS) is not None
    }

    def lightness(fill: str) -> int:
        return sum(int(part) for part in fill[4:-1].split(","))

    assert lightness(fills["Mon 09: 3.0"]) < lightness(fills["Mon 10: 5.0"])  # worst is darkest
    legend = root.find("svg:g[@class='legend']", NS)
    texts = [t.text for t in legend.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["3.0", "3.5", "4.0", "4.5", "5.0", "–", "few"]


def test_heat_colours_keep_their_ink_readable():
    for step in range(11):
        fill, ink = charts.heat_colour(step / 10)
        rgb = [int(part) for part in fill[4:-1].split(",")]
        ink_rgb = [0, 0, 0] if ink == "#000" else [255, 255, 255]
        lighter, darker = sorted([charts._luminance(rgb), charts._luminance(ink_rgb)], reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, fill
