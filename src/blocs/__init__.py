"""blocs: model alliance systems between states.

Who is aligned with whom, how strong and how deep each bond is, what holds it together, and what
it would take to break it. The built-in scenario is the Russia–Iran–US system of early 2017.

The names below are imported when first used (PEP 562), so that ``import blocs`` and the
command line start quickly.

>>> import blocs
>>> scenario = blocs.load("russia-iran-2017")
>>> result = blocs.assess(scenario)
>>> result.scenario_id
'russia-iran-2017'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blocs._lazy import lazy_attributes
from blocs._version import __version__
from blocs.errors import BlocsError, DataFormatError, ModelInputError, ScenarioError
from blocs.results import register_html_provider

if TYPE_CHECKING:
    from blocs.assessment import Assessment, assess
    from blocs.scenario import Scenario, load
    from blocs.whatif.wedge import WedgeResult, wedge

# Results show themselves in notebooks through HTML views the report registers; the report is
# imported the first time a result is shown, never by the layers below it.
register_html_provider("blocs.report.notebook")

_LAZY = {
    "Assessment": "blocs.assessment",
    "assess": "blocs.assessment",
    "Scenario": "blocs.scenario",
    "load": "blocs.scenario",
    "WedgeResult": "blocs.whatif.wedge",
    "wedge": "blocs.whatif.wedge",
}

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


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)
