"""The input every bargaining model takes: actors × dimensions of capability, position, salience.

A :class:`BargainingInput` holds, for ``n`` actors and ``d`` issue dimensions,

* ``capability`` (n): each actor's power to move others (any non-negative unit; the models use
  only ratios), summing to a positive number;
* ``position`` (n × d): the outcome each actor advocates, on each dimension's scale;
* ``salience`` (n × d): how much each actor cares, in ``[0, 1]`` (1: drops everything else);
* ``scale`` (d × 2): each dimension's low and high end; positions lie inside it;
* ``risk`` (n, optional): a fixed risk attitude per actor, where a model uses one.

Every model in :mod:`blocs.models.bargaining` is a pure function of this object; none mutates it
(the arrays are read-only).

Examples
--------
>>> inp = BargainingInput.from_arrays(
...     ["A", "B"], capability=[1, 3], position=[[0.0], [10.0]], salience=[[1.0], [0.5]],
...     scale=[(0, 10)])
>>> inp.n_actors, inp.n_dimensions, inp.dimensions
(2, 1, ('dim1',))
>>> inp.dimension(0).position.ravel().tolist()
[0.0, 10.0]
>>> BargainingInput.from_arrays(["A"], [0], [[1.0]], [[1.0]], [(0, 1)])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
blocs.errors.ModelInputError: capability: the capabilities sum to 0; at least one actor needs ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from blocs.errors import ModelInputError

__all__ = ["BargainingInput"]


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class BargainingInput:
    """Actors × dimensions: capability (n), position (n × d), salience (n × d) in [0, 1],
    scale (d × 2), optional fixed risk (n). Build with :meth:`from_arrays`, which validates."""

    actors: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    scale: np.ndarray
    dimensions: tuple[str, ...]
    risk: np.ndarray | None = None

    @classmethod
    def from_arrays(
        cls,
        actors: Sequence[str],
        capability: Sequence[float] | np.ndarray,
        position: Sequence[Sequence[float]] | np.ndarray,
        salience: Sequence[Sequence[float]] | np.ndarray,
        scale: Sequence[tuple[float, float]] | np.ndarray | None = None,
        *,
        dimensions: Sequence[str] | None = None,
        risk: Sequence[float] | np.ndarray | None = None,
    ) -> BargainingInput:
        """Validated input; ``scale=None`` takes each dimension's range from the positions.

        Raises :class:`~blocs.errors.ModelInputError` naming the field and actor at fault.
        """
        names = tuple(str(a) for a in actors)
        n = len(names)
        if n == 0:
            raise ModelInputError("actors: need at least one actor")
        if len(set(names)) != n:
            dup = sorted({a for a in names if names.count(a) > 1})
            raise ModelInputError(f"actors: duplicate name(s) {', '.join(dup)}")
        cap = np.asarray(capability, dtype=float).reshape(-1)
        pos = np.asarray(position, dtype=float)
        sal = np.asarray(salience, dtype=float)
        if pos.ndim == 1:
            pos = pos[:, None]
        if sal.ndim == 1:
            sal = sal[:, None]
        if cap.shape != (n,):
            raise ModelInputError(f"capability: need {n} values (one per actor), got {cap.size}")
        if pos.shape[0] != n or sal.shape != pos.shape:
            raise ModelInputError(
                f"position and salience: need {n} rows of equal width, got {pos.shape} and "
                f"{sal.shape}"
            )
        d = pos.shape[1]
        for what, arr in (("capability", cap), ("position", pos), ("salience", sal)):
            bad = ~np.isfinite(arr)
            if bad.any():
                i = int(np.argwhere(bad)[0][0])
                raise ModelInputError(f"{what}: actor {names[i]} has no finite value")
        if (cap < 0).any():
            i = int(np.argmax(cap < 0))
            raise ModelInputError(f"capability: actor {names[i]} has a negative capability")
        if cap.sum() <= 0:
            raise ModelInputError(
                "capability: the capabilities sum to 0; at least one actor needs a positive "
                "capability"
            )
        if ((sal < 0) | (sal > 1)).any():
            i, k = (int(v) for v in np.argwhere((sal < 0) | (sal > 1))[0])
            raise ModelInputError(
                f"salience: actor {names[i]} has {sal[i, k]:g} on dimension {k + 1}, outside [0, 1]"
            )
        if scale is None:
            sc = np.stack([pos.min(axis=0), pos.max(axis=0)], axis=1)
        else:
            sc = np.asarray(scale, dtype=float).reshape(-1, 2)
        if sc.shape != (d, 2):
            raise ModelInputError(f"scale: need {d} (low, high) pairs, got {sc.shape[0]}")
        for k in range(d):
            lo, hi = sc[k]
            if not hi > lo:
                raise ModelInputError(
                    f"scale: dimension {k + 1} runs from {lo:g} to {hi:g}; the high end must "
                    "exceed the low end"
                )
            outside = (pos[:, k] < lo) | (pos[:, k] > hi)
            if outside.any():
                i = int(np.argmax(outside))
                raise ModelInputError(
                    f"position: actor {names[i]} is at {pos[i, k]:g} on dimension {k + 1}, "
                    f"outside its scale [{lo:g}, {hi:g}]"
                )
        dims = (
            tuple(dimensions) if dimensions is not None else tuple(f"dim{k + 1}" for k in range(d))
        )
        if len(dims) != d:
            raise ModelInputError(f"dimensions: need {d} names, got {len(dims)}")
        rk = None
        if risk is not None:
            rk = np.asarray(risk, dtype=float).reshape(-1)
            if rk.shape != (n,) or not np.isfinite(rk).all():
                raise ModelInputError(f"risk: need {n} finite values (one per actor)")
            rk = _frozen(rk)
        return cls(names, _frozen(cap), _frozen(pos), _frozen(sal), _frozen(sc), dims, rk)

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_dimensions(self) -> int:
        return int(self.position.shape[1])

    def dimension(self, k: int) -> BargainingInput:
        """The one-dimensional input of dimension ``k``."""
        return BargainingInput(
            self.actors,
            self.capability,
            _frozen(self.position[:, [k]]),
            _frozen(self.salience[:, [k]]),
            _frozen(self.scale[[k]]),
            (self.dimensions[k],),
            self.risk,
        )

    def subset(self, keep: Sequence[int] | np.ndarray) -> BargainingInput:
        """The input restricted to the actors at indices ``keep`` (in that order)."""
        idx = np.asarray(keep, dtype=int)
        return BargainingInput.from_arrays(
            [self.actors[i] for i in idx],
            self.capability[idx],
            self.position[idx],
            self.salience[idx],
            self.scale,
            dimensions=self.dimensions,
            risk=None if self.risk is None else self.risk[idx],
        )

    def replace(self, **changes: object) -> BargainingInput:
        """A validated copy with some fields changed (``position=...``, ``capability=...``)."""
        fields = {
            "actors": self.actors,
            "capability": self.capability,
            "position": self.position,
            "salience": self.salience,
            "scale": self.scale,
            "dimensions": self.dimensions,
            "risk": self.risk,
        }
        fields.update(changes)
        return BargainingInput.from_arrays(
            fields["actors"],  # type: ignore[arg-type]
            fields["capability"],  # type: ignore[arg-type]
            fields["position"],  # type: ignore[arg-type]
            fields["salience"],  # type: ignore[arg-type]
            fields["scale"],  # type: ignore[arg-type]
            dimensions=fields["dimensions"],  # type: ignore[arg-type]
            risk=fields["risk"],  # type: ignore[arg-type]
        )

    def __json__(self) -> dict[str, object]:
        return {
            "actors": list(self.actors),
            "dimensions": list(self.dimensions),
            "capability": self.capability.tolist(),
            "position": self.position.tolist(),
            "salience": self.salience.tolist(),
            "scale": self.scale.tolist(),
            "risk": None if self.risk is None else self.risk.tolist(),
        }
