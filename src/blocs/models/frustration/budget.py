"""Time limits of the frustration solves: one default, and a budget shared by several solves.

The binary program can take very long on dense graphs (every pair tied); a time limit stops it
with the best partition found, which the result then reports as not proven optimal.
"""

from __future__ import annotations

import time

from blocs.errors import ModelInputError

#: Seconds that all the frustration solves of one balance report
#: (:func:`blocs.models.balance.balance_report`) may take together by default; where the limit
#: binds, a result is the best found and says it is not proven.
DEFAULT_TIME_LIMIT = 20.0

#: The least time one solve is given when a shared time budget is nearly spent.
MIN_SOLVE_SECONDS = 0.2


class TimeBudget:
    """Seconds shared by several solves: each solve is given an equal share of what is left,
    so a solve that finishes early leaves its time to the next ones. ``None``: no limit.

    The budget bounds the solvers' search; building the programs comes on top, and a solve
    is given at least ``MIN_SOLVE_SECONDS`` even when the budget is spent.

    >>> budget = TimeBudget(10.0, solves=4)
    >>> 2.4 < budget.next_limit() <= 2.5
    True
    >>> TimeBudget(None, solves=4).next_limit() is None
    True
    """

    def __init__(self, total: float | None, *, solves: int) -> None:
        if total is not None and not total > 0:
            raise ModelInputError(f"time_limit must be a positive number of seconds, not {total}")
        self.total = total
        self._clock = time.monotonic
        self._deadline = None if total is None else self._clock() + total
        self._left = max(1, solves)

    def next_limit(self) -> float | None:
        """The time limit of the next solve, in seconds."""
        if self._deadline is None:
            return None
        share = max(0.0, self._deadline - self._clock()) / self._left
        self._left = max(1, self._left - 1)
        return max(MIN_SOLVE_SECONDS, share)
