"""Ideal points of every state in every session of the UN General Assembly.

Reads the Voeten roll calls (the ``un-votes/`` folder of the reference data: ``un_votes.csv.gz``
and ``un_roll_calls.csv``), names each voting state by its COW code through the crosswalk (by the
roll call's date where a code named several states: the Federal Republic of Germany is COW 260,
united Germany 255; the Yemen Arab Republic 678, Yemen 679), and fits the dynamic ordered-probit
model of :mod:`blocs.measure.idealpoints.model` with one period per session.

Choices, each explicit (BSV = Bailey, Strezhnev & Voeten 2017):

* **Linking over time: a random walk**, not bridges through identical resolutions. BSV tie a
  state's position to its previous session by a normal prior *and* let resolutions that recur
  with identical text share item parameters (their list of matched pairs is not part of the
  reference data). A Gaussian random walk (sd ``omega`` = 0.5 per session, BSV's ``Smooth``
  of 0.5 read as a variance scale of the same order) with an N(0, 1) prior on every position
  carries the same information about continuity; the research note's check found that bridges
  moved per-session correlations with BSV by less than 0.01 and the random walk with the
  N(0, 1) prior reproduced them at a median r of 0.994.
* **Votes used**: yes, abstain, no (an ordered response). Absent and non-member (codes 8, 9)
  are missing, never abstentions. Following BSV, amendment and paragraph votes are dropped from
  session 45 (1990) on, and roll calls on which every vote cast falls in one category are
  dropped (they carry no information). Every dropped row is counted in :class:`RowCounts`.
* **Identification**: mean 0 and sd 1 over all state-sessions estimated together, the
  ``anchor`` state (BSV: the United States) positive. Scores from runs over different
  sessions are therefore on different scales; compare within one run.
* **Years**: session *s* opens in September of 1945 + *s*; ``year`` is that year.
* **Names**: ``iso3`` is the crosswalk's code of the COW state (one code through all its spells:
  ``RUS`` for the USSR and Russia, COW 365, as in BSV's files; ``SRB`` for Yugoslavia, COW 345;
  ``DEU`` for both COW 260 and 255); ``ccode`` tells the states apart.

Examples
--------
From the reference data (about 20 s for the whole record on one core):

>>> from blocs.measure.idealpoints import estimate_ideal_points
>>> est = estimate_ideal_points(data_root, sessions=(70, 72))  # doctest: +SKIP
>>> est.point("USA", 71).ideal_point > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.errors import BlocsError, DataFormatError
from blocs.measure.idealpoints.model import (
    DynamicOrdinalFit,
    Priors,
    fit_dynamic_ordinal,
    make_roll_call_data,
)
from blocs.measure.votes import UN_NAMES_WITHOUT_CODE, UN_VOTES_SOURCE
from blocs.scenario.crosswalk import CountryCodeError, lookup
from blocs.scenario.model import Source

#: Vote values read as yes (1), abstain (2), no (3).
VOTE_VALUES: dict[str, int] = {"yes": 1, "abstain": 2, "no": 3, "1": 1, "2": 2, "3": 3}
#: Vote values meaning the state did not vote (absent, not a member): missing data.
MISSING_VALUES: frozenset[str] = frozenset({"8", "9", "absent", "not a member", "non-member"})
#: First session (1990) from which BSV drop amendment and paragraph votes.
PARTS_DROPPED_FROM = 45
#: Session 1 opened in 1946: a session's year is this plus its number.
SESSION_YEAR_OFFSET = 1945

_VOTES_FILES = ("un_votes.csv.gz", "un_votes.csv")
_ROLL_CALLS = "un_roll_calls.csv"


def session_year(session: int) -> int:
    """The year a General Assembly session opened.

    >>> session_year(1), session_year(71)
    (1946, 2016)
    """
    return session + SESSION_YEAR_OFFSET


def parse_sessions(text: str) -> tuple[int, int]:
    """``"70-72"`` or ``"71"`` as (first, last) session; an error for a backwards range.

    >>> parse_sessions("70-72"), parse_sessions("71")
    ((70, 72), (71, 71))
    """
    parts = [p.strip() for p in text.split("-")]
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        raise BlocsError(
            f"--sessions: {text!r} is not a session or a range such as 70-72"
        ) from None
    if len(nums) not in (1, 2) or any(n < 1 for n in nums):
        raise BlocsError(f"--sessions: {text!r} is not a session or a range such as 70-72")
    first, last = nums[0], nums[-1]
    if first > last:
        raise BlocsError(f"--sessions: {text!r} runs backwards; write {last}-{first}")
    return first, last


@dataclass(frozen=True)
class RowCounts:
    """What happened to every row of the votes file (nothing is dropped without a count)."""

    rows: int
    used: int
    missing: int
    outside_sessions: int
    amendment_or_paragraph: int
    duplicate: int
    unanimous: int
    roll_calls_used: int
    roll_calls_unanimous: int

    @property
    def dropped(self) -> int:
        """Rows read but not used."""
        return self.rows - self.used

    def reading(self) -> str:
        return (
            f"Of {self.rows:,} vote rows, {self.used:,} were scaled; dropped were"
            f" {self.missing:,} absences or non-members, {self.outside_sessions:,} outside the"
            f" sessions, {self.amendment_or_paragraph:,} amendment or paragraph votes,"
            f" {self.duplicate:,} duplicates and {self.unanimous:,} votes on"
            f" {self.roll_calls_unanimous:,} unanimous roll calls."
        )


@dataclass(frozen=True)
class IdealPoint:
    """One state's position in one session (higher: closer to the anchor, BSV's orientation)."""

    session: int
    year: int
    iso3: str | None
    ccode: int
    ideal_point: float
    se: float
    n_votes: int

    __json_properties__ = ("low", "high")

    @property
    def low(self) -> float:
        """Lower end of the 90 % interval (Laplace)."""
        return round(self.ideal_point - 1.6449 * self.se, 4)

    @property
    def high(self) -> float:
        """Upper end of the 90 % interval (Laplace)."""
        return round(self.ideal_point + 1.6449 * self.se, 4)


@dataclass(frozen=True)
class IdealPointEstimates:
    """Ideal points of every state and session of one run, with how they were obtained."""

    first_session: int
    last_session: int
    points: tuple[IdealPoint, ...] = field(repr=False, metadata={"json": "points"})
    counts: RowCounts
    n_items: int
    anchor: str
    omega: float
    converged: bool
    iterations: int
    seconds: float
    sessions_without_votes: tuple[int, ...] = ()
    source: Source = UN_VOTES_SOURCE

    def series(self, iso3: str) -> tuple[IdealPoint, ...]:
        """The positions of a state (ISO alpha-3, former codes accepted), session by session.

        Where one code names two COW states in a session (Germany in 1990), the one with more
        votes is taken.
        """
        cows = _cows(iso3)
        best: dict[int, IdealPoint] = {}
        for p in self.points:
            if p.ccode in cows and (p.session not in best or p.n_votes > best[p.session].n_votes):
                best[p.session] = p
        return tuple(best[s] for s in sorted(best))

    def point(self, iso3: str, session: int) -> IdealPoint | None:
        """A state's position in one session, or None when it did not vote."""
        for p in self.series(iso3):
            if p.session == session:
                return p
        return None

    def to_frame(self) -> pd.DataFrame:
        """One row per state and session: the CLI's CSV columns."""
        cols = ["session", "year", "iso3", "ccode", "ideal_point", "se", "n_votes"]
        return pd.DataFrame([[getattr(p, c) for c in cols] for p in self.points], columns=cols)

    def reading(self) -> str:
        n_states = len({p.ccode for p in self.points})
        span = (
            f"session {self.first_session}"
            if self.first_session == self.last_session
            else f"sessions {self.first_session}–{self.last_session}"
        )
        se = np.median([p.se for p in self.points]) if self.points else math.nan
        return (
            f"{len(self.points):,} ideal points of {n_states} states over {span}"
            f" ({session_year(self.first_session)}–{session_year(self.last_session) + 1}),"
            f" scaled from {self.counts.used:,} votes on {self.n_items:,} contested roll calls,"
            f" with a median standard error of {se:.2f}."
        )


def _cows(iso3: str) -> set[int]:
    from blocs.scenario.crosswalk import candidates

    recs = candidates(iso3, "iso3")
    if not recs:
        lookup(iso3, "iso3")  # raises with a hint
    return {r.cow for r in recs}


def _find_votes(folder: Path) -> Path:
    for name in _VOTES_FILES:
        if (folder / name).is_file():
            return folder / name
    raise DataFormatError(
        f"no {' or '.join(_VOTES_FILES)} here: pass the reference-data root holding un-votes/",
        file=str(folder),
    )


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    try:
        head = pd.read_csv(path, nrows=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None
    missing = [c for c in columns if c not in head.columns]
    if missing:
        raise DataFormatError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}",
            file=path.name,
            line=1,
        )
    try:
        return pd.read_csv(path, usecols=list(columns), dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None


def _integer_column(frame: pd.DataFrame, column: str, path: Path) -> np.ndarray:
    values = pd.to_numeric(frame[column].str.strip(), errors="coerce")
    bad = values.isna() | (values != values.round())
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFormatError(
            f"{column}: {frame[column].iloc[row]!r} is not a whole number"
            f" ({int(bad.sum())} such row(s))",
            file=path.name,
            line=row + 2,
        )
    return values.to_numpy().astype(np.int64)


@dataclass(frozen=True)
class UNVotes:
    """The roll-call votes with COW codes: one row per vote row of the file that was read."""

    rcid: np.ndarray
    session: np.ndarray
    cow: np.ndarray
    vote: np.ndarray  # 1, 2, 3, or 0 for missing
    part: np.ndarray  # amendment or paragraph vote
    files: tuple[str, ...]


def un_votes_files(root: str | Path) -> tuple[Path, Path]:
    """The votes file and the roll-call file under the reference-data root (or ``un-votes/``).

    Raises :class:`~blocs.errors.DataFormatError` naming the folder when one is missing.
    """
    folder = Path(root)
    if (folder / "un-votes").is_dir():
        folder = folder / "un-votes"
    if not folder.is_dir():
        raise DataFormatError("no such folder (the reference-data root)", file=str(folder))
    votes_path = _find_votes(folder)
    rc_path = folder / _ROLL_CALLS
    if not rc_path.is_file():
        raise DataFormatError(f"no {_ROLL_CALLS} here", file=str(folder))
    return votes_path, rc_path


def read_un_votes(root: str | Path) -> UNVotes:
    """Read the roll calls with each voting state's COW code, validating every row.

    ``root`` is the reference-data root (holding ``un-votes/``) or the ``un-votes`` folder.

    Raises
    ------
    DataFormatError
        Naming the file and line of the first offending row: a missing file or column, an
        unknown vote value, a country the crosswalk does not know, a roll call missing from
        the roll-call file, a session or roll-call id that is not a number.
    """
    votes_path, rc_path = un_votes_files(root)
    rc = _read_csv(rc_path, ("rcid", "session", "date", "amend", "para"))
    rc_id = _integer_column(rc, "rcid", rc_path)
    rc_session = _integer_column(rc, "session", rc_path)
    years = pd.to_datetime(rc["date"], errors="coerce").dt.year.to_numpy()
    part = (rc["amend"].str.strip() == "1").to_numpy() | (rc["para"].str.strip() == "1").to_numpy()

    v = _read_csv(votes_path, ("rcid", "country", "country_code", "vote"))
    rcid = _integer_column(v, "rcid", votes_path)
    order = np.argsort(rc_id)
    pos = np.searchsorted(rc_id[order], rcid)
    pos = np.minimum(pos, rc_id.size - 1)
    found = rc_id[order][pos] == rcid
    if not found.all():
        row = int(np.flatnonzero(~found)[0])
        raise DataFormatError(
            f"rcid: roll call {rcid[row]} is not in {_ROLL_CALLS}"
            f" ({int((~found).sum())} such row(s))",
            file=votes_path.name,
            line=row + 2,
        )
    rc_row = order[pos]
    text = v["vote"].str.strip().str.lower()
    code = text.map(VOTE_VALUES)
    missing = text.isin(MISSING_VALUES).to_numpy()
    unknown = code.isna().to_numpy() & ~missing
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        raise DataFormatError(
            f"vote: unknown value {v['vote'].iloc[row]!r} ({int(unknown.sum())} such row(s));"
            " expected yes, abstain or no (1, 2, 3), or absent / not a member (8, 9)",
            file=votes_path.name,
            line=row + 2,
        )
    vote = code.fillna(0).to_numpy().astype(np.int8)
    year = years[rc_row]
    cow = _cow_codes(v, year, votes_path)
    return UNVotes(
        rcid=rcid,
        session=rc_session[rc_row],
        cow=cow,
        vote=vote,
        part=part[rc_row],
        files=(votes_path.name, rc_path.name),
    )


def _cow_codes(v: pd.DataFrame, year: np.ndarray, path: Path) -> np.ndarray:
    """COW code of every row: ISO alpha-2 code at the roll call's year, or the name when blank."""
    code = v["country_code"].str.strip().str.upper()
    name = v["country"].str.strip()
    keys = pd.DataFrame({"code": code, "name": name, "year": year})
    inverse = keys.groupby(["code", "name", "year"], dropna=False, sort=False).ngroup().to_numpy()
    n_keys = int(inverse.max()) + 1 if inverse.size else 0
    first_row = np.zeros(n_keys, dtype=np.int64)
    first_row[inverse[::-1]] = np.arange(len(keys))[::-1]
    out = np.empty(n_keys, dtype=np.int64)
    for k, row in enumerate(first_row):
        c, n, y = code.iloc[row], name.iloc[row], year[row]
        yr = None if pd.isna(y) else int(y)
        try:
            if c:
                out[k] = lookup(c, "iso2", year=yr).cow
            elif n in UN_NAMES_WITHOUT_CODE:
                out[k] = UN_NAMES_WITHOUT_CODE[n]
            else:
                raise CountryCodeError(f"no country code and the name {n!r} is not known")
        except CountryCodeError as exc:
            count = int((inverse == k).sum())
            raise DataFormatError(
                f"country_code: {c!r} ({n}) is not in the country-code crosswalk: {exc}"
                f" ({count} such row(s))",
                file=path.name,
                line=int(row) + 2,
            ) from None
    return out[inverse]


def estimate_ideal_points(
    root: str | Path | UNVotes,
    sessions: tuple[int, int] | None = None,
    *,
    anchor: str = "USA",
    priors: Priors | None = None,
    drop_parts_from: int | None = PARTS_DROPPED_FROM,
    progress: Callable[[str, int], None] | None = None,
) -> IdealPointEstimates:
    """Estimate the dynamic ideal points of every state in the given sessions.

    Parameters
    ----------
    root : path or UNVotes
        The reference-data root holding ``un-votes/`` (or that folder), or votes already read
        with :func:`read_un_votes`.
    sessions : (int, int), optional
        First and last session estimated together (all sessions in the data by default).
    anchor : str
        ISO alpha-3 code of the state put on the positive side (BSV: the United States).
    priors : Priors, optional
        Prior scales of :class:`~blocs.measure.idealpoints.model.Priors`.
    drop_parts_from : int or None
        First session from which amendment and paragraph votes are dropped (BSV: 45); None
        keeps them.
    progress : callable, optional
        Called with a stage name and an iteration count while the model is fitted.

    Raises
    ------
    DataFormatError
        A malformed votes or roll-call file (see :func:`read_un_votes`).
    BlocsError
        Sessions backwards, a requested session without any vote, an anchor that never voted
        in the sessions.
    """
    import time

    votes = root if isinstance(root, UNVotes) else read_un_votes(root)
    present = np.unique(votes.session[votes.vote > 0])
    if present.size == 0:
        raise DataFormatError("the file holds no yes, abstain or no vote", file=votes.files[0])
    first, last = sessions if sessions is not None else (int(present[0]), int(present[-1]))
    if first > last:
        raise BlocsError(f"sessions {first}-{last} run backwards; write {last}-{first}")
    empty = [s for s in range(first, last + 1) if s not in set(present.tolist())]
    if empty and (sessions is not None):
        raise BlocsError(
            f"session {empty[0]} has no votes in {votes.files[0]}"
            f" (it holds votes for sessions {present[0]}–{present[-1]}"
            + (f"; {len(empty)} session(s) of {first}-{last} have none)" if len(empty) > 1 else ")")
        )
    n = votes.rcid.size
    in_range = (votes.session >= first) & (votes.session <= last)
    voted = votes.vote > 0
    part = (
        votes.part & (votes.session >= drop_parts_from)
        if drop_parts_from is not None
        else np.zeros(n, bool)
    )
    keep = in_range & voted & ~part
    frame = pd.DataFrame({"rcid": votes.rcid[keep], "cow": votes.cow[keep]})
    dup = frame.duplicated(["rcid", "cow"]).to_numpy()
    idx = np.flatnonzero(keep)[~dup]
    rcid, cow, vote, session = votes.rcid[idx], votes.cow[idx], votes.vote[idx], votes.session[idx]
    # unanimous roll calls: every vote cast in one category
    u_rc, inv = np.unique(rcid, return_inverse=True)
    lo = np.full(u_rc.size, 9, dtype=np.int8)
    hi = np.zeros(u_rc.size, dtype=np.int8)
    np.minimum.at(lo, inv, vote)
    np.maximum.at(hi, inv, vote)
    contested = (lo != hi)[inv]
    counts = RowCounts(
        rows=n,
        used=int(contested.sum()),
        missing=int((in_range & ~voted).sum()),
        outside_sessions=int((~in_range).sum()),
        amendment_or_paragraph=int((in_range & voted & part).sum()),
        duplicate=int(dup.sum()),
        unanimous=int((~contested).sum()),
        roll_calls_used=int((lo != hi).sum()),
        roll_calls_unanimous=int((lo == hi).sum()),
    )
    if counts.used == 0:
        raise BlocsError(
            f"sessions {first}-{last} hold no contested roll call (every vote cast was"
            " unanimous): there is nothing to scale"
        )
    anchor_cows = _cows(anchor)
    cow_u, session_u = cow[contested], session[contested]
    data, (unit_cow, unit_session), _ = make_roll_call_data(
        cow_u, session_u, rcid[contested], vote[contested]
    )
    anchors = [c for c in anchor_cows if c in set(unit_cow.tolist())]
    if not anchors:
        raise BlocsError(
            f"the anchor {anchor} cast no contested vote in sessions {first}-{last};"
            " choose another anchor state"
        )
    start = time.perf_counter()
    fit: DynamicOrdinalFit = fit_dynamic_ordinal(
        data,
        anchor=anchors[0],
        priors=priors,
        callback=(lambda it: progress("fit", it)) if progress is not None else None,
    )
    seconds = time.perf_counter() - start
    n_votes = data.votes_per_unit()
    iso = {}
    for c in np.unique(unit_cow).tolist():
        iso[c] = lookup(c, "cow").iso3
    points = tuple(
        IdealPoint(
            session=int(s),
            year=session_year(int(s)),
            iso3=iso[int(c)],
            ccode=int(c),
            ideal_point=round(float(t), 4),
            se=round(float(e), 4),
            n_votes=int(k),
        )
        for s, c, t, e, k in sorted(
            zip(unit_session, unit_cow, fit.theta, fit.se, n_votes, strict=True),
            key=lambda r: (r[0], r[1]),
        )
    )
    scaled = set(unit_session.tolist())
    return IdealPointEstimates(
        first_session=first,
        last_session=last,
        points=points,
        counts=counts,
        n_items=data.n_items,
        anchor=anchor.upper(),
        omega=fit.priors.omega,
        converged=fit.converged,
        iterations=fit.iterations,
        seconds=round(seconds, 2),
        sessions_without_votes=tuple(s for s in range(first, last + 1) if s not in scaled),
    )
