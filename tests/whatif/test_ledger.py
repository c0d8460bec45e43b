"""The ledger lens: exact prices for analytic ledgers and monotonicity properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.whatif.ledger import (
    LedgerSpec,
    evaluate_ledger,
    present_value_factor,
    reservation_price,
    shortfall,
)

SPEC = LedgerSpec.model_validate(
    {
        "horizon": "H",
        "discount_rate": "r",
        "credibility": "q",
        "cap": "cap",
        "package_start": "delay",
        "terms": [
            {"name": "stake", "label": "stake", "side": "loss", "times": ["x"]},
            {
                "name": "arms",
                "label": "arms",
                "side": "loss",
                "times": ["deal"],
                "divide": ["years"],
                "years": "years",
            },
            {"name": "relief", "label": "relief", "side": "gain", "times": ["g"], "start": "delay"},
        ],
    }
)


def values(**kw: float) -> dict[str, np.ndarray]:
    base = {
        "H": 10.0,
        "r": 0.0,
        "q": 0.5,
        "cap": 1e3,
        "delay": 0.0,
        "x": 6.0,
        "deal": 20.0,
        "years": 4.0,
        "g": 1.0,
    }
    base.update(kw)
    return {k: np.array([v], dtype=float) for k, v in base.items()}


def price(**kw: float) -> float:
    return float(evaluate_ledger(SPEC, values(**kw)).price[0])


def test_undiscounted_ledger_has_the_exact_price():
    # losses 6·10 + (20/4)·4 = 80, gains 1·10 = 10; package 10 years believed at 0.5 -> 70/5
    assert price() == pytest.approx(14.0)


def test_delay_shortens_the_package_and_the_gains():
    # losses 80; gains 1·(10-2) = 8; package over 8 years at q = 0.5 -> 72 / 4 = 18
    assert price(delay=2.0) == pytest.approx(18.0)


def test_discounted_ledger_matches_closed_form():
    r, h = 0.1, 10.0
    a = (1 - math.exp(-r * h)) / r
    arms = 5.0 * (1 - math.exp(-r * 4.0)) / r
    expected = (6.0 * a + arms - 1.0 * a) / (0.5 * a)
    assert price(r=r) == pytest.approx(expected)


def test_price_is_zero_when_gains_outweigh_losses():
    assert price(x=0.0, deal=0.0, g=5.0) == 0.0


def test_over_cap_and_infinite_price():
    out = evaluate_ledger(SPEC, values(cap=10.0))
    assert bool(out.over_cap[0])
    assert math.isinf(price(delay=10.0))


def test_present_value_factor_known_values():
    assert float(present_value_factor(0.0, 2.0, 3.0, 10.0)) == pytest.approx(3.0)
    assert float(present_value_factor(0.0, 8.0, 5.0, 10.0)) == pytest.approx(2.0)
    assert float(present_value_factor(0.05, 0.0, None, 20.0)) == pytest.approx(
        (1 - math.exp(-1.0)) / 0.05
    )


def test_reservation_price_helper_agrees_with_the_ledger():
    assert reservation_price(10.0, 4.0, 0.5, horizon=10.0, discount_rate=0.07) == pytest.approx(
        12.0
    )
    assert shortfall(np.array([5.0, 20.0]), 10.0).tolist() == [0.0, 10.0]


money = st.floats(min_value=0.0, max_value=1e10, allow_nan=False)
share = st.floats(min_value=0.05, max_value=1.0)
rate = st.floats(min_value=0.0, max_value=0.3)


@settings(max_examples=60, deadline=None)
@given(x=money, extra=money, g=money, q=share, r=rate)
def test_a_larger_stake_never_lowers_the_price(x, extra, g, q, r):
    assert price(x=x + extra, g=g, q=q, r=r) >= price(x=x, g=g, q=q, r=r) * (1 - 1e-12)


@settings(max_examples=60, deadline=None)
@given(x=money, g=money, q1=share, q2=share, r=rate)
def test_a_more_credible_offer_never_raises_the_price(x, g, q1, q2, r):
    lo, hi = sorted((q1, q2))
    assert price(x=x, g=g, q=hi, r=r) <= price(x=x, g=g, q=lo, r=r) * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(x=money, g=money, extra=money, q=share)
def test_larger_gains_never_raise_the_price(x, g, extra, q):
    assert price(x=x, g=g + extra, q=q) <= price(x=x, g=g, q=q) * (1 + 1e-12)


def test_shared_discounting_matches_term_by_term_present_values():
    # the ledger shares discount terms between windows; it must equal the plain formula
    rng = np.random.default_rng(4)
    n = 2000
    values = {
        "H": rng.uniform(5, 15, n),
        "r": np.where(rng.random(n) < 0.2, 0.0, rng.uniform(0.01, 0.15, n)),
        "q": rng.uniform(0.1, 0.9, n),
        "cap": np.full(n, 1e12),
        "delay": rng.uniform(0, 3, n),
        "x": rng.uniform(1, 10, n),
        "deal": rng.uniform(10, 20, n),
        "years": rng.uniform(2, 20, n),
        "g": rng.uniform(0, 8, n),
    }
    out = evaluate_ledger(SPEC, values)
    h, r, q = values["H"], values["r"], values["q"]
    stake = values["x"] * present_value_factor(r, 0.0, None, h)
    arms = values["deal"] / values["years"] * present_value_factor(r, 0.0, values["years"], h)
    relief = values["g"] * present_value_factor(r, values["delay"], None, h)
    assert np.array_equal(out.terms_pv["stake"], stake)
    assert np.array_equal(out.terms_pv["arms"], arms)
    assert np.array_equal(out.terms_pv["relief"], relief)
    need = np.maximum(stake + arms - relief, 0.0)
    package = q * present_value_factor(r, values["delay"], None, h)
    assert np.array_equal(out.price, np.where(need > 0, need / package, 0.0))


def test_contingent_relief_is_discounted_by_credibility():
    spec = LedgerSpec.model_validate(
        {
            "horizon": 10.0,
            "discount_rate": 0.0,
            "credibility": "q",
            "cap": 100.0,
            "terms": [
                {"name": "stake", "label": "stake", "side": "loss", "times": ["x"]},
                {"name": "relief", "label": "relief", "side": "gain", "times": ["g"]},
            ],
        }
    )
    values = {"q": np.array([0.5]), "x": np.array([6.0]), "g": np.array([2.0])}
    # relief believed in full: (60 - 20) / (0.5 * 10) = 8
    assert float(evaluate_ledger(spec, values).price[0]) == 8.0
    terms = [spec.terms[0], spec.terms[1].model_copy(update={"contingent": True})]
    contingent = spec.model_copy(update={"terms": terms})
    # relief that comes with the deal is believed like the package: (60 - 0.5 * 20) / 5 = 10
    assert float(evaluate_ledger(contingent, values).price[0]) == 10.0
