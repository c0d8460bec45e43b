"""blocs: model alliance systems between states.

Who is aligned with whom, how strong and how deep each bond is, what holds it together, and what
it would take to break it. The built-in scenario is the Russia–Iran–US system of early 2017.

>>> import blocs
>>> scenario = blocs.load("russia-iran-2017")
>>> result = blocs.assess(scenario)
>>> result.scenario_id
'russia-iran-2017'
"""

from __future__ import annotations

from blocs.assessment import Assessment, assess
from blocs.errors import BlocsError, DataFormatError, ModelInputError, ScenarioError
from blocs.scenario import Scenario, load
from blocs.whatif.wedge import WedgeResult, wedge

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "BlocsError",
    "DataFormatError",
    "ModelInputError",
    "Scenario",
    "ScenarioError",
    "WedgeResult",
    "__version__",
    "assess",
    "load",
    "wedge",
]
