"""The structural lens: flip points computed by hand, frustration indices, the scenario."""

from __future__ import annotations

import numpy as np
import pytest

import blocs
from blocs.errors import ModelInputError
from blocs.whatif.structural import flip_point, frustration_index, structural_lens

# D, P, T: the partner and the divider are enemies (-1); target and partner friends (+w)
P = np.array([[0.0, -1.0, 0.0], [-1.0, 0.0, 0.5], [0.0, 0.5, 0.0]])


def test_flip_point_by_hand():
    # with equal sizes the target's two choices cost 2*0.5 (leave P) and 2*t (leave D):
    # it leaves the partner once t exceeds 0.5
    r = flip_point([1, 1, 1], P, divider=0, target=2, partner=1)
    assert r.tie_before == 0.0
    assert r.tie_after == pytest.approx(0.5)
    assert r.change == pytest.approx(0.5)
    assert r.all_minima_tie_after == pytest.approx(0.5, abs=1e-3)
    assert not r.apart_already


def test_flip_point_scales_with_sizes():
    # sizes (s_D, s_P, s_T): the target compares s_P*0.5 with s_D*t -> t* = s_P*0.5/s_D
    r = flip_point([2.0, 1.0, 1.0], P, divider=0, target=2, partner=1)
    assert r.tie_after == pytest.approx(0.25)


def test_no_flip_when_the_partner_weighs_too_much():
    q = P.copy()
    q[1, 2] = q[2, 1] = 1.0
    r = flip_point([1.0, 3.0, 1.0], q, divider=0, target=2, partner=1)
    assert r.tie_after is None and r.change is None


def test_already_apart():
    q = P.copy()
    q[0, 2] = q[2, 0] = 0.9
    r = flip_point([1, 1, 1], q, divider=0, target=2, partner=1)
    assert r.apart_already and r.change == 0.0


def test_flip_point_needs_three_actors():
    with pytest.raises(ModelInputError):
        flip_point([1, 1, 1], P, divider=0, target=0, partner=1)


def test_frustration_index_small_graphs():
    # a balanced triangle has none; a triangle with one negative edge has one unit
    assert frustration_index([[0, 1, 1], [1, 0, 1], [1, 1, 0]]) == 0.0
    assert frustration_index([[0, 1, 1], [1, 0, -1], [1, -1, 0]]) == 1.0
    assert frustration_index([[0, -1, -1], [-1, 0, -1], [-1, -1, 0]]) == 1.0
    assert frustration_index([[0, 0.3, 0.5], [0.3, 0, -0.2], [0.5, -0.2, 0]]) == pytest.approx(0.2)


def test_structural_lens_on_the_scenario():
    r = structural_lens(
        blocs.load("russia-iran-2017"), divider="USA", target="RUS", partner="IRN", stake_yearly=1e9
    )
    assert r.partner_tie > 0
    if r.flip.change is not None:
        assert r.flip.change >= 0
        assert r.price_equivalent == pytest.approx(r.flip.change * 1e9 / r.partner_tie)
    assert "ledger's scale" in r.scale_note


def test_structural_lens_rejects_unsized_actors():
    with pytest.raises(ModelInputError, match="not in the landscape"):
        structural_lens(blocs.load("russia-iran-2017"), divider="EU", target="RUS", partner="IRN")
