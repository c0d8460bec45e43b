"""Static SVG pictures for the report and the what-if page, every text escaped.

The pictures are drawn by hand rather than with a plotting library so that a report opens offline
with no JavaScript, a chart costs microseconds (the what-if page redraws on every change) and the
markup is deterministic (snapshot tests compare it byte for byte). Colours are the Okabe–Ito
colour-blind-safe pair: blue ``#0072B2`` for positive ties and vermillion ``#D55E00`` (dashed)
for negative ones.

Examples
--------
>>> svg = histogram_svg([1.0, 2.0, 2.5, 3.0], interval=(1.5, 2.8), unit="USD bn/yr")
>>> svg.startswith("<svg") and "</svg>" in svg
True
>>> "&lt;b&gt;" in bar_svg([("<b>", 1.0)])
True

References
----------
.. [1] Gansner, E. R., Koren, Y. & North, S. (2004). Graph drawing by stress majorization.
   Graph Drawing 2004, LNCS 3383, 239–250.
.. [2] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
   presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
from markupsafe import Markup, escape

BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
GREY = "#7f7f7f"
INK = "#222222"
SERIES_COLOURS = (BLUE, VERMILLION, GREEN, ORANGE, SKY, "#CC79A7", "#F0E442", INK)

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\""


def _n(x: float) -> str:
    """A coordinate with at most one decimal, stable across platforms."""
    r = round(float(x), 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def _svg_open(width: float, height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}"'
        f' viewBox="0 0 {_n(width)} {_n(height)}" role="img" aria-label="{escape(label)}" {FONT}'
        ' font-size="11">'
    )


def format_number(value: float, unit: str | None = None) -> str:
    """A figure for people: ``12.3 bn``, ``450 m``, ``0.62``, with an optional unit.

    >>> format_number(12_300_000_000, "USD/yr")
    '12.3 bn USD/yr'
    >>> format_number(0.625)
    '0.625'
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        text = "n/a"
    else:
        v = float(value)
        a = abs(v)
        if a >= 1e12:
            text = f"{v / 1e12:.3g} tn"
        elif a >= 1e9:
            text = f"{v / 1e9:.3g} bn"
        elif a >= 1e6:
            text = f"{v / 1e6:.3g} m"
        elif a >= 1e4:
            text = f"{v:,.0f}"
        else:
            text = f"{v:.3g}"
    return f"{text} {unit}" if unit else text


# -- the signed network --------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkPanel:
    """One small multiple: a title and the signed edges ``(a, b, weight)`` to draw."""

    title: str
    edges: Sequence[tuple[str, str, float]]


def network_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    iterations: int = 100,
    spread: int = 60,
) -> dict[str, tuple[float, float]]:
    """Node positions in [0, 1]² by stress majorization on shortest-path distances.

    Classical multidimensional scaling gives the start, ``iterations`` SMACOF steps (de Leeuw
    1977; Gansner, Koren & North 2004) lower the stress; pairs in different components are put
    one step beyond the longest path; ``spread`` steps of networkx's spring layout from there
    (fixed seed) pull apart nodes that the distances alone would stack. Deterministic: the same
    network always gets the same picture, and every panel of a figure shares these positions.
    """
    names = list(dict.fromkeys(nodes))
    n = len(names)
    if n == 0:
        return {}
    if n == 1:
        return {names[0]: (0.5, 0.5)}
    g = nx.Graph()
    g.add_nodes_from(names)
    g.add_edges_from((a, b) for a, b in edges if a in g and b in g and a != b)
    index = {v: i for i, v in enumerate(names)}
    d = np.full((n, n), np.inf)
    for source, lengths in nx.all_pairs_shortest_path_length(g):
        for target, length in lengths.items():
            d[index[source], index[target]] = length
    finite = d[np.isfinite(d)]
    d[~np.isfinite(d)] = (finite.max() if finite.size else 1.0) + 1.0
    np.fill_diagonal(d, 0.0)
    # classical MDS start
    j = np.eye(n) - 1.0 / n
    b = -0.5 * j @ (d**2) @ j
    values, vectors = np.linalg.eigh(b)
    top = np.argsort(values)[::-1][:2]
    x = vectors[:, top] * np.sqrt(np.maximum(values[top], 1e-9))
    x = x * np.where(x[np.argmax(np.abs(x), axis=0), [0, 1]] < 0, -1.0, 1.0)
    # SMACOF with weights 1/d² (stress majorization)
    w = np.zeros_like(d)
    off = d > 0
    w[off] = 1.0 / d[off] ** 2
    v = -w.copy()
    np.fill_diagonal(v, w.sum(axis=1))
    v_pinv = np.linalg.pinv(v)
    for _ in range(iterations):
        dist = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
        ratio = np.zeros_like(d)
        mask = dist > 1e-12
        ratio[mask] = w[mask] * d[mask] / dist[mask]
        bz = -ratio
        np.fill_diagonal(bz, ratio.sum(axis=1))
        x = v_pinv @ bz @ x
    # nodes with the same distances to all others coincide: a short force-directed pass from
    # this start (fixed seed) separates them without undoing the overall shape
    x = _unit(x)
    # tiny deterministic offsets so that coinciding nodes have a direction to separate in
    angle = 2 * np.pi * np.arange(n) / n
    x = x + 1e-3 * np.column_stack([np.cos(angle), np.sin(angle)])
    start = {v: x[i] for i, v in enumerate(names)}
    pos = nx.spring_layout(
        g, pos=start, k=1.2 / math.sqrt(n), iterations=spread, seed=0, threshold=1e-5
    )
    x = _unit(np.array([pos[v] for v in names], dtype=float))
    return {v: (float(px), float(py)) for v, (px, py) in zip(names, x, strict=True)}


def _unit(x: np.ndarray) -> np.ndarray:
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    return (x - lo) / span


def network_svg(
    panels: Sequence[NetworkPanel],
    *,
    nodes: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, float] | None = None,
    blocs: Iterable[str] = (),
    memberships: Iterable[tuple[str, str]] = (),
    panel_width: int = 280,
    panel_height: int = 240,
    columns: int = 3,
    legend: bool = True,
) -> Markup:
    """Small multiples of a signed network, one panel per channel, as one SVG.

    Positive ties are solid blue, negative ties dashed vermillion, the width grows with the
    strength; node area grows with ``sizes`` (actors without a size get the smallest circle
    drawn with a dotted outline); blocs are grey squares, their memberships dotted grey lines.

    Parameters
    ----------
    panels : the panels, in reading order.
    nodes : node id → display name (every node drawn in every panel).
    positions : node id → (x, y) in [0, 1]², e.g. from :func:`network_layout`.
    sizes : node id → size measure (any positive unit); ``None`` draws equal circles.
    legend : draw the legend under the panels.
    blocs : the ids to draw as blocs.
    memberships : (member, bloc) pairs, drawn in every panel.
    """
    sizes = dict(sizes or {})
    bloc_set = set(blocs)
    columns = max(1, min(columns, len(panels)))
    rows = max(1, math.ceil(len(panels) / columns))
    legend_h = 34 if legend else 0
    width = columns * panel_width
    height = rows * panel_height + legend_h
    pad = 30
    positive = [v for k, v in sizes.items() if k in nodes and v and v > 0]
    biggest = max(positive) if positive else 1.0

    def radius(node: str) -> float:
        value = sizes.get(node)
        if value is None or value <= 0:
            return 5.0
        return 5.0 + 11.0 * math.sqrt(value / biggest)

    out = [_svg_open(width, height, "Signed network of the scenario, one panel per channel")]
    out.append('<g class="blocs-net">')
    for i, panel in enumerate(panels):
        ox = (i % columns) * panel_width
        oy = (i // columns) * panel_height

        def at(node: str, ox: float = ox, oy: float = oy) -> tuple[float, float]:
            x, y = positions.get(node, (0.5, 0.5))
            return (
                ox + pad + x * (panel_width - 2 * pad),
                oy + pad + 8 + y * (panel_height - 2 * pad - 14),
            )

        out.append(f'<g class="panel" data-panel="{escape(panel.title)}">')
        out.append(
            f'<rect x="{_n(ox + 2)}" y="{_n(oy + 2)}" width="{_n(panel_width - 4)}"'
            f' height="{_n(panel_height - 4)}" fill="#fafafa" stroke="#ddd" rx="4"/>'
        )
        out.append(
            f'<text font-weight="600" font-size="12" x="{_n(ox + 10)}" y="{_n(oy + 18)}">'
            f"{escape(panel.title)}</text>"
        )
        for member, bloc in memberships:
            if member in nodes and bloc in nodes:
                (x1, y1), (x2, y2) = at(member), at(bloc)
                out.append(
                    f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
                    f' stroke="#bbb" stroke-width="1" stroke-dasharray="1 3"/>'
                )
        if not panel.edges:
            out.append(
                f'<text x="{_n(ox + panel_width / 2)}" y="{_n(oy + panel_height - 10)}"'
                ' text-anchor="middle" fill="#777">no ties in this channel</text>'
            )
        for a, b, w in sorted(panel.edges, key=lambda e: abs(e[2])):
            if a not in nodes or b not in nodes or w == 0:
                continue
            (x1, y1), (x2, y2) = at(a), at(b)
            colour = BLUE if w > 0 else VERMILLION
            dash = "" if w > 0 else ' stroke-dasharray="7 4"'
            sign = "+" if w > 0 else "−"
            out.append(
                f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
                f' stroke="{colour}" stroke-width="{_n(1 + 5 * min(1.0, abs(w)))}"'
                f' stroke-linecap="round"{dash}><title>{escape(a)}–{escape(b)}: {sign}'
                f"{abs(w):.2f}</title></line>"
            )
        for node, name in nodes.items():
            x, y = at(node)
            label = f"{node}: {name}"
            if node in bloc_set:
                s = 8.0
                out.append(
                    f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}"'
                    f' height="{_n(2 * s)}" rx="2" fill="#d9d9d9" stroke="#555">'
                    f"<title>{escape(label)} (bloc)</title></rect>"
                )
                r = s
            else:
                r = radius(node)
                dotted = ' stroke-dasharray="2 2"' if sizes and node not in sizes else ""
                out.append(
                    f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="#ffffff"'
                    f' stroke="#333" stroke-width="1.2"{dotted}><title>{escape(label)}'
                    f"</title></circle>"
                )
            out.append(
                f'<text font-size="10" x="{_n(x)}" y="{_n(y + r + 11)}" text-anchor="middle">'
                f"{escape(node)}</text>"
            )
        out.append("</g>")
    ly = rows * panel_height + 20
    out.append(
        ""
        if not legend
        else f'<g class="legend"><line x1="10" y1="{_n(ly)}" x2="40" y2="{_n(ly)}" stroke="{BLUE}"'
        f' stroke-width="3"/><text x="46" y="{_n(ly + 4)}">positive tie</text>'
        f'<line x1="130" y1="{_n(ly)}" x2="160" y2="{_n(ly)}" stroke="{VERMILLION}"'
        f' stroke-width="3" stroke-dasharray="7 4"/><text x="166" y="{_n(ly + 4)}">negative tie'
        f'</text><text x="260" y="{_n(ly + 4)}">width: strength; circle area: '
        f"{'size measure' if sizes else 'equal (no size measure)'}"
        f"{'; squares: blocs' if bloc_set else ''}</text></g>"
    )
    out.append("</g></svg>")
    return Markup("".join(out))


# -- charts ----------------------------------------------------------------------------------------


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    first = math.ceil(lo / step) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 12))
        t += step
    return ticks


def histogram_svg(
    values: Sequence[float] | np.ndarray | None = None,
    *,
    bins: Sequence[tuple[float, float, float]] | None = None,
    interval: tuple[float, float] | None = None,
    centre: float | None = None,
    marker: float | None = None,
    marker_label: str = "",
    unit: str = "",
    title: str = "",
    nbins: int = 40,
    width: int = 560,
    height: int = 220,
) -> Markup:
    """A histogram with the ``interval`` shaded, the ``centre`` (e.g. the median) marked in
    vermillion and an optional ``marker`` (e.g. an offer) as a dashed dark line with its label.

    Give either the raw ``values`` (binned into ``nbins`` equal bins for display) or ready
    ``bins`` as ``(left, right, count)``.
    """
    if bins is None:
        arr = np.asarray(values if values is not None else [], dtype=float)
        arr = arr[np.isfinite(arr)]
        if arr.size == 0:
            bins = []
        else:
            counts, edges = np.histogram(arr, bins=nbins)
            bins = [
                (float(edges[i]), float(edges[i + 1]), float(counts[i])) for i in range(len(counts))
            ]
    ml, mr, mt, mb = 48, 12, 24 if title else 10, 34
    pw, ph = width - ml - mr, height - mt - mb
    out = [_svg_open(width, height, title or "Histogram")]
    if title:
        out.append(f'<text x="{ml}" y="15" font-weight="600">{escape(title)}</text>')
    if not bins:
        out.append(f'<text x="{ml}" y="{_n(mt + ph / 2)}" fill="#777">no values</text></svg>')
        return Markup("".join(out))
    lo, hi = bins[0][0], bins[-1][1]
    if interval is not None:
        lo, hi = min(lo, interval[0]), max(hi, interval[1])
    if marker is not None and math.isfinite(marker):
        lo, hi = min(lo, marker), max(hi, marker)
    if hi <= lo:
        hi = lo + 1.0
    top = max(c for _, _, c in bins) or 1.0

    def sx(x: float) -> float:
        return ml + (x - lo) / (hi - lo) * pw

    def sy(y: float) -> float:
        return mt + ph - y / top * ph

    if interval is not None:
        a, b = sx(interval[0]), sx(interval[1])
        out.append(
            f'<rect class="interval" x="{_n(a)}" y="{mt}" width="{_n(max(b - a, 1))}"'
            f' height="{_n(ph)}" fill="{SKY}" fill-opacity="0.25"><title>interval '
            f"{escape(format_number(interval[0]))} to {escape(format_number(interval[1]))}"
            "</title></rect>"
        )
    for left, right, count in bins:
        x, w = sx(left), max(sx(right) - sx(left) - 1, 0.5)
        out.append(
            f'<rect x="{_n(x)}" y="{_n(sy(count))}" width="{_n(w)}"'
            f' height="{_n(mt + ph - sy(count))}" fill="{BLUE}"/>'
        )
    if centre is not None and math.isfinite(centre):
        c = sx(centre)
        out.append(
            f'<line class="centre" x1="{_n(c)}" y1="{mt}" x2="{_n(c)}" y2="{_n(mt + ph)}"'
            f' stroke="{VERMILLION}" stroke-width="2"/>'
        )
    if marker is not None and math.isfinite(marker):
        m = sx(marker)
        out.append(
            f'<line class="marker" x1="{_n(m)}" y1="{mt}" x2="{_n(m)}" y2="{_n(mt + ph)}"'
            f' stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
        right = m > ml + 0.8 * pw
        out.append(
            f'<text x="{_n(m - 4 if right else m + 4)}" y="{mt + 10}" fill="{INK}"'
            f' text-anchor="{"end" if right else "start"}">{escape(marker_label)}</text>'
        )
    out.append(_x_axis(lo, hi, sx, mt + ph, ml, pw, unit))
    out.append(
        f'<text x="12" y="{_n(mt + ph / 2)}" transform="rotate(-90 12 {_n(mt + ph / 2)})"'
        ' text-anchor="middle" fill="#555">draws</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))


def _x_axis(lo, hi, sx, y, ml, pw, unit) -> str:  # type: ignore[no-untyped-def]
    parts = [f'<line x1="{ml}" y1="{_n(y)}" x2="{_n(ml + pw)}" y2="{_n(y)}" stroke="#333"/>']
    for t in _ticks(lo, hi):
        x = sx(t)
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x)}" y2="{_n(y + 4)}" stroke="#333"/>'
            f'<text x="{_n(x)}" y="{_n(y + 15)}" text-anchor="middle">'
            f"{escape(format_number(t))}</text>"
        )
    if unit:
        parts.append(
            f'<text x="{_n(ml + pw)}" y="{_n(y + 29)}" text-anchor="end" fill="#555">'
            f"{escape(unit)}</text>"
        )
    return "".join(parts)


def tornado_svg(
    rows: Sequence[tuple[str, float, float]],
    *,
    base: float,
    unit: str = "",
    title: str = "",
    width: int = 560,
    row_height: int = 22,
) -> Markup:
    """A tornado chart: for each driver, the outcome at its low and high setting around ``base``.

    ``rows`` are ``(label, outcome_at_low, outcome_at_high)``, drawn in the given order (sort
    them by swing first); the low end is vermillion, the high end blue.
    """
    ml, mr, mt, mb = 170, 16, 24 if title else 8, 34
    height = mt + mb + max(1, len(rows)) * row_height
    pw = width - ml - mr
    out = [_svg_open(width, height, title or "Tornado chart")]
    if title:
        out.append(f'<text x="10" y="15" font-weight="600">{escape(title)}</text>')
    if not rows:
        out.append(f'<text x="{ml}" y="{mt + 14}" fill="#777">no drivers</text></svg>')
        return Markup("".join(out))
    values = [base] + [v for _, a, b in rows for v in (a, b) if math.isfinite(v)]
    lo, hi = min(values), max(values)
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    lo, hi = lo - 0.03 * span, hi + 0.03 * span

    def sx(x: float) -> float:
        return ml + (x - lo) / (hi - lo) * pw

    for i, (label, at_low, at_high) in enumerate(rows):
        y = mt + i * row_height
        out.append(
            f'<text x="{ml - 6}" y="{_n(y + row_height * 0.65)}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for value, colour, name in ((at_low, VERMILLION, "low"), (at_high, BLUE, "high")):
            if not math.isfinite(value):
                continue
            a, b = sorted((sx(base), sx(value)))
            out.append(
                f'<rect x="{_n(a)}" y="{_n(y + 3)}" width="{_n(max(b - a, 1))}"'
                f' height="{_n(row_height - 6)}" fill="{colour}" fill-opacity="0.85">'
                f"<title>{escape(label)} at its {name} setting: "
                f"{escape(format_number(value, unit or None))}</title></rect>"
            )
    b0 = sx(base)
    bottom = mt + len(rows) * row_height
    out.append(
        f'<line x1="{_n(b0)}" y1="{mt}" x2="{_n(b0)}" y2="{_n(bottom)}" stroke="#333"'
        ' stroke-width="1.5"/>'
    )
    out.append(_x_axis(lo, hi, sx, bottom, ml, pw, unit))
    out.append(
        f'<text x="10" y="{_n(bottom + 29)}" fill="#555"><tspan fill="{VERMILLION}">■</tspan>'
        f' driver low  <tspan fill="{BLUE}">■</tspan> driver high</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))


def line_svg(
    series: Mapping[str, Sequence[tuple[float, float]]],
    *,
    title: str = "",
    y_label: str = "",
    y_range: tuple[float, float] | None = None,
    width: int = 560,
    height: int = 220,
    mark: tuple[float, float, str] | None = None,
) -> Markup:
    """Lines over time (x is a year or a decimal year), one colour per series, with a legend.

    ``mark`` = (from, to, label) shades that span of x (a scenario's period) behind the lines.
    """
    ml, mr, mt, mb = 48, 12, 24 if title else 10, 34
    legend_w = 150 if series else 0
    pw, ph = width - ml - mr - legend_w, height - mt - mb
    out = [_svg_open(width, height, title or "Line chart")]
    if title:
        out.append(f'<text x="{ml}" y="15" font-weight="600">{escape(title)}</text>')
    points = [(x, y) for pts in series.values() for x, y in pts if math.isfinite(y)]
    if not points:
        out.append(f'<text x="{ml}" y="{_n(mt + ph / 2)}" fill="#777">no values</text></svg>')
        return Markup("".join(out))
    xlo, xhi = min(p[0] for p in points), max(p[0] for p in points)
    if xhi <= xlo:
        xlo, xhi = xlo - 1, xhi + 1
    ylo, yhi = y_range or (min(p[1] for p in points), max(p[1] for p in points))
    if yhi <= ylo:
        ylo, yhi = ylo - 1, yhi + 1

    def sx(x: float) -> float:
        return ml + (x - xlo) / (xhi - xlo) * pw

    def sy(y: float) -> float:
        return mt + ph - (y - ylo) / (yhi - ylo) * ph

    for t in _ticks(ylo, yhi, 4):
        out.append(
            f'<line x1="{ml}" y1="{_n(sy(t))}" x2="{_n(ml + pw)}" y2="{_n(sy(t))}"'
            f' stroke="#eee"/><text x="{ml - 4}" y="{_n(sy(t) + 4)}" text-anchor="end">'
            f"{escape(format_number(t))}</text>"
        )
    if mark is not None:
        half = 0.5 if xlo >= 1000 else 0.0  # a year's point stands for the whole year
        left = min(max(mark[0] - half, xlo), xhi)
        right = min(max(mark[1] + half, xlo), xhi)
        if right > left:
            out.append(
                f'<rect x="{_n(sx(left))}" y="{mt}" width="{_n(sx(right) - sx(left))}"'
                f' height="{_n(ph)}" fill="#f3e7c4"><title>{escape(mark[2])}</title></rect>'
                f'<text x="{_n(sx(left) + 2)}" y="{_n(mt + 10)}" fill="#8a6d1d">'
                f"{escape(mark[2])}</text>"
            )
    for i, (name, pts) in enumerate(series.items()):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        clean = [(x, y) for x, y in sorted(pts) if math.isfinite(y)]
        if clean:
            path = " ".join(f"{_n(sx(x))},{_n(sy(y))}" for x, y in clean)
            dash = ' stroke-dasharray="6 3"' if i % 2 else ""
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                f"{dash}><title>{escape(name)}</title></polyline>"
            )
        ly = mt + 6 + i * 16
        lx = ml + pw + 14
        out.append(
            f'<line x1="{_n(lx)}" y1="{_n(ly)}" x2="{_n(lx + 20)}" y2="{_n(ly)}"'
            f' stroke="{colour}" stroke-width="2"/>'
            f'<text x="{_n(lx + 26)}" y="{_n(ly + 4)}">{escape(name)}</text>'
        )
    xt = _ticks(xlo, xhi, 6)
    if xlo >= 1000:  # years: whole years when the span allows
        xt = [t for t in xt if float(t).is_integer()] or xt
    parts = [
        f'<line x1="{ml}" y1="{_n(mt + ph)}" x2="{_n(ml + pw)}" y2="{_n(mt + ph)}" stroke="#333"/>'
    ]
    for t in xt:
        if xlo >= 1000:
            label = str(int(t)) if float(t).is_integer() else f"{t:.1f}"
        else:
            label = format_number(t)
        parts.append(
            f'<text x="{_n(sx(t))}" y="{_n(mt + ph + 15)}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    out.extend(parts)
    if y_label:
        out.append(
            f'<text x="12" y="{_n(mt + ph / 2)}" transform="rotate(-90 12 {_n(mt + ph / 2)})"'
            f' text-anchor="middle" fill="#555">{escape(y_label)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def bar_svg(
    rows: Sequence[tuple[str, float]],
    *,
    title: str = "",
    unit: str = "",
    width: int = 560,
    row_height: int = 20,
) -> Markup:
    """Horizontal bars from zero, blue for positive values, vermillion for negative ones."""
    ml, mr, mt, mb = 170, 16, 24 if title else 8, 26
    height = mt + mb + max(1, len(rows)) * row_height
    pw = width - ml - mr
    out = [_svg_open(width, height, title or "Bar chart")]
    if title:
        out.append(f'<text x="10" y="15" font-weight="600">{escape(title)}</text>')
    values = [0.0] + [v for _, v in rows if math.isfinite(v)]
    lo, hi = min(values), max(values)
    if hi <= lo:
        hi = lo + 1

    def sx(x: float) -> float:
        return ml + (x - lo) / (hi - lo) * pw

    for i, (label, value) in enumerate(rows):
        y = mt + i * row_height
        out.append(
            f'<text x="{ml - 6}" y="{_n(y + row_height * 0.65)}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        if math.isfinite(value):
            a, b = sorted((sx(0), sx(value)))
            out.append(
                f'<rect x="{_n(a)}" y="{_n(y + 3)}" width="{_n(max(b - a, 1))}"'
                f' height="{_n(row_height - 6)}" fill="{BLUE if value >= 0 else VERMILLION}">'
                f"<title>{escape(label)}: {escape(format_number(value, unit or None))}"
                "</title></rect>"
            )
    bottom = mt + len(rows) * row_height
    out.append(_x_axis(lo, hi, sx, bottom, ml, pw, unit))
    out.append("</svg>")
    return Markup("".join(out))
