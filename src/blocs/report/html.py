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

from blocs._version import __version__
from blocs.assessment import Assessment
from blocs.report.inputs import ReportInputs
from blocs.report.sections import Section, build_sections
from blocs.report.views import wedge_view
from blocs.results import NotComputed, to_jsonable
from blocs.scenario.model import Scenario


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
            version=__version__,
            seed=inputs.seed,
        )
    )


@dataclass(frozen=True)
class ReportFile:
    """A written report: where it is, its size, and which sections were left out and why."""

    path: Path
    bytes: int
    not_computed: tuple[str, ...]


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


def to_html_fragment(result: Any, *, scenario: Scenario | None = None) -> str:
    """An HTML fragment for a result object (what ``_repr_html_`` shows in Jupyter).

    An :class:`~blocs.assessment.Assessment` shows the answer, network and ties of the very
    scenario it assessed (``scenario`` overrides it); a
    :class:`~blocs.whatif.wedge.WedgeResult` shows its price distribution, drivers and lenses; any
    other result shows its JSON form (:func:`blocs.results.to_jsonable`) as escaped tables.
    """
    from blocs.report import sections as sec
    from blocs.whatif.wedge import WedgeResult

    if isinstance(result, Assessment):
        scn = scenario or result.scenario
        if scn is None:
            return _fragment(
                "assessment", result.title, [_note("the assessment holds no scenario")]
            )
        inputs = ReportInputs(scenario=scn, assessment=result, results=result.sections)
        parts = [sec.answer_section(inputs), sec.network_section(inputs), sec.ties_section(inputs)]
        return _fragment("assessment", result.title, parts)
    if isinstance(result, WedgeResult):
        view = wedge_view(result)
        section = Section(
            id="wedge", title="The wedge", template="wedge.html", context={"view": view}
        )
        subtitle = f"{result.divider}, {result.target} and {result.partner} ({result.scenario_id})"
        return _fragment("wedge price", subtitle, [section])
    generic = Section(
        id="result",
        title=type(result).__name__,
        template="result.html",
        context={"data": to_jsonable(result)},
    )
    return _fragment("result", "", [generic])


def _note(text: str) -> Section:
    return Section(
        id="note", title="", template="result.html", context={"data": None}, notes=(text,)
    )


def escape_text(value: Any) -> Markup:
    """Escape any value for HTML (re-exported for callers that build markup by hand)."""
    return escape(value)
