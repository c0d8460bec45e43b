"""ATOP alliance obligations as positive military ties.

Coding rule (a stated choice; ATOP itself does not rank obligations):

* Each year of the period that ATOP 5.1 covers scores the strongest obligation the pair holds
  that year, in either direction (ATOP's undirected convention): defence 1.0, offence 0.75,
  neutrality 0.5, non-aggression 0.5, consultation 0.25, none 0 (:data:`OBLIGATION_RANK`).
* The tie's strength is the mean of those yearly scores over the covered years; a pair with no
  obligation in any covered year gets no tie. A state standing for several COW numbers takes
  the strongest obligation of any of them.

Examples
--------
>>> from blocs.measure.builder.atop import year_scores
>>> import pandas as pd
>>> rows = pd.DataFrame({"atop_defense": [1, 0, 0], "atop_offense": [0, 1, 0],
...                      "atop_neutral": [0, 0, 0], "atop_nonagg": [0, 1, 1],
...                      "atop_consul": [1, 0, 1]})
>>> year_scores(rows).tolist()
[1.0, 0.75, 0.5]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.measure.alliances import ATOP5_SOURCE, OBLIGATION_NAMES, OBLIGATIONS
from blocs.measure.builder.base import BuildState, DatasetRead, period_text, tie_id
from blocs.measure.builder.common import cow_index, find, map_codes, read_numeric

FOLDER = "peacesciencer-cow-atop"
FILES = ("atop_alliance.csv.gz", "atop_alliance.csv")

#: Score of a year by its strongest obligation: defence > offence > neutrality = non-aggression
#: > consultation.
OBLIGATION_RANK: dict[str, float] = {
    "defense": 1.0,
    "offense": 0.75,
    "neutral": 0.5,
    "nonagg": 0.5,
    "consul": 0.25,
}

_COLUMNS = ("ccode1", "ccode2", "year", *(f"atop_{o}" for o in OBLIGATIONS))
RULE = (
    "each covered year scores its strongest obligation (defence 1, offence 0.75, neutrality or"
    " non-aggression 0.5, consultation 0.25, none 0) and the strength is the mean over the years"
)


def year_scores(rows: pd.DataFrame) -> pd.Series:
    """The score of each row's strongest obligation (0 without any)."""
    scores = np.zeros(len(rows))
    for o in OBLIGATIONS:
        scores = np.maximum(scores, rows[f"atop_{o}"].to_numpy() * OBLIGATION_RANK[o])
    return pd.Series(scores, index=rows.index)


def _strongest(rows: pd.DataFrame) -> pd.Series:
    """The name of each row's strongest obligation."""
    order = sorted(OBLIGATIONS, key=lambda o: -OBLIGATION_RANK[o])
    out = pd.Series("", index=rows.index)
    for o in reversed(order):
        out = out.where(rows[f"atop_{o}"] == 0, OBLIGATION_NAMES[o])
    return out


def read_atop(root: Path, states: Sequence[BuildState], start: int, end: int) -> DatasetRead:
    """ATOP 5.1 dyad-years under ``root/peacesciencer-cow-atop`` as military ties."""
    path = find(root, FOLDER, FILES)
    if path is None:
        return DatasetRead("ATOP", ATOP5_SOURCE, None, None, start, end)
    data, malformed = read_numeric(path, _COLUMNS)
    coverage = (int(data["year"].min()), int(data["year"].max()))
    lo, hi = max(start, coverage[0]), min(end, coverage[1])
    base = DatasetRead("ATOP", ATOP5_SOURCE, path.name, coverage, start, end, malformed=malformed)
    if lo > hi:
        return base
    n_years = hi - lo + 1
    index = cow_index(states)
    data = data[data["year"].between(lo, hi)]
    ia, ib = map_codes(data["ccode1"], index), map_codes(data["ccode2"], index)
    keep = (ia >= 0) & (ib >= 0) & (ia != ib)
    rows = data[keep].assign(i=np.minimum(ia, ib)[keep], j=np.maximum(ia, ib)[keep])
    obligations = [f"atop_{o}" for o in OBLIGATIONS]
    rows = rows.groupby(["i", "j", "year"], as_index=False)[obligations].max()
    rows = rows.assign(score=year_scores(rows), strongest=_strongest(rows))
    rows = rows[rows["score"] > 0]
    pairs = rows.groupby(["i", "j"]).agg(
        total=("score", "sum"), first=("year", "min"), last=("year", "max"), allied=("year", "size")
    )
    kinds = rows.groupby(["i", "j", "strongest"]).size().unstack(fill_value=0)
    names = [
        OBLIGATION_NAMES[o]
        for o in sorted(OBLIGATIONS, key=lambda o: -OBLIGATION_RANK[o])
        if OBLIGATION_NAMES[o] in kinds.columns
    ]
    pairs = pairs.join(kinds[names]).reset_index()
    span = period_text(lo, hi)
    ties = []
    for p in pairs.to_dict("records"):
        a, b = states[int(p["i"])], states[int(p["j"])]
        strength = round(float(p["total"]) / n_years, 3)
        if strength == 0:
            continue
        by_kind = ", ".join(f"{name} {int(p[name])}" for name in names if p[name])
        ties.append(
            {
                "id": tie_id(a.id, b.id, "atop", start, end),
                "pair": [a.id, b.id],
                "channel": "military",
                "strength": strength,
                "rationale": (
                    f"Measured (ATOP {ATOP5_SOURCE.version}): mean over {span} of each year's"
                    " strongest obligation score."
                ),
                "basis": "measured",
                "period": {"start": str(start), "end": str(end)},
                "evidence": [
                    {
                        "source": ATOP5_SOURCE.id,
                        "locator": (
                            f"{path.name}: ccode1 in {_codes(a)}, ccode2 in {_codes(b)} (either"
                            f" order), year {lo}-{hi}"
                        ),
                        "claim": (
                            f"{a.name} and {b.name} held an alliance obligation in"
                            f" {int(p['allied'])} of the {n_years} years {span} (strongest"
                            f" obligation, years: {by_kind})."
                        ),
                        "quantity": {"value": strength, "unit": "obligation score"},
                        "confidence": "high",
                    }
                ],
            }
        )
    return DatasetRead(
        "ATOP",
        ATOP5_SOURCE,
        path.name,
        coverage,
        start,
        end,
        ties=tuple(ties),
        malformed=malformed,
    )


def _codes(state: BuildState) -> str:
    return "/".join(map(str, state.cow))
