"""The signed, weighted network of a scenario, per channel and overall.

Aggregation rule (a choice the sources leave open, stated once here):

* **per channel**, the ties of a pair in one channel are combined by :func:`combine_channel`
  (:func:`combine_strengths`): bonds of one sign combine as ``1 - Π(1 - |s|)``, raised at most
  one band of the coding scale above the strongest tie and never to ±1.0 unless a tie is coded
  there; a distrust tie offsets a cooperation tie (cooperation minus conflict);
* **overall**, the net tie is :func:`combine_overall` of the pair's channel values: their mean
  over the channels in which the pair has at least one tie (a pair tied only militarily is judged
  by that channel alone).

Where a pair has both *assessed* ties (from documents) and *measured* ties (from data sets) in
one channel, the assessed ones count and the measured ones are compared with them
(:func:`blocs.assessment.measured_against_assessed`), so one bond is never counted twice;
measured ties fill in where no document speaks.

Directed ties count for both directions when building the undirected network. Only the ties
that hold in the scenario's period count (:meth:`Scenario.current_ties`); older ties are history.

The ties are grouped by pair and channel once (:class:`Network`, linear in the number of ties);
every net tie is then read from the groups.

Examples
--------
>>> import blocs
>>> network = Network(blocs.load("russia-iran-2017"))
>>> network.net_tie("RUS", "IRN") == network.net_tie("IRN", "RUS") > 0
True
>>> g = signed_graph(blocs.load("russia-iran-2017"))
>>> g["RUS"]["IRN"]["weight"] > 0
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import networkx as nx
import numpy as np

from blocs.errors import ModelInputError
from blocs.scenario.model import CHANNELS, ActorKind, Basis, Channel, Scenario, Tie
from blocs.scenario.scale import Band, band_of

Pair = tuple[str, str]


def combine_strengths(strengths: Sequence[float]) -> float:
    """The net of several strengths of one pair in one channel, on the coding scale of
    :mod:`blocs.scenario.scale`.

    Bonds of one sign combine like independent reasons, ``1 - Π(1 - |s|)`` (a saturating
    "noisy-or"): another bond never weakens the bond, and the sum of reasons never reaches the
    extreme by mere addition. Two caps keep the scale's bands: several ties raise a bond at most
    one band above its strongest tie (weak mentions never make a core bond), and never into the
    extreme band (±1.0, a defence pact in force or open war) unless a tie is coded there. The net
    is the cooperative side minus the conflictual side.

    >>> combine_strengths([0.5, 0.4])  # two substantial bonds make a core one
    0.7
    >>> combine_strengths([0.3, 0.3, 0.3, 0.3])  # weak mentions stay below the core band
    0.6
    >>> combine_strengths([0.9, 0.8])  # two core bonds are not a defence pact
    0.9
    >>> round(combine_strengths([0.6, -0.2]), 2)  # cooperation net of distrust
    0.4
    """

    def side(values: list[float]) -> float:
        if not values:
            return 0.0
        strongest = max(values)
        if strongest >= Band.extreme.ceiling:
            return Band.extreme.ceiling
        # rounded to 12 places so that one tie of 0.3 stays 0.3, not 0.30000000000000004
        combined = round(1.0 - math.prod(1.0 - v for v in values), 12)
        cap = min(band_of(strongest).above().ceiling, Band.core.ceiling)
        return min(combined, cap)

    cooperation = side([s for s in strengths if s > 0])
    conflict = side([-s for s in strengths if s < 0])
    return cooperation - conflict


def combine_channel(ties: Sequence[Tie]) -> float:
    """The net tie of one pair in one channel from its ties there (at least one), by
    :func:`combine_strengths`: the assessed ties count; measured ties count only where no
    assessed tie speaks, and ties filled in from a stated prior only where neither does.

    This is the one place where the rule for several ties of one channel lives.

    >>> from blocs.scenario.model import Tie
    >>> ev = [{"source": "doc", "paragraph": 1, "claim": "c"}]
    >>> ties = [Tie(pair=("A", "B"), channel="military", strength=s, rationale="r", evidence=ev)
    ...         for s in (0.7, 0.6)]
    >>> combine_channel(ties)
    0.88
    """
    by_basis = {b: [t for t in ties if t.basis == b] for b in Basis}
    counted = by_basis[Basis.assessed] or by_basis[Basis.measured] or by_basis[Basis.prior]
    return combine_strengths([t.strength for t in counted])


def combine_overall(values: Sequence[float]) -> float:
    """The overall net tie of a pair from its channel values (the channels in which it has
    ties): their mean, 0.0 when there are none.

    >>> combine_overall([1.0, 0.2])
    0.6
    """
    return sum(values) / len(values) if values else 0.0


def channel_name(channel: str | Channel | None) -> str | None:
    """``channel`` checked and as plain text (``None`` stands for overall).

    >>> channel_name("military")
    'military'
    >>> channel_name("militray")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    blocs.errors.ModelInputError: channel: 'militray' is not one of military, ...
    """
    if channel is None:
        return None
    try:
        return Channel(channel).value
    except ValueError:
        known = ", ".join(c.value for c in Channel)
        raise ModelInputError(f"channel: '{channel}' is not one of {known}") from None


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


class Network:
    """The current ties of a scenario grouped once by pair and channel; net ties read from the
    groups by the module's rule.

    >>> import blocs
    >>> network = Network(blocs.load("russia-iran-2017"))
    >>> round(network.net_tie("IRN", "RUS", "military"), 2)
    0.7
    >>> ("IRN", "RUS") in network.net_ties()
    True
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        groups: dict[Pair, dict[str, list[Tie]]] = defaultdict(lambda: defaultdict(list))
        for t in scenario.current_ties():
            groups[_pair(*t.pair)][t.channel.value].append(t)
        self._channels: dict[Pair, dict[str, float]] = {
            pair: {c: combine_channel(by_channel[c]) for c in CHANNELS if c in by_channel}
            for pair, by_channel in sorted(groups.items())
        }

    @property
    def pairs(self) -> list[Pair]:
        """Every pair with at least one current tie (sorted ids, in sorted order)."""
        return list(self._channels)

    def net_tie(self, a: str, b: str, channel: str | Channel | None = None) -> float:
        """The net tie of ``a`` and ``b`` (in either order) in one channel or overall; 0.0 when
        they are not tied there."""
        values = self._channels.get(_pair(a, b), {})
        name = channel_name(channel)
        if name is not None:
            return values.get(name, 0.0)
        return combine_overall(list(values.values()))

    def net_ties(self, channel: str | Channel | None = None) -> dict[Pair, float]:
        """Every pair tied in ``channel`` (or in any channel, for overall), as sorted ids, with
        its net tie."""
        name = channel_name(channel)
        if name is None:
            return {p: combine_overall(list(v.values())) for p, v in self._channels.items()}
        return {p: v[name] for p, v in self._channels.items() if name in v}


def net_tie(scenario: Scenario, a: str, b: str, channel: str | Channel | None = None) -> float:
    """The net tie of ``a`` and ``b`` (in either order) in one channel or overall (see the
    module's rule); 0.0 when they are not tied. For many pairs build one :class:`Network`."""
    return Network(scenario).net_tie(a, b, channel)


def net_ties(scenario: Scenario, channel: str | Channel | None = None) -> dict[Pair, float]:
    """Every tied pair (sorted ids) with its net tie in ``channel`` (or overall)."""
    return Network(scenario).net_ties(channel)


def signed_graph(
    scenario: Scenario,
    channel: str | Channel | None = None,
    *,
    include_blocs: bool = False,
) -> nx.Graph:
    """An undirected networkx graph: nodes are actors, edge ``weight`` the signed net tie and
    ``sign`` its sign. Pairs whose net tie is exactly zero are left out. Bloc actors are left out
    unless ``include_blocs`` (they are groupings, not parties to a balance)."""
    g = nx.Graph(channel=channel_name(channel))
    for actor in scenario.actors:
        if include_blocs or actor.kind != ActorKind.bloc:
            g.add_node(actor.id, name=actor.name, kind=actor.kind.value)
    for (a, b), value in net_ties(scenario, channel).items():
        if value != 0.0 and a in g and b in g:
            g.add_edge(a, b, weight=value, sign=1 if value > 0 else -1)
    return g


def tie_matrix(
    scenario: Scenario, actors: list[str] | tuple[str, ...], channel: str | Channel | None = None
) -> np.ndarray:
    """The symmetric matrix of net ties among ``actors`` (in that order), zero diagonal, 0 where
    untied: the input of the landscape and dynamics models.

    >>> import blocs
    >>> m = tie_matrix(blocs.load("russia-iran-2017"), ["RUS", "IRN", "USA"])
    >>> m.round(2).tolist()[0]
    [0.0, 0.52, -0.17]
    """
    index = {a: i for i, a in enumerate(actors)}
    m = np.zeros((len(actors), len(actors)))
    for (a, b), value in net_ties(scenario, channel).items():
        if a in index and b in index:
            m[index[a], index[b]] = m[index[b], index[a]] = value
    return m
