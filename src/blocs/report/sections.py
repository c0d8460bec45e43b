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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from blocs.report import svg
from blocs.report.inputs import ReportInputs
from blocs.report.references import MODEL_REFERENCES, blocs_citation
from blocs.report.views import (
    Footnotes,
    assumption_rows,
    balance_sentence,
    balance_view,
    drivers_sentence,
    dynamics_view,
    evidenced_rows,
    figure_text,
    landscape_view,
    name_of,
    signed,
    triad_view,
    wedge_view,
)
from blocs.scenario.model import CHANNELS, ActorKind, Scenario
from blocs.scenario.network import net_tie, net_ties


@dataclass(frozen=True)
class Section:
    """One section: its anchor, heading, template and the data the template shows."""

    id: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


# -- 1. the answer -------------------------------------------------------------------------------


def answer_section(inputs: ReportInputs) -> Section:
    """The question and blocs' answer in two sentences."""
    s = inputs.scenario
    question: dict[str, Any] | None = None
    if s.focus is not None:
        q = s.focus.question
        source = where = ""
        if q is not None and q.source:
            try:
                source = s.source(q.source).title
            except KeyError:
                source = q.source
            where = f"¶{q.paragraph}" if q.paragraph else q.locator or ""
        question = {"text": s.focus.asks(), "source": source, "where": where}
    sentences: list[str] = []
    notes: list[str] = []
    wedge = inputs.get("wedge")
    if wedge is not None:
        sentences.append(wedge.answer)
        drivers = drivers_sentence(wedge)
        if drivers:
            sentences.append(drivers)
    balance = inputs.get("balance")
    if balance is not None and len(sentences) < 2:
        sentences.append(balance_sentence(balance, s))
    if len(sentences) < 2 and s.focus is not None:
        a, b = s.focus.target, s.focus.partner
        value = net_tie(s, a, b)
        channels = [c for c in CHANNELS if any(t.channel.value == c for t in s.ties_between(a, b))]
        sentences.append(
            f"The scenario codes the net tie of {name_of(s, a)} and {name_of(s, b)} at "
            f"{signed(value)} on a scale from −1 to +1, with ties in "
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
    size_label = s.size_label()
    if not sizes:
        notes.append("node sizes not drawn: the scenario gives no size measure")
    else:
        missing = [a.id for a in s.actors if a.kind != ActorKind.bloc and a.id not in sizes]
        if missing:
            notes.append(
                f"no {s.size_attribute} for {', '.join(missing)}: drawn smallest, dotted outline"
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
                    "a_name": name_of(s, t.pair[0]),
                    "b_name": name_of(s, t.pair[1]),
                    "arrow": "→" if t.directed else "–",
                    "strength": signed(t.strength),
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
        view = ALIGNMENT_VIEWS[name](result, s)
        parts.append({"name": name, "label": label, "view": view})
    return Section(
        id="alignment",
        title="Balance and alignment",
        template="alignment.html",
        context={"parts": parts},
        notes=tuple(notes),
    )


ALIGNMENT_VIEWS: dict[str, Callable[[Any, Scenario], dict[str, Any]]] = {
    "balance": balance_view,
    "triad": triad_view,
    "landscape": landscape_view,
    "dynamics": dynamics_view,
}


# -- 5. the wedge ---------------------------------------------------------------------------------


def wedge_section(inputs: ReportInputs) -> Section:
    """Price distribution with its interval, tornado of drivers, the three lenses."""
    wedge = inputs.get("wedge")
    if wedge is None or not getattr(wedge, "computed", True):
        return Section(
            id="wedge",
            title="The wedge",
            template="wedge.html",
            context={"view": None},
            notes=(wedge.answer if wedge is not None else f"wedge price {inputs.why('wedge')}",),
        )
    return Section(
        id="wedge",
        title="The wedge",
        template="wedge.html",
        context={"view": wedge_view(wedge)},
    )


def bargain_section(inputs: ReportInputs) -> Section:
    """The bargaining lens: what the target would demand and whether a bargain exists."""
    lens = inputs.get("bargain")
    if lens is None:
        return Section(
            id="bargain",
            title="The bargaining lens",
            template="bargain.html",
            context={"lens": None},
            notes=(f"bargaining lens {inputs.why('bargain')}",),
        )
    rows = [
        {
            "issue": issue,
            "before": f"{before:.1f}",
            "after": f"{lens.forecast_after.get(issue, before):.1f}",
        }
        for issue, before in lens.forecast_before.items()
    ]
    return Section(
        id="bargain",
        title="The bargaining lens",
        template="bargain.html",
        context={"lens": lens, "reading": lens.reading(), "rows": rows},
    )


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
        ctx[name] = {
            "svg": svg.line_svg(
                {k: [(p["x"], p["value"]) for p in pts] for k, pts in result.series.items()},
                title=result.title,
                y_label=result.measure,
                y_range=result.y_range,
            ),
            "caption": result.caption,
        }
    return Section(
        id="measured",
        title="Measured against assessed",
        template="measured.html",
        context=ctx,
        notes=tuple(notes),
    )


def idealpoints_section(inputs: ReportInputs) -> Section:
    """The focus triangle in the UN General Assembly: ideal points and distances by year."""
    result = inputs.get("idealpoints")
    if result is None:
        return Section(
            id="idealpoints",
            title="Preferences in the UN General Assembly",
            template="idealpoints.html",
            context={"figures": (), "reading": None},
            notes=(f"ideal points {inputs.why('idealpoints')}",),
        )
    mark = (*result.mark, "scenario period") if result.mark else None
    figures = (
        {
            "svg": svg.line_svg(
                result.positions(),
                title="Ideal points by year (higher: closer to the US-led side)",
                y_label="ideal point",
                mark=mark,
            ),
            "caption": (
                "Dynamic ordered-probit ideal points of every state and session, one scale for"
                " the whole record (mean 0, sd 1 over all state-sessions); the year is the one a"
                " session opened."
            ),
        },
        {
            "svg": svg.line_svg(
                result.distances(),
                title="Ideal-point distance of each pair, by year",
                y_label="distance",
                mark=mark,
            ),
            "caption": "Absolute difference of the two ideal points; lower means closer.",
        },
    )
    return Section(
        id="idealpoints",
        title="Preferences in the UN General Assembly",
        template="idealpoints.html",
        context={"figures": figures, "reading": result.reading()},
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
        "Per channel the ties of a pair combine as 1 − Π(1 − |s|) for each sign (at most one band "
        "of the coding scale above the strongest tie, never ±1 unless a tie is coded so), "
        "cooperation minus conflict; overall the net tie is the mean over the channels in which "
        "the pair has ties.",
    ]
    wedge = inputs.get("wedge")
    more: list[dict[str, Any]] = []
    evidenced: list[dict[str, Any]] = []
    if wedge is not None:
        more = assumption_rows(wedge)
        evidenced = evidenced_rows(wedge)
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
    bargain_section,
    measured_section,
    idealpoints_section,
    assumptions_section,
    references_section,
)


def build_sections(inputs: ReportInputs) -> list[Section]:
    """Every section of the report, in reading order."""
    return [build(inputs) for build in SECTION_BUILDERS]


def svg_markup(value: Any) -> Markup:
    """SVG produced by :mod:`blocs.report.svg` (already escaped) as template markup."""
    return value if isinstance(value, Markup) else Markup("")
