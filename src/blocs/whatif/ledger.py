"""The ledger lens: a transparent reservation price for pulling an ally away.

The *target* leaves its *partner* for the *divider* when the divider's package, discounted by
its credibility, is worth more than what leaving costs::

    q · PV(P; package window)  ≥  PV(losses) − PV(gains)

where every term is a yearly flow in USD over its own window inside the horizon ``H`` (years),
discounted continuously at rate ``r``::

    PV(x; s, e) = x · (exp(−r·s) − exp(−r·e)) / r      (x · (e − s) when r = 0),
    e = min(s + years, H)

Losses are what the target gives up (military, economic and strategic stakes in the partner, the
partner's retaliation, the reputation cost of abandoning an ally); gains are what it gets by
leaving (relief from the divider's pressure). A term marked ``contingent`` comes with the deal
and is believed with the same credibility ``q`` as the package (relief the divider grants is as
reversible as the package itself). The **reservation price** is the smallest yearly package::

    P* = max(0, PV(losses) − PV(gains) − q · PV(contingent gains)) / (q · PV(1; package_start, H))

(a contingent loss is likewise weighted by ``q``).

Each term's yearly amount is a product of named inputs divided by others (``times`` and
``divide``), so a term such as "arms deals of at least 10e9 USD delivered over D years, of which a
share s is lost" reads ``times: [arms_deals, arms_share_lost]``, ``divide: [arms_delivery_years]``.

All evaluation is vectorised: inputs are numpy arrays of draws.

Examples
--------
A one-term ledger with no discounting: a loss of 6 a year over 10 years, an offer believed with
q = 0.5 and paid from year 0, gives P* = 6 / 0.5 = 12.

>>> import numpy as np
>>> spec = LedgerSpec.model_validate({
...     "horizon": "H", "discount_rate": "r", "credibility": "q", "cap": "cap",
...     "terms": [{"name": "stake", "label": "stake", "side": "loss", "times": ["x"]}],
... })
>>> values = {k: np.array([v]) for k, v in
...           {"H": 10.0, "r": 0.0, "q": 0.5, "cap": 100.0, "x": 6.0}.items()}
>>> float(evaluate_ledger(spec, values).price[0])
12.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

Ref = str | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Factors(_Model):
    """A yearly amount ``prod(times) / prod(divide)`` from year ``start`` for ``years`` years
    (to the horizon when ``years`` is not given)."""

    times: list[str] = Field(min_length=1)
    divide: list[str] = Field(default_factory=list)
    start: Ref = 0.0
    years: Ref | None = None

    def refs(self) -> list[str]:
        """Names of the inputs these factors use."""
        out = [*self.times, *self.divide]
        out += [r for r in (self.start, self.years) if isinstance(r, str)]
        return out


class TermSpec(Factors):
    """One yearly flow of the ledger: ``amount = prod(times) / prod(divide)`` in USD a year,
    from year ``start`` for ``years`` years (to the horizon when ``years`` is not given)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    side: Literal["loss", "gain"]
    channel: str | None = None
    contingent: bool = False


class LedgerSpec(_Model):
    """The structure of the ledger: which inputs are the horizon, the discount rate, the
    credibility of the offer, the cap, when the package starts, and the terms."""

    horizon: Ref
    discount_rate: Ref
    credibility: Ref
    cap: Ref | list[str]
    package_start: Ref = 0.0
    terms: list[TermSpec] = Field(default_factory=list)

    def refs(self) -> list[str]:
        """Names of every input the ledger uses."""
        cap = self.cap if isinstance(self.cap, list) else [self.cap]
        out = [
            r
            for r in (
                self.horizon,
                self.discount_rate,
                self.credibility,
                *cap,
                self.package_start,
            )
            if isinstance(r, str)
        ]
        for term in self.terms:
            out += term.refs()
        return list(dict.fromkeys(out))


@dataclass(frozen=True)
class LedgerOutcome:
    """Arrays (one entry per draw) of the ledger's present values and its reservation price."""

    losses_pv: np.ndarray
    gains_pv: np.ndarray
    package_factor: np.ndarray
    price: np.ndarray
    cap: np.ndarray
    terms_yearly: dict[str, np.ndarray]
    terms_pv: dict[str, np.ndarray]

    @property
    def over_cap(self) -> np.ndarray:
        """True where no package under the cap moves the target."""
        return self.price > self.cap


def present_value_factor(
    rate: np.ndarray | float,
    start: np.ndarray | float,
    years: np.ndarray | float | None,
    horizon: np.ndarray | float,
) -> np.ndarray:
    """PV of 1 USD a year paid continuously from ``start`` for ``years`` years (cut at the
    horizon), discounted continuously at ``rate``.

    >>> round(float(present_value_factor(0.0, 1.0, None, 5.0)), 6)
    4.0
    >>> round(float(present_value_factor(0.1, 0.0, 1.0, 5.0)), 6)
    0.951626
    """
    rate = np.asarray(rate, dtype=float)
    horizon = np.asarray(horizon, dtype=float)
    start = np.asarray(start, dtype=float)
    s = np.minimum(start, horizon)
    end = horizon if years is None else start + years
    e = np.maximum(np.minimum(end, horizon), s)
    small = np.abs(rate) < 1e-12
    if not small.any():
        head = 1.0 if not start.any() else np.exp(-rate * s)
        return (head - np.exp(-rate * e)) / rate
    safe = np.where(small, 1.0, rate)
    discounted = (np.exp(-safe * s) - np.exp(-safe * e)) / safe
    return np.where(small, e - s, discounted)


class _Rows:
    """Arrays of one length cut from one block of memory, handed out in turn. One large
    allocation instead of dozens: the system maps it in large pages where it can, so the first
    writes cost far fewer page faults (they dominated the ledger's time on 100,000 draws)."""

    def __init__(self, count: int, n: int) -> None:
        self.block = np.empty((count, n))
        self.used = 0

    def take(self) -> np.ndarray:
        if self.used == len(self.block):  # the count is an upper bound; never short in practice
            return np.empty(self.block.shape[1])
        self.used += 1
        return self.block[self.used - 1]


class _Discounting:
    """:func:`present_value_factor` for the windows of one ledger (arrays of one length, a
    rate and a horizon), number for number, with fewer passes: windows share their discount
    terms ``exp(-rate·t)`` (all that end at the horizon share ``exp(-rate·H)``, those that start
    at the same input share the start's), and every step writes into rows of one block."""

    def __init__(self, rate: np.ndarray, horizon: np.ndarray, rows: _Rows) -> None:
        self.rate = rate
        self.horizon = horizon
        self.rows = rows
        self.small = np.abs(rate) < 1e-12
        self.any_small = bool(self.small.any())
        safe = np.where(self.small, 1.0, rate) if self.any_small else rate
        self.safe = safe
        self.neg = np.negative(safe, out=rows.take())
        self._exp: dict[object, np.ndarray] = {}

    def _discount(self, key: object, t: np.ndarray) -> np.ndarray:
        if key not in self._exp:
            out = np.multiply(self.neg, t, out=self.rows.take())
            self._exp[key] = np.exp(out, out=out)
        return self._exp[key]

    def factor(
        self, start: np.ndarray, years: np.ndarray | None, start_key: object, window_key: object
    ) -> np.ndarray:
        horizon = self.horizon
        starts = bool(start.any())
        s: np.ndarray | float = 0.0
        if years is not None or starts or self.any_small:
            s = np.minimum(start, horizon, out=self.rows.take())
        if years is None:
            # max(min(H, H), s) is H wherever s (at most H) is a number, and where s is NaN
            # the factor is NaN either way
            e, end_key = horizon, "horizon"
        else:
            e = np.add(start, years, out=self.rows.take())
            np.minimum(e, horizon, out=e)
            np.maximum(e, s, out=e)
            end_key = window_key
        tail = self._discount(("end", end_key), e)
        out = self.rows.take()
        if not self.any_small:
            head = self._discount(("start", start_key), s) if starts else 1.0
            np.subtract(head, tail, out=out)
            out /= self.rate
            return out
        np.subtract(self._discount(("start", start_key), s), tail, out=out)
        out /= self.safe
        np.copyto(out, e - s, where=self.small)
        return out


def _accumulate(total: np.ndarray | None, pv: np.ndarray, rows: _Rows) -> np.ndarray:
    if total is None:
        total = rows.take()
        np.copyto(total, pv)
        return total
    return np.add(total, pv, out=total)


def _size(values: Mapping[str, np.ndarray]) -> int:
    sizes = {np.asarray(v).shape[0] for v in values.values() if np.ndim(v) > 0}
    return max(sizes) if sizes else 1


def evaluate_ledger(
    spec: LedgerSpec,
    values: Mapping[str, np.ndarray],
) -> LedgerOutcome:
    """Evaluate the ledger on draws of its inputs (``values``: name → array of draws).

    A package already on the table (an overlay's inducement) does not change the reservation
    price, only what remains to be offered (see :func:`shortfall`). The outcome's arrays are
    read-only results: a term that is a single input is that input's array, and the others
    share one block of memory.
    """
    n = _size(values)
    windows = {(t.start, t.years) for t in spec.terms} | {(spec.package_start, None)}
    # per term its amount and present value; per window its factor, end, start and two
    # discount terms; the negated rate, the two sides, need, offer and price
    rows = _Rows(2 * len(spec.terms) + 5 * len(windows) + 6, n)

    def value(ref: Ref) -> np.ndarray:
        got = np.asarray(values[ref], dtype=float) if isinstance(ref, str) else float(ref)
        return np.broadcast_to(got, (n,))

    horizon = value(spec.horizon)
    rate = value(spec.discount_rate)
    q = value(spec.credibility)
    if isinstance(spec.cap, list):  # several offers: the cap is their sum
        cap = np.sum([value(c) for c in spec.cap], axis=0) if spec.cap else np.zeros(n)
    else:
        cap = value(spec.cap)
    discounting = _Discounting(rate, horizon, rows)
    factors: dict[tuple[Ref, Ref | None], np.ndarray] = {}

    def factor(start: Ref, years: Ref | None) -> np.ndarray:
        key = (start, years)  # windows with the same start and length share their factor
        if key not in factors:
            length = None if years is None else value(years)
            factors[key] = discounting.factor(value(start), length, start, key)
        return factors[key]

    losses: np.ndarray | None = None
    gains: np.ndarray | None = None
    yearly: dict[str, np.ndarray] = {}
    pvs: dict[str, np.ndarray] = {}
    for term in spec.terms:
        # the product starts from the first factor (1·x is x, to the last bit)
        amount = value(term.times[0])
        if len(term.times) > 1 or term.divide:
            first = amount
            amount = rows.take()
            if len(term.times) > 1:
                np.multiply(first, values[term.times[1]], out=amount)
            else:
                np.divide(first, values[term.divide[0]], out=amount)
            for name in term.times[2:]:
                amount *= values[name]
            for name in term.divide[1 if len(term.times) == 1 else 0 :]:
                amount /= values[name]
        pv = np.multiply(amount, factor(term.start, term.years), out=rows.take())
        if term.contingent:  # comes with the deal: believed with the package's credibility
            pv *= q
        yearly[term.name] = amount
        pvs[term.name] = pv
        if term.side == "loss":
            losses = _accumulate(losses, pv, rows)
        else:
            gains = _accumulate(gains, pv, rows)
    losses = np.zeros(n) if losses is None else losses
    gains = np.zeros(n) if gains is None else gains
    package = factor(spec.package_start, None)
    need = np.subtract(losses, gains, out=rows.take())
    np.maximum(need, 0.0, out=need)
    offer = np.multiply(q, package, out=rows.take())
    owed = need > 0
    price = rows.take()
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(need, offer, out=price)
    np.copyto(price, 0.0, where=~owed)
    np.copyto(price, np.inf, where=owed & (offer <= 0))
    return LedgerOutcome(
        losses_pv=losses,
        gains_pv=gains,
        package_factor=package,
        price=price,
        cap=cap,
        terms_yearly=yearly,
        terms_pv=pvs,
    )


def shortfall(price: np.ndarray, offered: np.ndarray | float) -> np.ndarray:
    """What remains to be offered (USD a year) beyond a package already on the table."""
    return np.maximum(np.asarray(price) - offered, 0.0)


def reservation_price(
    losses: float,
    gains: float,
    credibility: float,
    *,
    horizon: float,
    discount_rate: float = 0.0,
    package_start: float = 0.0,
) -> float:
    """The reservation price for constant yearly losses and gains over the whole horizon.

    >>> reservation_price(10.0, 4.0, 0.5, horizon=10.0)
    12.0
    >>> reservation_price(10.0, 4.0, 0.5, horizon=10.0, package_start=5.0)
    24.0
    """
    full = float(present_value_factor(discount_rate, 0.0, None, horizon))
    pkg = float(present_value_factor(discount_rate, package_start, None, horizon))
    need = max(losses - gains, 0.0) * full
    if need == 0:
        return 0.0
    return need / (credibility * pkg) if credibility * pkg > 0 else float("inf")
