"""ATOP alliances: which obligations two states owe each other, year by year.

Reads either of two forms of the Alliance Treaty Obligations and Provisions (ATOP) data:

* **dyad-years** (ATOP 5.1 as shipped by the R package peacesciencer, ``atop_alliance.csv[.gz]``:
  ``ccode1, ccode2, year, atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul``,
  0/1, COW codes): the obligations of a pair in a year, without treaty ids;
* **member-level** (ATOP 4.01, ``atop-member-level.csv``: one row per member and phase of each
  alliance, with ``atopid``, entry and exit years and the member's obligations): the pair's
  treaties, by ATOP id, with their obligations per year.

Choices made explicit here:

* The five obligations are ATOP's: defence, offence, neutrality, non-aggression and
  consultation. A pair *has* an obligation in a year when at least one of the two undertakes it
  towards the other in an alliance both belong to that year (ATOP's undirected convention);
  entry and exit years both count as years in the alliance.
* A member-level row with exit year 0 is still in effect when the data ends (2016 for 4.01).
  Years outside the data's coverage are reported as not covered, never as "no alliance".
* States are asked for by ISO alpha-3 code and found through the crosswalk; a code held by
  several COW states (``DEU``: Germany and the Federal Republic) covers them all.
* :meth:`AllianceTies.strength` turns obligations into a tie strength in [0, 1]: each year
  scores its strongest obligation (:data:`OBLIGATION_WEIGHTS`: defence or offence 1.0,
  neutrality 0.5, non-aggression 0.25, consultation 0.25, none 0) and the strength is the mean
  over the covered years. The weights are a parameter; ATOP itself does not rank obligations.

Examples
--------
A one-row dyad-year file (the 2001 Russia–Iran treaty as ATOP 5.1 codes it for 2016):

>>> import pathlib, tempfile
>>> from blocs.measure.alliances import alliance_ties
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "atop_alliance.csv").write_text(
...     "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\\n"
...     "365,630,2016,0,0,1,1,1\\n")
>>> t = alliance_ties(folder, "RUS", "IRN", 2016, 2016)
>>> t.obligations, t.strength()
(('neutral', 'nonagg', 'consul'), 0.5)

References
----------
Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance Treaty Obligations
and Provisions, 1815–1944. International Interactions 28(3): 237–260.

Leeds, B. A. (2020). Alliance Treaty Obligations and Provisions (ATOP) Codebook, version 5.0.
Rice University. http://www.atopdata.org

Miller, S. V. (2022). peacesciencer: An R Package for Quantitative Peace Science Research.
Conflict Management and Peace Science 39(6): 755–779.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pandas as pd

from blocs.errors import BlocsError, DataFormatError
from blocs.scenario.crosswalk import candidates, lookup
from blocs.scenario.model import Source, SourceKind

OBLIGATIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")

#: Readable names of the obligations.
OBLIGATION_NAMES: dict[str, str] = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}

#: Default strength of each obligation (a year scores its strongest).
OBLIGATION_WEIGHTS: dict[str, float] = {
    "defense": 1.0,
    "offense": 1.0,
    "neutral": 0.5,
    "nonagg": 0.25,
    "consul": 0.25,
}

_ATOP_CITE = (
    "Leeds, B. A., Ritter, J. M., Mitchell, S. M. & Long, A. G. (2002). Alliance Treaty"
    " Obligations and Provisions, 1815-1944. International Interactions 28(3): 237-260."
)

ATOP5_SOURCE = Source(
    id="atop-5.1",
    title="Alliance Treaty Obligations and Provisions (ATOP), dyad-years",
    kind=SourceKind.dataset,
    author="Brett Ashley Leeds et al.",
    publisher="ATOP project, Rice University (as shipped in the R package peacesciencer 1.2)",
    version="5.1",
    url="http://www.atopdata.org",
    cite=_ATOP_CITE
    + " Miller, S. V. (2022). peacesciencer: An R Package for Quantitative Peace Science"
    " Research. Conflict Management and Peace Science 39(6): 755-779.",
)

ATOP4_SOURCE = Source(
    id="atop-4.01",
    title="Alliance Treaty Obligations and Provisions (ATOP), member level",
    kind=SourceKind.dataset,
    author="Brett Ashley Leeds et al.",
    publisher="ATOP project, Rice University",
    version="4.01",
    url="http://www.atopdata.org",
    cite=_ATOP_CITE,
)

_DYAD_FILES = ("atop_alliance.csv.gz", "atop_alliance.csv")
_MEMBER_FILES = ("atop-member-level.csv", "atop-member-level.csv.gz")
_DYAD_COLUMNS = ("ccode1", "ccode2", "year", *(f"atop_{o}" for o in OBLIGATIONS))
_MEMBER_COLUMNS = ("atopid", "member", "yrent", "yrexit", *OBLIGATIONS)
#: Last year of the ATOP 4.01 member-level data (open alliances run to here).
ATOP4_LAST_YEAR = 2016


@dataclass(frozen=True)
class AllianceYear:
    """The obligations a pair has in one year (``covered`` False: outside the data)."""

    year: int
    defense: bool = False
    offense: bool = False
    neutral: bool = False
    nonagg: bool = False
    consul: bool = False
    atopids: tuple[int, ...] = ()
    covered: bool = True

    @property
    def obligations(self) -> tuple[str, ...]:
        return tuple(o for o in OBLIGATIONS if getattr(self, o))

    def score(self, weights: Mapping[str, float] = OBLIGATION_WEIGHTS) -> float:
        """The weight of the strongest obligation in force (0 with none)."""
        return max((weights[o] for o in self.obligations), default=0.0)


@dataclass(frozen=True)
class Treaty:
    """One ATOP alliance joining the pair: id, the years both were members, obligations."""

    atopid: int
    start: int
    end: int | None
    obligations: tuple[str, ...]


@dataclass(frozen=True)
class AllianceTies:
    """A pair's alliance obligations over a period, year by year, from one ATOP file."""

    a: str
    b: str
    cow_a: tuple[int, ...]
    cow_b: tuple[int, ...]
    start: int
    end: int
    years: tuple[AllianceYear, ...]
    treaties: tuple[Treaty, ...]
    coverage: tuple[int, int]
    source: Source
    file: str
    malformed: int = 0
    weights: Mapping[str, float] = field(default_factory=lambda: dict(OBLIGATION_WEIGHTS))

    __json_properties__: ClassVar[dict[str, str]] = {
        "obligations": "obligations",
        "allied_years": "allied_years",
        "strength": "mean_strength",
        "locator": "locator",
    }

    @property
    def covered_years(self) -> tuple[AllianceYear, ...]:
        return tuple(y for y in self.years if y.covered)

    @property
    def obligations(self) -> tuple[str, ...]:
        """Every obligation in force in some covered year of the period, in ATOP's order."""
        found = {o for y in self.covered_years for o in y.obligations}
        return tuple(o for o in OBLIGATIONS if o in found)

    @property
    def allied_years(self) -> int:
        return sum(1 for y in self.covered_years if y.obligations)

    def strength(self) -> float:
        """Mean over covered years of the strongest obligation's weight (NaN if none covered)."""
        years = self.covered_years
        if not years:
            return float("nan")
        return sum(y.score(self.weights) for y in years) / len(years)

    @property
    def mean_strength(self) -> float | None:
        """:meth:`strength`, ``None`` when no year is covered (the JSON's ``strength``)."""
        value = self.strength()
        return None if value != value else value

    @property
    def locator(self) -> str:
        first, last = self.coverage
        return (
            f"{self.source.id} {self.file}: COW {'/'.join(map(str, self.cow_a))}"
            f"-{'/'.join(map(str, self.cow_b))} ({self.a}-{self.b}), {self.start}-{self.end}"
            f" (data covers {first}-{last})"
        )


def _locate(path: Path) -> tuple[Path, str]:
    """The ATOP file to read and its form (``dyad`` or ``member``)."""
    if path.is_file():
        header = _header(path)
        if set(_DYAD_COLUMNS) <= set(header):
            return path, "dyad"
        if set(_MEMBER_COLUMNS) <= set(header):
            return path, "member"
        raise DataFormatError(
            "not an ATOP file: expected the dyad-year columns "
            f"({', '.join(_DYAD_COLUMNS)}) or the member-level columns "
            f"({', '.join(_MEMBER_COLUMNS)})",
            file=path.name,
            line=1,
        )
    if path.is_dir():
        for names, form in ((_DYAD_FILES, "dyad"), (_MEMBER_FILES, "member")):
            for name in names:
                if (path / name).is_file():
                    return _locate(path / name)[0], form
        raise DataFormatError(
            f"no ATOP file here: expected one of {', '.join(_DYAD_FILES + _MEMBER_FILES)}",
            file=str(path),
        )
    raise DataFormatError("no such file or folder (the ATOP data)", file=str(path))


def _header(path: Path) -> list[str]:
    try:
        return list(pd.read_csv(path, nrows=0).columns)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None


def _numeric(frame: pd.DataFrame, columns: tuple[str, ...]) -> tuple[pd.DataFrame, int]:
    """Integer columns; rows with a missing or non-integer value are dropped and counted."""
    out = frame[list(columns)].copy()
    for col in columns:
        if not pd.api.types.is_integer_dtype(out[col]):
            out[col] = pd.to_numeric(out[col], errors="coerce")
    bad = out.isna().any(axis=1)
    if bad.any():
        whole = (out[~bad] % 1 == 0).all(axis=1)
        return out[~bad][whole].astype("int64"), int(bad.sum() + (~whole).sum())
    return out.astype("int64"), 0


@functools.lru_cache(maxsize=4)
def _load(path: str, columns: tuple[str, ...], stamp: tuple[int, int]) -> tuple[pd.DataFrame, int]:
    """The integer columns of an ATOP file, read once per file version (``stamp``)."""
    return _numeric(pd.read_csv(path, usecols=list(columns)), columns)


def _read(path: Path, columns: tuple[str, ...]) -> tuple[pd.DataFrame, int]:
    stat = path.stat()
    try:
        return _load(str(path), columns, (stat.st_mtime_ns, stat.st_size))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None


def _cow_codes(iso3: str) -> tuple[int, ...]:
    recs = candidates(iso3, "iso3")
    if not recs:
        lookup(iso3, "iso3")  # raises with a hint
    return tuple(sorted({r.cow for r in recs}))


def _dyad_years(
    path: Path, cow_a: tuple[int, ...], cow_b: tuple[int, ...]
) -> tuple[dict[int, AllianceYear], tuple[int, int], int]:
    data, malformed = _read(path, _DYAD_COLUMNS)
    coverage = (int(data["year"].min()), int(data["year"].max()))
    ab = data["ccode1"].isin(cow_a) & data["ccode2"].isin(cow_b)
    ba = data["ccode1"].isin(cow_b) & data["ccode2"].isin(cow_a)
    pair = data[ab | ba].groupby("year")[[f"atop_{o}" for o in OBLIGATIONS]].max()
    years = {
        int(year): AllianceYear(year=int(year), **{o: bool(row[f"atop_{o}"]) for o in OBLIGATIONS})
        for year, row in pair.iterrows()
    }
    return years, coverage, malformed


def _member_years(
    path: Path,
    cow_a: tuple[int, ...],
    cow_b: tuple[int, ...],
    last_year: int,
    years: range,
) -> tuple[dict[int, AllianceYear], tuple[Treaty, ...], tuple[int, int], int]:
    data, malformed = _read(path, _MEMBER_COLUMNS)
    data = data.assign(last=data["yrexit"].where(data["yrexit"] > 0, last_year))
    coverage = (int(data["yrent"].min()), last_year)
    cols = ["atopid", "yrent", "last", "yrexit", *OBLIGATIONS]
    side_a = data.loc[data["member"].isin(cow_a), cols]
    side_b = data.loc[data["member"].isin(cow_b), cols]
    # every pair of membership rows (phases) of the two states in one alliance, and the
    # years both rows cover
    both = side_a.merge(side_b, on="atopid", suffixes=("_a", "_b"))
    both = both.assign(
        lo=both[["yrent_a", "yrent_b"]].max(axis=1),
        hi=both[["last_a", "last_b"]].min(axis=1),
        open=(both["yrexit_a"] == 0) & (both["yrexit_b"] == 0),
        **{o: (both[f"{o}_a"] == 1) | (both[f"{o}_b"] == 1) for o in OBLIGATIONS},
    )
    both = both[both["lo"] <= both["hi"]]
    treaties = []
    for atopid, rows in both.groupby("atopid"):
        treaties.append(
            Treaty(
                atopid=int(atopid),
                start=int(rows["lo"].min()),
                end=None if bool(rows["open"].any()) else int(rows["hi"].max()),
                obligations=tuple(o for o in OBLIGATIONS if bool(rows[o].any())),
            )
        )
    found: dict[int, AllianceYear] = {}
    for year in years:
        rows = both[(both["lo"] <= year) & (both["hi"] >= year)]
        if rows.empty:
            continue
        found[year] = AllianceYear(
            year=year,
            atopids=tuple(sorted(int(x) for x in rows["atopid"].unique())),
            **{o: bool(rows[o].any()) for o in OBLIGATIONS},
        )
    return found, tuple(sorted(treaties, key=lambda t: (t.start, t.atopid))), coverage, malformed


def alliance_ties(
    data: str | Path,
    a: str,
    b: str,
    start: int,
    end: int,
    *,
    weights: Mapping[str, float] | None = None,
    last_year: int = ATOP4_LAST_YEAR,
) -> AllianceTies:
    """The ATOP obligations between two states in each year from ``start`` to ``end``.

    Parameters
    ----------
    data : path
        An ATOP file (dyad-years or member level) or a folder holding one (the dyad-year file
        ``atop_alliance.csv.gz`` is preferred when both are there).
    a, b : str
        ISO 3166 alpha-3 codes.
    start, end : int
        First and last year.
    weights : mapping, optional
        Strength of each obligation for :meth:`AllianceTies.strength`
        (default :data:`OBLIGATION_WEIGHTS`).
    last_year : int
        Year to which alliances still in effect run in member-level data (the data's end).

    Raises
    ------
    DataFormatError
        No ATOP file, or one without the expected columns.
    BlocsError
        Unknown country codes, the same state twice, or ``start`` after ``end``.
    """
    if start > end:
        raise BlocsError(f"the period starts ({start}) after it ends ({end})")
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise BlocsError(f"a pair needs two different states, got {a} twice")
    w = dict(OBLIGATION_WEIGHTS if weights is None else weights)
    if set(w) != set(OBLIGATIONS):
        raise BlocsError(f"weights must give each of {', '.join(OBLIGATIONS)}")
    cow_a, cow_b = _cow_codes(a), _cow_codes(b)
    path, form = _locate(Path(data))
    treaties: tuple[Treaty, ...] = ()
    if form == "dyad":
        found, coverage, malformed = _dyad_years(path, cow_a, cow_b)
        source = ATOP5_SOURCE
    else:
        found, treaties, coverage, malformed = _member_years(
            path, cow_a, cow_b, last_year, range(start, end + 1)
        )
        source = ATOP4_SOURCE
        treaties = tuple(
            t for t in treaties if t.start <= end and (t.end is None or t.end >= start)
        )
    years = tuple(
        found.get(year, AllianceYear(year=year))
        if coverage[0] <= year <= coverage[1]
        else AllianceYear(year=year, covered=False)
        for year in range(start, end + 1)
    )
    return AllianceTies(
        a=a,
        b=b,
        cow_a=cow_a,
        cow_b=cow_b,
        start=start,
        end=end,
        years=years,
        treaties=treaties,
        coverage=coverage,
        source=source,
        file=path.name,
        malformed=malformed,
        weights=w,
    )
