"""Reports: terminal tables, the offline HTML report, HTML fragments, the what-if page.

Rendering only: every section shows a result object that another part of blocs computed.

>>> import blocs
>>> from blocs.report import ReportInputs, render_report
>>> "<svg" in render_report(ReportInputs(scenario=blocs.load("russia-iran-2017")))
True
"""

from __future__ import annotations

from blocs.report.html import ReportFile, render_report, to_html_fragment, write_report
from blocs.report.inputs import ReportInputs

__all__ = [
    "ReportFile",
    "ReportInputs",
    "render_report",
    "to_html_fragment",
    "write_report",
]
