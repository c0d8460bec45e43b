"""Sentence coder: sentences per second on one core, dictionaries' load time apart, peak memory.

Input: the 76 AFP sentences of PETRARCH-2's GigaWord sample
(``../shared/data/petrarch2-validation/GigaWord.sample.PETR.xml``) repeated to 100,000
sentences, coded by :meth:`blocs.measure.text.Coder.code_lines` in this one process (one core).

Baselines measured in the same run, on the same sentences: tokenising alone (the floor any coder
pays) and the main-verb baseline of :mod:`blocs.measure.text.scoring` (actors and one verb
lookup, no patterns). Rates are given in wall-clock and in CPU time: on a shared machine the
CPU rate is the one-core figure, the wall rate what this run saw.

Goal (issue: sentence coder): at least 2,000 sentences per second after the dictionaries are
loaded, memory under 1 GB.

Run: ``.venv/bin/python benchmarks/bench_coder.py [--sentences 100000] [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import tempfile
import time
from pathlib import Path


def _timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    args = parser.parse_args()
    sample = args.data / "petrarch2-validation" / "GigaWord.sample.PETR.xml"
    raw = sample.read_text(encoding="utf-8")
    texts = [" ".join(t.split()) for t in re.findall(r"<Text>(.*?)</Text>", raw, re.S)]
    texts = [t for t in texts if t]  # some records of the sample carry no text
    lines = (texts * (args.sentences // len(texts) + 1))[: args.sentences]
    print(f"input: {len(texts)} GigaWord sentences with text, repeated to {len(lines):,}")

    from blocs.measure.text import Coder
    from blocs.measure.text.scoring import baseline_events
    from blocs.measure.text.tokens import tokenize

    os.environ["BLOCS_CACHE"] = tempfile.mkdtemp(prefix="blocs-bench-")
    coder, wall, cpu = _timed(lambda: Coder.load(cache=False))
    print(f"dictionaries, built from the text files: {wall:.2f} s wall, {cpu:.2f} s CPU")
    from blocs.measure.text import coder as coder_module

    Coder.load()  # builds again and writes the compiled cache

    coder_module._LOADED.clear()
    cached, wall, cpu = _timed(lambda: Coder.load())
    print(f"dictionaries, from the compiled cache: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  {coder.counts}")

    date = 20080801

    def tokenise_all() -> None:
        for s in lines:
            tokenize(s)

    def baseline_all() -> None:
        for s in lines:
            baseline_events(coder, s, date)

    _, t_wall, t_cpu = _timed(tokenise_all)
    _, b_wall, b_cpu = _timed(baseline_all)
    run, c_wall, c_cpu = _timed(lambda: coder.code_lines(lines, date=date))
    n = len(lines)
    print()
    print("| pass | sentences/s (CPU) | sentences/s (wall) | CPU time vs tokenising |")
    print("|---|---:|---:|---:|")
    for name, w, c in (
        ("tokenise only", t_wall, t_cpu),
        ("main-verb baseline", b_wall, b_cpu),
        ("coder (code_lines)", c_wall, c_cpu),
    ):
        print(f"| {name} | {n / c:,.0f} | {n / w:,.0f} | {c / t_cpu:.1f}x |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(
        f"coded {run.coded:,} of {run.sentences:,} sentences, {len(run.events):,} events; "
        f"skips {run.skip_counts}"
    )
    print(f"peak resident memory of this process: {peak:,.0f} MB")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    goal = n / c_cpu >= 2000 and peak < 1024
    print(f"goal (>= 2,000 sentences/s on one core, < 1 GB): {'met' if goal else 'NOT met'}")
    assert cached.counts == coder.counts  # the cached coder is the one built from the files


if __name__ == "__main__":
    main()
