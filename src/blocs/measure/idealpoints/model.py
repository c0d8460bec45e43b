"""Dynamic ordered-probit ideal points: the estimator on plain arrays.

One latent position :math:`\\theta_k` per *unit* (a state in one period), one discrimination
:math:`\\beta_j` and two cutpoints :math:`\\gamma_{1j} < \\gamma_{2j}` per item (a roll call, or
several roll calls sharing parameters). A vote :math:`y_{kj}` in {1 yes, 2 abstain, 3 no} is

.. math::

    y^*_{kj} = \\beta_j \\theta_k + \\varepsilon_{kj},\\quad \\varepsilon \\sim N(0, 1),\\qquad
    y = 1 \\text{ if } y^* < \\gamma_{1j},\\ 2 \\text{ if } \\gamma_{1j} \\le y^* < \\gamma_{2j},
    \\ 3 \\text{ otherwise},

the likelihood of Bailey, Strezhnev & Voeten (2017). A state's positions in successive periods
are tied by a Gaussian random walk, :math:`\\theta_{i,t} \\sim N(\\theta_{i,s}, \\omega^2 (t - s))`
for the state's previous observed period :math:`s`, and every :math:`\\theta` also has a
:math:`N(0, 1)` prior that keeps states with unanimous or near-unanimous records finite.
Priors on the items: :math:`\\beta_j \\sim N(0, \\sigma_\\beta^2)`,
:math:`\\gamma_{1j} \\sim N(0, \\sigma_\\gamma^2)` and, with :math:`\\gamma_{2j} = \\gamma_{1j} +
e^{g_j}`, :math:`g_j \\sim N(0, \\sigma_g^2)`.

Estimation is the joint posterior mode (MAP) by L-BFGS-B with the analytic gradient
accumulated over the observations with ``numpy.bincount``: the cost of one evaluation is linear
in the number of votes and no dense matrix is formed. The start is a per-period principal
component of the vote matrix, oriented period after period (by the anchor where it voted,
otherwise by the correlation with the previous period over the states the two share); a start
near zero can converge to an optimum in which some periods are mirrored.

Standard errors are Laplace approximations conditional on the item estimates: the Hessian of
the negative log posterior in :math:`\\theta` is tridiagonal within each state (the votes'
observed information on the diagonal, the random walk off it), and the diagonal of its inverse
is taken by one forward and one backward sweep.

Identification: after the fit the positions are standardised to mean 0 and standard deviation
1 over all units (which fixes location and scale, as BSV do), the item parameters are mapped
accordingly, and the sign is chosen so that the anchor's mean position is positive.

Examples
--------
>>> from blocs.measure.idealpoints.model import simulate_roll_calls, fit_dynamic_ordinal
>>> sim = simulate_roll_calls(n_states=40, n_periods=3, items_per_period=40, seed=1)
>>> fit = fit_dynamic_ordinal(sim.data, anchor=0)
>>> bool(fit.converged), bool(np.corrcoef(fit.theta, sim.theta)[0, 1] > 0.95)
(True, True)

References
----------
Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State Preferences from
United Nations Voting Data. Journal of Conflict Resolution 61(2): 430–456.

Martin, A. D. & Quinn, K. M. (2002). Dynamic Ideal Point Estimation via Markov Chain Monte Carlo
for the U.S. Supreme Court, 1953–1999. Political Analysis 10(2): 134–153.

Imai, K., Lo, J. & Olmsted, J. (2016). Fast Estimation of Ideal Points with Massive Data.
American Political Science Review 110(4): 631–656.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, special

from blocs.errors import ModelInputError
from blocs.seeding import Seed, normalise_seed

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)


@dataclass(frozen=True)
class RollCallData:
    """Votes as observation arrays (no dense matrix).

    ``unit``, ``item`` and ``vote`` have one entry per vote cast: the unit (state-period)
    index, the item index and the vote (1 yes, 2 abstain, 3 no). ``unit_state`` and
    ``unit_period`` give each unit's state index and period number; units must be sorted by
    state, then period (use :func:`make_roll_call_data`). A state that did not vote on an item
    simply has no entry: missing is never an abstention.
    """

    unit: np.ndarray
    item: np.ndarray
    vote: np.ndarray
    unit_state: np.ndarray
    unit_period: np.ndarray
    n_items: int

    @property
    def n_units(self) -> int:
        """Number of state-periods."""
        return int(self.unit_state.size)

    @property
    def n_obs(self) -> int:
        """Number of votes cast."""
        return int(self.vote.size)

    def votes_per_unit(self) -> np.ndarray:
        """How many votes each unit cast."""
        return np.bincount(self.unit, minlength=self.n_units)


def make_roll_call_data(
    state: np.ndarray, period: np.ndarray, item: np.ndarray, vote: np.ndarray
) -> tuple[RollCallData, np.ndarray, np.ndarray]:
    """Index votes given by (state id, period, item id, vote) into :class:`RollCallData`.

    Returns the data and the labels of its units (``(state id, period)`` pairs, as two arrays)
    and of its items (the item ids, sorted).

    Raises
    ------
    ModelInputError
        For a vote outside {1, 2, 3}, arrays of different lengths, or no votes at all.

    Examples
    --------
    >>> d, (st, pe), items = make_roll_call_data(
    ...     np.array([7, 7, 3]), np.array([2, 1, 1]), np.array([10, 11, 10]), np.array([1, 3, 2]))
    >>> st.tolist(), pe.tolist(), d.unit.tolist(), d.item.tolist()
    ([3, 7, 7], [1, 1, 2], [2, 1, 0], [0, 1, 0])
    """
    arrays = [np.asarray(a) for a in (state, period, item, vote)]
    if len({a.size for a in arrays}) != 1:
        raise ModelInputError("state, period, item and vote must have the same length")
    state, period, item, vote = arrays
    if vote.size == 0:
        raise ModelInputError("there are no votes to scale")
    bad = ~np.isin(vote, (1, 2, 3))
    if bad.any():
        raise ModelInputError(
            f"{int(bad.sum())} vote(s) are not 1 (yes), 2 (abstain) or 3 (no),"
            f" e.g. {vote[bad][0]!r}"
        )
    pairs = np.stack([state.astype(np.int64), period.astype(np.int64)], axis=1)
    keys, unit = np.unique(pairs, axis=0, return_inverse=True)  # sorted by state, then period
    items, item_idx = np.unique(item, return_inverse=True)
    data = RollCallData(
        unit=unit.ravel().astype(np.int64),
        item=item_idx.ravel().astype(np.int64),
        vote=vote.astype(np.int8),
        unit_state=keys[:, 0],
        unit_period=keys[:, 1],
        n_items=int(items.size),
    )
    return data, (keys[:, 0], keys[:, 1]), items


@dataclass(frozen=True)
class Priors:
    """Prior scales of the model (defaults as in the module docstring).

    ``omega`` is the random walk's standard deviation per period; ``theta_sd`` the sd of the
    N(0, sd²) prior on every position (``None`` drops it: Martin–Quinn style, which lets
    perfectly separated blocs drift outward); ``beta_sd``, ``cut_sd`` and ``gap_sd`` those of
    the discrimination, the first cutpoint and the log distance between the cutpoints.
    """

    omega: float = 0.5
    theta_sd: float | None = 1.0
    beta_sd: float = 2.0
    cut_sd: float = 5.0
    gap_sd: float = 2.0

    def __post_init__(self) -> None:
        for name in ("omega", "beta_sd", "cut_sd", "gap_sd"):
            if not getattr(self, name) > 0:
                raise ModelInputError(f"prior {name} must be positive, got {getattr(self, name)}")
        if self.theta_sd is not None and not self.theta_sd > 0:
            raise ModelInputError(f"prior theta_sd must be positive, got {self.theta_sd}")


@dataclass(frozen=True)
class DynamicOrdinalFit:
    """The fitted model: positions with standard errors, item parameters, convergence record.

    ``theta`` and ``se`` are on the identified scale (mean 0, sd 1 over units, anchor positive);
    ``beta``, ``cut1`` and ``cut2`` on the same scale (``beta * theta`` unchanged up to the
    shift absorbed by the cutpoints). ``flipped`` says whether the sign was reversed to put the
    anchor on the positive side.
    """

    theta: np.ndarray = field(repr=False)
    se: np.ndarray = field(repr=False)
    beta: np.ndarray = field(repr=False)
    cut1: np.ndarray = field(repr=False)
    cut2: np.ndarray = field(repr=False)
    log_posterior: float
    iterations: int
    evaluations: int
    converged: bool
    message: str
    priors: Priors
    anchor: int | None
    flipped: bool
    seed: int | None = None


def _start_values(
    data: RollCallData, anchor: int | None, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-period first principal components, oriented period by period; item start values."""
    theta = np.zeros(data.n_units)
    periods = np.unique(data.unit_period)
    obs_period = data.unit_period[data.unit]
    prev: dict[int, float] = {}
    for p in periods:
        sel = obs_period == p
        units, u_idx = np.unique(data.unit[sel], return_inverse=True)
        items, i_idx = np.unique(data.item[sel], return_inverse=True)
        grid = np.zeros((units.size, items.size))
        seen = np.zeros_like(grid, dtype=bool)
        grid[u_idx, i_idx] = data.vote[sel] - 2.0  # yes -1, abstain 0, no +1
        seen[u_idx, i_idx] = True
        mean = grid.sum(0) / np.maximum(seen.sum(0), 1)
        centred = np.where(seen, grid - mean, 0.0)
        if units.size > 1 and items.size > 0 and np.any(centred):
            u, _, _ = np.linalg.svd(centred, full_matrices=False)
            score = u[:, 0]
        else:
            score = rng.normal(scale=0.01, size=units.size)
        sd = score.std()
        score = (score - score.mean()) / (sd if sd > 0 else 1.0)
        states = data.unit_state[units]
        sign = 0.0
        if anchor is not None and anchor in states:
            sign = np.sign(score[states == anchor][0])
        if sign == 0.0:
            common = [(i, prev[s]) for i, s in enumerate(states) if s in prev]
            if len(common) >= 2:
                a = np.array([score[i] for i, _ in common])
                b = np.array([v for _, v in common])
                sign = np.sign(np.dot(a - a.mean(), b - b.mean()))
        score = score * (sign if sign != 0.0 else 1.0)
        theta[units] = score
        prev.update(zip(states.tolist(), score.tolist(), strict=True))
    # items: probit regression-free starts from the vote shares and the covariance with theta
    t = theta[data.unit]
    n = np.bincount(data.item, minlength=data.n_items).astype(float)
    p_yes = (np.bincount(data.item, data.vote == 1, data.n_items) + 0.5) / (n + 1.5)
    p_abs = (np.bincount(data.item, data.vote == 2, data.n_items) + 0.5) / (n + 1.5)
    cut1 = special.ndtri(p_yes)
    cut2 = special.ndtri(np.minimum(p_yes + p_abs, 1 - 1e-3))
    gap = np.log(np.maximum(cut2 - cut1, 0.05))
    vbar = np.bincount(data.item, data.vote, data.n_items) / np.maximum(n, 1)
    tbar = np.bincount(data.item, t, data.n_items) / np.maximum(n, 1)
    cov = np.bincount(
        data.item, (data.vote - vbar[data.item]) * (t - tbar[data.item]), data.n_items
    )
    beta = np.clip(cov / np.maximum(n, 1), -1.5, 1.5)
    return theta, beta, cut1, gap


def _walk_links(data: RollCallData, omega: float) -> tuple[np.ndarray, np.ndarray]:
    """Links between consecutive units of one state: (index of the earlier unit, precision)."""
    same = data.unit_state[1:] == data.unit_state[:-1]
    first = np.flatnonzero(same)
    gaps = (data.unit_period[1:] - data.unit_period[:-1])[same]
    return first, 1.0 / (omega**2 * np.maximum(gaps, 1))


def _obs_terms(
    data: RollCallData, theta: np.ndarray, beta: np.ndarray, cut1: np.ndarray, cut2: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per vote: log P, d log P / d(lower bound), d log P / d(upper bound), and the bounds."""
    v = data.vote
    m = beta[data.item] * theta[data.unit]
    c1 = cut1[data.item] - m
    c2 = cut2[data.item] - m
    yes, abst, no = v == 1, v == 2, v == 3
    lo = np.where(yes, -np.inf, np.where(abst, c1, c2))
    hi = np.where(yes, c1, np.where(abst, c2, np.inf))
    logp = np.empty(v.size)
    logp[yes] = special.log_ndtr(hi[yes])
    logp[no] = special.log_ndtr(-lo[no])
    if abst.any():
        logp[abst] = _log_interval(lo[abst], hi[abst])
    with np.errstate(over="ignore", invalid="ignore"):
        d_lo = np.where(np.isfinite(lo), -np.exp(-0.5 * lo**2 - _LOG_SQRT_2PI - logp), 0.0)
        d_hi = np.where(np.isfinite(hi), np.exp(-0.5 * hi**2 - _LOG_SQRT_2PI - logp), 0.0)
    return logp, d_lo, d_hi, lo, hi


#: Beyond this many sd, log Phi is 0 to double precision (its tail would only make subnormals).
_TAIL = 30.0


def _exp(x: np.ndarray) -> np.ndarray:
    """exp without subnormal results (they are 1e-300 and slow the arithmetic a hundredfold)."""
    return np.exp(np.maximum(x, -690.0))


def _log_interval(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log(Phi(b) - Phi(a)) for a < b, stable in both tails."""
    upper = a > 0  # both bounds in the upper tail: use the mirrored form
    x1 = np.minimum(np.where(upper, -a, b), _TAIL)
    x2 = np.where(upper, -b, a)
    l1, l2 = special.log_ndtr(x1), special.log_ndtr(x2)
    return l1 + np.log1p(-np.minimum(_exp(l2 - l1), 1 - 1e-15))


@dataclass(frozen=True)
class _Sorted:
    """The votes re-ordered as one block of yes, one of abstain, one of no (slices, no masks)."""

    unit: np.ndarray
    item: np.ndarray
    n_yes: int
    n_abstain: int


def _sorted(data: RollCallData) -> _Sorted:
    order = np.argsort(data.vote, kind="stable")
    counts = np.bincount(data.vote, minlength=4)
    return _Sorted(
        unit=data.unit[order], item=data.item[order], n_yes=int(counts[1]), n_abstain=int(counts[2])
    )


def _objective(
    data: RollCallData,
    priors: Priors,
    links: tuple[np.ndarray, np.ndarray],
    threads: int = 1,
) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    K, J = data.n_units, data.n_items
    first, prec = links
    s = _sorted(data)
    n = s.item.size
    ya, an = s.n_yes, s.n_yes + s.n_abstain  # yes: [:ya], abstain: [ya:an], no: [an:]
    item_rest = s.item[ya:]
    theta_prec = 0.0 if priors.theta_sd is None else 1.0 / priors.theta_sd**2
    b_obs, t_obs = np.empty(n), np.empty(n)
    d_m = np.empty(n)  # d log P / d (beta * theta) = -(d_lo + d_hi)
    d_c2 = np.empty(n - ya)  # d log P / d cut2, abstain and no votes
    bounds = np.linspace(0, n, max(threads, 1) + 1).astype(np.int64)
    chunks = list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))
    pool = ThreadPoolExecutor(len(chunks)) if len(chunks) > 1 else None

    def part(lo_i: int, hi_i: int, x: tuple[np.ndarray, ...]) -> float:
        """The votes lo_i:hi_i (any mix of the three blocks): fill the slices, return sum log P."""
        theta, beta, cut1, cut2 = x
        np.take(beta, s.item[lo_i:hi_i], out=b_obs[lo_i:hi_i])
        np.take(theta, s.unit[lo_i:hi_i], out=t_obs[lo_i:hi_i])
        total = 0.0
        y0, y1 = lo_i, min(hi_i, ya)
        if y1 > y0:  # yes: P = Phi(cut1 - m)
            h = cut1[s.item[y0:y1]] - b_obs[y0:y1] * t_obs[y0:y1]
            lp = special.log_ndtr(np.minimum(h, _TAIL))
            d_m[y0:y1] = -_exp(-0.5 * h * h - _LOG_SQRT_2PI - lp)
            total += lp.sum()
        a0, a1 = max(lo_i, ya), min(hi_i, an)
        if a1 > a0:  # abstain: P = Phi(cut2 - m) - Phi(cut1 - m)
            m = b_obs[a0:a1] * t_obs[a0:a1]
            items = s.item[a0:a1]
            lo, hi = cut1[items] - m, cut2[items] - m
            lp = _log_interval(lo, hi)
            d_lo = -_exp(-0.5 * lo * lo - _LOG_SQRT_2PI - lp)
            d_hi = _exp(-0.5 * hi * hi - _LOG_SQRT_2PI - lp)
            d_m[a0:a1] = -(d_lo + d_hi)
            d_c2[a0 - ya : a1 - ya] = d_hi
            total += lp.sum()
        n0 = max(lo_i, an)
        if hi_i > n0:  # no: P = Phi(m - cut2)
            lo = cut2[s.item[n0:hi_i]] - b_obs[n0:hi_i] * t_obs[n0:hi_i]
            lp = special.log_ndtr(np.minimum(-lo, _TAIL))
            d_lo = -_exp(-0.5 * lo * lo - _LOG_SQRT_2PI - lp)
            d_m[n0:hi_i] = -d_lo
            d_c2[n0 - ya : hi_i - ya] = d_lo
            total += lp.sum()
        return float(total)

    def f(x: np.ndarray) -> tuple[float, np.ndarray]:
        theta, beta, cut1, g = x[:K], x[K : K + J], x[K + J : K + 2 * J], x[K + 2 * J :]
        gap = np.exp(g)
        cut2 = cut1 + gap
        args = (theta, beta, cut1, cut2)
        if pool is None:
            loglik = part(0, n, args)
        else:
            loglik = sum(pool.map(lambda c: part(c[0], c[1], args), chunks))
        diff = theta[first + 1] - theta[first]
        value = (
            -loglik
            + 0.5 * np.dot(prec, diff * diff)
            + 0.5 * theta_prec * np.dot(theta, theta)
            + 0.5 * np.dot(beta, beta) / priors.beta_sd**2
            + 0.5 * np.dot(cut1, cut1) / priors.cut_sd**2
            + 0.5 * np.dot(g, g) / priors.gap_sd**2
        )
        g_theta = -np.bincount(s.unit, d_m * b_obs, K) + theta_prec * theta
        walk = prec * diff
        g_theta[first + 1] += walk
        g_theta[first] -= walk
        g_beta = -np.bincount(s.item, d_m * t_obs, J) + beta / priors.beta_sd**2
        # d/d cut1 = d_lo + d_hi summed (cut2 moves with cut1) = -d_m
        g_cut1 = np.bincount(s.item, d_m, J) + cut1 / priors.cut_sd**2
        g_g = -np.bincount(item_rest, d_c2, J) * gap + g / priors.gap_sd**2
        return float(value), np.concatenate([g_theta, g_beta, g_cut1, g_g])

    return f


def _tridiagonal_inverse_diagonal(diag: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Diagonal of the inverse of a symmetric positive definite tridiagonal matrix."""
    n = diag.size
    fwd = np.empty(n)
    bwd = np.empty(n)
    fwd[0] = diag[0]
    for i in range(1, n):
        fwd[i] = diag[i] - off[i - 1] ** 2 / fwd[i - 1]
    bwd[-1] = diag[-1]
    for i in range(n - 2, -1, -1):
        bwd[i] = diag[i] - off[i] ** 2 / bwd[i + 1]
    return 1.0 / (fwd + bwd - diag)


def laplace_se(
    data: RollCallData,
    theta: np.ndarray,
    beta: np.ndarray,
    cut1: np.ndarray,
    cut2: np.ndarray,
    priors: Priors,
) -> np.ndarray:
    """Laplace standard errors of the positions, conditional on the item parameters.

    The observed information of one vote with latent bounds (l, u) in :math:`m = \\beta\\theta`
    is :math:`u a_u - l a_l + (a_u - a_l)^2` with :math:`a = \\phi(\\cdot) / P`; times
    :math:`\\beta^2` for :math:`\\theta`. Add the priors' precisions and invert the
    tridiagonal Hessian's diagonal.
    """
    _, d_lo, d_hi, lo, hi = _obs_terms(data, theta, beta, cut1, cut2)
    a_hi, a_lo = d_hi, -d_lo
    with np.errstate(invalid="ignore"):
        term_hi = np.where(np.isfinite(hi), hi * a_hi, 0.0)
        term_lo = np.where(np.isfinite(lo), lo * a_lo, 0.0)
    info = term_hi - term_lo + (a_hi - a_lo) ** 2
    info = np.maximum(info, 0.0) * beta[data.item] ** 2
    theta_prec = 0.0 if priors.theta_sd is None else 1.0 / priors.theta_sd**2
    diag = np.bincount(data.unit, info, data.n_units) + theta_prec
    first, prec = _walk_links(data, priors.omega)
    off = np.zeros(max(data.n_units - 1, 0))
    off[first] = -prec
    np.add.at(diag, first, prec)
    np.add.at(diag, first + 1, prec)
    diag = np.maximum(diag, 1e-12)
    if data.n_units == 1:
        return np.sqrt(1.0 / diag)
    return np.sqrt(_tridiagonal_inverse_diagonal(diag, off))


def fit_dynamic_ordinal(
    data: RollCallData,
    *,
    anchor: int | None = None,
    priors: Priors | None = None,
    tol: float = 1e-7,
    max_iter: int = 3000,
    seed: Seed = 0,
    callback: Callable[[int], None] | None = None,
    threads: int | None = None,
) -> DynamicOrdinalFit:
    """Fit the dynamic ordered-probit model by MAP; positions with Laplace standard errors.

    Parameters
    ----------
    data : RollCallData
        The votes (:func:`make_roll_call_data`). Items on which every vote falls in one
        category carry no information and should be dropped beforehand.
    anchor : int, optional
        A state id (``data.unit_state`` value) put on the positive side. Without it, the sign
        follows the start values (period 1's principal component).
    priors : Priors, optional
        Prior scales (defaults of :class:`Priors`).
    tol, max_iter
        L-BFGS-B stopping rule: relative reduction of the objective below ``tol``, or
        ``max_iter`` iterations.
    seed : int, Generator or None
        Only used to break ties in the start values of periods with a single voter.
    callback : callable, optional
        Called with the iteration number after each iteration (progress bars).
    threads : int, optional
        Threads sharing the likelihood's votes (NumPy and SciPy release the interpreter lock in
        their loops); default: two, or one on a single core. Results do not depend on it.

    Raises
    ------
    ModelInputError
        For data without votes or an anchor that never voted.
    """
    priors = priors or Priors()
    if data.n_obs == 0:
        raise ModelInputError("there are no votes to scale")
    if anchor is not None and anchor not in set(data.unit_state.tolist()):
        raise ModelInputError(f"the anchor state {anchor} cast no vote in these data")
    rng, recorded = normalise_seed(seed)
    K, J = data.n_units, data.n_items
    theta0, beta0, cut0, gap0 = _start_values(data, anchor, rng)
    links = _walk_links(data, priors.omega)
    if threads is None:
        threads = min(2, os.cpu_count() or 1)
    f = _objective(data, priors, links, threads=threads if data.n_obs >= 50_000 else 1)
    x0 = np.concatenate([theta0, beta0, cut0, gap0])
    count = {"it": 0}

    def step(_: np.ndarray) -> None:
        count["it"] += 1
        if callback is not None:
            callback(count["it"])

    res = optimize.minimize(
        f,
        x0,
        jac=True,
        method="L-BFGS-B",
        callback=step,
        options={"maxiter": max_iter, "ftol": tol, "gtol": 1e-5, "maxcor": 20},
    )
    x = res.x
    theta, beta, cut1 = x[:K], x[K : K + J], x[K + J : K + 2 * J]
    cut2 = cut1 + np.exp(x[K + 2 * J :])
    se = laplace_se(data, theta, beta, cut1, cut2, priors)
    # identification: standardise over units; y* = beta*theta = (beta*sd)*z + beta*mean
    mean, sd = theta.mean(), theta.std()
    sd = sd if sd > 0 else 1.0
    z = (theta - mean) / sd
    shift = beta * mean
    beta_z, cut1_z, cut2_z, se_z = beta * sd, cut1 - shift, cut2 - shift, se / sd
    flipped = False
    if anchor is not None and z[data.unit_state == anchor].mean() < 0:
        flipped = True
        z, beta_z = -z, -beta_z
    return DynamicOrdinalFit(
        theta=z,
        se=se_z,
        beta=beta_z,
        cut1=cut1_z,
        cut2=cut2_z,
        log_posterior=-float(res.fun),
        iterations=int(res.nit),
        evaluations=int(res.nfev),
        converged=bool(res.success),
        message=str(res.message),
        priors=priors,
        anchor=anchor,
        flipped=flipped,
        seed=recorded,
    )


@dataclass(frozen=True)
class SimulatedRollCalls:
    """Roll calls drawn from the model, with the true positions of their units."""

    data: RollCallData
    theta: np.ndarray = field(repr=False)
    seed: int | None = None


def simulate_roll_calls(
    n_states: int = 150,
    n_periods: int = 1,
    items_per_period: int = 100,
    *,
    omega: float = 0.2,
    missing: float = 0.1,
    late_entry: float = 0.0,
    seed: Seed = None,
) -> SimulatedRollCalls:
    """Draw roll calls from the model: positions on a random walk, items with three categories.

    ``missing`` is the share of (unit, item) cells left out at random (missing, not
    abstaining); ``late_entry`` the share of states that enter after the first period. Items
    whose votes all fall in one category are dropped. State 0 starts at +2, a clearly placed
    anchor. The truth is returned standardised (mean 0, sd 1 over units) with state 0 on the
    positive side, the scale the fit reports.

    >>> sim = simulate_roll_calls(10, 2, 20, seed=3)
    >>> sim.data.n_units, set(np.unique(sim.data.vote).tolist()) <= {1, 2, 3}
    (20, True)
    """
    rng, recorded = normalise_seed(seed)
    start = np.zeros(n_states, dtype=int)
    if n_periods > 1 and late_entry > 0:
        late = rng.random(n_states) < late_entry
        late[0] = False
        start[late] = rng.integers(1, n_periods, late.sum())
    origin = rng.normal(size=n_states)
    origin[0] = 2.0  # state 0 is a clearly placed anchor, as the United States is in UN votes
    path = origin[:, None] + np.cumsum(
        np.concatenate(
            [np.zeros((n_states, 1)), rng.normal(scale=omega, size=(n_states, n_periods - 1))],
            axis=1,
        ),
        axis=1,
    )
    states, periods, items, votes = [], [], [], []
    for t in range(n_periods):
        alive = np.flatnonzero(start <= t)
        beta = rng.normal(size=items_per_period)
        mid = rng.normal(scale=0.8, size=items_per_period)
        width = rng.uniform(0.3, 1.2, size=items_per_period)
        ystar = beta[None, :] * path[alive, t][:, None] + rng.normal(
            size=(alive.size, items_per_period)
        )
        vote = (
            1 + (ystar >= (mid - width / 2)).astype(int) + (ystar >= (mid + width / 2)).astype(int)
        )
        keep = rng.random(vote.shape) >= missing
        ii, jj = np.nonzero(keep)
        states.append(alive[ii])
        periods.append(np.full(ii.size, t))
        items.append(t * items_per_period + jj)
        votes.append(vote[ii, jj])
    s, p, i, v = (np.concatenate(a) for a in (states, periods, items, votes))
    # drop unanimous items
    lo = np.full(i.max() + 1, 4)
    hi = np.zeros(i.max() + 1, dtype=int)
    np.minimum.at(lo, i, v)
    np.maximum.at(hi, i, v)
    keep = lo[i] != hi[i]
    data, (ust, upe), _ = make_roll_call_data(s[keep], p[keep], i[keep], v[keep])
    truth = path[ust, upe]
    truth = (truth - truth.mean()) / truth.std()
    if truth[ust == 0].mean() < 0:
        truth = -truth
    return SimulatedRollCalls(data=data, theta=truth, seed=recorded)
