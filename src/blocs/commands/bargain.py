"""Commands ``bargain score`` (every bargaining model scored on DEU III outcomes) and
``bargain forecast`` (every issue of a scenario, or a BDM/KTAB CSV, through the models).

They read inputs, call :mod:`blocs.models.bargaining`, and render the results.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from blocs.commands.common import DATA_OPTION, JSON_OPTION, console, print_json, user_errors
from blocs.errors import DataFormatError
from blocs.results import to_jsonable

if TYPE_CHECKING:  # the models load inside the commands, so that blocs --help starts quickly
    from blocs.models.bargaining.forecast import IssueForecast
    from blocs.models.bargaining.scoring import Scorecard

bargain_app = typer.Typer(
    help="Bargaining forecasts on issues: BDM, a spatial model, and the compromise baselines.",
    no_args_is_help=True,
)


class ModelChoice(enum.StrEnum):
    bdm = "bdm"
    smp = "smp"
    all = "all"


def _deu_path(file: Path | None, data: Path | None) -> Path:
    if file is not None:
        return file
    if data is None:
        raise DataFormatError("give the DEU III file, or --data ROOT holding deu3/deu3.csv")
    path = data / "deu3" / "deu3.csv"
    if not path.is_file():
        raise DataFormatError(f"no deu3/deu3.csv under the data folder {data}")
    return path


def _render_score(card: Scorecard) -> None:
    from rich.table import Table

    from blocs.models.bargaining.scoring import LABELS

    table = Table(
        "model",
        "MAE (file capabilities)",
        "within 10",
        "MAE (equal capabilities)",
        "within 10",
        "n",
        title=f"Bargaining models on {card.issues} DEU III issues (outcome 0–100)",
    )
    for m in sorted(card.file, key=lambda k: card.file[k].mae):
        f, e = card.file[m], card.equal[m]
        table.add_row(
            LABELS.get(m, m),
            f"{f.mae:.2f}",
            f"{f.within_10:.1%}",
            f"{e.mae:.2f}",
            f"{e.within_10:.1%}",
            str(f.n),
        )
    console.print(table)
    console.print(card.reading(), highlight=False)
    console.print(f"Drop rule: {card.drop_rule}.", highlight=False)


@bargain_app.command("score")
@user_errors
def score_command(
    file: Path = typer.Argument(None, help="The DEU III file (deu3.csv)."),
    data: Path | None = DATA_OPTION,
    json_out: bool = JSON_OPTION,
) -> None:
    """Score every bargaining model on every DEU III issue with a recorded outcome."""
    from blocs.models.bargaining.files import read_deu
    from blocs.models.bargaining.scoring import score

    path = _deu_path(file, data)
    issues = read_deu(path)
    if json_out:
        card = score(issues)
        print_json(
            {
                "source": str(path),
                "issues": card.issues,
                "rows": card.rows,
                "dropped": card.dropped,
                "drop_rule": card.drop_rule,
                "file_capabilities": {
                    m: {"mae": s.mae, "within_10": s.within_10, "n": s.n}
                    for m, s in card.file.items()
                },
                "equal_capabilities": {
                    m: {"mae": s.mae, "within_10": s.within_10, "n": s.n}
                    for m, s in card.equal.items()
                },
                "best": card.best("file"),
                "reading": card.reading(),
            }
        )
        return
    with console.status("scoring…") as status:
        card = score(issues, progress=lambda what: status.update(f"scored {what}"))
    _render_score(card)


@dataclass(frozen=True)
class ForecastOutput:
    """What ``blocs bargain forecast`` prints: the source and each issue's forecasts."""

    source: str
    issues: tuple[IssueForecast, ...]

    def reading(self) -> str:
        return " ".join(f.reading() for f in self.issues)


def _models(choice: ModelChoice) -> tuple[str, ...]:
    from blocs.models.bargaining.forecast import ALL_MODELS

    if choice is ModelChoice.all:
        return ALL_MODELS
    return (choice.value, "weighted_mean")


def forecast_file(path: Path, models: tuple[str, ...], rounds: int) -> ForecastOutput:
    """Forecasts for a BDM-layout or KTAB-layout CSV (each dimension on its own)."""
    from blocs.models.bargaining.files import read_bdm_csv, read_ktab_csv, sniff_layout
    from blocs.models.bargaining.forecast import forecast_issue

    layout = sniff_layout(path)
    if layout == "deu":
        raise DataFormatError(
            "this is the DEU III file; use 'blocs bargain score' for it", file=str(path)
        )
    inp = read_bdm_csv(path) if layout == "bdm" else read_ktab_csv(path)
    out = tuple(
        forecast_issue(inp.dimension(k), models, rounds=rounds) for k in range(inp.n_dimensions)
    )
    return ForecastOutput(str(path), out)


def _render_forecast(out: ForecastOutput) -> None:
    from rich.table import Table

    from blocs.models.bargaining.scoring import LABELS

    models = list(out.issues[0].forecasts) if out.issues else []
    table = Table("issue", "scale", *(LABELS.get(m, m) for m in models), title=out.source)
    for f in out.issues:
        table.add_row(f.issue, f"{f.low:g}–{f.high:g}", *(f"{f.forecasts[m]:.3g}" for m in models))
    console.print(table)
    for f in out.issues:
        console.print(f.reading(), highlight=False)


@bargain_app.command("forecast")
@user_errors
def forecast_command(
    source: str = typer.Argument(
        ..., help="A scenario (name or YAML) with an issues: section, or a BDM/KTAB CSV."
    ),
    model: ModelChoice = typer.Option(ModelChoice.all, "--model", help="bdm, smp or all."),
    rounds: int = typer.Option(10, "--rounds", min=1, help="BDM rounds."),
    json_out: bool = JSON_OPTION,
) -> None:
    """Forecast where bargaining lands on every issue of a scenario or a CSV file."""
    out = forecast_source(source, _models(model), rounds)
    if json_out:
        print_json(to_jsonable(out))
        return
    _render_forecast(out)


def forecast_source(source: str, models: tuple[str, ...], rounds: int) -> ForecastOutput:
    """Forecasts for a scenario (a library name or a YAML file) or a CSV (BDM or KTAB layout)."""
    path = Path(source)
    if path.suffix.lower() == ".csv":
        if not path.is_file():
            raise DataFormatError("no such file", file=str(path))
        return forecast_file(path, models, rounds)
    from blocs.models.bargaining.forecast import forecast_scenario
    from blocs.scenario import load

    scenario = load(source)
    if not scenario.issues:
        raise DataFormatError(
            "the scenario has no issues: section (see docs/scenario-coding.md)", file=str(source)
        )
    return ForecastOutput(str(source), forecast_scenario(scenario, models, rounds=rounds))


def register(app: typer.Typer) -> None:
    """Add the ``bargain`` command group to the ``blocs`` app."""
    app.add_typer(bargain_app, name="bargain")
