"""The offline HTML report and the HTML fragments that notebooks show for result objects.

Templates are Jinja2 with autoescaping switched on for every template: a text from a scenario
file or a document can never become markup (a source titled ``<script>`` shows as text). The
pictures are static SVG (:mod:`blocs.report.svg`), so the report runs no JavaScript and loads
nothing from the network; a Content-Security-Policy meta tag says so to the browser.

Examples
--------
>>> import blocs
>>> from blocs.report.inputs import ReportInputs
>>> page = render_report(ReportInputs(scenario=blocs.load("russia-iran-2017")))
>>> page.startswith("<!DOCTYPE html>") and "Ties by channel" in page
True
>>> "<svg" in to_html_fragment(blocs.assess(blocs.load("russia-iran-2017")))
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

import blocs
from blocs.assessment import Assessment
from blocs.report.inputs import NotComputed, ReportInputs
from blocs.report.sections import Section, build_sections, wedge_section


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of the report: package templates, autoescape on everywhere."""
    return Environment(
        loader=PackageLoader("blocs.report", "templates"),
        autoescape=True,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


@functools.cache
def stylesheet() -> Markup:
    """The report's stylesheet (a package file written by blocs, never user input)."""
    text = resources.files("blocs.report").joinpath("templates/report.css").read_text("utf-8")
    return Markup(text.replace("</", "<\\/"))


@dataclass(frozen=True)
class RenderedSection:
    id: str
    title: str
    body: Markup
    notes: tuple[str, ...]


def render_section(section: Section) -> RenderedSection:
    """One section's body as escaped markup."""
    body = environment().get_template(f"sections/{section.template}").render(**section.context)
    return RenderedSection(section.id, section.title, Markup(body), section.notes)


def render_report(inputs: ReportInputs) -> str:
    """The whole report as one self-contained HTML document."""
    s = inputs.scenario
    sections = [render_section(sec) for sec in build_sections(inputs)]
    return (
        environment()
        .get_template("report.html")
        .render(
            title=s.title,
            scenario_id=s.id,
            period=str(s.period) if s.period else "",
            sections=sections,
            css=stylesheet(),
            version=blocs.__version__,
            seed=inputs.seed,
        )
    )


@dataclass(frozen=True)
class ReportFile:
    """A written report: where it is, its size, and which sections were left out and why."""

    path: Path
    bytes: int
    not_computed: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bytes": self.bytes,
            "not_computed": list(self.not_computed),
        }


def write_report(inputs: ReportInputs, path: str | Path) -> ReportFile:
    """Write the report to ``path`` (UTF-8) and say what it holds."""
    page = render_report(inputs)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = page.encode("utf-8")
    target.write_bytes(data)
    missing = tuple(
        f"{name}: {value.reason}"
        for name, value in inputs.results.items()
        if isinstance(value, NotComputed)
    )
    return ReportFile(path=target, bytes=len(data), not_computed=missing)


def _fragment(kind: str, subtitle: str, sections: list[Section]) -> str:
    rendered = [render_section(sec) for sec in sections]
    return (
        environment()
        .get_template("fragment.html")
        .render(kind=kind, subtitle=subtitle, sections=rendered, css=stylesheet())
    )


def to_html_fragment(result: Any, *, scenario: blocs.Scenario | None = None) -> str:
    """An HTML fragment for a result object, for ``_repr_html_`` in Jupyter.

    An :class:`~blocs.assessment.Assessment` shows its scenario's network and ties (the
    scenario is loaded from the built-in library by id unless given); a wedge result shows its
    price distribution; any other result shows its ``to_dict()`` as escaped tables.
    """
    from blocs.report import sections as sec
    from blocs.scenario import load

    if isinstance(result, Assessment):
        scn = scenario or load(result.scenario_id)
        inputs = ReportInputs(scenario=scn, assessment=result)
        parts = [sec.answer_section(inputs), sec.network_section(inputs), sec.ties_section(inputs)]
        return _fragment("assessment", result.title, parts)
    data = result.to_dict() if hasattr(result, "to_dict") else result
    if isinstance(data, dict) and "low" in data and "high" in data and scenario is not None:
        inputs = ReportInputs(scenario=scenario, results={"wedge": result})
        return _fragment("wedge price", "", [wedge_section(inputs)])
    generic = Section(
        id="result",
        title=type(result).__name__,
        template="alignment.html",
        context={"parts": [{"label": "", "data": data, "html": None}]},
    )
    return _fragment("result", "", [generic])


def escape_text(value: Any) -> Markup:
    """Escape any value for HTML (re-exported for callers that build markup by hand)."""
    return escape(value)
