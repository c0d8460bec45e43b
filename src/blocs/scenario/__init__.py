"""The scenario: actors, blocs, ties per channel, each figure with its evidence; YAML I/O.

The names are imported when first used (PEP 562): the command line reads
:data:`blocs.scenario.library.DEFAULT` without loading pydantic or the YAML parser.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from blocs._lazy import lazy_attributes

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

# Every public name but ``load`` is read from its module on first use; most live in the model.
_ELSEWHERE = {
    **dict.fromkeys(
        ("dumps_scenario", "load_scenario", "loads_scenario", "save_scenario"),
        "blocs.scenario.io",
    ),
    "available": "blocs.scenario.library",
}
_LAZY = {name: _ELSEWHERE.get(name, "blocs.scenario.model") for name in __all__ if name != "load"}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, __all__)


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
