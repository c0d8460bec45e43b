"""Does each citation of a scenario stand in its source? A faithfulness check for any scenario.

For every evidence item that cites a document's paragraph, the check reads the source's
``file`` from a folder of source texts and reports, located by the scenario file's line:

- ``missing_file``: the source names a file the folder does not hold;
- ``past_end``: the paragraph is beyond the document's last paragraph;
- ``paragraph_count``: the source declares a paragraph count the document does not have;
- ``figure_not_found``: the evidence's quantity does not appear in the cited paragraph in any
  usual written form ("2.5 billion", "$2,500 million", "2.5bn", "two and a half billion"),
  compared by absolute value (a contraction "by 3.5 percent" carries the figure -3.5 %).

Evidence located in a data set (``locator``) and sources without a ``file`` are counted apart
as not checkable here, never silently passed.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "note.txt").write_text("Intro.\\n\\nTrade reached $2.5bn in 2016.\\n")
>>> text = '''
... id: toy
... title: Toy
... sources: [{id: note, title: A note, kind: analysis, file: note.txt, paragraphs: 2}]
... actors: [{id: RUS, name: Russia}, {id: IRN, name: Iran}]
... ties:
...   - pair: [RUS, IRN]
...     channel: economic
...     strength: 0.3
...     rationale: trade
...     evidence:
...       - {source: note, paragraph: 2, claim: Trade of 2.5 billion dollars.,
...          quantity: {value: 2500000000, unit: USD}}
...       - {source: note, paragraph: 2, claim: Trade of 3 billion dollars.,
...          quantity: {value: 3000000000, unit: USD}}
... '''
>>> report = check_citations_text(text, folder, file="toy.yaml")
>>> report.figures_checked, report.figures_found
(2, 1)
>>> print(report.problems[0].located())
toy.yaml:15: ties[0].evidence[1].quantity: 3e+09 USD is not in note ¶2 (figures there: 2.5e+09 USD)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from blocs.errors import DataFormatError
from blocs.measure.documents.figures import Figure, find_figures
from blocs.measure.documents.paragraphs import Paragraph, read_paragraphs, read_text
from blocs.scenario.io import line_of, parse_yaml, validate_data
from blocs.scenario.model import Scenario

__all__ = ["CitationCheck", "CitationProblem", "check_citations", "check_citations_text"]

ProblemKind = Literal["missing_file", "past_end", "paragraph_count", "figure_not_found"]


@dataclass(frozen=True)
class CitationProblem:
    """One citation that does not stand, located in the scenario file."""

    kind: ProblemKind
    file: str
    line: int | None
    path: str
    source: str
    paragraph: int | None
    message: str

    def located(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"

    def reading(self) -> str:
        return self.located()


@dataclass(frozen=True)
class CitationCheck:
    """What the faithfulness check found in one scenario."""

    scenario_id: str
    file: str
    sources_dir: str
    citations_checked: int
    figures_checked: int
    figures_found: int
    not_checkable: int
    problems: tuple[CitationProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    def reading(self) -> str:
        head = (
            f"{self.citations_checked} citations of '{self.scenario_id}' checked against their"
            f" documents; {self.figures_found} of {self.figures_checked} figures stand in the"
            " paragraph they cite"
        )
        skipped = (
            f"; {self.not_checkable} cite a data set or a source without a file"
            if self.not_checkable
            else ""
        )
        verdict = (
            "no problems."
            if self.ok
            else f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}."
        )
        return f"{head}{skipped}; {verdict}"


Located = tuple[list[str | int], dict[str, Any]]


def _walk_evidence(data: Any, path: list[str | int]) -> Iterator[Located]:
    """Every evidence mapping in the plain data, with its path (``ties[3].evidence[0]``)."""
    if isinstance(data, dict):
        if "source" in data and "claim" in data:
            yield path, data
            return
        for key, value in data.items():
            yield from _walk_evidence(value, [*path, str(key)])
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk_evidence(value, [*path, i])


def _path_text(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def _matches(figure: Figure, value: float, unit: str) -> bool:
    if figure.kind == "year" and unit != "year":
        return False
    target = abs(value)
    return math.isclose(abs(figure.value), target, rel_tol=1e-9, abs_tol=1e-12)


def _describe(value: float, unit: str, per: str | None) -> str:
    return f"{value:g} {unit}" + (f" per {per}" if per else "")


def check_citations_text(
    text: str, sources_dir: str | Path, *, file: str = "<string>"
) -> CitationCheck:
    """Check the citations of a scenario given as YAML text (see :func:`check_citations`)."""
    data, root = parse_yaml(text, file=file)
    scenario: Scenario = validate_data(Scenario, data, root, file=file)
    folder = Path(sources_dir)
    sources = {s.id: s for s in scenario.sources}
    documents: dict[str, list[Paragraph] | None] = {}
    problems: list[CitationProblem] = []
    cited = figures = found = not_checkable = 0

    def problem(
        kind: ProblemKind, where: list[str | int], source: str, para: int | None, msg: str
    ) -> None:
        problems.append(
            CitationProblem(
                kind=kind,
                file=file,
                line=line_of(root, where),
                path=_path_text(where),
                source=source,
                paragraph=para,
                message=msg,
            )
        )

    for i, src in enumerate(scenario.sources):
        if src.file is None:
            continue
        try:
            paragraphs = read_paragraphs(folder / src.file)
        except DataFormatError as exc:
            documents[src.id] = None
            where = ["sources", i, "file"]
            problem("missing_file", where, src.id, None, f"{exc.message} ({src.file} in {folder})")
            continue
        documents[src.id] = paragraphs
        if src.paragraphs is not None and src.paragraphs != len(paragraphs):
            problem(
                "paragraph_count",
                ["sources", i, "paragraphs"],
                src.id,
                None,
                f"declares {src.paragraphs} paragraphs; {src.file} has {len(paragraphs)}"
                " (non-empty lines)",
            )

    for path, ev in _walk_evidence(data, []):
        source_id = str(ev.get("source"))
        para = ev.get("paragraph")
        src = sources.get(source_id)
        if src is None or src.file is None or para is None:
            not_checkable += 1
            continue
        paragraphs = documents.get(source_id)
        if paragraphs is None:
            continue  # the missing file is reported once, at the source
        cited += 1
        if not isinstance(para, int) or para > len(paragraphs):
            problem(
                "past_end",
                [*path, "paragraph"],
                source_id,
                para if isinstance(para, int) else None,
                f"{source_id} has {len(paragraphs)} paragraphs, not {para}",
            )
            continue
        quantity = ev.get("quantity")
        if not isinstance(quantity, dict) or "value" not in quantity:
            continue
        figures += 1
        value = float(quantity["value"])
        unit = str(quantity.get("unit", ""))
        in_paragraph = find_figures(paragraphs[para - 1].text)
        if any(_matches(f, value, unit) for f in in_paragraph):
            found += 1
            continue
        there = ", ".join(
            _describe(f.value, f.unit, f.per) for f in in_paragraph if f.kind == "amount"
        )
        problem(
            "figure_not_found",
            [*path, "quantity"],
            source_id,
            para,
            f"{_describe(value, unit, quantity.get('per'))} is not in {source_id} ¶{para}"
            f" (figures there: {there or 'none'})",
        )

    return CitationCheck(
        scenario_id=scenario.id,
        file=file,
        sources_dir=str(folder),
        citations_checked=cited,
        figures_checked=figures,
        figures_found=found,
        not_checkable=not_checkable,
        problems=tuple(sorted(problems, key=lambda p: (p.line or 0, p.path))),
    )


def check_citations(scenario_file: str | Path, sources_dir: str | Path) -> CitationCheck:
    """Check every citation of the scenario file against the documents in ``sources_dir``.

    ``sources_dir`` holds the files the scenario's sources name in ``file``. Problems are
    returned, not raised, so that all of them can be listed at once.
    """
    path = Path(scenario_file)
    folder = Path(sources_dir)
    if not folder.is_dir():
        raise DataFormatError("--sources: no such folder", file=str(folder))
    return check_citations_text(read_text(path), folder, file=path.name)
