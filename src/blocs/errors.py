"""Error types of blocs: one per failure family, each message naming what to fix.

Every error blocs raises for a caller's mistake is a :class:`BlocsError`. The ones that stand
for a kind of mistake Python already names also derive from that built-in type, so existing
``except ValueError`` / ``except KeyError`` code keeps working: :class:`ModelInputError` is a
``ValueError``, :class:`UnknownNameError` a ``KeyError``, :class:`MissingExtraError` an
``ImportError``.

Examples
--------
>>> from blocs.errors import ScenarioError
>>> str(ScenarioError("ties[7].channel: 'militray' is not valid", file="s.yaml", line=48))
"s.yaml:48: ties[7].channel: 'militray' is not valid"
>>> isinstance(ModelInputError("draws must be at least 1"), ValueError)
True
>>> str(UnknownNameError("unknown actor 'XXX'"))
"unknown actor 'XXX'"
"""

from __future__ import annotations


class BlocsError(Exception):
    """Base of every error blocs raises for a user's mistake (never a bug of blocs)."""


class LocatedError(BlocsError):
    """An error tied to a place in an input file: ``file:line: message``."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.located())

    def located(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class ScenarioError(LocatedError):
    """A scenario or overlay file is malformed or inconsistent."""


class DataFormatError(LocatedError):
    """A data file (events, votes, alliances, edge lists) does not have the expected format."""


class ModelInputError(BlocsError, ValueError):
    """A model was given inputs it cannot work with (for example a non-symmetric matrix)."""


class UnknownNameError(BlocsError, KeyError):
    """A name (an actor, a source, an input) that the scenario or model does not define."""

    def __str__(self) -> str:
        # KeyError quotes its argument; the message reads better as it is.
        return str(self.args[0]) if self.args else ""


class MissingExtraError(BlocsError, ImportError):
    """A feature needs an optional extra that is not installed (the message says which)."""
