"""Share of identical votes, Signorino–Ritter S and Cohen's kappa on small hand-worked cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocs.errors import ModelInputError
from blocs.measure.similarity import agreement_share, cohen_kappa, signorino_ritter_s

votes = st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=60)


def test_hand_worked_example():
    # distances 0, 2, 0, 1 -> S = 1 - 2 * 3 / (4 * 2); kappa: p_o = .5, p_e = .375
    x, y = [1, 1, 3, 2], [1, 3, 3, 1]
    assert agreement_share(x, y) == 0.5
    assert signorino_ritter_s(x, y) == pytest.approx(0.25)
    assert signorino_ritter_s(x, y, metric="squared") == pytest.approx(1 - 2 * 5 / (4 * 4))
    assert cohen_kappa(x, y) == pytest.approx((0.5 - 0.375) / 0.625)


def test_extremes_and_empty():
    assert signorino_ritter_s([1, 1, 1], [3, 3, 3]) == -1.0
    assert signorino_ritter_s([2, 3], [2, 3]) == 1.0
    assert math.isnan(signorino_ritter_s([], []))
    assert math.isnan(agreement_share([], []))
    assert math.isnan(cohen_kappa([1, 1], [1, 1]))  # chance agreement is certain


def test_weights_count_items():
    assert signorino_ritter_s([1, 1], [1, 3], weights=[3, 1]) == pytest.approx(0.5)


def test_bad_inputs():
    with pytest.raises(ModelInputError, match="same length"):
        signorino_ritter_s([1, 2], [1])
    with pytest.raises(ModelInputError, match="metric"):
        signorino_ritter_s([1], [1], metric="cosine")  # type: ignore[arg-type]
    with pytest.raises(ModelInputError, match="dmax"):
        signorino_ritter_s([1], [1], dmax=0)


@given(votes)
def test_symmetric_and_bounded(pairs):
    x, y = np.array(pairs).T
    s = signorino_ritter_s(x, y)
    assert -1.0 <= s <= 1.0
    assert s == pytest.approx(signorino_ritter_s(y, x))
    assert agreement_share(x, y) == agreement_share(y, x)
    k, k2 = cohen_kappa(x, y), cohen_kappa(y, x)
    assert (math.isnan(k) and math.isnan(k2)) or k == pytest.approx(k2)
    assert math.isnan(k) or k <= 1.0 + 1e-12


@given(st.lists(st.integers(1, 3), min_size=1, max_size=60))
def test_identical_positions(x):
    assert signorino_ritter_s(x, x) == 1.0
    assert agreement_share(x, x) == 1.0
    k = cohen_kappa(x, x)
    assert math.isnan(k) == (len(set(x)) == 1)
    assert math.isnan(k) or k == pytest.approx(1.0)
