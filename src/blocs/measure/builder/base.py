"""What every reader of :mod:`blocs.measure.builder` returns: the ties it measured, the data set it
read, the years that data set covers and the rows it could not use.

Examples
--------
>>> from blocs.measure.builder.base import coverage_gap
>>> coverage_gap((1950, 2021), 1948, 1952)
(1948, 1949)
>>> coverage_gap((1950, 2021), 1960, 1961)
()
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blocs.scenario.model import Source


@dataclass(frozen=True)
class BuildState:
    """One state asked for: its actor id (ISO alpha-3, or the COW abbreviation of a state older
    than ISO 3166), its name and every COW number it stands for in the period."""

    id: str
    name: str
    cow: tuple[int, ...]
    iso3: str | None
    in_system: bool = True


@dataclass(frozen=True)
class DatasetRead:
    """What one reader found for the period.

    ``ties`` are plain tie mappings (validated once, with the whole scenario); ``attributes``
    maps an actor id to attribute mappings; ``coverage`` is the first and last year the data set
    covers (None when its file is absent); ``malformed`` counts rows that could not be read,
    ``unmatched`` rows naming no state of the COW system (both reported, never dropped
    silently); ``messages`` say the rest in sentences.
    """

    name: str
    source: Source
    file: str | None
    coverage: tuple[int, int] | None
    start: int
    end: int
    ties: tuple[dict[str, Any], ...] = ()
    attributes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    malformed: int = 0
    unmatched: int = 0
    messages: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """Whether the data set's file was there."""
        return self.coverage is not None

    @property
    def years_used(self) -> tuple[int, int] | None:
        """The years of the period the data set covers (None when it covers none)."""
        if self.coverage is None:
            return None
        lo, hi = max(self.start, self.coverage[0]), min(self.end, self.coverage[1])
        return (lo, hi) if lo <= hi else None

    @property
    def years_missing(self) -> tuple[int, ...]:
        """The years of the period outside the data set's coverage."""
        if self.coverage is None:
            return tuple(range(self.start, self.end + 1))
        return coverage_gap(self.coverage, self.start, self.end)

    def coverage_sentence(self) -> str:
        """One sentence on what the data set covers of the period."""
        label = f"{self.source.title} ({self.source.version})"
        if self.coverage is None:
            return f"{label}: not found under the data folder, so it gave no ties."
        first, last = self.coverage
        used = self.years_used
        if used is None:
            return (
                f"{label} covers {first}–{last}, none of {self.start}–{self.end}, so it gave"
                " no ties."
            )
        if self.years_missing:
            return (
                f"{label} covers {first}–{last}: years {used[0]}–{used[1]} were measured and"
                f" {_years(self.years_missing)} lie outside it."
            )
        return f"{label} covers {first}–{last}, the whole period."


def coverage_gap(coverage: tuple[int, int], start: int, end: int) -> tuple[int, ...]:
    """The years from ``start`` to ``end`` outside ``coverage``."""
    return tuple(y for y in range(start, end + 1) if not coverage[0] <= y <= coverage[1])


def _years(years: tuple[int, ...]) -> str:
    if len(years) == 1:
        return str(years[0])
    runs: list[str] = []
    lo = prev = years[0]
    for y in (*years[1:], None):
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(lo) if lo == prev else f"{lo}–{prev}")
        if y is not None:
            lo = prev = y
    return ", ".join(runs)


def tie_id(a: str, b: str, what: str, start: int, end: int) -> str:
    """The id of a measured tie (the convention of :mod:`blocs.measure.measured_ties`)."""
    return f"{a.lower()}-{b.lower()}-{what}-{start}-{end}"


def period_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"
