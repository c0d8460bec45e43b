"""Balance dynamics: how a signed network of opinions polarises (Marvel et al. 2011; Traag et al.
2013).

``X[i, j]`` is how friendly ``i`` is towards ``j`` (positive friendly, negative hostile).

**Marvel, Kleinberg, Kleinberg & Strogatz (2011)**: ``dX/dt = X²`` for a symmetric ``X₀`` —
``i`` revises its view of ``j`` by what everyone else thinks of ``j``, weighted by how much
``i`` likes them. With ``X₀ = Σ_k λ_k u_k u_kᵀ`` (eigenvalues ``λ₁ ≥ λ₂ ≥ …``) the solution is

    X(t) = X₀ (I − t X₀)⁻¹ = Σ_k λ_k / (1 − λ_k t) · u_k u_kᵀ,

which blows up at ``t* = 1/λ₁`` when ``λ₁ > 0``; near ``t*`` it is dominated by ``u₁ u₁ᵀ``, so
the actors split into the two factions given by the signs of ``u₁`` ("global harmony" when all
signs agree). When ``λ₁ ≤ 0`` nothing blows up and every opinion decays to zero. The paper leaves
open what happens when ``λ₁`` is repeated or a component of ``u₁`` is zero: we report the first
as ``degenerate`` and the second as ``undecided`` (``|u₁ᵢ| ≤ zero_tol``).

**Traag, Van Dooren & De Leenheer (2013)** showed that for non-symmetric ``X₀`` the model
``X²`` need not reach balance and proposed ``dX/dt = X Xᵀ`` (``i`` revises its view of ``j`` by
comparing their opinions of everyone). ``X Xᵀ`` is symmetric, so the antisymmetric part of ``X``
is conserved and the symmetric part grows until ``X`` blows up, becoming (generically) rank one
and balanced: the split is the sign pattern of the dominant eigenvector of the symmetric part of
``X`` near the blow-up, equivalently of its dominant singular vector. For a normal ``X₀`` (the case
the paper solves) each real eigenvalue ``α`` blows up at ``1/α`` and each complex pair
``α ± iμ`` at ``(π/2 − arctan(α/μ))/μ``; in general the blow-up is found by integrating. For a
symmetric ``X₀`` both models coincide.

Examples
--------
Two camps, each friendly inside and hostile across:

>>> import numpy as np
>>> x0 = np.array([[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]) * 0.5
>>> r = marvel(x0, names=["A", "B", "C", "D"])
>>> r.factions, r.blow_up_time, r.outcome
((('A', 'B'), ('C', 'D')), 0.6666666666666666, 'factions')

References
----------
Marvel, S. A., Kleinberg, J., Kleinberg, R. D., & Strogatz, S. H. (2011). Continuous-time model
of structural balance. *Proceedings of the National Academy of Sciences*, 108(5), 1771–1776.
https://doi.org/10.1073/pnas.1013213108

Traag, V. A., Van Dooren, P., & De Leenheer, P. (2013). Dynamical models explaining social
balance and evolution of cooperation. *PLoS ONE*, 8(4), e60063.
https://doi.org/10.1371/journal.pone.0060063
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from blocs.errors import ModelInputError

if TYPE_CHECKING:
    from blocs.scenario.model import Scenario

Model = Literal["marvel", "traag"]
MODELS: tuple[str, ...] = ("marvel", "traag")


# -- inputs ----------------------------------------------------------------------------------
def _square(x0: ArrayLike, name: str = "x0") -> NDArray[np.float64]:
    x = np.asarray(x0, dtype=float)
    if x.ndim != 2 or x.shape[0] != x.shape[1] or x.shape[0] < 1:
        raise ModelInputError(f"{name}: need a square matrix (one row and column per actor)")
    if not np.all(np.isfinite(x)):
        raise ModelInputError(f"{name}: every entry must be a finite number")
    return x


def _symmetric(x0: ArrayLike) -> NDArray[np.float64]:
    x = _square(x0)
    if not np.allclose(x, x.T, rtol=0.0, atol=1e-12 * max(1.0, float(np.abs(x).max()))):
        i, j = (int(v) for v in np.argwhere(~np.isclose(x, x.T))[0])
        raise ModelInputError(
            f"x0: the model dX/dt = X² needs a symmetric matrix, but x0[{i},{j}] = {x[i, j]:g}"
            f" and x0[{j},{i}] = {x[j, i]:g}; use model 'traag' for non-symmetric opinions"
        )
    return (x + x.T) / 2.0


# -- Marvel et al. (2011) --------------------------------------------------------------------
def blow_up_time(x0: ArrayLike) -> float:
    """``t* = 1/λ₁`` for symmetric ``x0`` (``inf`` when ``λ₁ ≤ 0``).

    >>> blow_up_time([[0, 2], [2, 0]])
    0.5
    """
    lam = np.linalg.eigvalsh(_symmetric(x0))[-1]
    return float(1.0 / lam) if lam > 0 else float("inf")


def closed_form(x0: ArrayLike, t: float | ArrayLike) -> NDArray[np.float64]:
    """``X(t) = Σ_k λ_k/(1 − λ_k t) u_k u_kᵀ`` for ``0 ≤ t < t*``; an array of times gives a
    stack of matrices.

    >>> closed_form([[0, 1], [1, 0]], 0.5).round(6).tolist()
    [[0.666667, 1.333333], [1.333333, 0.666667]]
    """
    x = _symmetric(x0)
    lam, u = np.linalg.eigh(x)
    times = np.asarray(t, dtype=float)
    t_star = float(1.0 / lam[-1]) if lam[-1] > 0 else float("inf")
    if np.any(times < 0) or np.any(times >= t_star):
        raise ModelInputError(f"t: the closed form holds for 0 <= t < t* = {t_star:g}")
    scale = lam / (1.0 - np.multiply.outer(times, lam))  # (..., n)
    return np.einsum("ik,...k,jk->...ij", u, scale, u)


def _rhs(model: str, n: int):
    if model == "marvel":

        def f(_t: float, y: NDArray[np.float64]) -> NDArray[np.float64]:
            x = y.reshape(n, n)
            return (x @ x).ravel()
    else:

        def f(_t: float, y: NDArray[np.float64]) -> NDArray[np.float64]:
            x = y.reshape(n, n)
            return (x @ x.T).ravel()

    return f


@dataclass(frozen=True)
class Trajectory:
    """Numerical solution: times ``t`` and matrices ``x`` (shape ``(len(t), n, n)``); ``blown_up``
    when the norm reached the threshold before the last requested time."""

    model: str
    t: NDArray[np.float64]
    x: NDArray[np.float64]
    blown_up: bool
    blow_up_time: float | None


def integrate(
    x0: ArrayLike,
    t_end: float | None = None,
    *,
    model: Model = "marvel",
    t_eval: ArrayLike | None = None,
    growth: float = 1e6,
    method: str = "DOP853",
    rtol: float = 1e-10,
    atol: float = 1e-12,
) -> Trajectory:
    """Integrate ``dX/dt = X²`` (``"marvel"``) or ``dX/dt = X Xᵀ`` (``"traag"``) with
    ``scipy.integrate.solve_ivp``, stopping early once ``‖X‖_F`` reaches
    ``growth · max(1, ‖X₀‖_F)`` (the numerical stand-in for the blow-up, whose time is then
    reported). ``t_end`` defaults to ``1000 / max(‖X₀‖₂, 1e-12)``.

    >>> tr = integrate([[0, 1], [1, 0]], 0.5, t_eval=[0.5])
    >>> tr.x[-1].round(6).tolist()
    [[0.666667, 1.333333], [1.333333, 0.666667]]
    """
    from scipy.integrate import solve_ivp

    if model not in MODELS:
        raise ModelInputError(f"model: '{model}' is not one of {', '.join(MODELS)}")
    x = _symmetric(x0) if model == "marvel" else _square(x0)
    n = x.shape[0]
    norm0 = float(np.linalg.norm(x))
    if t_end is None:
        t_end = 1000.0 / max(float(np.linalg.norm(x, 2)), 1e-12)
    limit = growth * max(1.0, norm0)

    def blow(_t: float, y: NDArray[np.float64]) -> float:
        return float(np.linalg.norm(y)) - limit

    blow.terminal = True  # type: ignore[attr-defined]
    sol = solve_ivp(
        _rhs(model, n),
        (0.0, float(t_end)),
        x.ravel(),
        method=method,
        t_eval=None if t_eval is None else np.asarray(t_eval, dtype=float),
        events=blow,
        rtol=rtol,
        atol=atol,
    )
    if sol.status == -1:  # pragma: no cover - solver failure
        raise ModelInputError(f"integration failed: {sol.message}")
    blown = bool(sol.t_events[0].size)
    t_blow = float(sol.t_events[0][0]) if blown else None
    times = sol.t
    mats = sol.y.T.reshape(-1, n, n)
    if blown and t_eval is None:
        times = np.append(times, t_blow)
        mats = np.concatenate([mats, sol.y_events[0][:1].reshape(1, n, n)])
    return Trajectory(model=model, t=times, x=mats, blown_up=blown, blow_up_time=t_blow)


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BalanceDynamics:
    """Predicted outcome of a balance dynamics model.

    ``outcome`` is ``"factions"`` (two camps), ``"harmony"`` (everyone friendly) or
    ``"no blow-up"`` (λ₁ ≤ 0 under Marvel: opinions decay). ``vector`` is the leading
    eigenvector whose signs give the factions (oriented so that its first non-zero component is
    positive); ``factions[0]`` holds the actors with positive components.
    ``leading_eigenvalue`` and ``eigen_gap`` (``λ₁ − λ₂``) are those of ``X₀`` (of its symmetric
    part for ``"traag"``). ``degenerate``: under Marvel ``λ₁`` is repeated, so ``u₁`` is not
    unique; under Traag ``X`` is not close to rank one at the stopping point.
    """

    model: str
    actors: tuple[str, ...]
    outcome: str
    blow_up_time: float | None
    factions: tuple[tuple[str, ...], tuple[str, ...]]
    undecided: tuple[str, ...]
    vector: tuple[float, ...]
    leading_eigenvalue: float
    eigen_gap: float
    degenerate: bool
    balanced: bool
    method: str
    left_out: dict[str, str] = field(default_factory=dict)
    scenario_id: str | None = None
    channel: str | None = None

    @property
    def harmony(self) -> bool:
        return self.outcome == "harmony"

    @property
    def camps(self) -> tuple[tuple[str, ...], ...]:
        """The two factions (when the outcome is ``"factions"``; else one camp of all)."""
        if self.outcome == "factions":
            return self.factions
        return (tuple(a for a in self.actors if a not in self.undecided),)

    def reading(self) -> str:
        """One sentence: the outcome, and the factions with the time they form."""
        name = {"marvel": "Marvel et al. 2011", "traag": "Traag et al. 2013"}.get(
            self.model, self.model
        )
        if self.outcome == "factions":
            factions = " against ".join("{" + ", ".join(f) + "}" for f in self.factions)
            when = f" by t* = {self.blow_up_time:.2f}" if self.blow_up_time is not None else ""
            return f"Balance dynamics ({name}): the ties polarise{when} into {factions}."
        if self.outcome == "harmony":
            return f"Balance dynamics ({name}): the ties all turn friendly (harmony)."
        return f"Balance dynamics ({name}): the ties decay without forming factions (no blow-up)."


def _names(names: Sequence[str] | None, n: int) -> list[str]:
    out = [f"actor{i}" for i in range(n)] if names is None else [str(a) for a in names]
    if len(out) != n:
        raise ModelInputError(f"names: need {n} names (one per actor), got {len(out)}")
    return out


def _split(
    vector: NDArray[np.float64], names: Sequence[str], zero_tol: float
) -> tuple[NDArray[np.float64], tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]]:
    scale = float(np.abs(vector).max()) or 1.0
    zero = np.abs(vector) <= zero_tol * scale
    nonzero = np.flatnonzero(~zero)
    if nonzero.size and vector[nonzero[0]] < 0:
        vector = -vector
    plus = tuple(a for a, v, z in zip(names, vector, zero, strict=True) if not z and v > 0)
    minus = tuple(a for a, v, z in zip(names, vector, zero, strict=True) if not z and v < 0)
    undecided = tuple(a for a, z in zip(names, zero, strict=True) if z)
    return vector, (plus, minus), undecided


def is_balanced(x: ArrayLike, vector: ArrayLike, *, rel_tol: float = 1e-6) -> bool:
    """Whether the sign of every clearly non-zero entry ``x_ij`` (``i ≠ j``) equals the sign of
    ``v_i v_j``: friends inside each faction, enemies across.

    >>> is_balanced([[0, 1, -1], [1, 0, -1], [-1, -1, 0]], [1, 1, -1])
    True
    """
    m = np.asarray(x, dtype=float)
    v = np.asarray(vector, dtype=float)
    off = ~np.eye(m.shape[0], dtype=bool)
    big = off & (np.abs(m) > rel_tol * max(float(np.abs(m[off]).max(initial=0.0)), 1e-300))
    return bool(np.all(np.sign(m[big]) == np.sign(np.outer(v, v)[big])))


def marvel(
    x0: ArrayLike, *, names: Sequence[str] | None = None, zero_tol: float = 1e-9
) -> BalanceDynamics:
    """Closed-form prediction of ``dX/dt = X²`` (Marvel et al. 2011) for symmetric ``x0``:
    blow-up time ``1/λ₁`` and factions from the signs of ``u₁``.

    >>> marvel([[0, 1], [1, 0]], names=["A", "B"]).outcome
    'harmony'
    """
    x = _symmetric(x0)
    names = _names(names, x.shape[0])
    lam, u = np.linalg.eigh(x)
    lead = float(lam[-1])
    gap = float(lam[-1] - lam[-2]) if lam.size > 1 else float("inf")
    tol = 1e-9 * max(1.0, float(np.abs(lam).max()))
    vector, factions, undecided = _split(u[:, -1], names, zero_tol)
    if lead <= 0:
        outcome = "no blow-up"
    elif factions[1] or undecided:
        outcome = "factions"
    else:
        outcome = "harmony"
    return BalanceDynamics(
        model="marvel",
        actors=tuple(names),
        outcome=outcome,
        blow_up_time=1.0 / lead if lead > 0 else None,
        factions=factions,
        undecided=undecided,
        vector=tuple(float(v) for v in vector),
        leading_eigenvalue=lead,
        eigen_gap=gap,
        degenerate=bool(gap <= tol),
        balanced=lead > 0 and not undecided,
        method="closed form",
    )


def normal_blow_up_time(x0: ArrayLike, *, rel_tol: float = 1e-9) -> float:
    """Blow-up time of ``dX/dt = X Xᵀ`` for a **normal** ``x0`` (Traag et al. 2013): the earliest
    over eigenvalues of ``1/α`` (real ``α > 0``) and ``(π/2 − arctan(α/μ))/μ`` (pairs
    ``α ± iμ``). Raises :class:`ModelInputError` when ``x0`` is not normal.

    >>> round(normal_blow_up_time([[0, 1], [-1, 0]]), 6)  # a pure rotation, α = 0, μ = 1
    1.570796
    """
    x = _square(x0)
    scale = max(1.0, float(np.abs(x).max()) ** 2)
    if not np.allclose(x @ x.T, x.T @ x, rtol=0.0, atol=rel_tol * scale):
        raise ModelInputError("x0: not a normal matrix (X Xᵀ ≠ Xᵀ X); integrate instead")
    ev = np.linalg.eigvals(x)
    times = []
    for value in ev:
        alpha, mu = float(value.real), abs(float(value.imag))
        if mu > rel_tol * np.sqrt(scale):
            times.append((np.pi / 2 - np.arctan(alpha / mu)) / mu)
        elif alpha > 0:
            times.append(1.0 / alpha)
    return float(min(times)) if times else float("inf")


def traag(
    x0: ArrayLike,
    *,
    names: Sequence[str] | None = None,
    growth: float = 1e6,
    t_end: float | None = None,
    zero_tol: float = 1e-9,
) -> BalanceDynamics:
    """Prediction of ``dX/dt = X Xᵀ`` (Traag et al. 2013) for any square ``x0``, by numerical
    integration up to the blow-up (``‖X‖_F`` grown by ``growth``): factions from the signs of the
    dominant eigenvector of the symmetric part of ``X`` there, ``balanced`` when the sign pattern
    of ``X`` itself agrees with that split.

    >>> r = traag([[0, 1, -1], [0.5, 0, -1], [-1, -0.5, 0]], names="ABC")
    >>> r.factions, r.balanced
    ((('A', 'B'), ('C',)), True)
    """
    x = _square(x0)
    names = _names(names, x.shape[0])
    if not np.any(x):
        raise ModelInputError("x0: all opinions are zero, so nothing evolves")
    tr = integrate(x, t_end, model="traag", growth=growth)
    end = tr.x[-1]
    lam0 = np.linalg.eigvalsh((x + x.T) / 2.0)
    lam, u = np.linalg.eigh((end + end.T) / 2.0)
    lead = float(lam0[-1])
    gap = float(lam0[-1] - lam0[-2]) if lam0.size > 1 else float("inf")
    end_gap = float(lam[-1] - lam[-2]) if lam.size > 1 else float("inf")
    vector, factions, undecided = _split(u[:, -1], names, zero_tol)
    if not tr.blown_up:
        outcome = "no blow-up"
    elif factions[1] or undecided:
        outcome = "factions"
    else:
        outcome = "harmony"
    return BalanceDynamics(
        model="traag",
        actors=tuple(names),
        outcome=outcome,
        blow_up_time=tr.blow_up_time,
        factions=factions,
        undecided=undecided,
        vector=tuple(float(v) for v in vector),
        leading_eigenvalue=lead,
        eigen_gap=gap,
        degenerate=bool(end_gap <= 1e-3 * max(1.0, abs(float(lam[-1])))),
        balanced=tr.blown_up and not undecided and is_balanced(end, vector),
        method=f"numerical (solve_ivp DOP853, stop at norm x {growth:g})",
    )


# -- scenarios -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DynamicsInputs:
    """The initial opinion matrix of a scenario, with the actors left out and why."""

    actors: tuple[str, ...]
    x0: NDArray[np.float64]
    left_out: dict[str, str]
    scenario_id: str
    channel: str | None


def dynamics_inputs(scenario: Scenario, channel: str | None = None) -> DynamicsInputs:
    """``X₀`` from the scenario's net ties (symmetric, zero diagonal, 0 where untied) over its
    non-bloc actors; blocs and actors with no tie in the channel are left out with the reason."""
    from blocs.scenario.model import ActorKind
    from blocs.scenario.network import channel_name, net_ties, tie_matrix

    channel = channel_name(channel)
    left_out: dict[str, str] = {}
    candidates = []
    for a in scenario.actors:
        if a.kind == ActorKind.bloc:
            left_out[a.id] = "a bloc (a grouping, not a party to balance)"
        else:
            candidates.append(a.id)
    ties = {
        pair: v
        for pair, v in net_ties(scenario, channel).items()
        if v != 0.0 and pair[0] in candidates and pair[1] in candidates
    }
    tied = {a for pair in ties for a in pair}
    actors = [a for a in candidates if a in tied]
    for a in candidates:
        if a not in tied:
            left_out[a] = f"no tie in channel {channel or 'overall'}"
    if len(actors) < 2:
        raise ModelInputError(
            f"scenario '{scenario.id}': fewer than two actors are tied in channel"
            f" {channel or 'overall'}; add ties or choose another channel"
        )
    return DynamicsInputs(
        actors=tuple(actors),
        x0=tie_matrix(scenario, actors, channel),
        left_out=left_out,
        scenario_id=scenario.id,
        channel=channel,
    )


def dynamics_from_scenario(
    scenario: Scenario, channel: str | None = None, *, model: Model = "marvel"
) -> BalanceDynamics:
    """:func:`marvel` (or :func:`traag`) of a scenario's net-tie matrix.

    >>> import blocs
    >>> r = dynamics_from_scenario(blocs.load("russia-iran-2017"))
    >>> r.outcome in {"factions", "harmony", "no blow-up"}
    True
    """
    if model not in MODELS:
        raise ModelInputError(f"model: '{model}' is not one of {', '.join(MODELS)}")
    inputs = dynamics_inputs(scenario, channel)
    run = marvel if model == "marvel" else traag
    result = run(inputs.x0, names=inputs.actors)
    return BalanceDynamics(
        **{
            **{k: getattr(result, k) for k in result.__dataclass_fields__},
            "left_out": inputs.left_out,
            "scenario_id": inputs.scenario_id,
            "channel": inputs.channel,
        }
    )
