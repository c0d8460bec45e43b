"""Stated distributions: quantile functions, medians, and validation."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from blocs.whatif.distributions import Distribution

U = np.linspace(0.0, 1.0, 101)


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "uniform", "low": 1.0, "high": 3.0},
        {"kind": "loguniform", "low": 1.0, "high": 100.0},
        {"kind": "triangular", "low": 0.0, "mode": 0.2, "high": 1.0},
        {"kind": "pert", "low": 0.2, "mode": 0.5, "high": 0.9},
    ],
)
def test_ppf_is_monotone_and_spans_the_support(spec):
    d = Distribution.model_validate(spec)
    x = d.ppf(U)
    assert np.all(np.diff(x) >= -1e-12)
    assert x[0] == pytest.approx(spec["low"])
    assert x[-1] == pytest.approx(spec["high"])


def test_triangular_median_matches_scipy():
    from scipy import stats

    d = Distribution(kind="triangular", low=0.0, mode=0.2, high=1.0)
    assert d.median() == pytest.approx(stats.triang(c=0.2, loc=0, scale=1).median())


def test_loguniform_median_is_geometric_mean():
    assert Distribution(kind="loguniform", low=1.0, high=100.0).median() == pytest.approx(10.0)


def test_fixed_is_constant_and_left_out_of_ranges():
    d = Distribution(kind="fixed", value=0.05)
    assert d.is_fixed
    assert d.support == (0.05, 0.05)


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"kind": "uniform", "low": 3.0}, "needs 'low' and 'high'"),
        ({"kind": "uniform", "low": 3.0, "high": 1.0}, "above high"),
        ({"kind": "triangular", "low": 0.0, "high": 1.0}, "needs 'mode'"),
        ({"kind": "pert", "low": 0.0, "mode": 2.0, "high": 1.0}, "outside"),
        ({"kind": "loguniform", "low": 0.0, "high": 1.0}, "low > 0"),
        ({"kind": "fixed"}, "needs 'value'"),
    ],
)
def test_invalid_distributions_say_what_is_wrong(spec, message):
    with pytest.raises(ValidationError, match=message):
        Distribution.model_validate(spec)


def test_pert_quantiles_match_the_exact_beta_inverse():
    from scipy import stats

    d = Distribution(kind="pert", low=0.2, mode=0.5, high=0.9)
    u = np.linspace(0.001, 0.999, 999)
    alpha = 1 + 4 * (0.5 - 0.2) / 0.7
    beta = 1 + 4 * (0.9 - 0.5) / 0.7
    exact = 0.2 + 0.7 * stats.beta.ppf(u, alpha, beta)
    assert np.max(np.abs(d.ppf(u) - exact)) < 1e-6


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "pert", "low": 0.2, "mode": 0.5, "high": 0.9},
        {"kind": "pert", "low": 0.0, "mode": 0.0, "high": 1.0},  # flat CDF cells at the top
        {"kind": "pert", "low": 0.0, "mode": 1.0, "high": 1.0},
        {"kind": "pert", "low": 0.0, "mode": 0.5, "high": 1.0, "lamb": 200.0},  # np.interp
    ],
)
def test_pert_lookup_is_np_interp_number_for_number(spec):
    from blocs.whatif.distributions import _beta_table

    d = Distribution.model_validate(spec)
    a, b, m = d.low, d.high, d.mode
    table = _beta_table(1.0 + d.lamb * (m - a) / (b - a), 1.0 + d.lamb * (b - m) / (b - a))
    u = np.concatenate(
        [np.random.default_rng(0).random(20_000), table.cdf[::97], [0.0, 0.5, 1.0, 1e-300]]
    )
    expected = a + (b - a) * np.interp(u, table.cdf, table.x)
    assert np.array_equal(d.ppf(u), expected)


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "fixed", "value": 2.0},
        {"kind": "uniform", "low": 1.0, "high": 3.0},
        {"kind": "loguniform", "low": 1.0, "high": 100.0},
        {"kind": "triangular", "low": 0.0, "mode": 0.2, "high": 1.0},
        {"kind": "pert", "low": 0.2, "mode": 0.5, "high": 0.9},
    ],
)
def test_ppf_in_place_gives_the_same_numbers(spec):
    d = Distribution.model_validate(spec)
    u = np.random.default_rng(1).random(5000)
    fresh = d.ppf(u)
    same = u.copy()
    assert d.ppf(same, out=same) is same
    assert np.array_equal(same, fresh)
