"""Monte Carlo over every input of the ledger: the distribution of the reservation price.

Each draw takes every evidenced figure within its derived range and every assumption from its
stated distribution (independently, except the inputs an assumptions file draws together through
a common factor, see :class:`blocs.whatif.inputs.Correlated`), evaluates the ledger and records
the reservation price.
Draws are vectorised (one numpy array per input) and made in chunks, so a progress callback can
report on long runs; the chunking does not change the numbers (the generator's stream is the
same).

Examples
--------
>>> import blocs
>>> from blocs.whatif.inputs import build_ledger, load_assumptions, resolve_inputs
>>> spec, scenario = load_assumptions(), blocs.load("russia-iran-2017")
>>> inputs = resolve_inputs(spec, scenario, target="RUS", partner="IRN", divider="USA",
...                         stakes=scenario.stakes)
>>> run = simulate(inputs, build_ledger(spec, scenario.stakes, inputs), draws=2000, seed=1)
>>> run.seed, run.draws
(1, 2000)
>>> run.price_p10 <= run.price_median <= run.price_p90
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from blocs.errors import ModelInputError
from blocs.seeding import DEFAULT_DRAWS, DEFAULT_SEED, Seed, check_draws, normalise_seed
from blocs.whatif.inputs import InputSet
from blocs.whatif.ledger import LedgerOutcome, LedgerSpec, evaluate_ledger, present_value_factor

Progress = Callable[[int, int], None]
CHUNK = 50_000
_BLOCK = 1024


@dataclass(frozen=True)
class TermSummary:
    """One ledger term across the draws: its median yearly amount and present value."""

    name: str
    label: str
    side: str
    channel: str | None
    yearly_median: float
    yearly_p10: float
    yearly_p90: float
    pv_median: float


@dataclass(frozen=True)
class MonteCarloResult:
    """The reservation price across draws (USD a year) and what drives it.

    ``share_over_cap`` is the share of draws in which no package under the cap moves the
    target (the infeasible share); ``feasible_*`` the price among the other draws;
    ``share_free`` the share in which the target's gains already outweigh its losses.
    ``present_value_median`` is the median present value of the package over its window
    (the yearly price times the discounted years it is paid).
    ``offered`` is a package already on the table (from an overlay); ``share_offer_enough`` the
    share of draws in which it suffices, ``shortfall_median`` the median of what remains.
    """

    seed: int | None
    draws: int
    price_median: float
    price_p10: float
    price_p90: float
    price_mean: float
    cap_median: float
    share_over_cap: float
    share_free: float
    offered: float
    share_offer_enough: float | None
    shortfall_median: float | None
    losses_pv_median: float
    gains_pv_median: float
    stake_yearly_median: float
    terms: tuple[TermSummary, ...]
    quantiles: dict[str, float]
    prices: np.ndarray = field(repr=False, compare=False)
    present_value_median: float = float("nan")
    feasible_median: float | None = None
    feasible_p10: float | None = None
    feasible_p90: float | None = None


def draw_ledger(
    inputs: InputSet,
    ledger: LedgerSpec,
    *,
    draws: int,
    rng: np.random.Generator,
    progress: Progress | None = None,
) -> tuple[dict[str, np.ndarray], LedgerOutcome]:
    """Draw every input ``draws`` times and evaluate the ledger (in chunks of ``CHUNK``)."""
    if draws < 1:
        raise ModelInputError(f"draws must be at least 1, got {draws}")
    k = len(inputs.all)
    # draw i takes the generator's numbers k·i … k·i + k − 1 (as rng.random((draws, k))),
    # made a block of draws at a time and turned input by input while the block is in cache
    columns = np.empty((k, draws))
    block = np.empty((_BLOCK, k))
    done = 0
    while done < draws:
        end = min(done + CHUNK, draws)
        for lo in range(done, end, _BLOCK):
            hi = min(lo + _BLOCK, end)
            rng.random(out=block[: hi - lo])
            columns[:, lo:hi] = block[: hi - lo].T
        done = end
        if progress is not None:
            progress(done, draws)
    values = inputs.draw_columns(columns)
    return values, evaluate_ledger(ledger, values)


LEVELS = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)


def quantiles(a: np.ndarray, levels: Sequence[float]) -> dict[float, float]:
    """``np.quantile(a, p)`` for each level ``p`` (its default, linear method), number for
    number, from one sort of ``a``: a sort is faster than NumPy's selection once a few levels
    are wanted, and it is done once per array rather than once per level.

    >>> a = np.array([4.0, 1.0, 3.0, 2.0])
    >>> quantiles(a, [0.5, 0.9])
    {0.5: 2.5, 0.9: 3.7}
    >>> float(np.quantile(a, 0.9))
    3.7
    """
    s = np.sort(np.asarray(a, dtype=float), axis=None)  # NaNs sort last
    n = s.size
    q = np.asarray(levels, dtype=float)
    # as numpy.quantile: virtual index, neighbours clipped to the ends, then its lerp
    virtual = (n - 1) * q
    previous = np.floor(virtual)
    following = previous + 1
    previous[virtual >= n - 1] = following[virtual >= n - 1] = -1
    previous[virtual < 0] = following[virtual < 0] = 0
    gamma = virtual - previous
    low, high = s[previous.astype(np.intp)], s[following.astype(np.intp)]
    with np.errstate(invalid="ignore"):  # inf - inf between two infinite neighbours
        diff = high - low
        out = low + diff * gamma
        np.subtract(high, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    if np.isnan(s[-1]):
        out[:] = np.nan
    return {float(p): float(v) for p, v in zip(levels, out, strict=True)}


def _median(a: np.ndarray) -> float:
    return quantiles(a, (0.5,))[0.5]


def simulate(
    inputs: InputSet,
    ledger: LedgerSpec,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: Seed = DEFAULT_SEED,
    offered: float = 0.0,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """The reservation price over ``draws`` joint draws of every input (seeded)."""
    check_draws(draws)
    rng, recorded = normalise_seed(seed)
    values, out = draw_ledger(inputs, ledger, draws=draws, rng=rng, progress=progress)
    price = out.price
    horizon = values[ledger.horizon] if isinstance(ledger.horizon, str) else ledger.horizon
    rate = (
        values[ledger.discount_rate]
        if isinstance(ledger.discount_rate, str)
        else ledger.discount_rate
    )
    full = present_value_factor(rate, 0.0, None, horizon)
    stake_yearly = out.losses_pv / full
    terms = []
    for t in ledger.terms:
        yearly = quantiles(out.terms_yearly[t.name], (0.1, 0.5, 0.9))
        terms.append(
            TermSummary(
                name=t.name,
                label=t.label,
                side=t.side,
                channel=t.channel,
                yearly_median=yearly[0.5],
                yearly_p10=yearly[0.1],
                yearly_p90=yearly[0.9],
                pv_median=_median(out.terms_pv[t.name]),
            )
        )
    finite = price[np.isfinite(price)]
    at = quantiles(price, LEVELS)
    # the package's present value over its window (what the yearly price is worth in all)
    with np.errstate(invalid="ignore"):
        pv = price * out.package_factor
    feasible = price[price <= out.cap]
    at_feasible = quantiles(feasible, (0.1, 0.5, 0.9)) if feasible.size else {}
    enough = short = None
    if offered > 0:
        enough = float(np.mean(price <= offered))
        short = _median(np.maximum(price - offered, 0.0))
    return MonteCarloResult(
        seed=recorded,
        draws=draws,
        price_median=at[0.5],
        price_p10=at[0.1],
        price_p90=at[0.9],
        price_mean=float(finite.mean()) if finite.size else float("inf"),
        cap_median=_median(out.cap),
        share_over_cap=float(np.mean(out.over_cap)),
        share_free=float(np.mean(price == 0.0)),
        offered=float(offered),
        share_offer_enough=enough,
        shortfall_median=short,
        losses_pv_median=_median(out.losses_pv),
        gains_pv_median=_median(out.gains_pv),
        stake_yearly_median=_median(stake_yearly),
        terms=tuple(terms),
        quantiles={f"p{round(p * 100):02d}": v for p, v in at.items()},
        prices=price,
        present_value_median=_median(pv),
        feasible_median=at_feasible.get(0.5),
        feasible_p10=at_feasible.get(0.1),
        feasible_p90=at_feasible.get(0.9),
    )
