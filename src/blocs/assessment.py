"""The assessment of a scenario: what ``blocs assess`` prints, computed once as a result object.

It gathers the ties by channel with their evidence, the net tie of every pair, and the lenses
of :mod:`blocs.models` on the scenario. The CLI and the report only render it.

Examples
--------
>>> import blocs
>>> result = blocs.assess(blocs.load("russia-iran-2017"))
>>> result.net_ties["overall"][("IRN", "RUS")] > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocs.scenario.model import CHANNELS, Scenario
from blocs.scenario.network import net_ties


@dataclass(frozen=True)
class TieRow:
    """One tie as the assessment shows it, with its evidence trail."""

    id: str | None
    a: str
    b: str
    channel: str
    strength: float
    rationale: str
    period: str | None
    evidence: list[dict[str, Any]]


@dataclass(frozen=True)
class Assessment:
    """Everything ``blocs assess`` reports for one scenario."""

    scenario_id: str
    title: str
    counts: dict[str, int]
    ties: list[TieRow]
    net_ties: dict[str, dict[tuple[str, str], float]]
    sections: dict[str, Any] = field(default_factory=dict)
    readings: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    def _repr_html_(self) -> str:
        """The assessment as an HTML fragment in notebooks."""
        from blocs.report import to_html_fragment

        return to_html_fragment(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "title": self.title,
            "counts": self.counts,
            "ties": [t.__dict__ for t in self.ties],
            "net_ties": {
                ch: [{"a": a, "b": b, "value": v} for (a, b), v in pairs.items()]
                for ch, pairs in self.net_ties.items()
            },
            "sections": {k: _plain(v) for k, v in self.sections.items()},
            "readings": self.readings,
            "notes": self.notes,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


def _evidence_rows(scenario: Scenario, evidence: list) -> list[dict[str, Any]]:
    rows = []
    for ev in evidence:
        src = scenario.source(ev.source)
        rows.append(
            {
                "source": ev.source,
                "source_title": src.title,
                "paragraph": ev.paragraph,
                "locator": ev.locator,
                "claim": ev.claim,
                "quantity": ev.quantity.model_dump(mode="json", exclude_none=True)
                if ev.quantity
                else None,
                "note": ev.note,
            }
        )
    return rows


@dataclass(frozen=True)
class Comparison:
    """A pair and channel with both assessed and measured ties: do they agree in sign?"""

    a: str
    b: str
    channel: str
    assessed: float
    measured: float
    measured_by: tuple[str, ...]

    @property
    def agree(self) -> bool:
        return (self.assessed > 0) == (self.measured > 0) and (self.assessed < 0) == (
            self.measured < 0
        )

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "measured_by": list(self.measured_by), "agree": self.agree}


def measured_against_assessed(scenario: Scenario) -> list[Comparison]:
    """Every pair and channel where data sets measured a tie that documents also assess: the
    clipped sums of each kind side by side (the network counts the assessed one)."""
    groups: dict[tuple[str, str, str], dict[str, list]] = {}
    for t in scenario.current_ties():
        a, b = sorted(t.pair)
        groups.setdefault((a, b, t.channel.value), {}).setdefault(t.basis.value, []).append(t)
    out = []
    for (a, b, channel), kinds in sorted(groups.items()):
        if "assessed" in kinds and "measured" in kinds:

            def clipped(ties: list) -> float:
                return max(-1.0, min(1.0, sum(t.strength for t in ties)))

            sources = sorted({e.source for t in kinds["measured"] for e in t.evidence})
            out.append(
                Comparison(
                    a,
                    b,
                    channel,
                    clipped(kinds["assessed"]),
                    clipped(kinds["measured"]),
                    tuple(sources),
                )
            )
    return out


def count(scenario: Scenario) -> dict[str, int]:
    """Counts of the scenario's parts: actors, blocs, ties, evidence items, sources, figures."""
    evidence = list(scenario.evidence_items())
    return {
        "actors": sum(1 for a in scenario.actors if a.kind.value != "bloc"),
        "blocs": sum(1 for a in scenario.actors if a.kind.value == "bloc"),
        "memberships": len(scenario.memberships),
        "ties": len(scenario.ties),
        "evidence": len(evidence),
        "figures": sum(1 for _, ev in evidence if ev.quantity is not None),
        "sources": len(scenario.sources),
        "notes": len(scenario.notes),
    }


@dataclass(frozen=True)
class NotComputed:
    """A section that could not be computed for this scenario, and why."""

    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"not_computed": self.reason}


def _join(names: Any) -> str:
    return "{" + ", ".join(str(n) for n in names) + "}"


def _camp_of(camps: Any, actor: str) -> int | None:
    for i, camp in enumerate(camps):
        if actor in camp:
            return i
    return None


def readings(scenario: Scenario, sections: dict[str, Any]) -> list[str]:
    """One plain sentence per lens, stating what it found on this scenario."""
    out: list[str] = []
    focus = scenario.focus
    triad = sections.get("triad")
    if focus is not None and triad is not None and not isinstance(triad, NotComputed):
        t, p, d = focus.triad
        state = "balanced" if triad.balanced else "unbalanced"
        s = ["+" if x > 0 else "−" for x in triad.signs]  # edges tp, pd, td
        common = triad.signs == (1, -1, -1)
        out.append(
            f"The triangle {t}–{p}–{d} is {state} ({t}–{p} {s[0]}, {p}–{d} {s[1]},"
            f" {t}–{d} {s[2]})"
            + (f": {t} and {p} are friends with a common adversary, {d}." if common else ".")
        )
    balance = sections.get("balance")
    if balance is not None and not isinstance(balance, NotComputed):
        overall = balance.overall
        fr, w = overall.frustration, overall.weighted
        proof = "proven optimal" if fr.optimal and w.optimal else "best found, not proven"
        camps = " against ".join(_join(c) for c in fr.camps)
        out.append(
            f"Structural balance: the overall network needs {fr.value:g} of {fr.n_edges} ties"
            f" removed (weighted {w.value:.2f}) to be balanced ({proof}); the camps are {camps}."
        )
    landscape = sections.get("landscape")
    if landscape is not None and not isinstance(landscape, NotComputed) and focus is not None:
        t, p = focus.target, focus.partner
        if t in landscape.actors and p in landscape.actors:
            together = all(
                _camp_of(m.coalitions, t) == _camp_of(m.coalitions, p) for m in landscape.minima
            )
            n = len(landscape.minima)
            where = "in every minimum" if together else "not in every minimum"
            g = landscape.global_minimum
            out.append(
                f"Landscape theory (sizes: CINC 2016): {t} sits in {p}'s camp {where}"
                f" ({n} local minim{'um' if n == 1 else 'a'}); the global minimum is"
                f" {' against '.join(_join(c) for c in g.coalitions)}."
            )
    dynamics = sections.get("dynamics")
    if dynamics is not None and not isinstance(dynamics, NotComputed):
        if dynamics.outcome == "factions":
            factions = " against ".join(_join(f) for f in dynamics.factions)
            out.append(
                f"Balance dynamics (Marvel et al. 2011): the ties polarise by t* ="
                f" {dynamics.blow_up_time:.2f} into {factions}."
            )
        else:
            out.append(f"Balance dynamics (Marvel et al. 2011): {dynamics.outcome}.")
    measured = sections.get("measured") or []
    disagree = [c for c in measured if not c.agree]
    if measured:
        out.append(
            f"Measured against assessed: {len(measured) - len(disagree)} of {len(measured)}"
            " measured ties agree in sign with the documents"
            + (
                "; they disagree on "
                + ", ".join(f"{c.a}–{c.b} {c.channel}" for c in disagree)
                + "."
                if disagree
                else "."
            )
        )
    wedge = sections.get("wedge")
    if wedge is not None and not isinstance(wedge, NotComputed):
        drivers = ", ".join(r.label for r in wedge.tornado[:3])
        out.append(f"Wedge price: {wedge.answer} Main drivers: {drivers}.")
    return out


def _lens(compute: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one model; a model that cannot take this scenario yields :class:`NotComputed`."""
    from blocs.errors import BlocsError

    try:
        return compute(*args, **kwargs)
    except BlocsError as exc:
        return NotComputed(str(exc))


def model_sections(
    scenario: Scenario,
    *,
    data: str | Path | None = None,
    seed: int | None = 0,
    draws: int = 20_000,
) -> dict[str, Any]:
    """The model lenses on a scenario: balance, the focus triad, landscape, dynamics, and the
    wedge price when the scenario names its focus (``data``: reference data for the base-rate
    lens; ``seed`` and ``draws``: the Monte Carlo of the wedge)."""
    from blocs.models.balance import balance_report, triangle
    from blocs.models.dynamics import dynamics_from_scenario
    from blocs.models.landscape import landscape_from_scenario
    from blocs.scenario.network import signed_graph

    sections: dict[str, Any] = {"balance": _lens(balance_report, scenario)}
    if scenario.focus is not None:
        graph = signed_graph(scenario)
        t, p, d = scenario.focus.triad
        if all(graph.has_edge(x, y) for x, y in ((t, p), (t, d), (p, d))):
            sections["triad"] = triangle(graph, t, p, d)
        else:
            sections["triad"] = NotComputed(f"{t}, {p} and {d} are not all tied to each other")
    if scenario.size_attribute:
        sections["landscape"] = _lens(landscape_from_scenario, scenario)
    else:
        sections["landscape"] = NotComputed("the scenario names no size_attribute")
    sections["dynamics"] = _lens(dynamics_from_scenario, scenario)
    if scenario.focus is not None:
        from blocs.whatif.wedge import wedge

        focus = scenario.focus
        sections["wedge"] = _lens(
            wedge,
            scenario,
            divider=focus.divider,
            target=focus.target,
            partner=focus.partner,
            data=data,
            seed=seed,
            draws=draws,
        )
    else:
        sections["wedge"] = NotComputed("the scenario names no focus (divider, target, partner)")
    return sections


def assess(
    scenario: Scenario,
    *,
    data: str | Path | None = None,
    seed: int | None = 0,
    draws: int = 20_000,
) -> Assessment:
    """Assess a scenario: ties with evidence, net ties per channel and overall, model lenses
    and the wedge price (see :func:`model_sections` for the options)."""
    ties = [
        TieRow(
            id=t.id,
            a=t.pair[0],
            b=t.pair[1],
            channel=t.channel.value,
            strength=t.strength,
            rationale=t.rationale,
            period=str(t.period) if t.period else None,
            evidence=_evidence_rows(scenario, t.evidence),
        )
        for t in scenario.ties
    ]
    nets = {"overall": net_ties(scenario)}
    for channel in CHANNELS:
        nets[channel] = net_ties(scenario, channel)
    notes = [
        {"topic": n.topic, "text": n.text, "evidence": _evidence_rows(scenario, n.evidence)}
        for n in scenario.notes
    ]
    sections = model_sections(scenario, data=data, seed=seed, draws=draws)
    comparisons = measured_against_assessed(scenario)
    if comparisons:
        sections = {"measured": comparisons, **sections}
    return Assessment(
        scenario_id=scenario.id,
        title=scenario.title,
        counts=count(scenario),
        ties=ties,
        net_ties=nets,
        sections=sections,
        readings=readings(scenario, sections),
        notes=notes,
    )
