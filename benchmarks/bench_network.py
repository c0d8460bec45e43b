"""Network grouping benchmark: the net tie of every pair of a dense scenario (every pair of
``n`` states tied in every channel), overall and per channel, as ``blocs.assess`` computes them.

Run ``.venv/bin/python benchmarks/bench_network.py [--states 30 40] [--repeat 3]``.

* **baseline**: the ties found as before they were grouped: for every pair and channel, a scan
  of all current ties for that pair and channel (O(pairs × channels × ties)), then the same
  combining rule (:func:`blocs.scenario.network.combine_channel`);
* **blocs**: :class:`blocs.scenario.network.Network`, which groups the ties by pair and channel
  once (O(ties)) and reads every net tie from the groups.

Both compute the five tables ``assess`` needs (overall and one per channel); the results are
checked equal before timing. Times are the median of ``--repeat`` runs, wall-clock seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blocs.scenario.model import CHANNELS, Scenario
from blocs.scenario.network import combine_channel, net_ties
from dense_scenario import dense_scenario


def _rescan_channel_value(scenario: Scenario, a: str, b: str, channel: str) -> float | None:
    ties = [
        t for t in scenario.current_ties() if set(t.pair) == {a, b} and t.channel.value == channel
    ]
    if not ties:
        return None
    return combine_channel(ties)  # the same rule; only the finding of the ties differs


def rescan_net_ties(scenario: Scenario, channel: str | None) -> dict[tuple[str, str], float]:
    """The baseline: the same rule, rescanning every tie for each pair and channel."""
    ties = scenario.current_ties()
    if channel is not None:
        ties = [t for t in ties if t.channel.value == channel]
    out: dict[tuple[str, str], float] = {}
    for a, b in sorted({tuple(sorted(t.pair)) for t in ties}):
        if channel is not None:
            value = _rescan_channel_value(scenario, a, b, channel)
            out[(a, b)] = 0.0 if value is None else value
        else:
            values = [
                v for c in CHANNELS if (v := _rescan_channel_value(scenario, a, b, c)) is not None
            ]
            out[(a, b)] = sum(values) / len(values) if values else 0.0
    return out


def all_tables(fn: Callable[[Scenario, str | None], dict], scenario: Scenario) -> list[dict]:
    return [fn(scenario, channel) for channel in (None, *CHANNELS)]


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--states", type=int, nargs="+", default=[30, 40])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| states | ties | baseline rescan | blocs grouped | ratio |")
    print("|---|---|---|---|---|")
    for n in args.states:
        scenario = dense_scenario(n)
        if all_tables(rescan_net_ties, scenario) != all_tables(net_ties, scenario):
            raise SystemExit(f"n={n}: the grouped net ties differ from the baseline")
        base = median_time(lambda s=scenario: all_tables(rescan_net_ties, s), args.repeat)
        ours = median_time(lambda s=scenario: all_tables(net_ties, s), args.repeat)
        print(
            f"| {n} | {len(scenario.ties):,} | {base:.2f} s | {ours * 1000:.1f} ms"
            f" | {base / ours:.0f}× |"
        )


if __name__ == "__main__":
    main()
