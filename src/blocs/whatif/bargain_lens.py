"""The bargaining lens of the wedge: the smallest concession by the divider, on the issues that
matter to the target, that buys a move of the target on the partner's issues past a stated
threshold, with the partner allowed to bid back.

It reads the scenario's ``issues:`` (:mod:`blocs.scenario.issues`): ``concession`` issues, where
the divider could move toward the target, and ``partner`` issues, each with the ``threshold``
the divider needs the forecast to pass and the ``goal`` side. Forecasts come from a bargaining
model (default: the compromise model, the best of the five on the DEU III outcomes, see
``docs/bargaining.md``). Utilities are salience-weighted and linear in distance, on each issue's
scale normalised to 1 (the common currency of exchange models of bargaining):

* a **concession** ``c ∈ [0, 1]`` moves the divider's position on every concession issue the
  share ``c`` of the way to the target's; the target's **gain** is
  ``G(c) = Σ s_T |f(0) − x_T| − |f(c) − x_T|`` over those issues (``f``: the forecast);
* the target **pays** by moving its position on the partner issues the share ``m`` of the way to
  the goal end of the scale; ``m*`` is the smallest move whose forecasts pass every threshold
  (by bisection), at the **cost** ``C = Σ s_T m* |end − x_T|``;
* the partner **bids back** what the move would cost it, ``B = β Σ s_P (|f(m*) − x_P| −
  |f(0) − x_P|)`` (``β = bid``, 1 by default: the partner matches its whole stake; 0: no bid);
* a **bargain exists** when ``G(1) ≥ C + B``; the smallest concession ``c*`` solving
  ``G(c) ≥ C + B`` is found by bisection, and the divider's positions at ``c*`` are what the
  target would demand.

The Monte Carlo draws every stance's position and salience uniformly within its range (stances
without a range stay put) and reports the share of draws in which the bargain exists.

Examples
--------
>>> import blocs
>>> lens = bargain_lens(blocs.load("russia-iran-2017"), draws=50, seed=1)
>>> lens.exists, lens.exists_without_bid
(False, True)
>>> round(lens.concession_without_bid, 2), round(lens.demanded_without_bid["sanctions-ukraine"])
(0.98, 98)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.bargaining.baselines import (
    nash_bargaining_1d,
    weighted_mean_1d,
    weighted_median_1d,
)
from blocs.models.bargaining.bdm import bdm_issue
from blocs.results import NotComputed
from blocs.scenario.issues import Issue, IssueGoal, IssueRole
from blocs.scenario.model import Scenario
from blocs.seeding import Seed, normalise_seed

__all__ = ["BargainLens", "bargain_lens"]

Forecaster = Callable[[np.ndarray, np.ndarray, np.ndarray, float, float], float]


def _bdm(x: np.ndarray, c: np.ndarray, s: np.ndarray, lo: float, hi: float) -> float:
    names = tuple(str(i) for i in range(x.size))
    return bdm_issue(names, x, c, s, hi - lo).forecast


FORECASTERS: dict[str, Forecaster] = {
    "weighted_mean": lambda x, c, s, lo, hi: weighted_mean_1d(x, c * s),
    "median": lambda x, c, s, lo, hi: weighted_median_1d(x, c * s),
    "nash": lambda x, c, s, lo, hi: nash_bargaining_1d(x, c * s, lo, hi),
    "bdm": _bdm,
}

_STEPS = 40  # bisection steps: 2^-40 of the unit interval


@dataclass(frozen=True)
class _Arrays:
    issue: str
    actors: list[str]
    x: np.ndarray
    c: np.ndarray
    s: np.ndarray
    lo: float
    hi: float


@dataclass(frozen=True)
class _Outcome:
    exists: bool
    concession: float | None
    exists_without_bid: bool
    concession_without_bid: float | None
    move: float | None
    gain_max: float
    cost: float | None
    bid: float | None
    reason: str | None


@dataclass(frozen=True)
class BargainLens:
    """What the target would demand of the divider, and whether the bargain exists."""

    divider: str
    target: str
    partner: str
    model: str
    concession_issues: tuple[str, ...]
    partner_issues: tuple[str, ...]
    thresholds: dict[str, str]
    exists: bool
    concession: float | None
    demanded: dict[str, float]
    exists_without_bid: bool
    concession_without_bid: float | None
    demanded_without_bid: dict[str, float]
    target_move: float | None
    target_gain_max: float
    target_cost: float | None
    partner_bid: float | None
    forecast_before: dict[str, float]
    forecast_after: dict[str, float]
    reason: str | None
    draws: int
    share_exists: float
    share_exists_without_bid: float
    concession_quantiles: tuple[float, float, float] | None
    seed: int | None
    bid: float
    starts: dict[str, float]
    high_means: dict[str, str]

    def _asks(self, demanded: dict[str, float]) -> str:
        return "; ".join(
            f"{k} from {self.starts[k]:.0f} to {v:.0f}, where the top of the scale means "
            f"{self.high_means[k]}"
            for k, v in demanded.items()
        )

    def reading(self) -> str:
        conc = ", ".join(self.concession_issues)
        if self.exists and self.concession is not None:
            asks = self._asks(self.demanded)
            head = (
                f"{self.target} would demand that {self.divider} concede {self.concession:.0%} of "
                f"the way on {conc} ({asks}) to move past {', '.join(self.thresholds.values())}"
                f" even with {self.partner} bidding back"
            )
        elif self.exists_without_bid and self.concession_without_bid is not None:
            asks = self._asks(self.demanded_without_bid)
            head = (
                f"No bargain exists once {self.partner} bids back; without its bid {self.target} "
                f"would demand that {self.divider} concede {self.concession_without_bid:.0%} of "
                f"the way on {conc} ({asks})"
            )
        else:
            head = f"No bargain exists: {self.reason or 'the concessions cannot pay the move'}"
        return (
            f"{head}; over the position and salience ranges the bargain exists in "
            f"{self.share_exists:.1%} of {self.draws} draws "
            f"({self.share_exists_without_bid:.1%} without {self.partner}'s bid)."
        )


def _arrays(scenario: Scenario, issue: Issue, draw: dict | None) -> _Arrays:
    sizes = scenario.sizes()
    actors = issue.actors
    x = np.array([issue.stance(a).position for a in actors], dtype=float)
    s = np.array([issue.stance(a).salience for a in actors], dtype=float)
    if draw is not None:
        x = draw[issue.id][0]
        s = draw[issue.id][1]
    c = np.array([sizes[a] for a in actors], dtype=float)
    return _Arrays(issue.id, actors, x, c, s, issue.scale.low, issue.scale.high)


def _draw(scenario: Scenario, issues: list[Issue], rng: np.random.Generator) -> dict:
    out = {}
    for issue in issues:
        xs, ss = [], []
        for st in issue.stances:
            pr, sr = st.position_range, st.salience_range
            xs.append(rng.uniform(pr[0], pr[1]) if pr else st.position)
            ss.append(rng.uniform(sr[0], sr[1]) if sr else st.salience)
        out[issue.id] = (np.array(xs), np.array(ss))
    return out


def _bisect(ok: Callable[[float], bool]) -> float | None:
    """The smallest t in [0, 1] with ok(t), for a monotone ok; None when ok(1) fails."""
    if ok(0.0):
        return 0.0
    if not ok(1.0):
        return None
    lo, hi = 0.0, 1.0
    for _ in range(_STEPS):
        mid = 0.5 * (lo + hi)
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _solve(
    conc: list[_Arrays],
    part: list[tuple[_Arrays, float, IssueGoal]],
    d: str,
    t: str,
    p: str,
    f: Forecaster,
    bid: float,
) -> tuple[_Outcome, dict[str, float], dict[str, float]]:
    def forecast(a: _Arrays, x: np.ndarray) -> float:
        return f(x, a.c, a.s, a.lo, a.hi)

    def conc_x(a: _Arrays, c: float) -> np.ndarray:
        x = a.x.copy()
        i, j = a.actors.index(d), a.actors.index(t)
        x[i] = x[i] + c * (x[j] - x[i])
        return x

    base_c = {a.issue: forecast(a, a.x) for a in conc}

    def gain(c: float) -> float:
        g = 0.0
        for a in conc:
            xt = a.x[a.actors.index(t)]
            st = a.s[a.actors.index(t)]
            g += (
                st
                * (abs(base_c[a.issue] - xt) - abs(forecast(a, conc_x(a, c)) - xt))
                / (a.hi - a.lo)
            )
        return g

    def part_x(a: _Arrays, goal: IssueGoal, m: float) -> np.ndarray:
        x = a.x.copy()
        i = a.actors.index(t)
        end = a.lo if goal is IssueGoal.below else a.hi
        x[i] = x[i] + m * (end - x[i])
        return x

    def passes(a: _Arrays, threshold: float, goal: IssueGoal, m: float) -> bool:
        v = forecast(a, part_x(a, goal, m))
        return v < threshold if goal is IssueGoal.below else v > threshold

    moves = []
    for a, threshold, goal in part:
        m = _bisect(lambda m, a=a, th=threshold, g=goal: passes(a, th, g, m))
        moves.append(m)
    g_max = gain(1.0)
    before = {**base_c, **{a.issue: forecast(a, a.x) for a, _, _ in part}}
    if any(m is None for m in moves):
        why = f"even if {t} gave up its stance entirely, the forecast would not pass the threshold"
        return _Outcome(False, None, False, None, None, g_max, None, None, why), before, before
    m_star = max(moves)  # type: ignore[type-var]
    cost = 0.0
    loss = 0.0
    after = dict(base_c)
    for a, _, goal in part:
        i = a.actors.index(t)
        end = a.lo if goal is IssueGoal.below else a.hi
        width = a.hi - a.lo
        cost += a.s[i] * m_star * abs(end - a.x[i]) / width
        f0, f1 = forecast(a, a.x), forecast(a, part_x(a, goal, m_star))
        after[a.issue] = f1
        if p in a.actors:
            k = a.actors.index(p)
            loss += a.s[k] * (abs(f1 - a.x[k]) - abs(f0 - a.x[k])) / width
    partner_bid = bid * max(loss, 0.0)
    c_star = _bisect(lambda c: gain(c) >= cost + partner_bid)
    c_free = _bisect(lambda c: gain(c) >= cost)
    c_deal = c_star if c_star is not None else c_free
    if c_deal is None:
        after = dict(before)
    for a in conc:
        after[a.issue] = forecast(a, conc_x(a, c_deal if c_deal is not None else 0.0))
    why = None
    if c_star is None:
        why = (
            f"the most {d} could concede is worth {g_max:.2f} to {t}, less than the "
            f"{cost + partner_bid:.2f} its move costs it plus {p}'s bid"
        )
    out = _Outcome(
        c_star is not None,
        c_star,
        c_free is not None,
        c_free,
        m_star,
        g_max,
        cost,
        partner_bid,
        why,
    )
    return out, before, after


def bargain_lens(
    scenario: Scenario,
    *,
    divider: str | None = None,
    target: str | None = None,
    partner: str | None = None,
    model: str = "weighted_mean",
    bid: float = 1.0,
    draws: int = 1000,
    seed: Seed = 0,
) -> BargainLens | NotComputed:
    """The bargaining lens of the wedge on ``scenario`` (roles default to its focus)."""
    focus = scenario.focus
    d = divider or (focus.divider if focus else None)
    t = target or (focus.target if focus else None)
    p = partner or (focus.partner if focus else None)
    if not (d and t and p):
        return NotComputed("the scenario names no focus (divider, target, partner)")
    if model not in FORECASTERS:
        raise ModelInputError(f"model: '{model}' is not one of {', '.join(FORECASTERS)}")
    conc_issues = [
        i
        for i in scenario.issues
        if i.role is IssueRole.concession and d in i.actors and t in i.actors
    ]
    part_issues = [i for i in scenario.issues if i.role is IssueRole.partner and t in i.actors]
    if not conc_issues or not part_issues:
        return NotComputed(
            "the scenario's issues name no concession issue held by "
            f"{d} and {t}, or no partner issue held by {t}",
            remedy="add issues with role: concession and role: partner (with threshold and goal)",
        )
    f = FORECASTERS[model]

    def one(draw: dict | None):
        conc = [_arrays(scenario, i, draw) for i in conc_issues]
        part = [(_arrays(scenario, i, draw), float(i.threshold), i.goal) for i in part_issues]
        return _solve(conc, part, d, t, p, f, bid)

    central, before, after = one(None)
    rng, recorded = normalise_seed(seed)
    issues = conc_issues + part_issues
    exists = free = 0
    cs = []
    for _ in range(draws):
        out, _, _ = one(_draw(scenario, issues, rng))
        exists += out.exists
        free += out.exists_without_bid
        if out.concession is not None:
            cs.append(out.concession)
    quant = tuple(float(v) for v in np.quantile(cs, [0.1, 0.5, 0.9])) if cs else None

    def demanded(c: float | None) -> dict[str, float]:
        if c is None:
            return {}
        out = {}
        for i in conc_issues:
            xd, xt = i.stance(d).position, i.stance(t).position
            out[i.id] = xd + c * (xt - xd)
        return out

    thresholds = {
        i.id: f"{i.threshold:g} ({'below' if i.goal is IssueGoal.below else 'above'}) on {i.id}"
        for i in part_issues
    }
    return BargainLens(
        d,
        t,
        p,
        model,
        tuple(i.id for i in conc_issues),
        tuple(i.id for i in part_issues),
        thresholds,
        central.exists,
        central.concession,
        demanded(central.concession),
        central.exists_without_bid,
        central.concession_without_bid,
        demanded(central.concession_without_bid),
        central.move,
        central.gain_max,
        central.cost,
        central.bid,
        before,
        after,
        central.reason,
        draws,
        exists / draws if draws else 0.0,
        free / draws if draws else 0.0,
        quant,  # type: ignore[arg-type]
        recorded,
        bid,
        {i.id: i.stance(d).position for i in conc_issues},
        {i.id: i.scale.high_means for i in conc_issues},
    )
