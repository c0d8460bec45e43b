"""Lazy package attributes (PEP 562): a name is imported from its module when first used.

>>> getattr_, dir_ = lazy_attributes("demo", {"sqrt": "math"}, ["sqrt", "local"])
>>> getattr_("sqrt")(4.0)
2.0
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_attributes(
    package: str, lazy: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: each name of ``lazy`` is read from its
    module on first use and kept in the package's namespace."""
    names = sorted(public)

    def __getattr__(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace = sys.modules.get(package)
        if namespace is not None:
            setattr(namespace, name, value)
        return value

    def __dir__() -> list[str]:
        namespace = sys.modules.get(package)
        own = set(vars(namespace)) if namespace is not None else set()
        return sorted(own | set(names))

    return __getattr__, __dir__
