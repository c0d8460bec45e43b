"""Baseline bargaining forecasts: the compromise model (weighted mean), the weighted median, and
the Nash bargaining solution.

On each dimension, with weights ``w_i = c_i s_i`` (capability times salience):

* **Compromise model** (weighted mean): ``Σ w_i x_i / Σ w_i``. In the DEU research programme
  this simple model predicted EU legislative outcomes about as well as, or better than, the
  procedural and exchange models (Thomson et al. 2006; Achen 2006), so every other model is
  reported beside it.
* **Weighted median**: the actor position ``p`` minimising ``Σ w_i |x_i − p|``, which in one
  dimension is the weighted Condorcet winner among the actors' positions (the median voter
  position of the BDM model). When two positions tie (the cumulative weight is exactly half) the
  forecast is the midpoint of the tied positions.
* **Nash bargaining solution** (asymmetric, bargaining power ``w_i``): the outcome maximising
  ``Σ w_i log(u_i(x) − u_i(d_i))`` with quadratic utilities ``u_i(x) = −((x − x_i)/R)²``. The
  disagreement point ``d_i`` is, by default, actor ``i``'s least-preferred end of the scale
  (``disagreement=None``), so that every actor gains from every interior outcome; with a status
  quo ``q`` (``disagreement=q``), only outcomes that make no actor worse off than ``q`` are
  feasible, and an actor sitting at ``q`` keeps the outcome there. The objective is concave; the
  maximiser is found by bisection on its derivative to 1e-12 of the scale.

Examples
--------
>>> from blocs.models.bargaining import BargainingInput
>>> inp = BargainingInput.from_arrays(["A", "B", "C"], [1, 1, 2], [[0], [6], [10]],
...                                   [[1], [1], [0.5]], scale=[(0, 10)])
>>> compromise(inp).forecast, weighted_median(inp).forecast
((5.333333333333333,), (6.0,))
>>> round(nash_bargaining(inp).forecast[0], 6)
5.385821
>>> compromise(inp).reading()
'The compromise model (weighted mean) forecasts 5.333 on dim1.'

References
----------
Achen, C. H. (2006). Institutional realism and bargaining models. In R. Thomson, F. N. Stokman,
C. H. Achen & T. König (Eds.), *The European Union Decides* (pp. 86–123). Cambridge UP.

Nash, J. F. (1950). The bargaining problem. *Econometrica*, 18(2), 155–162.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.bargaining.inputs import BargainingInput

__all__ = [
    "BaselineForecast",
    "compromise",
    "nash_bargaining",
    "nash_bargaining_1d",
    "weighted_mean_1d",
    "weighted_median",
    "weighted_median_1d",
]


def _check_weight(w: np.ndarray) -> float:
    total = float(w.sum())
    if not total > 0:
        raise ModelInputError(
            "no actor has both a positive capability and a positive salience on this dimension"
        )
    return total


def weighted_mean_1d(x: np.ndarray, w: np.ndarray) -> float:
    """``Σ w x / Σ w``.

    >>> weighted_mean_1d(np.array([0.0, 10.0]), np.array([1.0, 3.0]))
    7.5
    """
    total = _check_weight(w)
    return float(np.dot(w, x) / total)


def weighted_median_1d(x: np.ndarray, w: np.ndarray) -> float:
    """The actor position minimising ``Σ w_i |x_i − p|``; the midpoint when two positions tie.

    >>> weighted_median_1d(np.array([4.0, 7.0, 10.0]), np.array([1.0, 1.0, 1.0]))
    7.0
    >>> weighted_median_1d(np.array([0.0, 10.0]), np.array([1.0, 1.0]))
    5.0
    """
    _check_weight(w)
    keep = w > 0
    xs, ws = x[keep], w[keep]
    cand = np.unique(xs)
    cost = np.abs(xs[None, :] - cand[:, None]) @ ws
    best = cost.min()
    tol = 1e-12 * max(1.0, abs(best), float(np.abs(cand).max()) * float(ws.sum()))
    tied = cand[cost <= best + tol]
    return float((tied.min() + tied.max()) / 2.0)


def nash_bargaining_1d(
    x: np.ndarray,
    w: np.ndarray,
    low: float,
    high: float,
    disagreement: float | None = None,
) -> float:
    """The asymmetric Nash bargaining solution on one dimension (see the module docstring).

    >>> round(nash_bargaining_1d(np.array([0.0, 10.0]), np.array([1.0, 1.0]), 0.0, 10.0), 9)
    5.0
    """
    _check_weight(w)
    keep = w > 0
    xs, ws = x[keep], w[keep]
    width = high - low
    if disagreement is None:
        reach = np.maximum((xs - low) ** 2, (high - xs) ** 2)
        a, b = low, high
    else:
        q = float(disagreement)
        if np.any(xs == q):
            return q
        reach = (xs - q) ** 2
        # feasible: every actor at least as well off as at q, i.e. |x - x_i| <= |q - x_i|
        a = max(low, float(np.max(xs - np.abs(xs - q))))
        b = min(high, float(np.min(xs + np.abs(xs - q))))
        if a >= b:
            return q
    if np.all(xs == xs[0]):
        return float(xs[0])

    def slope(t: float) -> float:
        gain = reach - (t - xs) ** 2
        return float(np.sum(ws * (-2.0 * (t - xs)) / gain))

    lo, hi = a, b
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if hi - lo <= 1e-12 * width:
            break
        if slope(mid) > 0:
            lo = mid
        else:
            hi = mid
    return float(0.5 * (lo + hi))


@dataclass(frozen=True)
class BaselineForecast:
    """A baseline model's forecast on each dimension."""

    model: str
    label: str
    dimensions: tuple[str, ...]
    forecast: tuple[float, ...]

    def reading(self) -> str:
        parts = "; ".join(
            f"{v:.4g} on {d}" for d, v in zip(self.dimensions, self.forecast, strict=True)
        )
        return f"The {self.label} forecasts {parts}."


def _weights(inp: BargainingInput, k: int) -> np.ndarray:
    return inp.capability * inp.salience[:, k]


def compromise(inp: BargainingInput) -> BaselineForecast:
    """The compromise model: the capability- and salience-weighted mean on each dimension."""
    values = tuple(
        weighted_mean_1d(inp.position[:, k], _weights(inp, k)) for k in range(inp.n_dimensions)
    )
    return BaselineForecast(
        "weighted_mean", "compromise model (weighted mean)", inp.dimensions, values
    )


def weighted_median(inp: BargainingInput) -> BaselineForecast:
    """The capability- and salience-weighted median on each dimension."""
    values = tuple(
        weighted_median_1d(inp.position[:, k], _weights(inp, k)) for k in range(inp.n_dimensions)
    )
    return BaselineForecast("median", "weighted median", inp.dimensions, values)


def nash_bargaining(
    inp: BargainingInput, disagreement: tuple[float | None, ...] | None = None
) -> BaselineForecast:
    """The Nash bargaining solution on each dimension; ``disagreement`` gives a status quo per
    dimension (``None`` entries: each actor's least-preferred end of the scale)."""
    dq = disagreement or (None,) * inp.n_dimensions
    if len(dq) != inp.n_dimensions:
        raise ModelInputError(f"disagreement: need {inp.n_dimensions} values, got {len(dq)}")
    values = tuple(
        nash_bargaining_1d(
            inp.position[:, k],
            _weights(inp, k),
            float(inp.scale[k, 0]),
            float(inp.scale[k, 1]),
            dq[k],
        )
        for k in range(inp.n_dimensions)
    )
    return BaselineForecast("nash", "Nash bargaining solution", inp.dimensions, values)
