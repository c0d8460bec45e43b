"""Scenarios built from data, in the spirit of peacesciencer: any states, any years, every tie
measured and located.

:func:`build_scenario` reads, under one reference-data root, one data set per reader and turns
each into ties of the scenario (every tie ``basis: measured``, its evidence naming the data set,
its version and the rows behind the number):

============================  ==========================================  =================
data set (folder)             tie                                         module
============================  ==========================================  =================
ATOP 5.1 (peacesciencer-…)    military, positive, by obligation type      :mod:`.atop`
COW MID 5.0 (peacesciencer-…) military, negative, by hostility level      :mod:`.mids`
SIPRI arms transfers          military, directed supplier → recipient     :mod:`.sipri`
UN votes                      diplomatic, Signorino–Ritter S              :mod:`.unvotes`
COW NMC 7.0 (peacesciencer-…) size: CINC                                  :mod:`.capabilities`
============================  ==========================================  =================

Each data set's coverage is reported (:meth:`BuildResult.coverage`) and written into the
scenario as a note: years outside a data set are never silently empty. A period outside every
data set is an error.

Examples
--------
>>> from blocs.measure.builder import build_scenario
>>> result = build_scenario(data_root, ["CHN", "RUS", "USA"], 1969, 1970)  # doctest: +SKIP
>>> from blocs.scenario.network import net_tie
>>> net_tie(result.scenario, "CHN", "RUS", "military")  # doctest: +SKIP
-0.5
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocs.errors import BlocsError
from blocs.measure.builder.atop import read_atop
from blocs.measure.builder.base import BuildState, DatasetRead, period_text
from blocs.measure.builder.capabilities import read_cinc
from blocs.measure.builder.mids import read_mids
from blocs.measure.builder.sipri import read_sipri
from blocs.measure.builder.states import resolve_states
from blocs.measure.builder.unvotes import read_un_votes
from blocs.measure.measured_ties import parse_period
from blocs.scenario.model import Scenario

__all__ = [
    "READERS",
    "BuildResult",
    "BuildState",
    "DatasetRead",
    "build_scenario",
    "parse_years",
    "resolve_states",
]

Reader = Callable[[Path, Sequence[BuildState], int, int], DatasetRead]

#: The readers, in the order their ties are written.
READERS: tuple[Reader, ...] = (read_atop, read_mids, read_sipri, read_un_votes, read_cinc)


@dataclass(frozen=True)
class BuildResult:
    """A built scenario with what each data set gave and covered."""

    scenario: Scenario
    start: int
    end: int
    states: tuple[BuildState, ...]
    datasets: tuple[DatasetRead, ...] = field(repr=False)
    messages: tuple[str, ...] = ()

    def coverage(self) -> list[dict[str, Any]]:
        """One row per data set: name, version, coverage, years used and missing, ties, rows
        that could not be read or placed."""
        return [
            {
                "dataset": d.name,
                "source": d.source.id,
                "version": d.source.version,
                "file": d.file,
                "covers": list(d.coverage) if d.coverage else None,
                "years_used": list(d.years_used) if d.years_used else None,
                "years_missing": list(d.years_missing),
                "ties": len(d.ties),
                "sizes": len(d.attributes),
                "malformed_rows": d.malformed,
                "unmatched_rows": d.unmatched,
                "reading": d.coverage_sentence(),
            }
            for d in self.datasets
        ]

    def __json__(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "period": {"start": self.start, "end": self.end},
            "states": [s.id for s in self.states],
            "ties": len(self.scenario.ties),
            "datasets": self.coverage(),
            "messages": list(self.messages),
            "reading": self.reading(),
        }

    def reading(self) -> str:
        """One sentence on what was built."""
        counts = ", ".join(f"{len(d.ties)} from {d.name}" for d in self.datasets if d.ties)
        return (
            f"Built {len(self.scenario.ties)} measured ties among {len(self.states)} states for"
            f" {period_text(self.start, self.end)}" + (f" ({counts})." if counts else ".")
        )


def parse_years(text: str) -> tuple[int, int]:
    """``"1969-1972"`` → (1969, 1972); ``"2010"`` → (2010, 2010).

    >>> parse_years("1969-1972"), parse_years("2010")
    ((1969, 1972), (2010, 2010))
    """
    return parse_period(text)


def _coverage_note(d: DatasetRead) -> dict[str, Any]:
    first, last = d.coverage or (0, 0)
    return {
        "topic": f"coverage of {d.name}",
        "text": d.coverage_sentence(),
        "evidence": [
            {
                "source": d.source.id,
                "locator": f"{d.file}: years {first}-{last}",
                "claim": f"The data set's rows run from {first} to {last}.",
                "confidence": "high",
            }
        ],
    }


def build_scenario(
    data: str | Path,
    states: Sequence[str],
    start: int,
    end: int,
    *,
    scenario_id: str | None = None,
    title: str | None = None,
    readers: Sequence[Reader] = READERS,
    on_step: Callable[[str], None] | None = None,
) -> BuildResult:
    """A scenario of measured ties among ``states`` over the years ``start``–``end``.

    Parameters
    ----------
    data : path
        The reference-data root: the folder holding ``peacesciencer-cow-atop/``,
        ``sipri-arms-transfers/`` and ``un-votes/``. A data set whose folder is absent gives no
        ties and is reported.
    states : sequence of str
        ISO 3166 alpha-3 codes or COW numbers (``["CHN", "365", "USA"]``), or ``["all"]`` for
        every state in the COW system during the period.
    start, end : int
        First and last year.
    scenario_id, title : str, optional
        Defaults name the states and years.
    readers : sequence of callables
        The data-set readers (default :data:`READERS`).
    on_step : callable, optional
        Called with the name of each reader before it runs (for progress bars).

    Raises
    ------
    BlocsError
        Unknown state codes; a period outside every data set; no data set under ``data``.
    """
    if start > end:
        raise BlocsError(f"--from/--to: {start}-{end} starts after it ends")
    root = Path(data)
    if not root.is_dir():
        raise BlocsError(f"--data: {root} is not a folder (give the reference-data root)")
    chosen = resolve_states(states, start, end)
    reads_list = []
    for reader in readers:
        if on_step is not None:
            on_step(reader.__name__.removeprefix("read_"))
        reads_list.append(reader(root, chosen, start, end))
    reads = tuple(reads_list)
    found = [d for d in reads if d.found]
    if not found:
        raise BlocsError(
            f"--data: no data set under {root} (expected peacesciencer-cow-atop/,"
            " sipri-arms-transfers/, un-votes/)"
        )
    if not any(d.years_used for d in found):
        spans = ", ".join(f"{d.name} {d.coverage[0]}-{d.coverage[1]}" for d in found if d.coverage)
        raise BlocsError(
            f"--from/--to: {period_text(start, end)} lies outside every data set ({spans})"
        )
    names = {s.id: s.name for s in chosen}
    span = period_text(start, end)
    years = str(start) if start == end else f"{start}-{end}"
    every = any(t.strip().lower() == "all" for t in states)
    sid = scenario_id or (
        f"built-all-states-{years}"
        if every
        else "built-" + "-".join(s.id.lower() for s in chosen[:6]) + f"-{years}"
    )
    attributes: dict[str, list[dict[str, Any]]] = {}
    for d in reads:
        for actor, attrs in d.attributes.items():
            attributes.setdefault(actor, []).extend(attrs)
    messages = [m for d in reads for m in d.messages]
    messages += [d.coverage_sentence() for d in reads if d.years_missing or not d.found]
    absent = [s.name for s in chosen if not s.in_system]
    if absent:
        messages.append(
            f"{len(absent)} states were not in the COW state system in {span}: "
            + ", ".join(absent[:5])
        )
    used = [d for d in reads if d.ties or d.attributes]
    sources = [d.source.model_dump(mode="json", exclude_none=True) for d in found]
    scenario = Scenario.model_validate(
        {
            "id": sid,
            "title": title or f"Measured ties among {len(chosen)} states, {span}",
            "description": (
                f"Built from data ({', '.join(d.name for d in used)}): every tie measured,"
                " located in its data set and coded by the rules of"
                " docs/build-scenarios-from-data.md."
            ),
            "period": {"start": str(start), "end": str(end)},
            "size_attribute": "cinc" if attributes else None,
            "sources": sources,
            "actors": [
                {
                    "id": s.id,
                    "name": names[s.id],
                    **({"code_system": "slug"} if not s.iso3 else {}),
                    "attributes": attributes.get(s.id, []),
                }
                for s in chosen
            ],
            "ties": [t for d in reads for t in d.ties],
            "notes": [_coverage_note(d) for d in found if d.years_missing],
        }
    )
    return BuildResult(
        scenario=scenario,
        start=start,
        end=end,
        states=chosen,
        datasets=reads,
        messages=tuple(messages),
    )
