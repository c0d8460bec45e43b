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
from typing import Any, TypeVar

import typer
from rich.console import Console

from blocs.errors import BlocsError, MissingExtraError
from blocs.models.frustration.budget import DEFAULT_TIME_LIMIT
from blocs.results import to_json

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON (stable keys).")

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
