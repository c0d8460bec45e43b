"""What the what-if page shows for one setting of its controls, as plain data and escaped SVG.

The page's server hands each validated request to :class:`LivePage`, which asks the what-if and
model parts of blocs for their results (through their public APIs) and renders them. Parts that
are not available are reported as such, never faked.

Examples
--------
>>> import blocs
>>> page = LivePage(blocs.load("russia-iran-2017"))
>>> view = page.view(WhatIfRequest(inducement_usd=5e9, credibility=0.5, horizon_years=10))
>>> view["alignment"]["network_svg"].startswith("<svg")
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from blocs.errors import BlocsError
from blocs.report import svg
from blocs.report.sections import QUESTIONS
from blocs.scenario.model import ActorKind, Scenario
from blocs.scenario.network import net_ties

#: Monte Carlo draws per request on the page (the report uses more; the page says so).
PAGE_DRAWS = 5_000


class WhatIfRequest(BaseModel):
    """One setting of the page's controls, validated before anything runs."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    inducement_usd: float = Field(
        ge=0, le=1e13, description="The divider's yearly offer to the target, in USD a year."
    )
    credibility: float = Field(
        gt=0, le=1, description="How far the target believes the offer (0 < q ≤ 1)."
    )
    horizon_years: float = Field(gt=0, le=50, description="Horizon of the decision, in years.")
    overlays: list[str] = Field(default_factory=list, max_length=32)


@dataclass(frozen=True)
class Overlay:
    """A what-if overlay the page can switch on."""

    id: str
    title: str
    description: str = ""


class LivePage:
    """Computes nothing itself: calls the parts of blocs and renders their results."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        draws: int = PAGE_DRAWS,
        seed: int = 0,
        overlays: Sequence[Overlay] = (),
    ):
        self.scenario = scenario
        self.draws = draws
        self.seed = seed
        self.overlays = tuple(overlays)
        q = QUESTIONS.get(scenario.id)
        self.pair = q.pair if q else None
        self.divider = q.divider if q else None
        tied = {x for t in scenario.ties for x in t.pair}
        self._nodes = {
            a.id: a.name for a in scenario.actors if a.kind != ActorKind.bloc and a.id in tied
        }
        self._positions = svg.network_layout(list(self._nodes), [t.pair for t in scenario.ties])

    def config(self) -> dict[str, Any]:
        """What the page needs to draw its controls."""
        return {
            "scenario": {"id": self.scenario.id, "title": self.scenario.title},
            "question": {"pair": self.pair, "divider": self.divider},
            "draws": self.draws,
            "seed": self.seed,
            "defaults": {"inducement_usd": 5e9, "credibility": 0.5, "horizon_years": 10},
            "overlays": [o.__dict__ for o in self.overlays],
        }

    def check_overlays(self, names: Sequence[str]) -> str | None:
        """A message naming the first unknown overlay, or ``None`` when all are known."""
        known = [o.id for o in self.overlays]
        for i, name in enumerate(names):
            if name not in known:
                listed = ", ".join(known) if known else "none on this page"
                return f"overlays[{i}]: unknown overlay '{name}' (known: {listed})"
        return None

    def view(self, request: WhatIfRequest) -> dict[str, Any]:
        """Alignment and wedge price for ``request``, with their charts as escaped SVG."""
        return {
            "alignment": self._alignment(request),
            "wedge": self._wedge(request),
        }

    # -- parts -------------------------------------------------------------------------------
    def _alignment(self, request: WhatIfRequest) -> dict[str, Any]:
        s = self.scenario
        nodes = self._nodes
        edges = [(a, b, w) for (a, b), w in net_ties(s).items() if a in nodes and b in nodes]
        picture = svg.network_svg(
            [svg.NetworkPanel("overall net ties", edges)],
            nodes=nodes,
            positions=self._positions,
            sizes=s.sizes(),
            panel_width=520,
            panel_height=360,
            columns=1,
        )
        rows = []
        if self.pair:
            a, b = self.pair
            rows.append({"label": f"net tie {a}–{b}", "value": f"{_pair_value(edges, a, b):+.2f}"})
        return {
            "network_svg": str(picture),
            "rows": rows,
            "notes": ["camps and frustration not computed: the balance model is not available"],
        }

    def _wedge(self, request: WhatIfRequest) -> dict[str, Any]:
        try:
            return _wedge_view(self, request)
        except _Unavailable as exc:
            return {"available": False, "reason": f"not computed: {exc}"}
        except BlocsError as exc:
            return {"available": False, "reason": f"not computed: {exc}"}


class _Unavailable(Exception):
    pass


def _pair_value(edges: Sequence[tuple[str, str, float]], a: str, b: str) -> float:
    for x, y, w in edges:
        if {x, y} == {a, b}:
            return w
    return 0.0


def _wedge_view(page: LivePage, request: WhatIfRequest) -> dict[str, Any]:
    raise _Unavailable("the wedge price is not part of this version yet")


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def available_overlays(scenario: Scenario) -> list[Overlay]:
    """The example overlays that :mod:`blocs.whatif` ships for ``scenario`` (none until it
    provides them)."""
    return []
