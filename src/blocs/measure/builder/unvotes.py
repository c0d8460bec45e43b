"""UN General Assembly vote similarity as the diplomatic tie.

Coding rule: the strength is the Signorino–Ritter S of the pair's votes on the roll calls of
the period's calendar years on which both voted yes, abstain or no
(:mod:`blocs.measure.votes`): 1 for identical votes, 0 for as much difference as agreement, -1
for opposite votes. Every pair is scored at once from one scan of the votes
(:func:`~blocs.measure.votes.vote_agreement_matrix`); a pair without a roll call on which both
voted gets no tie, and the number of roll calls behind each S is in its evidence.

Examples
--------
>>> from blocs.measure.builder.unvotes import FOLDER
>>> FOLDER
'un-votes'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.measure.builder.base import BuildState, DatasetRead, period_text, tie_id
from blocs.measure.votes import UN_VOTES_SOURCE, read_votes, vote_agreement_matrix

FOLDER = "un-votes"
RULE = (
    "the strength is the Signorino-Ritter S of the pair's UN General Assembly votes (yes 1,"
    " abstain 2, no 3) on the roll calls on which both voted"
)


def _coverage(folder: Path) -> tuple[int, int] | None:
    path = folder / "un_roll_calls.csv"
    if not path.is_file():
        return None
    dates = pd.to_datetime(pd.read_csv(path, usecols=["date"])["date"], errors="coerce")
    return int(dates.min().year), int(dates.max().year)


def read_un_votes(root: Path, states: Sequence[BuildState], start: int, end: int) -> DatasetRead:
    """UN votes under ``root/un-votes`` as diplomatic ties."""
    folder = root / FOLDER
    coverage = _coverage(folder)
    if coverage is None or not any(
        (folder / n).is_file() for n in ("un_votes.csv.gz", "un_votes.csv")
    ):
        return DatasetRead("UN votes", UN_VOTES_SOURCE, None, None, start, end)
    lo, hi = max(start, coverage[0]), min(end, coverage[1])
    base = DatasetRead("UN votes", UN_VOTES_SOURCE, "un_votes.csv.gz", coverage, start, end)
    if lo > hi:
        return base
    coded = [s for s in states if s.iso3]
    labels = [s.iso3 for s in coded]
    table = read_votes(folder, labels, lo, hi)
    m = vote_agreement_matrix(table, lo, hi, actors=labels)
    i, j = np.triu_indices(len(labels), k=1)
    voted = m.votes[i, j] > 0
    i, j = i[voted], j[voted]
    s_scores = np.round(m.s_score[i, j], 3)
    span = period_text(lo, hi)
    ties = []
    for a_i, b_i, s, n, same in zip(
        i.tolist(),
        j.tolist(),
        s_scores.tolist(),
        m.votes[i, j].tolist(),
        m.identical[i, j].tolist(),
        strict=True,
    ):
        a, b = coded[a_i], coded[b_i]
        ties.append(
            {
                "id": tie_id(a.id, b.id, "un-votes", start, end),
                "pair": [a.id, b.id],
                "channel": "diplomatic",
                "strength": s,
                "rationale": (
                    f"Measured (UN votes): Signorino-Ritter S of the roll calls of {span}"
                    " on which both voted."
                ),
                "basis": "measured",
                "period": {"start": str(start), "end": str(end)},
                "evidence": [
                    {
                        "source": UN_VOTES_SOURCE.id,
                        "locator": (
                            f"{UN_VOTES_SOURCE.id}: {a.iso3}-{b.iso3}, roll calls {lo}-{hi}"
                            " where both voted"
                        ),
                        "claim": (
                            f"{a.name} and {b.name} voted alike on {same} of the {n} roll calls"
                            f" of {span} on which both voted (S = {s})."
                        ),
                        "quantity": {"value": s, "unit": "S score"},
                        "confidence": "high",
                    }
                ],
            }
        )
    messages = []
    uncoded = [s.name for s in states if not s.iso3]
    if uncoded:
        messages.append(
            f"UN votes: {len(uncoded)} states have no ISO code and no votes"
            f" ({', '.join(uncoded[:5])}{', ...' if len(uncoded) > 5 else ''})."
        )
    silent = len(labels) - len(set(table.votes["actor"]))
    if silent:
        messages.append(
            f"UN votes: {silent} of the {len(labels)} states cast no vote in {span}"
            " (not members, or absent): no diplomatic ties for them."
        )
    if table.malformed:
        messages.append(f"UN votes: {table.malformed} malformed rows were skipped.")
    return DatasetRead(
        "UN votes",
        UN_VOTES_SOURCE,
        base.file,
        coverage,
        start,
        end,
        ties=tuple(ties),
        malformed=table.malformed,
        messages=tuple(messages),
    )
