"""A local-search heuristic for the frustration index: an upper bound, never a proof.

Iterated local search on labels ``x ∈ {−1, +1}^n``. With ``h = A x`` (``A`` the symmetric
matrix of signed edge costs), flipping node ``i`` changes the frustration by ``x_i h_i``; the
descent flips the node with the most negative change until none lowers it. Starts: the signs of
the leading eigenvector of ``A`` by power iteration (spectral start, for graphs up to
``spectral_limit`` nodes) and random labellings; each local minimum is then perturbed (a few
random nodes flipped) and descended again, keeping the change when it does not cost more.

Examples
--------
>>> import numpy as np
>>> value, x = local_search(
...     3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.0, 1.0, -1.0]), seed=1
... )
>>> value
1.0
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from blocs.seeding import Seed, normalise_seed


def frustration_of(x: np.ndarray, u: np.ndarray, v: np.ndarray, a: np.ndarray) -> float:
    """The total cost of the edges that labels ``x`` (±1) frustrate."""
    return float(np.abs(a)[(x[u] * x[v] * np.sign(a)) < 0].sum())


def _descend(x: np.ndarray, h: np.ndarray, matrix: np.ndarray | sp.csr_matrix, tol: float) -> float:
    change = 0.0
    dense = isinstance(matrix, np.ndarray)
    while True:
        d = x * h
        i = int(np.argmin(d))
        if d[i] >= -tol:
            return change
        change += float(d[i])
        x[i] = -x[i]
        if dense:
            h += (2.0 * x[i]) * matrix[i]
        else:
            row = slice(matrix.indptr[i], matrix.indptr[i + 1])
            h[matrix.indices[row]] += (2.0 * x[i]) * matrix.data[row]


def _leading_vector(matrix: np.ndarray | sp.csr_matrix, iterations: int = 300) -> np.ndarray:
    # power iteration on A + cI (c bounds the spectral radius), from a fixed start
    n = matrix.shape[0]
    shift = float(np.abs(matrix).sum(axis=1).max()) if n else 0.0
    vec = np.linspace(1.0, 2.0, n)
    for _ in range(iterations):
        nxt = matrix @ vec + shift * vec
        norm = float(np.linalg.norm(nxt))
        if norm == 0.0:
            return vec
        nxt /= norm
        if np.allclose(nxt, vec, atol=1e-10):
            return nxt
        vec = nxt
    return vec


def local_search(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    a: np.ndarray,
    *,
    seed: Seed = None,
    restarts: int = 4,
    perturbations: int = 60,
    initial: np.ndarray | None = None,
    spectral_limit: int = 600,
) -> tuple[float, np.ndarray]:
    """The best frustration found and its labels (±1 per node).

    ``a`` holds each edge's signed cost; ``initial`` (±1 labels) is used as one more start.
    """
    rng, _ = normalise_seed(seed)
    if n == 0:
        return 0.0, np.ones(0, dtype=np.int64)
    a = np.asarray(a, dtype=np.float64)
    rows = np.concatenate([u, v])
    cols = np.concatenate([v, u])
    vals = np.concatenate([a, a])
    matrix: np.ndarray | sp.csr_matrix
    if n <= 2000:
        matrix = np.zeros((n, n))
        np.add.at(matrix, (rows, cols), vals)
    else:
        matrix = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
    tol = 1e-12 * max(1.0, float(np.abs(a).sum()))
    starts: list[np.ndarray] = []
    if initial is not None:
        starts.append(np.where(np.asarray(initial) >= 0, 1.0, -1.0))
    if n <= spectral_limit:
        starts.append(np.where(_leading_vector(matrix) >= 0, 1.0, -1.0))
    while len(starts) < max(1, restarts):
        starts.append(rng.choice(np.array([-1.0, 1.0]), size=n))
    best_value, best_x = np.inf, np.ones(n)
    kick = max(1, n // 25)
    for start in starts:
        x = start.copy()
        h = matrix @ x
        value = frustration_of(x, u, v, a) + _descend(x, h, matrix, tol)
        for _ in range(perturbations):
            trial, trial_h = x.copy(), h.copy()
            shift = 0.0
            for i in rng.choice(n, size=min(kick, n), replace=False):
                shift += float(trial[i] * trial_h[i])
                trial[i] = -trial[i]
                if isinstance(matrix, np.ndarray):
                    trial_h += (2.0 * trial[i]) * matrix[i]
                else:
                    row = slice(matrix.indptr[i], matrix.indptr[i + 1])
                    trial_h[matrix.indices[row]] += (2.0 * trial[i]) * matrix.data[row]
            shift += _descend(trial, trial_h, matrix, tol)
            if shift <= tol:
                x, h, value = trial, trial_h, value + shift
        if value < best_value - tol:
            best_value, best_x = value, x.copy()
    labels = best_x.astype(np.int64)
    return frustration_of(labels, u, v, a), labels
