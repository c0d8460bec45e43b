"""The coding scale of tie strengths: four bands of |strength| and the rule that places a value.

A tie's ``strength`` is the analyst's coding of prose on a signed scale in [-1, 1]. The scale has
four bands of magnitude (``docs/scenario-coding.md`` gives the typical wording of each):

========== ================== ==============================================================
band       coded strengths    reading
========== ================== ==============================================================
weak       ±0.1 – 0.3         a weak or partial bond, mentioned in passing or without a figure
substantial ±0.4 – 0.6        a bond the source calls important, often with a figure
core       ±0.7 – 0.9         fighting side by side or against each other, a top priority
extreme    ±1.0               a formal defence pact in force, open war
========== ================== ==============================================================

Coded strengths sit at one decimal inside a band's coded range. Computed values (a channel's
net tie combines several ties) fall between those ranges too, so a value is placed in a band by
the midpoints between them: below 0.35 weak, below 0.65 substantial, below 0.95 core, else
extreme. A tie may declare the band its rationale argues for (``band``); :func:`band_problems`
lists the ties whose strength has left it (a scenario after a what-if shock may, on purpose).

Examples
--------
>>> band_of(-0.7)
<Band.core: 'core'>
>>> Band.substantial.coded
(0.4, 0.6)
>>> band_of(0.65).value, band_of(0.64).value
('core', 'substantial')
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

__all__ = ["Band", "band_of", "band_problems"]


class _Coded(Protocol):
    @property
    def id(self) -> str | None: ...
    @property
    def strength(self) -> float: ...
    @property
    def band(self) -> Band | None: ...


class Band(StrEnum):
    """A band of the coding scale, ordered from weak to extreme."""

    weak = "weak"
    substantial = "substantial"
    core = "core"
    extreme = "extreme"

    @property
    def coded(self) -> tuple[float, float]:
        """The range of |strength| a coded tie of this band takes (one decimal inside it)."""
        return _CODED[self]

    @property
    def ceiling(self) -> float:
        """The highest |strength| a tie of this band is coded with."""
        return _CODED[self][1]

    @property
    def rank(self) -> int:
        """0 for weak up to 3 for extreme."""
        return list(Band).index(self)

    def above(self) -> Band:
        """The next band up (extreme stays extreme)."""
        return list(Band)[min(self.rank + 1, len(Band) - 1)]

    def holds(self, strength: float) -> bool:
        """Whether a coded strength lies in this band's coded range."""
        low, high = _CODED[self]
        return low - 1e-9 <= abs(strength) <= high + 1e-9


_CODED = {
    Band.weak: (0.1, 0.3),
    Band.substantial: (0.4, 0.6),
    Band.core: (0.7, 0.9),
    Band.extreme: (1.0, 1.0),
}
# Midpoints between the coded ranges: where a computed value changes band.
_EDGES = ((0.35, Band.weak), (0.65, Band.substantial), (0.95, Band.core))


def band_of(value: float) -> Band:
    """The band a strength or a computed net tie falls in, by its magnitude (0 counts as weak)."""
    magnitude = abs(value)
    for edge, band in _EDGES:
        if magnitude < edge - 1e-9:
            return band
    return Band.extreme


def band_problems(ties: Iterable[_Coded]) -> list[str]:
    """One line per tie whose strength lies outside the band it declares (ties that declare none
    are not checked).

    >>> from blocs.scenario.model import Tie
    >>> ev = [{"source": "doc", "paragraph": 1, "claim": "c"}]
    >>> tie = Tie(id="a-b", pair=("AAA", "BBB"), channel="military", strength=0.5,
    ...           band="core", rationale="r", evidence=ev)
    >>> band_problems([tie])
    ["ties[0] (a-b): strength 0.5 is outside the band 'core' its rationale claims (0.7–0.9)"]
    """
    out = []
    for i, t in enumerate(ties):
        if t.band is not None and not t.band.holds(t.strength):
            low, high = t.band.coded
            out.append(
                f"ties[{i}] ({t.id}): strength {t.strength} is outside the band"
                f" '{t.band.value}' its rationale claims ({low}–{high})"
            )
    return out
