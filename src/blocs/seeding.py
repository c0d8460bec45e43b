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

from typing import TYPE_CHECKING, TypeAlias

from blocs.errors import ModelInputError

if TYPE_CHECKING:  # numpy loads with the first seed normalised, not with the command line
    import numpy as np

Seed: TypeAlias = "int | np.random.Generator | None"

#: The seed every command and every stochastic API function uses unless told otherwise, so that
#: a result can be repeated (``None`` asks for fresh entropy, recorded in the result).
DEFAULT_SEED = 0

#: Monte Carlo draws: the default, and the limits every command and API function accepts.
DEFAULT_DRAWS = 20_000
MIN_DRAWS = 100
MAX_DRAWS = 10_000_000


def check_draws(draws: int) -> int:
    """``draws`` if it is within ``MIN_DRAWS``..``MAX_DRAWS``, else a :class:`ModelInputError`.

    >>> check_draws(20_000)
    20000
    >>> check_draws(10)
    Traceback (most recent call last):
    ...
    blocs.errors.ModelInputError: draws must be between 100 and 10000000, got 10
    """
    import numpy as np

    if isinstance(draws, bool) or not isinstance(draws, int | np.integer):
        raise ModelInputError(f"draws must be a whole number, not {type(draws).__name__}")
    if not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise ModelInputError(f"draws must be between {MIN_DRAWS} and {MAX_DRAWS}, got {draws}")
    return int(draws)


def normalise_seed(seed: Seed) -> tuple[np.random.Generator, int | None]:
    """A generator for ``seed`` and the integer to record in the result."""
    import numpy as np

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
