"""Start-up time of the command line: ``blocs --help`` against a minimal two-command typer app,
both measured in the same run.

Run ``.venv/bin/python benchmarks/bench_cli_startup.py [--repeat 15]``.

* **baseline**: a typer app with two commands of one option each, written to a temporary file
  and run by the same interpreter (``python app.py --help``);
* **blocs**: the installed ``blocs`` script (``blocs --help``) and ``python -m blocs --help``.

Each is run ``--repeat`` times, alternating, each run a fresh process; the table gives the median
wall-clock time and the ratio of medians. One warm-up run of each is discarded (it fills the
operating system's file cache and Python's bytecode cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = typer.Option("world", help="Who to greet.")) -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye(name: str = typer.Option("world", help="Who to leave.")) -> None:
    """Say goodbye."""
    print(f"bye {name}")


if __name__ == "__main__":
    app()
'''


def run_once(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("blocs")
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "minimal_app.py"
        app.write_text(MINIMAL_APP, encoding="utf-8")
        commands = {
            "minimal typer app (baseline)": [sys.executable, str(app), "--help"],
            "blocs --help": [str(script), "--help"],
            "python -m blocs --help": [sys.executable, "-m", "blocs", "--help"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():
            run_once(argv)  # warm-up
        load = os.getloadavg()
        for _ in range(args.repeat):
            for name, argv in commands.items():
                times[name].append(run_once(argv))
        load_after = os.getloadavg()
    base = statistics.median(times["minimal typer app (baseline)"])
    print(f"load average (1 min) before and after: {load[0]:.1f}, {load_after[0]:.1f}")
    print(f"| command | median of {args.repeat} | min | ratio to the baseline |")
    print("|---|---|---|---|")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| {name} | {med:.3f} s | {min(ts):.3f} s | {med / base:.2f}× |")


if __name__ == "__main__":
    main()
