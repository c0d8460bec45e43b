"""COW national material capabilities (CINC) as the actors' size.

Coding rule: a state's size is its Composite Index of National Capability averaged over the
period's years that the NMC data covers (a state standing for several COW numbers adds theirs
up year by year). A state without a CINC score in those years gets no size; the scenario's
``size_attribute`` is ``cinc``.

Examples
--------
>>> from blocs.measure.builder.capabilities import NMC_SOURCE
>>> NMC_SOURCE.id, NMC_SOURCE.version
('cow-nmc-7', '7.0')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from blocs.measure.builder.base import BuildState, DatasetRead, period_text
from blocs.measure.builder.common import cow_index, find, map_codes, read_numeric
from blocs.scenario.model import Source, SourceKind

FOLDER = "peacesciencer-cow-atop"
FILES = ("cow_nmc.csv", "cow_nmc.csv.gz")

NMC_SOURCE = Source(
    id="cow-nmc-7",
    title="Correlates of War National Material Capabilities",
    kind=SourceKind.dataset,
    publisher="Correlates of War Project (as shipped in the R package peacesciencer 1.2)",
    version="7.0",
    cite=(
        "Singer, J. David, Stuart Bremer and John Stuckey (1972). Capability Distribution,"
        " Uncertainty, and Major Power War, 1820-1965. In Bruce Russett (ed.), Peace, War, and"
        " Numbers, 19-48. Data version 7.0 (Greig and Enterline 2021)."
    ),
)


def read_cinc(root: Path, states: Sequence[BuildState], start: int, end: int) -> DatasetRead:
    """CINC scores under ``root/peacesciencer-cow-atop`` as ``cinc`` attributes."""
    path = find(root, FOLDER, FILES)
    if path is None:
        return DatasetRead("NMC", NMC_SOURCE, None, None, start, end)
    data, malformed = read_numeric(path, ("ccode", "year", "cinc"))
    coverage = (int(data["year"].min()), int(data["year"].max()))
    lo, hi = max(start, coverage[0]), min(end, coverage[1])
    if lo > hi:
        return DatasetRead("NMC", NMC_SOURCE, path.name, coverage, start, end, malformed=malformed)
    data = data[data["year"].between(lo, hi)]
    index = cow_index(states)
    at = map_codes(data["ccode"], index)
    data = data[at >= 0].assign(i=at[at >= 0])
    yearly = data.groupby(["i", "year"])["cinc"].sum()
    mean = yearly.groupby(level="i").mean()
    counted = yearly.groupby(level="i").size()
    span = period_text(lo, hi)
    attributes: dict[str, list[dict]] = {}
    for i, value in mean.items():
        s = states[int(i)]
        n = int(counted[i])
        attributes[s.id] = [
            {
                "name": "cinc",
                "value": float(np.round(value, 9)),
                "unit": "index",
                "period": {"start": str(lo), "end": str(hi)},
                "evidence": [
                    {
                        "source": NMC_SOURCE.id,
                        "locator": (
                            f"{path.name}: ccode={'/'.join(map(str, s.cow))}; year {lo}-{hi};"
                            " column cinc"
                        ),
                        "claim": (
                            f"{s.name}'s composite capability score, mean of {n} year"
                            f"{'s' if n != 1 else ''} ({span})."
                        ),
                        "confidence": "high",
                    }
                ],
            }
        ]
    missing = [s.name for s in states if s.id not in attributes]
    messages = []
    if missing:
        messages.append(
            f"NMC: {len(missing)} states have no CINC score in {span} and no size"
            f" ({', '.join(missing[:5])}{', ...' if len(missing) > 5 else ''})."
        )
    return DatasetRead(
        "NMC",
        NMC_SOURCE,
        path.name,
        coverage,
        start,
        end,
        attributes=attributes,
        malformed=malformed,
        messages=tuple(messages),
    )
