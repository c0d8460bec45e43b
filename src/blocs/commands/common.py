"""What every command shares: JSON output, one-line errors with exit code 2, the console.

>>> print_json({"a": (1, 2)})
{
  "a": [
    1,
    2
  ]
}
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from blocs.errors import BlocsError, MissingExtraError
from blocs.models.frustration.budget import DEFAULT_TIME_LIMIT
from blocs.results import to_json
from blocs.scenario.channels import Channel
from blocs.scenario.library import DEFAULT
from blocs.seeding import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, MIN_DRAWS

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON (stable keys).")

# -- options shared by every command: one definition each ----------------------------------------

#: A scenario is the first argument of every command that reads one.
SCENARIO_ARG = typer.Argument(
    DEFAULT, help="A built-in scenario name or a scenario file (.yaml, .json)."
)

#: ``--data`` is always the reference-data ROOT: the folder holding un-votes/, atop-v4/, deu3/,
#: ... (beside the project it is ../shared/data). Options for one file or folder
#: (``--votes-dir``, ``--atop``) override the place under the root.
DATA_OPTION = typer.Option(
    None,
    "--data",
    help="The reference-data root: the folder holding un-votes/, atop-v4/, deu3/, ...",
    exists=True,
    file_okay=False,
)
VOTES_DIR_OPTION = typer.Option(
    None,
    "--votes-dir",
    help="The UN General Assembly votes folder (default: un-votes/ under --data).",
    exists=True,
    file_okay=False,
)
ATOP_OPTION = typer.Option(
    None, "--atop", exists=True, help="An ATOP file or folder (default: atop-v4/ under --data)."
)

SEED_OPTION = typer.Option(
    DEFAULT_SEED, "--seed", help="Seed of every random draw (recorded in the result)."
)
DRAWS_OPTION = typer.Option(
    DEFAULT_DRAWS,
    "--draws",
    min=MIN_DRAWS,
    max=MAX_DRAWS,
    help="Monte Carlo draws of the wedge price.",
)

#: Periods are ``--from`` and ``--to`` in every command: each bound is a year (``2015``), or a
#: month or day where the data have them (``2015-06``, ``2015-06-30``), and each may be left out
#: where the data allow.
FROM_OPTION = typer.Option(..., "--from", help="First year of the period, e.g. 2015.")
TO_OPTION = typer.Option(..., "--to", help="Last year of the period (inclusive), e.g. 2017.")


class ChannelChoice(StrEnum):
    """A channel (``--channel``); leaving it out means overall."""

    military = Channel.military.value
    economic = Channel.economic.value
    political = Channel.political.value
    diplomatic = Channel.diplomatic.value


CHANNEL_OPTION = typer.Option(
    None, "--channel", "-c", help="One channel (default: all channels together, overall)."
)


def channel_value(channel: ChannelChoice | None) -> str | None:
    """The ``--channel`` choice as the API takes it."""
    return None if channel is None else channel.value


def data_place(data: Path | None, explicit: Path | None, under: str, *, option: str) -> Path | None:
    """The file or folder a command reads: ``explicit`` when given, else ``under`` inside the
    reference-data root ``data`` when it is there, else ``None``. A path given that does not
    exist is a one-line error naming the option.

    >>> data_place(None, None, "un-votes", option="--votes-dir") is None
    True
    """
    if explicit is not None:
        if not explicit.exists():
            raise BlocsError(f"{option}: no such file or folder: {explicit}")
        return explicit
    if data is None:
        return None
    if not data.is_dir():
        raise BlocsError(f"--data: no such folder: {data} (give the reference-data root)")
    place = data / under
    return place if place.exists() else None


def year_bounds(start: int, end: int) -> tuple[int, int]:
    """``--from``/``--to`` years checked: the period must not end before it starts."""
    if end < start:
        raise BlocsError(f"--from {start} --to {end}: the period ends before it starts")
    return start, end


TIME_LIMIT_OPTION = typer.Option(
    DEFAULT_TIME_LIMIT,
    "--time-limit",
    min=0,
    help="Seconds the frustration solves may take in all (0: no limit). Where the limit binds,"
    " the camps are the best found and the result says not proven.",
)


def time_limit_or_none(seconds: float) -> float | None:
    """The ``--time-limit`` value as the API takes it (``0`` means no limit: ``None``)."""
    return seconds if seconds > 0 else None


def print_json(value: Any) -> None:
    """Write ``value`` as indented JSON to standard output (:func:`blocs.results.to_json`)."""
    sys.stdout.write(to_json(value, indent=2) + "\n")


def fail(message: str) -> typer.Exit:
    """Print a one-line error and return the exit (code 2) to raise."""
    err_console.print(
        f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True
    )
    return typer.Exit(code=2)


def user_errors(func: F) -> F:
    """Turn blocs' user-facing errors into a one-line message and exit code 2, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BlocsError as exc:
            raise fail(str(exc).replace("[", "\\[")) from None

    return wrapper  # type: ignore[return-value]


def require_extra(extra: str, *modules: str) -> None:
    """Stop with a one-line message naming the optional extra to install when any of
    ``modules`` is missing (a :class:`~blocs.errors.MissingExtraError`, exit code 2).

    >>> require_extra("events", "json")  # present: nothing happens
    >>> require_extra("plot", "no_such_module_for_blocs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    blocs.errors.MissingExtraError: this needs no_such_module_for_blocs, ... 'blocs[plot]'
    """
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(
            f"this needs {', '.join(missing)}, from the optional extra '{extra}':"
            f" pip install 'blocs[{extra}]'"
        )


EVENTS_MODULES = ("duckdb", "ibis", "pyarrow")
SERVE_MODULES = ("fastapi", "uvicorn")
PLOT_MODULES = ("altair", "vl_convert")
