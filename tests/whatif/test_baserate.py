"""The base-rate lens: a toy data set with a known hazard, then ATOP through the fixture."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from blocs.results import to_jsonable
from blocs.whatif.baserate import atop_spells, base_rate_lens, fit_termination, reference_profile

RATE = 0.1


def exponential_spells(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 2, n)
    t = rng.exponential(1.0 / (RATE * np.where(x == 1, 2.0, 1.0)))
    stop = np.minimum(t, 30.0)
    return pd.DataFrame(
        {"id": np.arange(n), "start": 0.0, "stop": stop, "event": (t < 30).astype(int), "x": x}
    )


def test_known_hazard_is_recovered():
    fit = fit_termination(exponential_spells(4000, 1), ["x"])
    assert fit.hazard_ratios["x"] == pytest.approx(2.0, rel=0.1)
    # memoryless: from any age, P(end within h) = 1 - exp(-rate h)
    for age in (0.0, 3.0):
        p = fit.probability_within({"x": 0.0}, age=age, horizon=5.0)
        assert p == pytest.approx(1 - math.exp(-RATE * 5.0), abs=0.03)
    p1 = fit.probability_within({"x": 1.0}, age=2.0, horizon=5.0)
    assert p1 == pytest.approx(1 - math.exp(-2 * RATE * 5.0), abs=0.03)


def split_at_random_times(base: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Each spell split at a random time where an irrelevant covariate switches on."""
    cut = np.random.default_rng(seed).uniform(0, 10, len(base))
    rows = []
    for r, c in zip(base.itertuples(), cut, strict=True):
        if r.stop > c:
            rows.append((r.id, 0.0, c, 0, 0, r.x))
            rows.append((r.id, c, r.stop, r.event, 1, r.x))
        else:
            rows.append((r.id, 0.0, r.stop, r.event, 0, r.x))
    return pd.DataFrame(rows, columns=["id", "start", "stop", "event", "late", "x"])


def test_time_varying_rows_are_supported():
    # the hazard does not depend on the switch: its ratio is 1, the covariate's stays 2
    fit = fit_termination(split_at_random_times(exponential_spells(3000, 2), 3), ["late", "x"])
    assert fit.hazard_ratios["late"] == pytest.approx(1.0, abs=0.15)
    assert fit.hazard_ratios["x"] == pytest.approx(2.0, rel=0.1)


def test_baseline_is_breslow_at_covariates_zero():
    # the baseline is lifelines' (at the covariates' means) moved to covariates zero: check it
    # against Breslow's estimator written out, sum of deaths over the risk set's sum of exp(x.b)
    frame = split_at_random_times(exponential_spells(400, 4), 5)
    fit = fit_termination(frame, ["late", "x"])
    beta = np.array([fit.coefficients["late"], fit.coefficients["x"]])
    risk = np.exp(frame[["late", "x"]].to_numpy(dtype=float) @ beta)
    start, stop = frame["start"].to_numpy(), frame["stop"].to_numpy()
    died = frame["event"].to_numpy(dtype=bool)
    times = np.unique(stop[died])
    jumps = [np.sum(died & (stop == t)) / risk[(start < t) & (t <= stop)].sum() for t in times]
    np.testing.assert_allclose(fit.baseline_times, times)
    np.testing.assert_allclose(fit.baseline_cumhaz, np.cumsum(jumps), rtol=1e-9)
    assert fit.spells == 400 and fit.events == int(died.sum())


def test_constant_covariates_are_dropped():
    frame = exponential_spells(300, 6).assign(const=1.0)
    fit = fit_termination(frame, ["x", "const"])
    assert fit.covariates == ("x",)
    assert set(to_jsonable(fit)["coefficients"]) == {"x"}


def test_lens_is_skipped_without_data(tmp_path):
    lens = base_rate_lens(None)
    assert not lens.available and "skipped" in lens.note
    assert not base_rate_lens(tmp_path).available


def test_atop_spells(shared_data):
    spells = atop_spells(shared_data)
    # ATOP v4.01 member-level file: 2398 rows, 440 with termmode 3 (tallies in its PROVENANCE)
    assert spells.spells == 2398
    assert spells.events == 440
    assert set(spells.covariates) >= {"defense", "log_members", "outside_alliance"}
    assert (spells.rows.stop > spells.rows.start).all()


def test_russia_iran_reference_is_their_2001_treaty(shared_data):
    ref = reference_profile(shared_data, "RUS", "IRN", as_of=2017.0)
    # ATOP 4968: Russia-Iran, 2001, no defence pledge (see the data's PROVENANCE)
    assert ref.atopid == 4968 and ref.fallback is None
    assert (ref.target_cow, ref.partner_cow) == (365, 630)
    assert ref.profile is not None and ref.profile["defense"] == 0.0
    assert 15 <= ref.age <= 17
    assert "defence" not in ref.obligations and "consultation" in ref.obligations


def test_iso3_ids_go_through_the_crosswalk(shared_data):
    # DEU and FRA are ISO codes; COW writes Germany GMY (255) and France FRN (220). Their
    # shared alliances (NATO among them) must be found, not a silent generic profile.
    ref = reference_profile(shared_data, "DEU", "FRA", as_of=2010.0)
    assert (ref.target_cow, ref.partner_cow) == (255, 220)
    assert ref.atopid is not None and ref.fallback is None


def test_fallback_says_why(shared_data):
    import blocs

    lens_ref = reference_profile(shared_data, "RUS", "IRN", as_of=1950.0)
    assert lens_ref.atopid is None
    assert "no alliance of RUS (COW 365) and IRN (COW 630) in effect in 1950" in lens_ref.fallback
    lens = base_rate_lens(shared_data, reference=lens_ref)
    assert lens.fallback == lens_ref.fallback
    assert "generic" in lens.reference and "because" in lens.reference
    assert lens_ref.reading().startswith("The base rate uses a generic profile because")
    isis = blocs.load("russia-iran-2017").actor("ISIS")
    assert "not a state" in reference_profile(shared_data, isis, "IRN").fallback


def test_base_rate_lens_on_atop(shared_data):
    ref = reference_profile(shared_data, "RUS", "IRN")
    lens = base_rate_lens(shared_data, horizon=10.0, reference=ref)
    assert lens.available
    assert 0.0 < lens.probability < 1.0
    assert 0.0 < lens.probability_with_inducement < 1.0
    assert lens.fit is not None and "outside_alliance" in lens.fit.hazard_ratios
    assert lens.cannot_tell and lens.inducement_proxy
    assert any("ATOP 4968 pledges" in c for c in lens.cannot_tell)
    assert to_jsonable(lens)["fit"]["events"] == 440
