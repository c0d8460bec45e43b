"""A plain-Python round of the BDM model (Scholz et al. 2011 form, default options): loops over
actors, no NumPy. It is the reference the vectorised :mod:`blocs.models.bargaining.bdm` is
checked against in the tests and timed against in ``benchmarks/bench_bargaining.py``."""

from __future__ import annotations


def _vote(xk: float, w: float, r: float, a: float, b: float, width: float) -> float:
    return w * ((abs(xk - b) / width) ** r - (abs(xk - a) / width) ** r)


def _probabilities(
    x: list[float], w: list[float], r: list[float], width: float
) -> list[list[float]]:
    n = len(x)
    total = 0.0
    for k in range(n):
        for a in range(n):
            for b in range(n):
                total += abs(_vote(x[k], w[k], r[k], x[a], x[b], width))
    p = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if x[i] == x[j] or total == 0.0:
                continue
            support = 0.0
            for k in range(n):
                support += max(0.0, _vote(x[k], w[k], r[k], x[i], x[j], width))
            p[i][j] = support / total
    return p


def _eu(p: float, xi: float, xj: float, sj: float, r: float, width: float) -> float:
    d = abs(xi - xj) / width
    u_s = 2.0 - 4.0 * (0.5 - 0.5 * d) ** r
    u_f = 2.0 - 4.0 * (0.5 + 0.5 * d) ** r
    u_sq = 2.0 - 4.0 * 0.5**r
    return sj * (p * u_s + (1.0 - p) * u_f) + (1.0 - sj) * u_s - u_sq


def plain_round(x: list[float], c: list[float], s: list[float], width: float) -> list[float]:
    """Positions after one round (Q = 1, all-pairs probability, Scholz's compromise key)."""
    n = len(x)
    w = [c[i] * s[i] for i in range(n)]
    p1 = _probabilities(x, w, [1.0] * n, width)
    danger = []
    for i in range(n):
        danger.append(sum(_eu(p1[k][i], x[k], x[i], s[i], 1.0, width) for k in range(n) if k != i))
    hi, lo = max(danger), min(danger)
    r = []
    for i in range(n):
        big = 0.0 if hi == lo else (2 * danger[i] - hi - lo) / (hi - lo)
        r.append((1 - big / 3) / (1 + big / 3))
    p = _probabilities(x, w, r, width)
    new = list(x)
    for i in range(n):
        best_conf = best_comp = None
        for j in range(n):
            if x[j] == x[i]:
                continue
            e_i = _eu(p[i][j], x[i], x[j], s[j], r[i], width)
            e_j = _eu(p[j][i], x[j], x[i], s[i], r[i], width)
            if e_j > e_i > 0:
                key = abs(x[j] - x[i])
                if best_conf is None or key < best_conf[0]:
                    best_conf = (key, x[j])
            elif e_j > 0 > e_i and e_j > abs(e_i):
                key = (abs(e_i) * x[i] + abs(e_j) * x[j]) / (abs(e_i) + abs(e_j))
                if best_comp is None or key < best_comp[0]:
                    best_comp = (key, x[i] + (x[j] - x[i]) * abs(e_i / e_j))
        if best_conf is not None:
            new[i] = best_conf[1]
        elif best_comp is not None:
            new[i] = best_comp[1]
    return new
