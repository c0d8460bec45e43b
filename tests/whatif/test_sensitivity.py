"""Sobol indices against the Ishigami function's analytic values; the tornado table."""

from __future__ import annotations

import math

import numpy as np
import pytest

from blocs.errors import ModelInputError
from blocs.whatif.distributions import Distribution
from blocs.whatif.sensitivity import sobol_indices, tornado

A, B = 7.0, 0.1


def ishigami(x: np.ndarray) -> np.ndarray:
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def analytic() -> tuple[list[float], list[float]]:
    """Ishigami & Homma (1990): variances of the Ishigami function's parts."""
    v1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def test_ishigami_indices_match_the_analytic_values():
    u = Distribution(kind="uniform", low=-math.pi, high=math.pi)
    r = sobol_indices(ishigami, ["x1", "x2", "x3"], [u, u, u], base_samples=2**13, seed=2)
    s1, st = analytic()
    assert r.first_order == pytest.approx(s1, abs=0.03)
    assert r.total == pytest.approx(st, abs=0.03)
    assert r.evaluations == 2**13 * 5
    assert r.seed == 2


def test_sobol_is_deterministic_under_a_seed():
    u = Distribution(kind="uniform", low=-math.pi, high=math.pi)
    a = sobol_indices(ishigami, ["a", "b", "c"], [u, u, u], base_samples=2**8, seed=9)
    b = sobol_indices(ishigami, ["a", "b", "c"], [u, u, u], base_samples=2**8, seed=9)
    assert a == b


def test_sobol_rejects_bad_sample_sizes_and_infinite_outputs():
    u = Distribution(kind="uniform", low=0.0, high=1.0)
    with pytest.raises(ModelInputError, match="power of two"):
        sobol_indices(lambda x: x[:, 0], ["a"], [u], base_samples=100)
    with pytest.raises(ModelInputError, match="non-finite"):
        sobol_indices(lambda x: np.full(len(x), np.inf), ["a"], [u], base_samples=8)


def test_tornado_ranks_by_swing():
    def f(v):
        return 1.0 * v["a"] + 10.0 * v["b"] - 3.0 * v["c"]

    base, rows = tornado(
        f,
        {"a": 0.5, "b": 0.5, "c": 0.5},
        [
            ("a", "A", "assumption", 0.0, 1.0),
            ("b", "B", "assumption", 0.0, 1.0),
            ("c", "C", "evidence", 0.0, 1.0),
        ],
    )
    assert base == pytest.approx(4.0)
    assert [r.name for r in rows] == ["b", "c", "a"]
    assert rows[1].output_at_high < rows[1].output_at_low
    assert rows[0].swing == pytest.approx(10.0)


def test_estimates_agree_with_salib_on_the_same_design():
    from SALib.analyze import sobol as salib

    from blocs.whatif.sensitivity import saltelli_design

    k, n = 3, 2**10
    u = saltelli_design(k, n, np.random.default_rng(0))
    x = -math.pi + 2 * math.pi * u
    y = ishigami(x)
    problem = {"num_vars": k, "names": ["a", "b", "c"], "bounds": [[0, 1]] * k}
    ref = salib.analyze(problem, y, calc_second_order=False, num_resamples=10, seed=1)
    u_dist = Distribution(kind="uniform", low=-math.pi, high=math.pi)
    ours = sobol_indices(ishigami, ["a", "b", "c"], [u_dist] * 3, base_samples=n, seed=0)
    assert ours.first_order == pytest.approx(list(ref["S1"]), abs=1e-9)
    assert ours.total == pytest.approx(list(ref["ST"]), abs=1e-9)
