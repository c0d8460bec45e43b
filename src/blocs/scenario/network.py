"""The signed, weighted network of a scenario, per channel and overall.

Aggregation rule (a choice the sources leave open, stated once here):

* **per channel**, the net tie of a pair is the sum of the strengths of its ties in that channel,
  clipped to [-1, 1] (bonds in one channel add up; a distrust tie offsets a cooperation tie);
* **overall**, it is the mean of the pair's channel values over the channels in which the pair has
  at least one tie (a pair tied only militarily is judged by that channel alone).

Where a pair has both *assessed* ties (from documents) and *measured* ties (from data sets) in
one channel, the assessed ones count and the measured ones are compared with them
(:func:`blocs.assessment.measured_against_assessed`), so one bond is never counted twice;
measured ties fill in where no document speaks.

Directed ties count for both directions when building the undirected network. Only the ties
that hold in the scenario's period count (:meth:`Scenario.current_ties`); older ties are history.

Examples
--------
>>> import blocs
>>> g = signed_graph(blocs.load("russia-iran-2017"))
>>> g["RUS"]["IRN"]["weight"] > 0
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from blocs.errors import ModelInputError
from blocs.scenario.model import CHANNELS, ActorKind, Basis, Channel

if TYPE_CHECKING:
    from blocs.scenario.model import Scenario


def _channel_value(scenario: Scenario, a: str, b: str, channel: str) -> float | None:
    ties = [
        t for t in scenario.current_ties() if set(t.pair) == {a, b} and t.channel.value == channel
    ]
    if not ties:
        return None
    assessed = [t for t in ties if t.basis == Basis.assessed]
    counted = assessed or ties  # measured ties fill in where no document speaks
    return max(-1.0, min(1.0, sum(t.strength for t in counted)))


def net_tie(scenario: Scenario, a: str, b: str, channel: str | Channel | None = None) -> float:
    """The net tie of ``a`` and ``b`` in one channel or overall (see the module's rule)."""
    if channel is not None:
        value = _channel_value(scenario, a, b, Channel(channel).value)
        return 0.0 if value is None else value
    values = [v for c in CHANNELS if (v := _channel_value(scenario, a, b, c)) is not None]
    return sum(values) / len(values) if values else 0.0


def net_ties(
    scenario: Scenario, channel: str | Channel | None = None
) -> dict[tuple[str, str], float]:
    """Every tied pair (sorted ids) with its net tie in ``channel`` (or overall)."""
    ties = scenario.current_ties()
    if channel is not None:
        ties = [t for t in ties if t.channel.value == Channel(channel).value]
    pairs = sorted({tuple(sorted(t.pair)) for t in ties})
    out: dict[tuple[str, str], float] = {}
    for a, b in pairs:
        out[(a, b)] = net_tie(scenario, a, b, channel)
    return out


def signed_graph(
    scenario: Scenario,
    channel: str | Channel | None = None,
    *,
    include_blocs: bool = False,
) -> nx.Graph:
    """An undirected networkx graph: nodes are actors, edge ``weight`` the signed net tie and
    ``sign`` its sign. Pairs whose net tie is exactly zero are left out. Bloc actors are left out
    unless ``include_blocs`` (they are groupings, not parties to a balance)."""
    g = nx.Graph(channel=None if channel is None else Channel(channel).value)
    for actor in scenario.actors:
        if include_blocs or actor.kind != ActorKind.bloc:
            g.add_node(actor.id, name=actor.name, kind=actor.kind.value)
    for (a, b), value in net_ties(scenario, channel).items():
        if value != 0.0 and a in g and b in g:
            g.add_edge(a, b, weight=value, sign=1 if value > 0 else -1)
    return g


def channel_name(channel: str | Channel | None) -> str | None:
    """``channel`` checked and as plain text (``None`` stands for overall)."""
    if channel is None:
        return None
    try:
        return Channel(channel).value
    except ValueError:
        known = ", ".join(c.value for c in Channel)
        raise ModelInputError(f"channel: '{channel}' is not one of {known}") from None


def tie_matrix(
    scenario: Scenario, actors: list[str] | tuple[str, ...], channel: str | Channel | None = None
) -> np.ndarray:
    """The symmetric matrix of net ties among ``actors`` (in that order), zero diagonal, 0 where
    untied: the input of the landscape and dynamics models.

    >>> import blocs
    >>> m = tie_matrix(blocs.load("russia-iran-2017"), ["RUS", "IRN", "USA"])
    >>> m.round(2).tolist()[0]
    [0.0, 0.55, -0.13]
    """
    index = {a: i for i, a in enumerate(actors)}
    m = np.zeros((len(actors), len(actors)))
    for (a, b), value in net_ties(scenario, channel).items():
        if a in index and b in index:
            m[index[a], index[b]] = m[index[b], index[a]] = value
    return m
