"""Stated distributions of what-if inputs, drawn through their quantile function.

Every input of a what-if (an evidenced figure's range or an analyst's assumption) has one of
these distributions. They are all sampled the same way: uniform numbers ``u`` in [0, 1] are
mapped through the quantile function (``ppf``), so that plain Monte Carlo (``u`` from a seeded
generator) and Sobol analysis (``u`` from a Saltelli design) share one code path.

Kinds
-----
``fixed``       a single value (no uncertainty; left out of sensitivity analysis)
``uniform``     flat on [low, high]
``loguniform``  flat in log on [low, high] (both > 0): for ranges spanning orders of magnitude
``triangular``  on [low, high] with peak at ``mode``
``pert``        the Beta-PERT on [low, high] with mode ``mode`` and shape ``lamb`` (4 by
                default, the classical PERT choice)

Examples
--------
>>> import numpy as np
>>> d = Distribution(kind="uniform", low=2.0, high=4.0)
>>> d.ppf(np.array([0.0, 0.5, 1.0])).tolist()
[2.0, 3.0, 4.0]
>>> d.median()
3.0
>>> Distribution(kind="fixed", value=0.05).ppf(np.array([0.1, 0.9])).tolist()
[0.05, 0.05]

References
----------
Vose, D. (2008). *Risk Analysis: A Quantitative Guide*, 3rd ed. Wiley (the PERT distribution,
section 9.1.5).
"""

from __future__ import annotations

import functools
import math
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy import special

_TABLE_POINTS = 2**14 + 1
_BUCKETS = 2**15


class _BetaTable:
    """The Beta CDF on a fine grid, inverted by linear interpolation in :meth:`ppf` (the exact
    inverse is ~100 times slower; with ``alpha, beta >= 1`` the error is below 1e-6).

    The interpolation is ``np.interp``'s, number for number, but finds each ``u``'s grid cell
    without a binary search: a uniform grid of ``_BUCKETS`` cells in ``u`` stores the first
    cell of the CDF table each bucket touches, one comparison moves to the next cell, and the
    few values left (where the CDF is steep or flat) are searched for.
    """

    def __init__(self, alpha: float, beta: float) -> None:
        x = np.linspace(0.0, 1.0, _TABLE_POINTS)
        cdf = special.betainc(alpha, beta, x)
        self.x, self.cdf = x, cdf
        step = np.diff(cdf)
        with np.errstate(divide="ignore", over="ignore"):
            self.slope = np.diff(x) / step
        # flat cells (slope inf) are never interpolated in; steep ones (a finite step with an
        # infinite slope) and a CDF that is not monotone go through np.interp
        self.exact = bool(np.all(step >= 0) and np.all(np.isfinite(self.slope[step > 0])))
        if self.exact:
            grid = np.arange(_BUCKETS) / _BUCKETS
            self.first = np.searchsorted(cdf, grid, side="right") - 1
            self.next_cdf = np.append(cdf, np.inf)
            self.last = int(np.flatnonzero(step > 0)[-1])  # the last cell that is not flat

    def __call__(self, u: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Interpolated Beta quantiles of ``u`` written to ``out`` (which may be ``u``)."""
        if not self.exact:
            np.copyto(out, np.interp(u, self.cdf, self.x))
            return out
        bucket = (u * _BUCKETS).astype(np.intp)
        np.clip(bucket, 0, _BUCKETS - 1, out=bucket)
        j = self.first[bucket]
        j += self.next_cdf[j + 1] <= u
        behind = self.next_cdf[j + 1] <= u
        if behind.any():
            j[behind] = np.searchsorted(self.cdf, u[behind], side="right") - 1
        np.clip(j, 0, self.last, out=j)
        top = u >= self.cdf[-1]
        np.subtract(u, self.cdf[j], out=out)
        out *= self.slope[j]
        out += self.x[j]
        if top.any():
            out[top] = self.x[-1]
        return out


@functools.lru_cache(maxsize=64)
def _beta_table(alpha: float, beta: float) -> _BetaTable:
    return _BetaTable(alpha, beta)


class Distribution(BaseModel):
    """A distribution an analyst states for one input (see the module for the kinds)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["fixed", "uniform", "loguniform", "triangular", "pert"]
    value: float | None = None
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    lamb: float = Field(default=4.0, gt=0)

    @model_validator(mode="after")
    def _complete(self) -> Distribution:
        if self.kind == "fixed":
            if self.value is None:
                raise ValueError("a fixed distribution needs 'value'")
            return self
        if self.low is None or self.high is None:
            raise ValueError(f"a {self.kind} distribution needs 'low' and 'high'")
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.kind == "loguniform" and self.low <= 0:
            raise ValueError("a loguniform distribution needs low > 0")
        if self.kind in ("triangular", "pert"):
            if self.mode is None:
                raise ValueError(f"a {self.kind} distribution needs 'mode'")
            if not self.low <= self.mode <= self.high:
                raise ValueError(f"mode ({self.mode}) is outside [{self.low}, {self.high}]")
        return self

    @property
    def is_fixed(self) -> bool:
        """True when the input does not vary (a fixed value or a zero-width range)."""
        return self.kind == "fixed" or self.low == self.high

    @property
    def support(self) -> tuple[float, float]:
        """The smallest and largest value the distribution can take."""
        if self.kind == "fixed":
            return float(self.value), float(self.value)  # type: ignore[arg-type]
        return float(self.low), float(self.high)  # type: ignore[arg-type]

    def ppf(self, u: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """The quantile function applied to ``u`` (values in [0, 1]), vectorised. With ``out``
        (an array of ``u``'s shape, which may be ``u`` itself) the values are written there."""
        u = np.asarray(u, dtype=float)
        if out is None:
            out = np.empty(u.shape)
        if self.kind == "fixed":
            out[...] = float(self.value)  # type: ignore[arg-type]
            return out
        a, b = self.support
        if a == b:
            out[...] = a
            return out
        # in place: the same arithmetic as the formulas, without temporary arrays
        if self.kind == "uniform":
            np.multiply(u, b - a, out=out)
            out += a
            return out
        if self.kind == "loguniform":
            np.multiply(u, math.log(b) - math.log(a), out=out)
            out += math.log(a)
            return np.exp(out, out=out)
        m = float(self.mode)  # type: ignore[arg-type]
        if self.kind == "triangular":
            c = (m - a) / (b - a)
            below = u < c
            left = u * (b - a)  # a + sqrt(u (b - a) (m - a))
            left *= m - a
            np.sqrt(left, out=left)
            left += a
            np.subtract(1.0, u, out=out)  # b - sqrt((1 - u) (b - a) (b - m))
            out *= b - a
            out *= b - m
            np.sqrt(out, out=out)
            np.subtract(b, out, out=out)
            np.copyto(out, left, where=below)
            return out
        # PERT: a Beta(alpha, beta) stretched over [a, b]
        alpha = 1.0 + self.lamb * (m - a) / (b - a)
        beta = 1.0 + self.lamb * (b - m) / (b - a)
        _beta_table(alpha, beta)(u, out)
        out *= b - a
        out += a
        return out

    def median(self) -> float:
        """The 50% quantile."""
        return float(self.ppf(np.array([0.5]))[0])

    def describe(self) -> str:
        """A short text such as ``uniform 1e+10–2e+10``."""
        if self.kind == "fixed":
            return f"fixed {self.value:.4g}"
        text = f"{self.kind} {self.low:.4g}–{self.high:.4g}"
        if self.mode is not None:
            text += f" (mode {self.mode:.4g})"
        return text
