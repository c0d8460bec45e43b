"""Pair alignment session by session, the ideal-point tie coding rule, and the estimate cache."""

from __future__ import annotations

import os

import numpy as np
import pytest

from blocs.errors import BlocsError
from blocs.measure.idealpoints import estimate_ideal_points, read_un_votes
from blocs.measure.idealpoints.alignment import (
    IdealPointTie,
    ideal_point_tie,
    pair_alignment,
    rank_tie,
    sessions_of_years,
)
from blocs.measure.idealpoints.cache import record_estimates
from blocs.measure.similarity import agreement_share
from blocs.results import NotComputed, to_jsonable


def test_rank_tie_runs_from_closest_to_farthest():
    theta = np.array([2.0, 1.9, 0.5, 0.0, -0.4, -2.0])
    assert rank_tie(theta, 0, 1) == 1.0  # closest pair of the session
    assert rank_tie(theta, 0, 5) == -1.0  # farthest
    assert rank_tie(theta, 1, 0) == rank_tie(theta, 0, 1)  # symmetric
    values = [rank_tie(theta, i, j) for i in range(6) for j in range(i + 1, 6)]
    assert all(-1 <= v <= 1 for v in values)
    assert abs(np.median(values)) < 0.1  # the median pair is near 0
    # scale-free: the same ranks on a stretched and shifted scale
    assert rank_tie(3 * theta + 1, 2, 4) == rank_tie(theta, 2, 4)
    with pytest.raises(BlocsError, match="three states"):
        rank_tie(np.array([0.0, 1.0]), 0, 1)


@pytest.fixture()
def record(tmp_path, write_un_votes):
    folder = write_un_votes(tmp_path / "un-votes", sessions=(68, 69, 70))
    votes = read_un_votes(folder)
    return folder, votes, estimate_ideal_points(votes)


def test_pair_alignment_side_by_side(record):
    _, votes, est = record
    result = pair_alignment(votes, est, "usa", "CUB")
    assert [r.session for r in result.rows] == [68, 69, 70]
    assert [r.year for r in result.rows] == [2013, 2014, 2015]
    usa = votes.cow == 2
    cub = votes.cow == 40
    for row in result.rows:
        rc = votes.rcid[usa & (votes.session == row.session)]
        x = votes.vote[usa][np.isin(votes.rcid[usa], rc)]
        y = votes.vote[cub][np.isin(votes.rcid[cub], rc)]
        assert row.votes == rc.size == 25
        assert row.agreement == pytest.approx(agreement_share(x, y))
        assert row.distance == pytest.approx(abs(row.ideal_a - row.ideal_b), abs=1e-3)
        assert row.ideal_a > row.ideal_b and row.distance_se > 0
    assert "USA and CUB voted alike on" in result.reading()
    assert to_jsonable(result)["rows"][0]["session"] == 68
    assert [r.session for r in result.between(2014, 2015).rows] == [69, 70]
    with pytest.raises(BlocsError, match="no session in common"):
        result.between(1990, 1991)
    with pytest.raises(BlocsError, match="two different"):
        pair_alignment(votes, est, "USA", "usa")


def test_ideal_point_tie_coding_rule(record):
    _, _, est = record
    near = ideal_point_tie(est, "USA", "CAN", 68, 70)
    far = ideal_point_tie(est, "USA", "CUB", 68, 70)
    assert isinstance(near, IdealPointTie) and isinstance(far, IdealPointTie)
    assert near.strength > 0.9 and far.strength < -0.9  # the ends of the simulated Assembly
    assert near.sessions == (68, 69, 70) and len(near.per_session) == 3
    assert near.strength == pytest.approx(np.mean(near.per_session), abs=1e-3)
    assert "measured political tie of" in near.reading()
    assert near.locator.startswith("un-votes: ideal points USA-CAN, sessions 68-70")
    gap = ideal_point_tie(est, "USA", "DEU", 68, 70)
    assert isinstance(gap, NotComputed) and "did not both" in gap.reason
    with pytest.raises(BlocsError, match="backwards"):
        ideal_point_tie(est, "USA", "CAN", 70, 68)
    assert sessions_of_years(2013, 2015) == (68, 70)


def test_cache_returns_the_same_estimates_and_notices_a_changed_file(record, tmp_path):
    folder, _, _ = record
    cache = tmp_path / "cache"
    votes, first = record_estimates(folder, cache=cache)
    assert any(cache.rglob("estimates.json"))
    votes2, again = record_estimates(folder, cache=cache)
    assert again.points == first.points and again.counts == first.counts
    np.testing.assert_array_equal(votes2.rcid, votes.rcid)
    # a changed file is estimated afresh (its size and time are part of the key)
    path = folder / "un_roll_calls.csv"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    record_estimates(folder, cache=cache)
    assert len(list(cache.rglob("estimates.json"))) == 2
    # no cache at all
    _, fresh = record_estimates(folder, cache=False)
    assert fresh.points == first.points


def test_measured_political_ties_from_ideal_points(tmp_path, write_un_votes, monkeypatch):
    import blocs
    from blocs.measure.measured_ties import measure_scenario

    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_un_votes(tmp_path / "un-votes", sessions=(70, 71))
    scenario = blocs.load("russia-iran-2017")
    result = measure_scenario(
        scenario, 2015, 2016, ideal_points=folder, pairs=[("RUS", "IRN"), ("USA", "RUS"),
                                                         ("RUS", "SYR")]
    )  # fmt: skip
    ties = {t.pair: t for t in result.added}
    assert set(ties) == {("IRN", "RUS"), ("RUS", "USA")}
    for tie in ties.values():
        assert tie.channel == "political" and tie.basis == "measured"
        assert tie.id.endswith("ideal-points-2015-2016")
        assert tie.evidence[0].locator.startswith("un-votes: ideal points")
        assert -1 <= tie.strength <= 1
    # in the simulated Assembly Russia and Iran sit side by side, the US at the far end
    assert ties[("IRN", "RUS")].strength > 0.5 > ties[("RUS", "USA")].strength
    missing = [c for c in result.comparisons if c.measured is None]
    assert len(missing) == 1 and "did not both" in missing[0].note
    assert "un-votes" in {s.id for s in result.scenario.sources}


def test_measured_political_tie_by_years(record, tmp_path, monkeypatch):
    import blocs.measure.idealpoints.cache as cache_module
    from blocs.measure.idealpoints.alignment import measured_political_tie

    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "cache"))

    folder, _, est = record
    tie = measured_political_tie(folder, "USA", "CAN", 2013, 2015)
    assert isinstance(tie, IdealPointTie) and tie.sessions == (68, 69, 70)
    assert tie == ideal_point_tie(est, "USA", "CAN", 68, 70)
    assert cache_module.cache_folder() == tmp_path / "cache"
    assert any((tmp_path / "cache").rglob("estimates.json"))
    gap = measured_political_tie(folder, "USA", "CAN", 1990, 1991)
    assert isinstance(gap, NotComputed)
