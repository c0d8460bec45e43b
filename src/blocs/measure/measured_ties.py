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
* Strengths are rounded to three decimals. Pairs are the state pairs that already have an
  assessed tie (or every pair of states with ``all_pairs``). A measured tie already in the
  scenario with the same id (a second run over the same period) is replaced.
* The comparison sets the measured value against the assessed net tie of the same channel
  (assessed ties only, summed and clipped as in :mod:`blocs.scenario.network`) and against the
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
from typing import Any

from blocs.errors import BlocsError
from blocs.measure.alliances import OBLIGATION_NAMES, AllianceTies, alliance_ties
from blocs.measure.votes import (
    UN_VOTES_SOURCE,
    VoteAgreementResult,
    read_votes,
    vote_agreement_matrix,
)
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

EVENTS_NOT_AVAILABLE = (
    "event-data summaries are not yet available in this installation"
    " (blocs.measure.events.dyad_summary is missing); no event ties were measured"
)


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
        raise BlocsError(f"--period: {text!r} is not YEAR or YEAR-YEAR (e.g. 2015-2017)") from None
    if start > end:
        raise BlocsError(f"--period: {text!r} starts after it ends")
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


def _assessed(scenario: Scenario) -> Scenario:
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


def _compare(
    assessed: Scenario,
    a: str,
    b: str,
    channel: Channel,
    dataset: str,
    measure: str,
    measured: float | None,
    note: str | None = None,
) -> Comparison:
    in_channel = [t for t in assessed.ties_between(a, b) if t.channel == channel]
    value = net_tie(assessed, a, b, channel) if in_channel else None
    overall = net_tie(assessed, a, b) if assessed.ties_between(a, b) else None
    agree = None
    if value and measured:
        agree = (value > 0) == (measured > 0)
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
        agree=agree,
        note=note,
    )


def _events_summary_function() -> Any:
    try:
        from blocs.measure.events import dyad_summary
    except ImportError:
        return None
    return dyad_summary


def measure_scenario(
    scenario: Scenario,
    start: int,
    end: int,
    *,
    votes: str | Path | None = None,
    alliances: str | Path | None = None,
    events: str | Path | None = None,
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
        one is needed.
    all_pairs : bool
        Measure every pair of states, not only pairs with an assessed tie.
    pairs : sequence of (id, id), optional
        Measure exactly these pairs (actor ids of the scenario).

    Raises
    ------
    BlocsError
        No data set given, no state pair to measure, or an actor id not in the scenario.
    """
    if votes is None and alliances is None and events is None:
        raise BlocsError("give at least one data set: --votes, --alliances or --events")
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
    names = {a.id: a.name for a in scenario.actors}
    period = Period(start=str(start), end=str(end))
    assessed = _assessed(scenario)
    added: list[Tie] = []
    comparisons: list[Comparison] = []
    datasets: list[Source] = []
    messages: list[str] = []

    if votes is not None:
        states = sorted({actor for pair in todo for actor in pair})
        table = read_votes(votes, [iso[s] for s in states], start, end)
        datasets.append(UN_VOTES_SOURCE)
        if table.malformed:
            messages.append(f"UN votes: {table.malformed} malformed rows were skipped")
        matrix = vote_agreement_matrix(table, start, end, actors=[iso[s] for s in states])
        for a, b in todo:
            overall = matrix.pair(iso[a], iso[b])
            r = VoteAgreementResult(
                a=iso[a],
                b=iso[b],
                start=start,
                end=end,
                by="period",
                issue=None,
                overall=overall,
                rows=(overall,),
                malformed=table.malformed,
                not_voting=table.not_voting,
            )
            if r.overall.votes == 0:
                comparisons.append(
                    _compare(
                        assessed,
                        a,
                        b,
                        Channel.diplomatic,
                        r.source.id,
                        "S score",
                        None,
                        "no roll call on which both voted",
                    )
                )
                continue
            tie = _vote_tie(a, b, r, period, names)
            added.append(tie)
            comparisons.append(
                _compare(assessed, a, b, Channel.diplomatic, r.source.id, "S score", tie.strength)
            )

    if alliances is not None:
        source: Source | None = None
        for a, b in todo:
            t = alliance_ties(alliances, iso[a], iso[b], start, end)
            source = t.source
            if not t.covered_years:
                comparisons.append(
                    _compare(
                        assessed,
                        a,
                        b,
                        Channel.military,
                        t.source.id,
                        "obligation score",
                        None,
                        f"the data covers {t.coverage[0]}-{t.coverage[1]} only",
                    )
                )
                continue
            if not t.obligations:
                comparisons.append(
                    _compare(
                        assessed,
                        a,
                        b,
                        Channel.military,
                        t.source.id,
                        "obligation score",
                        0.0,
                        "no alliance in force",
                    )
                )
                continue
            tie = _alliance_tie(a, b, t, period, names)
            added.append(tie)
            comparisons.append(
                _compare(
                    assessed, a, b, Channel.military, t.source.id, "obligation score", tie.strength
                )
            )
            if t.malformed and not any("ATOP" in m for m in messages):
                messages.append(f"ATOP: {t.malformed} malformed rows were skipped")
        if source is not None:
            datasets.append(source)

    if events is not None:
        dyad_summary = _events_summary_function()
        if dyad_summary is None:
            messages.append(EVENTS_NOT_AVAILABLE)
        else:
            db = Path(events)
            if not db.exists():
                raise BlocsError(f"{db}: no such event store")
            ev_source = Source(
                id="events",
                title=f"Event data store {db.name}",
                kind=SourceKind.dataset,
                file=db.name,
            )
            used = False
            for a, b in todo:
                summary = dyad_summary(db, iso[a], iso[b], str(start), str(end))
                tie = _events_tie(a, b, summary, period, names, ev_source)
                if tie is None:
                    comparisons.append(
                        _compare(
                            assessed,
                            a,
                            b,
                            Channel.political,
                            ev_source.id,
                            "net cooperation share",
                            None,
                            "no events",
                        )
                    )
                    continue
                used = True
                added.append(tie)
                comparisons.append(
                    _compare(
                        assessed,
                        a,
                        b,
                        Channel.political,
                        ev_source.id,
                        "net cooperation share",
                        tie.strength,
                    )
                )
            if used:
                formats = getattr(summary, "source", "") or None
                datasets.append(ev_source.model_copy(update={"version": formats}))

    new_ids = {t.id for t in added}
    kept = [t for t in scenario.ties if t.id not in new_ids]
    used_sources = {e.source for t in added for e in t.evidence}
    known = {s.id for s in scenario.sources}
    sources = list(scenario.sources) + [
        s for s in datasets if s.id in used_sources and s.id not in known
    ]
    updated = Scenario.model_validate(
        {
            **scenario.model_dump(exclude={"ties", "sources"}),
            "sources": [s.model_dump() for s in sources],
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
