"""Scoring bargaining models on real outcomes (DEU III): every model on every usable issue,
mean absolute error against the recorded outcome and the share of issues within 10 points, with
the file's capabilities and with equal capabilities.

Models scored (keys of :data:`MODELS`): ``weighted_mean`` (the compromise model), ``median``
(capability- and salience-weighted median), ``nash`` (Nash bargaining solution, disagreement at
each actor's least-preferred end of the scale), ``bdm`` (Scholz et al.'s specification, ten
rounds, forecast = median after the last round) and ``smp`` (the spatial model with KTAB's
reference parameters, forecast = the most probable position when it stops). Issues are dropped
only by :func:`~blocs.models.bargaining.files.read_deu`, which counts them by reason.

Examples
--------
>>> import numpy as np
>>> from blocs.models.bargaining.files import DeuIssue, DeuIssues
>>> one = DeuIssue("i1", 3, ("a", "b"), np.array([1.0, 3.0]), np.array([0.0, 100.0]),
...                np.array([1.0, 1.0]), None, 70.0)
>>> card = score(DeuIssues("f", (one,), 1, {}), models=("weighted_mean", "median"))
>>> card.file["weighted_mean"].mae, card.equal["weighted_mean"].mae
(5.0, 20.0)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from blocs.models.bargaining.baselines import compromise, nash_bargaining, weighted_median
from blocs.models.bargaining.bdm import bdm
from blocs.models.bargaining.files import DeuIssue, DeuIssues
from blocs.models.bargaining.inputs import BargainingInput
from blocs.models.bargaining.spatial import smp

__all__ = ["MODELS", "ModelScore", "Scorecard", "score"]

MODELS: dict[str, Callable[[BargainingInput], float]] = {
    "weighted_mean": lambda inp: compromise(inp).forecast[0],
    "bdm": lambda inp: bdm(inp, rounds=10).forecast[0],
    "smp": lambda inp: smp(inp).forecast[0],
    "median": lambda inp: weighted_median(inp).forecast[0],
    "nash": lambda inp: nash_bargaining(inp).forecast[0],
}

LABELS = {
    "weighted_mean": "compromise model (weighted mean)",
    "bdm": "BDM expected-utility model",
    "smp": "spatial model (KTAB family)",
    "median": "weighted median",
    "nash": "Nash bargaining solution",
}


@dataclass(frozen=True)
class ModelScore:
    """One model's error against the outcomes: MAE, share within 10 points, issues used."""

    model: str
    mae: float
    within_10: float
    n: int

    def reading(self) -> str:
        return (
            f"The {LABELS.get(self.model, self.model)} misses the outcome by {self.mae:.1f} "
            f"points on average and comes within 10 points on {self.within_10:.0%} of {self.n} "
            "issues."
        )


@dataclass(frozen=True)
class Scorecard:
    """Every model's score with the file's capabilities and with equal capabilities."""

    source: str
    issues: int
    rows: int
    dropped: dict[str, int]
    drop_rule: str
    file: dict[str, ModelScore]
    equal: dict[str, ModelScore]

    def best(self, which: str = "file") -> str:
        scores = self.file if which == "file" else self.equal
        return min(scores, key=lambda m: scores[m].mae)

    def reading(self) -> str:
        best = self.best("file")
        mean = self.file.get("weighted_mean")
        tail = ""
        if mean is not None and best != "weighted_mean":
            tail = f", ahead of the weighted mean ({mean.mae:.1f})"
        elif mean is not None and "bdm" in self.file:
            tail = f"; BDM's error is {self.file['bdm'].mae:.1f}"
        return (
            f"On {self.issues} DEU III issues the {LABELS.get(best, best)} has the lowest mean "
            f"absolute error ({self.file[best].mae:.1f} points){tail}."
        )


def _errors(issues: Sequence[DeuIssue], model: str, equal: bool) -> np.ndarray:
    fn = MODELS[model]
    return np.array(
        [abs(fn(i.bargaining_input(equal_capabilities=equal)) - i.outcome) for i in issues]
    )


def score(
    data: DeuIssues,
    models: Sequence[str] = tuple(MODELS),
    progress: Callable[[str], None] | None = None,
) -> Scorecard:
    """Score ``models`` on every usable issue, with the file's and with equal capabilities."""
    out: dict[str, dict[str, ModelScore]] = {"file": {}, "equal": {}}
    for setting, equal in (("file", False), ("equal", True)):
        for m in models:
            err = _errors(data.issues, m, equal)
            out[setting][m] = ModelScore(
                m, float(err.mean()), float((err <= 10.0).mean()), int(err.size)
            )
            if progress:
                progress(f"{m} ({setting} capabilities)")
    gone = sum(data.dropped.values())
    rule = (
        "an issue is used when it has a recorded outcome and at least two actors with both a "
        "position and a salience, not all at one position; an actor enters an issue only with "
        f"both; {gone} of {data.rows} issues were dropped"
        + (" (" + "; ".join(f"{n} {r}" for r, n in data.dropped.items()) + ")" if gone else "")
    )
    return Scorecard(
        data.path, len(data.issues), data.rows, dict(data.dropped), rule, out["file"], out["equal"]
    )
