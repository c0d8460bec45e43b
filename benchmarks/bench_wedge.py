"""Benchmark: 100,000 Monte Carlo draws of the wedge ledger and a full Sobol analysis.

The vectorised ledger (``blocs.whatif``) is timed against a plain Python loop that evaluates the
same ledger one draw at a time, in the same run, on the same draws: first once, cold (the
headline), then warm, and the whole of ``simulate`` (the generator's numbers and every summary
it returns included). The Sobol analysis uses 2^14 base samples; its baseline, in the same run,
is SALib's own sampler and analyser on the same problem, the same ledger function and the same
100 bootstrap resamples. Run with ``python benchmarks/bench_wedge.py``.
"""

from __future__ import annotations

import math
import time

import numpy as np

import blocs
from blocs.whatif.inputs import load_assumptions, resolve_inputs
from blocs.whatif.ledger import evaluate_ledger
from blocs.whatif.montecarlo import simulate
from blocs.whatif.sensitivity import sobol_indices

DRAWS = 100_000
LOOP_DRAWS = 20_000  # the loop is timed on a subset and scaled (it is linear in draws)
REPEATS = 5


def _pv(rate: float, start: float, years: float | None, horizon: float) -> float:
    s = min(start, horizon)
    e = horizon if years is None else min(start + years, horizon)
    e = max(e, s)
    if abs(rate) < 1e-12:
        return e - s
    return (math.exp(-rate * s) - math.exp(-rate * e)) / rate


def loop_price(ledger, row: dict[str, float]) -> float:
    """The ledger for one draw in plain Python (the baseline)."""

    def ref(r):
        return row[r] if isinstance(r, str) else float(r)

    h, rate, q = ref(ledger.horizon), ref(ledger.discount_rate), ref(ledger.credibility)
    losses = gains = 0.0
    for t in ledger.terms:
        amount = 1.0
        for n in t.times:
            amount *= row[n]
        for n in t.divide:
            amount /= row[n]
        years = None if t.years is None else ref(t.years)
        pv = amount * _pv(rate, ref(t.start), years, h)
        if t.side == "loss":
            losses += pv
        else:
            gains += pv
    need = max(losses - gains, 0.0)
    factor = q * _pv(rate, ref(ledger.package_start), None, h)
    return 0.0 if need == 0 else (need / factor if factor > 0 else math.inf)


def main() -> None:
    spec = load_assumptions()
    inputs = resolve_inputs(
        spec, blocs.load("russia-iran-2017"), target="RUS", partner="IRN", divider="USA"
    )
    rng = np.random.default_rng(0)
    u = rng.random((DRAWS, len(inputs.all)))

    t0 = time.perf_counter()
    values = inputs.draw(u)
    prices = evaluate_ledger(spec.ledger, values).price
    vector_s = time.perf_counter() - t0

    rows = [{k: float(v[i]) for k, v in values.items()} for i in range(LOOP_DRAWS)]
    t0 = time.perf_counter()
    loop = [loop_price(spec.ledger, r) for r in rows]
    loop_s = (time.perf_counter() - t0) * DRAWS / LOOP_DRAWS
    assert np.allclose(loop, prices[:LOOP_DRAWS], rtol=1e-9)

    print(f"ledger terms: {len(spec.ledger.terms)}, inputs: {len(inputs.all)}")
    print(
        f"vectorised (draws + ledger): {vector_s:.3f} s for {DRAWS:,} draws"
        f" = {DRAWS / vector_s:,.0f} draws/s"
    )
    print(
        f"plain Python loop (ledger only): {loop_s:.3f} s for {DRAWS:,} draws"
        f" = {DRAWS / loop_s:,.0f} draws/s (timed on {LOOP_DRAWS:,})"
    )
    print(f"speed-up: {loop_s / vector_s:.1f}x (goal >= 50x)")

    # the same again, warm, and the whole Monte Carlo as blocs runs it: the generator's
    # numbers, the draws, the ledger and every summary simulate() returns
    warm, whole = [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        prices = evaluate_ledger(spec.ledger, inputs.draw(u)).price
        warm.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        simulate(inputs, spec.ledger, draws=DRAWS, seed=1)
        whole.append(time.perf_counter() - t0)
    warm_s, whole_s = float(np.median(warm)), float(np.median(whole))
    print(
        f"vectorised again, median of {REPEATS}: {warm_s:.3f} s = {loop_s / warm_s:.1f}x the loop"
    )
    print(
        f"simulate() (generator + draws + ledger + summaries), median of {REPEATS}:"
        f" {whole_s:.3f} s = {DRAWS / whole_s:,.0f} draws/s = {loop_s / whole_s:.1f}x the loop"
    )

    varying = inputs.varying()
    names = [i.name for i in varying]
    medians = {i.name: i.distribution.median() for i in inputs.all}

    def func(x: np.ndarray) -> np.ndarray:
        vals = {k: np.full(len(x), v) for k, v in medians.items()}
        for j, n in enumerate(names):
            vals[n] = x[:, j]
        return evaluate_ledger(spec.ledger, vals).price

    t0 = time.perf_counter()
    r = sobol_indices(func, names, [i.distribution for i in varying], base_samples=2**14, seed=1)
    sobol_s = time.perf_counter() - t0
    print(
        f"Sobol, 2^14 base samples, {len(names)} inputs, {r.evaluations:,} runs:"
        f" {sobol_s:.2f} s (goal < 5 s)"
    )
    top = r.rows()[:3]
    print("largest total indices: " + ", ".join(f"{t['name']} {t['total']:.2f}" for t in top))

    # baseline in the same run: SALib's own sampler and analyser on the same problem (the same
    # design size, the same ledger function, the same 100 bootstrap resamples)
    try:
        from SALib.analyze import sobol as salib_analyze
        from SALib.sample import sobol as salib_sample
    except ImportError:
        print("SALib baseline skipped: SALib is not installed (pip install 'blocs[test]')")
        return
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    dists = [i.distribution for i in varying]
    t0 = time.perf_counter()
    u = salib_sample.sample(problem, 2**14, calc_second_order=False, seed=1)
    sampled_s = time.perf_counter() - t0
    x = np.column_stack([d.ppf(u[:, j]) for j, d in enumerate(dists)])
    y = func(x)
    evaluated_s = time.perf_counter() - t0
    ref = salib_analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, seed=1)
    salib_s = time.perf_counter() - t0
    print(
        f"SALib baseline, same problem: sample {sampled_s:.2f} s, + ledger {evaluated_s:.2f} s,"
        f" + analyze {salib_s:.2f} s in all = {salib_s / sobol_s:.1f}x blocs' Sobol"
    )
    top_ref = sorted(zip(names, ref["ST"], strict=True), key=lambda t: -t[1])[:3]
    print("SALib's largest total indices: " + ", ".join(f"{n} {v:.2f}" for n, v in top_ref))


if __name__ == "__main__":
    main()
