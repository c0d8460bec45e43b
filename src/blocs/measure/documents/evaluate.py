"""How much of a reviewed scenario an extraction recovers: recall and precision of figures, actors.

The reviewed scenario is the reference. For the documents extracted:

- **figures**: every quantity of the reference whose evidence cites one of the documents is
  matched by an extracted figure of the same document and paragraph with the same absolute value
  (relative tolerance 1e-9) at two levels: ``value`` (value and paragraph) and ``full`` (also the
  unit, the bound and the rate). Units match when equal, and count-like units (anything other
  than a currency, ``percent`` or ``year``) match each other, since "four members" and "two
  more" count different nouns. Precision is the share of extracted figures that match a
  reference figure at the ``value`` level.
- **actors**: the reference's actors against the actors extracted from all the documents,
  matched by id or by name: case, punctuation and a leading "the" aside, a reference name also
  answers to the aliases it gives in parentheses and to its initials ("Collective Security
  Treaty Organization" is "CSTO"). Precision is the share of extracted actors that are in the
  reference.

Examples
--------
>>> fig = FigureKey("doc", 3, 1.5e8, "USD", "month", "at_most")
>>> _full_match(fig, FigureKey("doc", 3, 1.5e8, "USD", "month", "at_most"))
True
>>> _full_match(FigureKey("doc", 4, 4, "members", None, "exact"),
...             FigureKey("doc", 4, 4, "count", None, "exact"))
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from blocs.measure.documents.extract import Extraction
from blocs.scenario.model import Scenario

__all__ = ["ExtractionScore", "FigureKey", "Rate", "score_extraction"]

_MEASURE_UNITS = {"USD", "EUR", "GBP", "RUB", "IRR", "CNY", "percent", "percentage_points", "year"}


@dataclass(frozen=True)
class FigureKey:
    """A figure reduced to what is compared: document, paragraph, value, unit, rate, bound."""

    source: str
    paragraph: int
    value: float
    unit: str
    per: str | None
    bound: str


@dataclass(frozen=True)
class Rate:
    """Hits out of a total, as a share (``None`` when the total is zero)."""

    hits: int
    total: int

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        share = "—" if self.share is None else f"{self.share:.0%}"
        return f"{share} ({self.hits}/{self.total})"


@dataclass(frozen=True)
class ExtractionScore:
    """Recall and precision of one or more extractions against a reviewed scenario."""

    scenario_id: str
    sources: tuple[str, ...]
    figure_recall_value: Rate
    figure_recall_full: Rate
    figure_precision: Rate
    actor_recall: Rate
    actor_precision: Rate
    missed_figures: tuple[FigureKey, ...]
    missed_actors: tuple[str, ...]
    extra_actors: tuple[str, ...]

    def reading(self) -> str:
        return (
            f"Against '{self.scenario_id}', extraction from {', '.join(self.sources)} recovers"
            f" {self.figure_recall_full} of the figures in full ({self.figure_recall_value} by"
            f" value and paragraph) and {self.actor_recall} of the actors; precision is"
            f" {self.figure_precision} for figures and {self.actor_precision} for actors."
        )


def _normal(name: str) -> str:
    words = re.findall(r"[a-z0-9]+", name.lower())
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _name_variants(name: str) -> set[str]:
    """A name, the part before a parenthesis, each alias inside it, and the initials of a name
    of several capitalised words: "Islamic State (ISIS, Daesh)" gives "islamic state", "isis",
    "daesh" and "is"; "the EU" gives "eu".

    >>> sorted(_name_variants("Collective Security Treaty Organization"))
    ['collective security treaty organization', 'csto']
    """
    head, _, rest = name.partition("(")
    variants = {_normal(name), _normal(head)}
    variants |= {_normal(alias) for alias in re.split(r"[,;/]", rest.rstrip(") "))}
    capitals = re.findall(r"\b[A-Z]", head)
    if len(capitals) >= 2 and len(head.split()) == len(capitals):
        variants.add("".join(capitals).lower())
    return {v for v in variants if v}


def _same_value(a: float, b: float) -> bool:
    return math.isclose(abs(a), abs(b), rel_tol=1e-9, abs_tol=1e-12)


def _value_match(ref: FigureKey, got: FigureKey) -> bool:
    return (
        ref.source == got.source
        and ref.paragraph == got.paragraph
        and _same_value(ref.value, got.value)
    )


def _units_match(a: str, b: str) -> bool:
    if a == b or a.removesuffix("s") == b.removesuffix("s"):
        return True
    return a not in _MEASURE_UNITS and b not in _MEASURE_UNITS


def _full_match(ref: FigureKey, got: FigureKey) -> bool:
    return (
        _value_match(ref, got)
        and math.isclose(ref.value, got.value, rel_tol=1e-9, abs_tol=1e-12)
        and _units_match(ref.unit, got.unit)
        and ref.per == got.per
        and ref.bound == got.bound
    )


def reference_figures(scenario: Scenario, sources: set[str]) -> list[FigureKey]:
    """The quantities of a scenario that cite one of ``sources`` by paragraph, without repeats."""
    keys: dict[FigureKey, None] = {}
    for _path, ev in scenario.evidence_items():
        q = ev.quantity
        if q is None or ev.source not in sources or ev.paragraph is None:
            continue
        keys[FigureKey(ev.source, ev.paragraph, q.value, q.unit, q.per, q.bound)] = None
    return list(keys)


def score_extraction(extractions: list[Extraction], scenario: Scenario) -> ExtractionScore:
    """Score extractions (one per document, ``source_id`` as the scenario names the source)."""
    sources = {e.source_id for e in extractions}
    refs = reference_figures(scenario, sources)
    got = [
        FigureKey(e.source_id, f.paragraph, f.value, f.unit, f.per, f.bound)
        for e in extractions
        for f in e.figures
    ]
    value_hits = sum(any(_value_match(r, g) for g in got) for r in refs)
    full_hits = sum(any(_full_match(r, g) for g in got) for r in refs)
    precise = sum(any(_value_match(r, g) for r in refs) for g in got)
    missed = tuple(r for r in refs if not any(_full_match(r, g) for g in got))

    ref_actors = {a.id: _name_variants(a.name) for a in scenario.actors}
    extracted: dict[str, str] = {}
    for e in extractions:
        for a in e.actors:
            extracted.setdefault(a.id, a.name)

    def known(actor_id: str, name: str) -> str | None:
        if actor_id in ref_actors:
            return actor_id
        variants = _name_variants(name)
        return next((rid for rid, names in ref_actors.items() if names & variants), None)

    matched = {m for aid, name in extracted.items() if (m := known(aid, name)) is not None}
    extra = tuple(sorted(aid for aid, name in extracted.items() if known(aid, name) is None))
    return ExtractionScore(
        scenario_id=scenario.id,
        sources=tuple(sorted(sources)),
        figure_recall_value=Rate(value_hits, len(refs)),
        figure_recall_full=Rate(full_hits, len(refs)),
        figure_precision=Rate(precise, len(got)),
        actor_recall=Rate(len(matched), len(ref_actors)),
        actor_precision=Rate(len(extracted) - len(extra), len(extracted)),
        missed_figures=missed,
        missed_actors=tuple(sorted(set(ref_actors) - matched)),
        extra_actors=extra,
    )
