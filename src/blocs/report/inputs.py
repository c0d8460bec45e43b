"""What a report renders: the scenario, its assessment, and each part's result or why it is absent.

The report computes nothing. :func:`~blocs.report.gather.gather` asks each part of blocs for its
result through that part's public API; a part that cannot work on this scenario is recorded as
:class:`~blocs.results.NotComputed` with a one-line reason, and its section says so instead of
showing anything made up.

Examples
--------
>>> import blocs
>>> inputs = ReportInputs(scenario=blocs.load("russia-iran-2017"))
>>> inputs.get("wedge") is None
True
>>> inputs.why("wedge")
'not computed: no result was given'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from blocs.assessment import Assessment
from blocs.results import NotComputed, is_not_computed
from blocs.scenario.model import Scenario

#: The result slots a report knows how to render, in the order their sections appear.
PARTS: tuple[str, ...] = (
    "balance",
    "triad",
    "landscape",
    "dynamics",
    "wedge",
    "bargain",
    "votes",
    "idealpoints",
    "events",
)


@dataclass(frozen=True)
class ReportInputs:
    """The scenario, its :class:`~blocs.assessment.Assessment` (optional), and one result per
    part.

    ``results`` maps a name of :data:`PARTS` to a typed result object or a
    :class:`~blocs.results.NotComputed`. ``data_sources`` lists the data sets the results used, as
    ``{"name", "version", "cite"}`` dictionaries, for the references.
    """

    scenario: Scenario
    assessment: Assessment | None = None
    results: Mapping[str, Any] = field(default_factory=dict)
    data_sources: tuple[Mapping[str, str], ...] = ()
    seed: int | None = None

    def __json__(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "seed": self.seed,
            "results": {
                name: self.results.get(name, NotComputed("no result was given")) for name in PARTS
            },
            "data_sources": [dict(d) for d in self.data_sources],
        }

    def get(self, name: str) -> Any | None:
        """The result of part ``name``, or ``None`` when it was not computed."""
        value = self.results.get(name)
        return None if value is None or is_not_computed(value) else value

    def why(self, name: str) -> str:
        """The one-line note for an absent result: ``not computed: <why>``."""
        value = self.results.get(name)
        if is_not_computed(value):
            return f"not computed: {value.reason}"
        return "not computed: no result was given"
