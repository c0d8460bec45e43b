"""A spatial model of politics in the KTAB family (KAPSARC's SMP): bargains between actors,
resolved by probabilistic Condorcet elections, iterated until positions settle.

Positions are normalised to ``[0, 1]`` on each dimension (by the input's scale); actor ``i``
has capability ``c_i``, saliences ``s_ik`` (summing to at most 1 over the dimensions) and a
current position ``x_i``, which is also its ideal (KTAB's accommodation matrix is the identity).
One turn:

1. **Salience-weighted distance** from ``i``'s ideal to ``j``'s position:
   ``d_ij = sqrt(Σ_k (s_ik (x_ik − x_jk))² / Σ_k s_ik²)``.
2. **Risk attitudes.** Risk-neutral values ``1 − d_ij`` give votes
   ``v_k(i, j) = f(c_k, u_k(i) − u_k(j))`` by the voting rule ``f`` (:class:`VotingRule`),
   coalition strengths ``S[i:j] = 10⁻⁸ + Σ_k max(0, v_k(i, j))``, victory probabilities
   ``P[i≻j] = S[i:j]^ν / (S[i:j]^ν + S[j:i]^ν)`` (:class:`VictoryModel`) and each position's
   probability ``p_i`` by a probabilistic Condorcet election (:class:`PCEForm`: conditional,
   ``p_i ∝ Π_j P[i≻j]``, or the Markov forms). Then ``R_i`` rescales ``p_i`` into a risk
   attitude (:class:`RiskRange`; ``Mid``: ``(3p_i − p_max − 2p_min) / (2(p_max − p_min))``).
3. **Utility** ``u = (1 − d)(1 + d R)``; actor ``h`` estimates ``i``'s attitude as a blend of
   its own and ``i``'s (:class:`RiskAdjust`; ``OneThird``: ``(2R_h + R_i)/3``).
4. **Challenges.** ``h``'s estimate of what ``i`` challenging ``j`` is worth to ``k``:
   the principals' votes, each third party joining the side that serves it under its
   commitment (:class:`ThirdParty`), the probability ``φ`` that ``i`` wins, and
   ``EΔu = (1 − s_j) 2u_ki + s_j (φ 2u_ki + (1 − φ) 2u_kj) − (u_ki + u_kj)`` (``s_j``: ``j``'s
   total salience, its chance of resisting). Each actor targets the ``j`` with the largest
   positive gain (above 10⁻⁵).
5. **Bargains.** The initiator proposes, per dimension, ``b = ((w_i + ε) x_i + w_j x_j) /
   (w_i + ε + w_j)`` for itself and ``(w_i x_i + (w_j + ε) x_j) / (…)`` for the target, with
   ``w = s^n φ^m`` (``S2P2``: n = m = 2; ``ε = 10⁻⁶``), rounded to 4 decimals as KTAB does.
6. **Resolution.** Each actor's queue holds its status quo and every bargain it is party to;
   all actors vote over the queue with capability weights on their average utility over the
   resulting positions, a probabilistic Condorcet election ranks the bargains, and the actor
   takes the most probable one (``Transition.DETERMINISTIC``) or draws one
   (``Transition.STOCHASTIC``, using ``seed``).
7. **Stopping rule**: after at least two turns, stop when the change of the last turn
   (``Σ_i ‖x_i(t) − x_i(t−1)‖``) is below 2% of the first turn's change (plus 10⁻⁴), or after
   ``max_turns`` (100).

The defaults are the parameters of KTAB's reference runs (Linear, Prop, Conditional,
Deterministic, Mid, OneThird, SemiCommit, S2P2, initiator-only interpolation). With these
options no random number is drawn, so a run can be compared with KTAB's logs step by step up to
the order of bargains in a queue (which KTAB leaves to its threads and matters only on exact
ties); stochastic transitions draw from NumPy's generator, not KTAB's, so such runs can be
compared only by their converged clusters.

Examples
--------
A strong actor at one end, two weaker ones at the other and in the middle: the two weaker ones
strike a bargain and meet, and their pooled position is the most likely outcome.

>>> from blocs.models.bargaining import BargainingInput
>>> inp = BargainingInput.from_arrays(["A", "B", "C"], [100, 40, 30],
...     [[20.0], [80.0], [50.0]], [[0.9], [0.5], [0.6]], scale=[(0, 100)])
>>> result = smp(inp)
>>> [round(float(v), 2) for v in result.final_positions[:, 0]]
[21.48, 54.09, 54.09]
>>> result.reading()
'The spatial model settles after 2 turns with its most likely position at 54.09 on dim1.'

References
----------
Wise, B., Lester, L., & Efird, B. (2015). *An Introduction to the KAPSARC Toolkit for Behavioral
Analysis (KTAB) using Policy Influence Analysis*. KAPSARC discussion paper KS-1513-DP09A.

KTAB source (MIT licence), ``examples/smp/libsrc/smp.cpp``, ``smpbcn.cpp`` and
``KTAB/kmodel/libsrc/kmodel.cpp``, https://github.com/KAPSARC/KTAB.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.bargaining.inputs import BargainingInput
from blocs.seeding import Seed, normalise_seed

__all__ = [
    "PCEForm",
    "RiskAdjust",
    "RiskRange",
    "SMPOptions",
    "SMPResult",
    "ThirdParty",
    "Transition",
    "VictoryModel",
    "VotingRule",
    "pce",
    "salience_distance",
    "smp",
    "victory_probability",
    "vote",
]

MIN_COALITION = 1e-8
MIN_PRINCIPAL = 1e-10
MIN_GAIN = 1e-5
INTERP_EPS = 1e-6


class VotingRule(enum.Enum):
    """How an actor's utility difference becomes a vote (``w`` times the response)."""

    PROPORTIONAL = "prop"
    BINARY = "binary"
    CUBIC = "cubic"
    PROP_BINARY = "propbin"  # 0.8 proportional + 0.2 binary
    PROP_CUBIC = "propcbc"  # 0.5 proportional + 0.5 cubic
    ASYM_PROSPECT = "asymprosp"  # losses count fully, gains two thirds


class VictoryModel(enum.Enum):
    """Victory probability from coalition strengths: ``S^ν`` shares, or Binary (10% decides)."""

    LINEAR = "linear"
    SQUARE = "square"
    QUARTIC = "quartic"
    OCTIC = "octic"
    BINARY = "binary"


class PCEForm(enum.Enum):
    """Probabilistic Condorcet election: one-step conditional or a Markov chain of challenges."""

    CONDITIONAL = "conditional"
    MARKOV_INCENTIVE = "markov_incentive"
    MARKOV_UNIFORM = "markov_uniform"


class RiskRange(enum.Enum):
    """Range of the risk attitudes inferred from the position probabilities."""

    MIN = "min"  # [0, 1]
    MID = "mid"  # [-1/2, 1]
    MAX = "max"  # [-1, 1]


class RiskAdjust(enum.Enum):
    """How actor h estimates actor i's risk attitude from its own and i's."""

    FULL = "full"  # r_i
    TWO_THIRDS = "two_thirds"  # (r_h + 2 r_i)/3
    HALF = "half"  # (r_h + r_i)/2
    ONE_THIRD = "one_third"  # (2 r_h + r_i)/3
    NONE = "none"  # r_h


class ThirdParty(enum.Enum):
    """How far a third party commits its own position when it joins a side."""

    NONE = "none"
    SEMI = "semi"
    FULL = "full"


class Transition(enum.Enum):
    """Which bargain an actor takes: the most probable one, or one drawn by probability."""

    DETERMINISTIC = "deterministic"
    STOCHASTIC = "stochastic"


class Interpolation(enum.Enum):
    """Bargain weights ``s^n P^m``."""

    S1P1 = "s1p1"
    S2P2 = "s2p2"


@dataclass(frozen=True)
class SMPOptions:
    """The model's parameters; defaults are those of KTAB's reference runs."""

    victory: VictoryModel = VictoryModel.LINEAR
    voting: VotingRule = VotingRule.PROPORTIONAL
    pce: PCEForm = PCEForm.CONDITIONAL
    transition: Transition = Transition.DETERMINISTIC
    risk_range: RiskRange = RiskRange.MID
    risk_adjust: RiskAdjust = RiskAdjust.ONE_THIRD
    third_party: ThirdParty = ThirdParty.SEMI
    interpolation: Interpolation = Interpolation.S2P2
    max_turns: int = 100
    min_turns: int = 2
    stop_ratio: float = 0.02


# --------------------------------------------------------------------------- building blocks


def vote(rule: VotingRule, weight: np.ndarray | float, du: np.ndarray) -> np.ndarray:
    """A vote ``w f(Δu)`` for each utility difference ``du`` (KTAB's ``Model::vote``).

    >>> vote(VotingRule.PROPORTIONAL, 2.0, np.array([0.5, -0.25])).tolist()
    [1.0, -0.5]
    >>> vote(VotingRule.ASYM_PROSPECT, 3.0, np.array([0.5, -0.5])).tolist()
    [1.0, -1.5]
    """
    du = np.asarray(du, dtype=float)
    if rule is VotingRule.PROPORTIONAL:
        return weight * du
    binary = np.clip(du / 1e-8, -1.0, 1.0)
    if rule is VotingRule.BINARY:
        return weight * binary
    if rule is VotingRule.CUBIC:
        return weight * du**3
    if rule is VotingRule.PROP_BINARY:
        return weight * (0.8 * du + 0.2 * binary)
    if rule is VotingRule.PROP_CUBIC:
        return weight * (0.5 * du + 0.5 * du**3)
    return np.where(du < 0, weight * du, np.where(du > 0, 2.0 * weight * du / 3.0, 0.0))


def _eye(n: int) -> np.ndarray:
    return np.eye(n, dtype=bool)


def coalitions(votes: np.ndarray) -> np.ndarray:
    """``S[..., i, j] = 10⁻⁸ + Σ_k max(0, v[..., k, i, j])`` (diagonal ``10⁻⁸``); leading
    dimensions are a batch."""
    c = MIN_COALITION + np.maximum(votes, 0.0).sum(axis=-3)
    return np.where(_eye(c.shape[-1]), MIN_COALITION, c)


def victory_probability(c: np.ndarray, model: VictoryModel) -> np.ndarray:
    """``P[..., i, j]``, the probability that option ``i`` beats ``j`` (diagonal 1/2).

    >>> float(victory_probability(np.array([[1e-8, 2.0], [1.0, 1e-8]]), VictoryModel.SQUARE)[0, 1])
    0.8
    """
    ct = np.swapaxes(c, -1, -2)
    if model is VictoryModel.BINARY:
        ratio = c / (c + ct)
        thresh = 1.10
        p = np.where(
            c >= thresh * ct,
            1.0 / (1.0 + 1e-6),
            np.where(
                ct >= thresh * c, 1e-6 / (1.0 + 1e-6), (ratio * (thresh + 1) - 1) / (thresh - 1)
            ),
        )
    else:
        nu = {
            VictoryModel.LINEAR: 1,
            VictoryModel.SQUARE: 2,
            VictoryModel.QUARTIC: 4,
            VictoryModel.OCTIC: 8,
        }[model]
        x1, x2 = c**nu, ct**nu
        p = x1 / (x1 + x2)
    return np.where(_eye(c.shape[-1]), 0.5, p)


def pce(c: np.ndarray, form: PCEForm, victory: VictoryModel) -> np.ndarray:
    """Each option's probability in a probabilistic Condorcet election over coalition strengths
    (``c[..., i, j]``; leading dimensions are a batch).

    >>> c = np.array([[1e-8, 3.0], [1.0, 1e-8]])
    >>> pce(c, PCEForm.CONDITIONAL, VictoryModel.LINEAR).round(4).tolist()
    [0.75, 0.25]
    """
    pv = victory_probability(c, victory)
    n = pv.shape[-1]
    if form is PCEForm.CONDITIONAL:
        p = np.prod(pv, axis=-1)
        return p / p.sum(axis=-1, keepdims=True)
    p = np.full(pv.shape[:-1], 1.0 / n)
    if form is PCEForm.MARKOV_UNIFORM:
        for _ in range(1000):
            q = (pv * (p[..., :, None] + p[..., None, :])).sum(axis=-1) / n
            change = np.abs(q - p).max()
            p = (p + q) / 2.0
            if change <= 1e-6:
                break
        return p
    incentive = c * pv + np.where(_eye(n), 1e-10, 0.0)
    challenge = incentive / incentive.sum(axis=-2, keepdims=True)  # P[i -> j | j favoured]
    for _ in range(1000):
        ct = p[..., :, None] * np.swapaxes(challenge, -1, -2)  # ct[i, j] = p_i P[j -> i]
        q = (pv * (ct + np.swapaxes(ct, -1, -2))).sum(axis=-1)
        change = np.abs(q - p).max()
        p = (p + q) / 2.0
        if change <= 1e-8:
            break
    return p


def salience_distance(x: np.ndarray, s: np.ndarray) -> np.ndarray:
    """``d[i, j]``: salience-weighted distance from ``i``'s ideal to ``j``'s position (0 for an
    actor with no salience)."""
    diff = (x[:, None, :] - x[None, :, :]) * s[:, None, :]
    ss = (s**2).sum(axis=1)
    num = (diff**2).sum(axis=2)
    return np.sqrt(np.divide(num, ss[:, None], out=np.zeros_like(num), where=ss[:, None] > 0))


def _bs_util(d: np.ndarray, r: np.ndarray | float) -> np.ndarray:
    return np.where(d <= 1.0, (1.0 - d) * (1.0 + d * r), (1.0 - d) * (1.0 + r))


def _big_r(p: np.ndarray, rr: RiskRange) -> np.ndarray:
    lo, hi = p.min(), p.max()
    if hi - lo <= 0:
        return np.zeros_like(p)
    if rr is RiskRange.MIN:
        return (p - lo) / (hi - lo)
    if rr is RiskRange.MID:
        return (3 * p - (hi + 2 * lo)) / (2 * (hi - lo))
    return (2 * p - (hi + lo)) / (hi - lo)


def _estimate(rh: np.ndarray, ri: np.ndarray, ra: RiskAdjust) -> np.ndarray:
    if ra is RiskAdjust.FULL:
        return ri + 0 * rh
    if ra is RiskAdjust.TWO_THIRDS:
        return (rh + 2.0 * ri) / 3.0
    if ra is RiskAdjust.HALF:
        return (rh + ri) / 2.0
    if ra is RiskAdjust.ONE_THIRD:
        return (2.0 * rh + ri) / 3.0
    return rh + 0 * ri


# --------------------------------------------------------------------------- one turn


@dataclass(frozen=True)
class _Assessment:
    distance: np.ndarray  # d[i, j]
    probability: np.ndarray  # p_i of each actor's position
    risk: np.ndarray  # R_i
    util: np.ndarray  # util[h, i, j]: h's estimate of i's utility for j's position


def _assess(x: np.ndarray, s: np.ndarray, cap: np.ndarray, o: SMPOptions) -> _Assessment:
    d = salience_distance(x, s)
    value = 1.0 - d  # risk neutral
    votes = vote(o.voting, cap[:, None, None], value[:, :, None] - value[:, None, :])
    p = pce(coalitions(votes), o.pce, o.victory)
    r = _big_r(p, o.risk_range)
    r_hi = _estimate(r[:, None], r[None, :], o.risk_adjust)  # r_hi[h, i]
    util = _bs_util(d[None, :, :], r_hi[:, :, None])
    return _Assessment(d, p, r, util)


def _third_party_votes(
    o: SMPOptions,
    wn: np.ndarray,
    uni: np.ndarray,
    unj: np.ndarray,
    unn: np.ndarray,
    ci: np.ndarray,
    cj: np.ndarray,
) -> np.ndarray:
    contrib = vote(o.voting, wn, uni - unj)
    cni = ci + np.maximum(contrib, 0.0)
    cnj = cj + np.maximum(-contrib, 0.0)
    pin = cni / (cni + cnj)
    pjn = 1.0 - pin
    if o.third_party is ThirdParty.FULL:
        ik_j, j_ik, i_jk, jk_i = 3 * uni, 3 * unj, 3 * uni, 3 * unj
    elif o.third_party is ThirdParty.SEMI:
        ik_j, j_ik, i_jk, jk_i = 2 * uni + unn, 3 * unj, 3 * uni, 2 * unj + unn
    else:
        ik_j, j_ik, i_jk, jk_i = 2 * uni + unn, 2 * unj + unn, 2 * uni + unn, 2 * unj + unn
    u_ik_j = pin * ik_j + pjn * j_ik
    u_i_jk = pin * i_jk + pjn * jk_i
    return vote(o.voting, wn, u_ik_j - u_i_jk)


def _challenge_gains(a: _Assessment, cap: np.ndarray, stot: np.ndarray, o: SMPOptions):
    """For every challenger i and target j, i's own estimate of (P[i wins], gain to i)."""
    n = cap.size
    idx = np.arange(n)
    u = a.util[idx]  # u[i] is util[h=i]
    uii = u[idx, idx, idx][:, None]  # (i, 1)
    uij = u[idx, idx, :]  # (i, j): util[i][i, j]
    uji = u[idx, :, idx]  # (i, j): util[i][j, i]
    ujj = np.diagonal(u, axis1=1, axis2=2)  # (i, j): util[i][j, j]
    w = stot * cap
    ci_v = vote(o.voting, w[:, None], uii - uij)
    cj_v = vote(o.voting, w[None, :], uji - ujj)
    chij = MIN_PRINCIPAL + np.maximum(ci_v, 0) + np.maximum(cj_v, 0)
    chji = MIN_PRINCIPAL + np.maximum(-ci_v, 0) + np.maximum(-cj_v, 0)
    # third parties n: uni = util[i][n, i], unj = util[i][n, j], unn = util[i][n, n]
    uni = uji[:, None, :]  # (i, 1, n): util[i][n, i]
    unj = u.transpose(0, 2, 1)  # (i, j, n): util[i][n, j]
    unn = ujj[:, None, :]  # (i, 1, n): util[i][n, n]
    tp = _third_party_votes(o, w[None, None, :], uni, unj, unn, chij[:, :, None], chji[:, :, None])
    third = (idx[None, None, :] != idx[:, None, None]) & (idx[None, None, :] != idx[None, :, None])
    tp = np.where(third, tp, 0.0)
    chij = chij + np.maximum(tp, 0).sum(axis=2)
    chji = chji + np.maximum(-tp, 0).sum(axis=2)
    phij = chij / (chij + chji)
    sj = stot[None, :]
    u_vict, u_lose = 2 * uii, 2 * uij
    eu = (1 - sj) * u_vict + sj * (phij * u_vict + (1 - phij) * u_lose)
    gain = eu - (uii + uij)
    np.fill_diagonal(gain, -np.inf)
    return phij, gain


def _interpolate(
    xi: np.ndarray,
    si: np.ndarray,
    pi: np.ndarray,
    xj: np.ndarray,
    sj: np.ndarray,
    pj: np.ndarray,
    o: SMPOptions,
) -> tuple[np.ndarray, np.ndarray]:
    """Bargain positions for initiators at ``xi`` and targets at ``xj`` (rows: bargains)."""
    k = 2 if o.interpolation is Interpolation.S2P2 else 1
    wi = si**k * (pi**k)[:, None]
    wj = sj**k * (pj**k)[:, None]
    den = wi + INTERP_EPS + wj
    bi = ((wi + INTERP_EPS) * xi + wj * xj) / den
    bj = (wi * xi + (INTERP_EPS + wj) * xj) / den
    return np.floor(0.5 + bi * 1e4) / 1e4, np.floor(0.5 + bj * 1e4) / 1e4


def _dist_to(x: np.ndarray, s: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``d[a, b]``: salience-weighted distance from actor ``a``'s ideal to point ``b``."""
    num = (((x[:, None, :] - points[None, :, :]) * s[:, None, :]) ** 2).sum(axis=2)
    ss = (s**2).sum(axis=1)[:, None]
    return np.sqrt(np.divide(num, ss, out=np.zeros_like(num), where=ss > 0))


def _turn(
    x: np.ndarray, s: np.ndarray, cap: np.ndarray, o: SMPOptions, rng: np.random.Generator
) -> tuple[np.ndarray, _Assessment]:
    n = cap.size
    stot = s.sum(axis=1)
    a = _assess(x, s, cap, o)
    phij, gain = _challenge_gains(a, cap, stot, o)
    target = gain.argmax(axis=1)
    init = np.flatnonzero(gain[np.arange(n), target] > MIN_GAIN)  # bargains, by initiator
    rcvr = target[init]
    p = phij[init, rcvr]
    pos_i, pos_r = _interpolate(x[init], s[init], p, x[rcvr], s[rcvr], 1.0 - p, o)
    own = a.util[np.arange(n), np.arange(n), :]  # own[k, m] = util[k][k, m]
    own_sum = own.sum(axis=1)
    u_init = _bs_util(_dist_to(x, s, pos_i), a.risk[:, None])
    u_rcvr = _bs_util(_dist_to(x, s, pos_r), a.risk[:, None])
    value = (u_init + u_rcvr + own_sum[:, None] - own[:, init] - own[:, rcvr]) / n  # (n, nb)
    value = np.concatenate([value, (own_sum / n)[:, None]], axis=1)  # last column: status quo
    sq = value.shape[1] - 1
    # each actor's queue in the order KTAB fills it when run serially: bargains by initiator,
    # the actor's status quo just before its own bargain
    queues: list[list[int]] = []
    for k in range(n):
        q = [b for b in range(init.size) if init[b] < k and rcvr[b] == k] + [sq]
        q += [b for b in range(init.size) if init[b] == k]
        q += [b for b in range(init.size) if init[b] > k and rcvr[b] == k]
        queues.append(q)
    new = x.copy()
    by_size: dict[int, list[int]] = {}
    for k, q in enumerate(queues):
        if len(q) > 1:
            by_size.setdefault(len(q), []).append(k)
    for m, ks in by_size.items():
        cols = np.array([queues[k] for k in ks])  # (K, m)
        u = value[:, cols].transpose(1, 0, 2)  # (K, n, m)
        votes = vote(o.voting, cap[None, :, None, None], u[:, :, :, None] - u[:, :, None, :])
        prob = pce(coalitions(votes), o.pce, o.victory)  # (K, m)
        for row, k in enumerate(ks):
            if o.transition is Transition.DETERMINISTIC:
                pick = int(np.argmax(prob[row]))
            else:
                pick = int(rng.choice(m, p=prob[row] / prob[row].sum()))
            b = cols[row, pick]
            if b != sq:
                new[k] = pos_i[b] if init[b] == k else pos_r[b]
    return new, a


# --------------------------------------------------------------------------- entry point


@dataclass(frozen=True)
class SMPResult:
    """A run of the spatial model: positions after every turn (on the input's scales)."""

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    history: np.ndarray  # (turns + 1, n, d)
    probabilities: np.ndarray  # (turns + 1, n): each actor position's PCE probability
    converged: bool
    seed: int | None
    options: SMPOptions = field(default_factory=SMPOptions)

    @property
    def turns(self) -> int:
        return int(self.history.shape[0] - 1)

    @property
    def final_positions(self) -> np.ndarray:
        return self.history[-1]

    @property
    def forecast(self) -> tuple[float, ...]:
        """The most probable position after the last turn: actors holding the same position pool
        their probability (ties: the mean of the tied positions)."""
        final = np.round(self.history[-1], 9)
        unique, inverse = np.unique(final, axis=0, return_inverse=True)
        pooled = np.bincount(inverse.reshape(-1), weights=self.probabilities[-1])
        top = np.isclose(pooled, pooled.max(), rtol=1e-9, atol=1e-12)
        return tuple(float(v) for v in unique[top].mean(axis=0))

    def reading(self) -> str:
        how = (
            f"settles after {self.turns} turns"
            if self.converged
            else (f"is still moving after {self.turns} turns")
        )
        where = "; ".join(
            f"{v:.4g} on {d}" for d, v in zip(self.dimensions, self.forecast, strict=True)
        )
        return f"The spatial model {how} with its most likely position at {where}."


def smp(inp: BargainingInput, options: SMPOptions | None = None, *, seed: Seed = None) -> SMPResult:
    """Run the spatial model of politics on ``inp`` until the stopping rule holds."""
    o = options or SMPOptions()
    s = np.asarray(inp.salience, dtype=float)
    if (s.sum(axis=1) > 1.0 + 1e-9).any():
        i = int(np.argmax(s.sum(axis=1) > 1.0 + 1e-9))
        raise ModelInputError(
            f"salience: actor {inp.actors[i]}'s saliences sum to {s[i].sum():g} over the "
            "dimensions; the spatial model needs at most 1 (run the dimensions one at a time "
            "or rescale them)"
        )
    keep = inp.capability > 0
    if not keep.all():  # a powerless actor casts no vote and draws no bargain in KTAB's terms
        kept = inp.subset(np.flatnonzero(keep))
        res = smp(kept, o, seed=seed)
        n, d = inp.n_actors, inp.n_dimensions
        hist = np.repeat(inp.position[None, :, :], res.history.shape[0], axis=0).copy()
        hist[:, keep, :] = res.history
        probs = np.zeros((res.history.shape[0], n))
        probs[:, keep] = res.probabilities
        return SMPResult(
            inp.actors, inp.dimensions, hist.reshape(-1, n, d), probs, res.converged, res.seed, o
        )
    rng, recorded = normalise_seed(seed)
    lo, width = inp.scale[:, 0], inp.scale[:, 1] - inp.scale[:, 0]
    x = (inp.position - lo) / width
    cap = np.asarray(inp.capability, dtype=float)
    history = [x]
    probs: list[np.ndarray] = []
    first = None
    converged = False
    for turn in range(1, o.max_turns + 1):
        new, a = _turn(history[-1], s, cap, o, rng)
        probs.append(a.probability)
        history.append(new)
        step = float(np.linalg.norm(new - history[-2], axis=1).sum())
        if first is None:
            first = step + 1e-4
        if turn >= o.min_turns and step / first < o.stop_ratio:
            converged = True
            break
    probs.append(_assess(history[-1], s, cap, o).probability)
    hist = np.array(history) * width + lo
    return SMPResult(inp.actors, inp.dimensions, hist, np.array(probs), converged, recorded, o)
