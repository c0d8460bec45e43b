"""Measured ties beside assessed ones: UN votes, ATOP alliances and event data into a scenario.

:func:`measure_scenario` reads the data sets for the state pairs of a scenario, adds one
*measured* tie (``basis: measured``) per pair and data set, each with the data set as a
``Source`` (kind ``dataset``) and an ``Evidence`` item whose ``locator`` is the query and whose
``Quantity`` is the figure, and compares every measured tie with the *assessed* ties of the same
pair and channel.

Rules (each a stated choice, not a finding):

* **UN votes → diplomatic.** The strength is the Signorino–Ritter S of the pair's General
  Assembly votes over the period (:mod:`blocs.measure.votes`), which already lies in [-1, 1]:
  1 for identical votes, 0 for as much difference as agreement, -1 for opposite votes.
* **ATOP alliances → military.** The strength is :meth:`AllianceTies.strength`: the mean over
  the period's covered years of the strongest obligation in force (defence or offence 1,
  neutrality 0.5, non-aggression and consultation 0.25, none 0). Alliances give no negative
  ties; a pair without any obligation gets no tie (its measured value is reported as 0).
* **Events → political.** The strength is the pair's net cooperation share over the period,
  (cooperative − conflictual events) / all of them, from ``blocs.measure.events.dyad_summary``.
* **Ideal points → political.** The strength is the rank of the pair's ideal-point distance
  among all pairs of states in each General Assembly session opened in the period, averaged
  (+1 the closest pair, 0 the median, -1 the farthest;
  :mod:`blocs.measure.idealpoints.alignment`), from one dynamic fit of every session 1946–2020.
* Strengths are rounded to three decimals. Pairs are the state pairs that already have an
  assessed tie (or every pair of states with ``all_pairs``). A measured tie already in the
  scenario with the same id (a second run over the same period) is replaced.
* The comparison sets the measured value against the assessed net tie of the same channel
  (assessed ties only, combined by the rule of :mod:`blocs.scenario.network`) and against the
  assessed overall tie; the signs *agree* when both are non-zero and share a sign.

Measured ties add into a channel's net tie like any other; filter ties by ``basis`` to analyse
one kind alone.

Examples
--------
>>> import blocs
>>> from blocs.measure.measured_ties import measure_scenario
>>> m = measure_scenario(blocs.load("russia-iran-2017"), 2015, 2017,
...                      votes=votes_dir, alliances=atop_dir)  # doctest: +SKIP
>>> [(c.a, c.b, c.channel, c.measured, c.agree) for c in m.comparisons][:1]  # doctest: +SKIP
[('IRN', 'RUS', 'diplomatic', 0.503, True)]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from blocs.errors import BlocsError
from blocs.measure.alliances import OBLIGATION_NAMES, AllianceTies, alliance_ties
from blocs.measure.idealpoints.alignment import (
    IdealPointTie,
    ideal_point_tie,
    sessions_of_years,
)
from blocs.measure.idealpoints.cache import record_estimates
from blocs.measure.idealpoints.unga import session_year
from blocs.measure.votes import (
    UN_VOTES_SOURCE,
    VoteAgreementResult,
    read_votes,
    vote_agreement_matrix,
)
from blocs.results import NotComputed
from blocs.scenario.crosswalk import CountryCodeError
from blocs.scenario.model import (
    ActorKind,
    Basis,
    Channel,
    Evidence,
    Period,
    Quantity,
    Scenario,
    Source,
    SourceKind,
    Tie,
)
from blocs.scenario.network import net_tie


@dataclass(frozen=True)
class Comparison:
    """A measured value beside the assessed ties of the same pair and channel.

    ``assessed`` is the net of the assessed ties in ``channel`` (None without any),
    ``assessed_overall`` the pair's assessed overall tie (None without any assessed tie),
    ``measured`` the measured strength (None when the data had nothing to measure),
    ``agree`` whether measured and assessed (channel) values are non-zero with one sign
    (None when either is missing or zero).
    """

    a: str
    b: str
    channel: str
    dataset: str
    measure: str
    measured: float | None
    assessed: float | None
    assessed_ties: int
    assessed_overall: float | None
    agree: bool | None
    note: str | None = None


def signs_agree(assessed: float | None, measured: float | None) -> bool | None:
    """Whether an assessed and a measured value share a sign: ``None`` when either is missing
    or zero (zero has no sign, so zero against zero neither agrees nor disagrees).

    >>> signs_agree(0.5, 0.2), signs_agree(0.5, -0.2), signs_agree(0.0, 0.0), signs_agree(None, 1)
    (True, False, None, None)
    """
    if not assessed or not measured:
        return None
    return (assessed > 0) == (measured > 0)


@dataclass(frozen=True)
class MeasuredScenario:
    """The scenario with measured ties added, what was added, and the comparison table."""

    scenario: Scenario
    start: int
    end: int
    added: tuple[Tie, ...]
    comparisons: tuple[Comparison, ...]
    datasets: tuple[Source, ...]
    messages: tuple[str, ...] = ()

    def __json__(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "period": {"start": self.start, "end": self.end},
            "added": self.added,
            "comparisons": self.comparisons,
            "datasets": self.datasets,
            "messages": self.messages,
        }


def parse_period(text: str) -> tuple[int, int]:
    """``"2015-2017"`` → (2015, 2017); ``"2017"`` → (2017, 2017).

    >>> parse_period("2015-2017"), parse_period("2016")
    ((2015, 2017), (2016, 2016))
    """
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            start = end = int(parts[0])
        elif len(parts) == 2:
            start, end = int(parts[0]), int(parts[1])
        else:
            raise ValueError(text)
    except ValueError:
        raise BlocsError(f"years {text!r} are not YEAR or YEAR-YEAR (e.g. 2015-2017)") from None
    if start > end:
        raise BlocsError(f"years {text!r}: the period starts after it ends")
    return start, end


def _iso3_of(scenario: Scenario) -> dict[str, str]:
    """Actor id -> ISO alpha-3 code, for the scenario's states the crosswalk knows (ids in COW
    abbreviations or CAMEO codes are mapped through it, :attr:`Actor.iso3`)."""
    out = {}
    for actor in scenario.actors:
        if actor.kind != ActorKind.state:
            continue
        try:
            code = actor.iso3
        except CountryCodeError:
            continue
        if code:
            out[actor.id] = code
    return out


def _pairs(scenario: Scenario, iso: dict[str, str], all_pairs: bool) -> list[tuple[str, str]]:
    if all_pairs:
        return list(itertools.combinations(sorted(iso), 2))
    tied = {
        tuple(sorted(t.pair))
        for t in scenario.ties
        if t.basis == Basis.assessed and t.pair[0] in iso and t.pair[1] in iso
    }
    return sorted(tied)  # type: ignore[arg-type]


def assessed_only(scenario: Scenario) -> Scenario:
    """The scenario with its assessed ties only (measured ones left out)."""
    return scenario.model_copy(
        update={"ties": [t for t in scenario.ties if t.basis == Basis.assessed]}
    )


def _tie_id(a: str, b: str, what: str, start: int, end: int) -> str:
    return f"{a.lower()}-{b.lower()}-{what}-{start}-{end}"


def _vote_tie(a: str, b: str, r: VoteAgreementResult, period: Period, names: dict) -> Tie:
    o = r.overall
    s = round(o.s_score, 3)
    kappa = "undefined" if o.kappa != o.kappa else f"{o.kappa:.2f}"
    return Tie(
        id=_tie_id(a, b, "un-votes", r.start, r.end),
        pair=(a, b),
        channel=Channel.diplomatic,
        strength=s,
        rationale=(
            f"Measured: Signorino–Ritter S of UN General Assembly votes {r.start}–{r.end}"
            f" ({o.votes} roll calls on which both voted; {o.agreement:.1%} identical; kappa"
            f" {kappa}); the strength is S itself."
        ),
        basis=Basis.measured,
        period=period,
        evidence=[
            Evidence(
                source=r.source.id,
                locator=r.locator,
                claim=(
                    f"{names[a]} and {names[b]} voted alike on {o.identical} of the {o.votes}"
                    f" General Assembly roll calls of {r.start}–{r.end} on which both voted"
                    f" (S = {s})."
                ),
                quantity=Quantity(value=s, unit="S score", period=period),
                confidence="high",
            ),
            Evidence(
                source=r.source.id,
                locator=r.locator,
                claim=f"Share of identical votes: {o.agreement:.3f}.",
                quantity=Quantity(
                    value=round(o.agreement, 3), unit="share of identical votes", period=period
                ),
                confidence="high",
            ),
        ],
    )


def _ideal_point_tie(a: str, b: str, t: IdealPointTie, period: Period, names: dict) -> Tie:
    first, last = session_year(t.first_session), session_year(t.last_session)
    return Tie(
        id=_tie_id(a, b, "ideal-points", first, last),
        pair=(a, b),
        channel=Channel.political,
        strength=t.strength,
        rationale=(
            f"Measured: distance between the two states' UN General Assembly ideal points"
            f" (dynamic ordered probit), ranked among all pairs of each session {first}–{last}"
            f" and averaged over {len(t.sessions)} session(s): +1 closest, 0 median, -1 farthest."
        ),
        basis=Basis.measured,
        period=period,
        evidence=[
            Evidence(
                source=t.source.id,
                locator=t.locator,
                claim=(
                    f"{names[a]} and {names[b]} stood {t.distance:.2f} standard deviations apart"
                    f" on average in the sessions of {first}–{last}; ranked among all pairs,"
                    f" a tie of {t.strength:+.3f}."
                ),
                quantity=Quantity(value=t.strength, unit="distance rank tie", period=period),
                confidence="medium",
            )
        ],
    )


def _alliance_tie(a: str, b: str, t: AllianceTies, period: Period, names: dict) -> Tie:
    strength = round(t.strength(), 3)
    listed = ", ".join(OBLIGATION_NAMES[o] for o in t.obligations)
    treaties = ", ".join(f"ATOP {tr.atopid}" for tr in t.treaties)
    covered = [y.year for y in t.covered_years]
    return Tie(
        id=_tie_id(a, b, t.source.id, t.start, t.end),
        pair=(a, b),
        channel=Channel.military,
        strength=strength,
        rationale=(
            f"Measured: ATOP alliance obligations in force {covered[0]}–{covered[-1]}: {listed}"
            + (f" ({treaties})" if treaties else "")
            + "; each year scores its strongest obligation (defence or offence 1, neutrality"
            " 0.5, non-aggression or consultation 0.25) and the strength is their mean."
        ),
        basis=Basis.measured,
        period=period,
        evidence=[
            Evidence(
                source=t.source.id,
                locator=t.locator,
                claim=(
                    f"{names[a]} and {names[b]} were allied in {t.allied_years} of the"
                    f" {len(covered)} years {covered[0]}–{covered[-1]} covered by the data,"
                    f" with {listed} obligations."
                ),
                quantity=Quantity(value=strength, unit="alliance obligation score", period=period),
                confidence="high",
            )
        ],
    )


def _events_tie(
    a: str, b: str, summary: Any, period: Period, names: dict, source: Source
) -> Tie | None:
    coop = sum(y.verbal_cooperation + y.material_cooperation for y in summary.years)
    conf = sum(y.verbal_conflict + y.material_conflict for y in summary.years)
    if coop + conf == 0:
        return None
    share = round((coop - conf) / (coop + conf), 3)
    start, end = period.start, period.end
    return Tie(
        id=_tie_id(a, b, "events", int(start or 0), int(end or 0)),
        pair=(a, b),
        channel=Channel.political,
        strength=share,
        rationale=(
            f"Measured: net cooperation share of the pair's events {start}–{end}"
            f" ({coop} cooperative, {conf} conflictual); the strength is that share."
        ),
        basis=Basis.measured,
        period=period,
        evidence=[
            Evidence(
                source=source.id,
                locator=f"{source.id}: events between {a} and {b}, {start}-{end}",
                claim=(
                    f"Of the {coop + conf} cooperative or conflictual events between"
                    f" {names[a]} and {names[b]} in {start}–{end}, {coop} were cooperative."
                ),
                quantity=Quantity(value=share, unit="net cooperation share", period=period),
                confidence="medium",
            )
        ],
    )


def compare(
    assessed: Scenario,
    a: str,
    b: str,
    channel: Channel,
    dataset: str,
    measure: str,
    measured: float | None,
    note: str | None = None,
) -> Comparison:
    """A measured value beside the assessed net tie of the pair in ``channel`` and overall
    (``assessed``: a scenario of assessed ties only, see :func:`assessed_only`)."""
    in_channel = [t for t in assessed.ties_between(a, b) if t.channel == channel]
    value = net_tie(assessed, a, b, channel) if in_channel else None
    overall = net_tie(assessed, a, b) if assessed.ties_between(a, b) else None
    return Comparison(
        a=a,
        b=b,
        channel=channel.value,
        dataset=dataset,
        measure=measure,
        measured=measured,
        assessed=None if value is None else round(value, 3),
        assessed_ties=len(in_channel),
        assessed_overall=None if overall is None else round(overall, 3),
        agree=signs_agree(value, measured),
        note=note,
    )


def _events_summary_function() -> Any:
    from blocs.measure.events import dyad_summary  # the event store's engine, on demand

    return dyad_summary


@dataclass(frozen=True)
class Measurement:
    """What one data source measured for one pair: the tie to add (``None`` when there is
    none), the measured value for the comparison, and a note when nothing was measured."""

    tie: Tie | None
    value: float | None
    note: str | None = None


class PairSource(Protocol):
    """One data source that measures pairs of states: the channel and measure it gives, the
    data set it cites, messages about its rows, and one :class:`Measurement` per pair."""

    channel: Channel
    measure: str
    dataset: str
    messages: list[str]

    def source(self) -> Source | None:
        """The data set as a scenario source (``None`` when no pair was measured)."""
        ...

    def measure_pair(self, a: str, b: str) -> Measurement: ...


class _Context:
    """What every source needs: the scenario's ids to country codes, names, years, period."""

    def __init__(self, iso: dict[str, str], names: dict[str, str], start: int, end: int):
        self.iso, self.names, self.start, self.end = iso, names, start, end
        self.period = Period(start=str(start), end=str(end))


class VotesSource:
    """UN General Assembly votes: the pair's Signorino–Ritter S as a diplomatic tie."""

    channel = Channel.diplomatic
    measure = "S score"

    def __init__(self, folder: str | Path, ctx: _Context, states: Sequence[str]):
        self.ctx = ctx
        codes = [ctx.iso[s] for s in states]
        self.table = read_votes(folder, codes, ctx.start, ctx.end)
        self.matrix = vote_agreement_matrix(self.table, ctx.start, ctx.end, actors=codes)
        self.dataset = UN_VOTES_SOURCE.id
        self.messages = (
            [f"UN votes: {self.table.malformed} malformed rows were skipped"]
            if self.table.malformed
            else []
        )

    def source(self) -> Source | None:
        return UN_VOTES_SOURCE

    def measure_pair(self, a: str, b: str) -> Measurement:
        ctx = self.ctx
        overall = self.matrix.pair(ctx.iso[a], ctx.iso[b])
        r = VoteAgreementResult(
            a=ctx.iso[a],
            b=ctx.iso[b],
            start=ctx.start,
            end=ctx.end,
            by="period",
            issue=None,
            overall=overall,
            rows=(overall,),
            malformed=self.table.malformed,
            not_voting=self.table.not_voting,
        )
        if overall.votes == 0:
            return Measurement(None, None, "no roll call on which both voted")
        tie = _vote_tie(a, b, r, ctx.period, ctx.names)
        return Measurement(tie, tie.strength)


class IdealPointsSource:
    """UN General Assembly ideal points: the pair's distance rank as a political tie."""

    channel = Channel.political
    measure = "distance rank tie"

    def __init__(self, folder: str | Path, ctx: _Context):
        self.ctx = ctx
        _, self.estimates = record_estimates(folder)
        self.sessions = sessions_of_years(ctx.start, ctx.end)
        self.dataset = UN_VOTES_SOURCE.id
        self.messages: list[str] = []

    def source(self) -> Source | None:
        return UN_VOTES_SOURCE

    def measure_pair(self, a: str, b: str) -> Measurement:
        ctx = self.ctx
        t = ideal_point_tie(self.estimates, ctx.iso[a], ctx.iso[b], *self.sessions)
        if isinstance(t, NotComputed):
            return Measurement(None, None, t.reason)
        tie = _ideal_point_tie(a, b, t, ctx.period, ctx.names)
        return Measurement(tie, tie.strength)


class AlliancesSource:
    """ATOP alliance obligations: the mean strongest obligation as a military tie."""

    channel = Channel.military
    measure = "obligation score"

    def __init__(self, path: str | Path, ctx: _Context):
        self.path, self.ctx = path, ctx
        self.dataset = "atop"
        self.messages: list[str] = []
        self._source: Source | None = None

    def source(self) -> Source | None:
        return self._source

    def measure_pair(self, a: str, b: str) -> Measurement:
        ctx = self.ctx
        t = alliance_ties(self.path, ctx.iso[a], ctx.iso[b], ctx.start, ctx.end)
        self._source, self.dataset = t.source, t.source.id
        if t.malformed and not self.messages:
            self.messages.append(f"ATOP: {t.malformed} malformed rows were skipped")
        if not t.covered_years:
            return Measurement(None, None, f"the data covers {t.coverage[0]}-{t.coverage[1]} only")
        if not t.obligations:
            return Measurement(None, 0.0, "no alliance in force")
        tie = _alliance_tie(a, b, t, ctx.period, ctx.names)
        return Measurement(tie, tie.strength)


class EventsSource:
    """An event store: the pair's net cooperation share as a political tie."""

    channel = Channel.political
    measure = "net cooperation share"
    dataset = "events"

    def __init__(self, db: str | Path, ctx: _Context):
        self.db, self.ctx = Path(db), ctx
        if not self.db.exists():
            raise BlocsError(f"{self.db}: no such event store")
        self.summary_of = _events_summary_function()
        self.messages: list[str] = []
        self._version: str | None = None
        self._used = False

    def source(self) -> Source | None:
        if not self._used:
            return None
        return Source(
            id=self.dataset,
            title=f"Event data store {self.db.name}",
            kind=SourceKind.dataset,
            file=self.db.name,
            version=self._version,
        )

    def _cited(self) -> Source:
        return Source(id=self.dataset, title=self.db.name, kind=SourceKind.dataset)

    def measure_pair(self, a: str, b: str) -> Measurement:
        ctx = self.ctx
        summary = self.summary_of(self.db, ctx.iso[a], ctx.iso[b], str(ctx.start), str(ctx.end))
        tie = _events_tie(a, b, summary, ctx.period, ctx.names, self._cited())
        if tie is None:
            return Measurement(None, None, "no events")
        self._used = True
        self._version = getattr(summary, "source", "") or None
        return Measurement(tie, tie.strength)


def measure_scenario(
    scenario: Scenario,
    start: int,
    end: int,
    *,
    votes: str | Path | None = None,
    alliances: str | Path | None = None,
    events: str | Path | None = None,
    ideal_points: str | Path | None = None,
    all_pairs: bool = False,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> MeasuredScenario:
    """Add measured ties from the given data sets to ``scenario`` and compare them.

    Parameters
    ----------
    scenario : Scenario
        Its state actors (ISO alpha-3 ids, or COW/CAMEO codes) are looked up in the data.
    start, end : int
        First and last year measured.
    votes, alliances, events : path, optional
        The UN votes folder, an ATOP file or folder, an event store (DuckDB file). At least
        one data set is needed.
    ideal_points : path, optional
        The UN votes folder (or the reference-data root): political ties from ideal-point
        distance (the whole record is estimated once and cached).
    all_pairs : bool
        Measure every pair of states, not only pairs with an assessed tie.
    pairs : sequence of (id, id), optional
        Measure exactly these pairs (actor ids of the scenario).

    Raises
    ------
    BlocsError
        No data set given, no state pair to measure, or an actor id not in the scenario.
    """
    if votes is None and alliances is None and events is None and ideal_points is None:
        raise BlocsError(
            "give at least one data set: --votes, --alliances, --events or --ideal-points"
        )
    if start > end:
        raise BlocsError(f"the period starts ({start}) after it ends ({end})")
    iso = _iso3_of(scenario)
    if pairs is not None:
        for pair in pairs:
            for actor in pair:
                if actor not in iso:
                    raise BlocsError(
                        f"'{actor}' is not a state of scenario '{scenario.id}' with a known"
                        f" country code (states: {', '.join(sorted(iso))})"
                    )
        todo = [tuple(sorted(p)) for p in pairs]
    else:
        todo = _pairs(scenario, iso, all_pairs)
    if not todo:
        raise BlocsError(f"scenario '{scenario.id}' has no pair of states to measure")
    ctx = _Context(iso, {a.id: a.name for a in scenario.actors}, start, end)
    sources: list[PairSource] = []
    if votes is not None:
        states = sorted({actor for pair in todo for actor in pair})
        sources.append(VotesSource(votes, ctx, states))
    if ideal_points is not None:
        sources.append(IdealPointsSource(ideal_points, ctx))
    if alliances is not None:
        sources.append(AlliancesSource(alliances, ctx))
    if events is not None:
        sources.append(EventsSource(events, ctx))
    assessed = assessed_only(scenario)
    added: list[Tie] = []
    comparisons: list[Comparison] = []
    datasets: list[Source] = []
    messages: list[str] = []
    for src in sources:
        for a, b in todo:
            m = src.measure_pair(a, b)
            if m.tie is not None:
                added.append(m.tie)
            comparisons.append(
                compare(assessed, a, b, src.channel, src.dataset, src.measure, m.value, m.note)
            )
        messages.extend(src.messages)
        cited = src.source()
        if cited is not None and cited not in datasets:
            datasets.append(cited)

    new_ids = {t.id for t in added}
    kept = [t for t in scenario.ties if t.id not in new_ids]
    used_sources = {e.source for t in added for e in t.evidence}
    known = {s.id for s in scenario.sources}
    kept_sources = list(scenario.sources) + [
        s for s in datasets if s.id in used_sources and s.id not in known
    ]
    updated = Scenario.model_validate(
        {
            **scenario.model_dump(exclude={"ties", "sources"}),
            "sources": [s.model_dump() for s in kept_sources],
            "ties": [t.model_dump() for t in kept + added],
        }
    )
    return MeasuredScenario(
        scenario=updated,
        start=start,
        end=end,
        added=tuple(added),
        comparisons=tuple(comparisons),
        datasets=tuple(datasets),
        messages=tuple(messages),
    )
