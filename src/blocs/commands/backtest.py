"""The ``backtest`` command: each lens's verdict on the built-in historical cases beside what
happened. It only renders :mod:`blocs.whatif.backtest`'s result."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from blocs.commands.common import (
    DATA_OPTION,
    JSON_OPTION,
    SEED_OPTION,
    console,
    print_json,
    user_errors,
)


@user_errors
def backtest(
    scenarios: list[str] | None = typer.Argument(
        None, help="Scenario names or files (default: every built-in one with an outcome)."
    ),
    data: Path | None = DATA_OPTION,
    seed: int = SEED_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """Back-test the lenses: their verdicts on historical snapshots beside the outcomes."""
    from blocs.results import to_jsonable
    from blocs.scenario import load
    from blocs.scenario.library import available
    from blocs.whatif.backtest import LENSES
    from blocs.whatif.backtest import backtest as run

    chosen = [load(s) for s in (scenarios or available())]
    result = run(chosen, data=data, seed=seed)
    if json:
        print_json(to_jsonable(result))
        return
    table = Table(
        "case",
        "snapshot",
        "observed",
        *(lens.replace("_", " ") for lens in LENSES),
        title="Back-test: does the target separate from the partner?",
    )
    for case in result.cases:
        cells = []
        for lens in LENSES:
            v = case.predicted[lens]
            hit = case.hit(lens)
            if not hasattr(v, "separates"):
                cells.append("not computed")
                continue
            if v.separates is None:
                cells.append(f"price {v.price:.3g} {v.price_unit}")
                continue
            verdict = "separates" if v.separates else "stays"
            if v.probability is not None:
                verdict += f" (p={v.probability:.2f})"
            cells.append(f"{verdict} {'✓' if hit else '✗'}")
        observed = "separated" if case.observed.separated else "stayed"
        table.add_row(
            f"{case.target} from {case.partner} ({case.divider})",
            case.snapshot,
            f"{observed} {case.observed.when}",
            *cells,
        )
    console.print(table)
    for score in result.summary:
        console.print(escape(score.reading()), highlight=False)
    for case in result.cases:
        console.print(escape(case.reading()), highlight=False)
        for v in case.predicted.values():
            console.print(f"  {escape(v.reading())}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the back-test command to the ``blocs`` app."""
    app.command()(backtest)
