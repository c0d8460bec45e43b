"""Country codes: one dated table joining COW, ISO 3166, CAMEO and Gleditsch–Ward codes.

Each row of ``data/country_codes.csv`` is one state of the Correlates of War (COW) state
system, with its COW number and abbreviation, the ISO 3166-1 alpha-3 and alpha-2 codes, the
CAMEO country code of the PETRARCH2 dictionary and the Gleditsch–Ward (GW) number. The table's
header says when it was compiled and from what.

Choices the sources leave open, made here explicitly:

* A COW state keeps one row through all its spells: COW 365 is Russia and the USSR
  continuously (ISO ``RUS``, former ``SUN`` accepted; GW 365); COW 345 is Yugoslavia, Serbia and
  Montenegro and then Serbia (ISO ``SRB``, former ``YUG``/``SCG`` accepted).
* States dissolved before today's codes carry their deleted ISO alpha-3 code (``DDR``, ``CSK``,
  ``YMD``; ``iso_status`` ``former``, ISO 3166-3 code in the note); states older than ISO 3166
  (Bavaria, Zanzibar, the Korean Empire, ...) have none (``iso_status`` ``none``).
* When a code names several COW states (ISO ``DEU`` names Germany, COW 255, and the Federal
  Republic, COW 260; ``YEM`` names Yemen and the Yemen Arab Republic), a ``year`` picks the
  state that was in the system that year; without a year the state whose last spell ends
  latest is taken (Germany, Yemen).
* Seven COW abbreviations are ISO codes of other countries: ``AUS`` (Austria; ISO Australia),
  ``CZE`` (Czechoslovakia; ISO Czech Republic), ``KOR`` (Korea 1887–1905; ISO South Korea),
  ``MAC`` (Macedonia; ISO Macao), ``MNG`` (Montenegro; ISO Mongolia), ``SLV`` (Slovenia; ISO
  El Salvador) and ``SWZ`` (Switzerland; ISO Swaziland). Codes are therefore always read in a
  named ``system``, never guessed.

Examples
--------
>>> from blocs.scenario.crosswalk import to_iso3, from_iso3, lookup
>>> to_iso3(365)
'RUS'
>>> to_iso3("AUS", system="cow_abb"), to_iso3("AUS", system="iso3")
('AUT', 'AUS')
>>> from_iso3("IRN", "cow"), from_iso3("IRN", "gw"), from_iso3("NOR", "cow_abb")
(630, 630, 'NOR')
>>> from_iso3("DEU", "cow"), from_iso3("DEU", "cow", year=1970)
(255, 260)
>>> lookup("SUN", system="cameo").name
'Russia'

References
----------
Correlates of War Project (2017). State System Membership List, v2016.
https://correlatesofwar.org/data-sets/state-system-membership

International Organization for Standardization. ISO 3166-1 (country codes) and ISO 3166-3
(code for formerly used names of countries).

Gerner, D. J., Schrodt, P. A., Yilmaz, O. & Abu-Jabr, R. (2002). Conflict and Mediation Event
Observations (CAMEO). Country codes as in the PETRARCH2 country dictionary
(Open Event Data Alliance, 2014–2017).

Gleditsch, K. S. & Ward, M. D. (1999). Interstate System Membership: A Revised List of the
Independent States since 1816. International Interactions 25(4): 393–413.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from blocs.errors import BlocsError

System = Literal["cow", "cow_abb", "iso3", "iso2", "cameo", "gw"]
SYSTEMS: tuple[str, ...] = ("cow", "cow_abb", "iso3", "iso2", "cameo", "gw")

_SYSTEM_NAMES = {
    "cow": "COW code",
    "cow_abb": "COW abbreviation",
    "iso3": "ISO 3166 alpha-3 code",
    "iso2": "ISO 3166 alpha-2 code",
    "cameo": "CAMEO country code",
    "gw": "Gleditsch–Ward number",
}

#: CAMEO country codes of the PETRARCH2 dictionary that name no state of the COW system.
CAMEO_NOT_STATES: dict[str, str] = {
    "ABW": "Aruba (part of the Kingdom of the Netherlands)",
    "AIA": "Anguilla (British overseas territory)",
    "BMU": "Bermuda (British overseas territory)",
    "COK": "Cook Islands (self-governing, in free association with New Zealand)",
    "CYM": "Cayman Islands (British overseas territory)",
    "GGY": "Guernsey (British Crown dependency)",
    "HKG": "Hong Kong (special administrative region of China)",
    "KNT": "Kinakuta (a fictional country used by the event coders' tests)",
    "PSE": "Palestine (not a member of the COW state system)",
}


class CountryCodeError(BlocsError, LookupError):
    """A country code is unknown in its system, or the state has no code in the asked system."""


@dataclass(frozen=True)
class CountryRecord:
    """One COW state with its codes in every system.

    ``cameo`` and ``gw`` may hold several codes: the first is the one returned, all are
    accepted on input. ``iso3_aliases``/``iso2_aliases`` are codes that once named the state.
    """

    cow: int
    cow_abb: str
    name: str
    spells: tuple[tuple[int, int], ...]
    iso3: str | None
    iso2: str | None
    iso_status: str
    iso3_aliases: tuple[str, ...]
    iso2_aliases: tuple[str, ...]
    cameo: tuple[str, ...]
    gw: tuple[int, ...]
    note: str | None

    @property
    def start(self) -> int:
        """First year in the COW system."""
        return self.spells[0][0]

    @property
    def end(self) -> int:
        """Last year in the COW system (2016 for states alive when the list was made)."""
        return self.spells[-1][1]

    def in_system(self, year: int) -> bool:
        """Whether the state was a member of the COW system in ``year``."""
        return any(a <= year <= b for a, b in self.spells)

    def codes(self, system: str) -> tuple[Any, ...]:
        """Every code this state is known by in ``system`` (the returned one first)."""
        _check_system(system)
        if system == "cow":
            return (self.cow,)
        if system == "cow_abb":
            return (self.cow_abb,)
        if system == "iso3":
            return ((self.iso3,) if self.iso3 else ()) + self.iso3_aliases
        if system == "iso2":
            return ((self.iso2,) if self.iso2 else ()) + self.iso2_aliases
        if system == "cameo":
            return self.cameo
        return self.gw

    def code(self, system: str) -> Any:
        """The code to use for this state in ``system``; raises if it has none."""
        found = self.codes(system)
        missing = (system == "iso3" and not self.iso3) or (system == "iso2" and not self.iso2)
        if not found or missing:
            raise CountryCodeError(
                f"COW {self.cow} ({self.name}) has no {_SYSTEM_NAMES[system]}"
                + (f": {self.note}" if self.note else "")
            )
        return found[0]


def _check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise CountryCodeError(f"unknown code system {system!r}: use one of {', '.join(SYSTEMS)}")


def _split(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split(";") if p)


def _parse_row(row: dict[str, str], line: int) -> CountryRecord:
    try:
        spells = tuple((int(a), int(b)) for a, b in (s.split("-") for s in _split(row["spells"])))
        return CountryRecord(
            cow=int(row["cow"]),
            cow_abb=row["cow_abb"],
            name=row["name"],
            spells=spells,
            iso3=row["iso3"] or None,
            iso2=row["iso2"] or None,
            iso_status=row["iso_status"],
            iso3_aliases=_split(row["iso3_aliases"]),
            iso2_aliases=_split(row["iso2_aliases"]),
            cameo=_split(row["cameo"]),
            gw=tuple(int(g) for g in _split(row["gw"])),
            note=row["note"] or None,
        )
    except (KeyError, ValueError) as exc:  # pragma: no cover - guards the packaged table
        raise CountryCodeError(f"country_codes.csv:{line}: malformed row ({exc})") from None


@functools.cache
def records() -> tuple[CountryRecord, ...]:
    """Every row of the crosswalk, in COW-code order.

    >>> len(records()) >= 217
    True
    """
    text = resources.files("blocs.scenario").joinpath("data/country_codes.csv").read_text("utf-8")
    lines = text.splitlines()
    body = [(i + 1, ln) for i, ln in enumerate(lines) if ln and not ln.startswith("#")]
    reader = csv.DictReader([ln for _, ln in body])
    return tuple(_parse_row(row, body[k + 1][0]) for k, row in enumerate(reader))


@functools.cache
def _index(system: str) -> dict[Any, tuple[CountryRecord, ...]]:
    out: dict[Any, list[CountryRecord]] = {}
    for rec in records():
        for code in rec.codes(system):
            out.setdefault(code, []).append(rec)
    return {k: tuple(v) for k, v in out.items()}


def _normalise(code: int | str, system: str) -> int | str:
    if system in ("cow", "gw"):
        try:
            return int(str(code).strip())
        except ValueError:
            raise CountryCodeError(
                f"{_SYSTEM_NAMES[system]} must be a number, got {code!r}"
            ) from None
    return str(code).strip().upper()


def _hint(code: Any, system: str) -> str:
    others = []
    for other in SYSTEMS:
        if other == system:
            continue
        try:
            key = _normalise(code, other)
        except CountryCodeError:
            continue
        for rec in _index(other).get(key, ()):
            others.append(f"{_SYSTEM_NAMES[other]} of {rec.name} (COW {rec.cow})")
    if system == "cameo" and str(code).upper() in CAMEO_NOT_STATES:
        return f": {CAMEO_NOT_STATES[str(code).upper()]}, not a state of the COW system"
    if others:
        return f"; it is the {', the '.join(others)}: pass that system instead"
    return ""


def candidates(code: int | str, system: str = "cow") -> tuple[CountryRecord, ...]:
    """Every COW state a code names in ``system`` (empty when it names none).

    >>> [r.cow for r in candidates("DEU", "iso3")]
    [255, 260]
    """
    _check_system(system)
    return _index(system).get(_normalise(code, system), ())


def lookup(code: int | str, system: str = "cow", *, year: int | None = None) -> CountryRecord:
    """The COW state a code names in ``system``.

    Parameters
    ----------
    code : int or str
        The code (numbers for ``cow`` and ``gw``; letters, any case, for the others).
    system : {"cow", "cow_abb", "iso3", "iso2", "cameo", "gw"}
        The system ``code`` is written in.
    year : int, optional
        When the code names several states, prefer the one in the COW system that year;
        otherwise (or without a year) the one whose last spell ends latest.

    Raises
    ------
    CountryCodeError
        For an unknown code, naming the system and where else the code is known.

    Examples
    --------
    >>> lookup(365).iso3, lookup("SUN", "iso3").cow
    ('RUS', 365)
    >>> lookup("YEM", "iso3", year=1980).name
    'Yemen Arab Republic'
    """
    found = candidates(code, system)
    if not found:
        raise CountryCodeError(f"unknown {_SYSTEM_NAMES[system]} {code!r}{_hint(code, system)}")
    if len(found) > 1 and year is not None:
        alive = [r for r in found if r.in_system(year)]
        found = tuple(alive) or found
    return max(found, key=lambda r: r.end)


def convert(code: int | str, source: str, target: str, *, year: int | None = None) -> int | str:
    """A code from one system in another.

    >>> convert(970, "cow", "gw"), convert(970, "gw", "cow")
    (971, 946)
    """
    _check_system(target)
    return lookup(code, source, year=year).code(target)


def to_iso3(code: int | str, system: str = "cow", *, year: int | None = None) -> str:
    """The ISO 3166 alpha-3 code of a state given in ``system``.

    Raises :class:`CountryCodeError` for unknown codes and for states without an ISO code.

    >>> to_iso3("SWZ", "cow_abb"), to_iso3("SWZ", "iso3")
    ('CHE', 'SWZ')
    >>> to_iso3("TMP", "cameo")
    'TLS'
    """
    return str(convert(code, system, "iso3", year=year))


def from_iso3(iso3: str, system: str = "cow", *, year: int | None = None) -> int | str:
    """The code in ``system`` of the state with ISO alpha-3 code ``iso3``.

    >>> from_iso3("RUS", "cameo"), from_iso3("AUT", "cow_abb"), from_iso3("AUS", "cow_abb")
    ('RUS', 'AUS', 'AUL')
    """
    return convert(iso3, "iso3", system, year=year)
