"""Before and after a shock: what ``blocs whatif`` prints, computed once as a result object.

The net tie of every pair in every channel and overall, before and after an overlay, and the
lenses of :mod:`blocs.models` on both scenarios where those modules are available (the
landscape's global minimum today).

Examples
--------
>>> import blocs
>>> from blocs.whatif.overlay import load_overlay
>>> r = what_if(blocs.load("russia-iran-2017"), load_overlay("syria-war-ends"))
>>> row = next(x for x in r.rows if (x.a, x.b, x.channel) == ("IRN", "RUS", "military"))
>>> row.before > row.after
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blocs.errors import ModelInputError
from blocs.scenario.model import CHANNELS, Scenario
from blocs.scenario.network import net_ties
from blocs.whatif.overlay import Overlay, OverlayResult, apply_overlay


@dataclass(frozen=True)
class TieRow:
    """The net tie of one pair in one channel (or ``overall``) before and after."""

    a: str
    b: str
    channel: str
    before: float
    after: float

    __json_properties__ = ("changed",)

    @property
    def changed(self) -> bool:
        return abs(self.after - self.before) > 1e-12


@dataclass(frozen=True)
class WhatIfResult:
    """Net ties before and after an overlay, the overlay's changes, and model lenses."""

    scenario_id: str = field(metadata={"json": "scenario"})
    overlay: OverlayResult
    rows: tuple[TieRow, ...] = field(metadata={"json": "net_ties"})
    lenses: dict[str, dict[str, Any]]

    @property
    def changed_rows(self) -> list[TieRow]:
        return [r for r in self.rows if r.changed]


def _landscape(scenario: Scenario) -> dict[str, Any]:
    try:
        from blocs.models.landscape import landscape_from_scenario
    except ImportError:  # pragma: no cover - the models part is optional here
        return {"available": False, "note": "blocs.models.landscape is not available"}
    try:
        r = landscape_from_scenario(scenario)
    except ModelInputError as exc:
        return {"available": False, "note": str(exc)}
    return {
        "available": True,
        "global_minimum": [list(c) for c in r.global_minimum.coalitions],
        "energy": r.global_minimum.energy,
        "minima": len(r.minima),
    }


def what_if(scenario: Scenario, overlay: Overlay) -> WhatIfResult:
    """Apply ``overlay`` and compare the scenario before and after."""
    applied = apply_overlay(scenario, overlay)
    after = applied.scenario
    rows: list[TieRow] = []
    for channel in (*CHANNELS, None):
        b = net_ties(scenario, channel)
        a = net_ties(after, channel)
        for pair in sorted(set(a) | set(b)):
            rows.append(
                TieRow(pair[0], pair[1], channel or "overall", b.get(pair, 0.0), a.get(pair, 0.0))
            )
    lenses = {
        "landscape": {"before": _landscape(scenario), "after": _landscape(after)},
    }
    return WhatIfResult(scenario_id=scenario.id, overlay=applied, rows=tuple(rows), lenses=lenses)
