"""The assessment of a scenario: what ``blocs assess`` prints, computed once as a result object.

It gathers the ties by channel with their evidence, the net tie of every pair, and the lenses
of :mod:`blocs.models` on the scenario. The CLI and the report only render it.

Examples
--------
>>> import blocs
>>> result = blocs.assess(blocs.load("russia-iran-2017"))
>>> result.net_ties["overall"][("IRN", "RUS")] > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocs.measure.measured_ties import Comparison, assessed_only, compare
from blocs.models.frustration.budget import DEFAULT_TIME_LIMIT
from blocs.results import NotComputed, html_of, to_jsonable
from blocs.scenario.model import CHANNELS, Channel, Evidence, Quantity, Scenario
from blocs.scenario.network import Network, combine_strengths
from blocs.seeding import DEFAULT_DRAWS, DEFAULT_SEED

if TYPE_CHECKING:
    from blocs.measure.measured_ties import Comparison


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence item as the assessment shows it: where it stands, its claim, its figure."""

    source: str
    source_title: str
    paragraph: int | None
    locator: str | None
    claim: str
    quantity: Quantity | None
    note: str | None

    @property
    def where(self) -> str:
        """``¶16`` for a document, the locator for a data set."""
        return f"¶{self.paragraph}" if self.paragraph else str(self.locator or "")


@dataclass(frozen=True)
class NoteRow:
    """A note of the scenario (where the sources err or disagree) with its evidence."""

    topic: str
    text: str
    evidence: list[EvidenceRow]


@dataclass(frozen=True)
class TieRow:
    """One tie as the assessment shows it, with its evidence trail."""

    id: str | None
    a: str
    b: str
    channel: str
    strength: float
    rationale: str
    period: str | None
    evidence: list[EvidenceRow]


@dataclass(frozen=True)
class Assessment:
    """Everything ``blocs assess`` reports for one scenario."""

    scenario_id: str
    title: str
    counts: dict[str, int]
    ties: list[TieRow]
    net_ties: dict[str, dict[tuple[str, str], float]]
    sections: dict[str, Any] = field(default_factory=dict)
    readings: list[str] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    #: Where the alignment lenses disagree about the focus actors, one sentence each.
    disagreements: list[str] = field(default_factory=list)
    #: The question the scenario's focus asks (``None`` without a focus).
    question: str | None = None
    #: The scenario assessed (the very object, so that a file scenario or a modified copy is
    #: rendered as it is; not part of the JSON, which names it by id).
    scenario: Scenario | None = field(default=None, repr=False, compare=False)

    def net_tie(self, a: str, b: str, channel: str | None = None) -> float:
        """The net tie of ``a`` and ``b`` in either order, in ``channel`` or overall; 0.0 when
        they are not tied there.

        >>> import blocs
        >>> result = blocs.assess(blocs.load("russia-iran-2017"))
        >>> result.net_tie("RUS", "IRN") == result.net_tie("IRN", "RUS") > 0
        True
        """
        from blocs.scenario.network import channel_name

        table = self.net_ties[channel_name(channel) or "overall"]
        return table.get((a, b), table.get((b, a), 0.0))

    def _repr_html_(self) -> str | None:
        """The assessment as an HTML fragment in notebooks (rendered by the report)."""
        return html_of(self)

    def __json__(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "title": self.title,
            "question": self.question,
            "counts": self.counts,
            "ties": self.ties,
            "net_ties": {
                ch: [{"a": a, "b": b, "value": v} for (a, b), v in pairs.items()]
                for ch, pairs in self.net_ties.items()
            },
            "sections": {k: to_jsonable(v) for k, v in self.sections.items()},
            "readings": self.readings,
            "disagreements": self.disagreements,
            "notes": self.notes,
        }


def _evidence_rows(scenario: Scenario, evidence: list[Evidence]) -> list[EvidenceRow]:
    return [
        EvidenceRow(
            source=ev.source,
            source_title=scenario.source(ev.source).title,
            paragraph=ev.paragraph,
            locator=ev.locator,
            claim=ev.claim,
            quantity=ev.quantity,
            note=ev.note,
        )
        for ev in evidence
    ]


def measured_against_assessed(scenario: Scenario) -> list[Comparison]:
    """Every pair and channel where data sets measured a tie that documents also assess: the
    measured ties combined by the network's rule beside the assessed net tie (the network counts the
    assessed one), compared by :func:`~blocs.measure.measured_ties.signs_agree`."""
    groups: dict[tuple[str, str, str], dict[str, list]] = {}
    for t in scenario.current_ties():
        a, b = sorted(t.pair)
        groups.setdefault((a, b, t.channel.value), {}).setdefault(t.basis.value, []).append(t)
    both = {k: v for k, v in sorted(groups.items()) if "assessed" in v and "measured" in v}
    if not both:
        return []

    assessed = assessed_only(scenario)
    out = []
    for (a, b, channel), kinds in both.items():
        measured = combine_strengths([t.strength for t in kinds["measured"]])
        sources = sorted({e.source for t in kinds["measured"] for e in t.evidence})
        out.append(
            compare(assessed, a, b, Channel(channel), ", ".join(sources), "tie strength", measured)
        )
    return out


def count(scenario: Scenario) -> dict[str, int]:
    """Counts of the scenario's parts: actors, blocs, ties, evidence items, sources, figures."""
    evidence = list(scenario.evidence_items())
    return {
        "actors": sum(1 for a in scenario.actors if a.kind.value != "bloc"),
        "blocs": sum(1 for a in scenario.actors if a.kind.value == "bloc"),
        "memberships": len(scenario.memberships),
        "ties": len(scenario.ties),
        "evidence": len(evidence),
        "figures": sum(1 for _, ev in evidence if ev.quantity is not None),
        "sources": len(scenario.sources),
        "notes": len(scenario.notes),
    }


@dataclass(frozen=True)
class MeasuredAgainstAssessed:
    """The pairs and channels where data sets and documents both give a tie, side by side."""

    comparisons: tuple[Comparison, ...]

    def __json__(self) -> list[Comparison]:
        return list(self.comparisons)

    def __iter__(self) -> Any:
        return iter(self.comparisons)

    def __len__(self) -> int:
        return len(self.comparisons)

    def reading(self) -> str:
        """One sentence: how many measured ties agree in sign with the documents, and where not."""
        n = len(self.comparisons)
        agree = sum(1 for c in self.comparisons if c.agree)
        disagree = [c for c in self.comparisons if c.agree is False]
        text = (
            f"Measured against assessed: {agree} of {n} measured"
            f" {'tie agrees' if agree == 1 else 'ties agree'} in sign with the documents"
        )
        if disagree:
            text += "; they disagree on " + ", ".join(f"{c.a}–{c.b} {c.channel}" for c in disagree)
        return text + "."


#: The lenses whose results read as one sentence each, in the order they are read.
READ_ORDER: tuple[str, ...] = (
    "triad",
    "balance",
    "landscape",
    "dynamics",
    "coverage",
    "measured",
    "wedge",
    "bargain",
)

#: What each lens is called where the readings compare them.
LENS_NAMES: dict[str, str] = {
    "triad": "the focus triangle",
    "balance": "structural balance",
    "landscape": "landscape theory",
    "dynamics": "balance dynamics",
}


def readings(sections: dict[str, Any]) -> list[str]:
    """One sentence per lens, each written by the lens's result (:meth:`reading`)."""
    out = []
    for name in READ_ORDER:
        result = sections.get(name)
        if result is not None and not isinstance(result, NotComputed):
            out.append(result.reading())
    return out


def _side(camps: Any, actor: str) -> int | None:
    for i, camp in enumerate(camps):
        if actor in camp:
            return i
    return None


def disagreements(scenario: Scenario, sections: dict[str, Any]) -> list[str]:
    """Where the alignment lenses disagree about the focus: for the divider and for the partner,
    which lenses put them in the target's camp and which put them opposite.

    Each lens is read through its result's ``camps``; a lens that leaves an actor out is silent
    about it.
    """
    focus = scenario.focus
    if focus is None:
        return []
    t = focus.target
    out = []
    for actor in (focus.partner, focus.divider):
        withs, apart = [], []
        for name, label in LENS_NAMES.items():
            result = sections.get(name)
            camps = getattr(result, "camps", None)
            if result is None or isinstance(result, NotComputed) or not camps:
                continue
            here, there = _side(camps, t), _side(camps, actor)
            if here is None or there is None:
                continue
            (withs if here == there else apart).append(label)
        if withs and apart:
            out.append(
                f"{_listed(withs)[0].upper()}{_listed(withs)[1:]} {_verb(withs)} {actor} in"
                f" {t}'s camp, while {_listed(apart)} {_verb(apart)} {actor} opposite {t}."
            )
    return out


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _verb(subjects: list[str]) -> str:
    return "puts" if len(subjects) == 1 else "put"


def _lens(compute: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one model; a model that cannot take this scenario yields :class:`NotComputed`."""
    from blocs.errors import BlocsError

    try:
        return compute(*args, **kwargs)
    except BlocsError as exc:
        return NotComputed(str(exc))


def model_sections(
    scenario: Scenario,
    *,
    data: str | Path | None = None,
    seed: int | None = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> dict[str, Any]:
    """The model lenses on a scenario: balance, the focus triad, landscape, dynamics, and the
    wedge price when the scenario names its focus (``data``: reference data for the base-rate
    lens; ``seed`` and ``draws``: the Monte Carlo of the wedge; ``time_limit``: seconds all the
    frustration solves of the balance lens may take together, ``None`` for no limit)."""
    from blocs.models.balance import balance_report, triangle
    from blocs.models.dynamics import dynamics_from_scenario
    from blocs.models.landscape import landscape_from_scenario
    from blocs.scenario.network import signed_graph

    sections: dict[str, Any] = {"balance": _lens(balance_report, scenario, time_limit=time_limit)}
    if scenario.focus is not None:
        graph = signed_graph(scenario)
        t, p, d = scenario.focus.triad
        if all(graph.has_edge(x, y) for x, y in ((t, p), (t, d), (p, d))):
            sections["triad"] = triangle(graph, t, p, d)
        else:
            sections["triad"] = NotComputed(f"{t}, {p} and {d} are not all tied to each other")
    if scenario.size_attribute:
        sections["landscape"] = _lens(landscape_from_scenario, scenario)
    else:
        sections["landscape"] = NotComputed("the scenario names no size_attribute")
    sections["dynamics"] = _lens(dynamics_from_scenario, scenario)
    if scenario.not_covered:
        from blocs.whatif.coverage import coverage_lens

        sections["coverage"] = _lens(coverage_lens, scenario)
    if scenario.focus is not None:
        from blocs.whatif.wedge import wedge

        focus = scenario.focus
        sections["wedge"] = _lens(
            wedge,
            scenario,
            divider=focus.divider,
            target=focus.target,
            partner=focus.partner,
            data=data,
            seed=seed,
            draws=draws,
        )
    else:
        sections["wedge"] = NotComputed("the scenario names no focus (divider, target, partner)")
    if scenario.focus is not None and scenario.issues:
        from blocs.whatif.bargain_lens import bargain_lens

        sections["bargain"] = _lens(bargain_lens, scenario, seed=seed, draws=min(draws, 500))
    else:
        sections["bargain"] = NotComputed(
            "the scenario has no focus or no issues: section",
            remedy="add issues with positions and saliences (docs/scenario-coding.md)",
        )
    return sections


def assess(
    scenario: Scenario,
    *,
    data: str | Path | None = None,
    seed: int | None = DEFAULT_SEED,
    draws: int = DEFAULT_DRAWS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Assessment:
    """Assess a scenario: ties with evidence, net ties per channel and overall, model lenses
    and the wedge price (see :func:`model_sections` for the options)."""
    ties = [
        TieRow(
            id=t.id,
            a=t.pair[0],
            b=t.pair[1],
            channel=t.channel.value,
            strength=t.strength,
            rationale=t.rationale,
            period=str(t.period) if t.period else None,
            evidence=_evidence_rows(scenario, t.evidence),
        )
        for t in scenario.ties
    ]
    network = Network(scenario)
    nets = {"overall": network.net_ties()}
    for channel in CHANNELS:
        nets[channel] = network.net_ties(channel)
    notes = [NoteRow(n.topic, n.text, _evidence_rows(scenario, n.evidence)) for n in scenario.notes]
    sections = model_sections(scenario, data=data, seed=seed, draws=draws, time_limit=time_limit)
    comparisons = measured_against_assessed(scenario)
    if comparisons:
        sections = {"measured": MeasuredAgainstAssessed(tuple(comparisons)), **sections}
    return Assessment(
        scenario_id=scenario.id,
        title=scenario.title,
        counts=count(scenario),
        ties=ties,
        net_ties=nets,
        sections=sections,
        readings=readings(sections),
        disagreements=disagreements(scenario, sections),
        question=scenario.focus.asks() if scenario.focus is not None else None,
        notes=notes,
        scenario=scenario,
    )
