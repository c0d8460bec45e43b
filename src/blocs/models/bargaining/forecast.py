"""Every bargaining model on one issue, side by side: the forecast the ``bargain forecast``
command prints and the bargaining lens builds on.

Examples
--------
>>> from blocs.models.bargaining import BargainingInput
>>> inp = BargainingInput.from_arrays(["A", "B"], [3, 1], [[0], [100]], [[1], [1]], [(0, 100)],
...                                   dimensions=["tariff"])
>>> f = forecast_issue(inp, models=("weighted_mean", "median"))
>>> f.forecasts
{'weighted_mean': 25.0, 'median': 0.0}
>>> f.reading()
'On tariff the weighted mean forecasts 25 and the weighted median 0 (scale 0 to 100).'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.bargaining.baselines import compromise, nash_bargaining, weighted_median
from blocs.models.bargaining.bdm import BDMOptions, bdm
from blocs.models.bargaining.inputs import BargainingInput
from blocs.models.bargaining.spatial import SMPOptions, smp
from blocs.seeding import Seed

if TYPE_CHECKING:
    from blocs.scenario.issues import Issue
    from blocs.scenario.model import Scenario

__all__ = ["ALL_MODELS", "IssueForecast", "forecast_issue", "forecast_scenario", "issue_input"]

ALL_MODELS = ("bdm", "smp", "weighted_mean", "median", "nash")
_SHORT = {
    "bdm": "the expected-utility model",
    "smp": "the spatial model",
    "weighted_mean": "the weighted mean",
    "median": "the weighted median",
    "nash": "the Nash bargaining solution",
}


@dataclass(frozen=True)
class IssueForecast:
    """Each requested model's forecast on one issue (one dimension), on the issue's scale."""

    issue: str
    low: float
    high: float
    forecasts: dict[str, float]
    rounds: int | None = None

    def reading(self) -> str:
        parts = [f"{_SHORT.get(m, m)} {v:.3g}" for m, v in self.forecasts.items()]
        first = next(iter(self.forecasts))
        parts[0] = parts[0].replace(
            _SHORT.get(first, first), _SHORT.get(first, first) + " forecasts", 1
        )
        said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"On {self.issue} {said} (scale {self.low:g} to {self.high:g})."


def forecast_issue(
    inp: BargainingInput,
    models: Sequence[str] = ALL_MODELS,
    *,
    rounds: int = 10,
    bdm_options: BDMOptions | None = None,
    smp_options: SMPOptions | None = None,
    seed: Seed = None,
) -> IssueForecast:
    """Run ``models`` on the one-dimensional input ``inp``."""
    if inp.n_dimensions != 1:
        raise ModelInputError(f"forecast_issue needs one dimension, got {inp.n_dimensions}")
    unknown = [m for m in models if m not in ALL_MODELS]
    if unknown:
        raise ModelInputError(
            f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(ALL_MODELS)}"
        )
    out: dict[str, float] = {}
    for m in models:
        if m == "bdm":
            out[m] = bdm(inp, rounds=rounds, options=bdm_options).forecast[0]
        elif m == "smp":
            out[m] = smp(inp, smp_options or SMPOptions(), seed=seed).forecast[0]
        elif m == "weighted_mean":
            out[m] = compromise(inp).forecast[0]
        elif m == "median":
            out[m] = weighted_median(inp).forecast[0]
        else:
            out[m] = nash_bargaining(inp).forecast[0]
    lo, hi = (float(v) for v in inp.scale[0])
    return IssueForecast(inp.dimensions[0], lo, hi, out, rounds if "bdm" in models else None)


def issue_input(
    scenario: Scenario,
    issue: Issue,
    *,
    position: dict[str, float] | None = None,
    salience: dict[str, float] | None = None,
) -> BargainingInput:
    """The one-dimensional input of a scenario issue: capabilities from the scenario's size
    attribute, positions and saliences from the stances (``position``/``salience`` override
    them by actor, e.g. for a Monte Carlo draw or a concession)."""
    sizes = scenario.sizes()
    actors = issue.actors
    pos = [(position or {}).get(a, issue.stance(a).position) for a in actors]
    sal = [(salience or {}).get(a, issue.stance(a).salience) for a in actors]
    return BargainingInput.from_arrays(
        actors,
        np.array([sizes[a] for a in actors]),
        np.array(pos)[:, None],
        np.array(sal)[:, None],
        [(issue.scale.low, issue.scale.high)],
        dimensions=[issue.id],
    )


def forecast_scenario(
    scenario: Scenario, models: Sequence[str] = ALL_MODELS, *, rounds: int = 10
) -> tuple[IssueForecast, ...]:
    """Every issue of ``scenario`` through ``models``."""
    return tuple(
        forecast_issue(issue_input(scenario, issue), models, rounds=rounds)
        for issue in scenario.issues
    )
