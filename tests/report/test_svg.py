"""The hand-drawn SVG pictures: escaping, colours, determinism, what each chart marks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from blocs.report import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_network_colours_dash_and_width() -> None:
    panel = svg.NetworkPanel("overall", [("A", "B", 0.8), ("A", "C", -0.4)])
    pos = {"A": (0.0, 0.0), "B": (1.0, 0.0), "C": (0.5, 1.0)}
    root = parse(svg.network_svg([panel], nodes={"A": "a", "B": "b", "C": "c"}, positions=pos))
    lines = [el for el in root.iter(f"{{{NS['s']}}}line") if el.find("s:title", NS) is not None]
    by_title = {el.find("s:title", NS).text: el for el in lines}
    pos_line = by_title["A–B: +0.80"]
    neg_line = by_title["A–C: −0.40"]
    assert pos_line.get("stroke") == svg.BLUE and pos_line.get("stroke-dasharray") is None
    assert neg_line.get("stroke") == svg.VERMILLION and neg_line.get("stroke-dasharray")
    assert float(pos_line.get("stroke-width")) > float(neg_line.get("stroke-width"))


def test_network_node_area_follows_size() -> None:
    panel = svg.NetworkPanel("overall", [])
    pos = {"A": (0.0, 0.0), "B": (1.0, 1.0), "C": (0.5, 0.5)}
    root = parse(
        svg.network_svg(
            [panel], nodes={"A": "a", "B": "b", "C": "c"}, positions=pos, sizes={"A": 4, "B": 1}
        )
    )
    circles = {c.find("s:title", NS).text[0]: c for c in root.iter(f"{{{NS['s']}}}circle")}
    assert float(circles["A"].get("r")) > float(circles["B"].get("r"))
    assert circles["C"].get("stroke-dasharray")  # no size: dotted outline
    assert circles["A"].get("stroke-dasharray") is None


def test_network_escapes_names_and_panel_titles() -> None:
    bad = "<script>alert(1)</script>"
    markup = svg.network_svg(
        [svg.NetworkPanel(bad, [("A", "B", 0.5)])],
        nodes={"A": bad, "B": "b"},
        positions={"A": (0, 0), "B": (1, 1)},
    )
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    parse(markup)  # well-formed


def test_layout_is_deterministic_and_in_unit_square() -> None:
    nodes = ["A", "B", "C", "D"]
    edges = [("A", "B"), ("B", "C")]  # D isolated
    first = svg.network_layout(nodes, edges)
    assert first == svg.network_layout(nodes, edges)
    ax, ay = first["A"]
    bx, by = first["B"]
    cx, cy = first["C"]
    # a path is drawn with B between A and C
    assert abs(ax - cx) + abs(ay - cy) > abs(ax - bx) + abs(ay - by)
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in first.values())


def test_histogram_shades_interval_and_marks_centre() -> None:
    values = np.random.default_rng(0).normal(10.0, 2.0, size=2000)
    lo, hi = np.quantile(values, [0.1, 0.9])
    root = parse(svg.histogram_svg(values, interval=(lo, hi), centre=10.0, unit="USD bn/yr"))
    shaded = [r for r in root.iter(f"{{{NS['s']}}}rect") if r.get("class") == "interval"]
    assert len(shaded) == 1 and float(shaded[0].get("width")) > 0
    centre = [ln for ln in root.iter(f"{{{NS['s']}}}line") if ln.get("class") == "centre"]
    assert len(centre) == 1


def test_histogram_without_values_says_so() -> None:
    assert "no values" in svg.histogram_svg([])


def test_tornado_bars_per_driver() -> None:
    rows = [("credibility", 30.0, 10.0), ("horizon", 18.0, 25.0)]
    root = parse(svg.tornado_svg(rows, base=20.0, unit="USD bn/yr"))
    bars = [r for r in root.iter(f"{{{NS['s']}}}rect") if r.find("s:title", NS) is not None]
    assert len(bars) == 4
    assert {b.get("fill") for b in bars} == {svg.BLUE, svg.VERMILLION}


def test_line_and_bar_charts_escape_labels() -> None:
    bad = "<b>&"
    line = svg.line_svg({bad: [(2000, 0.1), (2001, 0.4)]}, title=bad)
    bar = svg.bar_svg([(bad, -1.0), ("x", 2.0)], title=bad)
    for markup in (line, bar):
        assert "<b>" not in markup and "&lt;b&gt;&amp;" in markup
        parse(markup)


@pytest.mark.parametrize(
    ("value", "text"),
    [(12_300_000_000, "12.3 bn"), (450_000_000, "450 m"), (0.5, "0.5"), (float("nan"), "n/a")],
)
def test_format_number(value: float, text: str) -> None:
    assert svg.format_number(value) == text
