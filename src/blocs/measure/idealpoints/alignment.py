"""Alignment of two states over time, and political ties measured from ideal-point distance.

:func:`pair_alignment` puts side by side, session by session from the first to the last session
in which both states voted, the share of identical votes, Signorino–Ritter S, Cohen's kappa
(:mod:`blocs.measure.similarity`, on every roll call both voted on, as ``blocs votes`` counts
them) and the distance between their ideal points. Agreement and S move with the agenda (which
resolutions come to a recorded vote); the ideal-point distance is on one scale for the whole run.

**Coding rule for a political tie** (:func:`ideal_point_tie`). In each session the pair's
distance :math:`d = |\\theta_a - \\theta_b|` is ranked among the distances of every pair of
states that voted that session: with :math:`q` the share of those pairs that are closer (ties
counted half), the session's tie is :math:`1 - 2q`, which is +1 for the closest pair of the
session, 0 for the median pair and -1 for the farthest. The tie over a period is the mean over the
sessions in which both voted, rounded to three decimals. The rule is scale-free (it does not
depend on the run's standardisation) and reads a pair as allied or opposed *relative to the
Assembly of its time*.

Examples
--------
>>> from blocs.measure.idealpoints.alignment import rank_tie
>>> import numpy as np
>>> theta = np.array([2.0, 1.5, 0.0, -1.0])
>>> rank_tie(theta, 0, 1), rank_tie(theta, 0, 3)
(1.0, -1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from blocs.errors import BlocsError
from blocs.measure.idealpoints.unga import (
    IdealPointEstimates,
    UNVotes,
    _cows,
    session_year,
)
from blocs.measure.similarity import agreement_share, cohen_kappa, signorino_ritter_s
from blocs.measure.votes import UN_VOTES_SOURCE
from blocs.results import NotComputed
from blocs.scenario.model import Source


@dataclass(frozen=True)
class SessionAlignment:
    """One session of a pair: vote similarity beside the ideal-point distance.

    ``votes`` counts the roll calls on which both voted yes, abstain or no; scores are NaN
    without any. Ideal points are None in a session where a state cast no contested vote.
    """

    session: int
    year: int
    votes: int
    agreement: float
    s_score: float
    kappa: float
    ideal_a: float | None
    ideal_b: float | None
    distance: float | None
    distance_se: float | None


@dataclass(frozen=True)
class PairAlignment:
    """Two states' alignment in the General Assembly, session by session."""

    a: str
    b: str
    rows: tuple[SessionAlignment, ...]
    anchor: str
    source: Source = UN_VOTES_SOURCE

    @property
    def first_session(self) -> int:
        return self.rows[0].session

    @property
    def last_session(self) -> int:
        return self.rows[-1].session

    def between(self, first_year: int, last_year: int) -> PairAlignment:
        """The sessions that opened between two years (inclusive)."""
        rows = tuple(r for r in self.rows if first_year <= r.year <= last_year)
        if not rows:
            raise BlocsError(
                f"{self.a} and {self.b} have no session in common between {first_year}"
                f" and {last_year}"
            )
        return PairAlignment(self.a, self.b, rows, self.anchor, self.source)

    def reading(self) -> str:
        first, last = self.rows[0], self.rows[-1]
        both = [r for r in self.rows if r.distance is not None]
        gap = ""
        if both:
            gap = (
                f"; their ideal points were {both[0].distance:.2f} apart in {both[0].year}"
                f" and {both[-1].distance:.2f} in {both[-1].year}"
            )
        return (
            f"{self.a} and {self.b} voted alike on {_pct(first.agreement)} of the roll calls of"
            f" {first.year} and {_pct(last.agreement)} of those of {last.year}{gap}."
        )


def _pct(x: float) -> str:
    return "–" if x != x else f"{100 * x:.0f} %"


def pair_alignment(
    votes: UNVotes,
    estimates: IdealPointEstimates,
    a: str,
    b: str,
    *,
    dmax: float = 2.0,
) -> PairAlignment:
    """Agreement, S, kappa and ideal-point distance of two states in every common session.

    Parameters
    ----------
    votes : UNVotes
        The roll calls (:func:`~blocs.measure.idealpoints.read_un_votes`).
    estimates : IdealPointEstimates
        Ideal points covering the sessions
        (:func:`~blocs.measure.idealpoints.estimate_ideal_points`).
    a, b : str
        ISO alpha-3 codes (former codes accepted; a code naming two COW states, such as DEU,
        covers both).
    dmax : float
        Largest vote distance for S (yes 1, abstain 2, no 3: 2).

    Raises
    ------
    BlocsError
        The same state twice, an unknown code, or no session in which both voted.
    """
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise BlocsError(f"a pair needs two different states, got {a} twice")
    cows_a, cows_b = _cows(a), _cows(b)
    voted = votes.vote > 0
    sel_a = voted & np.isin(votes.cow, list(cows_a))
    sel_b = voted & np.isin(votes.cow, list(cows_b))
    common = np.intersect1d(votes.rcid[sel_a], votes.rcid[sel_b])
    if common.size == 0:
        raise BlocsError(f"{a} and {b} never voted on the same roll call")
    va = _by_rcid(votes, sel_a, common)
    vb = _by_rcid(votes, sel_b, common)
    session = _by_rcid(votes, sel_a, common, field="session")
    points_a = {p.session: p for p in estimates.series(a)}
    points_b = {p.session: p for p in estimates.series(b)}
    rows = []
    for s in range(int(session.min()), int(session.max()) + 1):
        x, y = va[session == s], vb[session == s]
        pa, pb = points_a.get(s), points_b.get(s)
        dist = abs(pa.ideal_point - pb.ideal_point) if pa and pb else None
        rows.append(
            SessionAlignment(
                session=s,
                year=session_year(s),
                votes=int(x.size),
                agreement=agreement_share(x, y),
                s_score=signorino_ritter_s(x, y, dmax=dmax),
                kappa=cohen_kappa(x, y),
                ideal_a=pa.ideal_point if pa else None,
                ideal_b=pb.ideal_point if pb else None,
                distance=None if dist is None else round(dist, 4),
                distance_se=round(float(np.hypot(pa.se, pb.se)), 4) if pa and pb else None,
            )
        )
    return PairAlignment(a=a, b=b, rows=tuple(rows), anchor=estimates.anchor)


def _by_rcid(
    votes: UNVotes, sel: np.ndarray, common: np.ndarray, field: str = "vote"
) -> np.ndarray:
    """One value per common roll call (the first row where a code names two states)."""
    rcid = votes.rcid[sel]
    values = getattr(votes, field)[sel]
    order = np.argsort(rcid, kind="stable")
    rcid, values = rcid[order], values[order]
    first = np.searchsorted(rcid, common)
    return values[first]


def rank_tie(theta: np.ndarray, i: int, j: int) -> float:
    """The coding rule in one session: 1 - 2 q, q the share of pairs closer than (i, j).

    ``theta`` holds the positions of every state that voted in the session.
    """
    theta = np.asarray(theta, dtype=float)
    n = theta.size
    if n < 3:
        raise BlocsError("ranking a pair's distance needs at least three states in the session")
    d = abs(theta[i] - theta[j])
    iu = np.triu_indices(n, 1)
    dist = np.abs(theta[iu[0]] - theta[iu[1]])
    closer = np.sum(dist < d - 1e-12) + 0.5 * (np.sum(np.abs(dist - d) <= 1e-12) - 1)
    return round(float(1.0 - 2.0 * closer / (dist.size - 1)), 6)


@dataclass(frozen=True)
class IdealPointTie:
    """A political tie measured from ideal-point distance (the module's coding rule)."""

    a: str
    b: str
    first_session: int
    last_session: int
    strength: float
    distance: float
    sessions: tuple[int, ...]
    per_session: tuple[float, ...] = field(repr=False, metadata={"json": "per_session"})
    source: Source = UN_VOTES_SOURCE

    @property
    def locator(self) -> str:
        """The query, as evidence locators record it."""
        return (
            f"{self.source.id}: ideal points {self.a}-{self.b}, sessions"
            f" {self.first_session}-{self.last_session} (distance rank among all pairs)"
        )

    def reading(self) -> str:
        side = "closer than most pairs" if self.strength > 0 else "farther apart than most pairs"
        return (
            f"{self.a} and {self.b} stood {self.distance:.2f} apart on average in"
            f" {len(self.sessions)} session(s) of {session_year(self.first_session)}–"
            f"{session_year(self.last_session)}, {side} of the Assembly: a measured political"
            f" tie of {self.strength:+.3f}."
        )


def ideal_point_tie(
    estimates: IdealPointEstimates,
    a: str,
    b: str,
    first_session: int,
    last_session: int,
) -> IdealPointTie | NotComputed:
    """The measured political tie of a pair over sessions, by the module's coding rule.

    Returns :class:`~blocs.results.NotComputed` when the two never both voted in the sessions.
    """
    if first_session > last_session:
        raise BlocsError(f"sessions {first_session}-{last_session} run backwards")
    a, b = a.strip().upper(), b.strip().upper()
    cows_a, cows_b = _cows(a), _cows(b)
    by_session: dict[int, list] = {}
    for p in estimates.points:
        if first_session <= p.session <= last_session:
            by_session.setdefault(p.session, []).append(p)
    sessions, ties, dists = [], [], []
    for s in sorted(by_session):
        pts = by_session[s]
        ia = _best(pts, cows_a)
        ib = _best(pts, cows_b)
        if ia is None or ib is None:
            continue
        theta = np.array([p.ideal_point for p in pts])
        sessions.append(s)
        ties.append(rank_tie(theta, ia, ib))
        dists.append(abs(theta[ia] - theta[ib]))
    if not sessions:
        return NotComputed(
            f"{a} and {b} did not both cast a contested vote in sessions"
            f" {first_session}-{last_session}",
            remedy="choose sessions in which both were members",
        )
    return IdealPointTie(
        a=a,
        b=b,
        first_session=first_session,
        last_session=last_session,
        strength=round(float(np.mean(ties)), 3),
        distance=round(float(np.mean(dists)), 3),
        sessions=tuple(sessions),
        per_session=tuple(ties),
    )


def _best(points: Sequence, cows: set[int]) -> int | None:
    best = None
    for i, p in enumerate(points):
        if p.ccode in cows and (best is None or p.n_votes > points[best].n_votes):
            best = i
    return best


def sessions_of_years(first_year: int, last_year: int) -> tuple[int, int]:
    """The sessions that opened in the given years.

    >>> sessions_of_years(2015, 2017)
    (70, 72)
    """
    from blocs.measure.idealpoints.unga import SESSION_YEAR_OFFSET

    if first_year > last_year:
        raise BlocsError(f"the period starts ({first_year}) after it ends ({last_year})")
    return first_year - SESSION_YEAR_OFFSET, last_year - SESSION_YEAR_OFFSET


@dataclass(frozen=True)
class TriangleAlignment:
    """Three states' ideal points and their three pairs' alignment, session by session.

    ``states`` are the three ISO codes (in the scenario's focus order); ``pairs`` the three
    :class:`PairAlignment` series over the same sessions; ``mark`` the years of a period to
    highlight (a scenario's period), when given.
    """

    states: tuple[str, str, str]
    pairs: tuple[PairAlignment, PairAlignment, PairAlignment]
    first_year: int
    last_year: int
    mark: tuple[int, int] | None = None

    def positions(self) -> dict[str, list[tuple[int, float]]]:
        """Each state's ideal point by year (sessions in which it cast a contested vote)."""
        out: dict[str, dict[int, float]] = {s: {} for s in self.states}
        for pair in self.pairs:
            for r in pair.rows:
                if r.ideal_a is not None:
                    out[pair.a][r.year] = r.ideal_a
                if r.ideal_b is not None:
                    out[pair.b][r.year] = r.ideal_b
        return {s: sorted(v.items()) for s, v in out.items()}

    def distances(self) -> dict[str, list[tuple[int, float]]]:
        """Each pair's ideal-point distance by year."""
        return {
            f"{p.a}–{p.b}": [(r.year, r.distance) for r in p.rows if r.distance is not None]
            for p in self.pairs
        }

    def reading(self) -> str:
        parts = []
        for p in self.pairs:
            both = [r for r in p.rows if r.distance is not None]
            if both:
                parts.append(
                    f"{p.a}–{p.b} from {both[0].distance:.2f} ({both[0].year}) to"
                    f" {both[-1].distance:.2f} ({both[-1].year})"
                )
        closest = min(
            (p for p in self.pairs if any(r.distance is not None for r in p.rows)),
            key=lambda p: [r.distance for r in p.rows if r.distance is not None][-1],
            default=None,
        )
        tail = f"; the closest pair at the end is {closest.a}–{closest.b}" if closest else ""
        return f"Ideal-point distances moved {', '.join(parts)}{tail}."


def triangle_alignment(
    votes: UNVotes,
    estimates: IdealPointEstimates,
    states: Sequence[str],
    first_year: int | None = None,
    last_year: int | None = None,
    *,
    mark: tuple[int, int] | None = None,
) -> TriangleAlignment:
    """The three pairs of three states, over the sessions all three voted in.

    The span runs from the data's first session in which all three pairs voted together (or
    ``first_year`` when later) to the last (or ``last_year`` when earlier).

    Raises
    ------
    BlocsError
        Not three different states, or no session all three share in the years.
    """
    codes = tuple(s.strip().upper() for s in states)
    if len(codes) != 3 or len(set(codes)) != 3:
        raise BlocsError(f"a triangle needs three different states, got {', '.join(codes)}")
    a, b, c = codes
    full = [pair_alignment(votes, estimates, x, y) for x, y in ((a, b), (a, c), (b, c))]
    lo = max(p.rows[0].year for p in full)
    hi = min(p.rows[-1].year for p in full)
    lo = max(lo, first_year) if first_year is not None else lo
    hi = min(hi, last_year) if last_year is not None else hi
    if lo > hi:
        raise BlocsError(f"{a}, {b} and {c} share no session in the years asked")
    pairs = tuple(p.between(lo, hi) for p in full)
    return TriangleAlignment(
        states=(a, b, c),
        pairs=pairs,  # type: ignore[arg-type]
        first_year=lo,
        last_year=hi,
        mark=mark,
    )


def measured_political_tie(
    root: str | Path, a: str, b: str, first_year: int, last_year: int
) -> IdealPointTie | NotComputed:
    """The political tie of a pair over calendar years, from the whole record's ideal points.

    For scenarios built from data: ``root`` is the reference-data root (or its ``un-votes/``);
    the whole record is estimated once and cached (:mod:`~blocs.measure.idealpoints.cache`),
    and the sessions that opened in ``first_year``–``last_year`` are ranked by the module's
    coding rule.
    """
    from blocs.measure.idealpoints.cache import record_estimates

    _, estimates = record_estimates(root)
    return ideal_point_tie(estimates, a, b, *sessions_of_years(first_year, last_year))
