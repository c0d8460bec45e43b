"""The one randomness convention of blocs: ``seed`` in, generator and record out.

Every stochastic entry point takes ``seed: int | numpy.random.Generator | None``. An integer is
recorded as given; ``None`` draws fresh entropy, which is recorded so the run can be repeated;
a generator passed in is used as it is (recorded as ``None``: its state is the caller's).

>>> rng, recorded = normalise_seed(7)
>>> recorded
7
>>> int(rng.integers(10)) == int(normalise_seed(7)[0].integers(10))
True
"""

from __future__ import annotations

import numpy as np

from blocs.errors import ModelInputError

Seed = int | np.random.Generator | None


def normalise_seed(seed: Seed) -> tuple[np.random.Generator, int | None]:
    """A generator for ``seed`` and the integer to record in the result."""
    if isinstance(seed, np.random.Generator):
        return seed, None
    if seed is None:
        entropy = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
        return np.random.default_rng(entropy), entropy
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ModelInputError(
            f"seed must be an int, a numpy Generator or None, not {type(seed).__name__}"
        )
    return np.random.default_rng(int(seed)), int(seed)


def child_seed(rng: np.random.Generator) -> int:
    """An integer seed drawn from ``rng`` for a library that wants one (e.g. SALib)."""
    return int(rng.integers(0, 2**31 - 1))
