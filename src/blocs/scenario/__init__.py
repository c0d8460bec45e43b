"""The scenario: actors, blocs, ties per channel, each figure with its evidence; YAML I/O."""

from __future__ import annotations

from pathlib import Path

from blocs.scenario.io import dumps_scenario, load_scenario, loads_scenario, save_scenario
from blocs.scenario.library import available, path_of
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


def load(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name, or a scenario file by path.

    >>> import blocs
    >>> blocs.load("russia-iran-2017").id
    'russia-iran-2017'
    """
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith((".yaml", ".yml", ".json")) or "/" in text:
        return load_scenario(name_or_path)
    return load_scenario(path_of(text))
