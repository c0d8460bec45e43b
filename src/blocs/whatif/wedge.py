"""The wedge price: what it would take a divider to pull a target away from its partner.

Three lenses, one answer with its disagreements:

* the **ledger** (:mod:`blocs.whatif.ledger`): the smallest yearly package that outweighs what the
  target loses by leaving, from evidenced figures and stated assumptions, as a distribution over
  Monte Carlo draws (:mod:`blocs.whatif.montecarlo`), with Sobol indices and a tornado table
  (:mod:`blocs.whatif.sensitivity`);
* the **structure** (:mod:`blocs.whatif.structural`): how far the divider–target tie must move
  for the landscape model to put the target outside the partner's camp;
* the **base rate** (:mod:`blocs.whatif.baserate`): how often alliances of this kind were
  abandoned, with and without an outside option, from ATOP.

The answer reads "a package worth about X a year (80% interval Y–Z) would move the target past
the threshold, given these inputs; in N% of draws no package under the cap does", never a claim
about what a leader would accept.

Examples
--------
>>> import blocs
>>> r = wedge(blocs.load("russia-iran-2017"), divider="USA", target="RUS", partner="IRN",
...           draws=2000, sobol_samples=2**6, seed=1, structural=False)
>>> r.price.seed
1
>>> r.answer.startswith("A package worth about")
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from blocs.errors import ModelInputError
from blocs.results import NotComputed, html_of, to_jsonable
from blocs.scenario.model import Scenario, Stakes
from blocs.seeding import Seed, child_seed, normalise_seed
from blocs.whatif.baserate import BaseRateLens, base_rate_lens
from blocs.whatif.inputs import (
    Assumption,
    AssumptionsFile,
    EvidencedInput,
    InputSet,
    build_ledger,
    load_assumptions,
    resolve_inputs,
    stakes_roles,
)
from blocs.whatif.ledger import LedgerSpec, evaluate_ledger
from blocs.whatif.montecarlo import MonteCarloResult, Progress, TermSummary, simulate
from blocs.whatif.overlay import (
    Overlay,
    OverlayResult,
    apply_overlay,
    load_overlay,
    offered_package,
)
from blocs.whatif.sensitivity import SobolResult, TornadoRow, sobol_indices, tornado
from blocs.whatif.structural import StructuralLens, structural_lens


@dataclass(frozen=True)
class LedgerLens:
    """The ledger's structure as used: formula, terms with their medians, and the summary."""

    formula: str
    terms: tuple[TermSummary, ...]
    losses_pv_median: float
    gains_pv_median: float
    stake_yearly_median: float
    price_at_medians: float


@dataclass(frozen=True)
class WedgeResult:
    """Everything the wedge analysis reports (see the module docstring).

    ``price`` holds the distribution summary (median, 10th/90th percentiles, share of draws over
    the cap, the seed); ``evidenced`` and ``assumptions`` list the inputs apart.
    """

    scenario_id: str
    divider: str
    target: str
    partner: str
    answer: str
    disagreements: tuple[str, ...]
    price: MonteCarloResult | NotComputed
    ledger: LedgerLens | NotComputed
    structural: StructuralLens | None
    structural_note: str
    base_rate: BaseRateLens
    sobol: SobolResult | None
    tornado: tuple[TornadoRow, ...]
    evidenced: tuple[EvidencedInput, ...]
    assumptions: tuple[Assumption, ...]
    assumptions_file: str
    overlay: OverlayResult | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def seed(self) -> int | None:
        return None if isinstance(self.price, NotComputed) else self.price.seed

    @property
    def computed(self) -> bool:
        """Whether the ledger's price was computed (the scenario declares its stakes)."""
        return not isinstance(self.price, NotComputed)

    def reading(self) -> str:
        """One sentence: the price with its interval, and the inputs that move it most."""
        drivers = ", ".join(r.label for r in self.tornado[:3])
        return f"Wedge price: {self.answer}" + (f" Main drivers: {drivers}." if drivers else "")

    def _repr_html_(self) -> str | None:
        """The wedge result as an HTML fragment in notebooks (rendered by the report)."""
        return html_of(self)

    def __json__(self) -> dict[str, Any]:
        summary: dict[str, Any] | None = None
        ledger: Any = self.ledger
        if isinstance(self.price, MonteCarloResult) and isinstance(self.ledger, LedgerLens):
            summary = {
                "median": self.price.price_median,
                "p10": self.price.price_p10,
                "p90": self.price.price_p90,
                "share_over_cap": self.price.share_over_cap,
                "share_free": self.price.share_free,
                "cap_median": self.price.cap_median,
                "offered": self.price.offered,
                "share_offer_enough": self.price.share_offer_enough,
                "unit": "USD/year",
            }
            ledger = {**to_jsonable(self.ledger), "monte_carlo": to_jsonable(self.price)}
        return {
            "scenario": self.scenario_id,
            "divider": self.divider,
            "target": self.target,
            "partner": self.partner,
            "seed": self.seed,
            "answer": self.answer,
            "disagreements": list(self.disagreements),
            "summary": summary,
            "lenses": {
                "ledger": ledger,
                "structural": self.structural,
                "structural_note": self.structural_note,
                "base_rate": self.base_rate,
            },
            "sensitivity": {"sobol": self.sobol, "tornado": self.tornado},
            "evidenced": self.evidenced,
            "assumptions": self.assumptions,
            "assumptions_file": self.assumptions_file,
            "overlay": self.overlay,
            "notes": self.notes,
        }


def _usd(x: float | None) -> str:
    if x is None or not np.isfinite(x):
        return "—"
    for size, unit in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{x / size:.3g} {unit} USD"
    return f"{x:.3g} USD"


def usd(x: float | None) -> str:
    """Money as text: ``usd(1.5e10) == '15 billion USD'``.

    >>> usd(1.5e10)
    '15 billion USD'
    """
    return _usd(x)


def _capped(price: np.ndarray, cap_ceiling: float) -> np.ndarray:
    return np.where(np.isfinite(price), price, cap_ceiling)


def _ledger_function(
    inputs: InputSet, ledger: LedgerSpec, names: list[str], ceiling: float
) -> Callable[[np.ndarray], np.ndarray]:
    medians = {i.name: i.distribution.median() for i in inputs.all}

    def func(x: np.ndarray) -> np.ndarray:
        n = x.shape[0]
        values = {k: np.full(n, v) for k, v in medians.items()}
        for j, name in enumerate(names):
            values[name] = x[:, j]
        return _capped(evaluate_ledger(ledger, values).price, ceiling)

    return func


def _answer(
    mc: MonteCarloResult | None,
    target: str,
    partner: str,
    divider: str,
    structural: StructuralLens | None,
    base: BaseRateLens,
) -> tuple[str, tuple[str, ...]]:
    answer = ""
    if mc is not None:
        answer = (
            f"A package worth about {_usd(mc.price_median)} a year (80% interval"
            f" {_usd(mc.price_p10)}–{_usd(mc.price_p90)}) would move {target} past the threshold"
            f" of leaving {partner} for {divider}, given these inputs; in"
            f" {mc.share_over_cap:.0%} of draws no package under the cap"
            f" (median {_usd(mc.cap_median)} a year) does."
        )
    if mc is not None and mc.offered > 0 and mc.share_offer_enough is not None:
        answer += (
            f" The package already on the table ({_usd(mc.offered)} a year) suffices in"
            f" {mc.share_offer_enough:.0%} of draws."
        )
    disagreements: list[str] = []
    if structural is not None:
        f = structural.flip
        if f.change is None:
            disagreements.append(
                f"Structure: no {divider}–{target} tie up to +1 takes {target} out of"
                f" {partner}'s camp in the landscape's global minimum, whatever the ledger says."
            )
        elif f.apart_already:
            disagreements.append(
                f"Structure: the landscape already puts {target} apart from {partner}; the"
                " ledger's price is then the price of keeping it so."
            )
        else:
            text = (
                f"Structure: the {divider}–{target} tie must rise by {f.change:.2f} (from"
                f" {f.tie_before:+.2f} to {f.tie_after:+.2f}) for the global minimum to split"
                f" {target} from {partner}"
            )
            if f.all_minima_change is None:
                text += ", and no tie up to +1 does it in every local minimum"
            else:
                text += f" ({f.all_minima_change:.2f} for every local minimum)"
            if structural.price_equivalent is not None and mc is not None:
                ratio = structural.price_equivalent / mc.price_median if mc.price_median else None
                text += (
                    f"; on the ledger's scale that is about {_usd(structural.price_equivalent)}"
                    " a year"
                )
                if ratio is not None and (ratio < 0.5 or ratio > 2):
                    text += f", {'far below' if ratio < 0.5 else 'far above'} the ledger's median"
                else:
                    text += ", close to the ledger's median"
            disagreements.append(text + ".")
    if base.available and base.probability is not None:
        p0 = base.probability
        p1 = base.probability_with_inducement
        text = (
            f"Base rate: alliances like this one ended by a member's own act within"
            f" {base.horizon:.0f} years with probability {p0:.0%} (ATOP, Cox model)"
        )
        if p1 is not None:
            direction = "higher" if p1 > p0 else "lower"
            text += (
                f"; with an outside alliance (the data's only proxy for an inducement) it is"
                f" {p1:.0%}, {direction}"
            )
            if p1 <= p0:
                text += ", so the record does not show outside options prying allies loose"
        disagreements.append(text + ".")
    elif not base.available:
        disagreements.append(f"Base rate: {base.note}.")
    return answer, tuple(disagreements)


def question_roles(
    scenario: Scenario,
    divider: str | None = None,
    target: str | None = None,
    partner: str | None = None,
) -> tuple[str, str, str]:
    """The (divider, target, partner) of a wedge question: those given, the others from the
    scenario's ``focus``; a clear error naming the missing field when neither gives a role.

    >>> import blocs
    >>> question_roles(blocs.load("russia-iran-2017"))
    ('USA', 'RUS', 'IRN')
    """
    given = {"divider": divider, "target": target, "partner": partner}
    focus = scenario.focus
    roles: dict[str, str] = {}
    for role, actor in given.items():
        if actor is None and focus is not None:
            actor = getattr(focus, role)
        if actor is None:
            raise ModelInputError(
                f"{role}: scenario '{scenario.id}' has no focus to take it from; give the"
                f" {role} or add focus: {{divider: ..., target: ..., partner: ...}} to the"
                " scenario"
            )
        roles[role] = actor
    ids = scenario.actor_ids
    for role, actor in roles.items():
        if actor not in ids:
            raise ModelInputError(
                f"{role}: scenario '{scenario.id}' has no actor '{actor}' (known: {', '.join(ids)})"
            )
    if len(set(roles.values())) != 3:
        raise ModelInputError("divider, target and partner must be three different actors")
    return roles["divider"], roles["target"], roles["partner"]


def question_stakes(
    scenario: Scenario, spec: AssumptionsFile, roles: tuple[str, str, str]
) -> Stakes | NotComputed | None:
    """The scenario's stakes for this question, ``None`` when the assumptions file names its own
    figures (a file written for one scenario), or :class:`NotComputed` saying what to add."""
    declared = stakes_roles(scenario)
    if scenario.stakes is None or declared is None:
        if spec.evidence:
            return None
        return NotComputed(
            f"scenario '{scenario.id}' declares no stakes, so the ledger has no figure for what"
            f" {roles[1]} would lose by leaving {roles[2]}",
            remedy=(
                "add a stakes: section naming the ties and attributes that carry the target's"
                " stake in the partner (see docs/scenario-coding.md, Stakes)"
            ),
        )
    if declared != roles:
        d, t, p = declared
        return NotComputed(
            f"the scenario's stakes are declared for {d} pulling {t} away from {p}, not for"
            f" {roles[0]} pulling {roles[1]} away from {roles[2]}",
            remedy="ask the question the stakes are declared for, or declare stakes for this one",
        )
    if not scenario.stakes.holdings:
        return NotComputed(
            f"the scenario's stakes name no holding of {roles[1]} in {roles[2]}",
            remedy="add stakes.holdings (arms, trade or foothold figures)",
        )
    return scenario.stakes


def wedge(
    scenario: Scenario,
    *,
    divider: str | None = None,
    target: str | None = None,
    partner: str | None = None,
    overlay: Overlay | str | Path | None = None,
    assumptions: AssumptionsFile | str | Path | None = None,
    draws: int = 20_000,
    seed: Seed = None,
    sobol_samples: int = 2**10,
    structural: bool = True,
    data: str | Path | None = None,
    as_of: float | None = None,
    progress: Progress | None = None,
) -> WedgeResult:
    """The wedge price of pulling ``target`` away from ``partner`` for ``divider``.

    The roles default to the scenario's ``focus``. The ledger's figures come from the
    scenario's ``stakes`` (without them the ledger lens is :class:`NotComputed` and the other
    lenses still run). ``overlay`` (an :class:`Overlay`, a file or an example's name) is
    applied first; its inducements count as a package already on the table. ``assumptions``
    defaults to the file shipped with blocs. ``draws`` Monte Carlo draws and ``sobol_samples``
    Sobol base samples (a power of two; 0 skips Sobol) use ``seed``. ``data`` is the folder of
    reference data holding ``atop-v4/`` (the base-rate lens is skipped with a note without
    it). ``as_of`` is the year of the question (default: the end of the scenario's period).
    """
    divider, target, partner = question_roles(scenario, divider, target, partner)
    rng, recorded = normalise_seed(seed)
    mc_seed = recorded if recorded is not None else child_seed(rng)
    applied = None
    if overlay is not None:
        ov = overlay if isinstance(overlay, Overlay) else load_overlay(overlay)
        applied = apply_overlay(scenario, ov)
        scenario = applied.scenario
    spec = (
        assumptions if isinstance(assumptions, AssumptionsFile) else load_assumptions(assumptions)
    )
    stakes = question_stakes(scenario, spec, (divider, target, partner))
    ledger_run = None
    if not isinstance(stakes, NotComputed):
        ledger_run = _run_ledger(
            scenario,
            spec,
            stakes,
            roles=(divider, target, partner),
            draws=draws,
            seed=mc_seed,
            sobol_samples=sobol_samples,
            progress=progress,
        )
    stake_yearly = ledger_run.mc.stake_yearly_median if ledger_run is not None else None
    s_lens = None
    s_note = "structural lens not computed (structural=False)"
    if structural:
        try:
            s_lens = structural_lens(
                scenario,
                divider=divider,
                target=target,
                partner=partner,
                stake_yearly=stake_yearly,
            )
            s_note = s_lens.scale_note
        except ModelInputError as exc:
            s_note = f"structural lens skipped: {exc}"
    horizon = ledger_run.horizon if ledger_run is not None else _median_horizon(spec)
    year = as_of
    if year is None and scenario.period is not None:
        end = scenario.period.end or scenario.period.start
        year = float(end[:4]) if end else None
    base = _base_rate(
        data, scenario=scenario, target=target, partner=partner, horizon=horizon, as_of=year
    )
    if ledger_run is not None:
        mc = ledger_run.mc
        answer, disagreements = _answer(mc, target, partner, divider, s_lens, base)
    else:
        assert isinstance(stakes, NotComputed)
        answer = f"The ledger's price is not computed: {stakes.reason} ({stakes.remedy})."
        _, disagreements = _answer(None, target, partner, divider, s_lens, base)
    notes = []
    if applied is not None:
        notes.append(f"overlay '{applied.overlay_id}' applied: {len(applied.changes)} changes")
    return WedgeResult(
        scenario_id=scenario.id,
        divider=divider,
        target=target,
        partner=partner,
        answer=answer,
        disagreements=disagreements,
        price=ledger_run.mc if ledger_run is not None else stakes,  # type: ignore[arg-type]
        ledger=ledger_run.lens if ledger_run is not None else stakes,  # type: ignore[arg-type]
        structural=s_lens,
        structural_note=s_note,
        base_rate=base,
        sobol=ledger_run.sobol if ledger_run is not None else None,
        tornado=tuple(ledger_run.tornado) if ledger_run is not None else (),
        evidenced=tuple(ledger_run.inputs.evidenced) if ledger_run is not None else (),
        assumptions=tuple(ledger_run.inputs.assumptions) if ledger_run is not None else (),
        assumptions_file=spec.id,
        overlay=applied,
        notes=tuple(notes),
    )


def _median_horizon(spec: AssumptionsFile) -> float:
    h = spec.ledger.horizon
    if isinstance(h, str):
        for a in spec.assumptions:
            if a.name == h:
                return float(a.distribution.median())
        return 10.0  # pragma: no cover - the file's validator requires the name
    return float(h)


@dataclass(frozen=True)
class _LedgerRun:
    inputs: InputSet
    ledger: LedgerSpec
    mc: MonteCarloResult
    lens: LedgerLens
    sobol: SobolResult | None
    tornado: list[TornadoRow]
    horizon: float


def _run_ledger(
    scenario: Scenario,
    spec: AssumptionsFile,
    stakes: Stakes | None,
    *,
    roles: tuple[str, str, str],
    draws: int,
    seed: int,
    sobol_samples: int,
    progress: Progress | None,
) -> _LedgerRun:
    divider, target, partner = roles
    inputs = resolve_inputs(
        spec, scenario, target=target, partner=partner, divider=divider, stakes=stakes
    )
    ledger = build_ledger(spec, stakes, inputs)
    offered = offered_package(scenario, divider=divider, target=target)
    mc = simulate(inputs, ledger, draws=draws, seed=seed, offered=offered, progress=progress)
    # sensitivity: Sobol on the varying inputs, tornado on every varying input
    varying = inputs.varying()
    names = [i.name for i in varying]
    ceiling = float(np.nanmax(np.where(np.isfinite(mc.prices), mc.prices, 0.0))) * 10 or 1.0
    sob = None
    if sobol_samples and names:
        func = _ledger_function(inputs, ledger, names, ceiling)
        sob = sobol_indices(
            func,
            names,
            [i.distribution for i in varying],
            base_samples=sobol_samples,
            seed=child_seed(np.random.default_rng(seed)),
        )
    medians = {i.name: i.distribution.median() for i in inputs.all}
    at_medians, rows = tornado(
        lambda v: evaluate_ledger(ledger, v).price,
        medians,
        [(i.name, i.label, i.kind, i.low, i.high) for i in varying],
    )
    lens = LedgerLens(
        formula=(
            "P* = max(0, PV(losses) − PV(gains)) / (q · PV(1 USD/yr from package start to"
            " horizon)); continuous discounting"
        ),
        terms=tuple(mc.terms),
        losses_pv_median=mc.losses_pv_median,
        gains_pv_median=mc.gains_pv_median,
        stake_yearly_median=mc.stake_yearly_median,
        price_at_medians=at_medians,
    )
    horizon = medians.get(ledger.horizon) if isinstance(ledger.horizon, str) else None
    horizon = float(horizon if horizon is not None else ledger.horizon)
    return _LedgerRun(inputs, ledger, mc, lens, sob, rows, horizon)


def _base_rate(
    data: str | Path | None,
    *,
    scenario: Scenario,
    target: str,
    partner: str,
    horizon: float,
    as_of: float | None,
) -> BaseRateLens:
    from blocs.whatif.baserate import reference_profile

    if data is None:
        return base_rate_lens(None)
    ref = reference_profile(data, scenario.actor(target), scenario.actor(partner), as_of=as_of)
    return base_rate_lens(data, horizon=horizon, reference=ref)
