"""Dynamic ordered-probit ideal points: recovery, identification, sparse data, bad input."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from blocs.errors import BlocsError, DataFormatError, ModelInputError
from blocs.measure.idealpoints import (
    Priors,
    estimate_ideal_points,
    fit_dynamic_ordinal,
    make_roll_call_data,
    parse_sessions,
    read_un_votes,
    simulate_roll_calls,
)
from blocs.measure.idealpoints.model import _objective, _walk_links, laplace_se
from blocs.results import to_jsonable


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


# --- the estimator on simulated roll calls ---------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_recovers_simulated_ideal_points_150_states_100_votes(seed):
    sim = simulate_roll_calls(150, 1, 100, missing=0.0, seed=seed)
    fit = fit_dynamic_ordinal(sim.data, anchor=0)
    assert fit.converged
    assert _corr(fit.theta, sim.theta) >= 0.98
    # the identified scale: mean 0, sd 1, anchor positive
    assert abs(fit.theta.mean()) < 1e-9 and abs(fit.theta.std() - 1) < 1e-9
    assert fit.theta[sim.data.unit_state == 0][0] > 0


def test_recovers_a_random_walk_with_late_entrants_and_missing_votes():
    sim = simulate_roll_calls(60, 10, 40, missing=0.1, late_entry=0.2, seed=2)
    fit = fit_dynamic_ordinal(sim.data, anchor=0)
    assert _corr(fit.theta, sim.theta) >= 0.96
    for period in range(10):
        sel = sim.data.unit_period == period
        assert _corr(fit.theta[sel], sim.theta[sel]) >= 0.93, period
    # Laplace 90 % intervals cover about 90 % of the true positions
    covered = np.mean(np.abs(fit.theta - sim.theta) <= 1.6449 * fit.se)
    assert 0.8 <= covered <= 0.97


def test_gradient_matches_finite_differences():
    sim = simulate_roll_calls(15, 3, 12, seed=4)
    data, priors = sim.data, Priors()
    f = _objective(data, priors, _walk_links(data, priors.omega))
    x = np.random.default_rng(0).normal(scale=0.5, size=data.n_units + 3 * data.n_items)
    _, grad = f(x)
    eps = 1e-6
    numeric = np.array([(f(x + e)[0] - f(x - e)[0]) / (2 * eps) for e in np.eye(x.size) * eps])
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-5)


def test_orientation_is_fixed_across_runs_and_row_orders():
    sim = simulate_roll_calls(50, 4, 30, seed=8)
    d = sim.data
    base = fit_dynamic_ordinal(d, anchor=0)
    rng = np.random.default_rng(1)
    for _ in range(3):
        perm = rng.permutation(d.n_obs)
        # relabel items too: a different order of roll calls and of rows
        items = rng.permutation(d.n_items)[d.item[perm]]
        shuffled, (states, periods), _ = make_roll_call_data(
            d.unit_state[d.unit[perm]], d.unit_period[d.unit[perm]], items, d.vote[perm]
        )
        np.testing.assert_array_equal(states, d.unit_state)
        np.testing.assert_array_equal(periods, d.unit_period)
        again = fit_dynamic_ordinal(shuffled, anchor=0, seed=int(rng.integers(100)))
        assert _corr(again.theta, base.theta) > 0.999
        for period in range(4):
            sel = d.unit_period == period
            assert again.theta[sel & (d.unit_state == 0)][0] > 0
    # the sign follows the anchor: anchoring on a state on the other side flips the scale
    other = int(d.unit_state[np.argmin(base.theta)])
    flipped = fit_dynamic_ordinal(d, anchor=other)
    assert _corr(flipped.theta, base.theta) < -0.999


def test_a_period_with_very_few_votes_borrows_from_its_neighbours():
    sim = simulate_roll_calls(40, 5, 40, seed=5)
    d = sim.data
    # keep only two roll calls of period 2
    items_p2 = np.unique(d.item[d.unit_period[d.unit] == 2])
    keep = (d.unit_period[d.unit] != 2) | np.isin(d.item, items_p2[:2])
    sparse, (states, periods), _ = make_roll_call_data(
        d.unit_state[d.unit[keep]], d.unit_period[d.unit[keep]], d.item[keep], d.vote[keep]
    )
    fit = fit_dynamic_ordinal(sparse, anchor=0)
    sel = periods == 2
    assert np.isfinite(fit.theta).all() and np.isfinite(fit.se).all()
    truth = {(s, p): t for s, p, t in zip(d.unit_state, d.unit_period, sim.theta, strict=True)}
    true_p2 = np.array([truth[(s, 2)] for s in states[sel]])
    assert _corr(fit.theta[sel], true_p2) > 0.9  # the random walk carries the positions
    assert np.median(fit.se[sel]) > np.median(fit.se[periods == 0])  # and says it is less sure


def test_a_state_voting_once_gets_a_finite_estimate_with_a_wide_interval():
    sim = simulate_roll_calls(40, 1, 50, seed=6)
    d = sim.data
    state = np.concatenate([d.unit_state[d.unit], [999]])
    period = np.concatenate([d.unit_period[d.unit], [0]])
    item = np.concatenate([d.item, [0]])
    vote = np.concatenate([d.vote, [3]])
    data, (states, _), _ = make_roll_call_data(state, period, item, vote)
    fit = fit_dynamic_ordinal(data, anchor=0)
    once = states == 999
    assert data.votes_per_unit()[once][0] == 1
    assert np.isfinite(fit.theta[once][0]) and abs(fit.theta[once][0]) < 3
    assert fit.se[once][0] > 3 * np.median(fit.se[~once])


def test_missing_votes_are_missing_not_abstentions():
    sim = simulate_roll_calls(40, 1, 50, missing=0.0, seed=9)
    d = sim.data
    # state 5 misses half the roll calls: leaving them out differs from abstaining on them
    rows = np.flatnonzero(d.unit_state[d.unit] == 5)[::2]
    keep = np.ones(d.n_obs, bool)
    keep[rows] = False
    missing, (states, _), _ = make_roll_call_data(
        d.unit_state[d.unit[keep]], d.unit_period[d.unit[keep]], d.item[keep], d.vote[keep]
    )
    abstaining = d.vote.copy()
    abstaining[rows] = 2
    fit_missing = fit_dynamic_ordinal(missing, anchor=0)
    fit_abstain = fit_dynamic_ordinal(
        make_roll_call_data(d.unit_state[d.unit], d.unit_period[d.unit], d.item, abstaining)[0],
        anchor=0,
    )
    five = states == 5
    assert missing.votes_per_unit()[five][0] == 50 - rows.size
    assert abs(fit_missing.theta[five][0] - sim.theta[five][0]) < abs(
        fit_abstain.theta[five][0] - sim.theta[five][0]
    )


def test_bad_model_inputs():
    with pytest.raises(ModelInputError, match="not 1"):
        make_roll_call_data(np.array([1]), np.array([1]), np.array([1]), np.array([4]))
    with pytest.raises(ModelInputError, match="no votes"):
        make_roll_call_data(*(np.array([], dtype=int),) * 4)
    sim = simulate_roll_calls(10, 1, 10, seed=1)
    with pytest.raises(ModelInputError, match="anchor"):
        fit_dynamic_ordinal(sim.data, anchor=12345)
    with pytest.raises(ModelInputError, match="omega"):
        Priors(omega=0)


def test_laplace_se_of_a_single_unit():
    data, _, _ = make_roll_call_data(
        np.array([0, 0]), np.array([0, 0]), np.array([0, 1]), np.array([1, 3])
    )
    se = laplace_se(data, np.zeros(1), np.ones(2), np.zeros(2), np.ones(2), Priors())
    assert se.shape == (1,) and 0 < se[0] < 1  # data and prior both inform it


# --- UN General Assembly files ---------------------------------------------------------------


def test_reads_and_scales_a_small_file(tmp_path, write_un_votes):
    root = tmp_path / "data"
    write_un_votes(root / "un-votes")
    est = estimate_ideal_points(root)
    assert (est.first_session, est.last_session) == (70, 71)
    usa, cuba = est.point("USA", 71), est.point("CUB", 71)
    assert usa.ideal_point > 0 > cuba.ideal_point
    assert usa.ccode == 2 and usa.year == 2016 and usa.n_votes > 0
    assert est.counts.used + est.counts.dropped == est.counts.rows
    frame = est.to_frame()
    assert list(frame.columns) == ["session", "year", "iso3", "ccode", "ideal_point", "se",
                                   "n_votes"]  # fmt: skip
    assert len(frame) == 2 * 12
    assert "ideal points of 12 states" in est.reading()
    assert to_jsonable(est)["counts"]["rows"] == est.counts.rows


def test_absences_are_counted_and_left_out(tmp_path, write_un_votes):
    plain = write_un_votes(tmp_path / "a")
    absent = write_un_votes(
        tmp_path / "b", extra_rows=["1,Iran,IR,absent", "2,Egypt,EG,8", "3,Cuba,CU,9"]
    )
    del plain
    # an absence on a roll call the state already voted on is a duplicate-free extra row:
    # it must not count as a vote or as an abstention
    a = estimate_ideal_points(tmp_path / "a")
    b = estimate_ideal_points(absent)
    assert b.counts.missing == 3 and a.counts.missing == 0
    assert b.counts.used == a.counts.used
    assert b.point("IRN", 70).n_votes == a.point("IRN", 70).n_votes
    assert b.point("IRN", 70).ideal_point == pytest.approx(a.point("IRN", 70).ideal_point)


def test_historic_states_are_mapped_by_date(tmp_path, write_un_votes):
    folder = write_un_votes(tmp_path / "u", sessions=(44, 45), items=15)
    rows = []
    for rcid in range(1, 31):
        year_state = ("Federal Republic of Germany", "") if rcid <= 15 else ("Germany", "DE")
        rows.append(f"{rcid},{year_state[0]},{year_state[1]},yes")
        rows.append(f"{rcid},German Democratic Republic,DD,no")
    write_un_votes(folder, sessions=(44, 45), items=15, extra_rows=rows)
    est = estimate_ideal_points(folder)
    codes = {(p.session, p.ccode, p.iso3) for p in est.points if p.ccode in (255, 260, 265)}
    assert codes == {(44, 260, "DEU"), (45, 255, "DEU"), (44, 265, "DDR"), (45, 265, "DDR")}
    assert [p.ccode for p in est.series("DEU")] == [260, 255]


@pytest.mark.parametrize(
    ("row", "pattern"),
    [
        ("5,Iran,IR,maybe", r"un_votes.csv.gz:\d+: vote: unknown value 'maybe'"),
        ("5,Atlantis,XA,yes", r"un_votes.csv.gz:\d+: country_code: 'XA' \(Atlantis\)"),
        ("9999,Iran,IR,yes", r"un_votes.csv.gz:\d+: rcid: roll call 9999"),
    ],
)
def test_bad_rows_are_located(tmp_path, write_un_votes, row, pattern):
    folder = write_un_votes(tmp_path / "u", extra_rows=[row])
    with pytest.raises(DataFormatError, match=pattern):
        read_un_votes(folder)
    # the line number is the row's line in the file
    with gzip.open(folder / "un_votes.csv.gz", "rt") as fh:
        lines = fh.read().splitlines()
    try:
        read_un_votes(folder)
    except DataFormatError as exc:
        assert lines[exc.line - 1] == row


def test_sessions_backwards_or_without_votes(tmp_path, write_un_votes):
    folder = write_un_votes(tmp_path / "u")
    with pytest.raises(BlocsError, match="backwards"):
        parse_sessions("72-70")
    with pytest.raises(BlocsError, match="backwards"):
        estimate_ideal_points(folder, sessions=(71, 70))
    with pytest.raises(BlocsError, match="session 72 has no votes"):
        estimate_ideal_points(folder, sessions=(70, 72))
    with pytest.raises(BlocsError, match="not a session"):
        parse_sessions("seventy")


def test_missing_file_or_column(tmp_path, write_un_votes):
    with pytest.raises(DataFormatError, match=r"no un_votes\.csv\.gz"):
        read_un_votes(tmp_path)
    folder = write_un_votes(tmp_path / "u")
    (folder / "un_roll_calls.csv").write_text("rcid,date\n1,2015-01-01\n")
    with pytest.raises(DataFormatError, match=r"un_roll_calls.csv:1: missing column\(s\) session"):
        read_un_votes(folder)


# --- the real record ---------------------------------------------------------------------------

#: Published BSV ideal points ("All" votes, posterior means), sessions 70-72, from Bailey,
#: Strezhnev & Voeten's replication files (Output/IdealpointestimatesAll_Apr2020.csv), rounded
#: to two decimals: (ISO alpha-3, session) -> ideal point.
BSV_APR2020 = {
    ("USA", 70): 2.59,
    ("USA", 71): 2.54,
    ("USA", 72): 2.68,
    ("ISR", 70): 2.40,
    ("ISR", 71): 2.39,
    ("ISR", 72): 2.53,
    ("GBR", 70): 1.68,
    ("GBR", 71): 1.76,
    ("GBR", 72): 1.71,
    ("FRA", 70): 1.54,
    ("FRA", 71): 1.51,
    ("FRA", 72): 1.56,
    ("DEU", 70): 1.20,
    ("DEU", 71): 1.25,
    ("DEU", 72): 1.23,
    ("JPN", 70): 0.69,
    ("JPN", 71): 0.74,
    ("JPN", 72): 0.66,
    ("CAN", 70): 1.80,
    ("CAN", 71): 1.58,
    ("CAN", 72): 1.50,
    ("AUS", 70): 1.24,
    ("AUS", 71): 1.29,
    ("AUS", 72): 1.25,
    ("TUR", 70): 0.60,
    ("TUR", 71): 0.65,
    ("TUR", 72): 0.68,
    ("MEX", 70): -0.23,
    ("MEX", 71): -0.11,
    ("MEX", 72): 0.04,
    ("BRA", 70): -0.57,
    ("BRA", 71): -0.53,
    ("BRA", 72): -0.30,
    ("IND", 70): -0.19,
    ("IND", 71): -0.32,
    ("IND", 72): -0.20,
    ("CHN", 70): -0.26,
    ("CHN", 71): -0.45,
    ("CHN", 72): -0.38,
    ("RUS", 70): 0.18,
    ("RUS", 71): 0.20,
    ("RUS", 72): 0.11,
    ("IRN", 70): -1.48,
    ("IRN", 71): -2.00,
    ("IRN", 72): -1.59,
    ("CUB", 70): -1.81,
    ("CUB", 71): -1.88,
    ("CUB", 72): -1.90,
    ("PRK", 70): -0.54,
    ("PRK", 71): -0.69,
    ("PRK", 72): -0.21,
    ("SYR", 70): -1.59,
    ("SYR", 71): -2.03,
    ("SYR", 72): -1.89,
    ("VEN", 70): -1.60,
    ("VEN", 71): -1.56,
    ("VEN", 72): -1.58,
    ("EGY", 70): -1.39,
    ("EGY", 71): -1.28,
    ("EGY", 72): -1.04,
    ("SAU", 70): -0.94,
    ("SAU", 71): -0.78,
    ("SAU", 72): -0.61,
    ("ZAF", 70): -0.83,
    ("ZAF", 71): -0.58,
    ("ZAF", 72): -0.45,
    ("NGA", 70): -0.91,
    ("NGA", 71): -0.80,
    ("NGA", 72): -0.51,
    ("PAK", 70): -0.22,
    ("PAK", 71): -0.35,
    ("PAK", 72): -0.21,
}


def test_sessions_70_to_72_agree_with_the_published_estimates(shared_data):
    est = estimate_ideal_points(shared_data, sessions=(70, 72))
    assert est.converged
    for session in (70, 71, 72):
        ours = [est.point(iso, session).ideal_point for (iso, s) in BSV_APR2020 if s == session]
        theirs = [v for (iso, s), v in BSV_APR2020.items() if s == session]
        assert _corr(np.array(ours), np.array(theirs)) >= 0.97, session
    # orientation and the usual ordering
    for session in (70, 71, 72):
        usa, isr, rus, irn = (
            est.point(c, session).ideal_point for c in ("USA", "ISR", "RUS", "IRN")
        )
        assert usa > 0 and isr > 0 and usa > rus > irn


#: COW codes: NATO members of the Cold War and the Warsaw Pact (without Albania, which left).
NATO = (2, 20, 200, 210, 211, 220, 325, 385, 390, 395)
WARSAW_PACT = (365, 290, 310, 315, 355, 360, 265)


def test_cold_war_blocs_and_the_soviet_break(shared_data):
    """Qualitative checks on sessions 40-48 (1985-1994) estimated together."""
    est = estimate_ideal_points(shared_data, sessions=(40, 48))
    by = {(p.ccode, p.session): p.ideal_point for p in est.points}
    for session in range(40, 45):  # until 1989 every NATO state stands west of every Pact state
        west = [by[c, session] for c in NATO if (c, session) in by]
        east = [by[c, session] for c in WARSAW_PACT if (c, session) in by]
        assert min(west) > max(east), session
    for session in range(40, 49):  # the US, and Israel, at the western end
        ranked = sorted((v, c) for (c, s), v in by.items() if s == session)[::-1]
        top = [c for _, c in ranked[:5]]
        assert 2 in top[:2] and 666 in top, session
    # the USSR/Russia: from the eastern bloc to the centre-west, its largest move 1990-92
    russia = [by[365, s] for s in range(40, 49)]
    assert russia[0] < -1 < 0 < russia[-1]
    steps = np.diff(russia)
    assert steps[4:7].sum() > 0.5 * (russia[-1] - russia[0])  # sessions 44 -> 47


def test_threads_split_the_votes_without_changing_the_objective():
    sim = simulate_roll_calls(30, 3, 20, seed=3)
    data, priors = sim.data, Priors()
    x = np.random.default_rng(2).normal(scale=0.5, size=data.n_units + 3 * data.n_items)
    one = _objective(data, priors, _walk_links(data, priors.omega), threads=1)(x)
    for threads in (2, 3):
        many = _objective(data, priors, _walk_links(data, priors.omega), threads=threads)(x)
        assert many[0] == pytest.approx(one[0], rel=1e-12)
        np.testing.assert_allclose(many[1], one[1], rtol=1e-12, atol=1e-12)
