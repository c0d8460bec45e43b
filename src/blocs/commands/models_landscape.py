"""Commands ``landscape`` (Axelrod & Bennett 1993) and ``dynamics`` (Marvel et al. 2011; Traag
et al. 2013): they read inputs, call :mod:`blocs.models.landscape` and
:mod:`blocs.models.dynamics`, and render the results.

Input files of ``blocs landscape --sizes S.csv --propensities P.csv``:

* sizes: a header row with an ``actor`` column and a ``size`` (or ``strength``) column;
* propensities: a square matrix with actor names in the header row and the first column, blank
  or 0 on the diagonal; ``--shift 3`` turns a 1–5 scale into −2…+2.
"""

from __future__ import annotations

import csv
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from blocs.commands.common import (
    CHANNEL_OPTION,
    JSON_OPTION,
    SCENARIO_ARG,
    ChannelChoice,
    channel_value,
    console,
    print_json,
    user_errors,
)
from blocs.errors import DataFormatError, ModelInputError
from blocs.scenario.library import DEFAULT

if TYPE_CHECKING:
    import numpy as np


class Rule(StrEnum):
    """Who moves in the landscape's basins: the steepest descent or a random improving actor."""

    steepest = "steepest"
    random = "random"


class DynamicsModel(StrEnum):
    """The balance-dynamics model: Marvel et al. (dX/dt = X²) or Traag et al. (X Xᵀ)."""

    marvel = "marvel"
    traag = "traag"


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return [
                (i, r) for i, r in enumerate(csv.reader(fh), start=1) if any(c.strip() for c in r)
            ]
    except OSError as exc:
        raise DataFormatError(f"cannot read the file ({exc.strerror})", file=str(path)) from None


def _number(text: str, path: Path, line: int, what: str) -> float:
    import numpy as np

    try:
        value = float(text)
    except ValueError:
        raise DataFormatError(
            f"{what}: '{text}' is not a number", file=str(path), line=line
        ) from None
    if not np.isfinite(value):
        raise DataFormatError(f"{what}: '{text}' is not a finite number", file=str(path), line=line)
    return value


def read_sizes(path: Path) -> tuple[list[str], np.ndarray]:
    """Actor names and sizes from a CSV with ``actor`` and ``size``/``strength`` columns."""
    import numpy as np

    rows = _rows(path)
    if not rows:
        raise DataFormatError(
            "the file is empty; need a header row and one row per actor", file=str(path)
        )
    line, header = rows[0]
    cols = [c.strip().lower() for c in header]
    size_col = next((cols.index(c) for c in ("size", "strength") if c in cols), None)
    if "actor" not in cols or size_col is None:
        raise DataFormatError(
            f"header: need columns 'actor' and 'size' (or 'strength'), found {', '.join(header)}",
            file=str(path),
            line=line,
        )
    actor_col = cols.index("actor")
    names, sizes, bad = [], [], []
    for line, row in rows[1:]:
        if len(row) != len(header):
            bad.append(f"line {line}: {len(row)} cells, the header has {len(header)}")
            continue
        names.append(row[actor_col].strip())
        sizes.append(_number(row[size_col], path, line, "size"))
    if bad:
        raise DataFormatError(
            f"{len(bad)} malformed row(s): " + "; ".join(bad[:5]) + ("; …" if len(bad) > 5 else ""),
            file=str(path),
        )
    return names, np.array(sizes)


def read_matrix(path: Path, shift: float = 0.0) -> tuple[list[str], np.ndarray]:
    """A labelled square matrix (blank cells on the diagonal are 0), minus ``shift`` off the
    diagonal."""
    import numpy as np

    rows = _rows(path)
    if not rows:
        raise DataFormatError("the file is empty; need a labelled square matrix", file=str(path))
    _, header = rows[0]
    labels = [c.strip() for c in header[1:]]
    n = len(labels)
    if len(rows) - 1 != n:
        raise DataFormatError(
            f"need {n} rows (one per column label), found {len(rows) - 1}", file=str(path)
        )
    m = np.zeros((n, n))
    for i, (line, row) in enumerate(rows[1:]):
        if len(row) != n + 1:
            raise DataFormatError(
                f"{len(row)} cells, need {n + 1} (a label and {n} values)",
                file=str(path),
                line=line,
            )
        if row[0].strip() != labels[i]:
            raise DataFormatError(
                f"row label '{row[0].strip()}' does not match column label '{labels[i]}'",
                file=str(path),
                line=line,
            )
        for j, cell in enumerate(row[1:]):
            if i == j:
                if cell.strip() not in ("", "0"):
                    raise DataFormatError(
                        f"diagonal cell of {labels[i]} must be blank or 0",
                        file=str(path),
                        line=line,
                    )
                continue
            m[i, j] = _number(cell, path, line, f"column {labels[j]}") - shift
    return labels, m


@user_errors
def landscape(
    scenario: str = typer.Argument(
        None, help=f"A built-in scenario name or YAML file (default {DEFAULT} unless --sizes)."
    ),
    sizes: Path | None = typer.Option(None, "--sizes", help="CSV of actor sizes."),
    propensities: Path | None = typer.Option(
        None, "--propensities", help="CSV matrix of pairwise propensities."
    ),
    shift: float = typer.Option(0.0, "--shift", help="Subtract from every propensity (3 for 1–5)."),
    by_order: bool = typer.Option(
        False, "--by-order", help="Pair sizes and matrix rows by position, not by name."
    ),
    channel: ChannelChoice | None = CHANNEL_OPTION,
    rule: Rule = typer.Option(Rule.steepest, "--rule", help="Who moves in a basin."),
    json: bool = JSON_OPTION,
) -> None:
    """Landscape theory (Axelrod & Bennett 1993): minima, energies, basins and coalitions."""
    import numpy as np

    from blocs.models.landscape import landscape as run
    from blocs.models.landscape import landscape_from_scenario

    if (sizes is None) != (propensities is None):
        raise ModelInputError("give both --sizes and --propensities, or a scenario")
    if sizes is not None and propensities is not None:
        if scenario is not None or channel is not None:
            raise ModelInputError(
                "give either a scenario (with --channel) or --sizes/--propensities"
            )
        names, s = read_sizes(sizes)
        labels, p = read_matrix(propensities, shift)
        if by_order:
            if len(names) != len(labels):
                raise DataFormatError(
                    f"{len(names)} actors in {sizes.name} but {len(labels)} in {propensities.name}"
                )
        elif sorted(names) != sorted(labels):
            raise DataFormatError(
                f"the actors of {sizes.name} ({', '.join(names)}) are not those of"
                f" {propensities.name} ({', '.join(labels)}); fix the names or pass --by-order"
            )
        else:
            order = [labels.index(a) for a in names]
            p = p[np.ix_(order, order)]
            labels = names
        result = run(s, p, names=labels, rule=rule.value)
    else:
        from blocs.scenario import load

        result = landscape_from_scenario(
            load(scenario or DEFAULT), channel_value(channel), rule=rule.value
        )
    if json:
        print_json(result)
        return
    from rich.table import Table

    where = f" of {result.scenario_id}" if result.scenario_id else ""
    chan = f", channel {result.channel}" if result.channel else ""
    table = Table(
        "#",
        "energy",
        "basin",
        "coalition 1",
        "coalition 2",
        title=f"Landscape{where}{chan}: {len(result.minima)} local minima, rule {result.rule}",
    )
    for i, m in enumerate(result.minima, start=1):
        table.add_row(
            str(i),
            f"{m.energy:.6g}",
            f"{m.basin:.1%}",
            ", ".join(m.coalitions[0]) or "—",
            ", ".join(m.coalitions[1]) or "—",
        )
    console.print(table)
    if result.always_together:
        groups = "; ".join("{" + ", ".join(g) + "}" for g in result.always_together)
        console.print(f"Together in every minimum: {groups}", highlight=False, markup=False)
    for actor, why in result.left_out.items():
        console.print(f"left out {actor}: {why}", highlight=False, markup=False)


@user_errors
def dynamics(
    scenario: str = SCENARIO_ARG,
    channel: ChannelChoice | None = CHANNEL_OPTION,
    model: DynamicsModel = typer.Option(
        DynamicsModel.marvel, "--model", help="marvel (dX/dt = X²) or traag (X Xᵀ)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Balance dynamics (Marvel et al. 2011): blow-up time and the factions that emerge."""
    from blocs.models.dynamics import dynamics_from_scenario
    from blocs.scenario import load

    result = dynamics_from_scenario(load(scenario), channel_value(channel), model=model.value)
    if json:
        print_json(result)
        return
    from rich.table import Table

    t = "never" if result.blow_up_time is None else f"t* = {result.blow_up_time:.4g}"
    chan = f", channel {result.channel}" if result.channel else ""
    console.print(
        f"{result.scenario_id}{chan} ({result.model}): {result.outcome}, blow-up {t},"
        f" λ₁ = {result.leading_eigenvalue:.4g}"
        + (" (λ₁ repeated: factions not unique)" if result.degenerate else ""),
        highlight=False,
        markup=False,
    )
    table = Table("actor", "faction", "u₁", title="Factions (signs of u₁)")
    side = {a: "1" for a in result.factions[0]} | {a: "2" for a in result.factions[1]}
    for a, v in zip(result.actors, result.vector, strict=True):
        table.add_row(a, side.get(a, "undecided"), f"{v:+.3f}")
    console.print(table)
    for actor, why in result.left_out.items():
        console.print(f"left out {actor}: {why}", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``landscape`` and ``dynamics`` to the ``blocs`` command."""
    app.command("landscape")(landscape)
    app.command("dynamics")(dynamics)
