"""Properties every bargaining model should have: relabelling, rescaling, a powerless actor,
forecasts inside the positions' hull, the weighted mean following capability."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.models.bargaining import (
    BargainingInput,
    bdm,
    compromise,
    nash_bargaining,
    weighted_median,
)
from blocs.models.bargaining.spatial import smp

Model = Callable[[BargainingInput], tuple[float, ...]]

MODELS: dict[str, Model] = {
    "weighted_mean": lambda inp: compromise(inp).forecast,
    "median": lambda inp: weighted_median(inp).forecast,
    "nash": lambda inp: nash_bargaining(inp).forecast,
    "bdm": lambda inp: bdm(inp, rounds=5).forecast,
    "smp": lambda inp: tuple(smp(inp.dimension(k)).forecast[0] for k in range(inp.n_dimensions)),
}
# a powerless actor still makes offers and enters the vote totals in BDM (see test below)
POWERLESS_INVARIANT = ["weighted_mean", "median", "nash", "smp"]


def _random_input(seed: int, n: int = 6, d: int = 2) -> BargainingInput:
    rng = np.random.default_rng(seed)
    return BargainingInput.from_arrays(
        [f"a{i}" for i in range(n)],
        rng.uniform(0.1, 1.0, n),
        rng.uniform(0, 100, (n, d)),
        rng.uniform(0.1, 1.0, (n, d)),
        [(0, 100)] * d,
    )


@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relabelling_actors_changes_nothing(name, seed):
    inp = _random_input(seed)
    perm = np.random.default_rng(seed + 10).permutation(inp.n_actors)
    assert MODELS[name](inp.subset(perm)) == pytest.approx(MODELS[name](inp), abs=1e-9)


@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize("seed", [0, 1])
def test_rescaling_a_dimension_rescales_the_forecast(name, seed):
    inp = _random_input(seed)
    a, b = 3.0, 0.25  # x -> 3 + 0.25 x on the first dimension
    pos = inp.position.copy()
    pos[:, 0] = a + b * pos[:, 0]
    scale = inp.scale.copy()
    scale[0] = a + b * scale[0]
    scaled = inp.replace(position=pos, scale=scale)
    before, after = MODELS[name](inp), MODELS[name](scaled)
    assert after[0] == pytest.approx(a + b * before[0], abs=1e-9)
    assert after[1] == pytest.approx(before[1], abs=1e-9)


@pytest.mark.parametrize("name", POWERLESS_INVARIANT)
def test_a_zero_capability_actor_changes_nothing(name):
    inp = _random_input(4)
    more = BargainingInput.from_arrays(
        [*inp.actors, "nobody"],
        [*inp.capability, 0.0],
        np.vstack([inp.position, [[99.0, 1.0]]]),
        np.vstack([inp.salience, [[1.0, 1.0]]]),
        inp.scale,
    )
    assert MODELS[name](more) == pytest.approx(MODELS[name](inp), abs=1e-9)


def test_bdm_is_not_invariant_to_a_powerless_actor():
    # documented behaviour of the Scholz specification: the powerless actor's position enters
    # the all-pairs vote total and it can still make offers, so it may move others.
    inp = BargainingInput.from_arrays(
        ["A", "B", "C"], [1, 1, 1], [[0], [50], [100]], [[0.9], [0.5], [0.2]], [(0, 100)]
    )
    alone = bdm(inp, rounds=1).runs[0].rounds[0]
    more = BargainingInput.from_arrays(
        ["A", "B", "C", "Z"],
        [1, 1, 1, 0],
        [[0], [50], [100], [10]],
        [[0.9], [0.5], [0.2], [1.0]],
        [(0, 100)],
    )
    with_z = bdm(more, rounds=1).runs[0].rounds[0]
    assert with_z.risk[:3] != pytest.approx(alone.risk)
    assert [m.eu_actor for m in with_z.moves[:1]] != pytest.approx(
        [m.eu_actor for m in alone.moves[:1]]
    )


inputs = st.integers(2, 7).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0.01, 10), min_size=n, max_size=n),
        st.lists(st.floats(0, 100), min_size=n, max_size=n),
        st.lists(st.floats(0.01, 1), min_size=n, max_size=n),
    )
)


def _one(c, x, s) -> BargainingInput:
    return BargainingInput.from_arrays(
        [f"a{i}" for i in range(len(c))], c, [[v] for v in x], [[v] for v in s], [(0, 100)]
    )


@settings(max_examples=60, deadline=None)
@given(inputs)
def test_forecasts_stay_inside_the_positions_hull(data):
    c, x, s = data
    inp = _one(c, x, s)
    lo, hi = min(x), max(x)
    for name, model in MODELS.items():
        f = model(inp)[0]
        # the spatial model rounds bargains to 1e-4 of the scale, as KTAB does
        tol = 1e-9 + (0.5e-4 * 100 if name == "smp" else 0.0)
        assert lo - tol <= f <= hi + tol, name


@settings(max_examples=60, deadline=None)
@given(inputs, st.data())
def test_weighted_mean_moves_toward_an_actor_whose_capability_rises(data, draw):
    c, x, s = data
    i = draw.draw(st.integers(0, len(c) - 1))
    factor = draw.draw(st.floats(1.1, 10))
    before = compromise(_one(c, x, s)).forecast[0]
    c2 = list(c)
    c2[i] *= factor
    after = compromise(_one(c2, x, s)).forecast[0]
    # the forecast does not move away from actor i, and strictly moves when it was elsewhere
    assert abs(after - x[i]) <= abs(before - x[i]) + 1e-9
    if abs(before - x[i]) > 1e-6:
        assert abs(after - x[i]) < abs(before - x[i])
