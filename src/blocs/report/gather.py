"""Ask each part of blocs for the result a report section shows.

This module only calls public APIs: :func:`blocs.assess` for the model lenses and the wedge
price (one computation shared with ``blocs assess``), and :mod:`blocs.measure` for the measured
series; it computes nothing itself. A part that cannot work on the scenario (no data given, or
a :class:`~blocs.errors.BlocsError`), becomes a
:class:`~blocs.results.NotComputed` with its reason.

Examples
--------
>>> import blocs
>>> inputs = gather(blocs.load("russia-iran-2017"), seed=1)
>>> inputs.seed
1
>>> sorted(inputs.results) == sorted(PARTS)
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocs.assessment import Assessment, assess
from blocs.errors import BlocsError
from blocs.measure.votes import UN_VOTES_SOURCE, read_votes, vote_agreement
from blocs.report.inputs import PARTS, ReportInputs
from blocs.results import NotComputed, is_not_computed
from blocs.scenario.model import Scenario
from blocs.scenario.network import net_tie
from blocs.seeding import DEFAULT_DRAWS, DEFAULT_SEED


class _Missing(Exception):
    """A part cannot give its result; the message says why."""


# One function per measured part: scenario (+ options) → result object. Each raises _Missing or
# a BlocsError when its part cannot answer. The model lenses come from the assessment.


@dataclass(frozen=True)
class MeasuredSeries:
    """Series a measure part returned, gathered for one chart: ``series`` maps a label to
    ``[{"x": ..., "value": ...}]``; ``results`` keeps the part's own result objects."""

    title: str
    measure: str
    series: dict[str, list[dict[str, float]]]
    caption: str
    results: tuple[Any, ...] = ()
    y_range: tuple[float, float] | None = None


def _focus_pairs(scenario: Scenario) -> list[tuple[str, str]]:
    focus = scenario.focus
    if focus is None:
        raise _Missing("the scenario names no focus (divider, target, partner)")
    t, p, d = focus.triad
    return [(t, p), (t, d), (p, d)]


def _end_year(scenario: Scenario) -> int:
    period = scenario.period
    text = (period.end or period.start) if period else None
    if not text:
        raise _Missing("the scenario gives no period, so there are no years to measure")
    return int(text[:4])


def _votes(scenario: Scenario, *, votes: Path | None = None, years: int = 15, **_: Any) -> Any:
    if votes is None:
        raise _Missing("no UN-votes folder was given (--votes)")
    pairs = _focus_pairs(scenario)
    end = _end_year(scenario)
    start = end - years
    actors = sorted({a for pair in pairs for a in pair})
    table = read_votes(votes, actors, start, end)
    results = [vote_agreement(table, a, b, start, end, by="year") for a, b in pairs]
    series = {
        f"{r.a}–{r.b}": [
            {"x": row.start, "value": row.agreement}
            for row in r.rows
            if row.votes and row.agreement == row.agreement
        ]
        for r in results
    }
    overall = "; ".join(
        f"{r.a}–{r.b} {100 * r.overall.agreement:.0f}% of {r.overall.votes} roll calls"
        f" (S {r.overall.s_score:.2f}; assessed diplomatic tie "
        f"{net_tie(scenario, r.a, r.b, 'diplomatic'):+.2f})"
        for r in results
    )
    return MeasuredSeries(
        title="UN General Assembly: share of roll calls voted alike, by year",
        measure="share voted alike",
        series=series,
        caption=(
            f"Roll calls {start}–{end} on which both voted (yes, abstain or no). Over the whole "
            f"span: {overall}."
        ),
        results=tuple(results),
        y_range=(0.0, 1.0),
    )


def _idealpoints(
    scenario: Scenario, *, votes: Path | None = None, years: int = 25, **_: Any
) -> Any:
    """The focus triangle's ideal points and distances, from ``years`` before the scenario's
    period (or the data's first common session) to the data's last session."""
    if votes is None:
        raise _Missing("no UN-votes folder was given (--votes)")
    focus = scenario.focus
    if focus is None:
        raise _Missing("the scenario names no focus (divider, target, partner)")
    from blocs.measure.idealpoints.alignment import triangle_alignment
    from blocs.measure.idealpoints.cache import record_estimates

    period = scenario.period
    start_text = (period.start or period.end) if period else None
    first = int(start_text[:4]) if start_text else None
    mark = (first, _end_year(scenario)) if first is not None else None
    codes = []
    by_id = {a.id: a for a in scenario.actors}
    for role in (focus.target, focus.partner, focus.divider):
        actor = by_id.get(role)
        code = actor.iso3 if actor is not None else None
        if not code:
            raise _Missing(f"the focus actor {role} is not a state with an ISO code")
        codes.append(code)
    vote_data, estimates = record_estimates(votes)
    return triangle_alignment(
        vote_data,
        estimates,
        codes,
        first - years if first is not None else None,
        mark=mark,
    )


QUADS = (
    ("verbal_cooperation", "verbal cooperation"),
    ("material_cooperation", "material cooperation"),
    ("verbal_conflict", "verbal conflict"),
    ("material_conflict", "material conflict"),
)


def _events(scenario: Scenario, *, events: Path | None = None, **_: Any) -> Any:
    if events is None:
        raise _Missing("no event store was given (--events)")
    focus = scenario.focus
    if focus is None:
        raise _Missing("the scenario names no focus (divider, target, partner)")
    from blocs.measure.events import store_dyad_series  # the event store's engine, on demand

    a, b = focus.target, focus.partner
    result = store_dyad_series(events, a, b, freq="month")
    rows = [r for r in result.rows if r.get("volume")]
    if not rows:
        raise _Missing(f"the event store holds no {a}–{b} events")
    series: dict[str, list[dict[str, float]]] = {}
    for key, label in QUADS:
        series[label] = [
            {"x": _decimal_year(r["period"]), "value": 1000.0 * r[key] / r["volume"]} for r in rows
        ]
    return MeasuredSeries(
        title=f"{a}–{b} events by QuadClass, per 1,000 events in the store",
        measure="per 1,000 events",
        series=series,
        caption=(
            f"Monthly counts of {a}–{b} events in both directions by CAMEO QuadClass, divided by "
            "all events of the month in the store (the growth of news volume taken out)."
        ),
        results=(result,),
    )


def _decimal_year(value: Any) -> float:
    import datetime as dt

    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


LENSES: tuple[str, ...] = ("balance", "triad", "landscape", "dynamics", "wedge", "bargain")

PART_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "votes": _votes,
    "idealpoints": _idealpoints,
    "events": _events,
}


def gather(
    scenario: Scenario,
    *,
    assessment: Assessment | None = None,
    seed: int | None = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    votes: Path | None = None,
    events: Path | None = None,
    data: Path | None = None,
    parts: tuple[str, ...] = PARTS,
) -> ReportInputs:
    """The inputs of a report on ``scenario``: each part's result or why it is absent.

    Parameters
    ----------
    scenario : the scenario to report on.
    assessment : its assessment when already computed (else computed here, once).
    seed : the seed handed to every stochastic part (recorded in the report).
    draws : Monte Carlo draws for the wedge price.
    votes : a UN General Assembly votes file for the measured section (optional).
    events : an event store for the measured section (optional).
    data : the reference-data folder holding ``atop-v4/`` for the wedge's base-rate lens.
    parts : which parts to ask (the others are recorded as not asked).
    """
    results: dict[str, Any] = {}
    if assessment is None and set(LENSES) & set(parts):
        assessment = assess(scenario, data=data, seed=seed, draws=draws)
    for name in PARTS:
        if name not in parts:
            results[name] = NotComputed("not asked for")
        elif name in LENSES:
            value = assessment.sections.get(name) if assessment is not None else None
            if value is None:
                results[name] = NotComputed("the assessment has no such section")
            else:
                results[name] = NotComputed(value.reason) if is_not_computed(value) else value
        else:
            try:
                results[name] = PART_FUNCTIONS[name](
                    scenario, seed=seed, draws=draws, votes=votes, events=events, data=data
                )
            except (_Missing, BlocsError) as exc:
                results[name] = NotComputed(str(exc))
    sources = []
    if not is_not_computed(results.get("votes")) and results.get("votes") is not None:
        src = UN_VOTES_SOURCE
        sources.append({"name": src.title, "version": src.version or "", "cite": src.cite or ""})
    return ReportInputs(
        scenario=scenario,
        assessment=assessment,
        results=results,
        seed=seed,
        data_sources=tuple(sources),
    )
