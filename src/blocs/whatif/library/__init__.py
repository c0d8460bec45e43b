"""Files that ship with the what-if part: the default assumptions and example overlays.

>>> from blocs.whatif.library import overlays
>>> "syria-war-ends" in overlays()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from blocs.errors import ScenarioError

ASSUMPTIONS = "default-assumptions.yaml"


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def assumptions_path() -> Path:
    """The default assumptions file of the wedge analysis."""
    return _folder() / ASSUMPTIONS


def overlays() -> list[str]:
    """Names of the example overlays."""
    return sorted(p.stem for p in (_folder() / "overlays").glob("*.yaml"))


def overlay_path(name: str) -> Path:
    """The file of an example overlay."""
    if name not in overlays():
        raise ScenarioError(
            f"no example overlay '{name}' (examples: {', '.join(overlays())};"
            " or give the path of a .yaml file)"
        )
    return _folder() / "overlays" / f"{name}.yaml"
