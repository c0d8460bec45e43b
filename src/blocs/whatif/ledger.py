"""The ledger lens: a transparent reservation price for pulling an ally away.

The *target* (say Russia) leaves its *partner* (Iran) for the *divider* (the United States) when
the divider's package, discounted by its credibility, is worth more than what leaving costs::

    q · PV(P; package window)  ≥  PV(losses) − PV(gains)

where every term is a yearly flow in USD over its own window inside the horizon ``H`` (years),
discounted continuously at rate ``r``::

    PV(x; s, e) = x · (exp(−r·s) − exp(−r·e)) / r      (x · (e − s) when r = 0),
    e = min(s + years, H)

Losses are what the target gives up (military, economic and strategic stakes in the partner, the
partner's retaliation, the reputation cost of abandoning an ally); gains are what it gets anyway
(relief from the divider's pressure). The **reservation price** is the smallest yearly package::

    P* = max(0, PV(losses) − PV(gains)) / (q · PV(1; package_start, H))

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


class TermSpec(_Model):
    """One yearly flow of the ledger: ``amount = prod(times) / prod(divide)`` in USD a year,
    from year ``start`` for ``years`` years (to the horizon when ``years`` is not given)."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    side: Literal["loss", "gain"]
    channel: str | None = None
    times: list[str] = Field(min_length=1)
    divide: list[str] = Field(default_factory=list)
    start: Ref = 0.0
    years: Ref | None = None

    def refs(self) -> list[str]:
        """Names of the inputs this term uses."""
        out = [*self.times, *self.divide]
        out += [r for r in (self.start, self.years) if isinstance(r, str)]
        return out


class LedgerSpec(_Model):
    """The structure of the ledger: which inputs are the horizon, the discount rate, the
    credibility of the offer, the cap, when the package starts, and the terms."""

    horizon: Ref
    discount_rate: Ref
    credibility: Ref
    cap: Ref
    package_start: Ref = 0.0
    terms: list[TermSpec] = Field(min_length=1)

    def refs(self) -> list[str]:
        """Names of every input the ledger uses."""
        out = [
            r
            for r in (
                self.horizon,
                self.discount_rate,
                self.credibility,
                self.cap,
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

    def to_dict(self) -> dict[str, object]:
        return {
            "losses_pv": self.losses_pv,
            "gains_pv": self.gains_pv,
            "package_factor": self.package_factor,
            "price": self.price,
            "cap": self.cap,
            "terms_yearly": self.terms_yearly,
            "terms_pv": self.terms_pv,
        }


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


def _value(ref: Ref | None, values: Mapping[str, np.ndarray], n: int) -> np.ndarray | None:
    if ref is None:
        return None
    if isinstance(ref, str):
        return np.asarray(values[ref], dtype=float)
    return np.full(n, float(ref))


def _size(values: Mapping[str, np.ndarray]) -> int:
    sizes = {np.asarray(v).shape[0] for v in values.values() if np.ndim(v) > 0}
    return max(sizes) if sizes else 1


def evaluate_ledger(
    spec: LedgerSpec,
    values: Mapping[str, np.ndarray],
) -> LedgerOutcome:
    """Evaluate the ledger on draws of its inputs (``values``: name → array of draws).

    A package already on the table (an overlay's inducement) does not change the reservation
    price, only what remains to be offered (see :func:`shortfall`).
    """
    n = _size(values)
    horizon = _value(spec.horizon, values, n)
    rate = _value(spec.discount_rate, values, n)
    q = _value(spec.credibility, values, n)
    cap = _value(spec.cap, values, n)
    pkg_start = _value(spec.package_start, values, n)
    losses = np.zeros(n)
    gains = np.zeros(n)
    yearly: dict[str, np.ndarray] = {}
    pvs: dict[str, np.ndarray] = {}
    for term in spec.terms:
        amount = np.ones(n)
        for name in term.times:
            amount = amount * values[name]
        for name in term.divide:
            amount = amount / values[name]
        start = _value(term.start, values, n)
        years = _value(term.years, values, n)
        pv = amount * present_value_factor(rate, start, years, horizon)
        yearly[term.name] = amount
        pvs[term.name] = pv
        if term.side == "loss":
            losses = losses + pv
        else:
            gains = gains + pv
    factor = present_value_factor(rate, pkg_start, None, horizon)
    need = np.maximum(losses - gains, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        price = np.where(need > 0, need / (q * factor), 0.0)
    price = np.where((need > 0) & ((q * factor) <= 0), np.inf, price)
    return LedgerOutcome(
        losses_pv=losses,
        gains_pv=gains,
        package_factor=factor,
        price=price,
        cap=cap,  # type: ignore[arg-type]
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
