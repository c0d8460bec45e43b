"""Which inputs move the price most: Sobol indices and a tornado table.

**Sobol indices** (variance-based global sensitivity): the first-order index ``S1_i`` is the
share of the output's variance explained by input ``i`` alone, the total index ``ST_i`` the share
explained by ``i`` with all its interactions. They are estimated with Saltelli's sampling design
(scrambled Sobol' sequence, ``N·(k+2)`` evaluations for ``k`` inputs) and the Saltelli (2010) /
Jansen (1999) estimators that SALib uses, with bootstrap confidence intervals. Inputs are sampled
in the unit cube and mapped through each input's quantile function, so any stated
distribution works.

**Tornado table**: the output with each input at the low and the high end of its range while all
others sit at their medians, sorted by the swing between the two.

Examples
--------
The Ishigami function, whose indices are known analytically (S1 ≈ 0.314, 0.442, 0):

>>> import numpy as np
>>> from blocs.whatif.distributions import Distribution
>>> u = Distribution(kind="uniform", low=-np.pi, high=np.pi)
>>> def ishigami(x):
...     return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
>>> r = sobol_indices(ishigami, ["x1", "x2", "x3"], [u, u, u], base_samples=2**12, seed=3)
>>> (np.round(r.first_order, 1) + 0.0).tolist()
[0.3, 0.4, 0.0]

References
----------
Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical models and their
Monte Carlo estimates. *Mathematics and Computers in Simulation*, 55(1–3), 271–280.

Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., & Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index. *Computer Physics Communications*, 181(2), 259–270.

Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
Communications*, 117(1–2), 35–43.

Herman, J., & Usher, W. (2017). SALib: An open-source Python library for sensitivity analysis.
*Journal of Open Source Software*, 2(9), 97.

Ishigami, T., & Homma, T. (1990). An importance quantification technique in uncertainty
analysis for computer models. *Proceedings of ISUMA '90*, 398–403.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from blocs.errors import ModelInputError
from blocs.seeding import Seed, normalise_seed


class _HasPpf(Protocol):
    def ppf(self, u: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class SobolResult:
    """First-order and total Sobol indices with their bootstrap confidence half-widths."""

    names: tuple[str, ...]
    first_order: tuple[float, ...]
    first_order_conf: tuple[float, ...]
    total: tuple[float, ...]
    total_conf: tuple[float, ...]
    base_samples: int
    evaluations: int
    seed: int | None
    output: str = "price"

    __json_properties__ = ("indices",)

    @property
    def indices(self) -> list[dict[str, Any]]:
        """The rows of :meth:`rows` (the JSON's ``indices``)."""
        return self.rows()

    def rows(self) -> list[dict[str, Any]]:
        """One row per input, largest total index first."""
        rows = [
            {
                "name": n,
                "first_order": s1,
                "first_order_conf": c1,
                "total": st,
                "total_conf": ct,
            }
            for n, s1, c1, st, ct in zip(
                self.names,
                self.first_order,
                self.first_order_conf,
                self.total,
                self.total_conf,
                strict=True,
            )
        ]
        return sorted(rows, key=lambda r: -r["total"])


def saltelli_design(k: int, base_samples: int, rng: np.random.Generator) -> np.ndarray:
    """Saltelli's design in the unit cube, in SALib's row layout: for each of the ``N`` base
    points the rows ``A, AB_1, …, AB_k, B`` (``AB_i`` is ``A`` with column ``i`` from ``B``);
    ``A`` and ``B`` are the two halves of a scrambled Sobol' sequence in ``2k`` dimensions."""
    from scipy.stats import qmc

    base = qmc.Sobol(d=2 * k, scramble=True, seed=rng).random(base_samples)
    a, b = base[:, :k], base[:, k:]
    out = np.empty((base_samples, k + 2, k))
    out[:, 0] = a
    out[:, 1 : k + 1] = a[:, None, :]
    idx = np.arange(k)
    out[:, 1 + idx, idx] = b[:, idx]
    out[:, k + 1] = b
    return out.reshape(base_samples * (k + 2), k)


def _estimates(fa: np.ndarray, fb: np.ndarray, fab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Saltelli (2010) first-order and Jansen (1999) total estimators over the last axis, on
    an output standardised beforehand (as SALib does)."""
    var = np.var(np.concatenate([fa, fb], axis=-1), axis=-1)
    s1 = np.mean(fb * (fab - fa), axis=-1) / var
    st = 0.5 * np.mean((fa - fab) ** 2, axis=-1) / var
    return s1, st


def sobol_indices(
    func: Callable[[np.ndarray], np.ndarray],
    names: Sequence[str],
    distributions: Sequence[_HasPpf],
    *,
    base_samples: int = 2**12,
    seed: Seed = None,
    resamples: int = 100,
    conf_level: float = 0.95,
    output: str = "price",
) -> SobolResult:
    """Sobol indices of ``func`` (rows of inputs → one output per row) over independent inputs.

    ``base_samples`` (N) must be a power of two (the Sobol' sequence's balance); the function
    is evaluated ``N·(k+2)`` times on :func:`saltelli_design`. The estimators are those of
    SALib's ``sobol.analyze`` (first order: Saltelli 2010; total: Jansen 1999), computed here
    in vectorised NumPy with a vectorised bootstrap (``resamples`` draws; confidence half-width
    at ``conf_level``); the tests check them against SALib. Non-finite outputs are an error
    (cap them first).
    """
    from scipy.special import ndtri  # the normal quantile, without loading all of scipy.stats

    k = len(names)
    if k != len(distributions):
        raise ModelInputError(f"names: {k} names for {len(distributions)} distributions")
    if k < 1:
        raise ModelInputError("sobol_indices needs at least one varying input")
    if base_samples < 2 or base_samples & (base_samples - 1):
        raise ModelInputError(f"base_samples must be a power of two, got {base_samples}")
    rng, recorded = normalise_seed(seed)
    u = saltelli_design(k, base_samples, rng)
    x = np.column_stack([d.ppf(u[:, j]) for j, d in enumerate(distributions)])
    y = np.asarray(func(x), dtype=float)
    if not np.all(np.isfinite(y)):
        raise ModelInputError("sobol_indices: the output has non-finite values; cap it first")
    zeros = tuple(0.0 for _ in names)
    if np.ptp(y) == 0:
        return SobolResult(
            tuple(names), zeros, zeros, zeros, zeros, base_samples, int(y.size), recorded, output
        )
    blocks = ((y - y.mean()) / y.std()).reshape(base_samples, k + 2)
    fa, fb, fab = blocks[:, 0], blocks[:, k + 1], blocks[:, 1 : k + 1].T
    s1, st = _estimates(fa, fb, fab)
    c1 = ct = np.zeros(k)
    if resamples > 0:
        r = rng.integers(0, base_samples, size=(resamples, base_samples))
        fa_r, fb_r = fa[r], fb[r]
        z = ndtri(0.5 + conf_level / 2)
        c1, ct = np.empty(k), np.empty(k)
        for i in range(k):  # one input at a time keeps the memory at resamples x N
            b1, bt = _estimates(fa_r, fb_r, fab[i][r])
            c1[i], ct[i] = z * b1.std(ddof=1), z * bt.std(ddof=1)
    return SobolResult(
        names=tuple(names),
        first_order=tuple(float(v) for v in s1),
        first_order_conf=tuple(float(v) for v in c1),
        total=tuple(float(v) for v in st),
        total_conf=tuple(float(v) for v in ct),
        base_samples=base_samples,
        evaluations=int(y.size),
        seed=recorded,
        output=output,
    )


@dataclass(frozen=True)
class TornadoRow:
    """The output with one input at its low and high end, the others at their medians."""

    name: str
    label: str
    kind: str
    low: float
    high: float
    output_at_low: float
    output_at_high: float

    __json_properties__ = ("swing",)

    @property
    def swing(self) -> float:
        return abs(self.output_at_high - self.output_at_low)


def tornado(
    evaluate: Callable[[dict[str, np.ndarray]], np.ndarray],
    medians: dict[str, float],
    ranges: Sequence[tuple[str, str, str, float, float]],
) -> tuple[float, list[TornadoRow]]:
    """The output at the medians, and one row per ``(name, label, kind, low, high)`` range,
    largest swing first. All ``2k + 1`` evaluations go through ``evaluate`` in one call."""
    names = list(medians)
    m = len(ranges)
    values = {n: np.full(2 * m + 1, medians[n], dtype=float) for n in names}
    for j, (name, _label, _kind, low, high) in enumerate(ranges):
        values[name][2 * j + 1] = low
        values[name][2 * j + 2] = high
    out = np.asarray(evaluate(values), dtype=float)
    rows = [
        TornadoRow(
            name=name,
            label=label,
            kind=kind,
            low=low,
            high=high,
            output_at_low=float(out[2 * j + 1]),
            output_at_high=float(out[2 * j + 2]),
        )
        for j, (name, label, kind, low, high) in enumerate(ranges)
    ]
    rows.sort(key=lambda r: -r.swing if np.isfinite(r.swing) else -np.inf)
    return float(out[0]), rows
