"""Bargaining forecasts on issues: actors with capability, position and salience on one or more
issue dimensions, and where the outcome will land.

One module per model, each a set of pure functions on a :class:`BargainingInput`:

* :mod:`~blocs.models.bargaining.bdm`: Bueno de Mesquita's expected-utility model as Scholz,
  Calbert & Smith (2011) specify it;
* :mod:`~blocs.models.bargaining.spatial`: a spatial model of politics in the KTAB family
  (probabilistic Condorcet elections over bargains);
* :mod:`~blocs.models.bargaining.baselines`: the compromise model (weighted mean), the weighted
  median and the Nash bargaining solution.
"""

from blocs.models.bargaining.baselines import (
    BaselineForecast,
    compromise,
    nash_bargaining,
    weighted_median,
)
from blocs.models.bargaining.bdm import BDMOptions, BDMResult, bdm
from blocs.models.bargaining.inputs import BargainingInput

__all__ = [
    "BDMOptions",
    "BDMResult",
    "BargainingInput",
    "BaselineForecast",
    "bdm",
    "compromise",
    "nash_bargaining",
    "weighted_median",
]
