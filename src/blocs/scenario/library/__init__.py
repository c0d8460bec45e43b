"""Scenarios that ship with blocs, loaded by name.

>>> from blocs.scenario.library import available
>>> "russia-iran-2017" in available()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from blocs.errors import ScenarioError

DEFAULT = "russia-iran-2017"


def available() -> list[str]:
    """Names of the built-in scenarios."""
    folder = resources.files(__name__)
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def path_of(name: str) -> Path:
    """The file of a built-in scenario."""
    if name not in available():
        raise ScenarioError(
            f"no built-in scenario '{name}' (built-in: {', '.join(available())};"
            " or give the path of a .yaml file)"
        )
    return Path(str(resources.files(__name__).joinpath(f"{name}.yaml")))
