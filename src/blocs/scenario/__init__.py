"""The scenario: actors, blocs, ties per channel, each figure with its evidence; YAML I/O.

The names are imported when first used (PEP 562): the command line reads
:data:`blocs.scenario.library.DEFAULT` without loading pydantic or the YAML parser.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocs.scenario.io import dumps_scenario, load_scenario, loads_scenario, save_scenario
    from blocs.scenario.library import available
    from blocs.scenario.model import (
        CHANNELS,
        Actor,
        ActorKind,
        Attribute,
        Channel,
        Evidence,
        Focus,
        Membership,
        Note,
        Outcome,
        Period,
        Quantity,
        Question,
        Scenario,
        Source,
        Tie,
    )

_LAZY = {
    **dict.fromkeys(
        ("dumps_scenario", "load_scenario", "loads_scenario", "save_scenario"),
        "blocs.scenario.io",
    ),
    "available": "blocs.scenario.library",
    **dict.fromkeys(
        (
            "CHANNELS",
            "Actor",
            "ActorKind",
            "Attribute",
            "Channel",
            "Evidence",
            "Focus",
            "Membership",
            "Note",
            "Outcome",
            "Period",
            "Quantity",
            "Question",
            "Scenario",
            "Source",
            "Tie",
        ),
        "blocs.scenario.model",
    ),
}

__all__ = [
    "CHANNELS",
    "Actor",
    "ActorKind",
    "Attribute",
    "Channel",
    "Evidence",
    "Focus",
    "Membership",
    "Note",
    "Outcome",
    "Period",
    "Quantity",
    "Question",
    "Scenario",
    "Source",
    "Tie",
    "available",
    "dumps_scenario",
    "load",
    "load_scenario",
    "loads_scenario",
    "save_scenario",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'blocs.scenario' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name, or a scenario file by path.

    >>> import blocs
    >>> blocs.load("russia-iran-2017").id
    'russia-iran-2017'
    """
    from blocs.scenario.io import load_scenario
    from blocs.scenario.library import path_of

    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith((".yaml", ".yml", ".json")) or "/" in text:
        return load_scenario(name_or_path)
    return load_scenario(path_of(text))
