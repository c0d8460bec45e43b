"""Landscape theory on a scenario: sizes from its size attribute, propensities from its net
ties, and the analysis labelled with the size measure and the focus pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from blocs.errors import ModelInputError
from blocs.models.landscape.enumeration import Rule
from blocs.models.landscape.minima import LandscapeResult, landscape

if TYPE_CHECKING:
    from blocs.scenario.model import Scenario


@dataclass(frozen=True)
class LandscapeInputs:
    """Sizes and propensities taken from a scenario, with the actors left out and why."""

    actors: tuple[str, ...]
    sizes: NDArray[np.float64]
    propensities: NDArray[np.float64]
    left_out: dict[str, str]
    scenario_id: str
    channel: str | None
    size_attribute: str | None


def landscape_inputs(scenario: Scenario, channel: str | None = None) -> LandscapeInputs:
    """Sizes from ``scenario.sizes()`` (its ``size_attribute``) and propensities from its net
    ties in ``channel`` (or overall; 0 where untied). Blocs and actors without a size are left
    out, each with the reason, and so are actors with no tie to any other sized actor (each
    would only double the number of equivalent minima)."""
    from blocs.scenario.model import ActorKind
    from blocs.scenario.network import channel_name, net_ties, tie_matrix

    channel = channel_name(channel)
    sizes = scenario.sizes()
    left_out: dict[str, str] = {}
    actors: list[str] = []
    for a in scenario.actors:
        if a.kind == ActorKind.bloc:
            left_out[a.id] = "a bloc (a grouping, not a party to alignment)"
        elif a.id not in sizes:
            what = scenario.size_attribute or "size_attribute (the scenario declares none)"
            left_out[a.id] = f"no size: missing attribute {what}"
        else:
            actors.append(a.id)
    if len(actors) < 2:
        raise ModelInputError(
            f"scenario '{scenario.id}': fewer than two actors have a size"
            f" (size_attribute: {scenario.size_attribute or 'not set'}); give sizes to the actors"
        )
    ties = {
        (a, b): v for (a, b), v in net_ties(scenario, channel).items() if a in sizes and b in sizes
    }
    tied = {a for pair, v in ties.items() if v != 0.0 for a in pair}
    for a in [a for a in actors if a not in tied]:
        left_out[a] = "no tie to another sized actor (indifferent to every alignment)"
        actors.remove(a)
    if len(actors) < 2:
        raise ModelInputError(
            f"scenario '{scenario.id}': fewer than two sized actors have ties"
            f" in channel {channel or 'overall'}; add ties or choose another channel"
        )
    return LandscapeInputs(
        actors=tuple(actors),
        sizes=np.array([sizes[a] for a in actors], dtype=float),
        propensities=tie_matrix(scenario, actors, channel),
        left_out=left_out,
        scenario_id=scenario.id,
        channel=channel,
        size_attribute=scenario.size_attribute,
    )


def landscape_from_scenario(
    scenario: Scenario,
    channel: str | None = None,
    *,
    rule: Rule = "steepest",
    fields: ArrayLike | None = None,
) -> LandscapeResult:
    """:func:`landscape` of a scenario's sized actors (see :func:`landscape_inputs`).

    >>> import blocs
    >>> r = landscape_from_scenario(blocs.load("russia-iran-2017"))
    >>> r.scenario_id
    'russia-iran-2017'
    """
    inputs = landscape_inputs(scenario, channel)
    result = landscape(
        inputs.sizes, inputs.propensities, names=inputs.actors, rule=rule, fields=fields
    )
    return LandscapeResult(
        **{
            **{k: getattr(result, k) for k in result.__dataclass_fields__},
            "left_out": inputs.left_out,
            "scenario_id": inputs.scenario_id,
            "channel": inputs.channel,
            "size_label": scenario.size_label(),
            "focus": (scenario.focus.target, scenario.focus.partner) if scenario.focus else None,
        }
    )
