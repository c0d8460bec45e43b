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
    notes: list[dict[str, Any]] = field(default_factory=list)

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
            "notes": self.notes,
        }


def _plain(value: Any) -> Any:
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


def assess(scenario: Scenario) -> Assessment:
    """Assess a scenario: ties with evidence, net ties per channel and overall, model lenses."""
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
    return Assessment(
        scenario_id=scenario.id,
        title=scenario.title,
        counts=count(scenario),
        ties=ties,
        net_ties=nets,
        notes=notes,
    )
