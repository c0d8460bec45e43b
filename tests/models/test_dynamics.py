"""Balance dynamics (Marvel et al. 2011; Traag et al. 2013): closed form against numerical
integration, blow-up at 1/λ₁, factions from the leading eigenvector, the X Xᵀ variant."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from blocs.errors import ModelInputError
from blocs.models import dynamics as D
from blocs.results import to_jsonable
from blocs.scenario.model import Scenario

TWO_CAMPS = 0.5 * np.array(
    [
        [0, 1, -1, -1],
        [1, 0, -1, -1],
        [-1, -1, 0, 1],
        [-1, -1, 1, 0],
    ]
)


@st.composite
def symmetric(draw, min_n: int = 2, max_n: int = 6):
    n = draw(st.integers(min_n, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    a = np.random.default_rng(seed).uniform(-1, 1, (n, n))
    return (a + a.T) / 2


# -- hand examples -----------------------------------------------------------------------------
def test_two_camps_by_hand():
    # u₁ = (1, 1, −1, −1)/2 with λ₁ = 0.5·(1 + 1 + 1) = 1.5, so t* = 2/3
    r = D.marvel(TWO_CAMPS, names="ABCD")
    assert r.leading_eigenvalue == pytest.approx(1.5)
    assert r.blow_up_time == pytest.approx(2 / 3)
    assert r.factions == (("A", "B"), ("C", "D"))
    assert r.outcome == "factions"
    assert r.balanced and not r.harmony and not r.degenerate
    np.testing.assert_allclose(np.abs(r.vector), 0.5)
    # the other three eigenvalues are −0.5 (e.g. u = (1, 1, 1, 1)/2 or (1, −1, 0, 0)/√2)
    assert np.linalg.eigvalsh(TWO_CAMPS) == pytest.approx([-0.5, -0.5, -0.5, 1.5])
    # closed form at t = 1/3: along u₁ the opinion is λ₁/(1 − λ₁t) = 1.5/(1 − 0.5)
    x = D.closed_form(TWO_CAMPS, 1 / 3)
    u1 = np.array([1, 1, -1, -1]) / 2
    assert u1 @ x @ u1 == pytest.approx(1.5 / (1 - 0.5))


def test_camps_emerge_from_an_unbalanced_start():
    """A and B like each other, C and D like each other, and the cross ties are mixed; the flow
    turns every cross tie hostile and every inside tie friendly."""
    x0 = np.array(
        [
            [0.0, 0.8, 0.2, -0.6],
            [0.8, 0.0, -0.5, -0.4],
            [0.2, -0.5, 0.0, 0.7],
            [-0.6, -0.4, 0.7, 0.0],
        ]
    )
    r = D.marvel(x0, names="ABCD")
    assert r.factions == (("A", "B"), ("C", "D"))
    near = D.closed_form(x0, 0.999 * r.blow_up_time)
    assert near[0, 2] < 0 < x0[0, 2]  # A and C were friendly; they end up enemies
    assert D.is_balanced(near, r.vector)


def test_harmony_and_no_blow_up():
    friendly = np.ones((3, 3)) - np.eye(3)
    r = D.marvel(friendly, names="ABC")
    assert r.outcome == "harmony" and r.harmony
    assert r.factions == (("A", "B", "C"), ())
    cold = -np.eye(3)
    r = D.marvel(cold)
    assert r.outcome == "no blow-up"
    assert r.blow_up_time is None
    assert D.blow_up_time(cold) == float("inf")


def test_degenerate_leading_eigenvalue_is_flagged():
    r = D.marvel(np.eye(3))
    assert r.degenerate


# -- properties --------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(symmetric())
def test_integration_agrees_with_closed_form_before_blow_up(x0):
    t_star = D.blow_up_time(x0)
    assume(np.isfinite(t_star) and t_star < 50)
    times = np.array([0.25, 0.5, 0.9]) * t_star
    numeric = D.integrate(x0, times[-1], t_eval=times)
    exact = D.closed_form(x0, times)
    np.testing.assert_allclose(numeric.x, exact, rtol=1e-6, atol=1e-8)


@settings(max_examples=25, deadline=None)
@given(symmetric())
def test_blow_up_at_one_over_lambda_one(x0):
    lam = np.linalg.eigvalsh(x0)[-1]
    assume(lam > 0.05)
    tr = D.integrate(x0, 2.0 / lam)
    assert tr.blown_up
    assert tr.blow_up_time == pytest.approx(1.0 / lam, rel=1e-4)
    assert D.marvel(x0).blow_up_time == pytest.approx(1.0 / lam)


@settings(max_examples=25, deadline=None)
@given(symmetric(min_n=3))
def test_factions_are_the_sign_pattern_of_u1(x0):
    lam, u = np.linalg.eigh(x0)
    assume(lam[-1] > 0.05 and lam[-1] - lam[-2] > 0.05 * lam[-1])
    assume(np.abs(u[:, -1]).min() > 0.05)
    r = D.marvel(x0)
    signs = np.sign(u[:, -1]) * np.sign(u[0, -1])
    assert r.factions[0] == tuple(a for a, s in zip(r.actors, signs, strict=True) if s > 0)
    # numerically, near the blow-up X has the sign pattern of u₁u₁ᵀ
    tr = D.integrate(x0, 2.0 / lam[-1], growth=1e8)
    end = tr.x[-1]
    off = ~np.eye(x0.shape[0], dtype=bool)
    assert np.array_equal(np.sign(end[off]), np.sign(np.outer(signs, signs)[off]))


@settings(max_examples=20, deadline=None)
@given(symmetric(min_n=3, max_n=5))
def test_traag_equals_marvel_for_symmetric_start(x0):
    lam, u = np.linalg.eigh(x0)
    assume(lam[-1] > 0.05 and lam[-1] - lam[-2] > 0.05 * lam[-1])
    assume(np.abs(u[:, -1]).min() > 0.05)
    a = D.marvel(x0)
    b = D.traag(x0)
    assert b.factions == a.factions
    assert b.blow_up_time == pytest.approx(a.blow_up_time, rel=1e-4)


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 6), st.integers(0, 2**32 - 1))
def test_traag_conserves_the_antisymmetric_part(n, seed):
    x0 = np.random.default_rng(seed).normal(size=(n, n))
    tr = D.integrate(x0, model="traag", growth=1e3)
    skew0 = (x0 - x0.T) / 2
    for x in tr.x:
        np.testing.assert_allclose((x - x.T) / 2, skew0, atol=1e-6 * max(1.0, np.abs(x).max()))


def test_traag_normal_blow_up_time_matches_integration():
    rng = np.random.default_rng(11)
    q, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    block = np.zeros((4, 4))
    block[:2, :2] = [[0.3, 0.8], [-0.8, 0.3]]  # α ± iμ = 0.3 ± 0.8i
    block[2:, 2:] = [[0.5, 0.0], [0.0, -0.2]]  # real eigenvalues
    x0 = q @ block @ q.T
    expected = min((np.pi / 2 - np.arctan(0.3 / 0.8)) / 0.8, 1 / 0.5)
    assert D.normal_blow_up_time(x0) == pytest.approx(expected)
    tr = D.integrate(x0, 10.0, model="traag", growth=1e8)
    assert tr.blow_up_time == pytest.approx(expected, rel=1e-4)
    with pytest.raises(ModelInputError, match="normal"):
        D.normal_blow_up_time([[0, 1], [0, 0]])


def test_traag_reaches_balance_from_generic_non_symmetric_starts():
    rng = np.random.default_rng(2013)
    for _ in range(15):
        n = int(rng.integers(3, 9))
        r = D.traag(rng.normal(size=(n, n)))
        assert r.outcome in {"factions", "harmony"}
        assert r.balanced


def test_marvel_rejects_non_symmetric_and_non_square_input():
    with pytest.raises(ModelInputError, match="symmetric"):
        D.marvel([[0, 1], [0, 0]])
    with pytest.raises(ModelInputError, match="square"):
        D.marvel([[0, 1, 2]])
    with pytest.raises(ModelInputError, match="model"):
        D.integrate(TWO_CAMPS, model="heider")  # type: ignore[arg-type]
    with pytest.raises(ModelInputError, match="closed form"):
        D.closed_form(TWO_CAMPS, 1.0)
    with pytest.raises(ModelInputError, match="zero"):
        D.traag(np.zeros((3, 3)))


# -- scenarios and output schema ---------------------------------------------------------------
def _toy_scenario() -> Scenario:
    ev = [{"source": "doc", "paragraph": 1, "claim": "A stated fact."}]

    def tie(a: str, b: str, strength: float, channel: str = "military") -> dict:
        return {
            "pair": [a, b],
            "channel": channel,
            "strength": strength,
            "rationale": "r",
            "evidence": ev,
        }

    return Scenario.model_validate(
        {
            "id": "toy",
            "title": "Toy",
            "sources": [{"id": "doc", "title": "Doc", "kind": "analysis", "paragraphs": 3}],
            "actors": [
                {"id": "RUS", "name": "Russia"},
                {"id": "IRN", "name": "Iran"},
                {"id": "USA", "name": "United States"},
                {"id": "NOR", "name": "Norway"},
                {"id": "CSTO", "name": "CSTO", "kind": "bloc"},
            ],
            "ties": [
                tie("RUS", "IRN", 0.6),
                tie("RUS", "USA", -0.5),
                tie("IRN", "USA", -0.8, "political"),
            ],
        }
    )


def test_dynamics_from_scenario():
    r = D.dynamics_from_scenario(_toy_scenario())
    assert r.actors == ("RUS", "IRN", "USA")
    assert set(r.left_out) == {"NOR", "CSTO"}
    assert r.factions == (("RUS", "IRN"), ("USA",))
    inputs = D.dynamics_inputs(_toy_scenario(), "military")
    assert inputs.actors == ("RUS", "IRN", "USA")
    assert inputs.x0[1, 2] == 0.0
    t = D.dynamics_from_scenario(_toy_scenario(), model="traag")
    assert t.factions == r.factions
    with pytest.raises(ModelInputError, match="channel"):
        D.dynamics_inputs(_toy_scenario(), "militray")
    with pytest.raises(ModelInputError, match="fewer than two"):
        D.dynamics_inputs(_toy_scenario(), "economic")


def test_result_is_json_with_stable_keys():
    data = json.loads(json.dumps(to_jsonable(D.marvel(TWO_CAMPS))))
    assert list(data) == [
        "model",
        "actors",
        "outcome",
        "blow_up_time",
        "factions",
        "undecided",
        "vector",
        "leading_eigenvalue",
        "eigen_gap",
        "degenerate",
        "balanced",
        "method",
        "left_out",
        "scenario_id",
        "channel",
    ]
    tr = D.integrate(TWO_CAMPS, 0.5, t_eval=[0.0, 0.5])
    assert json.loads(json.dumps(to_jsonable(tr)))["blown_up"] is False


def test_builtin_scenario_dynamics():
    import blocs

    scenario = blocs.load("russia-iran-2017")
    r = D.dynamics_from_scenario(scenario)
    assert set(r.actors) | set(r.left_out) == set(scenario.actor_ids)
    assert r.blow_up_time is None or r.blow_up_time > 0
