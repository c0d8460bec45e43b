"""BDM as Scholz, Calbert & Smith (2011) specify it: the replication log reproduced round by round,
the Sultan set standing still, hand-computed small cases, the named options."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from bdm_plain import plain_round

from blocs.errors import ModelInputError
from blocs.models.bargaining import BargainingInput, bdm
from blocs.models.bargaining.bdm import (
    BDMOptions,
    CapitulationTest,
    CompromiseKey,
    Forecast,
    OfferKind,
    ProbabilityForm,
    bdm_round,
    prevail_probability,
    risk_exponents,
    votes,
)

TOL = 1e-9


def _read(path: Path) -> BargainingInput:
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return BargainingInput.from_arrays(
        [r["Actor"] for r in rows],
        [float(r["Capability"]) for r in rows],
        [[float(r["Position"])] for r in rows],
        [[float(r["Salience"])] for r in rows],
    )


def _parse_log(path: Path) -> tuple[float, float, list[dict]]:
    text = path.read_text()
    rounds = []
    median0 = float(re.search(r"Median position: (\S+)", text).group(1))
    mean0 = float(re.search(r"Mean position: (\S+)", text).group(1))
    for block in re.split(r"\nROUND \d+\n", text)[1:]:
        moves = [
            {
                "actor": m.group(1),
                "kind": {
                    "compromises with": "compromise",
                    "loses confrontation to": "confrontation",
                    "capitulates to": "capitulation",
                }[m.group(2)],
                "partner": m.group(3),
                "eu": (float(m.group(4)), float(m.group(5))),
                "new": float(m.group(6)),
            }
            for m in re.finditer(
                r"(\S+) (compromises with|loses confrontation to|capitulates to) (\S+)\n"
                r"\t(\S+) vs (\S+)\n\tnew_pos = (\S+)",
                block,
            )
        ]
        mean = float(re.search(r"Mean position: (\S+)", block).group(1))
        rounds.append({"moves": moves, "mean": mean})
    return median0, mean0, rounds


@pytest.fixture(scope="module")
def scholz(shared_data: Path) -> tuple[BargainingInput, tuple]:
    folder = shared_data / "bdm-scholz-examples"
    return _read(folder / "ExampleActors.csv"), _parse_log(folder / "Example.log")


def test_scholz_log_reproduced_round_by_round(scholz):
    inp, (median0, mean0, logged) = scholz
    assert len(logged) == 10
    run = bdm(inp, rounds=10).runs[0]
    assert run.initial_median == median0
    assert abs(run.initial_mean - mean0) <= TOL
    assert len(run.rounds) == 10
    worst = 0.0
    for got, want in zip(run.rounds, logged, strict=True):
        assert abs(got.mean - want["mean"]) <= TOL
        assert [m.actor for m in got.moves] == [m["actor"] for m in want["moves"]]
        for move, ref in zip(got.moves, want["moves"], strict=True):
            assert move.kind.value == ref["kind"]
            assert move.partner == ref["partner"]
            assert abs(move.new_position - ref["new"]) <= TOL
            assert abs(move.eu_actor - ref["eu"][0]) <= TOL
            assert abs(move.eu_partner - ref["eu"][1]) <= TOL
            worst = max(worst, abs(move.new_position - ref["new"]))
        # every actor that is not logged stays where it was
        moved = {m.actor for m in got.moves}
        prev = run.rounds[got.number - 2].positions if got.number > 1 else run.initial_positions
        for name, before, after in zip(inp.actors, prev, got.positions, strict=True):
            if name not in moved:
                assert before == after
    assert worst <= TOL
    final = dict(zip(inp.actors, run.final_positions, strict=True))
    assert final["Belgium"] == pytest.approx(4.2915, abs=1e-4)
    assert final["Ireland"] == pytest.approx(4.1448, abs=1e-4)


def test_scholz_round_one_risk_exponents(scholz):
    inp, _ = scholz
    r = bdm(inp, rounds=1).runs[0].rounds[0].risk
    want = [1.4057, 0.7542, 0.5089, 1.4057, 1.0465, 1.0465, 1.9649, 0.5000, 2.0000, 1.1121]
    assert np.allclose(r, want, atol=5e-5)


def test_bdm_stated_capitulation_test_gives_the_same_log(scholz):
    inp, (_, _, logged) = scholz
    run = bdm(inp, rounds=10, options=BDMOptions(capitulation=CapitulationTest.BDM)).runs[0]
    assert [r.mean for r in run.rounds] == pytest.approx([r["mean"] for r in logged], abs=TOL)


def test_smallest_move_key_avoids_belgiums_jump(scholz):
    inp, (_, _, logged) = scholz
    run = bdm(inp, rounds=4, options=BDMOptions(compromise_key=CompromiseKey.SMALLEST_MOVE)).runs[0]
    belgium = next(m for m in run.rounds[3].moves if m.actor == "Belgium")
    assert belgium.partner == "France"
    assert [m["partner"] for m in logged[3]["moves"] if m["actor"] == "Belgium"] == ["Netherlands"]


def test_sultan_stays_still_for_ten_rounds(shared_data):
    inp = _read(shared_data / "bdm-scholz-examples" / "Sultan.csv")
    run = bdm(inp, rounds=10).runs[0]
    assert run.initial_mean == pytest.approx(13.6199, abs=5e-5)
    assert run.initial_median == 13.9
    assert run.stable
    assert all(not r.moves for r in run.rounds)
    assert run.final_positions == run.initial_positions
    assert run.rounds[-1].mean == pytest.approx(13.6199, abs=5e-5)


def test_vectorised_round_equals_plain_python(scholz):
    inp, _ = scholz
    rng = np.random.default_rng(3)
    cases = [(inp.position[:, 0], inp.capability, inp.salience[:, 0], 6.0)]
    for _ in range(20):
        n = int(rng.integers(2, 12))
        cases.append((rng.integers(0, 11, n).astype(float), rng.random(n), rng.random(n), 10.0))
    for x, c, s, width in cases:
        got = bdm_round(x, c, s, width)
        want = plain_round(list(x), list(c), list(s), width)
        assert np.allclose(got, want, rtol=0, atol=1e-12)


def test_two_actors_by_hand():
    # A at 0 (c=1, s=1), B at 1 (c=1, s=0.1), scale width 1.
    x, c, s = np.array([0.0, 1.0]), np.array([1.0, 1.0]), np.array([1.0, 0.1])
    w = c * s
    v = votes(x, w, np.ones(2), 1.0)
    # voter A: prefers 0 over 1 by 1; voter B: prefers 1 over 0 by 0.1; sum of |v| = 2 * 1.1
    p = prevail_probability(v, ProbabilityForm.ALL_PAIRS)
    assert p[0, 1] == pytest.approx(1 / 2.2) and p[1, 0] == pytest.approx(0.1 / 2.2)
    pp = prevail_probability(v, ProbabilityForm.PER_PAIR)
    assert pp[0, 1] == pytest.approx(1 / 1.1) and pp[0, 1] + pp[1, 0] == pytest.approx(1.0)
    # danger with r = 1, d = 1: U_s = 2, U_f = -2, U_sq = 0.
    # D_A = EU_B(B challenges A) = s_A (P_BA*2 - (1-P_BA)*2) = 2*(0.1/2.2) - 2*(2.1/2.2)
    # D_B = EU_A(A challenges B) = 0.1*(2*P_AB - 2*(1-P_AB)) + 0.9*2
    r = risk_exponents(x, w, s, 1.0, BDMOptions())
    assert r.tolist() == pytest.approx([2.0, 0.5])  # A is the more endangered: most risk-averse
    # B (r = 0.5) values: U_s = 2, U_f = -2, U_sq = 2 - 2*sqrt(2), P_BA = 1/22, P_AB = 10/22
    u_sq = 2 - 2 * np.sqrt(2)
    e_b = 1.0 * (2 / 22 - 2 * 21 / 22) - u_sq  # B challenging A (A resists with s_A = 1)
    e_a = 0.1 * (2 * 10 / 22 - 2 * 12 / 22) + 0.9 * 2 - u_sq  # A challenging B
    assert e_a > 0 > e_b and e_a > abs(e_b)  # a compromise offer from A
    # A (r = 2) values B's challenge negatively and its own positively but below it: no move
    new = bdm_round(x, c, s, 1.0)
    assert new[0] == 0.0
    assert new[1] == pytest.approx(1.0 - abs(e_b / e_a), abs=1e-12)


def test_three_actors_by_hand_compromise_position():
    # When B compromises with A, it moves the share |e_B / e_A| of the way: check the formula
    x = np.array([0.0, 5.0, 10.0])
    c = np.array([1.0, 1.0, 1.0])
    s = np.array([0.9, 0.5, 0.2])
    inp = BargainingInput.from_arrays(["A", "B", "C"], c, x[:, None], s[:, None], [(0, 10)])
    run = bdm(inp, rounds=1).runs[0]
    for m in run.rounds[0].moves:
        i = inp.actors.index(m.actor)
        j = inp.actors.index(m.partner)
        if m.kind is OfferKind.COMPROMISE:
            assert m.new_position == pytest.approx(
                x[i] + (x[j] - x[i]) * abs(m.eu_actor / m.eu_partner)
            )
        else:
            assert m.new_position == x[j]
    assert run.rounds[0].positions == pytest.approx(tuple(bdm_round(x, c, s, 10.0)))


def test_forecast_option_and_readings(scholz):
    inp, _ = scholz
    med = bdm(inp, rounds=2).runs[0]
    mean = bdm(inp, rounds=2, options=BDMOptions(forecast=Forecast.MEAN)).runs[0]
    assert mean.forecast == pytest.approx(7.552500865855845)
    assert med.forecast == med.rounds[-1].median
    assert med.reading().endswith(".") and "2 rounds" in med.reading()


def test_bad_options():
    with pytest.raises(ModelInputError, match="q"):
        BDMOptions(q=1.5)
