"""The domain of blocs: sources, evidence, actors, blocs, ties and the scenario that holds them.

Every number in a scenario carries its evidence: a :class:`Tie` without at least one
:class:`Evidence` is invalid, and every evidence item points at a :class:`Source` the scenario
declares, at a paragraph that source has.

Examples
--------
>>> from blocs.scenario.model import Scenario
>>> s = Scenario.model_validate({
...     "id": "toy", "title": "Toy",
...     "sources": [{"id": "doc", "title": "A note", "kind": "analysis", "paragraphs": 3}],
...     "actors": [{"id": "RUS", "name": "Russia"}, {"id": "IRN", "name": "Iran"}],
...     "ties": [{"pair": ["RUS", "IRN"], "channel": "military", "strength": 0.6,
...               "rationale": "joint operations",
...               "evidence": [{"source": "doc", "paragraph": 2, "claim": "Joint war."}]}],
... })
>>> [t.strength for t in s.ties_between("IRN", "RUS")]
[0.6]

The net tie of a pair (several ties combined) is computed by :mod:`blocs.scenario.network`,
which builds on this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from blocs.errors import UnknownNameError
from blocs.scenario.channels import CHANNELS as CHANNELS  # re-exported
from blocs.scenario.channels import Channel as Channel  # re-exported
from blocs.scenario.scale import Band


class SourceKind(StrEnum):
    analysis = "analysis"
    news = "news"
    dataset = "dataset"


class ActorKind(StrEnum):
    state = "state"
    bloc = "bloc"
    armed_group = "armed_group"
    organisation = "organisation"


class CodeSystem(StrEnum):
    """The code system an actor id is written in (states are ISO 3166 alpha-3 by default)."""

    iso3 = "iso3"
    cow = "cow"
    cameo = "cameo"
    slug = "slug"


class MembershipStatus(StrEnum):
    """An actor's standing in a bloc. ``candidate``: an applicant the bloc has accepted as such;
    ``prospective``: a state the bloc is only considering (no application or accession yet)."""

    member = "member"
    observer = "observer"
    candidate = "candidate"
    prospective = "prospective"
    dialogue_partner = "dialogue_partner"


class Basis(StrEnum):
    """Whether a tie was assessed from documents, measured from a data set, or filled in from
    a stated prior where neither speaks (see :mod:`blocs.whatif.coverage`)."""

    assessed = "assessed"
    measured = "measured"
    prior = "prior"


Confidence = Literal["low", "medium", "high"]
_PERIOD_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _date_to_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return value


PeriodText = Annotated[str, Field(pattern=_PERIOD_RE.pattern)]


class Period(_Frozen):
    """When a tie or a figure holds: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` bounds, both
    optional."""

    start: PeriodText | None = None
    end: PeriodText | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _date_to_text(value)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start and self.end and self.start[:4] > self.end[:4]:
            raise ValueError(f"period starts ({self.start}) after it ends ({self.end})")
        return self

    def __str__(self) -> str:
        return f"{self.start or '…'}–{self.end or '…'}"


class Quantity(_Frozen):
    """A figure a source gives: value, unit, rate and how the source bounds it.

    ``bound`` records the source's hedge: ``at_least`` for "more than", ``at_most`` for
    "up to" or "as much as", ``about`` for "nearly" or "some". ``low``/``high`` give an explicit
    range when the source states one.
    """

    value: float
    unit: str = Field(min_length=1)
    per: Literal["year", "month", "week", "day"] | None = None
    bound: Literal["exact", "about", "at_least", "at_most"] = "exact"
    low: float | None = None
    high: float | None = None
    period: Period | None = None

    @model_validator(mode="after")
    def _range(self) -> Quantity:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self

    def per_year(self) -> float:
        """The value as a yearly rate (a monthly figure times 12); a stock stays as it is."""
        factor = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}.get(self.per or "", 1.0)
        return self.value * factor


class Source(_Frozen):
    """A document or data set that evidence points at.

    ``paragraphs`` is the number of paragraphs of a document (its non-empty lines numbered
    from 1), so that evidence pointing past the end is caught.
    """

    id: str = Field(pattern=_ID_RE.pattern)
    title: str = Field(min_length=1)
    kind: SourceKind
    publisher: str | None = None
    author: str | None = None
    date: PeriodText | None = None
    url: str | None = None
    file: str | None = None
    paragraphs: int | None = Field(default=None, ge=1)
    version: str | None = None
    cite: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _date_to_text(value)


class Evidence(_Frozen):
    """One claim in a source, in our own words, with where it stands and what figure it gives.

    Documents are located by ``paragraph``; data sets by ``locator`` (a query or row key).
    ``note`` records where the source errs or disagrees with another. ``id`` is optional and,
    when given, unique in the scenario: other files (assumptions, overlays) point at the item by
    it, so it stays stable when the item moves.
    """

    id: str | None = Field(default=None, pattern=_ID_RE.pattern)
    source: str
    paragraph: int | None = Field(default=None, ge=1)
    locator: str | None = None
    claim: str = Field(min_length=1)
    quantity: Quantity | None = None
    confidence: Confidence = "medium"
    note: str | None = None
    quote: str | None = Field(
        default=None,
        description="The source's own words, kept only in a draft for the analyst to paraphrase"
        " into `claim`; a reviewed scenario carries none.",
    )

    @model_validator(mode="after")
    def _located(self) -> Evidence:
        if self.paragraph is None and not self.locator:
            raise ValueError("evidence needs a paragraph (documents) or a locator (data sets)")
        return self


class Attribute(_Frozen):
    """A property of an actor (GDP growth, a cost it bears, a capability index) with evidence."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    value: float
    unit: str = Field(min_length=1)
    per: Literal["year", "month", "week", "day"] | None = None
    period: Period | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Actor(_Frozen):
    """A state, bloc, armed group or organisation.

    States use ISO 3166 alpha-3 ids unless ``code_system`` says otherwise; other actors use a
    short slug such as ``ISIS``.
    """

    id: str = Field(pattern=_ID_RE.pattern)
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.state
    code_system: CodeSystem | None = None
    attributes: list[Attribute] = Field(default_factory=list)

    @model_validator(mode="after")
    def _code(self) -> Actor:
        system = self.code_system or (
            CodeSystem.iso3 if self.kind == ActorKind.state else CodeSystem.slug
        )
        if system == CodeSystem.iso3 and not re.fullmatch(r"[A-Z]{3}", self.id):
            raise ValueError(f"id '{self.id}' is not an ISO 3166 alpha-3 code (three capitals)")
        if system in (CodeSystem.cow, CodeSystem.cameo):
            from blocs.scenario.crosswalk import CountryCodeError, to_iso3

            crosswalk_system = "cow_abb" if system == CodeSystem.cow else "cameo"
            try:
                to_iso3(self.id, crosswalk_system)
            except CountryCodeError as exc:
                raise ValueError(str(exc)) from None
        object.__setattr__(self, "code_system", system)
        return self

    @property
    def iso3(self) -> str | None:
        """The actor's ISO 3166 alpha-3 code, mapped through the crosswalk for COW and CAMEO
        ids (COW ``AUS`` is Austria, ``AUT``); ``None`` for non-state actors.

        >>> Actor(id="AUS", name="Austria", code_system="cow").iso3
        'AUT'
        """
        if self.code_system == CodeSystem.iso3:
            return self.id
        if self.code_system in (CodeSystem.cow, CodeSystem.cameo):
            from blocs.scenario.crosswalk import to_iso3

            system = "cow_abb" if self.code_system == CodeSystem.cow else "cameo"
            return to_iso3(self.id, system)
        return None

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


class Membership(_Frozen):
    """An actor's status in a bloc (member, observer, candidate, dialogue partner)."""

    actor: str
    bloc: str
    status: MembershipStatus
    period: Period | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Tie(_Frozen):
    """A bond between two actors in one channel: a signed strength in [-1, 1] with evidence.

    Unordered by default (``directed: false``); a directed tie runs from ``pair[0]`` to
    ``pair[1]``.
    """

    id: str | None = Field(default=None, pattern=_ID_RE.pattern)
    pair: tuple[str, str]
    channel: Channel
    strength: float = Field(ge=-1.0, le=1.0)
    rationale: str = Field(min_length=1)
    band: Band | None = None
    directed: bool = False
    basis: Basis = Basis.assessed
    period: Period | None = None
    evidence: list[Evidence] = Field(min_length=1)

    @field_validator("pair")
    @classmethod
    def _distinct(cls, pair: tuple[str, str]) -> tuple[str, str]:
        if pair[0] == pair[1]:
            raise ValueError(f"a tie needs two different actors, got {pair[0]} twice")
        return pair

    @property
    def key(self) -> tuple[str, str]:
        """The pair in canonical (sorted) order for undirected ties."""
        return self.pair if self.directed else tuple(sorted(self.pair))  # type: ignore[return-value]

    @property
    def quantities(self) -> list[Quantity]:
        """The figures this tie's evidence gives."""
        return [e.quantity for e in self.evidence if e.quantity is not None]


class Uncovered(_Frozen):
    """A pair the sources never tie, kept apart from a tie of strength zero. The lenses treat it
    as zero while nothing ties it (a measured tie or a what-if may), and
    :mod:`blocs.whatif.coverage` shows how they move when it is filled with the stated
    ``prior``: a strength in [-1, 1] with its rationale and, where a data set gives it,
    evidence."""

    pair: tuple[str, str]
    reason: str = Field(min_length=1)
    prior: float | None = Field(default=None, ge=-1.0, le=1.0)
    prior_rationale: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _stated(self) -> Uncovered:
        if self.pair[0] == self.pair[1]:
            raise ValueError(f"a pair needs two different actors, got {self.pair[0]} twice")
        if self.prior is not None and not self.prior_rationale:
            raise ValueError("a prior needs its prior_rationale (why this value)")
        return self


class Note(_Frozen):
    """A remark on the sources: an error, a contradiction, or a caveat, with its evidence."""

    topic: str = Field(min_length=1)
    text: str = Field(min_length=1)
    evidence: list[Evidence] = Field(min_length=1)


class Question(_Frozen):
    """The question a scenario's sources ask, paraphrased, with where they ask it (optional)."""

    text: str = Field(min_length=1)
    source: str | None = None
    paragraph: int | None = Field(default=None, ge=1)
    locator: str | None = None


class Focus(_Frozen):
    """The question a scenario is built to ask: can ``divider`` pull ``target`` away from
    ``partner``? It sets the headline triad and the defaults of the wedge analysis.

    ``question`` words the question as the scenario's sources pose it (paraphrased, with its
    source and paragraph); without it, :meth:`asks` composes a neutral one from the roles.

    >>> Focus(divider="USA", target="TUR", partner="RUS").asks()
    'What would it take for USA to pull TUR away from RUS?'
    """

    divider: str
    target: str
    partner: str
    question: Question | None = None

    def asks(self) -> str:
        """The question in words: the scenario's own, or one composed from the roles."""
        if self.question is not None:
            return self.question.text
        return (
            f"What would it take for {self.divider} to pull {self.target} away from {self.partner}?"
        )

    @model_validator(mode="after")
    def _distinct(self) -> Focus:
        if len({self.divider, self.target, self.partner}) != 3:
            raise ValueError("divider, target and partner must be three different actors")
        return self

    @property
    def triad(self) -> tuple[str, str, str]:
        return (self.target, self.partner, self.divider)


class Outcome(_Frozen):
    """What happened after the scenario's moment to its focus: did the target separate from the
    partner? Recorded for back-tests (``blocs backtest``), never read by a lens.

    ``separated`` is the observed answer; ``when`` the period in which it showed; ``text`` says
    what happened in our words; ``evidence`` locates it (dataset rows where possible: a
    treaty's last year in ATOP, a supplier switch in SIPRI deliveries, vote similarity after).

    >>> Outcome(separated=False, when={"start": "2018", "end": "2019"}, text="It stayed.",
    ...         evidence=[{"source": "un-votes", "locator": "RUS-IRN 2018-2019",
    ...                    "claim": "They kept voting alike."}]).separated
    False
    """

    separated: bool
    when: Period
    text: str = Field(min_length=1)
    evidence: list[Evidence] = Field(min_length=1)


from blocs.scenario.issues import Issue, Stance, check_issues  # noqa: E402

Stance.model_rebuild(_types_namespace={"Evidence": Evidence})
Issue.model_rebuild(_types_namespace={"Evidence": Evidence, "Stance": Stance})
#: A figure's place in a scenario: ``ties[<tie id>]`` or ``actors[<actor id>].attributes[<name>]``.
FIGURE_PATH = re.compile(
    r"^(?:ties\[(?P<tie>[^\]]+)\]|actors\[(?P<actor>[^\]]+)\]\.attributes\[(?P<attr>[^\]]+)\])$"
)


class StakeKind(StrEnum):
    """What a holding of the target in the partner is: each kind has its term in the ledger."""

    arms = "arms"
    trade = "trade"
    foothold = "foothold"


class FigureReading(_Frozen):
    """One plausible reading of a figure whose wording is ambiguous ("up to 150 a month"), as
    the yearly value (in the figure's unit) it implies."""

    label: str = Field(min_length=1)
    value: float = Field(ge=0)


class Stake(_Frozen):
    """A figure of the scenario that carries part of the wedge's stakes.

    ``name`` is the ledger input it becomes; ``figure`` points at a tie (its first evidence item
    with a quantity) or an actor attribute; ``kind`` (holdings only) chooses the ledger term.
    A figure without ``per`` is a total (a contract, a windfall) spread over years by the ledger;
    a figure with ``per`` is a running yearly flow. ``shape`` is the distribution over the range
    the figure's bound gives. ``loosen`` marks the holdings that end when the target merely
    loosens the partnership. ``evidence`` says why this figure carries a stake; ``readings``
    list plausible readings of an ambiguous figure, priced side by side.
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    figure: str = Field(pattern=FIGURE_PATH.pattern)
    label: str = Field(min_length=1)
    kind: StakeKind | None = None
    shape: Literal["uniform", "triangular", "loguniform"] = "uniform"
    loosen: bool = False
    readings: list[FigureReading] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class StakeAssumption(_Frozen):
    """The scenario's word on one of the ledger's assumptions: its own range (``distribution``,
    checked by the wedge analysis), its rationale, and the evidence that informs it."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    distribution: dict[str, Any] | None = None
    rationale: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Stakes(_Frozen):
    """What the wedge question puts at stake, each item pointing at a figure of the scenario.

    * ``holdings``: what the target holds through the partner and would lose by leaving it
      (arms sales, trade, a foothold the partner protects);
    * ``costs``: running costs of the target that the divider could relieve (sanctions, the
      cost of a war);
    * ``offers``: what the divider can offer, a yearly value (their sum caps the package; without
      offers the cap is the ledger's assumption);
    * ``assumptions``: the scenario's ranges, rationales and evidence for the ledger's
      assumptions (the credibility of the offer, ...).

    The roles default to the scenario's ``focus``.
    """

    divider: str | None = None
    target: str | None = None
    partner: str | None = None
    holdings: list[Stake] = Field(default_factory=list)
    costs: list[Stake] = Field(default_factory=list)
    offers: list[Stake] = Field(default_factory=list)
    assumptions: list[StakeAssumption] = Field(default_factory=list)

    def items(self) -> Iterator[tuple[str, Stake]]:
        """Every stake with its path in the file, e.g. ``stakes.holdings[0]``."""
        for field in ("holdings", "costs", "offers"):
            for i, stake in enumerate(getattr(self, field)):
                yield f"stakes.{field}[{i}]", stake


class Scenario(_Frozen):
    """Actors, blocs and ties per channel at one moment, each number with its evidence."""

    id: str = Field(pattern=_ID_RE.pattern)
    title: str = Field(min_length=1)
    draft: bool = Field(
        default=False,
        description="True for a scenario drafted by a program (e.g. `blocs extract`) and not yet"
        " reviewed: its claims quote the source and its strengths are suggestions.",
    )
    description: str | None = None
    period: Period | None = None
    size_attribute: str | None = None
    focus: Focus | None = None
    outcome: Outcome | None = None
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(min_length=1)
    memberships: list[Membership] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    not_covered: list[Uncovered] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    issues: list[Issue] = Field(
        default_factory=list,
        description="Issues the actors bargain over (blocs.scenario.issues).",
    )
    stakes: Stakes | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        errors: list[str] = []
        for field, items in (("sources", self.sources), ("actors", self.actors)):
            seen: set[str] = set()
            for i, item in enumerate(items):
                if item.id in seen:
                    errors.append(f"{field}[{i}].id: duplicate id '{item.id}'")
                seen.add(item.id)
        tie_ids: set[str] = set()
        for i, t in enumerate(self.ties):
            if t.id and t.id in tie_ids:
                errors.append(f"ties[{i}].id: duplicate id '{t.id}'")
            tie_ids.add(t.id or "")
        actors = {a.id: a for a in self.actors}
        sources = {s.id: s for s in self.sources}
        for i, t in enumerate(self.ties):
            for j, a in enumerate(t.pair):
                if a not in actors:
                    errors.append(f"ties[{i}].pair[{j}]: unknown actor '{a}'")
        for i, u in enumerate(self.not_covered):
            for j, a in enumerate(u.pair):
                if a not in actors:
                    errors.append(f"not_covered[{i}].pair[{j}]: unknown actor '{a}'")
        evidence_ids: dict[str, str] = {}
        for path, ev in self.evidence_items():
            if ev.id is None:
                continue
            if ev.id in evidence_ids:
                errors.append(
                    f"{path}.id: duplicate evidence id '{ev.id}' (also {evidence_ids[ev.id]})"
                )
            evidence_ids.setdefault(ev.id, path)
        for i, m in enumerate(self.memberships):
            if m.actor not in actors:
                errors.append(f"memberships[{i}].actor: unknown actor '{m.actor}'")
            bloc = actors.get(m.bloc)
            if bloc is None:
                errors.append(f"memberships[{i}].bloc: unknown actor '{m.bloc}'")
            elif bloc.kind != ActorKind.bloc:
                errors.append(f"memberships[{i}].bloc: actor '{m.bloc}' is not of kind bloc")
        if self.outcome is not None and self.focus is None:
            errors.append("outcome: an outcome answers the focus question; add a focus")
        if self.focus is not None:
            for role in ("divider", "target", "partner"):
                if getattr(self.focus, role) not in actors:
                    errors.append(f"focus.{role}: unknown actor '{getattr(self.focus, role)}'")
            q = self.focus.question
            if q is not None and q.source is not None:
                src = sources.get(q.source)
                if src is None:
                    errors.append(f"focus.question.source: unknown source '{q.source}'")
                elif q.paragraph is not None and src.paragraphs and q.paragraph > src.paragraphs:
                    errors.append(
                        f"focus.question.paragraph: {q.paragraph} is past the end of"
                        f" '{q.source}' ({src.paragraphs} paragraphs)"
                    )
        if self.stakes is not None:
            errors += self._stake_errors(self.stakes, actors)
        if self.size_attribute and not any(a.attribute(self.size_attribute) for a in self.actors):
            errors.append(f"size_attribute: no actor has attribute '{self.size_attribute}'")
        for path, ev in self.evidence_items():
            src = sources.get(ev.source)
            if src is None:
                errors.append(f"{path}.source: unknown source '{ev.source}'")
            elif ev.paragraph is not None and src.paragraphs and ev.paragraph > src.paragraphs:
                errors.append(
                    f"{path}.paragraph: source '{src.id}' has {src.paragraphs} paragraphs,"
                    f" not {ev.paragraph}"
                )
        errors.extend(check_issues(self))
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def _stake_errors(self, stakes: Stakes, actors: dict[str, Actor]) -> list[str]:
        errors: list[str] = []
        for role in ("divider", "target", "partner"):
            actor = getattr(stakes, role)
            if actor is not None and actor not in actors:
                errors.append(f"stakes.{role}: unknown actor '{actor}'")
            elif actor is None and self.focus is None:
                errors.append(
                    f"stakes.{role}: give the role here or name the scenario's focus"
                    " (divider, target, partner)"
                )
        seen: dict[str, str] = {}
        for path, stake in stakes.items():
            if stake.name in seen:
                errors.append(f"{path}.name: '{stake.name}' is already used by {seen[stake.name]}")
            seen.setdefault(stake.name, path)
            if path.startswith("stakes.holdings") and stake.kind is None:
                kinds = ", ".join(k.value for k in StakeKind)
                errors.append(f"{path}.kind: a holding needs a kind ({kinds})")
            problem = self.figure_problem(stake.figure)
            if problem:
                errors.append(f"{path}.figure: {problem}")
        return errors

    def figure_problem(self, path: str) -> str | None:
        """Why ``path`` (``ties[<id>]`` or ``actors[<id>].attributes[<name>]``) points at no
        figure of this scenario, or ``None`` when it does.

        >>> import blocs
        >>> blocs.load("russia-iran-2017").figure_problem("ties[no-such-tie]")
        "no tie with id 'no-such-tie'"
        """
        m = FIGURE_PATH.match(path.strip())
        if not m:
            return f"'{path}' is not of the form ties[<id>] or actors[<id>].attributes[<name>]"
        if m["tie"]:
            wanted = m["tie"].lower()
            tie = next((t for t in self.ties if t.id and t.id.lower() == wanted), None)
            if tie is None:
                return f"no tie with id '{m['tie']}'"
            if not tie.quantities:
                return f"tie '{tie.id}' has no evidence item with a quantity"
            return None
        actor = next((a for a in self.actors if a.id == m["actor"]), None)
        if actor is None:
            return f"unknown actor '{m['actor']}'"
        if actor.attribute(m["attr"]) is None:
            names = ", ".join(a.name for a in actor.attributes) or "none"
            return f"actor {actor.id} has no attribute '{m['attr']}' (it has: {names})"
        return None

    # -- navigation -------------------------------------------------------------------------
    def evidence_items(self) -> Iterator[tuple[str, Evidence]]:
        """Every evidence item with its path in the file, e.g. ``ties[3].evidence[0]``."""
        for i, actor in enumerate(self.actors):
            for j, attr in enumerate(actor.attributes):
                for k, ev in enumerate(attr.evidence):
                    yield f"actors[{i}].attributes[{j}].evidence[{k}]", ev
        for i, m in enumerate(self.memberships):
            for k, ev in enumerate(m.evidence):
                yield f"memberships[{i}].evidence[{k}]", ev
        for i, t in enumerate(self.ties):
            for k, ev in enumerate(t.evidence):
                yield f"ties[{i}].evidence[{k}]", ev
        for i, u in enumerate(self.not_covered):
            for k, ev in enumerate(u.evidence):
                yield f"not_covered[{i}].evidence[{k}]", ev
        for i, n in enumerate(self.notes):
            for k, ev in enumerate(n.evidence):
                yield f"notes[{i}].evidence[{k}]", ev
        for i, issue in enumerate(self.issues):
            for k, ev in enumerate(issue.evidence):
                yield f"issues[{i}].evidence[{k}]", ev
            for j, st in enumerate(issue.stances):
                for k, ev in enumerate(st.evidence):
                    yield f"issues[{i}].stances[{j}].evidence[{k}]", ev
        if self.outcome is not None:
            for k, ev in enumerate(self.outcome.evidence):
                yield f"outcome.evidence[{k}]", ev
        if self.stakes is not None:
            for path, stake in self.stakes.items():
                for k, ev in enumerate(stake.evidence):
                    yield f"{path}.evidence[{k}]", ev
            for i, a in enumerate(self.stakes.assumptions):
                for k, ev in enumerate(a.evidence):
                    yield f"stakes.assumptions[{i}].evidence[{k}]", ev

    def find_evidence(self, evidence_id: str) -> tuple[str, Evidence]:
        """The evidence item with this ``id`` and its path in the file.

        >>> import blocs
        >>> path, ev = blocs.load("russia-iran-2017").find_evidence("fa-19-foothold")
        >>> ev.source, ev.paragraph
        ('foreign-affairs-2017', 19)
        """
        for path, ev in self.evidence_items():
            if ev.id == evidence_id:
                return path, ev
        known = ", ".join(ev.id for _, ev in self.evidence_items() if ev.id) or "none"
        raise UnknownNameError(f"no evidence with id '{evidence_id}' (ids: {known})")

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        known = ", ".join(a.id for a in self.actors)
        raise UnknownNameError(f"unknown actor '{actor_id}' (known: {known})")

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise UnknownNameError(f"unknown source '{source_id}'")

    @property
    def actor_ids(self) -> list[str]:
        return [a.id for a in self.actors]

    def ties_between(self, a: str, b: str) -> list[Tie]:
        """All ties joining ``a`` and ``b`` in either direction, in file order."""
        return [t for t in self.ties if set(t.pair) == {a, b}]

    def current_ties(self) -> list[Tie]:
        """The ties that hold in the scenario's period (those without a period always hold);
        a tie whose period ended before the scenario starts, or starts after it ends, is
        history (kept for the record and for analogues, left out of the network)."""
        if self.period is None:
            return list(self.ties)
        start, end = self.period.start, self.period.end
        out = []
        for t in self.ties:
            p = t.period
            if p is not None and start and p.end and p.end < start[: len(p.end)]:
                continue
            if p is not None and end and p.start and p.start[: len(end)] > end:
                continue
            out.append(t)
        return out

    def size_label(self) -> str | None:
        """The size measure in words, from the size attribute itself: its name, unit and period
        (``None`` without a size attribute).

        >>> from blocs.scenario import load
        >>> load("russia-iran-2017").size_label()
        'cinc (index, 2016)'
        """
        if not self.size_attribute:
            return None
        attrs = [a for x in self.actors if (a := x.attribute(self.size_attribute)) is not None]
        units = sorted({a.unit + (f"/{a.per}" if a.per else "") for a in attrs})
        periods = sorted(
            {
                (a.period.start if a.period.start == a.period.end else str(a.period)) or ""
                for a in attrs
                if a.period is not None
            }
            - {""}
        )
        details = [" or ".join(units)] if units else []
        if periods:
            details.append(periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}")
        return self.size_attribute + (f" ({', '.join(details)})" if details else "")

    def sizes(self) -> dict[str, float]:
        """Each actor's size (``size_attribute``); actors without it are left out."""
        if not self.size_attribute:
            return {}
        out = {}
        for a in self.actors:
            attr = a.attribute(self.size_attribute)
            if attr is not None:
                out[a.id] = attr.value
        return out

    def ties_frame(self):  # -> pandas.DataFrame
        """One row per tie: id, a, b, channel, strength, directed, basis, period, evidence count.

        >>> import blocs
        >>> frame = blocs.load("russia-iran-2017").ties_frame()
        >>> {"a", "b", "channel", "strength"} <= set(frame.columns)
        True
        """
        import pandas as pd

        rows = [
            {
                "id": t.id,
                "a": t.pair[0],
                "b": t.pair[1],
                "channel": t.channel.value,
                "strength": t.strength,
                "directed": t.directed,
                "basis": t.basis.value,
                "period": str(t.period) if t.period else None,
                "rationale": t.rationale,
                "evidence": len(t.evidence),
                "sources": ", ".join(sorted({e.source for e in t.evidence})),
            }
            for t in self.ties
        ]
        return pd.DataFrame(rows)
