"""The spatial model of politics against KTAB's reference runs, and hand-computed pieces."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from blocs.models.bargaining import BargainingInput
from blocs.models.bargaining.files import read_ktab_csv
from blocs.models.bargaining.spatial import (
    PCEForm,
    SMPOptions,
    Transition,
    VictoryModel,
    VotingRule,
    coalitions,
    pce,
    salience_distance,
    smp,
    victory_probability,
    vote,
)

PRINT = 0.05 + 1e-9  # KTAB prints positions with one decimal


def _history(log: Path) -> dict[tuple[str, str], list[float]]:
    text = log.read_text()
    block = text.split("History of actor positions over time:")[1].split("History of actors")[0]
    out = {}
    for line in block.strip().splitlines():
        m = re.match(r"(.+?), (.+?):\s+(.*)", line.strip())
        out[(m.group(1), m.group(2))] = [float(v) for v in m.group(3).split()]
    return out


@pytest.mark.parametrize(("name", "turns"), [("SOE-Pol-Comp", 27), ("dummyData_3Dim", 10)])
def test_deterministic_reference_runs_reproduced_turn_by_turn(shared_data, name, turns):
    folder = shared_data / "ktab-smp"
    inp = read_ktab_csv(folder / f"{name}.csv")
    result = smp(inp)
    hist = _history(folder / f"20170530_ref-{name}.txt")
    assert result.converged and result.turns == turns
    keys = list(hist)
    assert len(keys) == inp.n_actors * inp.n_dimensions
    worst = 0.0
    for a, actor in enumerate(inp.actors):
        rows = [k for k in keys if k[0] == actor]
        for d, key in enumerate(rows):
            logged = np.array(hist[key])
            assert logged.size == turns + 1
            worst = max(worst, float(np.abs(logged - result.history[:, a, d]).max()))
    assert worst <= PRINT


def test_first_turn_values_and_risk_attitudes_match_the_log(shared_data):
    folder = shared_data / "ktab-smp"
    inp = read_ktab_csv(folder / "SOE-Pol-Comp.csv")
    lines = (folder / "20170530_ref-SOE-Pol-Comp.txt").read_text().splitlines()
    start = lines.index("Raw actor-pos value matrix (risk neutral) ") + 1
    raw = np.array([[float(v) for v in lines[start + i].split()] for i in range(13)])
    x = inp.position / 100.0
    assert np.abs((1 - salience_distance(x, inp.salience)) - raw).max() <= 5e-4 + 1e-12
    risk_logged = np.array([float(lines[start + 14 + i]) for i in range(13)])
    first = smp(inp, SMPOptions(max_turns=1))
    from blocs.models.bargaining.spatial import RiskRange, _big_r

    assert np.abs(_big_r(first.probabilities[0], RiskRange.MID) - risk_logged).max() <= 5e-4


def test_stochastic_reference_run_compared_by_its_cluster(shared_data):
    # smpExample: stochastic transitions drawn by KTAB's own generator and a non-identity
    # ideal-adjustment matrix, so no run can be replayed; we check that our runs under the
    # same rules are reproducible under a seed and bracket the cluster KTAB converged to
    # (first dimension 41.3-42.4 for every actor).
    pos = [
        [52.8, 39.8, 39.6],
        [15.9, 61.4, 72.0],
        [61.1, 86.5, 44.5],
        [26.3, 16.5, 15.9],
        [73.3, 61.1, 26.3],
    ]
    sal = [
        [32.3, 22.4, 13.4],
        [25.2, 34.5, 26.5],
        [28.8, 28.6, 18.2],
        [15.6, 42.0, 14.3],
        [39.7, 19.9, 15.8],
    ]
    text = (shared_data / "ktab-smp" / "smpExample.xml").read_text(encoding="utf-8-sig")
    cap = [float(v) for v in re.findall(r"<capability>(.*?)</capability>", text)]
    inp = BargainingInput.from_arrays(list("ABCDE"), cap, pos, np.array(sal) / 100, [(0, 100)] * 3)
    o = SMPOptions(
        voting=VotingRule.PROP_CUBIC, pce=PCEForm.MARKOV_INCENTIVE, transition=Transition.STOCHASTIC
    )
    a, b = smp(inp, o, seed=5), smp(inp, o, seed=5)
    assert np.array_equal(a.history, b.history) and a.seed == 5
    centres = [smp(inp, o, seed=s).final_positions[:, 0].mean() for s in range(12)]
    assert min(centres) < 41.3 and max(centres) > 42.4


def test_votes_victory_and_pce_by_hand():
    assert vote(VotingRule.CUBIC, 2.0, np.array([0.5])).tolist() == [0.25]
    assert vote(VotingRule.BINARY, 1.0, np.array([0.3, -1e-9])).tolist() == [1.0, -0.1]
    assert vote(VotingRule.PROP_BINARY, 1.0, np.array([0.5])).tolist() == [0.8 * 0.5 + 0.2]
    # two options, three voters preferring option 0 by 1 (weight 2) and option 1 by 1 (weight 1)
    u = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    votes = vote(
        VotingRule.PROPORTIONAL,
        np.array([1.0, 1.0, 1.0])[:, None, None],
        u[:, :, None] - u[:, None, :],
    )
    c = coalitions(votes)
    assert c[0, 1] == pytest.approx(2.0) and c[1, 0] == pytest.approx(1.0)
    assert victory_probability(c, VictoryModel.LINEAR)[0, 1] == pytest.approx(2 / 3)
    assert victory_probability(c, VictoryModel.QUARTIC)[0, 1] == pytest.approx(16 / 17)
    assert victory_probability(c, VictoryModel.OCTIC)[0, 1] == pytest.approx(256 / 257)
    p = pce(c, PCEForm.CONDITIONAL, VictoryModel.LINEAR)
    assert p.tolist() == pytest.approx([2 / 3, 1 / 3])  # (2/3 * 1/2) / (2/3*1/2 + 1/3*1/2)
    for form in (PCEForm.MARKOV_INCENTIVE, PCEForm.MARKOV_UNIFORM):
        q = pce(c, form, VictoryModel.LINEAR)
        assert q.sum() == pytest.approx(1.0) and q[0] > q[1]


def test_salience_weighted_distance_by_hand():
    x = np.array([[0.30, 0.20], [0.45, 0.65]])
    s = np.array([[0.24, 0.48], [0.447, 0.413]])
    d = salience_distance(x, s)
    want = np.sqrt(((0.15 * 0.24) ** 2 + (0.45 * 0.48) ** 2) / (0.24**2 + 0.48**2))
    assert d[0, 1] == pytest.approx(want) and d[0, 0] == 0.0
    assert 1 - d[0, 1] == pytest.approx(0.592, abs=5e-4)  # the log's first off-diagonal value


def test_two_actor_bargain_by_hand():
    # two actors: the strong one challenges, the weak one accepts a bargain near the strong one
    inp = BargainingInput.from_arrays(
        ["A", "B"], [100, 10], [[0.0], [100.0]], [[0.9], [0.2]], [(0, 100)]
    )
    r = smp(inp)
    assert r.final_positions[0, 0] == 0.0
    assert r.final_positions[1, 0] < 100.0
    assert r.forecast[0] == pytest.approx(0.0, abs=1.0)


def test_saliences_over_one_are_refused():
    from blocs.errors import ModelInputError

    inp = BargainingInput.from_arrays(
        ["A", "B"], [1, 1], [[0, 0], [1, 1]], [[0.8, 0.8], [0.1, 0.1]]
    )
    with pytest.raises(ModelInputError, match=r"sum to 1\.6"):
        smp(inp)
