"""The back-test: each lens's verdict on a historical case's snapshot beside what happened.

For every scenario with a recorded :class:`~blocs.scenario.model.Outcome` (did the target
separate from the partner?), the lenses read the snapshot (the years *before* the outcome) and
say whether the target separates, at what price, with what probability:

* **balance** (:func:`blocs.models.balance.frustration_index`, weighted, on the overall net
  ties): the target separates when the optimal two-camp split puts it apart from the partner;
* **landscape** (:func:`blocs.whatif.structural.structural_lens`): the target separates when
  the lowest-energy configuration already puts it apart from the partner; the price is the flip
  threshold, how far the divider–target tie must rise (tie units) for it to leave;
* **base rate** (:func:`blocs.whatif.baserate.base_rate_lens`): the probability that an alliance
  like the target's with the partner is abandoned within the horizon (from the snapshot's end to
  the outcome's end) with an outside option, from ATOP 4.01 membership spells *censored at the
  snapshot's last year* (no hindsight); the target separates when it is at least 0.5;
* **bargaining** (:func:`blocs.whatif.bargain_lens.bargain_lens`): the target separates when a
  bargain exists, the divider's concession on the scenario's issues outweighing what the target
  gives up and what the partner bids back; the probability is the share of draws in which it
  exists, the price the concession (share of the way to the target's positions); not computed
  when the scenario declares no issues;
* **ledger** (:func:`blocs.whatif.wedge.wedge`): a price a year for the divider, never a yes or
  no, so it is reported and not scored; not computed when the scenario lacks the ties and
  figures the ledger needs (its stakes).

A lens *hits* when its verdict equals the observed outcome, *misses* when it differs, and gives
*no verdict* when it cannot answer (not computed, or an actor outside its network). The rules
are fixed before looking at the outcomes and are the same for every case.

Examples
--------
>>> from blocs.whatif.backtest import LensVerdict
>>> LensVerdict("landscape", separates=False, detail="RUS sits with IRN").reading()
'The landscape lens predicts that the target stays with the partner (RUS sits with IRN).'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blocs.errors import BlocsError
from blocs.results import NotComputed
from blocs.scenario.model import Scenario
from blocs.whatif.wedge import usd

LENSES: tuple[str, ...] = ("balance", "landscape", "base_rate", "bargaining", "ledger")


@dataclass(frozen=True)
class LensVerdict:
    """One lens's answer on a snapshot: does the target separate (None: a price, no verdict),
    with what probability, at what price."""

    lens: str
    separates: bool | None
    probability: float | None = None
    price: float | None = None
    price_unit: str | None = None
    detail: str = ""

    def reading(self) -> str:
        if self.separates is None:
            what = "gives a price, not a verdict"
        elif self.separates:
            what = "predicts that the target separates from the partner"
        else:
            what = "predicts that the target stays with the partner"
        tail = f" ({self.detail})" if self.detail else ""
        return f"The {self.lens.replace('_', ' ')} lens {what}{tail}."


@dataclass(frozen=True)
class Observed:
    """What happened: separated or not, when, and the evidence (source: locator or ¶)."""

    separated: bool
    when: str
    text: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CaseResult:
    """One case: the snapshot's lens verdicts beside the observed outcome."""

    scenario: str
    title: str
    divider: str
    target: str
    partner: str
    snapshot: str
    question: str
    predicted: dict[str, LensVerdict | NotComputed]
    observed: Observed

    def hit(self, lens: str) -> bool | None:
        """Whether ``lens`` got the outcome right (None: no verdict)."""
        v = self.predicted.get(lens)
        if not isinstance(v, LensVerdict) or v.separates is None:
            return None
        return v.separates == self.observed.separated

    def reading(self) -> str:
        did = "separated from" if self.observed.separated else "stayed with"
        scored = [(lens, self.hit(lens)) for lens in self.predicted]
        hits = [lens for lens, h in scored if h is True]
        misses = [lens for lens, h in scored if h is False]
        return (
            f"In {self.scenario}, {self.target} {did} {self.partner} ({self.observed.when});"
            f" hits: {', '.join(hits) or 'none'}; misses: {', '.join(misses) or 'none'}."
        )


@dataclass(frozen=True)
class LensScore:
    """Hits, misses and cases without a verdict of one lens."""

    lens: str
    hits: int
    misses: int
    no_verdict: int

    def reading(self) -> str:
        if self.hits + self.misses == 0:
            return (
                f"The {self.lens.replace('_', ' ')} lens scored no case ({self.no_verdict}"
                " without a verdict)."
            )
        return (
            f"The {self.lens.replace('_', ' ')} lens hit {self.hits} and missed {self.misses}"
            f" of {self.hits + self.misses} scored cases ({self.no_verdict} without a verdict)."
        )


@dataclass(frozen=True)
class BacktestResult:
    """Every case with an outcome, and each lens's score."""

    cases: tuple[CaseResult, ...]
    summary: tuple[LensScore, ...]
    notes: tuple[str, ...] = field(default=())

    def reading(self) -> str:
        parts = [f"{s.lens.replace('_', ' ')} {s.hits}/{s.hits + s.misses}" for s in self.summary]
        return (
            f"Back-test on {len(self.cases)} cases with a recorded outcome; hits per scored case:"
            f" {', '.join(parts)}."
        )


def _snapshot_end(scenario: Scenario) -> int:
    if scenario.period and scenario.period.end:
        return int(scenario.period.end[:4])
    raise BlocsError(f"scenario '{scenario.id}': a back-test case needs a period with an end")


def _balance(scenario: Scenario, target: str, partner: str) -> LensVerdict | NotComputed:
    from blocs.models.balance import frustration_index
    from blocs.scenario.network import signed_graph

    g = signed_graph(scenario)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if target not in g or partner not in g:
        return NotComputed(
            f"{target} or {partner} has no net tie in the snapshot",
            remedy="add ties that join them to the network",
        )
    r = frustration_index(g, weighted=True, time_limit=20.0)
    camp = next(c for c in r.camps if target in c)
    apart = partner not in camp
    proof = "proven" if r.optimal else "best found, not proven"
    return LensVerdict(
        "balance",
        separates=apart,
        detail=(
            f"the optimal split ({proof}, frustration {r.value:.2f}) puts {target}"
            f" {'apart from' if apart else 'beside'} {partner}"
        ),
    )


def _landscape(
    scenario: Scenario, divider: str, target: str, partner: str
) -> LensVerdict | NotComputed:
    from blocs.whatif.structural import structural_lens

    try:
        lens = structural_lens(scenario, divider=divider, target=target, partner=partner)
    except BlocsError as exc:
        return NotComputed(str(exc), remedy="give every focus actor a size and a tie")
    flip = lens.flip
    if flip.apart_already:
        detail = f"the lowest-energy configuration already puts {target} apart from {partner}"
    elif flip.change is None:
        detail = f"no {divider}-{target} tie up to +1 moves {target} out of {partner}'s camp"
    else:
        detail = (
            f"{target} leaves {partner}'s camp once its tie to {divider} rises by"
            f" {flip.change:.2f} (from {flip.tie_before:+.2f})"
        )
    return LensVerdict(
        "landscape",
        separates=flip.apart_already,
        price=0.0 if flip.apart_already else flip.change,
        price_unit="tie units",
        detail=detail,
    )


def _base_rate(
    scenario: Scenario, target: str, partner: str, data: Path | None, horizon: int
) -> LensVerdict | NotComputed:
    from blocs.whatif.baserate import base_rate_lens, reference_profile

    if data is None:
        return NotComputed("no reference data given", remedy="pass --data")
    end = _snapshot_end(scenario)
    # as of the end of the snapshot's last year
    ref = reference_profile(
        data, scenario.actor(target), scenario.actor(partner), as_of=float(end) + 1.0
    )
    lens = base_rate_lens(data, horizon=float(horizon), reference=ref, censor_year=float(end) + 1.0)
    if not lens.available or lens.probability_with_inducement is None:
        return NotComputed(lens.note, remedy="pass the reference-data root with atop-v4/")
    p = float(lens.probability_with_inducement)
    return LensVerdict(
        "base_rate",
        separates=p >= 0.5,
        probability=p,
        detail=(
            f"{p:.0%} chance of abandonment within {horizon} years with an outside option"
            f" ({lens.probability:.0%} without), {lens.reference}, spells censored at {end}"
        ),
    )


def _bargaining(scenario: Scenario, seed: int) -> LensVerdict | NotComputed:
    from blocs.whatif.bargain_lens import bargain_lens

    lens = bargain_lens(scenario, draws=200, seed=seed)
    if isinstance(lens, NotComputed):
        return lens
    share = float(lens.share_exists)
    if lens.exists and lens.concession is not None:
        detail = (
            f"a bargain exists at a concession of {lens.concession:.2f} of the way to"
            f" {lens.target}'s positions, in {share:.0%} of draws"
        )
    else:
        detail = (
            f"no concession outweighs what {lens.target} gives up and {lens.partner} bids back"
            f" (a bargain exists in {share:.0%} of draws)"
        )
    return LensVerdict(
        "bargaining",
        separates=bool(lens.exists),
        probability=share,
        price=lens.concession,
        price_unit="share of the way to the target's positions",
        detail=detail,
    )


def _ledger(
    scenario: Scenario, divider: str, target: str, partner: str, data: Path | None, seed: int
) -> LensVerdict | NotComputed:
    from blocs.whatif.wedge import wedge

    try:
        r = wedge(
            scenario,
            divider=divider,
            target=target,
            partner=partner,
            draws=4000,
            sobol_samples=0,
            seed=seed,
            structural=False,
            data=None,
        )
    except BlocsError as exc:
        first = str(exc).splitlines()[0].split(" (")[0]
        return NotComputed(
            f"the ledger needs stakes the scenario does not declare: {first}",
            remedy="declare the target's stakes in the partner in the scenario",
        )
    price = r.price
    if isinstance(price, NotComputed):
        return price
    return LensVerdict(
        "ledger",
        separates=None,
        price=float(price.price_median),
        price_unit="USD a year",
        detail=(
            f"median {usd(price.price_median)} a year (spread of the stated ranges"
            f" {usd(price.price_p10)} to {usd(price.price_p90)})"
        ),
    )


def backtest_case(
    scenario: Scenario, *, data: str | Path | None = None, seed: int = 0
) -> CaseResult:
    """Every lens's verdict on one scenario with a focus and an outcome."""
    if scenario.focus is None or scenario.outcome is None:
        raise BlocsError(f"scenario '{scenario.id}' needs a focus and an outcome to be back-tested")
    f, o = scenario.focus, scenario.outcome
    root = Path(data) if data is not None else None
    end = _snapshot_end(scenario)
    horizon = max(1, int((o.when.end or o.when.start or str(end + 1))[:4]) - end)
    predicted: dict[str, LensVerdict | NotComputed] = {
        "balance": _balance(scenario, f.target, f.partner),
        "landscape": _landscape(scenario, f.divider, f.target, f.partner),
        "base_rate": _base_rate(scenario, f.target, f.partner, root, horizon),
        "bargaining": _bargaining(scenario, seed),
        "ledger": _ledger(scenario, f.divider, f.target, f.partner, root, seed),
    }
    evidence = tuple(
        f"{e.source}: {e.locator}" if e.locator else f"{e.source} ¶{e.paragraph}"
        for e in o.evidence
    )
    start = scenario.period.start if scenario.period else None
    return CaseResult(
        scenario=scenario.id,
        title=scenario.title,
        divider=f.divider,
        target=f.target,
        partner=f.partner,
        snapshot=f"{start[:4]}–{end}" if start and start[:4] != str(end) else str(end),
        question=f.asks(),
        predicted=predicted,
        observed=Observed(separated=o.separated, when=str(o.when), text=o.text, evidence=evidence),
    )


def backtest(
    scenarios: Sequence[Scenario], *, data: str | Path | None = None, seed: int = 0
) -> BacktestResult:
    """The back-test of every scenario in ``scenarios`` that records an outcome."""
    cases = tuple(
        backtest_case(s, data=data, seed=seed)
        for s in scenarios
        if s.outcome is not None and s.focus is not None
    )
    summary = []
    for lens in LENSES:
        scored = [c.hit(lens) for c in cases]
        summary.append(
            LensScore(
                lens,
                hits=sum(1 for h in scored if h is True),
                misses=sum(1 for h in scored if h is False),
                no_verdict=sum(1 for h in scored if h is None),
            )
        )
    return BacktestResult(cases=cases, summary=tuple(summary))
