"""The channels through which states are tied, in a module of their own so that the command
line can list them without loading the scenario model.

>>> [c.value for c in Channel] == list(CHANNELS)
True
"""

from __future__ import annotations

from enum import StrEnum

CHANNELS: tuple[str, ...] = ("military", "economic", "political", "diplomatic")


class Channel(StrEnum):
    """The four channels through which states are tied."""

    military = "military"
    economic = "economic"
    political = "political"
    diplomatic = "diplomatic"
