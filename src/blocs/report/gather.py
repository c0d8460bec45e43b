"""Ask each part of blocs for the result a report section shows.

This module only calls the public APIs of :mod:`blocs.models`, :mod:`blocs.whatif` and
:mod:`blocs.measure`; it computes nothing itself. A part that is missing from this installation,
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

from blocs.errors import BlocsError
from blocs.report.inputs import PARTS, NotComputed, ReportInputs
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


def _balance(scenario: Scenario, **_: Any) -> Any:
    raise _Missing("the structural-balance model is not part of this version yet")


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
    from blocs.report.sections import QUESTIONS

    question = QUESTIONS.get(scenario.id)
    if question is None:
        raise _Missing(
            f"no wedge question (divider, target, partner) is set for scenario '{scenario.id}'"
        )
    wedge = _attr("blocs.whatif", "wedge")
    return wedge(
        scenario,
        divider=question.divider,
        target=question.pair[0],
        partner=question.pair[1],
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
    for name in PARTS:
        if name not in parts:
            results[name] = NotComputed("not asked for")
            continue
        try:
            results[name] = PART_FUNCTIONS[name](
                scenario, seed=seed, draws=draws, votes=votes, events=events, data=data
            )
        except _Missing as exc:
            results[name] = NotComputed(str(exc))
        except BlocsError as exc:
            results[name] = NotComputed(str(exc))
    return ReportInputs(scenario=scenario, results=results, seed=seed)
