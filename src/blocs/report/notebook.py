"""The HTML views of results in notebooks, registered with :mod:`blocs.results` on import.

Results live below the report (:class:`~blocs.assessment.Assessment`,
:class:`~blocs.whatif.wedge.WedgeResult`) and never import it: their ``_repr_html_`` asks
:func:`blocs.results.html_of` for a view, and this module registers the report's renderers there.
The package root names this module as the provider (:func:`blocs.results.register_html_provider`),
so it is imported the first time a notebook shows a result, never before.

Examples
--------
>>> import blocs
>>> s = blocs.load("russia-iran-2017")
>>> "<svg" in blocs.assess(s, draws=500)._repr_html_()
True
"""

from __future__ import annotations

from blocs.assessment import Assessment
from blocs.report.html import to_html_fragment
from blocs.results import register_html
from blocs.whatif.wedge import WedgeResult


def register() -> None:
    """Register the report's HTML view of each result class it knows."""
    register_html(Assessment, to_html_fragment)
    register_html(WedgeResult, to_html_fragment)


register()
