"""The states a built scenario holds: codes as the user writes them, resolved through the
country-code crosswalk.

A state is written as an ISO 3166 alpha-3 code (``CHN``; former codes such as ``SUN`` are
accepted) or as a Correlates of War number (``710``). An ISO code that names several COW states
(``DEU``: Germany and the Federal Republic) stands for those of them in the system during the
period. ``all`` asks for every state in the COW system in at least one year of the period (the
state list ends in 2016; states in the system then are taken to stay in it).

The actor id is the ISO alpha-3 code; a state older than ISO 3166 (Bavaria, the Korean Empire)
keeps its COW abbreviation.

Examples
--------
>>> from blocs.measure.builder.states import resolve_states
>>> [(s.id, s.cow) for s in resolve_states(["CHN", "365", "usa"], 1969, 1972)]
[('CHN', (710,)), ('RUS', (365,)), ('USA', (2,))]
>>> [s.cow for s in resolve_states(["DEU", "FRA"], 1970, 1970)]
[(260,), (220,)]
>>> len(resolve_states(["all"], 2010, 2010)) > 180
True
"""

from __future__ import annotations

from collections.abc import Sequence

from blocs.errors import BlocsError
from blocs.measure.builder.base import BuildState
from blocs.scenario.crosswalk import CountryRecord, candidates, records

#: Last year of the COW state list the crosswalk holds.
STATE_LIST_LAST_YEAR = 2016


def _alive(rec: CountryRecord, start: int, end: int) -> bool:
    """Whether the state is in the system in some year of the period (a spell reaching the
    list's last year runs on)."""
    return any(a <= end and (b >= start or b >= STATE_LIST_LAST_YEAR) for a, b in rec.spells)


def _state(recs: Sequence[CountryRecord], start: int, end: int) -> BuildState:
    alive = [r for r in recs if _alive(r, start, end)]
    chosen = alive or [max(recs, key=lambda r: r.end)]
    main = max(chosen, key=lambda r: r.end)
    return BuildState(
        id=main.iso3 or main.cow_abb,
        name=main.name,
        cow=tuple(sorted(r.cow for r in chosen)),
        iso3=main.iso3,
        in_system=bool(alive),
    )


def _records_of(token: str) -> tuple[CountryRecord, ...]:
    text = token.strip()
    if text.isdigit():
        found = candidates(int(text), "cow")
        if not found:
            raise BlocsError(f"--states: '{text}' is not a COW state number")
        return found
    found = candidates(text, "iso3")
    if not found:
        other = candidates(text, "cow_abb")
        hint = (
            f"; it is the COW abbreviation of {other[0].name}: write its COW number"
            f" {other[0].cow} or ISO code {other[0].iso3}"
            if other
            else ""
        )
        raise BlocsError(
            f"--states: '{text}' is not an ISO 3166 alpha-3 code or a COW number{hint}"
        )
    return found


def resolve_states(tokens: Sequence[str], start: int, end: int) -> tuple[BuildState, ...]:
    """The states named by ``tokens`` (ISO alpha-3 codes, COW numbers, or ``all``).

    Raises
    ------
    BlocsError
        A token that names no state (the message names the token and what it may be instead),
        a state given twice, or no state at all.
    """
    wanted = [t.strip() for t in tokens if t.strip()]
    if not wanted:
        raise BlocsError("--states: give at least two states (ISO alpha-3 codes or COW numbers)")
    if any(t.lower() == "all" for t in wanted):
        by_id: dict[str, list[CountryRecord]] = {}
        for rec in records():
            if _alive(rec, start, end):
                by_id.setdefault(rec.iso3 or rec.cow_abb, []).append(rec)
        return tuple(_state(recs, start, end) for recs in by_id.values())
    out: list[BuildState] = []
    seen: dict[str, str] = {}
    for token in wanted:
        state = _state(_records_of(token), start, end)
        if state.id in seen:
            raise BlocsError(
                f"--states: '{token}' names {state.name} ({state.id}), already given as"
                f" '{seen[state.id]}'"
            )
        seen[state.id] = token
        out.append(state)
    if len(out) < 2:
        raise BlocsError("--states: give at least two states (ISO alpha-3 codes or COW numbers)")
    return tuple(out)
