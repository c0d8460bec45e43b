"""Terminal rendering of results with rich tables. Renders only; computes nothing.

>>> import io
>>> import blocs
>>> from rich.console import Console
>>> console = Console(record=True, width=120, file=io.StringIO())
>>> render_assessment(blocs.assess(blocs.load("russia-iran-2017")), console)
>>> "Ties by channel" in console.export_text()
True
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from blocs.assessment import Assessment, EvidenceRow, TieRow
from blocs.results import NotComputed
from blocs.scenario.model import Quantity


def _signed(value: float) -> str:
    colour = "blue" if value > 0 else "red" if value < 0 else "white"
    return f"[{colour}]{value:+.2f}[/]"


def _cite(ev: EvidenceRow) -> str:
    return f"{ev.source} {ev.where}"


def _cites(evidence: list[EvidenceRow]) -> str:
    """Citations grouped by source: ``foreign-affairs-2017 ¶1, 13``."""
    by_source: dict[str, list[str]] = {}
    for ev in evidence:
        by_source.setdefault(ev.source, []).append(ev.where.lstrip("¶"))
    return "; ".join(f"{s} ¶{', '.join(w)}" for s, w in by_source.items())


def _figure(q: Quantity | None) -> str:
    if q is None:
        return ""
    hedge = {"at_least": "≥ ", "at_most": "≤ ", "about": "~ "}.get(q.bound or "", "")
    value = q.value
    if abs(value) >= 1e9:
        text = f"{value / 1e9:g} bn"
    elif abs(value) >= 1e6:
        text = f"{value / 1e6:g} m"
    else:
        text = f"{value:g}"
    per = f"/{q.per}" if q.per else ""
    return f"{hedge}{text} {q.unit}{per}"


def render_ties(ties: list[TieRow], console: Console) -> None:
    """Ties by channel, each with its strength, rationale and the places it is cited."""
    table = Table(title="Ties by channel (strength in [-1, 1], evidence cited)", show_lines=False)
    table.add_column("channel")
    table.add_column("pair", no_wrap=True)
    table.add_column("strength", justify="right")
    table.add_column("rationale", overflow="fold", ratio=3)
    table.add_column("figures", overflow="fold", ratio=1)
    table.add_column("evidence", overflow="fold", ratio=2)
    for t in sorted(ties, key=lambda r: (r.channel, -abs(r.strength))):
        figures = "; ".join(f for ev in t.evidence if (f := _figure(ev.quantity)))
        cites = _cites(t.evidence)
        period = f" ({t.period})" if t.period else ""
        table.add_row(
            t.channel,
            f"{t.a}–{t.b}",
            _signed(t.strength),
            escape(t.rationale + period),
            escape(figures),
            escape(cites),
        )
    console.print(table)


def render_net_ties(result: Assessment, console: Console) -> None:
    """The net tie of every pair, per channel and overall."""
    channels = [c for c in result.net_ties if c != "overall"]
    table = Table(
        title="Net ties (per channel: saturating combination; overall: mean of channels present)"
    )
    table.add_column("pair")
    for c in [*channels, "overall"]:
        table.add_column(c, justify="right")
    pairs = sorted(result.net_ties["overall"], key=lambda p: -abs(result.net_ties["overall"][p]))
    for pair in pairs:
        cells = []
        for c in [*channels, "overall"]:
            v = result.net_ties[c].get(pair)
            cells.append(_signed(v) if v is not None else "")
        table.add_row(f"{pair[0]}–{pair[1]}", *cells)
    console.print(table)


def render_notes(result: Assessment, console: Console) -> None:
    """Where the sources err or disagree."""
    if not result.notes:
        return
    table = Table(title="What the sources got wrong or disagree on", show_lines=True)
    table.add_column("topic")
    table.add_column("note", overflow="fold")
    table.add_column("cited")
    for n in result.notes:
        table.add_row(escape(n.topic), escape(n.text), ", ".join(_cite(e) for e in n.evidence))
    console.print(table)


def render_evidence(a: str, b: str, ties: list[TieRow], console: Console) -> None:
    """The evidence trail of every tie between ``a`` and ``b``."""
    if not ties:
        console.print(f"no ties between {escape(a)} and {escape(b)}")
        return
    for t in ties:
        table = Table(
            title=f"{t.id or ''} {t.a}–{t.b} {t.channel} {t.strength:+.2f}: {escape(t.rationale)}",
            show_lines=True,
        )
        for col in ("source", "where", "claim (paraphrased)", "figure", "note"):
            table.add_column(col, overflow="fold")
        for ev in t.evidence:
            table.add_row(
                escape(ev.source_title),
                escape(ev.where),
                escape(ev.claim),
                escape(_figure(ev.quantity)),
                escape(ev.note or ""),
            )
        console.print(table)


def render_assessment(result: Assessment, console: Console) -> None:
    """The whole terminal assessment of a scenario."""
    c = result.counts
    console.print(
        Panel.fit(
            f"[bold]{escape(result.title)}[/] ({result.scenario_id})\n"
            f"{c['actors']} actors, {c['blocs']} blocs, {c['memberships']} memberships, "
            f"{c['ties']} ties, {c['evidence']} evidence items ({c['figures']} figures) "
            f"from {c['sources']} sources",
            title="blocs assess",
        )
    )
    render_ties(result.ties, console)
    render_net_ties(result, console)
    for name, section in result.sections.items():
        if isinstance(section, NotComputed):
            console.print(f"[dim]{name}: not computed ({escape(section.reason)})[/]")
            continue
        renderer = SECTION_RENDERERS.get(name)
        if renderer is not None:
            renderer(section, console)
    render_readings(result.readings, console)
    render_notes(result, console)


def render_summary(result: Assessment, console: Console) -> None:
    """The answer on one screen: the question, the answer with what it rests on, the focus
    triangle, one reading per lens and where the lenses disagree (``--full`` for the rest)."""
    c = result.counts
    console.rule(f"[bold]{escape(result.title)}[/] ({escape(result.scenario_id)})")
    console.print(
        f"{c['actors']} actors, {c['ties']} ties, {c['evidence']} evidence items from"
        f" {c['sources']} sources.",
        highlight=False,
    )
    if result.question:
        console.print(f"[bold]Question.[/] {escape(result.question)}", highlight=False)
    wedge = result.sections.get("wedge")
    if wedge is None or isinstance(wedge, NotComputed):
        why = wedge.reading() if isinstance(wedge, NotComputed) else "Not computed."
        console.print(f"[bold]Answer.[/] The wedge price: {escape(why)}", highlight=False)
    else:
        console.print(f"[bold]Answer.[/] {escape(wedge.answer)}", highlight=False)
        sourced, assumed = len(wedge.evidenced), len(wedge.assumptions)
        drivers = "; ".join(
            f"{r.label} ({'assumed' if r.kind == 'assumption' else 'from the sources'})"
            for r in wedge.tornado[:3]
        )
        console.print(
            f"[bold]It rests on[/] {sourced} figures from the sources and {assumed} assumptions;"
            + (f" it moves most with {escape(drivers)}." if drivers else ""),
            highlight=False,
        )
    triad = result.sections.get("triad")
    if triad is not None:
        console.print(f"[bold]Focus triangle.[/] {escape(triad.reading())}", highlight=False)
    lines = [r for name, r in _lens_readings(result) if name not in ("triad", "wedge")]
    if lines:
        console.print("[bold]What each lens says[/]")
        _bullets(lines, console)
    disagree = list(result.disagreements)
    if wedge is not None and not isinstance(wedge, NotComputed):
        disagree += list(wedge.disagreements)
    if disagree:
        console.print("[bold]Where the lenses disagree[/]")
        _bullets(disagree, console)


def _bullets(lines: list[str], console: Console) -> None:
    """Bulleted sentences, each wrapped under its own first word."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row("•", escape(line))
    console.print(grid, highlight=False)


def _lens_readings(result: Assessment) -> list[tuple[str, str]]:
    """Each section's reading sentence (``Not computed: ...`` for an absent one)."""
    return [
        (name, section.reading())
        for name, section in result.sections.items()
        if hasattr(section, "reading")
    ]


def _names(group: Any) -> str:
    return escape(", ".join(str(x) for x in group))


def render_balance(report: Any, console: Console) -> None:
    """Triads and frustration index per channel and overall, with the optimal camps."""
    table = Table(title="Structural balance per channel (frustration index L: fewest ties to drop)")
    for col in (
        "channel",
        "ties",
        "triangles balanced",
        "L",
        "L weighted",
        "1 − 2L/m",
        "camps",
        "proof",
    ):
        table.add_column(col, overflow="fold")
    for name, ch in report.channels.items():
        census, fr, w = ch.census, ch.frustration, ch.weighted
        camps = " | ".join(_names(c) for c in fr.camps if c)
        table.add_row(
            name,
            str(fr.n_edges),
            f"{census.balanced}/{census.total}",
            f"{fr.value:g}",
            f"{w.value:.2f}",
            f"{fr.normalized:.2f}" if fr.n_edges else "",
            camps,
            escape(fr.proof if fr.optimal else f"bound only: {fr.proof}"),
        )
    console.print(table)


def render_landscape(result: Any, console: Console) -> None:
    """Local minima of the landscape with their energies, basins and coalitions."""
    table = Table(
        title=f"Landscape theory: local minima ({result.n_configurations} configurations,"
        f" {result.rule} descent)"
    )
    for col in ("energy", "basin", "coalition A", "coalition B"):
        table.add_column(col, overflow="fold")
    for m in result.minima:
        table.add_row(
            f"{m.energy:.3g}", f"{m.basin:.0%}", _names(m.coalitions[0]), _names(m.coalitions[1])
        )
    console.print(table)
    if result.left_out:
        console.print(f"  left out: {_names(sorted(result.left_out))} (no size, a bloc or untied)")


def render_dynamics(result: Any, console: Console) -> None:
    """Factions predicted by balance dynamics."""
    table = Table(title=f"Balance dynamics ({result.model}): predicted factions")
    table.add_column("outcome")
    table.add_column("blow-up time t*")
    table.add_column("factions", overflow="fold")
    table.add_row(
        result.outcome,
        f"{result.blow_up_time:.3f}" if result.blow_up_time else "",
        " | ".join(_names(f) for f in result.factions),
    )
    console.print(table)


def render_readings(readings: list[str], console: Console) -> None:
    """One sentence per lens."""
    if readings:
        console.print(
            Panel("\n".join(f"• {escape(r)}" for r in readings), title="What the models say")
        )


def render_wedge(result: Any, console: Console) -> None:
    """The wedge price: the answer, where the lenses disagree, the ledger, the tornado, Sobol
    indices, and the inputs (evidenced apart from assumed)."""
    from blocs.whatif.wedge import usd

    console.print(f"[bold]{escape(result.answer)}[/]")
    for text in result.disagreements:
        console.print(f"  • {escape(text)}")
    if not result.computed:
        console.print(f"structural lens: {escape(result.structural_note)}")
        return
    mc = result.price
    summary = Table("", "value", title=f"Reservation price (seed {mc.seed}, {mc.draws} draws)")
    summary.add_row("median", usd(mc.price_median) + " a year")
    summary.add_row("80% interval", f"{usd(mc.price_p10)} – {usd(mc.price_p90)}")
    summary.add_row("present value of the package", usd(mc.present_value_median))
    summary.add_row("draws over the cap (infeasible)", f"{mc.share_over_cap:.1%}")
    if mc.feasible_median is not None:
        summary.add_row(
            "median among feasible draws",
            f"{usd(mc.feasible_median)} ({usd(mc.feasible_p10)} – {usd(mc.feasible_p90)})",
        )
    if result.evidence_share is not None:
        summary.add_row("variance share of evidenced inputs", f"{result.evidence_share:.0%}")
    summary.add_row("draws where leaving is free", f"{mc.share_free:.1%}")
    if mc.offered:
        summary.add_row("already offered", usd(mc.offered) + " a year")
        summary.add_row("offer suffices in", f"{mc.share_offer_enough:.1%} of draws")
    console.print(summary)
    console.print("80% interval: the spread of the stated ranges, not a calibrated forecast.")
    lv = Table("level", "terms", "median", "10%–90%", "over cap", "tie rise", title="Levels")
    for level in result.levels:
        if level.not_computed:
            lv.add_row(level.name, escape(level.not_computed), "—", "—", "—", "—")
            continue
        lv.add_row(
            level.name,
            escape(", ".join(level.terms)),
            usd(level.price_median),
            f"{usd(level.price_p10)} – {usd(level.price_p90)}",
            f"{level.share_over_cap:.0%}",
            "—" if level.structural_change is None else f"{level.structural_change:+.2f}",
        )
    console.print(lv)
    if result.readings:
        rd = Table("figure", "reading", "median", "10%–90%", "over cap", title="Readings")
        for r in result.readings:
            rd.add_row(
                r.stake,
                escape(r.label),
                usd(r.price_median),
                f"{usd(r.price_p10)} – {usd(r.price_p90)}",
                f"{r.share_over_cap:.0%}",
            )
        console.print(rd)
    terms = Table("term", "side", "yearly (median)", "10%–90%", "PV (median)", title="Ledger")
    for t in mc.terms:
        terms.add_row(
            escape(t.label),
            t.side,
            usd(t.yearly_median),
            f"{usd(t.yearly_p10)} – {usd(t.yearly_p90)}",
            usd(t.pv_median),
        )
    console.print(terms)
    tor = Table("input", "kind", "low", "high", "price at low", "price at high", title="Tornado")
    for r in result.tornado[:10]:
        tor.add_row(
            escape(r.label),
            r.kind,
            f"{r.low:.3g}",
            f"{r.high:.3g}",
            usd(r.output_at_low),
            usd(r.output_at_high),
        )
    console.print(tor)
    if result.sobol is not None:
        sob = Table("input", "S1", "ST", title=f"Sobol indices ({result.sobol.evaluations} runs)")
        for row in result.sobol.rows()[:10]:
            sob.add_row(
                row["name"],
                f"{row['first_order']:.2f} ± {row['first_order_conf']:.2f}",
                f"{row['total']:.2f} ± {row['total_conf']:.2f}",
            )
        console.print(sob)
    ev = Table("input", "figure", "range", "source", "¶", title="Evidenced inputs")
    for e in result.evidenced:
        ev.add_row(
            e.name,
            escape(f"{e.value:.4g} {e.unit} ({e.bound})"),
            escape(f"{e.low:.4g} – {e.high:.4g} ({e.range_rule})"),
            escape(e.source),
            str(e.paragraph or e.locator or ""),
        )
    console.print(ev)
    asm = Table("assumption", "unit", "range", "rationale", title="Assumptions (not sourced)")
    for a in result.assumptions:
        asm.add_row(
            escape(a.label),
            a.unit,
            f"{a.low:.4g} – {a.high:.4g}",
            escape(a.rationale),
        )
    console.print(asm)
    console.print(f"structural lens: {escape(result.structural_note)}")
    if not result.base_rate.available:
        console.print(f"base-rate lens: {escape(result.base_rate.note)} (pass --data)")


def render_measured(comparisons: list[Any], console: Console) -> None:
    """Measured ties (data sets) beside assessed ties (documents), and whether they agree."""
    table = Table(title="Measured against assessed (the network counts the assessed tie)")
    for col in ("pair", "channel", "assessed", "measured", "agree", "measured by"):
        table.add_column(col, overflow="fold")
    for c in comparisons:
        table.add_row(
            f"{c.a}–{c.b}",
            c.channel,
            _signed(c.assessed) if c.assessed is not None else "–",
            _signed(c.measured) if c.measured is not None else "–",
            {True: "yes", False: "[bold red]no[/]", None: "–"}[c.agree],
            escape(c.dataset),
        )
    console.print(table)


def render_bargain(result: Any, console: Console) -> None:
    """The bargaining lens: what the target would demand, whether a bargain exists."""
    table = Table(
        "issue",
        "forecast now",
        "forecast with the deal",
        title=(
            f"Bargaining lens ({result.model}): {escape(result.target)}'s price for moving "
            f"away from {escape(result.partner)}"
        ),
    )
    for issue, before in result.forecast_before.items():
        after = result.forecast_after.get(issue, before)
        table.add_row(escape(issue), f"{before:.1f}", f"{after:.1f}")
    console.print(table)
    console.print(escape(result.reading()), highlight=False)


SECTION_RENDERERS: dict[str, Any] = {
    "measured": render_measured,
    "balance": render_balance,
    "landscape": render_landscape,
    "dynamics": render_dynamics,
    "wedge": render_wedge,
    "bargain": render_bargain,
}
