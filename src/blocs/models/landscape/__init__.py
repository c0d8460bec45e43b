"""Landscape theory of aggregation (Axelrod & Bennett 1993): two coalitions of minimal energy.

Actors ``i = 0 … n-1`` have sizes ``s_i > 0`` and symmetric pairwise propensities ``p_ij``
(positive: they want to be together; zero diagonal). A *configuration* ``X`` puts every actor in
coalition 0 or 1; ``d_ij(X) = 1`` when ``i`` and ``j`` are apart, else 0. Then

* frustration of actor ``i``: ``F_i(X) = Σ_j s_j p_ij d_ij(X)``;
* energy: ``E(X) = Σ_i s_i F_i(X) = Σ_{i≠j} s_i s_j p_ij d_ij(X)``, summed over **ordered** pairs
  (every split pair counts twice). This is the convention of the paper and of the Furnas–Axelrod
  Syria calculations, whose ``Energy`` column this module reproduces exactly; their per-actor
  "frustration" columns are ``s_i F_i``.

Actors move myopically: one actor at a time switches coalition when that lowers the energy
(equivalently its own frustration, since ``ΔE = 2 s_k ΔF_k``). A *local minimum* is a
configuration from which no single switch lowers the energy (a switch that leaves it unchanged is
allowed, so plateaus count as minima). Which actor moves when several could is left open by the
paper and is the ``rule`` parameter: ``"steepest"`` (the switch that lowers the energy most; ties
go to the lowest actor index) or ``"random"`` (a uniformly random improving actor). The *basin*
of a minimum is the share of all ``2^n`` configurations whose descent ends there; under the
random rule a configuration counts with the probability that its descent ends there (computed
exactly, not sampled).

Galam (1996) criticised the model for ignoring actors' given attachment to existing blocs and
added external fields. ``fields`` (shape ``(n, 2)``) adds ``fields[i, c]`` to the energy when
actor ``i`` sits in coalition ``c``; Galam's field ``h_i`` favouring coalition 0 is
``fields[i] = (-h_i, +h_i)``. The default (``None``) is the plain model.

Configurations are numbered by bits: in configuration ``c`` actor ``i`` is in coalition
``(c >> i) & 1``. Without fields a configuration and its mirror image (every actor switched) are
the same split with the same energy; the *reduced* enumeration keeps the ``2^(n-1)``
configurations that put actor 0 in coalition 0, in the order ``c = 0, 2, 4, …`` (so
``all_energies(..., reduced=True) == all_energies(...)[::2]``).

Examples
--------
Two friends and a common enemy: the enemy ends up alone.

>>> import numpy as np
>>> p = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
>>> result = landscape([1, 1, 1], p, names=["A", "B", "C"])
>>> [sorted(c) for c in result.global_minimum.coalitions]
[['A', 'B'], ['C']]
>>> result.global_minimum.energy
-4.0
>>> all_energies([1, 1, 1], p, reduced=True).tolist()
[0.0, 0.0, -4.0, 0.0]

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211–233. https://doi.org/10.1017/S000712340000973X

Galam, S. (1996). Fragmentation versus stability in bimodal coalitions. *Physica A*, 230(1–2),
174–188. https://doi.org/10.1016/0378-4371(96)00036-1

The package is split by job: :mod:`~blocs.models.landscape.enumeration` (inputs, energies and
the engines that enumerate them), :mod:`~blocs.models.landscape.minima` (moves, local minima,
basins, descents and :func:`landscape`) and :mod:`~blocs.models.landscape.scenario` (the
adapter from a :class:`~blocs.scenario.model.Scenario`).
"""

from __future__ import annotations

from blocs.models.landscape.enumeration import (
    MAX_ANALYSIS_ACTORS,
    MAX_ENUMERATION_ACTORS,
    METHODS,
    REL_TOL,
    RULES,
    Method,
    Rule,
    all_energies,
    check_inputs,
    configurations,
    energy,
    frustration,
    weights,
)
from blocs.models.landscape.minima import (
    Descent,
    LandscapeResult,
    Minimum,
    basins,
    descend,
    favoured_alignments,
    global_minimum,
    landscape,
    local_minima,
    switch_deltas,
)
from blocs.models.landscape.scenario import (
    LandscapeInputs,
    landscape_from_scenario,
    landscape_inputs,
)

__all__ = [
    "MAX_ANALYSIS_ACTORS",
    "MAX_ENUMERATION_ACTORS",
    "METHODS",
    "REL_TOL",
    "RULES",
    "Descent",
    "LandscapeInputs",
    "LandscapeResult",
    "Method",
    "Minimum",
    "Rule",
    "all_energies",
    "basins",
    "check_inputs",
    "configurations",
    "descend",
    "energy",
    "favoured_alignments",
    "frustration",
    "global_minimum",
    "landscape",
    "landscape_from_scenario",
    "landscape_inputs",
    "local_minima",
    "switch_deltas",
    "weights",
]
