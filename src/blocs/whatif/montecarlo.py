"""Monte Carlo over every input of the ledger: the distribution of the reservation price.

Each draw takes every evidenced figure within its derived range and every assumption from its
stated distribution (independently), evaluates the ledger and records the reservation price.
Draws are vectorised (one numpy array per input) and made in chunks, so a progress callback can
report on long runs; the chunking does not change the numbers (the generator's stream is the
same).

Examples
--------
>>> import blocs
>>> from blocs.whatif.inputs import load_assumptions, resolve_inputs
>>> spec = load_assumptions()
>>> inputs = resolve_inputs(spec, blocs.load("russia-iran-2017"),
...                         target="RUS", partner="IRN", divider="USA")
>>> run = simulate(inputs, spec.ledger, draws=2000, seed=1)
>>> run.seed, run.draws
(1, 2000)
>>> run.price_p10 <= run.price_median <= run.price_p90
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from blocs.seeding import Seed, normalise_seed
from blocs.whatif.inputs import InputSet
from blocs.whatif.ledger import LedgerOutcome, LedgerSpec, evaluate_ledger, present_value_factor

Progress = Callable[[int, int], None]
CHUNK = 50_000


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

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class MonteCarloResult:
    """The reservation price across draws (USD a year) and what drives it.

    ``share_over_cap`` is the share of draws in which no package under the cap moves the
    target; ``share_free`` the share in which the target's gains already outweigh its losses.
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "draws": self.draws,
            "price_median": self.price_median,
            "price_p10": self.price_p10,
            "price_p90": self.price_p90,
            "price_mean": self.price_mean,
            "cap_median": self.cap_median,
            "share_over_cap": self.share_over_cap,
            "share_free": self.share_free,
            "offered": self.offered,
            "share_offer_enough": self.share_offer_enough,
            "shortfall_median": self.shortfall_median,
            "losses_pv_median": self.losses_pv_median,
            "gains_pv_median": self.gains_pv_median,
            "stake_yearly_median": self.stake_yearly_median,
            "terms": [t.to_dict() for t in self.terms],
            "quantiles": self.quantiles,
        }


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
        raise ValueError(f"draws must be at least 1, got {draws}")
    k = len(inputs.all)
    parts: list[np.ndarray] = []
    done = 0
    while done < draws:
        size = min(CHUNK, draws - done)
        parts.append(rng.random((size, k)))
        done += size
        if progress is not None:
            progress(done, draws)
    u = parts[0] if len(parts) == 1 else np.concatenate(parts)
    values = inputs.draw(u)
    return values, evaluate_ledger(ledger, values)


def _q(a: np.ndarray, p: float) -> float:
    return float(np.quantile(a, p))


def simulate(
    inputs: InputSet,
    ledger: LedgerSpec,
    *,
    draws: int = 20_000,
    seed: Seed = None,
    offered: float = 0.0,
    progress: Progress | None = None,
) -> MonteCarloResult:
    """The reservation price over ``draws`` joint draws of every input (seeded)."""
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
    terms = tuple(
        TermSummary(
            name=t.name,
            label=t.label,
            side=t.side,
            channel=t.channel,
            yearly_median=_q(out.terms_yearly[t.name], 0.5),
            yearly_p10=_q(out.terms_yearly[t.name], 0.1),
            yearly_p90=_q(out.terms_yearly[t.name], 0.9),
            pv_median=_q(out.terms_pv[t.name], 0.5),
        )
        for t in ledger.terms
    )
    finite = price[np.isfinite(price)]
    levels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]
    enough = short = None
    if offered > 0:
        enough = float(np.mean(price <= offered))
        short = _q(np.maximum(price - offered, 0.0), 0.5)
    return MonteCarloResult(
        seed=recorded,
        draws=draws,
        price_median=_q(price, 0.5),
        price_p10=_q(price, 0.1),
        price_p90=_q(price, 0.9),
        price_mean=float(finite.mean()) if finite.size else float("inf"),
        cap_median=_q(out.cap, 0.5),
        share_over_cap=float(np.mean(out.over_cap)),
        share_free=float(np.mean(price == 0.0)),
        offered=float(offered),
        share_offer_enough=enough,
        shortfall_median=short,
        losses_pv_median=_q(out.losses_pv, 0.5),
        gains_pv_median=_q(out.gains_pv, 0.5),
        stake_yearly_median=_q(stake_yearly, 0.5),
        terms=terms,
        quantiles={f"p{round(p * 100):02d}": _q(price, p) for p in levels},
        prices=price,
    )
