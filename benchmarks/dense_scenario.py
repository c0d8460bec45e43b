"""A dense synthetic scenario for scale benchmarks: every pair of ``n`` states tied in every
channel, random strengths, sizes and a focus, reproducible from a seed.

Used by ``bench_network.py`` (grouping ties) and ``bench_assess_dense.py`` (a whole assessment
with the frustration solves under a time limit).

>>> s = dense_scenario(5, seed=1)
>>> len(s.ties)  # 10 pairs x 4 channels
40
"""

from __future__ import annotations

import itertools
import string

import numpy as np

from blocs.scenario.model import CHANNELS, Scenario


def state_ids(n: int) -> list[str]:
    """``n`` distinct three-capital ids (``AAA``, ``AAB``, ...); synthetic, not real states."""
    letters = string.ascii_uppercase
    return ["".join(t) for t in itertools.islice(itertools.product(letters, repeat=3), n)]


def dense_scenario(n: int = 40, *, seed: int = 0) -> Scenario:
    """``n`` states, every pair tied in every channel with a strength in [-1, 1] (two decimals),
    a size attribute and a focus on the first three states."""
    rng = np.random.default_rng(seed)
    ids = state_ids(n)
    ev = [{"source": "synthetic", "paragraph": 1, "claim": "Synthetic tie for benchmarks."}]
    actors = [
        {
            "id": a,
            "name": f"State {a}",
            "attributes": [
                {
                    "name": "size",
                    "value": float(rng.integers(1, 100)),
                    "unit": "index",
                    "evidence": ev,
                }
            ],
        }
        for a in ids
    ]
    ties = [
        {
            "id": f"t{i}",
            "pair": [a, b],
            "channel": channel,
            "strength": round(float(rng.uniform(-1.0, 1.0)), 2),
            "rationale": "synthetic",
            "evidence": ev,
        }
        for i, ((a, b), channel) in enumerate(
            itertools.product(itertools.combinations(ids, 2), CHANNELS)
        )
    ]
    return Scenario.model_validate(
        {
            "id": f"dense-{n}",
            "title": f"Dense synthetic scenario of {n} states",
            "size_attribute": "size",
            "focus": {"divider": ids[0], "target": ids[1], "partner": ids[2]},
            "sources": [
                {"id": "synthetic", "title": "Generated", "kind": "dataset", "paragraphs": 1}
            ],
            "actors": actors,
            "ties": ties,
        }
    )
