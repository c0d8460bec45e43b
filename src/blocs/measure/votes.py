"""UN General Assembly votes: how alike two states vote, per period or per year.

Reads the roll-call format of the Voeten UN General Assembly voting data as packaged in the R
package ``unvotes``: ``un_votes.csv[.gz]`` (``rcid, country, country_code, vote``),
``un_roll_calls.csv`` (``rcid, ..., date, ...``) and ``un_roll_call_issues.csv``
(``rcid, short_name, issue``). Only the needed columns and the two states' rows are read
(DuckDB scans the compressed file).

Choices made explicit here:

* A state *voted* on a roll call when it voted yes, abstain or no; absences and non-membership
  (codes 8 and 9 of the original data, already dropped from the packaged files) are left out,
  and a pair's scores use only the roll calls on which *both* voted.
* The year of a roll call is the calendar year of its date (an Assembly year that opens in September
  spans two years).
* S uses yes = 1, abstain = 2, no = 3 with ``dmax = 2`` and absolute distances
  (:mod:`blocs.measure.similarity`).
* States are named by ISO 3166 alpha-3 codes and found in the data through the crosswalk
  (ISO alpha-2 codes, former codes such as ``YU`` for Yugoslavia, and names for the three
  historical states the data leaves without a code). A code such as ``DEU`` covers every COW
  state that held it (the Federal Republic before 1990, Germany after).

With the 2021 release, 2015–2017: Russia–Iran agree on 64.8 % of 298 roll calls (S 0.503),
Russia–US on 29.4 % of 316 (S −0.206), Iran–US on 13.9 % of 302 (S −0.510).

Examples
--------
From the data folder (``r.overall`` then holds 298 roll calls, agreement 0.648, S 0.503):

>>> from blocs.measure.votes import vote_agreement
>>> r = vote_agreement(data_dir, "RUS", "IRN", 2015, 2017)  # doctest: +SKIP

From votes at hand (yes 1, abstain 2, no 3):

>>> import pandas as pd
>>> from blocs.measure.votes import VoteTable
>>> votes = pd.DataFrame({"rcid": [1, 1, 2, 2, 3, 3], "year": [2016] * 6,
...                       "actor": ["RUS", "IRN"] * 3, "vote": [1, 1, 3, 1, 2, 2]})
>>> no_issues = pd.DataFrame(columns=["rcid", "short_name", "issue"])
>>> table = VoteTable(votes=votes, issues=no_issues, actors=("RUS", "IRN"))
>>> r = vote_agreement(table, "RUS", "IRN", 2016, 2016)
>>> r.overall.votes, round(r.overall.agreement, 3), round(r.overall.s_score, 3)
(3, 0.667, 0.333)

References
----------
Voeten, E., Strezhnev, A. & Bailey, M. (2009). United Nations General Assembly Voting Data.
Harvard Dataverse, hdl:1902.1/12379.

Bailey, M. A., Strezhnev, A. & Voeten, E. (2017). Estimating Dynamic State Preferences from
United Nations Voting Data. Journal of Conflict Resolution 61(2): 430–456.

Signorino, C. S. & Ritter, J. M. (1999). Tau-b or Not Tau-b: Measuring the Similarity of
Foreign Policy Positions. International Studies Quarterly 43(1): 115–144.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from blocs.errors import BlocsError, DataFormatError
from blocs.measure.similarity import (
    VOTE_CODES,
    agreement_share,
    cohen_kappa,
    signorino_ritter_s,
)
from blocs.scenario.crosswalk import candidates, lookup, records
from blocs.scenario.model import Source, SourceKind

#: The data set as a scenario source (kind ``dataset``).
UN_VOTES_SOURCE = Source(
    id="un-votes",
    title="United Nations General Assembly Voting Data (roll calls)",
    kind=SourceKind.dataset,
    author="Erik Voeten, Anton Strezhnev, Michael Bailey",
    publisher="Harvard Dataverse",
    version="UNVotes2021 (roll calls 1946-01-01 to 2020-01-14), as packaged in R unvotes 0.2",
    url="https://hdl.handle.net/1902.1/12379",
    cite=(
        "Voeten, E., Strezhnev, A. & Bailey, M. (2009). United Nations General Assembly Voting"
        " Data. Harvard Dataverse, hdl:1902.1/12379. Bailey, M. A., Strezhnev, A. & Voeten, E."
        " (2017). Estimating Dynamic State Preferences from United Nations Voting Data. Journal"
        " of Conflict Resolution 61(2): 430-456."
    ),
)

#: Vote values that mean "did not vote" (original Voeten codes: 8 absent, 9 not a member).
NOT_VOTING: frozenset[str] = frozenset({"8", "9", "absent", "not a member", "non-member"})

#: Names the packaged data uses, without a country code, for historical states (-> COW code).
UN_NAMES_WITHOUT_CODE: dict[str, int] = {
    "Federal Republic of Germany": 260,
    "Yemen Arab Republic": 678,
    "Zanzibar": 511,
}

_VOTE_VALUES = {**VOTE_CODES, "1": 1, "2": 2, "3": 3}
_FILES = {
    "votes": ("un_votes.csv.gz", "un_votes.csv"),
    "roll_calls": ("un_roll_calls.csv",),
    "issues": ("un_roll_call_issues.csv",),
}
_COLUMNS = {
    "votes": ("rcid", "country", "country_code", "vote"),
    "roll_calls": ("rcid", "date"),
    "issues": ("rcid", "short_name", "issue"),
}


def _find(data_dir: Path, kind: str, required: bool = True) -> Path | None:
    for name in _FILES[kind]:
        if (data_dir / name).is_file():
            return data_dir / name
    if required:
        raise DataFormatError(
            f"no {' or '.join(_FILES[kind])} here: pass the folder of the UN votes data"
            " (un_votes.csv.gz, un_roll_calls.csv, un_roll_call_issues.csv)",
            file=str(data_dir),
        )
    return None


def _header(path: Path, kind: str) -> list[str]:
    """The first line of a (possibly gzipped) CSV file, checked for the needed columns."""
    opener: Any = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None
    missing = [c for c in _COLUMNS[kind] if c not in header]
    if missing:
        raise DataFormatError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(_COLUMNS[kind])}",
            file=path.name,
            line=1,
        )
    return header


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _votes_sql(path: Path) -> str:
    """A DuckDB expression scanning the votes file as text columns (no type sniffing)."""
    header = _header(path, "votes")
    columns = ", ".join(f"{_sql_text(c)}: 'VARCHAR'" for c in header)
    return (
        f"read_csv({_sql_text(str(path))}, header=true, auto_detect=false, delim=',',"
        f" quote='\"', escape='\"', columns={{{columns}}})"
    )


def _small_table(path: Path, kind: str) -> pd.DataFrame:
    """A small file (roll calls, issues) read with pandas, only the needed columns, as text."""
    _header(path, kind)
    try:
        return pd.read_csv(path, usecols=list(_COLUMNS[kind]), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None


@dataclass(frozen=True)
class VoteTable:
    """The votes of some states, one row per (roll call, state) with a yes/abstain/no vote.

    ``votes`` has columns ``rcid`` (int), ``year`` (int), ``actor`` (ISO alpha-3 as asked)
    and ``vote`` (1 yes, 2 abstain, 3 no); ``issues`` has ``rcid, short_name, issue``.
    ``malformed`` counts the states' rows that could not be read (unknown vote value,
    non-numeric roll-call id, roll call without a date); ``not_voting`` the absences and
    non-member rows left out; ``unmatched`` (when every state was read) the rows of the votes
    file, any year, whose country the crosswalk does not know.
    """

    votes: pd.DataFrame
    issues: pd.DataFrame
    actors: tuple[str, ...]
    malformed: int = 0
    not_voting: int = 0
    files: tuple[str, ...] = field(default=())
    unmatched: int | None = None


def _country_keys(actor: str) -> tuple[list[str], list[str]]:
    recs = candidates(actor, "iso3")
    if not recs:
        lookup(actor, "iso3")  # raises with a hint
    codes: list[str] = []
    names: list[str] = []
    for rec in recs:
        codes.extend(c for c in rec.codes("iso2"))
        names.extend(n for n, cow in UN_NAMES_WITHOUT_CODE.items() if cow == rec.cow)
    return codes, names


def read_votes(
    data_dir: str | Path,
    actors: Sequence[str] | None = None,
    start: int | None = None,
    end: int | None = None,
) -> VoteTable:
    """Read the votes of ``actors`` (ISO alpha-3) between the years ``start`` and ``end``.

    With ``actors=None`` every state of the crosswalk that has an ISO code is read, and the
    data's rows that match none of them are counted in ``unmatched``.

    Raises :class:`~blocs.errors.DataFormatError` naming the file when a file is missing or
    lacks a column, and :class:`~blocs.scenario.crosswalk.CountryCodeError` for an unknown
    ISO code.
    """
    import duckdb

    folder = Path(data_dir)
    if not folder.is_dir():
        raise DataFormatError("no such folder (the UN votes data)", file=str(folder))
    if actors is None:
        labels = tuple(dict.fromkeys(r.iso3 for r in records() if r.iso3))
    else:
        labels = tuple(dict.fromkeys(a.strip().upper() for a in actors))
    rows = []
    for index, label in enumerate(labels):
        codes, names = _country_keys(label)
        rows += [(c, None, index) for c in codes] + [(None, n, index) for n in names]
    keys = pd.DataFrame(rows, columns=["code", "name", "actor"]).drop_duplicates()
    by_code = keys[keys["code"].notna()][["code", "actor"]]
    by_name = keys[keys["name"].notna()][["name", "actor"]]
    values = ", ".join(f"('{k}', {v})" for k, v in _VOTE_VALUES.items())
    absent = ", ".join(f"'{k}'" for k in sorted(NOT_VOTING))
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("by_code", by_code)
        con.register("by_name", by_name)
        paths = {k: _find(folder, k) for k in _FILES}
        votes_sql = _votes_sql(paths["votes"])  # type: ignore[arg-type]
        con.register("rc_raw", _small_table(paths["roll_calls"], "roll_calls"))  # type: ignore[arg-type]
        con.register("issues_raw", _small_table(paths["issues"], "issues"))  # type: ignore[arg-type]
        lo, hi = start if start is not None else -9999, end if end is not None else 9999
        # one scan of the votes file: each row gets its state by code, or by name when the
        # data has no code; rows of other states are only counted (when all are read)
        try:
            con.execute(
                f"""
                CREATE TEMP TABLE mine AS
                SELECT TRY_CAST(v.rcid AS BIGINT) AS rcid, lower(trim(v.vote)) AS vote,
                       coalesce(c.actor, n.actor) AS actor
                FROM {votes_sql} v
                LEFT JOIN by_code c ON v.country_code = c.code
                LEFT JOIN by_name n ON coalesce(v.country_code, '') = '' AND v.country = n.name
                {"" if actors is None else "WHERE coalesce(c.actor, n.actor) IS NOT NULL"}
                """
            )
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0]
            line = re.search(r"Line: (\d+)", first)
            raise DataFormatError(
                f"cannot read as CSV: {first}",
                file=paths["votes"].name,  # type: ignore[union-attr]
                line=int(line.group(1)) if line else None,
            ) from None
        raw = con.execute(
            f"""
            WITH rc AS (SELECT TRY_CAST(rcid AS BIGINT) AS rcid,
                               year(TRY_CAST(date AS DATE)) AS year
                        FROM rc_raw),
            codes(vote, code) AS (VALUES {values})
            SELECT m.rcid, rc.year, m.actor, codes.code,
                   m.vote IN ({absent}) AS absent
            FROM mine m
            LEFT JOIN rc ON m.rcid = rc.rcid
            LEFT JOIN codes ON m.vote = codes.vote
            WHERE m.actor IS NOT NULL AND (rc.year IS NULL OR rc.year BETWEEN $lo AND $hi)
            """,
            {"lo": lo, "hi": hi},
        ).df()
        unmatched = None
        if actors is None:
            (unmatched,) = con.execute("SELECT count(*) FROM mine WHERE actor IS NULL").fetchone()
        issues = con.execute(
            """SELECT TRY_CAST(rcid AS BIGINT) AS rcid, short_name, issue
                FROM issues_raw WHERE TRY_CAST(rcid AS BIGINT) IS NOT NULL"""
        ).df()
    finally:
        con.close()
    not_voting = raw["absent"].astype(bool)
    bad = ~not_voting & (raw["code"].isna() | raw["rcid"].isna() | raw["year"].isna())
    good = ~not_voting & ~bad
    votes = pd.DataFrame(
        {
            "rcid": raw.loc[good, "rcid"].astype("int64"),
            "year": raw.loc[good, "year"].astype("int64"),
            "actor": np.asarray(labels, dtype=object)[raw.loc[good, "actor"].astype(int)],
            "vote": raw.loc[good, "code"].astype("int64"),
        }
    )
    # a code shared by two COW states (DEU, YEM) never votes twice on one roll call
    votes = votes.drop_duplicates(["rcid", "actor"]).reset_index(drop=True)
    return VoteTable(
        votes=votes,
        issues=issues,
        actors=labels,
        malformed=int(bad.sum()),
        not_voting=int(not_voting.sum()),
        files=tuple(p.name for p in paths.values() if p is not None),
        unmatched=None if unmatched is None else int(unmatched),
    )


@dataclass(frozen=True)
class VoteAgreement:
    """How alike two states voted over one span of years.

    ``votes`` is the number of roll calls on which both voted yes, abstain or no;
    ``identical`` those on which they voted the same. Scores are NaN when ``votes`` is 0.
    """

    label: str
    start: int
    end: int
    votes: int
    identical: int
    agreement: float
    s_score: float
    kappa: float


@dataclass(frozen=True)
class VoteAgreementResult:
    """Vote agreement of a pair: over the whole period (``overall``) and per row of ``by``."""

    a: str
    b: str
    start: int
    end: int
    by: str
    issue: str | None
    overall: VoteAgreement
    rows: tuple[VoteAgreement, ...]
    malformed: int
    not_voting: int
    source: Source = UN_VOTES_SOURCE
    dmax: float = 2.0
    metric: str = "absolute"

    __json_properties__ = ("locator",)

    @property
    def locator(self) -> str:
        """The query, as evidence locators record it."""
        issue = f", issue {self.issue}" if self.issue else ""
        return (
            f"{self.source.id}: {self.a}-{self.b}, roll calls {self.start}-{self.end}"
            f" where both voted{issue}"
        )


def _issue_rcids(issues: pd.DataFrame, issue: str) -> set[int]:
    wanted = issue.strip().lower()
    mask = (issues["short_name"].str.lower() == wanted) | (issues["issue"].str.lower() == wanted)
    if not mask.any():
        known = sorted(
            {f"{s} ({n})" for s, n in zip(issues["short_name"], issues["issue"], strict=True)}
        )
        raise BlocsError(f"unknown issue {issue!r}: use one of {', '.join(known)}")
    return set(issues.loc[mask, "rcid"].astype(int))


def _score(label: str, start: int, end: int, x: Any, y: Any, dmax: float, metric: Any):
    return VoteAgreement(
        label=label,
        start=start,
        end=end,
        votes=len(x),
        identical=int((x == y).sum()),
        agreement=agreement_share(x, y),
        s_score=signorino_ritter_s(x, y, dmax=dmax, metric=metric),
        kappa=cohen_kappa(x, y),
    )


def vote_agreement(
    data: str | Path | VoteTable,
    a: str,
    b: str,
    start: int,
    end: int,
    by: Literal["period", "year"] = "period",
    issue: str | None = None,
    *,
    dmax: float = 2.0,
    metric: Literal["absolute", "squared"] = "absolute",
) -> VoteAgreementResult:
    """Share of identical votes, Signorino–Ritter S and Cohen's kappa of two states.

    Parameters
    ----------
    data : path or VoteTable
        The UN votes folder, or votes already read with :func:`read_votes` (to score many
        pairs from one read).
    a, b : str
        ISO 3166 alpha-3 codes (former codes such as ``SUN`` are accepted).
    start, end : int
        First and last calendar year of the roll calls.
    by : {"period", "year"}
        One row for the whole period, or one per year (``overall`` is always the period).
    issue : str, optional
        Keep only roll calls on this issue: a short code (``me``, ``nu``, ``di``, ``hr``,
        ``co``, ``ec``) or its name (``Human rights``).
    dmax, metric
        Passed to :func:`~blocs.measure.similarity.signorino_ritter_s` (the paper's defaults).

    Raises
    ------
    DataFormatError
        A file is missing or malformed.
    BlocsError
        Unknown country code or issue; ``start`` after ``end``; an unknown ``by``.
    """
    if by not in ("period", "year"):
        raise BlocsError(f"by must be 'period' or 'year', not {by!r}")
    if start > end:
        raise BlocsError(f"the period starts ({start}) after it ends ({end})")
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise BlocsError(f"a pair needs two different states, got {a} twice")
    table = data if isinstance(data, VoteTable) else read_votes(data, [a, b], start, end)
    for actor in (a, b):
        if actor not in table.actors:
            raise BlocsError(f"{actor} was not read into this vote table ({table.actors})")
    votes = table.votes[table.votes["year"].between(start, end)]
    if issue is not None:
        votes = votes[votes["rcid"].isin(_issue_rcids(table.issues, issue))]
    va = votes[votes["actor"] == a][["rcid", "year", "vote"]]
    vb = votes[votes["actor"] == b][["rcid", "vote"]]
    both = va.merge(vb, on="rcid", suffixes=("_a", "_b")).sort_values("rcid")
    x, y = both["vote_a"].to_numpy(), both["vote_b"].to_numpy()
    overall = _score(f"{start}-{end}", start, end, x, y, dmax, metric)
    if by == "period":
        rows: tuple[VoteAgreement, ...] = (overall,)
    else:
        out = []
        for year in range(start, end + 1):
            sel = both["year"].to_numpy() == year
            out.append(_score(str(year), year, year, x[sel], y[sel], dmax, metric))
        rows = tuple(out)
    return VoteAgreementResult(
        a=a,
        b=b,
        start=start,
        end=end,
        by=by,
        issue=issue,
        overall=overall,
        rows=rows,
        malformed=table.malformed,
        not_voting=table.not_voting,
        dmax=dmax,
        metric=metric,
    )


@dataclass(frozen=True)
class VoteMatrix:
    """Vote agreement of every pair of states at once (square arrays in ``actors`` order).

    ``votes[i, j]`` roll calls on which both voted, ``identical[i, j]`` those with the same
    vote; ``agreement``, ``s_score`` and ``kappa`` are NaN where ``votes`` is 0. The diagonal
    holds each state with itself.
    """

    actors: tuple[str, ...]
    start: int
    end: int
    issue: str | None
    votes: np.ndarray
    identical: np.ndarray
    agreement: np.ndarray
    s_score: np.ndarray
    kappa: np.ndarray
    source: Source = UN_VOTES_SOURCE

    def pair(self, a: str, b: str) -> VoteAgreement:
        """The scores of one pair, as :func:`vote_agreement` gives them."""
        i, j = self.actors.index(a), self.actors.index(b)
        return VoteAgreement(
            label=f"{self.start}-{self.end}",
            start=self.start,
            end=self.end,
            votes=int(self.votes[i, j]),
            identical=int(self.identical[i, j]),
            agreement=float(self.agreement[i, j]),
            s_score=float(self.s_score[i, j]),
            kappa=float(self.kappa[i, j]),
        )


def vote_agreement_matrix(
    table: VoteTable,
    start: int,
    end: int,
    issue: str | None = None,
    *,
    actors: Sequence[str] | None = None,
    dmax: float = 2.0,
    metric: Literal["absolute", "squared"] = "absolute",
) -> VoteMatrix:
    """Agreement, S and kappa of every pair of ``actors``, by matrix products.

    ``actors`` defaults to the states of the table that voted in the period (on the issue).

    With one-hot vote indicators :math:`E_k` (roll calls × states) and :math:`V = \\sum_k E_k`
    (voted), the pairs' common roll calls are :math:`V^T V`, identical votes
    :math:`\\sum_k E_k^T E_k`, summed distances :math:`\\sum_{k,l} d(k,l)\\, E_k^T E_l`, and
    kappa's chance agreement :math:`\\sum_k (E_k^T V) \\circ (E_k^T V)^T / n^2`. The same
    numbers as :func:`vote_agreement` pair by pair.
    """
    if start > end:
        raise BlocsError(f"the period starts ({start}) after it ends ({end})")
    votes = table.votes[table.votes["year"].between(start, end)]
    if issue is not None:
        votes = votes[votes["rcid"].isin(_issue_rcids(table.issues, issue))]
    if actors is None:
        present = set(votes["actor"])
        names = tuple(a for a in table.actors if a in present)
    else:
        names = tuple(a.strip().upper() for a in actors)
        for actor in names:
            if actor not in table.actors:
                raise BlocsError(f"{actor} was not read into this vote table")
    votes = votes[votes["actor"].isin(names)]
    rcids = np.unique(votes["rcid"].to_numpy())
    col = {a: i for i, a in enumerate(names)}
    grid = np.zeros((rcids.size, len(names)), dtype=np.int8)
    grid[
        np.searchsorted(rcids, votes["rcid"].to_numpy()),
        votes["actor"].map(col).to_numpy(),
    ] = votes["vote"].to_numpy()
    codes = sorted(set(VOTE_CODES.values()))
    onehot = {k: (grid == k).astype(float) for k in codes}
    voted = (grid > 0).astype(float)
    n = voted.T @ voted
    identical = sum(onehot[k].T @ onehot[k] for k in codes)
    power = 2 if metric == "squared" else 1
    dist = sum(
        abs(k - m) ** power * (onehot[k].T @ onehot[m]) for k in codes for m in codes if k != m
    )
    marg = {k: onehot[k].T @ voted for k in codes}
    with np.errstate(invalid="ignore", divide="ignore"):
        agreement = np.where(n > 0, identical / n, np.nan)
        s = np.where(n > 0, 1.0 - 2.0 * dist / (n * dmax**power), np.nan)
        p_e = sum(marg[k] * marg[k].T for k in codes) / n**2
        kappa = np.where((n > 0) & ~np.isclose(p_e, 1.0), (agreement - p_e) / (1.0 - p_e), np.nan)
    return VoteMatrix(
        actors=names,
        start=start,
        end=end,
        issue=issue,
        votes=n.astype(np.int64),
        identical=np.asarray(identical).astype(np.int64),
        agreement=agreement,
        s_score=s,
        kappa=kappa,
    )
