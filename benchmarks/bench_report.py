"""Benchmark of the report: HTML report generation and one what-if round trip in a browser.

Run with ``.venv/bin/python benchmarks/bench_report.py``. Prints medians over repeated runs and
ratios against baselines measured in the same run:

* **report rendering** (results already computed) against one altair + vl-convert chart of the
  same price draws (the plotting route the report does not take), when both are installed;
* **``blocs report`` end to end** (a new process: import, lenses, wedge, HTML) against
  ``blocs assess --json`` (the same process and computation without the HTML);
* **what-if round trip** (a change of the inducement on the served page until the charts are
  redrawn, measured in Chromium with ``performance.now()``) against a bare ``fetch`` of the
  page's configuration from the same server (the network floor);
* the size of the report file for the built-in scenario.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import blocs
from blocs.report.gather import gather
from blocs.report.html import render_report
from blocs.report.server import create_app

ROOT = Path(__file__).resolve().parents[1]
BLOCS = Path(sys.executable).with_name("blocs")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def median_time(func, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_render(inputs) -> None:  # type: ignore[no-untyped-def]
    render_report(inputs)  # templates compiled once per process
    render = median_time(lambda: render_report(inputs), 10)
    size = len(render_report(inputs).encode("utf-8"))
    print(f"report rendering (results computed): median {1000 * render:.1f} ms, {size:,} bytes")
    try:
        import altair as alt
        import pandas as pd
        import vl_convert as vlc
    except ImportError:
        print("  baseline skipped: altair or vl-convert not installed")
        return
    prices = inputs.get("wedge").price.prices
    frame = pd.DataFrame({"price": prices})

    def one_chart() -> None:
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(alt.X("price:Q", bin=alt.Bin(maxbins=40)), y="count()")
        )
        with alt.data_transformers.disable_max_rows():
            spec = chart.to_dict()
        vlc.vegalite_to_svg(spec)

    start = time.perf_counter()
    one_chart()
    first = time.perf_counter() - start
    warm = median_time(one_chart, 5)
    print(
        f"  baseline: one altair + vl-convert histogram of the same draws: first {1000 * first:.0f}"
        f" ms, then median {1000 * warm:.0f} ms; whole report / one warm chart ="
        f" {render / warm:.2f}"
    )


def bench_cli(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"

        def report() -> None:
            subprocess.run([str(BLOCS), "report", "-o", str(out)], check=True, capture_output=True)

        def assess() -> None:
            subprocess.run([str(BLOCS), "assess", "--json"], check=True, capture_output=True)

        t_report = median_time(report, runs)
        t_assess = median_time(assess, runs)
        print(
            f"blocs report end to end: median {t_report:.2f} s; baseline blocs assess --json"
            f" {t_assess:.2f} s; ratio {t_report / t_assess:.2f}; file {out.stat().st_size:,} bytes"
        )


def bench_round_trip(changes: int = 15) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    app = create_app(blocs.load("russia-iran-2017"))
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector('body[data-updates="1"][data-state="ready"]')
            for i in range(changes):
                page.fill("#inducement", str((i + 2) * 1_000_000_000))
                page.wait_for_selector(f'body[data-updates="{i + 2}"][data-state="ready"]')
            timings = page.evaluate("window.blocs.timings")[1:]
            floor = [
                page.evaluate(
                    "async () => { const t = performance.now();"
                    " await (await fetch('/api/config')).json(); return performance.now() - t; }"
                )
                for _ in range(changes)
            ]
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    rt, base = statistics.median(timings), statistics.median(floor)
    print(
        f"what-if round trip (inducement change to redrawn charts, 5,000 draws): median"
        f" {rt:.0f} ms over {len(timings)} changes (min {min(timings):.0f}, max"
        f" {max(timings):.0f}); baseline fetch of /api/config {base:.1f} ms; ratio {rt / base:.0f}"
    )


def main() -> None:
    scenario = blocs.load("russia-iran-2017")
    start = time.perf_counter()
    inputs = gather(scenario)
    print(
        f"gathering results (assess: lenses and the wedge, 20,000 draws): "
        f"{time.perf_counter() - start:.2f} s (not rendering; reported for context)"
    )
    bench_render(inputs)
    bench_cli()
    bench_round_trip()


if __name__ == "__main__":
    main()
