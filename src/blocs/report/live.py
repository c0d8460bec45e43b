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
from blocs.models.dynamics import dynamics_from_scenario
from blocs.models.landscape import landscape_from_scenario
from blocs.report import svg
from blocs.report.views import wedge_view
from blocs.scenario.model import ActorKind, Scenario
from blocs.scenario.network import net_ties
from blocs.whatif.distributions import Distribution
from blocs.whatif.inputs import AssumptionsFile, load_assumptions
from blocs.whatif.library import overlay_path, overlays
from blocs.whatif.overlay import Overlay as OverlayFile
from blocs.whatif.overlay import apply_overlay, load_overlay
from blocs.whatif.wedge import WedgeResult, wedge

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
        focus = scenario.focus
        self.pair = (focus.target, focus.partner) if focus else None
        self.divider = focus.divider if focus else None
        tied = {x for t in scenario.ties for x in t.pair}
        self._nodes = {
            a.id: a.name for a in scenario.actors if a.kind != ActorKind.bloc and a.id in tied
        }
        self._positions = svg.network_layout(list(self._nodes), [t.pair for t in scenario.ties])
        self._overlay_objects = _load_overlays([o.id for o in self.overlays])
        self._assumptions: AssumptionsFile | None = None

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
        overlay = self._overlay(request)
        scenario = self.scenario
        page_wedge: dict[str, Any]
        result = None
        try:
            result = self._wedge(request, overlay)
            if not getattr(result, "computed", True):
                raise BlocsError(result.answer)
            page_wedge = {"available": True, **_page_wedge(result, request)}
            if result.overlay is not None:
                scenario = result.overlay.scenario
        except (_Unavailable, BlocsError) as exc:
            page_wedge = {"available": False, "reason": f"not computed: {exc}"}
        notes = []
        if result is None and overlay is not None:
            try:
                scenario = _apply(scenario, overlay)
            except (_Unavailable, BlocsError) as exc:
                notes.append(f"overlays not applied: {exc}")
        alignment = self._alignment(scenario)
        alignment["notes"] = notes + alignment["notes"]
        return {"alignment": alignment, "wedge": page_wedge}

    # -- parts -------------------------------------------------------------------------------
    def _overlay(self, request: WhatIfRequest) -> OverlayFile | None:
        """The toggled overlays and the page's offer as one overlay (``None`` when neither)."""
        changes: list[Any] = []
        for name in request.overlays:
            changes.extend(self._overlay_objects[name].changes)
        if request.inducement_usd > 0 and self.pair and self.divider:
            changes.append(
                {
                    "op": "inducement",
                    "from": self.divider,
                    "to": self.pair[0],
                    "name": "page_offer",
                    "label": "the offer set on the what-if page",
                    "amount": request.inducement_usd,
                    "per": "year",
                    "note": "Set on the what-if page; a hypothesis, not a sourced figure.",
                }
            )
        if not changes:
            return None
        return OverlayFile.model_validate(
            {
                "id": "page",
                "title": "The page's settings",
                "changes": [
                    c if isinstance(c, dict) else c.model_dump(by_alias=True, exclude_none=True)
                    for c in changes
                ],
            }
        )

    def _wedge(self, request: WhatIfRequest, overlay: OverlayFile | None) -> WedgeResult:
        if not (self.pair and self.divider):
            raise _Unavailable(
                f"scenario '{self.scenario.id}' names no focus (divider, target, partner)"
            )
        spec = self._fixed_assumptions(request)
        return wedge(
            self.scenario,
            divider=self.divider,
            target=self.pair[0],
            partner=self.pair[1],
            overlay=overlay,
            assumptions=spec,
            draws=self.draws,
            seed=self.seed,
            sobol_samples=0,
        )

    def _fixed_assumptions(self, request: WhatIfRequest) -> AssumptionsFile:
        """The default assumptions with credibility and horizon fixed at the page's values."""
        if self._assumptions is None:
            self._assumptions = load_assumptions()
        spec = self._assumptions
        fixed = {
            spec.ledger.credibility: request.credibility,
            spec.ledger.horizon: request.horizon_years,
        }
        assumptions = [
            a.model_copy(update={"distribution": Distribution(kind="fixed", value=fixed[a.name])})
            if a.name in fixed
            else a
            for a in spec.assumptions
        ]
        return spec.model_copy(update={"assumptions": assumptions})

    def _alignment(self, scenario: Scenario) -> dict[str, Any]:
        s = scenario
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
            if self.divider:
                d = self.divider
                rows.append(
                    {"label": f"net tie {d}–{a}", "value": f"{_pair_value(edges, d, a):+.2f}"}
                )
        notes = []
        try:
            land = landscape_from_scenario(s)
            g = land.global_minimum
            rows.append(
                {
                    "label": "landscape global minimum",
                    "value": f"[{', '.join(g.coalitions[0])}] vs [{', '.join(g.coalitions[1])}]"
                    f" (basin {100 * g.basin:.0f}%, {len(land.minima)} minima)",
                }
            )
        except BlocsError as exc:
            notes.append(f"landscape not computed: {exc}")
        try:
            dyn = dynamics_from_scenario(s)
            f = dyn.factions
            rows.append(
                {
                    "label": "Marvel factions",
                    "value": f"[{', '.join(f[0])}] vs [{', '.join(f[1])}] ({dyn.outcome})",
                }
            )
        except BlocsError as exc:
            notes.append(f"balance dynamics not computed: {exc}")
        return {"network_svg": str(picture), "rows": rows, "notes": notes}


class _Unavailable(Exception):
    pass


def _pair_value(edges: Sequence[tuple[str, str, float]], a: str, b: str) -> float:
    for x, y, w in edges:
        if {x, y} == {a, b}:
            return w
    return 0.0


def _load_overlays(names: Sequence[str]) -> dict[str, Any]:
    if not names:
        return {}
    return {name: load_overlay(overlay_path(name)) for name in names}


def _apply(scenario: Scenario, overlay: OverlayFile) -> Scenario:
    return apply_overlay(scenario, overlay).scenario


def _page_wedge(result: WedgeResult, request: WhatIfRequest) -> dict[str, Any]:
    view = wedge_view(result)
    offered = result.price.offered or 0.0
    enough = result.price.share_offer_enough
    if offered > 0:
        from_overlays = offered - request.inducement_usd
        offer_line = f"Offer on the table: {svg.format_number(offered, 'USD a year')}"
        if from_overlays > 0:
            offer_line += (
                f" ({svg.format_number(request.inducement_usd)} set here,"
                f" {svg.format_number(from_overlays)} from the overlays)"
            )
        if enough is not None:
            offer_line += f"; it suffices in {100 * enough:.0f}% of the draws."
    else:
        offer_line = "No offer is on the table."
    return {
        "summary": view["answer"],
        "basis": view["basis"],
        "offer": offer_line,
        "drivers": view["drivers"],
        "median": view["median"],
        "p10": view["p10"],
        "p90": view["p90"],
        "share_offer_enough": enough,
        "histogram_svg": str(view["histogram"]),
        "tornado_svg": str(view["tornado"]),
        "disagreements": view["disagreements"],
    }


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def available_overlays(scenario: Scenario) -> list[Overlay]:
    """The example overlays that :mod:`blocs.whatif` ships for ``scenario`` (those written for
    it, or for any scenario)."""
    out = []
    for name in overlays():
        ov = load_overlay(overlay_path(name))
        if ov.scenario in (None, scenario.id):
            out.append(Overlay(id=name, title=ov.title, description=ov.description or ""))
    return out
