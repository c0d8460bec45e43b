"""Ideal points: the whole UN record (every session 1946–2020) against a plain joint ML fit of one
session, measured in the same run.

* **blocs**: :func:`blocs.measure.idealpoints.estimate_ideal_points` over every session (dynamic
  ordered probit, analytic gradient over observation arrays, L-BFGS-B), after reading the votes.
* **baseline**: the static ordered-probit likelihood of one session (the same model without the
  random walk) maximised jointly in every position and item parameter by
  ``scipy.optimize.minimize`` (L-BFGS-B) with a finite-difference gradient, as one would first
  write it: a dense states x roll calls matrix with NaN for missing votes.

Each part runs in a child process so that its peak resident memory is its own. Reported: wall and
CPU seconds, votes per second, the per-vote ratio baseline / blocs, peak memory, and the load
average (the machine is shared, so CPU seconds are the steadier figure).

The baseline's session is small by default (session 10, 1955: 37 roll calls) because the
finite-difference gradient costs one likelihood per parameter; on session 71 (193 states, 78
contested roll calls) it stopped at its 15,000-evaluation limit without converging.

Run: ``.venv/bin/python benchmarks/bench_idealpoints.py --data ../shared/data [--session 10]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import time

import numpy as np
from scipy import optimize, special


def _whole_record(root: str, out: mp.Queue) -> None:
    from blocs.measure.idealpoints import estimate_ideal_points, read_un_votes

    w0, c0 = time.perf_counter(), time.process_time()
    votes = read_un_votes(root)
    w1, c1 = time.perf_counter(), time.process_time()
    est = estimate_ideal_points(votes)
    w2, c2 = time.perf_counter(), time.process_time()
    out.put(
        {
            "read_wall": w1 - w0,
            "read_cpu": c1 - c0,
            "fit_wall": w2 - w1,
            "fit_cpu": c2 - c1,
            "votes": est.counts.used,
            "units": len(est.points),
            "items": est.n_items,
            "iterations": est.iterations,
            "converged": est.converged,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def _plain_session(root: str, session: int, out: mp.Queue) -> None:
    from blocs.measure.idealpoints import read_un_votes

    v = read_un_votes(root)
    sel = (v.session == session) & (v.vote > 0) & ~v.part
    rcid, cow, vote = v.rcid[sel], v.cow[sel], v.vote[sel].astype(float)
    items, j = np.unique(rcid, return_inverse=True)
    keep_items = [k for k in range(items.size) if np.unique(vote[j == k]).size > 1]
    mask = np.isin(j, keep_items)
    items, j = np.unique(rcid[mask], return_inverse=True)
    states, i = np.unique(cow[mask], return_inverse=True)
    grid = np.full((states.size, items.size), np.nan)
    grid[i, j] = vote[mask]
    n, m = grid.shape

    def negloglik(x: np.ndarray) -> float:
        theta, beta, c1, g = x[:n], x[n : n + m], x[n + m : n + 2 * m], x[n + 2 * m :]
        c2 = c1 + np.exp(g)
        mu = np.outer(theta, beta)
        p_yes = special.ndtr(c1 - mu)
        p_no = 1 - special.ndtr(c2 - mu)
        p = np.where(grid == 1, p_yes, np.where(grid == 3, p_no, 1 - p_yes - p_no))
        ll = np.log(np.clip(p, 1e-300, None))[~np.isnan(grid)].sum()
        return -ll + 0.5 * (theta @ theta + beta @ beta / 4 + c1 @ c1 / 25 + g @ g / 4)

    x0 = np.concatenate([np.random.default_rng(0).normal(0, 0.1, n), np.ones(m) * 0.1,
                         np.zeros(m), np.zeros(m)])  # fmt: skip
    w0, c0 = time.perf_counter(), time.process_time()
    res = optimize.minimize(
        negloglik, x0, method="L-BFGS-B", options={"maxiter": 10_000, "maxfun": 10**7}
    )
    w1, c1 = time.perf_counter(), time.process_time()
    out.put(
        {
            "fit_wall": w1 - w0,
            "fit_cpu": c1 - c0,
            "votes": int(mask.sum()),
            "units": n,
            "items": m,
            "iterations": int(res.nit),
            "evaluations": int(res.nfev),
            "converged": bool(res.success),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def _run(target, *args) -> dict:
    queue: mp.Queue = mp.get_context("fork").Queue()
    proc = mp.get_context("fork").Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data", help="reference-data root")
    parser.add_argument("--session", type=int, default=10, help="session of the baseline")
    parser.add_argument("--baseline-only", action="store_true", help="skip the whole record")
    args = parser.parse_args()
    load0 = os.getloadavg()[0]
    base = _run(_plain_session, args.data, args.session)
    if args.baseline_only:
        print(base)
        return
    ours = _run(_whole_record, args.data)
    load1 = os.getloadavg()[0]
    print(f"load average (1 min) {load0:.1f} before, {load1:.1f} after, on {os.cpu_count()} cores")
    print(
        f"whole record: {ours['votes']:,} votes, {ours['units']:,} state-sessions,"
        f" {ours['items']:,} roll calls; read {ours['read_wall']:.1f} s"
        f" (CPU {ours['read_cpu']:.1f} s), fit {ours['fit_wall']:.1f} s"
        f" (CPU {ours['fit_cpu']:.1f} s), {ours['iterations']} iterations,"
        f" converged {ours['converged']}; peak {ours['peak_mb']:.0f} MB"
    )
    print(
        f"baseline, session {args.session}: {base['votes']:,} votes, {base['units']} states,"
        f" {base['items']} roll calls; fit {base['fit_wall']:.1f} s (CPU {base['fit_cpu']:.1f} s),"
        f" {base['iterations']} iterations, {base['evaluations']:,} evaluations,"
        f" converged {base['converged']}; peak {base['peak_mb']:.0f} MB"
    )
    total = ours["read_wall"] + ours["fit_wall"]
    per_vote_ours = ours["fit_cpu"] / ours["votes"]
    per_vote_base = base["fit_cpu"] / base["votes"]
    print(
        f"per vote (CPU): blocs {per_vote_ours * 1e6:.1f} us,"
        f" baseline {per_vote_base * 1e6:.1f} us:"
        f" ratio {per_vote_base / per_vote_ours:.0f}x; whole record read + fit {total:.1f} s wall"
    )


if __name__ == "__main__":
    main()
