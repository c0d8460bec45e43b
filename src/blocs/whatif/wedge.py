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

The answer reads "a package worth about X a year (present value V) would move the target past
the threshold, given these inputs; the stated ranges spread it from Y to Z (the spread of the
inputs' ranges, not a calibrated forecast); in N% of draws no package under the cap does",
never a claim about what a leader would accept; figures in text carry two significant figures.
Beside it: the price of two levels (``loosen``: end the holdings the scenario marks ``loosen``;
``leave``: the whole ledger), each with its structural threshold; the price under each reading
of an ambiguous figure the scenario lists; and the share of the price's variance the evidenced
inputs explain (``evidence_share``, from the Sobol total indices).

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
from blocs.seeding import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    Seed,
    check_draws,
    child_seed,
    normalise_seed,
)
from blocs.whatif.baserate import BaseRateLens, base_rate_lens
from blocs.whatif.distributions import Distribution
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
    present_value: float | None = None
    evidence_share: float | None = None
    levels: tuple[WedgeLevel, ...] = ()
    readings: tuple[FigureReadingRow, ...] = ()

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
                "present_value": self.price.present_value_median,
                "feasible_median": self.price.feasible_median,
                "feasible_p10": self.price.feasible_p10,
                "feasible_p90": self.price.feasible_p90,
                "interval": "the spread of the stated ranges (10th-90th percentile of the draws),"
                " not a calibrated forecast",
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
            "present_value": self.present_value,
            "evidence_share": self.evidence_share,
            "levels": self.levels,
            "readings": self.readings,
        }


def _sig2(v: float) -> str:
    return f"{float(f'{v:.2g}'):g}"


def _usd(x: float | None) -> str:
    if x is None or not np.isfinite(x):
        return "—"
    for size, unit in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{_sig2(x / size)} {unit} USD"
    return f"{_sig2(x)} USD"


def usd(x: float | None) -> str:
    """Money as text, to two significant figures (the ledger's inputs bear no more).

    >>> usd(1.5e10), usd(13.87e9), usd(7.06e9), usd(150e6)
    ('15 billion USD', '14 billion USD', '7.1 billion USD', '150 million USD')
    """
    return _usd(x)


@dataclass(frozen=True)
class WedgeLevel:
    """The price of one level of the wedge: ``loosen`` (end one channel of cooperation, the
    holdings the scenario marks ``loosen``) or ``leave`` (exit the partnership, the whole
    ledger), with its ledger terms and its structural threshold (the rise of the divider–target
    tie the landscape needs to split the target from the partner once the level's ties are
    gone)."""

    name: str
    description: str
    terms: tuple[str, ...]
    price_median: float | None
    price_p10: float | None
    price_p90: float | None
    share_over_cap: float | None
    present_value: float | None
    structural_change: float | None
    structural_note: str
    not_computed: str | None = None

    def reading(self) -> str:
        if self.not_computed:
            return f"The price to {self.name} is not computed: {self.not_computed}."
        return (
            f"To {self.name} ({self.description}) the price is about {_usd(self.price_median)} a"
            f" year (spread of the stated ranges {_usd(self.price_p10)} to"
            f" {_usd(self.price_p90)})."
        )


@dataclass(frozen=True)
class FigureReadingRow:
    """The price with one ambiguous figure fixed at one of its plausible readings."""

    stake: str
    label: str
    value: float | None
    price_median: float
    price_p10: float
    price_p90: float
    share_over_cap: float

    def reading(self) -> str:
        return (
            f"Reading {self.stake} as {self.label}, the price is about"
            f" {_usd(self.price_median)} a year."
        )


def _capped(price: np.ndarray, cap_ceiling: float) -> np.ndarray:
    return np.where(np.isfinite(price), price, cap_ceiling)


def _ledger_function(
    inputs: InputSet, ledger: LedgerSpec, names: list[str], ceiling: float
) -> Callable[[np.ndarray], np.ndarray]:
    """The capped price as a function of the independent uniform numbers of the varying inputs
    (the others at their medians): inputs drawn together through a common factor are mixed as
    in the Monte Carlo, so the Sobol indices are those of the independent numbers."""
    position = {name: j for j, name in enumerate(inputs.names)}

    def func(u: np.ndarray) -> np.ndarray:
        columns = np.full((len(position), u.shape[0]), 0.5)
        for j, name in enumerate(names):
            columns[position[name]] = u[:, j]
        values = inputs.draw_columns(columns)
        return _capped(evaluate_ledger(ledger, values).price, ceiling)

    return func


def evidence_share(sobol: SobolResult, evidenced: set[str]) -> float | None:
    """The share of the price's variance the evidenced inputs explain: their total Sobol indices
    over the sum of all inputs' totals (negative estimates count as 0).

    >>> r = SobolResult(("a", "b"), (0.2, 0.6), (0, 0), (0.25, 0.75), (0, 0), 8, 32, 1)
    >>> evidence_share(r, {"a"})
    0.25
    """
    totals = {n: max(t, 0.0) for n, t in zip(sobol.names, sobol.total, strict=True)}
    whole = sum(totals.values())
    if whole <= 0:
        return None
    return sum(v for n, v in totals.items() if n in evidenced) / whole


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
            f"A package worth about {_usd(mc.price_median)} a year (present value about"
            f" {_usd(mc.present_value_median)}) would move {target} past the threshold of leaving"
            f" {partner} for {divider}, given these inputs; the stated ranges spread it from"
            f" {_usd(mc.price_p10)} to {_usd(mc.price_p90)} (10th to 90th percentile of the"
            " draws, the spread of the inputs' ranges, not a calibrated forecast). In"
            f" {mc.share_over_cap:.0%} of draws no package under the cap (median"
            f" {_usd(mc.cap_median)} a year) does"
        )
        if mc.feasible_median is not None and mc.share_over_cap > 0:
            answer += f"; in the others the price is about {_usd(mc.feasible_median)} a year"
        answer += "."
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
    draws: int = DEFAULT_DRAWS,
    seed: Seed = DEFAULT_SEED,
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
    check_draws(draws)
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
    levels: tuple[WedgeLevel, ...] = ()
    if ledger_run is not None:
        levels = _levels(
            scenario,
            ledger_run,
            stakes if isinstance(stakes, Stakes) else None,
            s_lens,
            roles=(divider, target, partner),
            structural=structural,
        )
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
        present_value=ledger_run.mc.present_value_median if ledger_run is not None else None,
        evidence_share=ledger_run.evidence_share if ledger_run is not None else None,
        levels=levels,
        readings=ledger_run.readings if ledger_run is not None else (),
    )


def _levels(
    scenario: Scenario,
    run: _LedgerRun,
    stakes: Stakes | None,
    s_lens: StructuralLens | None,
    *,
    roles: tuple[str, str, str],
    structural: bool,
) -> tuple[WedgeLevel, ...]:
    divider, target, partner = roles
    mc = run.mc
    leave = WedgeLevel(
        name="leave",
        description="exit the partnership: every term of the ledger",
        terms=tuple(t.name for t in run.ledger.terms),
        price_median=mc.price_median,
        price_p10=mc.price_p10,
        price_p90=mc.price_p90,
        share_over_cap=mc.share_over_cap,
        present_value=mc.present_value_median,
        structural_change=s_lens.flip.change if s_lens is not None else None,
        structural_note="the divider–target tie's rise for the landscape's global minimum to"
        " split the target from the partner",
    )
    if run.loosen is None:
        loosen = WedgeLevel(
            name="loosen",
            description="end one channel of cooperation",
            terms=(),
            price_median=None,
            price_p10=None,
            price_p90=None,
            share_over_cap=None,
            present_value=None,
            structural_change=None,
            structural_note="",
            not_computed="no holding in the scenario's stakes is marked loosen: true",
        )
        return (loosen, leave)
    lo = run.loosen
    dropped = {
        st.figure[len("ties[") : -1].lower()
        for st in (stakes.holdings if stakes else [])
        if st.loosen and st.figure.startswith("ties[")
    }
    change = None
    note = "structural lens not computed (structural=False)"
    if structural:
        kept = [t for t in scenario.ties if not (t.id and t.id.lower() in dropped)]
        try:
            flip = structural_lens(
                scenario.model_copy(update={"ties": kept}),
                divider=divider,
                target=target,
                partner=partner,
            ).flip
            change = flip.change
            note = (
                f"without the tie(s) {', '.join(sorted(dropped))}, the divider–target tie's rise"
                " for the landscape's global minimum to split the target from the partner"
                if dropped
                else "the loosened holdings are not ties, so the structure is as for leaving"
            )
        except ModelInputError as exc:
            note = f"structural lens skipped: {exc}"
    loosen = WedgeLevel(
        name="loosen",
        description="end one channel of cooperation: " + ", ".join(run.loosen_terms),
        terms=run.loosen_terms,
        price_median=lo.price_median,
        price_p10=lo.price_p10,
        price_p90=lo.price_p90,
        share_over_cap=lo.share_over_cap,
        present_value=lo.present_value_median,
        structural_change=change,
        structural_note=note,
    )
    return (loosen, leave)


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
    loosen: MonteCarloResult | None
    loosen_terms: tuple[str, ...]
    readings: tuple[FigureReadingRow, ...]
    evidence_share: float | None


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
        unit = Distribution(kind="uniform", low=0.0, high=1.0)
        sob = sobol_indices(
            func,
            names,
            [unit] * len(names),
            base_samples=sobol_samples,
            seed=child_seed(np.random.default_rng(seed)),
        )
    medians = {i.name: i.distribution.median() for i in inputs.all}
    in_ledger = set(ledger.refs())
    at_medians, rows = tornado(
        lambda v: evaluate_ledger(ledger, v).price,
        medians,
        [(i.name, i.label, i.kind, i.low, i.high) for i in varying if i.name in in_ledger],
    )
    lens = LedgerLens(
        formula=(
            "P* = max(0, PV(losses) − PV(gains) − q · PV(gains that come with the deal))"
            " / (q · PV(1 USD/yr from package start to horizon)); continuous discounting;"
            " arms and trade at their margins; the foothold net of the running cost saved;"
            " loss shares drawn together through the rupture's severity"
        ),
        terms=tuple(mc.terms),
        losses_pv_median=mc.losses_pv_median,
        gains_pv_median=mc.gains_pv_median,
        stake_yearly_median=mc.stake_yearly_median,
        price_at_medians=at_medians,
    )
    horizon = medians.get(ledger.horizon) if isinstance(ledger.horizon, str) else None
    horizon = float(horizon if horizon is not None else ledger.horizon)
    loosen = None
    loosen_names = [st.name for st in (stakes.holdings if stakes else []) if st.loosen]
    if loosen_names:
        terms = [t for t in ledger.terms if t.name in loosen_names]
        loosen = simulate(
            inputs, ledger.model_copy(update={"terms": terms}), draws=draws, seed=seed
        )
    readings = []
    for _path, stake in stakes.items() if stakes else []:
        for reading in stake.readings:
            fixed = _fixed(inputs, stake.name, reading.value)
            run = simulate(fixed, ledger, draws=draws, seed=seed)
            readings.append(
                FigureReadingRow(
                    stake=stake.name,
                    label=reading.label,
                    value=reading.value,
                    price_median=run.price_median,
                    price_p10=run.price_p10,
                    price_p90=run.price_p90,
                    share_over_cap=run.share_over_cap,
                )
            )
        if stake.readings:
            stated = inputs.get(stake.name)
            readings.insert(
                len(readings) - len(stake.readings),
                FigureReadingRow(
                    stake=stake.name,
                    label=f"the stated range {_usd(stated.low)} to {_usd(stated.high)}",
                    value=None,
                    price_median=mc.price_median,
                    price_p10=mc.price_p10,
                    price_p90=mc.price_p90,
                    share_over_cap=mc.share_over_cap,
                ),
            )
    share = evidence_share(sob, {i.name for i in inputs.evidenced}) if sob else None
    return _LedgerRun(
        inputs,
        ledger,
        mc,
        lens,
        sob,
        rows,
        horizon,
        loosen,
        tuple(loosen_names),
        tuple(readings),
        share,
    )


def _fixed(inputs: InputSet, name: str, value: float) -> InputSet:
    """The same inputs with one of them fixed at ``value`` (its column of draws is kept, so the
    others draw the same numbers)."""
    import dataclasses

    fixed = Distribution(kind="fixed", value=value)

    def swap(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            dataclasses.replace(i, distribution=fixed) if i.name == name else i for i in items
        )

    return dataclasses.replace(
        inputs, evidenced=swap(inputs.evidenced), assumptions=swap(inputs.assumptions)
    )


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
