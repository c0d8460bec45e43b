"""The sections of the HTML report, in the order a reader asks, each driven by a result object.

Each ``*_section`` function turns :class:`~blocs.report.inputs.ReportInputs` into a
:class:`Section`: a template name and the plain data it shows. A section whose result is absent
keeps its place with a one-line note (``not computed: <why>``) and shows nothing made up.

Examples
--------
>>> import blocs
>>> from blocs.report.inputs import ReportInputs
>>> sections = build_sections(ReportInputs(scenario=blocs.load("russia-iran-2017")))
>>> [s.id for s in sections][:3]
['answer', 'network', 'ties']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from blocs.report import svg
from blocs.report.inputs import ReportInputs
from blocs.report.references import MODEL_REFERENCES, blocs_citation
from blocs.scenario.model import CHANNELS, ActorKind, Evidence, Scenario
from blocs.scenario.network import net_tie, net_ties


@dataclass(frozen=True)
class Question:
    """The question a scenario's sources ask, paraphrased, with where they ask it (the actors
    of the question are the scenario's ``focus``)."""

    text: str
    source: str
    paragraph: int


#: The question of each built-in scenario (paraphrased; the citation points at the source).
QUESTIONS: dict[str, Question] = {
    "russia-iran-2017": Question(
        text=(
            "The new US administration hopes that a rapprochement with Moscow, with the right "
            "incentives, could pull Russia away from its partnership with Iran. Is there daylight "
            "between the two, and what would Russia ask in return for loosening the tie?"
        ),
        source="foreign-affairs-2017",
        paragraph=1,
    )
}


@dataclass(frozen=True)
class Section:
    """One section: its anchor, heading, template and the data the template shows."""

    id: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


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


def _name(scenario: Scenario, actor_id: str) -> str:
    try:
        return scenario.actor(actor_id).name
    except KeyError:
        return actor_id


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _plain(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


# -- 1. the answer -------------------------------------------------------------------------------


def answer_section(inputs: ReportInputs) -> Section:
    """The question and blocs' answer in two sentences."""
    s = inputs.scenario
    q = QUESTIONS.get(s.id)
    question: dict[str, Any] | None = None
    if q is not None:
        try:
            title = s.source(q.source).title
        except KeyError:
            title = q.source
        question = {"text": q.text, "source": title, "paragraph": q.paragraph}
    sentences: list[str] = []
    notes: list[str] = []
    wedge = inputs.get("wedge")
    if wedge is not None:
        w = _plain(wedge)
        sentences.append(w["answer"])
        drivers = drivers_sentence(w)
        if drivers:
            sentences.append(drivers)
    balance = inputs.get("balance")
    if balance is not None and len(sentences) < 2:
        sentences.append(balance_sentence(_plain(balance), s))
    if len(sentences) < 2 and s.focus is not None:
        a, b = s.focus.target, s.focus.partner
        value = net_tie(s, a, b)
        channels = [c for c in CHANNELS if any(t.channel.value == c for t in s.ties_between(a, b))]
        sentences.append(
            f"The scenario codes the net tie of {_name(s, a)} and {_name(s, b)} at "
            f"{_signed(value)} on a scale from −1 to +1, with ties in "
            f"{len(channels)} of {len(CHANNELS)} channels ({', '.join(channels) or 'none'})."
        )
    if wedge is None:
        notes.append(f"wedge price {inputs.why('wedge')}")
    if wedge is None and balance is None:
        notes.append(f"balance {inputs.why('balance')}")
    return Section(
        id="answer",
        title="The answer first",
        template="answer.html",
        context={
            "question": question,
            "description": s.description,
            "sentences": sentences[:2],
        },
        notes=tuple(notes),
    )


def drivers_sentence(w: Mapping[str, Any], top: int = 3) -> str:
    """One sentence naming the inputs that move the wedge price most (from its tornado)."""
    rows = (w.get("sensitivity") or {}).get("tornado") or []
    if not rows:
        return ""
    names = []
    for r in rows[:top]:
        tag = "assumed" if r.get("kind") == "assumption" else "from the sources"
        names.append(f"{r['label']} ({tag})")
    return "The price moves most with " + "; ".join(names) + "."


def balance_sentence(b: Mapping[str, Any], scenario: Scenario) -> str:
    """One sentence reading a balance result: frustration and camps."""
    parts = []
    if b.get("frustration") is not None:
        parts.append(
            f"the overall network has frustration index {b['frustration']:g}"
            + (f" over {b['edges']} ties" if b.get("edges") else "")
        )
    camps = b.get("camps") or []
    if camps:
        names = [", ".join(_name(scenario, a) for a in camp) for camp in camps]
        parts.append("its camps are " + " versus ".join(f"[{n}]" for n in names))
    return ("Structurally, " + "; ".join(parts) + ".") if parts else ""


# -- 2. the network -------------------------------------------------------------------------------


def network_section(inputs: ReportInputs) -> Section:
    """The signed network of actors and blocs, one small multiple per channel."""
    s = inputs.scenario
    nodes = {a.id: a.name for a in s.actors}
    blocs = [a.id for a in s.actors if a.kind == ActorKind.bloc]
    memberships = [(m.actor, m.bloc) for m in s.memberships]
    edges = [t.pair for t in s.ties] + memberships
    positions = svg.network_layout(list(nodes), edges)
    overall = [svg.NetworkPanel("overall", [(a, b, w) for (a, b), w in net_ties(s).items()])]
    channels = [
        svg.NetworkPanel(c, [(a, b, w) for (a, b), w in net_ties(s, c).items()]) for c in CHANNELS
    ]
    sizes = s.sizes()
    notes = []
    size_label = s.size_attribute
    if not sizes:
        notes.append("node sizes not drawn: the scenario gives no size measure")
    else:
        missing = [a.id for a in s.actors if a.kind != ActorKind.bloc and a.id not in sizes]
        if missing:
            notes.append(
                f"no {size_label} for {', '.join(missing)}: drawn smallest, dotted outline"
            )
    common: dict[str, Any] = {
        "nodes": nodes,
        "positions": positions,
        "sizes": sizes,
        "blocs": blocs,
        "memberships": memberships,
    }
    pictures = [
        svg.network_svg(
            overall, panel_width=900, panel_height=460, columns=1, legend=False, **common
        ),
        svg.network_svg(channels, panel_width=450, panel_height=320, columns=2, **common),
    ]
    return Section(
        id="network",
        title="The system as a picture",
        template="network.html",
        context={"pictures": pictures, "size_label": size_label},
        notes=tuple(notes),
    )


# -- 3. ties by channel ---------------------------------------------------------------------------


def ties_section(inputs: ReportInputs) -> Section:
    """Ties by channel, every figure with a footnote to its evidence."""
    s = inputs.scenario
    fn = Footnotes(s, "ties")
    channels = []
    for c in CHANNELS:
        rows = []
        for t in s.ties:
            if t.channel.value != c:
                continue
            rows.append(
                {
                    "id": t.id or "",
                    "a": t.pair[0],
                    "b": t.pair[1],
                    "a_name": _name(s, t.pair[0]),
                    "b_name": _name(s, t.pair[1]),
                    "arrow": "→" if t.directed else "–",
                    "strength": _signed(t.strength),
                    "sign": "pos" if t.strength > 0 else "neg" if t.strength < 0 else "zero",
                    "basis": t.basis.value,
                    "period": str(t.period) if t.period else "",
                    "rationale": t.rationale,
                    "figures": [figure_text(q.model_dump()) for q in t.quantities],
                    "refs": fn.refs(t.evidence),
                }
            )
        channels.append({"name": c, "rows": rows})
    figures = []
    for actor in s.actors:
        for attr in actor.attributes:
            figures.append(
                {
                    "actor": actor.id,
                    "name": attr.name,
                    "value": figure_text({"value": attr.value, "unit": attr.unit, "per": attr.per}),
                    "period": str(attr.period) if attr.period else "",
                    "refs": fn.refs(attr.evidence),
                }
            )
    memberships = [
        {
            "actor": m.actor,
            "bloc": m.bloc,
            "status": m.status.value.replace("_", " "),
            "period": str(m.period) if m.period else "",
            "refs": fn.refs(m.evidence),
        }
        for m in s.memberships
    ]
    return Section(
        id="ties",
        title="Ties by channel",
        template="ties.html",
        context={
            "channels": channels,
            "figures": figures,
            "memberships": memberships,
            "footnotes": fn.items,
        },
    )


# -- 4. balance and alignment ---------------------------------------------------------------------


def alignment_section(inputs: ReportInputs) -> Section:
    """Camps, frustration index, landscape minima with basins, Marvel factions."""
    s = inputs.scenario
    parts = []
    notes = []
    for name, label in (
        ("balance", "Structural balance"),
        ("triad", "The focus triangle"),
        ("landscape", "Landscape minima"),
        ("dynamics", "Balance dynamics"),
    ):
        result = inputs.get(name)
        if result is None:
            notes.append(f"{label.lower()} {inputs.why(name)}")
            continue
        data = _plain(result)
        view = ALIGNMENT_VIEWS.get(name, lambda d, s: {})(data, s)
        parts.append({"name": name, "label": label, "data": data, "view": view, "html": None})
    return Section(
        id="alignment",
        title="Balance and alignment",
        template="alignment.html",
        context={"parts": parts},
        notes=tuple(notes),
    )


def _names(scenario: Scenario, ids: Sequence[str]) -> str:
    return ", ".join(_name(scenario, a) for a in ids) or "—"


def landscape_view(d: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """Minima (lowest energy first) with their coalitions and basin shares."""
    minima = [
        {
            "rank": i + 1,
            "left": _names(scenario, m["coalitions"][0]),
            "right": _names(scenario, m["coalitions"][1]),
            "energy": f"{m['energy']:.4g}",
            "basin": f"{100 * m['basin']:.1f}%",
        }
        for i, m in enumerate(d.get("minima", []))
    ]
    chart = None
    if len(minima) > 1:
        chart = svg.bar_svg(
            [(f"minimum {i + 1}", 100 * m["basin"]) for i, m in enumerate(d["minima"])],
            title="Basin of each minimum (share of all configurations)",
            unit="%",
        )
    return {
        "minima": minima,
        "chart": chart,
        "rule": d.get("rule"),
        "actors": _names(scenario, d.get("actors", [])),
        "left_out": sorted(d.get("left_out", {}).items()),
        "n_configurations": d.get("n_configurations"),
    }


def dynamics_view(d: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """Outcome, the two factions, the blow-up time and the leading eigenvector."""
    actors = d.get("actors", [])
    vector = d.get("vector", [])
    chart = None
    if vector and len(vector) == len(actors):
        chart = svg.bar_svg(
            list(zip(actors, vector, strict=True)),
            title="Leading eigenvector: the sign gives the faction",
        )
    factions = d.get("factions") or [[], []]
    return {
        "model": d.get("model"),
        "outcome": d.get("outcome"),
        "left": _names(scenario, factions[0]),
        "right": _names(scenario, factions[1]) if len(factions) > 1 else "—",
        "undecided": _names(scenario, d.get("undecided", [])) if d.get("undecided") else "",
        "blow_up_time": d.get("blow_up_time"),
        "balanced": d.get("balanced"),
        "degenerate": d.get("degenerate"),
        "chart": chart,
        "left_out": sorted(d.get("left_out", {}).items()),
    }


def balance_view(d: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """Frustration index per channel and overall, with the triad census and the camps."""
    rows = []
    for name, c in (d.get("channels") or {}).items():
        f, wf, tri = c["frustration"], c["weighted_frustration"], c["triads"]
        rows.append(
            {
                "channel": name,
                "nodes": c["nodes"],
                "edges": c["edges"],
                "triangles": f"{tri['balanced']} of {tri['triangles']}"
                if tri["triangles"]
                else "—",
                "frustration": f"{f['value']:g}" + ("" if f["optimal"] else " (best found)"),
                "weighted": f"{wf['value']:.3g}" + ("" if wf["optimal"] else " (best found)"),
                "camps": " | ".join(_names(scenario, camp) for camp in f["camps"]),
            }
        )
    return {
        "sentence": balance_sentence(d, scenario),
        "rows": rows,
        "camps": [_names(scenario, c) for c in d.get("camps") or []],
    }


def triad_view(d: Mapping[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The focus triangle: its three signed ties and whether it is balanced."""
    nodes = d["nodes"]
    pairs = [(nodes[0], nodes[1]), (nodes[1], nodes[2]), (nodes[0], nodes[2])]
    ties = [
        f"{a}–{b} {'+' if sign > 0 else '−'}"
        for (a, b), sign in zip(pairs, d["signs"], strict=True)
    ]
    return {
        "ties": ", ".join(ties),
        "balanced": d["balanced"],
        "sentence": (
            f"The triangle {'–'.join(nodes)} has signs {', '.join(ties)}: "
            + (
                "balanced (Heider: the friend of my friend, the enemy of my enemy)."
                if d["balanced"]
                else "unbalanced, a strain balance theory expects to be resolved."
            )
        ),
    }


ALIGNMENT_VIEWS: dict[str, Callable[[Mapping[str, Any], Scenario], dict[str, Any]]] = {
    "balance": balance_view,
    "triad": triad_view,
    "landscape": landscape_view,
    "dynamics": dynamics_view,
}


# -- 5. the wedge ---------------------------------------------------------------------------------


def wedge_section(inputs: ReportInputs) -> Section:
    """Price distribution with its interval, tornado of drivers, the three lenses."""
    wedge = inputs.get("wedge")
    if wedge is None:
        return Section(
            id="wedge",
            title="The wedge",
            template="wedge.html",
            context={"view": None},
            notes=(f"wedge price {inputs.why('wedge')}",),
        )
    return Section(
        id="wedge",
        title="The wedge",
        template="wedge.html",
        context={"view": wedge_view(wedge, inputs.scenario)},
    )


def _usd(x: float | None) -> str:
    return svg.format_number(x, "USD a year") if x is not None else "n/a"


def wedge_view(wedge: Any, scenario: Scenario, *, offer: float | None = None) -> dict[str, Any]:
    """What the wedge section and the what-if page show of a wedge result."""
    w = _plain(wedge)
    summary = w["summary"]
    prices = getattr(getattr(wedge, "price", None), "prices", None)
    offered = offer if offer is not None else summary.get("offered") or None
    histogram = svg.histogram_svg(
        prices,
        interval=(summary["p10"], summary["p90"]),
        centre=summary["median"],
        marker=offered,
        marker_label="offer",
        unit="USD a year",
        title="Reservation price over the Monte Carlo draws (shaded: 80% interval)",
    )
    rows = w["sensitivity"]["tornado"]
    tornado = svg.tornado_svg(
        [(r["name"], r["output_at_low"], r["output_at_high"]) for r in rows[:10]],
        base=w["lenses"]["ledger"]["price_at_medians"],
        unit="USD a year",
        title="What moves the price (each input at its low and high end)",
    )
    ledger = w["lenses"]["ledger"]
    structural = w["lenses"].get("structural")
    base = w["lenses"].get("base_rate") or {}
    lenses = [
        {
            "name": "Ledger",
            "reading": (
                f"median {_usd(summary['median'])}, 80% interval {_usd(summary['p10'])} to "
                f"{_usd(summary['p90'])}; no package under the cap in "
                f"{100 * summary['share_over_cap']:.0f}% of draws"
            ),
            "basis": ledger["formula"],
        },
        {
            "name": "Structure",
            "reading": (
                f"the {w['divider']}–{w['target']} tie must rise by "
                f"{structural['flip']['change']:+.2f} for the landscape's global minimum to split "
                f"{w['target']} from {w['partner']} (about "
                f"{_usd(structural['price_equivalent'])} on the ledger's scale)"
            )
            if structural
            else "not computed",
            "basis": w["lenses"].get("structural_note", ""),
        },
        {
            "name": "Base rate",
            "reading": (
                f"probability {base['probability']:.2f} that an alliance like this ends within the "
                "horizon"
                + (
                    f" ({base['probability_with_inducement']:.2f} with an outside option)"
                    if base.get("probability_with_inducement") is not None
                    else ""
                )
            )
            if base.get("available") and base.get("probability") is not None
            else f"not computed: {base.get('note') or 'no data'}",
            "basis": base.get("reference") or base.get("event_definition") or "",
        },
    ]
    enough = summary.get("share_offer_enough")
    return {
        "answer": w["answer"],
        "drivers": drivers_sentence(w),
        "histogram": histogram,
        "tornado": tornado,
        "tornado_rows": [
            {
                "label": r["label"],
                "kind": r["kind"],
                "range": f"{svg.format_number(r['low'])} – {svg.format_number(r['high'])}",
                "at_low": _usd(r["output_at_low"]),
                "at_high": _usd(r["output_at_high"]),
            }
            for r in rows[:10]
        ],
        "lenses": lenses,
        "disagreements": list(w.get("disagreements", [])),
        "offered": _usd(offered) if offered else None,
        "offer_enough": None if enough is None else f"{100 * enough:.0f}%",
        "draws": w["lenses"]["ledger"]["monte_carlo"]["draws"],
        "seed": w.get("seed"),
        "notes": list(w.get("notes", [])),
        "median": summary["median"],
        "p10": summary["p10"],
        "p90": summary["p90"],
    }


# -- 6. measured against assessed -----------------------------------------------------------------


def measured_section(inputs: ReportInputs) -> Section:
    """UN-vote agreement by year and event-data dyad series, beside the assessed ties."""
    notes = []
    ctx: dict[str, Any] = {"votes": None, "events": None}
    for name, label in (("votes", "UN-vote agreement"), ("events", "event-data dyad series")):
        result = inputs.get(name)
        if result is None:
            notes.append(f"{label} {inputs.why(name)}")
            continue
        v = _plain(result)
        y_range = v.get("y_range")
        ctx[name] = {
            "svg": svg.line_svg(
                {k: [(p["x"], p["value"]) for p in pts] for k, pts in v["series"].items()},
                title=v.get("title", ""),
                y_label=v.get("measure", ""),
                y_range=tuple(y_range) if y_range else None,
            ),
            "caption": v.get("caption", ""),
        }
    return Section(
        id="measured",
        title="Measured against assessed",
        template="measured.html",
        context=ctx,
        notes=tuple(notes),
    )


# -- 7. assumptions and the sources' errors -------------------------------------------------------


def assumptions_section(inputs: ReportInputs) -> Section:
    """What is assumed, and where the sources err (the scenario's notes)."""
    s = inputs.scenario
    fn = Footnotes(s, "notes")
    notes_out = [{"topic": n.topic, "text": n.text, "refs": fn.refs(n.evidence)} for n in s.notes]
    assumed = [
        "Every tie strength is our coding of the sources' prose on a scale from −1 to +1 "
        "(the rationale of each tie says why); only figures marked with a source are the "
        "sources' own.",
        "Per channel the net tie of a pair is the sum of its ties clipped to [−1, 1]; overall it "
        "is the mean over the channels in which the pair has ties.",
    ]
    wedge = inputs.get("wedge")
    more: list[dict[str, Any]] = []
    evidenced: list[dict[str, Any]] = []
    if wedge is not None:
        w = _plain(wedge)
        more = [
            {
                "label": a["label"],
                "range": f"{svg.format_number(a['low'])} to {svg.format_number(a['high'])}"
                f" {a['unit']} (median {svg.format_number(a['median'])})",
                "why": a["rationale"],
            }
            for a in w.get("assumptions", [])
        ]
        evidenced = [
            {
                "label": e["label"],
                "range": f"{svg.format_number(e['low'])} to {svg.format_number(e['high'])}"
                f" {e['unit']}",
                "rule": e["range_rule"],
                "source": e["source_title"],
                "where": f"¶{e['paragraph']}" if e.get("paragraph") else e.get("locator") or "",
                "claim": e["claim"],
            }
            for e in w.get("evidenced", [])
        ]
    lines = []
    if not s.notes:
        lines.append("the scenario records no notes on its sources")
    if wedge is None:
        lines.append(f"what-if assumptions {inputs.why('wedge')}")
    return Section(
        id="assumptions",
        title="What is assumed, and what the sources got wrong",
        template="assumptions.html",
        context={
            "assumed": assumed,
            "more": more,
            "evidenced": evidenced,
            "notes": notes_out,
            "footnotes": fn.items,
        },
        notes=tuple(lines),
    )


# -- 8. references --------------------------------------------------------------------------------


def references_section(inputs: ReportInputs) -> Section:
    """How to cite the sources, the data sets and the models the report used."""
    s = inputs.scenario
    sources = [
        {
            "id": src.id,
            "title": src.title,
            "kind": src.kind.value,
            "author": src.author,
            "publisher": src.publisher,
            "date": src.date,
            "version": src.version,
            "url": src.url,
            "cite": src.cite,
        }
        for src in s.sources
    ]
    models = [MODEL_REFERENCES[name] for name in MODEL_REFERENCES if inputs.get(name) is not None]
    return Section(
        id="references",
        title="How to cite",
        template="references.html",
        context={
            "sources": sources,
            "data": [dict(d) for d in inputs.data_sources],
            "models": models,
            "blocs": blocs_citation(),
        },
    )


SECTION_BUILDERS: tuple[Callable[[ReportInputs], Section], ...] = (
    answer_section,
    network_section,
    ties_section,
    alignment_section,
    wedge_section,
    measured_section,
    assumptions_section,
    references_section,
)


def build_sections(inputs: ReportInputs) -> list[Section]:
    """Every section of the report, in reading order."""
    return [build(inputs) for build in SECTION_BUILDERS]


def svg_markup(value: Any) -> Markup:
    """SVG produced by :mod:`blocs.report.svg` (already escaped) as template markup."""
    return value if isinstance(value, Markup) else Markup("")
