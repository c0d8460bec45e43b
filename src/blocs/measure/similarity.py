"""Similarity of two states' positions: identical share, Signorino–Ritter S, Cohen's kappa.

Positions are integer-coded choices on the same items (roll calls, alliance portfolios), one
array per state, aligned item by item. For UN votes the coding is yes = 1, abstain = 2,
no = 3 (:data:`VOTE_CODES`), so the largest distance on one item is ``dmax = 2``.

Signorino & Ritter (1999) define the similarity of two position vectors as one minus twice
their distance over the largest possible distance:

.. math::

    S = 1 - \\frac{2 \\sum_i |x_i - y_i|}{n \\, d_{max}}
    \\qquad\\text{(``metric="absolute"``, the paper's default)}

or with squared distances, :math:`1 - 2 \\sum_i (x_i - y_i)^2 / (n \\, d_{max}^2)`. S runs from
-1 (opposite on every item) to 1 (identical). Items are unweighted; the paper allows weights,
given here as ``weights``.

Cohen's (1960) kappa corrects the share of identical choices for the agreement expected by
chance from each state's own marginal frequencies, as Häge (2011) recommends for foreign
policy similarity: :math:`\\kappa = (p_o - p_e) / (1 - p_e)`; it is undefined (NaN) when both
states always make the same single choice.

Examples
--------
>>> import numpy as np
>>> x, y = np.array([1, 1, 3, 2]), np.array([1, 3, 3, 1])
>>> agreement_share(x, y)
0.5
>>> signorino_ritter_s(x, y, dmax=2)
0.25
>>> round(cohen_kappa(x, y), 3)
0.2

References
----------
Signorino, C. S. & Ritter, J. M. (1999). Tau-b or Not Tau-b: Measuring the Similarity of
Foreign Policy Positions. International Studies Quarterly 43(1): 115–144.

Cohen, J. (1960). A Coefficient of Agreement for Nominal Scales. Educational and Psychological
Measurement 20(1): 37–46.

Häge, F. M. (2011). Choice or Circumstance? Adjusting Measures of Foreign Policy Similarity
for Chance Agreement. Political Analysis 19(3): 287–305.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from blocs.errors import ModelInputError

#: UN vote coding used for S: yes = 1, abstain = 2, no = 3 (largest distance 2).
VOTE_CODES: dict[str, int] = {"yes": 1, "abstain": 2, "no": 3}


def _pair(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    a, b = np.asarray(x), np.asarray(y)
    if a.ndim != 1 or a.shape != b.shape:
        raise ModelInputError(
            f"positions must be two 1-D arrays of the same length, got shapes {a.shape}"
            f" and {b.shape}"
        )
    return a, b


def agreement_share(x: ArrayLike, y: ArrayLike) -> float:
    """Share of items on which the two states made the same choice (NaN for no items).

    >>> agreement_share([1, 2, 3], [1, 2, 1])
    0.6666666666666666
    """
    a, b = _pair(x, y)
    return float(np.mean(a == b)) if a.size else float("nan")


def signorino_ritter_s(
    x: ArrayLike,
    y: ArrayLike,
    *,
    dmax: float = 2.0,
    metric: Literal["absolute", "squared"] = "absolute",
    weights: ArrayLike | None = None,
) -> float:
    """Signorino–Ritter S of two position vectors (NaN for no items).

    Parameters
    ----------
    x, y : array_like
        Numeric positions on the same items.
    dmax : float
        Largest distance on one item (2 for the yes/abstain/no coding 1..3).
    metric : {"absolute", "squared"}
        Distance per item: ``|x - y|`` (the paper's default) or ``(x - y)**2``.
    weights : array_like, optional
        Item weights (equal by default); S uses their sum in place of ``n``.

    Examples
    --------
    >>> signorino_ritter_s([1, 1], [3, 3])
    -1.0
    >>> signorino_ritter_s([1, 2], [1, 3], metric="squared")
    0.75
    """
    a, b = _pair(x, y)
    if not a.size:
        return float("nan")
    if dmax <= 0:
        raise ModelInputError(f"dmax must be positive, got {dmax}")
    d = np.abs(a.astype(float) - b.astype(float))
    if metric == "squared":
        d, scale = d**2, dmax**2
    elif metric == "absolute":
        scale = dmax
    else:
        raise ModelInputError(f"metric must be 'absolute' or 'squared', not {metric!r}")
    w = np.ones_like(d) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != d.shape:
        raise ModelInputError(f"weights have shape {w.shape}, positions {d.shape}")
    return float(1.0 - 2.0 * np.sum(w * d) / (np.sum(w) * scale))


def cohen_kappa(x: ArrayLike, y: ArrayLike) -> float:
    """Cohen's kappa of two nominal position vectors (NaN when undefined).

    >>> cohen_kappa([1, 2, 3, 1], [1, 2, 3, 1])
    1.0
    """
    a, b = _pair(x, y)
    if not a.size:
        return float("nan")
    cats, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    ia, ib = inverse[: a.size], inverse[a.size :]
    k = cats.size
    table = np.zeros((k, k))
    np.add.at(table, (ia, ib), 1.0)
    table /= a.size
    p_o = float(np.trace(table))
    p_e = float(table.sum(axis=1) @ table.sum(axis=0))
    if np.isclose(p_e, 1.0):
        return float("nan")
    return (p_o - p_e) / (1.0 - p_e)
