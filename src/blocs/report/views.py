"""View models: what the report's sections and the what-if page show of each typed result.

Every function here takes a result object of another part of blocs (a
:class:`~blocs.models.balance.BalanceReport`, a :class:`~blocs.models.landscape.LandscapeResult`,
a :class:`~blocs.whatif.wedge.WedgeResult`, ...) and returns the plain values a template shows,
reading the result's typed fields, never dictionary keys. A figure the result leaves undefined
(``None``) is shown as such, never formatted as a number.

Examples
--------
>>> import blocs
>>> from blocs.models.balance import balance_report
>>> s = blocs.load("russia-iran-2017")
>>> view = balance_view(balance_report(s), s)
>>> [r["channel"] for r in view["rows"]][-1]
'overall'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from blocs.report import svg
from blocs.scenario.model import Evidence, Scenario

if TYPE_CHECKING:  # the report renders these; it never needs them at run time
    from blocs.models.balance import BalanceReport, Triad
    from blocs.models.dynamics import BalanceDynamics
    from blocs.models.landscape import LandscapeResult
    from blocs.whatif.wedge import WedgeResult


def figure_text(q: Mapping[str, Any] | None) -> str:
    """A source's figure with its hedge: ``≤ 150 m USD/month``.

    >>> figure_text({"value": 1.5e8, "unit": "USD", "per": "month", "bound": "at_most"})
    '≤ 150 m USD/month'
    """
    if not q:
        return ""
    hedge = {"at_least": "≥ ", "at_most": "≤ ", "about": "~ "}.get(q.get("bound") or "", "")
    per = f"/{q['per']}" if q.get("per") else ""
    text = svg.format_number(q["value"])
    if q.get("low") is not None and q.get("high") is not None:
        text += f" ({svg.format_number(q['low'])}–{svg.format_number(q['high'])})"
    return f"{hedge}{text} {q['unit']}{per}"


class Footnotes:
    """Numbered evidence notes of one section, each evidence item numbered once."""

    def __init__(self, scenario: Scenario, prefix: str):
        self._scenario = scenario
        self._prefix = prefix
        self._index: dict[tuple[Any, ...], int] = {}
        self.items: list[dict[str, Any]] = []

    def ref(self, ev: Evidence) -> dict[str, Any]:
        """The footnote marker of ``ev`` (number and anchor), adding it when new."""
        key = (ev.source, ev.paragraph, ev.locator, ev.claim, ev.note)
        if key not in self._index:
            try:
                src = self._scenario.source(ev.source)
                title = src.title
                kind = src.kind.value
            except KeyError:
                title, kind = ev.source, ""
            number = len(self.items) + 1
            self._index[key] = number
            self.items.append(
                {
                    "number": number,
                    "anchor": f"{self._prefix}-fn-{number}",
                    "source": ev.source,
                    "title": title,
                    "kind": kind,
                    "where": f"¶{ev.paragraph}" if ev.paragraph else f"at {ev.locator}",
                    "claim": ev.claim,
                    "figure": figure_text(ev.quantity.model_dump()) if ev.quantity else "",
                    "confidence": ev.confidence,
                    "note": ev.note,
                }
            )
        number = self._index[key]
        return {"number": number, "anchor": f"{self._prefix}-fn-{number}"}

    def refs(self, evidence: Sequence[Evidence]) -> list[dict[str, Any]]:
        return [self.ref(ev) for ev in evidence]


def name_of(scenario: Scenario, actor_id: str) -> str:
    """The actor's name, or its id when the scenario does not know it."""
    try:
        return scenario.actor(actor_id).name
    except KeyError:
        return actor_id


def names(scenario: Scenario, ids: Sequence[str]) -> str:
    return ", ".join(name_of(scenario, a) for a in ids) or "—"


def signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def usd(x: float | None) -> str:
    return svg.format_number(x, "USD a year") if x is not None else "n/a"


# -- balance and alignment ------------------------------------------------------------------------


def balance_sentence(report: BalanceReport, scenario: Scenario) -> str:
    """One sentence reading a balance result: frustration and camps."""
    overall = report.overall.frustration
    text = f"Structurally, the overall network has frustration index {overall.value:g}"
    if overall.n_edges:
        text += f" over {overall.n_edges} ties"
    camps = [c for c in overall.camps if c]
    if camps:
        text += "; its camps are " + " versus ".join(
            f"[{names(scenario, [str(a) for a in camp])}]" for camp in camps
        )
    return text + "."


def balance_view(report: BalanceReport, scenario: Scenario) -> dict[str, Any]:
    """Frustration index per channel and overall, with the triad census and the camps."""
    rows = []
    for name, c in report.channels.items():
        f, wf, census = c.frustration, c.weighted, c.census
        rows.append(
            {
                "channel": name,
                "nodes": f.n_nodes,
                "edges": f.n_edges,
                "triangles": f"{census.balanced} of {census.total}" if census.total else "—",
                "frustration": f"{f.value:g}" + ("" if f.optimal else " (best found)"),
                "weighted": f"{wf.value:.3g}" + ("" if wf.optimal else " (best found)"),
                "camps": " | ".join(names(scenario, [str(a) for a in camp]) for camp in f.camps),
            }
        )
    return {
        "sentence": balance_sentence(report, scenario),
        "rows": rows,
        "camps": [names(scenario, [str(a) for a in c]) for c in report.overall.frustration.camps],
    }


def triad_view(triad: Triad, scenario: Scenario) -> dict[str, Any]:
    """The focus triangle: its three signed ties and whether it is balanced."""
    nodes = [str(n) for n in triad.nodes]
    pairs = [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[0], nodes[2])]
    ties = [
        f"{a}–{b} {'+' if sign > 0 else '−'}"
        for (a, b), sign in zip(pairs, triad.signs, strict=True)
    ]
    return {
        "ties": ", ".join(ties),
        "balanced": triad.balanced,
        "sentence": (
            f"The triangle {'–'.join(nodes)} has signs {', '.join(ties)}: "
            + (
                "balanced (Heider: the friend of my friend, the enemy of my enemy)."
                if triad.balanced
                else "unbalanced, a strain balance theory expects to be resolved."
            )
        ),
    }


def landscape_view(result: LandscapeResult, scenario: Scenario) -> dict[str, Any]:
    """Minima (lowest energy first) with their coalitions and basin shares."""
    minima = [
        {
            "rank": i + 1,
            "left": names(scenario, m.coalitions[0]),
            "right": names(scenario, m.coalitions[1]),
            "energy": f"{m.energy:.4g}",
            "basin": f"{100 * m.basin:.1f}%",
        }
        for i, m in enumerate(result.minima)
    ]
    chart = None
    if len(minima) > 1:
        chart = svg.bar_svg(
            [(f"minimum {i + 1}", 100 * m.basin) for i, m in enumerate(result.minima)],
            title="Basin of each minimum (share of all configurations)",
            unit="%",
        )
    return {
        "minima": minima,
        "chart": chart,
        "rule": result.rule,
        "actors": names(scenario, result.actors),
        "left_out": sorted(result.left_out.items()),
        "n_configurations": result.n_configurations,
        "size_label": result.size_label,
    }


def dynamics_view(result: BalanceDynamics, scenario: Scenario) -> dict[str, Any]:
    """Outcome, the two factions, the blow-up time and the leading eigenvector."""
    chart = None
    if result.vector and len(result.vector) == len(result.actors):
        chart = svg.bar_svg(
            list(zip(result.actors, result.vector, strict=True)),
            title="Leading eigenvector: the sign gives the faction",
        )
    factions = result.factions
    return {
        "model": result.model,
        "outcome": result.outcome,
        "left": names(scenario, factions[0]),
        "right": names(scenario, factions[1]),
        "undecided": names(scenario, result.undecided) if result.undecided else "",
        "blow_up_time": result.blow_up_time,
        "balanced": result.balanced,
        "degenerate": result.degenerate,
        "chart": chart,
        "left_out": sorted(result.left_out.items()),
    }


# -- the wedge ------------------------------------------------------------------------------------


def drivers_sentence(wedge: WedgeResult, top: int = 3) -> str:
    """One sentence naming the inputs that move the wedge price most (from its tornado)."""
    rows = wedge.tornado[:top]
    if not rows:
        return ""
    parts = [
        f"{r.label} ({'assumed' if r.kind == 'assumption' else 'from the sources'})" for r in rows
    ]
    return "The price moves most with " + "; ".join(parts) + "."


def structural_reading(wedge: WedgeResult) -> str:
    """What the structural lens found, in words, for every outcome of its search."""
    lens = wedge.structural
    if lens is None:
        return wedge.structural_note or "not computed"
    flip = lens.flip
    d, t, p = wedge.divider, wedge.target, wedge.partner
    if flip.apart_already:
        return f"the landscape's global minimum already puts {t} apart from {p}"
    if flip.change is None:
        return (
            f"no {d}–{t} tie up to +1 splits {t} from {p} in the landscape's global minimum"
            f" (the tie is {signed(flip.tie_before)} today)"
        )
    text = (
        f"the {d}–{t} tie must rise by {flip.change:+.2f} for the landscape's global minimum to"
        f" split {t} from {p}"
    )
    if lens.price_equivalent is not None:
        text += f" (about {usd(lens.price_equivalent)} on the ledger's scale)"
    return text


def base_rate_reading(wedge: WedgeResult) -> str:
    """What the base-rate lens found, or why it could not."""
    base = wedge.base_rate
    if not base.available or base.probability is None:
        return f"not computed: {base.note or 'no data'}"
    text = f"probability {base.probability:.2f} that an alliance like this ends within the horizon"
    if base.probability_with_inducement is not None:
        text += f" ({base.probability_with_inducement:.2f} with an outside option)"
    return text


def basis_sentence(wedge: WedgeResult) -> str:
    """What the price rests on and how to read its interval: present value, the share of the
    variance evidenced inputs explain, the infeasible draws apart."""
    mc = wedge.price
    parts = []
    if wedge.present_value is not None:
        parts.append(f"the package's present value is about {usd(wedge.present_value)}")
    if wedge.evidence_share is not None:
        parts.append(
            f"inputs taken from the sources explain {wedge.evidence_share:.0%} of the price's"
            " variance (Sobol totals), assumptions the rest"
        )
    if mc.share_over_cap > 0:
        feasible = (
            f"; where one exists its median is {usd(mc.feasible_median)} a year"
            if mc.feasible_median is not None
            else ""
        )
        share = f"{mc.share_over_cap:.0%}"
        parts.append(f"in {share} of draws no package under the cap suffices{feasible}")
    head = ("; ".join(parts) + ". ") if parts else ""
    head = head[:1].upper() + head[1:]
    return head + "The interval is the spread of the stated ranges, not a calibrated forecast."


def wedge_view(wedge: WedgeResult, *, offer: float | None = None) -> dict[str, Any]:
    """What the wedge section and the what-if page show of a wedge result."""
    mc = wedge.price
    offered = offer if offer is not None else (mc.offered or None)
    histogram = svg.histogram_svg(
        mc.prices,
        interval=(mc.price_p10, mc.price_p90),
        centre=mc.price_median,
        marker=offered,
        marker_label="offer",
        unit="USD a year",
        title="Reservation price over the Monte Carlo draws (shaded: 80% interval)",
    )
    rows = wedge.tornado[:10]
    tornado = svg.tornado_svg(
        [(r.name, r.output_at_low, r.output_at_high) for r in rows],
        base=wedge.ledger.price_at_medians,
        unit="USD a year",
        title="What moves the price (each input at its low and high end)",
    )
    base = wedge.base_rate
    lenses = [
        {
            "name": "Ledger",
            "reading": (
                f"median {usd(mc.price_median)}, 80% interval {usd(mc.price_p10)} to "
                f"{usd(mc.price_p90)}; no package under the cap in "
                f"{100 * mc.share_over_cap:.0f}% of draws"
            ),
            "basis": wedge.ledger.formula,
        },
        {
            "name": "Structure",
            "reading": structural_reading(wedge),
            "basis": wedge.structural_note if wedge.structural is not None else "",
        },
        {
            "name": "Base rate",
            "reading": base_rate_reading(wedge),
            "basis": base.reference or base.event_definition or "",
        },
    ]
    enough = mc.share_offer_enough
    return {
        "answer": wedge.answer,
        "basis": basis_sentence(wedge),
        "levels": [
            {
                "name": lv.name,
                "description": lv.description,
                "terms": ", ".join(lv.terms),
                "median": "—" if lv.price_median is None else usd(lv.price_median),
                "interval": (
                    "—"
                    if lv.price_p10 is None or lv.price_p90 is None
                    else f"{usd(lv.price_p10)} – {usd(lv.price_p90)}"
                ),
                "over_cap": "—" if lv.share_over_cap is None else f"{lv.share_over_cap:.0%}",
                "tie_rise": (
                    "—" if lv.structural_change is None else f"{lv.structural_change:+.2f}"
                ),
                "not_computed": lv.not_computed,
            }
            for lv in wedge.levels
        ],
        "readings": [
            {
                "stake": r.stake,
                "label": r.label,
                "median": usd(r.price_median),
                "interval": f"{usd(r.price_p10)} – {usd(r.price_p90)}",
                "over_cap": f"{r.share_over_cap:.0%}",
            }
            for r in wedge.readings
        ],
        "drivers": drivers_sentence(wedge),
        "histogram": histogram,
        "tornado": tornado,
        "tornado_rows": [
            {
                "label": r.label,
                "kind": r.kind,
                "range": f"{svg.format_number(r.low)} – {svg.format_number(r.high)}",
                "at_low": usd(r.output_at_low),
                "at_high": usd(r.output_at_high),
            }
            for r in rows
        ],
        "lenses": lenses,
        "disagreements": list(wedge.disagreements),
        "offered": usd(offered) if offered else None,
        "offer_enough": None if enough is None else f"{100 * enough:.0f}%",
        "draws": mc.draws,
        "seed": wedge.seed,
        "notes": list(wedge.notes),
        "median": mc.price_median,
        "p10": mc.price_p10,
        "p90": mc.price_p90,
    }


def assumption_rows(wedge: WedgeResult) -> list[dict[str, Any]]:
    """The wedge's assumed inputs: label, range with unit and median, rationale."""
    return [
        {
            "label": a.label,
            "range": f"{svg.format_number(a.low)} to {svg.format_number(a.high)}"
            f" {a.unit} (median {svg.format_number(a.median)})",
            "why": a.rationale,
        }
        for a in wedge.assumptions
    ]


def evidenced_rows(wedge: WedgeResult) -> list[dict[str, Any]]:
    """The wedge's inputs taken from the sources, with the range rule and the citation."""
    return [
        {
            "label": e.label,
            "range": f"{svg.format_number(e.low)} to {svg.format_number(e.high)} {e.unit}",
            "rule": e.range_rule,
            "source": e.source_title,
            "where": f"¶{e.paragraph}" if e.paragraph else e.locator or "",
            "claim": e.claim,
        }
        for e in wedge.evidenced
    ]
