"""What-if analysis: shocks as overlays, and the wedge price of pulling an ally away.

* :mod:`~blocs.whatif.overlay` — a YAML overlay changes a scenario (ties, inducements, stakes,
  memberships) and lists what changed; :mod:`~blocs.whatif.compare` shows before and after;
* :mod:`~blocs.whatif.inputs` — evidenced figures and explicit assumptions, kept apart;
* :mod:`~blocs.whatif.ledger`, :mod:`~blocs.whatif.montecarlo`,
  :mod:`~blocs.whatif.sensitivity` — the reservation price, its distribution, and what moves it;
* :mod:`~blocs.whatif.structural` and :mod:`~blocs.whatif.baserate` — the landscape and the
  historical record as two more lenses;
* :mod:`~blocs.whatif.wedge` — the three lenses as one answer with its disagreements.

>>> import blocs
>>> from blocs.whatif import wedge
>>> r = wedge(blocs.load("russia-iran-2017"), divider="USA", target="RUS", partner="IRN",
...           draws=1000, sobol_samples=0, structural=False, seed=4)
>>> r.price.draws, r.seed
(1000, 4)
"""

from __future__ import annotations

from blocs.whatif.compare import WhatIfResult, what_if
from blocs.whatif.inputs import AssumptionsFile, load_assumptions, resolve_inputs
from blocs.whatif.overlay import Overlay, OverlayResult, apply_overlay, load_overlay
from blocs.whatif.wedge import WedgeResult, wedge

__all__ = [
    "AssumptionsFile",
    "Overlay",
    "OverlayResult",
    "WedgeResult",
    "WhatIfResult",
    "apply_overlay",
    "load_assumptions",
    "load_overlay",
    "resolve_inputs",
    "wedge",
    "what_if",
]
