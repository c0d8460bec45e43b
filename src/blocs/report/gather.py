"""Ask each part of blocs for the result a report section shows.

This module only calls public APIs: :func:`blocs.assess` for the model lenses and the wedge
price (one computation shared with ``blocs assess``), and :mod:`blocs.measure` for the measured
series; it computes nothing itself. A part that is missing from this installation,
or that cannot work on the scenario (a :class:`~blocs.errors.BlocsError`), becomes a
:class:`~blocs.report.inputs.NotComputed` with its reason.

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

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blocs.assessment import assess
from blocs.errors import BlocsError
from blocs.report.inputs import PARTS, NotComputed, ReportInputs, is_not_computed
from blocs.scenario.model import Scenario


class _Missing(Exception):
    """A part cannot give its result; the message says why."""


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise _Missing(f"{name} is not available in this installation ({exc.name})") from None


def _attr(module: str, name: str) -> Any:
    mod = _module(module)
    if not hasattr(mod, name):
        raise _Missing(f"{module}.{name} is not available in this installation")
    return getattr(mod, name)


# One function per part: scenario (+ options) → result object. Each raises _Missing or a
# BlocsError when its part cannot answer.


def _balance(scenario: Scenario, *, seed: int | None = 0, **_: Any) -> Any:
    return _attr("blocs.models.balance", "balance_report")(scenario, seed=seed)


def _triad(scenario: Scenario, **_: Any) -> Any:
    focus = scenario.focus
    if focus is None:
        raise _Missing("the scenario names no focus (divider, target, partner)")
    from blocs.scenario.network import signed_graph

    graph = signed_graph(scenario)
    t, p, d = focus.triad
    if not all(graph.has_edge(x, y) for x, y in ((t, p), (t, d), (p, d))):
        raise _Missing(f"{t}, {p} and {d} are not all tied to each other")
    return _attr("blocs.models.balance", "triangle")(graph, t, p, d)


def _landscape(scenario: Scenario, **_: Any) -> Any:
    return _attr("blocs.models.landscape", "landscape_from_scenario")(scenario)


def _dynamics(scenario: Scenario, **_: Any) -> Any:
    return _attr("blocs.models.dynamics", "dynamics_from_scenario")(scenario)


def _wedge(
    scenario: Scenario,
    *,
    seed: int | None = 0,
    draws: int = 20_000,
    data: Path | None = None,
    **_: Any,
) -> Any:
    focus = scenario.focus
    if focus is None:
        raise _Missing("the scenario names no focus (divider, target, partner)")
    wedge = _attr("blocs.whatif", "wedge")
    return wedge(
        scenario,
        divider=focus.divider,
        target=focus.target,
        partner=focus.partner,
        draws=draws,
        seed=seed,
        data=data,
    )


def _votes(scenario: Scenario, *, votes: Path | None = None, **_: Any) -> Any:
    if votes is None:
        raise _Missing("no UN-votes file was given (--votes)")
    raise _Missing("UN-vote agreement is not part of this version yet")


def _events(scenario: Scenario, *, events: Path | None = None, **_: Any) -> Any:
    if events is None:
        raise _Missing("no event store was given (--events)")
    raise _Missing("event-data dyad series are not part of this version yet")


PART_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "balance": _balance,
    "triad": _triad,
    "landscape": _landscape,
    "dynamics": _dynamics,
    "wedge": _wedge,
    "votes": _votes,
    "events": _events,
}


def gather(
    scenario: Scenario,
    *,
    seed: int | None = 0,
    draws: int = 20_000,
    votes: Path | None = None,
    events: Path | None = None,
    data: Path | None = None,
    parts: tuple[str, ...] = PARTS,
) -> ReportInputs:
    """The inputs of a report on ``scenario``: each part's result or why it is absent.

    Parameters
    ----------
    scenario : the scenario to report on.
    seed : the seed handed to every stochastic part (recorded in the report).
    draws : Monte Carlo draws for the wedge price.
    votes : a UN General Assembly votes file for the measured section (optional).
    events : an event store for the measured section (optional).
    data : the reference-data folder holding ``atop-v4/`` for the wedge's base-rate lens.
    parts : which parts to ask (the others are recorded as not asked).
    """
    results: dict[str, Any] = {}
    assessment = None
    try:
        assessment = assess(scenario, data=data, seed=seed, draws=draws)
    except ImportError:  # a part of blocs is missing: ask the others one by one below
        assessment = None
    for name in PARTS:
        if name not in parts:
            results[name] = NotComputed("not asked for")
            continue
        if assessment is not None and name in assessment.sections:
            value = assessment.sections[name]
            results[name] = NotComputed(value.reason) if is_not_computed(value) else value
            continue
        try:
            results[name] = PART_FUNCTIONS[name](
                scenario, seed=seed, draws=draws, votes=votes, events=events, data=data
            )
        except _Missing as exc:
            results[name] = NotComputed(str(exc))
        except BlocsError as exc:
            results[name] = NotComputed(str(exc))
    return ReportInputs(scenario=scenario, assessment=assessment, results=results, seed=seed)
