"""Inputs that know where they come from: evidenced figures and explicit assumptions.

Every input of a what-if is one of two kinds, and results list them apart:

* an **evidenced** input is a figure the scenario carries with its evidence, found by a path
  such as ``ties[<tie id>]`` or ``actors[<actor id>].attributes[<name>]``. The scenario's
  ``stakes:`` section names these figures (what the target holds through the partner, the
  running costs the divider could relieve, what the divider can offer); an assumptions file
  written for one scenario may also name them itself (``{target}``, ``{partner}`` and
  ``{divider}`` stand for the actors of the question). Its range follows from
  the source's hedge (``bound``) through stated *range rules*, themselves assumptions:
  ``at_least v`` → [v, k·v]; ``at_most v`` → [f·v, v]; ``about v`` → [v·(1−e), v·(1+e)];
  ``exact`` → v; an explicit ``low``/``high`` in the evidence wins over the rule;
* an **assumption** is a named distribution the analyst sets, with a rationale. Figures the
  sources do not give (the credibility of an offer, the discount rate, the horizon, the
  reputation cost of abandoning an ally, the partner's retaliation) are assumptions, never
  citations.

The assumptions file (YAML 1.2, read in safe mode and validated with pydantic; errors carry
``file:line``) holds the range rules, the evidenced inputs, the assumptions and the ledger's
structure (:class:`blocs.whatif.ledger.LedgerSpec`). The default file ships with blocs.

Examples
--------
>>> spec = load_assumptions()
>>> spec.id
'wedge-default'
>>> "credibility" in [a.name for a in spec.assumptions]
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from blocs.errors import ModelInputError, ScenarioError, UnknownNameError
from blocs.scenario.io import parse_yaml, validate_data
from blocs.scenario.model import FIGURE_PATH, Evidence, Quantity, Scenario, Stake, Stakes
from blocs.whatif.distributions import Distribution
from blocs.whatif.ledger import Factors, LedgerSpec, Ref, TermSpec

_PER_YEAR = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}
_NAME = r"^[a-z][a-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RangeRule(_Model):
    """How a source's hedge turns into a range: the factor and why it was chosen."""

    factor: float = Field(gt=0)
    rationale: str = Field(min_length=1)


class RangeRules(_Model):
    """The three range rules (``at_least`` factor k ≥ 1, ``at_most`` floor f ≤ 1,
    ``about`` relative spread e < 1)."""

    at_least: RangeRule = RangeRule(
        factor=2.0, rationale="'more than v' read as at most twice v (analyst's reading)."
    )
    at_most: RangeRule = RangeRule(
        factor=0.5, rationale="'up to v' read as at least half of v (analyst's reading)."
    )
    about: RangeRule = RangeRule(
        factor=0.15, rationale="'about v' read as within 15% of v (analyst's reading)."
    )

    @model_validator(mode="after")
    def _sensible(self) -> RangeRules:
        if self.at_least.factor < 1:
            raise ValueError("at_least.factor must be at least 1 (the range is [v, k·v])")
        if self.at_most.factor > 1:
            raise ValueError("at_most.factor must be at most 1 (the range is [f·v, v])")
        if self.about.factor >= 1:
            raise ValueError("about.factor must be below 1 (the range is v·(1 ± e))")
        return self


class EvidenceSpec(_Model):
    """An evidenced input: a name for the ledger, the path of the figure in the scenario, and
    the shape of the distribution over its derived range."""

    name: str = Field(pattern=_NAME)
    label: str = Field(min_length=1)
    path: str = Field(min_length=1)
    shape: Literal["uniform", "triangular", "loguniform"] = "uniform"
    per_year: bool = True


class AssumptionSpec(_Model):
    """An explicit assumption: a named distribution with its unit and rationale."""

    name: str = Field(pattern=_NAME)
    label: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    distribution: Distribution
    rationale: str = Field(min_length=1)


FIGURE = "{figure}"


class TermForm(Factors):
    """The factors of a stake's term; ``{figure}`` stands for the stake's own figure."""

    def refs(self) -> list[str]:
        return [r for r in super().refs() if r != FIGURE]


class StakeTemplate(_Model):
    """The ledger term a kind of stake becomes: its side, channel, and its factors for a yearly
    figure (``yearly``) and for a total spread over years (``total``)."""

    side: Literal["loss", "gain"]
    channel: str | None = None
    contingent: bool = False
    yearly: TermForm | None = None
    total: TermForm | None = None

    def refs(self) -> list[str]:
        return [r for form in (self.yearly, self.total) if form is not None for r in form.refs()]


class Correlated(_Model):
    """Inputs drawn together through a common factor (a Gaussian copula): each listed input's
    uniform number ``u`` becomes ``Φ(l·Φ⁻¹(u_factor) + √(1 − l²)·Φ⁻¹(u))``, so any two of them
    correlate with ``l²`` in normal scores and each keeps its own distribution."""

    factor: str = Field(pattern=_NAME)
    loading: float = Field(ge=0.0, lt=1.0)
    inputs: list[str] = Field(min_length=1)


class AssumptionsFile(_Model):
    """The content of an assumptions file: range rules, inputs and the ledger's structure.

    ``stake_terms`` maps each kind of stake a scenario can declare (``arms``, ``trade``,
    ``foothold`` holdings; ``cost`` for a running cost the divider could relieve) to its term;
    ``ledger.terms`` are the terms every question has (retaliation, reputation, ...). The
    ledger of one question is built from both by :func:`build_ledger`.
    """

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.+-]*$")
    title: str = Field(min_length=1)
    description: str | None = None
    ranges: RangeRules = RangeRules()
    evidence: list[EvidenceSpec] = Field(default_factory=list)
    assumptions: list[AssumptionSpec] = Field(default_factory=list)
    stake_terms: dict[str, StakeTemplate] = Field(default_factory=dict)
    correlated: Correlated | None = None
    ledger: LedgerSpec

    @model_validator(mode="after")
    def _names(self) -> AssumptionsFile:
        errors: list[str] = []
        seen: dict[str, str] = {}
        for field_name, items in (("evidence", self.evidence), ("assumptions", self.assumptions)):
            for i, item in enumerate(items):
                if item.name in seen:
                    errors.append(
                        f"{field_name}[{i}].name: '{item.name}' is already defined in"
                        f" {seen[item.name]}"
                    )
                seen[item.name] = f"{field_name}[{i}]"
        known = set(seen)
        for ref in self.ledger.refs():
            if ref not in known:
                where = _ref_location(self.ledger, ref)
                errors.append(
                    f"{where}: '{ref}' is neither an evidenced input nor an assumption"
                    " (define it under evidence or assumptions)"
                )
        if self.correlated is not None:
            for i, ref in enumerate([self.correlated.factor, *self.correlated.inputs]):
                if ref not in known:
                    where = "factor" if i == 0 else f"inputs[{i - 1}]"
                    errors.append(f"correlated.{where}: '{ref}' is not an input (define it)")
        for kind, template in self.stake_terms.items():
            if template.yearly is None and template.total is None:
                errors.append(f"stake_terms.{kind}: give a yearly or a total form (or both)")
            for ref in template.refs():
                if ref not in known:
                    errors.append(
                        f"stake_terms.{kind}: '{ref}' is not an assumption (define it under"
                        " assumptions)"
                    )
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def assumption(self, name: str) -> AssumptionSpec:
        for a in self.assumptions:
            if a.name == name:
                return a
        raise UnknownNameError(f"unknown input '{name}'")


def _ref_location(ledger: LedgerSpec, ref: str) -> str:
    for key in ("horizon", "discount_rate", "credibility", "cap", "package_start"):
        if getattr(ledger, key) == ref:
            return f"ledger.{key}"
    for i, term in enumerate(ledger.terms):
        for key in ("times", "divide"):
            values = getattr(term, key)
            if ref in values:
                return f"ledger.terms[{i}].{key}[{values.index(ref)}]"
        for key in ("start", "years"):
            if getattr(term, key) == ref:
                return f"ledger.terms[{i}].{key}"
    return "ledger"


# -- loading ----------------------------------------------------------------------------------
def default_assumptions_path() -> Path:
    """The assumptions file that ships with blocs."""
    from blocs.whatif.library import assumptions_path

    return assumptions_path()


def loads_assumptions(text: str, *, file: str = "<string>") -> AssumptionsFile:
    """An assumptions file from YAML text; errors name the file and line."""
    data, root = parse_yaml(text, file=file)
    return validate_data(AssumptionsFile, data, root, file=file)


def load_assumptions(path: str | Path | None = None) -> AssumptionsFile:
    """An assumptions file (the one shipped with blocs when ``path`` is None)."""
    path = Path(path) if path is not None else default_assumptions_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError("no such assumptions file", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    return loads_assumptions(text, file=path.name)


# -- resolved inputs ----------------------------------------------------------------------------
class _Ranged:
    """The range of an input: the support of its distribution."""

    distribution: Distribution

    @property
    def low(self) -> float:
        return self.distribution.support[0]

    @property
    def high(self) -> float:
        return self.distribution.support[1]


@dataclass(frozen=True)
class EvidencedInput(_Ranged):
    """A figure from the scenario with its evidence and the range its bound gives."""

    name: str
    label: str
    path: str
    value: float
    unit: str
    per: str | None
    bound: str
    distribution: Distribution
    range_rule: str
    source: str
    source_title: str
    paragraph: int | None
    locator: str | None
    claim: str
    kind: str = field(default="evidence", init=False)

    __json_properties__ = ("low", "high")


@dataclass(frozen=True)
class Assumption(_Ranged):
    """An analyst's input: a named distribution with its unit and rationale."""

    name: str
    label: str
    unit: str
    distribution: Distribution
    rationale: str
    evidence: tuple[Evidence, ...] = ()
    kind: str = field(default="assumption", init=False)

    __json_properties__ = ("low", "high", "median")

    @property
    def median(self) -> float:
        return self.distribution.median()


Input = EvidencedInput | Assumption
_BLOCK = 1024


def _columns(u: np.ndarray) -> np.ndarray:
    """The columns of ``u`` (draws × inputs) as contiguous rows, copied a block of draws at a
    time (a block stays in the cache; a plain transposed copy strides through all of ``u``)."""
    if u.ndim != 2 or u.shape[0] <= _BLOCK:
        return np.array(u.T, order="C")
    out = np.empty((u.shape[1], u.shape[0]))
    for start in range(0, u.shape[0], _BLOCK):
        out[:, start : start + _BLOCK] = u[start : start + _BLOCK].T
    return out


@dataclass(frozen=True)
class InputSet:
    """The inputs of one what-if, evidenced first, then assumptions, in file order."""

    evidenced: tuple[EvidencedInput, ...]
    assumptions: tuple[Assumption, ...]
    correlated: Correlated | None = None

    @property
    def all(self) -> tuple[Input, ...]:
        return (*self.evidenced, *self.assumptions)

    @property
    def names(self) -> list[str]:
        return [i.name for i in self.all]

    def get(self, name: str) -> Input:
        for i in self.all:
            if i.name == name:
                return i
        raise UnknownNameError(f"unknown input '{name}'")

    def varying(self) -> list[Input]:
        """The inputs that have a range (fixed values are left out of sensitivity analysis)."""
        return [i for i in self.all if not i.distribution.is_fixed]

    def draw(self, u: np.ndarray) -> dict[str, np.ndarray]:
        """Values of every input for uniform numbers ``u`` (shape ``(n, len(self.all))``)."""
        return self.draw_columns(_columns(np.asarray(u, dtype=float)))

    def draw_columns(self, columns: np.ndarray) -> dict[str, np.ndarray]:
        """As :meth:`draw` for uniform numbers given input by input (shape
        ``(len(self.all), n)``), computed in place: row ``j`` becomes input ``j``'s values."""
        self._correlate(columns)
        return {
            inp.name: inp.distribution.ppf(columns[j], out=columns[j])
            for j, inp in enumerate(self.all)
        }

    def _correlate(self, columns: np.ndarray) -> None:
        """Mix the common factor into the correlated inputs' uniform numbers, in place."""
        c = self.correlated
        if c is None:
            return
        from scipy.special import ndtr, ndtri

        index = {name: j for j, name in enumerate(self.names)}
        if c.factor not in index:
            return
        eps = 1e-12
        common = ndtri(np.clip(columns[index[c.factor]], eps, 1 - eps))
        own = np.sqrt(1.0 - c.loading**2)
        for name in c.inputs:
            j = index.get(name)
            if j is not None:
                z = ndtri(np.clip(columns[j], eps, 1 - eps))
                columns[j] = ndtr(c.loading * common + own * z)

    def medians(self, n: int = 1) -> dict[str, np.ndarray]:
        """Every input at its median (arrays of length ``n``)."""
        return {i.name: np.full(n, i.distribution.median()) for i in self.all}


_PATH = FIGURE_PATH


def _fill(path: str, roles: dict[str, str]) -> str:
    try:
        return path.format(**roles)
    except (KeyError, IndexError, ValueError):
        raise ModelInputError(
            f"evidence path '{path}': only {{target}}, {{partner}} and {{divider}} can be filled in"
        ) from None


def figure_at(scenario: Scenario, path: str) -> tuple[str, Quantity, Evidence]:
    """The figure a path points at, with the evidence that gives it.

    A tie's figure is the first of its evidence items that carries a quantity; an attribute's
    figure is likewise the first evidence quantity, or the attribute's own value as an exact
    figure when no evidence item carries one. Tie ids are matched without regard to case.

    >>> import blocs
    >>> path, q, ev = figure_at(blocs.load("russia-iran-2017"), "ties[rus-irn-arms]")
    >>> q.bound
    'at_least'
    """
    m = _PATH.match(path.strip())
    if not m:
        raise ModelInputError(
            f"evidence path '{path}' is not of the form ties[<id>] or"
            " actors[<id>].attributes[<name>]"
        )
    if m["tie"]:
        wanted = m["tie"].lower()
        tie = next((t for t in scenario.ties if t.id and t.id.lower() == wanted), None)
        if tie is None:
            raise ModelInputError(
                f"evidence path '{path}': scenario '{scenario.id}' has no tie with id"
                f" '{m['tie']}' (give an assumptions file written for this scenario)"
            )
        for ev in tie.evidence:
            if ev.quantity is not None:
                return f"ties[{tie.id}]", ev.quantity, ev
        raise ModelInputError(
            f"evidence path '{path}': tie '{tie.id}' has no evidence item with a quantity"
        )
    try:
        actor = scenario.actor(m["actor"])
    except KeyError as exc:
        raise ModelInputError(f"evidence path '{path}': {exc.args[0]}") from None
    attr = actor.attribute(m["attr"])
    if attr is None:
        names = ", ".join(a.name for a in actor.attributes) or "none"
        raise ModelInputError(
            f"evidence path '{path}': actor {actor.id} has no attribute '{m['attr']}'"
            f" (it has: {names})"
        )
    canonical = f"actors[{actor.id}].attributes[{attr.name}]"
    for ev in attr.evidence:
        if ev.quantity is not None:
            return canonical, ev.quantity, ev
    q = Quantity(value=attr.value, unit=attr.unit, per=attr.per, bound="exact")
    return canonical, q, attr.evidence[0]


def derived_range(quantity: Quantity, rules: RangeRules) -> tuple[float, float, str]:
    """The range (low, high) a figure's bound gives under the range rules, with the rule's text.

    >>> derived_range(Quantity(value=10.0, unit="USD", bound="at_least"), RangeRules())
    (10.0, 20.0, 'at_least v → [v, 2·v]')
    """
    v = quantity.value
    if quantity.low is not None or quantity.high is not None:
        low = quantity.low if quantity.low is not None else v
        high = quantity.high if quantity.high is not None else v
        return low, high, "stated range [low, high]"
    if quantity.bound == "at_least":
        k = rules.at_least.factor
        pair, text = (v, k * v), f"at_least v → [v, {k:g}·v]"
    elif quantity.bound == "at_most":
        f = rules.at_most.factor
        pair, text = (f * v, v), f"at_most v → [{f:g}·v, v]"
    elif quantity.bound == "about":
        e = rules.about.factor
        pair, text = (v * (1 - e), v * (1 + e)), f"about v → v·(1 ± {e:g})"
    else:
        pair, text = (v, v), "exact v"
    return min(pair), max(pair), text


def _evidenced(
    scenario: Scenario,
    rules: RangeRules,
    *,
    name: str,
    label: str,
    path: str,
    shape: str,
    per_year: bool | None,
) -> EvidencedInput:
    """An evidenced input from the figure at ``path``. ``per_year`` None: a figure given per
    month, week or day becomes yearly and a figure without a rate stays a total."""
    path, quantity, ev = figure_at(scenario, path)
    if per_year is None:
        per_year = quantity.per is not None
    low, high, rule = derived_range(quantity, rules)
    scale = _PER_YEAR.get(quantity.per or "", 1.0) if per_year else 1.0
    low, high = low * scale, high * scale
    value = quantity.value * scale
    if low == high:
        dist = Distribution(kind="fixed", value=low)
    elif shape == "triangular":
        dist = Distribution(kind="triangular", low=low, high=high, mode=min(max(value, low), high))
    elif shape == "loguniform" and low > 0:
        dist = Distribution(kind="loguniform", low=low, high=high)
    else:
        dist = Distribution(kind="uniform", low=low, high=high)
    source = scenario.source(ev.source)
    return EvidencedInput(
        name=name,
        label=label,
        path=path,
        value=value,
        unit=quantity.unit + ("/year" if per_year and quantity.per else ""),
        per="year" if per_year and quantity.per else quantity.per,
        bound=quantity.bound,
        distribution=dist,
        range_rule=rule + (f", ×{scale:g} per year" if scale != 1 else ""),
        source=source.id,
        source_title=source.title,
        paragraph=ev.paragraph,
        locator=ev.locator,
        claim=ev.claim,
    )


def stakes_roles(scenario: Scenario) -> tuple[str, str, str] | None:
    """The (divider, target, partner) the scenario's stakes are declared for: their own roles,
    else the scenario's focus; ``None`` without stakes."""
    st = scenario.stakes
    if st is None:
        return None
    focus = scenario.focus
    roles = []
    for role in ("divider", "target", "partner"):
        actor = getattr(st, role) or (getattr(focus, role) if focus is not None else None)
        if actor is None:  # pragma: no cover - the scenario validator requires one
            return None
        roles.append(actor)
    return roles[0], roles[1], roles[2]


def _stake_form(
    spec: AssumptionsFile, stake: Stake, kind: str, total: bool, where: str
) -> TermForm:
    template = spec.stake_terms.get(kind)
    if template is None:
        known = ", ".join(spec.stake_terms) or "none"
        raise ModelInputError(
            f"{where}: the assumptions file '{spec.id}' has no term for stakes of kind"
            f" '{kind}' (it has: {known})"
        )
    form = template.total if total else template.yearly
    if form is None:
        want, other = (
            ("a total", "a yearly figure (give the quantity a per)")
            if total
            else (
                "a yearly figure",
                "a total (drop the quantity's per)",
            )
        )
        raise ModelInputError(
            f"{where}: '{stake.figure}' is {want}, but a stake of kind '{kind}' needs {other}"
        )
    return form


def _fill_form(form: TermForm, figure: str) -> dict[str, Any]:
    def sub(ref: Ref | None) -> Ref | None:
        return figure if ref == FIGURE else ref

    return {
        "times": [sub(r) for r in form.times],
        "divide": [sub(r) for r in form.divide],
        "start": sub(form.start),
        "years": sub(form.years),
    }


def build_ledger(
    spec: AssumptionsFile, stakes: Stakes | None, inputs: InputSet | None = None
) -> LedgerSpec:
    """The ledger of one question: a term per declared stake (from the file's ``stake_terms``)
    beside the file's own terms, losses first: the holdings' terms, the file's loss terms, the
    costs' relief terms, the file's gain terms. Offers, when declared, are summed into the cap.
    ``inputs`` (from :func:`resolve_inputs`) tells totals from yearly figures."""
    if stakes is None:
        return spec.ledger
    per: dict[str, str | None] = {}
    if inputs is not None:
        per = {i.name: i.per for i in inputs.evidenced}
    holdings: list[TermSpec] = []
    reliefs: list[TermSpec] = []
    for path, stake in stakes.items():
        if path.startswith("stakes.offers"):
            continue
        kind = stake.kind.value if stake.kind is not None else "cost"
        total = stake.name in per and per[stake.name] is None
        form = _stake_form(spec, stake, kind, total, path)
        template = spec.stake_terms[kind]
        term = TermSpec.model_validate(
            {
                "name": stake.name,
                "label": stake.label,
                "side": template.side,
                "channel": template.channel,
                "contingent": template.contingent,
                **_fill_form(form, stake.name),
            }
        )
        (holdings if path.startswith("stakes.holdings") else reliefs).append(term)
    fixed = spec.ledger.terms
    terms = [
        *holdings,
        *(t for t in fixed if t.side == "loss"),
        *reliefs,
        *(t for t in fixed if t.side == "gain"),
    ]
    cap: Ref | list[str] = spec.ledger.cap
    if stakes.offers:
        for i, offer in enumerate(stakes.offers):
            if offer.name in per and per[offer.name] is None:
                raise ModelInputError(
                    f"stakes.offers[{i}].figure: '{offer.figure}' is a total; an offer caps a"
                    " yearly package, so its figure needs a per (year, month, ...)"
                )
        cap = [o.name for o in stakes.offers]
    return spec.ledger.model_copy(update={"terms": terms, "cap": cap})


def resolve_inputs(
    spec: AssumptionsFile,
    scenario: Scenario,
    *,
    target: str,
    partner: str,
    divider: str,
    stakes: Stakes | None = None,
) -> InputSet:
    """Resolve an assumptions file against a scenario: each evidenced input gets its figure,
    evidence and derived range; the range rules join the assumptions as fixed values.

    ``stakes`` (the scenario's, for this question) add an evidenced input per declared figure
    and the scenario's word on the assumptions (range, rationale, evidence); only the
    assumptions the question's ledger uses are kept, in file order.
    """
    roles = {"target": target, "partner": partner, "divider": divider}
    evidenced: list[EvidencedInput] = [
        _evidenced(
            scenario,
            spec.ranges,
            name=es.name,
            label=es.label,
            path=_fill(es.path, roles),
            shape=es.shape,
            per_year=es.per_year,
        )
        for es in spec.evidence
    ]
    names = {a.name for a in spec.assumptions}
    if stakes is not None:
        for path, stake in stakes.items():
            if stake.name in names or stake.name in {e.name for e in evidenced}:
                raise ModelInputError(
                    f"{path}.name: '{stake.name}' is already an input of the ledger; choose"
                    " another name"
                )
            evidenced.append(
                _evidenced(
                    scenario,
                    spec.ranges,
                    name=stake.name,
                    label=stake.label,
                    path=stake.figure,
                    shape=stake.shape,
                    per_year=None,
                )
            )
    overrides = _overrides(spec, stakes)
    assumptions = []
    for a in spec.assumptions:
        own = overrides.get(a.name, {})
        assumptions.append(
            Assumption(
                name=a.name,
                label=a.label,
                unit=a.unit,
                distribution=own.get("distribution", a.distribution),
                rationale=own.get("rationale", a.rationale),
                evidence=own.get("evidence", ()),
            )
        )
    correlated = spec.correlated
    if stakes is not None:
        partial = InputSet(evidenced=tuple(evidenced), assumptions=tuple(assumptions))
        used = set(build_ledger(spec, stakes, partial).refs())
        if correlated is not None:
            inputs_used = [n for n in correlated.inputs if n in used]
            correlated = (
                correlated.model_copy(update={"inputs": inputs_used}) if inputs_used else None
            )
            if correlated is not None:
                used.add(correlated.factor)
        assumptions = [a for a in assumptions if a.name in used]
    used_bounds = {e.bound for e in evidenced}
    for bound in ("at_least", "at_most", "about"):
        if bound in used_bounds:
            rule = getattr(spec.ranges, bound)
            assumptions.append(
                Assumption(
                    name=f"range_{bound}",
                    label=f"range rule for '{bound}' figures",
                    unit="factor",
                    distribution=Distribution(kind="fixed", value=rule.factor),
                    rationale=rule.rationale,
                )
            )
    return InputSet(
        evidenced=tuple(evidenced), assumptions=tuple(assumptions), correlated=correlated
    )


def _overrides(spec: AssumptionsFile, stakes: Stakes | None) -> dict[str, dict[str, Any]]:
    """The scenario's word on the file's assumptions, checked: name, range, rationale."""
    out: dict[str, dict[str, Any]] = {}
    if stakes is None:
        return out
    known = [a.name for a in spec.assumptions]
    for i, own in enumerate(stakes.assumptions):
        where = f"stakes.assumptions[{i}]"
        if own.name not in known:
            raise ModelInputError(
                f"{where}.name: '{own.name}' is not an assumption of '{spec.id}'"
                f" (known: {', '.join(known)})"
            )
        entry: dict[str, Any] = {"evidence": tuple(own.evidence)}
        if own.distribution is not None:
            try:
                entry["distribution"] = Distribution.model_validate(own.distribution)
            except ValidationError as exc:
                first = exc.errors()[0]
                field_path = ".".join(str(p) for p in first["loc"])
                raise ModelInputError(
                    f"{where}.distribution{'.' + field_path if field_path else ''}: {first['msg']}"
                ) from None
        if own.rationale:
            entry["rationale"] = own.rationale
        out[own.name] = entry
    return out
