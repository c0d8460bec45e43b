"""COW militarized interstate disputes as negative military ties.

Coding rule (a stated choice):

* Each year of the period that the dyadic MID data covers scores the pair's highest hostility
  level in a dispute that year (the data's ``hostlev``, in either direction): war (5) 1.0, use
  of force (4) 0.75, display of force (3) 0.5, threat of force (2) 0.25, no militarized action
  (1) or no dispute 0 (:data:`HOSTILITY_WEIGHTS`).
* The tie's strength is minus the mean of those yearly scores over the covered years; a pair
  with no dispute in any covered year gets no tie.

Examples
--------
>>> from blocs.measure.builder.mids import HOSTILITY_WEIGHTS
>>> [HOSTILITY_WEIGHTS[level] for level in (2, 3, 4, 5)]
[0.25, 0.5, 0.75, 1.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from blocs.measure.builder.base import BuildState, DatasetRead, period_text, tie_id
from blocs.measure.builder.common import cow_index, find, map_codes, read_numeric
from blocs.scenario.model import Source, SourceKind

FOLDER = "peacesciencer-cow-atop"
FILES = ("cow_mid_ddydisps.csv", "cow_mid_ddydisps.csv.gz")

MID_SOURCE = Source(
    id="cow-mid-5",
    title="Correlates of War Militarized Interstate Disputes, dyadic dispute-years",
    kind=SourceKind.dataset,
    publisher="Correlates of War Project (as shipped in the R package peacesciencer 1.2)",
    version="5.0",
    url="https://correlatesofwar.org/data-sets/MIDs",
    cite=(
        "Palmer, G., McManus, R. W., D'Orazio, V., Kenwick, M. R., Karstens, M., Bloch, C.,"
        " Dietrich, N., Kahn, K., Ritter, K. & Soules, M. J. (2022). The MID5 Dataset,"
        " 2011-2014: Procedures, coding rules, and description. Conflict Management and Peace"
        " Science 39(4): 470-482. Miller, S. V. (2022). peacesciencer. Conflict Management and"
        " Peace Science 39(6): 755-779."
    ),
)

#: Score of a dispute-year by the pair's highest hostility level.
HOSTILITY_WEIGHTS: dict[int, float] = {1: 0.0, 2: 0.25, 3: 0.5, 4: 0.75, 5: 1.0}
HOSTILITY_NAMES: dict[int, str] = {
    1: "no militarized action",
    2: "threat of force",
    3: "display of force",
    4: "use of force",
    5: "war",
}
RULE = (
    "each covered year scores the pair's highest hostility level in a dispute (war 1, use of"
    " force 0.75, display 0.5, threat 0.25, none 0) and the strength is minus the mean over the"
    " years"
)
_COLUMNS = ("dispnum", "ccode1", "ccode2", "year", "hostlev")


def read_mids(root: Path, states: Sequence[BuildState], start: int, end: int) -> DatasetRead:
    """Dyadic MID dispute-years under ``root/peacesciencer-cow-atop`` as military ties."""
    path = find(root, FOLDER, FILES)
    if path is None:
        return DatasetRead("MID", MID_SOURCE, None, None, start, end)
    data, malformed = read_numeric(path, _COLUMNS)
    bad_level = ~data["hostlev"].isin(list(HOSTILITY_WEIGHTS))
    malformed += int(bad_level.sum())
    data = data[~bad_level]
    coverage = (int(data["year"].min()), int(data["year"].max()))
    lo, hi = max(start, coverage[0]), min(end, coverage[1])
    if lo > hi:
        return DatasetRead("MID", MID_SOURCE, path.name, coverage, start, end, malformed=malformed)
    n_years = hi - lo + 1
    index = cow_index(states)
    data = data[data["year"].between(lo, hi)]
    ia, ib = map_codes(data["ccode1"], index), map_codes(data["ccode2"], index)
    keep = (ia >= 0) & (ib >= 0) & (ia != ib)
    rows = data[keep].assign(i=np.minimum(ia, ib)[keep], j=np.maximum(ia, ib)[keep])
    years = rows.groupby(["i", "j", "year"], as_index=False)["hostlev"].max()
    years = years.assign(score=years["hostlev"].map(HOSTILITY_WEIGHTS))
    pairs = years.groupby(["i", "j"]).agg(
        total=("score", "sum"), years=("year", "size"), top=("hostlev", "max")
    )
    disputes = rows.groupby(["i", "j"])["dispnum"].agg(
        lambda s: " ".join(str(int(d)) for d in sorted(set(s)))
    )
    pairs = pairs.join(disputes).reset_index()
    span = period_text(lo, hi)
    ties = []
    for p in pairs.to_dict("records"):
        a, b = states[int(p["i"])], states[int(p["j"])]
        strength = -round(float(p["total"]) / n_years, 3)
        if strength == 0:
            continue
        top = int(p["top"])
        ties.append(
            {
                "id": tie_id(a.id, b.id, "mid", start, end),
                "pair": [a.id, b.id],
                "channel": "military",
                "strength": strength,
                "rationale": (
                    f"Measured (COW MID {MID_SOURCE.version}): minus the mean over {span} of"
                    " each year's highest hostility score."
                ),
                "basis": "measured",
                "period": {"start": str(start), "end": str(end)},
                "evidence": [
                    {
                        "source": MID_SOURCE.id,
                        "locator": (
                            f"{path.name}: dispnum {p['dispnum']}; ccode1 in {_codes(a)},"
                            f" ccode2 in {_codes(b)} (either order), year {lo}-{hi}"
                        ),
                        "claim": (
                            f"{a.name} and {b.name} were in a militarized dispute in"
                            f" {int(p['years'])} of the {n_years} years {span}; the highest"
                            f" hostility level reached was {HOSTILITY_NAMES[top]} ({top})."
                        ),
                        "quantity": {"value": strength, "unit": "hostility score"},
                        "confidence": "high",
                    }
                ],
            }
        )
    return DatasetRead(
        "MID", MID_SOURCE, path.name, coverage, start, end, ties=tuple(ties), malformed=malformed
    )


def _codes(state: BuildState) -> str:
    return "/".join(map(str, state.cow))
