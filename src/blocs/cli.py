"""The ``blocs`` command: typer app whose commands live in :mod:`blocs.commands`, one module per
part of blocs (scenario, models, measure, what-if, report)."""

from __future__ import annotations

import typer

from blocs.commands import backtest as backtest_commands
from blocs.commands import bargain as bargain_commands
from blocs.commands import code as code_commands
from blocs.commands import documents as documents_commands
from blocs.commands import events as events_commands
from blocs.commands import idealpoints as idealpoints_commands
from blocs.commands import measure as measure_commands
from blocs.commands import models_balance as models_balance_commands
from blocs.commands import models_landscape as models_landscape_commands
from blocs.commands import report as report_commands
from blocs.commands import scenario as scenario_commands
from blocs.commands import whatif as whatif_commands

app = typer.Typer(
    name="blocs",
    help="Model alliance systems: ties by channel with evidence, balance, alignment, wedge prices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module adds its commands to the app, in the order data flows through blocs.
scenario_commands.register(app)
measure_commands.register(app)
idealpoints_commands.register(app)
events_commands.register(app)
code_commands.register(app)
documents_commands.register(app)
models_balance_commands.register(app)
models_landscape_commands.register(app)
bargain_commands.register(app)
whatif_commands.register(app)
backtest_commands.register(app)
report_commands.register(app)


def main() -> None:  # pragma: no cover - entry point
    app()
