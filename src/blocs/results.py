"""Results as typed objects: one absent-result marker, one JSON serializer, one reading protocol.

Every lens returns a frozen dataclass (or a pydantic model). The terminal, HTML and JSON views are
rendered from those objects, never from dictionaries keyed by hand. Three conventions hold for
every result:

- :func:`to_jsonable` turns any result into plain JSON types (dataclass fields in declaration
  order, pydantic models through ``model_dump``, NumPy scalars and arrays, enums, paths, sets
  sorted); a result needs no ``to_dict`` of its own.
- A result that can say what it found implements :class:`Reading`: ``reading()`` returns one
  grammatical sentence about this scenario, so no layer above composes sentences from its fields.
- A lens that could not run returns :class:`NotComputed` with the reason and, where known, what to
  add so that it can.

A dataclass field is written under its own name unless its metadata says ``{"json": "other"}``;
a field with ``repr=False`` is left out (scenarios and raw arrays a result keeps for rendering);
``__json_properties__`` names properties written after the fields (``("agree",)``, or a mapping
of JSON key to property name).

HTML views of results (``_repr_html_`` in notebooks) are registered from the report side, so no
layer below the report imports it: :func:`register_html` maps a result class to a renderer, and
:func:`html_of` finds the renderer of a value. The report registers its renderers when it is
imported; the package root names the report module as the provider with
:func:`register_html_provider`, and :func:`html_of` imports the providers the first time a result
is shown.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Price:
...     median: float
...     unit: str
...     def reading(self) -> str:
...         return f"The median price is {self.median:g} {self.unit}."
>>> to_jsonable(Price(1.5, "USD"))
{'median': 1.5, 'unit': 'USD'}
>>> Price(1.5, "USD").reading()
'The median price is 1.5 USD.'
>>> gap = NotComputed("the scenario declares no stakes", remedy="add a stakes section")
>>> to_jsonable(gap)
{'not_computed': 'the scenario declares no stakes', 'remedy': 'add a stakes section'}
>>> gap.reading()
'Not computed: the scenario declares no stakes (add a stakes section).'
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "NotComputed",
    "Reading",
    "html_of",
    "is_not_computed",
    "register_html",
    "register_html_provider",
    "to_json",
    "to_jsonable",
]


@runtime_checkable
class Reading(Protocol):
    """A result that states what it found in one sentence."""

    def reading(self) -> str: ...


@dataclasses.dataclass(frozen=True)
class NotComputed:
    """A result that is absent, with the reason and, where known, what would make it computable."""

    reason: str
    remedy: str | None = None

    def reading(self) -> str:
        tail = f" ({self.remedy})" if self.remedy else ""
        return f"Not computed: {self.reason}{tail}."

    def __json__(self) -> dict[str, Any]:
        out: dict[str, Any] = {"not_computed": self.reason}
        if self.remedy:
            out["remedy"] = self.remedy
        return out


def is_not_computed(value: object) -> bool:
    """Whether ``value`` marks an absent result.

    >>> is_not_computed(NotComputed("no data")), is_not_computed(3)
    (True, False)
    """
    return isinstance(value, NotComputed)


def _float(value: float) -> float | None:
    # JSON has no NaN or infinity; an undefined figure is null.
    return value if math.isfinite(value) else None


def _key(f: dataclasses.Field[Any]) -> str:
    name = f.metadata.get("json")
    return name if isinstance(name, str) else f.name


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for any result: dataclasses, pydantic models, NumPy values, enums, paths.

    A class may define ``__json__()`` to choose its own form (used by :class:`NotComputed`).
    Non-finite floats become ``None``; sets and frozensets become sorted lists.

    >>> import numpy as np
    >>> to_jsonable({"a": np.float64(0.5), "b": {3, 1}, "c": float("nan"), "d": np.arange(2)})
    {'a': 0.5, 'b': [1, 3], 'c': None, 'd': [0, 1]}
    """
    custom = getattr(type(value), "__json__", None)
    if custom is not None:
        return to_jsonable(custom(value))
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _float(float(value))
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            _key(f): to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.repr or f.metadata.get("json", False)
        }
        extra = getattr(type(value), "__json_properties__", ())
        pairs = extra.items() if isinstance(extra, Mapping) else ((n, n) for n in extra)
        for key, name in pairs:
            out[key] = to_jsonable(getattr(value, name))
        return out
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump) and not isinstance(value, type):
        return to_jsonable(model_dump(mode="json", exclude_none=True))
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((to_jsonable(v) for v in value), key=lambda v: (str(type(v)), v))
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    # NumPy scalars and arrays without importing NumPy here.
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return to_jsonable(tolist())
    item = getattr(value, "item", None)
    if callable(item):
        return to_jsonable(item())
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """The JSON text of a result, from :func:`to_jsonable`.

    >>> to_json(NotComputed("no votes"), indent=None)
    '{"not_computed": "no votes"}'
    """
    return json.dumps(to_jsonable(value), indent=indent, ensure_ascii=False)


# -- HTML views, registered by the report ----------------------------------------------------------

_HTML: dict[type, Callable[[Any], str]] = {}
_PROVIDERS: list[str] = []
_LOADED: set[str] = set()


def register_html(cls: type, render: Callable[[Any], str]) -> None:
    """Make ``render(value)`` the HTML view of every instance of ``cls`` (and its subclasses)."""
    _HTML[cls] = render


def register_html_provider(module: str) -> None:
    """Name a module that registers HTML views when imported (imported on first use only)."""
    if module not in _PROVIDERS:
        _PROVIDERS.append(module)


def html_of(value: Any) -> str | None:
    """The registered HTML view of ``value``, or ``None`` when no renderer knows its class.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Tiny:
    ...     n: int
    >>> html_of(Tiny(1)) is None
    True
    >>> register_html(Tiny, lambda t: f"<b>{t.n}</b>")
    >>> html_of(Tiny(2))
    '<b>2</b>'
    """
    for module in _PROVIDERS:
        if module not in _LOADED:
            _LOADED.add(module)
            importlib.import_module(module)
    for cls in type(value).__mro__:
        render = _HTML.get(cls)
        if render is not None:
            return render(value)
    return None
