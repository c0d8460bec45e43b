"""Bueno de Mesquita's expected-utility ("group decision") model as Scholz, Calbert & Smith (2011)
specify it.

On one issue dimension each actor ``i`` has a capability ``c_i``, a position ``x_i`` and a
salience ``s_i ∈ [0, 1]``; ``R`` is the width of the issue scale. In a round every actor weighs
the offers the others would make it and all actors move at once.

* **Votes.** Voter ``k`` between positions ``a`` and ``b``, with risk exponent ``r_k``:
  ``v_k(a, b) = c_k s_k [(|x_k − b| / R)^{r_k} − (|x_k − a| / R)^{r_k}]`` (positive: ``k``
  prefers ``a``).
* **The median** is the weighted Condorcet winner among the actors' positions (votes with
  ``r = 1``); in one dimension that is a weighted median of the positions with weights
  ``c s`` (:func:`blocs.models.bargaining.baselines.weighted_median`). **The mean** is
  ``Σ c s x / Σ c s``.
* **Probability that i prevails over j**:
  ``P_ij = Σ_k max(0, v_k(x_i, x_j)) / D`` where ``D`` is, by default, the sum of ``|v_k(a, b)|``
  over every voter and **every ordered pair of actors** (``ProbabilityForm.ALL_PAIRS``, the
  replication's form), or ``Σ_k |v_k(x_i, x_j)|`` for this pair only
  (``ProbabilityForm.PER_PAIR``, so that ``P_ij + P_ji = 1``).
* **Utilities**, from the viewpoint of an actor with exponent ``r`` and ``d = |x_i − x_j| / R``:
  ``U_s = 2 − 4(0.5 − 0.5 d)^r``, ``U_f = 2 − 4(0.5 + 0.5 d)^r``, ``U_sq = 2 − 4 (0.5)^r``,
  ``U_b = 2 − 4(0.5 − 0.25 (|x_i − μ| + |x_i − x_j|) / R)^r`` and ``U_w`` the same with ``+``,
  ``μ`` the median at the start of the round.
* **Expected utility to i of challenging j**:
  ``EU_i(Δx_ij) = s_j [P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s − Q U_sq
  − (1 − Q)[T U_b + (1 − T) U_w]`` (``s_j``: the chance that ``j`` resists).
* **Risk exponents.** With every exponent 1, actor ``i``'s danger is
  ``D_i = Σ_{k≠i} EU_k(Δx_ki)``; ``R_i = (2 D_i − D_max − D_min) / (D_max − D_min)`` and
  ``r_i = (1 − R_i / 3) / (1 + R_i / 3) ∈ [0.5, 2]`` (all 1 when every danger is equal). The
  offers are then valued with ``r_i`` from receiver ``i``'s viewpoint for both sides, and the
  votes inside ``P`` with each voter's own exponent.
* **Offers** to receiver ``i`` from each ``j`` at another position, with ``e_i = EU_i(Δx_ij)``
  and ``e_j = EU_j(Δx_ji)``: *confrontation* (``e_j > e_i > 0``: ``i`` moves to ``x_j``),
  *compromise* (``e_j > 0 > e_i`` and ``e_j > |e_i|``: ``i`` moves to
  ``x_i + (x_j − x_i)|e_i / e_j|``), *capitulation* (``e_j > 0 > e_i`` and ``e_j < |e_i|``:
  ``i`` moves to ``x_j``). ``i`` takes the confrontation that moves it least, else a
  compromise, else the capitulation that moves it least; ties go to the first actor in input
  order. All actors move at once.

The ambiguities are named options (:class:`BDMOptions`); the defaults are the choices of the
replication that reproduces Scholz's log (jmckib/bdm-scholz-expected-utility-model, file
``bdm_scholz_model.py``, whose commit e9d86feb says it matches Scholz's original code for ten
rounds):

* ``probability``: ``ALL_PAIRS`` (default). The replication's comment in ``probability()`` argues
  that BDM meant the per-pair form but that it makes actors confront each other almost
  constantly; the all-pairs denominator makes every ``P`` small.
* ``compromise_key``: ``WEIGHTED_POSITION`` (default): among compromises take the smallest
  EU-weighted average ``(|e_i| x_i + |e_j| x_j) / (|e_i| + |e_j|)``. The replication's comment in
  ``best_offer()`` calls this faithful to Scholz's code but a mistake, since the paper and BDM say
  the actor takes the offer that moves it least (``SMALLEST_MOVE``); it is what sends Belgium to
  the Netherlands in round 4 of the example.
* ``capitulation``: ``REPLICATION`` (default) keeps the replication's test
  ``e_j < |e_j|``, which is never true, so capitulations never happen; ``BDM`` uses the stated
  test ``e_j < |e_i|``. (On the example both give the same log: no capitulation offer arises.)
* ``q`` and ``t``: ``Q = 1`` (default, both replications) makes ``T``, ``U_b`` and ``U_w`` drop
  out. (dmasad/BDM_DecisionModel_Replication subtracts ``Q U_sq − (1 − Q)(…)``, a sign error
  harmless only at ``Q = 1``; this module subtracts both terms.)
* ``forecast``: the model's forecast is the ``MEDIAN`` after the last round (default; BDM's
  forecast is the median voter's position) or the ``MEAN``.

Not exposed: the replication's comment in ``risk_acceptance()`` suggests BDM meant to compare an
actor's danger across its own possible positions rather than across actors; this module follows
the replication (across actors).

``R`` is the width of the input's scale; for a file in the BDM layout (no scale) the scale is
the range of the initial positions, as in the replication.

Examples
--------
The EC emission-standards example of Scholz et al. (2011), first round:

>>> from blocs.models.bargaining import BargainingInput
>>> inp = BargainingInput.from_arrays(
...     ["NL", "BE", "LU", "DE", "FR", "IT", "UK", "IE", "DK", "GR"],
...     capability=[.08, .08, .03, .16, .16, .16, .16, .05, .05, .08],
...     position=[[4], [7], [4], [4], [10], [10], [10], [7], [4], [7]],
...     salience=[[.8], [.4], [.2], [.8], [.6], [.6], [.9], [.1], [1.], [.7]])
>>> run = bdm(inp, rounds=1).runs[0]
>>> run.initial_median, round(run.initial_mean, 6)
(7.0, 7.389956)
>>> for m in run.rounds[0].moves:
...     print(m.actor, m.kind.value, m.partner, round(m.new_position, 6))
BE compromise FR 8.415932
LU confrontation BE 7.0
IE confrontation LU 4.0
>>> run.rounds[0].reading()
'In round 1 three actors moved (BE, LU, IE) and the mean position went to 7.461.'

References
----------
Scholz, J. B., Calbert, G. J., & Smith, G. A. (2011). Unravelling Bueno De Mesquita's group
decision model. *Journal of Theoretical Politics*, 23(4), 510–531.
https://doi.org/10.1177/0951629811418142

Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method. In B. Bueno de
Mesquita & F. N. Stokman (Eds.), *European Community Decision Making* (pp. 71–104). Yale UP.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.bargaining.baselines import weighted_mean_1d, weighted_median_1d
from blocs.models.bargaining.inputs import BargainingInput

__all__ = [
    "BDMOptions",
    "BDMResult",
    "BDMRound",
    "BDMRun",
    "CapitulationTest",
    "CompromiseKey",
    "Forecast",
    "Move",
    "OfferKind",
    "ProbabilityForm",
    "bdm",
    "bdm_issue",
    "bdm_round",
    "challenge_utilities",
    "prevail_probability",
    "risk_exponents",
    "votes",
]


class ProbabilityForm(enum.Enum):
    """Denominator of the probability of prevailing (see the module docstring)."""

    ALL_PAIRS = "all_pairs"
    PER_PAIR = "per_pair"


class CompromiseKey(enum.Enum):
    """How a receiver ranks compromise offers."""

    WEIGHTED_POSITION = "weighted_position"
    SMALLEST_MOVE = "smallest_move"


class CapitulationTest(enum.Enum):
    """The capitulation test: the replication's (never true) or BDM's stated one."""

    REPLICATION = "replication"
    BDM = "bdm"


class Forecast(enum.Enum):
    """Which summary of the final positions is the forecast."""

    MEDIAN = "median"
    MEAN = "mean"


class OfferKind(enum.Enum):
    """The three kinds of accepted offer."""

    CONFRONTATION = "confrontation"
    COMPROMISE = "compromise"
    CAPITULATION = "capitulation"


_KIND_CODES = (OfferKind.CONFRONTATION, OfferKind.COMPROMISE, OfferKind.CAPITULATION)


@dataclass(frozen=True)
class BDMOptions:
    """The model's open choices, defaulting to the replication that reproduces Scholz's log."""

    probability: ProbabilityForm = ProbabilityForm.ALL_PAIRS
    compromise_key: CompromiseKey = CompromiseKey.WEIGHTED_POSITION
    capitulation: CapitulationTest = CapitulationTest.REPLICATION
    q: float = 1.0
    t: float = 1.0
    forecast: Forecast = Forecast.MEDIAN

    def __post_init__(self) -> None:
        for name in ("q", "t"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ModelInputError(
                    f"BDM option {name}: {value:g} is not a probability in [0, 1]"
                )


# --------------------------------------------------------------------------- vectorised core


def votes(x: np.ndarray, weight: np.ndarray, r: np.ndarray, width: float) -> np.ndarray:
    """``v[k, a, b]``: voter ``k``'s vote for actor ``a``'s position over actor ``b``'s.

    ``weight`` is ``c s`` per voter, ``r`` the voters' exponents, ``width`` the scale's ``R``.

    >>> v = votes(np.array([0.0, 1.0]), np.array([1.0, 1.0]), np.ones(2), 1.0)
    >>> v[0].tolist()  # voter 0 prefers its own position by 1
    [[0.0, 1.0], [-1.0, 0.0]]
    """
    return _votes(np.abs(x[:, None] - x[None, :]) / width, weight, r)


def _votes(d: np.ndarray, weight: np.ndarray, r: np.ndarray | None) -> np.ndarray:
    dist = d if r is None else d ** r[:, None]  # dist[k, a]; r None means every exponent 1
    return weight[:, None, None] * (dist[:, None, :] - dist[:, :, None])


def prevail_probability(v: np.ndarray, form: ProbabilityForm) -> np.ndarray:
    """``P[i, j]``, the probability that ``i``'s position prevails over ``j``'s, from votes."""
    support = np.maximum(v, 0.0).sum(axis=0)
    if form is ProbabilityForm.ALL_PAIRS:
        total = np.abs(v).sum()
        return support / total if total > 0 else np.zeros_like(support)
    pair = support + support.T
    return np.divide(support, pair, out=np.zeros_like(support), where=pair > 0)


def _utilities(
    d: np.ndarray, r: np.ndarray | float
) -> tuple[np.ndarray, np.ndarray, np.ndarray | float]:
    if isinstance(r, float) and r == 1.0:
        return 2.0 * d, -2.0 * d, 0.0  # U_s, U_f, U_sq at r = 1
    return 2.0 - 4.0 * (0.5 - 0.5 * d) ** r, 2.0 - 4.0 * (0.5 + 0.5 * d) ** r, 2.0 - 4.0 * 0.5**r


def _status_quo_terms(
    x: np.ndarray,
    d: np.ndarray,
    width: float,
    r: np.ndarray | float,
    q: float,
    t: float,
    median: float,
) -> np.ndarray | float:
    if q >= 1.0:
        return 0.0
    spread = 0.25 * (np.abs(x - median)[:, None] / width + d)
    u_b = 2.0 - 4.0 * (0.5 - spread) ** r
    u_w = 2.0 - 4.0 * (0.5 + spread) ** r
    return (1.0 - q) * (t * u_b + (1.0 - t) * u_w)


def challenge_utilities(
    p: np.ndarray,
    x: np.ndarray,
    s: np.ndarray,
    width: float,
    r: np.ndarray | float,
    q: float = 1.0,
    t: float = 1.0,
    median: float = 0.0,
) -> np.ndarray:
    """``EU[i, j]``: expected utility to ``i`` of challenging ``j``, valued with exponent ``r``
    (a scalar or an array broadcasting to ``(n, n)``: ``r[:, None]`` values each row with the
    challenger's exponent, ``r[None, :]`` with the target's)."""
    d = np.abs(x[:, None] - x[None, :]) / width
    u_s, u_f, u_sq = _utilities(d, r)
    eu = s[None, :] * (p * u_s + (1.0 - p) * u_f) + (1.0 - s[None, :]) * u_s - q * u_sq
    return eu - _status_quo_terms(x, d, width, r, q, t, median)


def _risk(
    x: np.ndarray,
    d: np.ndarray,
    w: np.ndarray,
    s: np.ndarray,
    width: float,
    options: BDMOptions,
    median: float,
) -> np.ndarray:
    n = x.size
    p = prevail_probability(_votes(d, w, None), options.probability)
    u_s, u_f, u_sq = _utilities(d, 1.0)
    eu = s[None, :] * (p * u_s + (1.0 - p) * u_f) + (1.0 - s[None, :]) * u_s - options.q * u_sq
    eu = eu - _status_quo_terms(x, d, width, 1.0, options.q, options.t, median)
    danger = eu.sum(axis=0) - eu.diagonal()
    lo, hi = danger.min(), danger.max()
    if hi == lo:
        return np.ones(n)
    big_r = (2.0 * danger - hi - lo) / (hi - lo)
    return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


def risk_exponents(
    x: np.ndarray, weight: np.ndarray, s: np.ndarray, width: float, options: BDMOptions
) -> np.ndarray:
    """Each actor's risk exponent ``r_i ∈ [0.5, 2]`` from the danger levels (all exponents 1)."""
    d = np.abs(x[:, None] - x[None, :]) / width
    med = weighted_median_1d(x, weight) if options.q < 1.0 else 0.0
    return _risk(x, d, weight, s, width, options, med)


@dataclass(frozen=True)
class _Step:
    position: np.ndarray
    risk: np.ndarray
    kind: np.ndarray  # -1 no move, else index into _KIND_CODES
    partner: np.ndarray
    eu_self: np.ndarray
    eu_other: np.ndarray


def _step(x: np.ndarray, w: np.ndarray, s: np.ndarray, width: float, options: BDMOptions) -> _Step:
    n = x.size
    diff = x[None, :] - x[:, None]  # diff[i, j] = x_j - x_i
    d = np.abs(diff) / width
    med = weighted_median_1d(x, w) if options.q < 1.0 else 0.0
    r = _risk(x, d, w, s, width, options, med)
    p = prevail_probability(_votes(d, w, r), options.probability)
    # every utility valued with the receiver's exponent r_i (row i)
    ri = r[:, None]
    u_s, u_f, u_sq = _utilities(d, ri)
    q = options.q
    e_i = s[None, :] * (p * u_s + (1.0 - p) * u_f) + (1.0 - s[None, :]) * u_s - q * u_sq
    pt = p.T
    e_j = s[:, None] * (pt * u_s + (1.0 - pt) * u_f) + (1.0 - s[:, None]) * u_s - q * u_sq
    if q < 1.0:
        e_i = e_i - _status_quo_terms(x, d, width, ri, q, options.t, med)
        e_j = e_j - _status_quo_terms(x, d, width, r[None, :], q, options.t, med).T
    other = diff != 0.0
    conf = other & (e_j > e_i) & (e_i > 0)
    opposed = other & (e_j > 0) & (e_i < 0)
    ae_i, ae_j = np.abs(e_i), np.abs(e_j)
    comp = opposed & (e_j > ae_i)
    if options.capitulation is CapitulationTest.BDM:
        capit = opposed & (e_j < ae_i)
    else:
        capit = opposed & (e_j < ae_j)
    share = np.divide(ae_i, e_j, out=np.zeros_like(e_i), where=comp)
    comp_pos = x[:, None] + diff * share
    move = np.abs(diff)
    if options.compromise_key is CompromiseKey.WEIGHTED_POSITION:
        total = ae_i + ae_j
        weighted = ae_i * x[:, None] + ae_j * x[None, :]
        comp_rank = np.divide(weighted, total, out=np.zeros_like(total), where=comp)
    else:
        comp_rank = move * share
    inf = np.inf
    best_conf = np.where(conf, move, inf).argmin(axis=1)
    best_comp = np.where(comp, comp_rank, inf).argmin(axis=1)
    best_cap = np.where(capit, move, inf).argmin(axis=1)
    has_conf, has_comp, has_cap = conf.any(axis=1), comp.any(axis=1), capit.any(axis=1)
    rows = np.arange(n)
    kind = np.where(has_conf, 0, np.where(has_comp, 1, np.where(has_cap, 2, -1)))
    partner = np.where(has_conf, best_conf, np.where(has_comp, best_comp, best_cap))
    new_x = np.where(kind == 1, comp_pos[rows, partner], np.where(kind >= 0, x[partner], x))
    partner = np.where(kind >= 0, partner, -1)
    return _Step(new_x, r, kind, partner, e_i[rows, partner], e_j[rows, partner])


def bdm_round(
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    width: float,
    options: BDMOptions | None = None,
) -> np.ndarray:
    """The positions after one round of simultaneous moves (one dimension).

    >>> new = bdm_round(np.array([0.0, 1.0]), np.array([1.0, 1.0]), np.array([1.0, 0.1]), 1.0)
    >>> [round(float(v), 6) for v in new]
    [0.0, 0.620819]
    """
    x = np.asarray(position, dtype=float)
    c = np.asarray(capability, dtype=float)
    s = np.asarray(salience, dtype=float)
    return _step(x, c * s, s, float(width), options or BDMOptions()).position


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Move:
    """One actor's accepted offer in a round: from whom, of which kind, and where it moved."""

    actor: str
    kind: OfferKind
    partner: str
    eu_actor: float
    eu_partner: float
    old_position: float
    new_position: float

    def reading(self) -> str:
        verb = {
            OfferKind.CONFRONTATION: "loses a confrontation to",
            OfferKind.COMPROMISE: "compromises with",
            OfferKind.CAPITULATION: "capitulates to",
        }[self.kind]
        return (
            f"{self.actor} {verb} {self.partner} and moves from {self.old_position:.4g} to "
            f"{self.new_position:.4g}."
        )


_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count(n: int, noun: str) -> str:
    word = _COUNT_WORDS[n] if n < len(_COUNT_WORDS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class BDMRound:
    """One round: each actor's risk exponent, the moves, the positions, mean and median after."""

    number: int
    risk: tuple[float, ...]
    moves: tuple[Move, ...]
    positions: tuple[float, ...]
    mean: float
    median: float

    def reading(self) -> str:
        if not self.moves:
            return (
                f"In round {self.number} no actor moved; the mean position stays {self.mean:.4g}."
            )
        names = ", ".join(m.actor for m in self.moves)
        verb = "moved"
        return (
            f"In round {self.number} {_count(len(self.moves), 'actor')} {verb} ({names}) and "
            f"the mean position went to {self.mean:.4g}."
        )


@dataclass(frozen=True)
class BDMRun:
    """The BDM model on one issue dimension, round by round."""

    dimension: str
    actors: tuple[str, ...]
    initial_positions: tuple[float, ...]
    initial_mean: float
    initial_median: float
    rounds: tuple[BDMRound, ...]
    forecast: float
    stable: bool
    options: BDMOptions = field(default_factory=BDMOptions)

    @property
    def final_positions(self) -> tuple[float, ...]:
        return self.rounds[-1].positions if self.rounds else self.initial_positions

    def reading(self) -> str:
        how = (
            "no actor moves any more"
            if self.stable
            else f"actors were still moving after {len(self.rounds)} rounds"
        )
        return (
            f"On {self.dimension} the expected-utility model forecasts {self.forecast:.4g} "
            f"(the {self.options.forecast.value} after {len(self.rounds)} rounds, from a "
            f"median of {self.initial_median:.4g}); {how}."
        )


@dataclass(frozen=True)
class BDMResult:
    """The BDM model on every dimension of an input (dimensions are bargained separately)."""

    runs: tuple[BDMRun, ...]

    @property
    def forecast(self) -> tuple[float, ...]:
        return tuple(run.forecast for run in self.runs)

    def reading(self) -> str:
        parts = "; ".join(f"{r.dimension} {r.forecast:.4g}" for r in self.runs)
        return f"The expected-utility model forecasts {parts}."


# --------------------------------------------------------------------------- entry points


def bdm_issue(
    actors: tuple[str, ...],
    position: np.ndarray,
    capability: np.ndarray,
    salience: np.ndarray,
    width: float,
    *,
    rounds: int = 10,
    options: BDMOptions | None = None,
    dimension: str = "issue",
) -> BDMRun:
    """Run the model on one dimension for up to ``rounds`` rounds (it stops early, exactly, once
    no actor moves: the model is deterministic, so later rounds would repeat)."""
    opts = options or BDMOptions()
    if rounds < 0:
        raise ModelInputError(f"rounds: {rounds} is negative")
    if not width > 0:
        raise ModelInputError(f"scale: the width of {dimension} must be positive, got {width:g}")
    x = np.asarray(position, dtype=float).copy()
    c = np.asarray(capability, dtype=float)
    s = np.asarray(salience, dtype=float)
    w = c * s
    initial = tuple(float(v) for v in x)
    mean0, med0 = weighted_mean_1d(x, w), weighted_median_1d(x, w)
    out: list[BDMRound] = []
    stable = False
    for number in range(1, rounds + 1):
        step = _step(x, w, s, width, opts)
        moves = tuple(
            Move(
                actors[i],
                _KIND_CODES[int(step.kind[i])],
                actors[int(step.partner[i])],
                float(step.eu_self[i]),
                float(step.eu_other[i]),
                float(x[i]),
                float(step.position[i]),
            )
            for i in np.flatnonzero(step.kind >= 0)
        )
        moved = not np.array_equal(step.position, x)
        x = step.position
        out.append(
            BDMRound(
                number,
                tuple(float(v) for v in step.risk),
                moves,
                tuple(float(v) for v in x),
                weighted_mean_1d(x, w),
                weighted_median_1d(x, w),
            )
        )
        if not moved:
            stable = True
            break
    last_mean = out[-1].mean if out else mean0
    last_median = out[-1].median if out else med0
    forecast = last_median if opts.forecast is Forecast.MEDIAN else last_mean
    return BDMRun(
        dimension, tuple(actors), initial, mean0, med0, tuple(out), forecast, stable, opts
    )


def bdm(inp: BargainingInput, *, rounds: int = 10, options: BDMOptions | None = None) -> BDMResult:
    """The BDM model on every dimension of ``inp`` (each dimension bargained on its own)."""
    runs = []
    for k, name in enumerate(inp.dimensions):
        lo, hi = inp.scale[k]
        runs.append(
            bdm_issue(
                inp.actors,
                inp.position[:, k],
                inp.capability,
                inp.salience[:, k],
                float(hi - lo),
                rounds=rounds,
                options=options,
                dimension=name,
            )
        )
    return BDMResult(tuple(runs))
