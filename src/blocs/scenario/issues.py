"""Issues a scenario's actors bargain over: a scale whose ends are described in words, and each
actor's position and salience, evidenced or labelled an assumption with a range.

A scenario's ``issues:`` section lists :class:`Issue` items. Capabilities are not given here:
they come from the scenario's ``size_attribute`` (every actor holding a stance needs it). An issue
may play a part in the bargaining lens of the wedge (:class:`IssueRole`): ``concession`` issues
are where the divider could concede to the target; a ``partner`` issue is one where the target's
stance matters to the partner, with the ``threshold`` the divider needs the forecast to pass and
the ``goal`` side (``below`` or ``above``).

Examples
--------
>>> issue = Issue.model_validate({
...     "id": "tariff", "title": "Tariff on steel",
...     "scale": {"low": 0, "high": 100, "low_means": "no tariff", "high_means": "prohibitive"},
...     "stances": [
...         {"actor": "A", "position": 10, "salience": 0.5,
...          "assumption": "our coding", "position_range": [0, 30], "salience_range": [0.3, 0.7]},
...         {"actor": "B", "position": 80, "salience": 0.9,
...          "evidence": [{"source": "s", "paragraph": 2, "claim": "B wants a high tariff."}]},
...     ]})
>>> issue.stance("B").position, issue.stance("A").evidenced
(80.0, False)
>>> try:
...     IssueScale(low=100, high=0, low_means="x", high_means="y")
... except ValueError as exc:
...     print(exc.errors()[0]["msg"])
Value error, the scale is given backwards: high (0) must exceed low (100)
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from blocs.scenario.model import Evidence, Scenario

__all__ = ["Issue", "IssueGoal", "IssueRole", "IssueScale", "Stance", "check_issues"]

_ID = r"^[A-Za-z][A-Za-z0-9_.-]*$"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IssueRole(StrEnum):
    """The part an issue plays in the bargaining lens of the wedge."""

    concession = "concession"
    partner = "partner"


class IssueGoal(StrEnum):
    """Which side of the threshold the divider wants the forecast on."""

    below = "below"
    above = "above"


class IssueScale(_Frozen):
    """The issue's scale: two numbers and what each end means, in words."""

    low: float = 0.0
    high: float = 100.0
    low_means: str = Field(min_length=1)
    high_means: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> IssueScale:
        if not self.high > self.low:
            raise ValueError(
                f"the scale is given backwards: high ({self.high:g}) must exceed low ({self.low:g})"
            )
        return self


class Stance(_Frozen):
    """One actor's position and salience (0–1) on an issue, evidenced or assumed with ranges."""

    actor: str
    position: float
    salience: float
    position_range: tuple[float, float] | None = None
    salience_range: tuple[float, float] | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    assumption: str | None = Field(
        default=None, min_length=1, description="Why this stance is assumed (no evidence)."
    )

    @model_validator(mode="after")
    def _basis(self) -> Stance:
        if not 0.0 <= self.salience <= 1.0:
            raise ValueError(
                f"salience {self.salience:g} of {self.actor} is outside its scale [0, 1]"
            )
        if not self.evidence and self.assumption is None:
            raise ValueError(
                f"the stance of {self.actor} needs evidence (source, paragraph) or an "
                "assumption with position_range and salience_range"
            )
        if self.assumption is not None and (
            self.position_range is None or self.salience_range is None
        ):
            raise ValueError(
                f"the assumed stance of {self.actor} needs position_range and salience_range"
            )
        for name, rng, value in (
            ("position_range", self.position_range, self.position),
            ("salience_range", self.salience_range, self.salience),
        ):
            if rng is not None and not rng[0] <= value <= rng[1]:
                raise ValueError(
                    f"{name} [{rng[0]:g}, {rng[1]:g}] of {self.actor} must hold its value "
                    f"{value:g} (low first)"
                )
        if self.salience_range is not None and not (
            self.salience_range[0] >= 0.0 and self.salience_range[1] <= 1.0
        ):
            raise ValueError(f"salience_range of {self.actor} is outside [0, 1]")
        return self

    @property
    def evidenced(self) -> bool:
        return bool(self.evidence)


class Issue(_Frozen):
    """An issue: its scale, each actor's stance, and its part in the bargaining lens."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    scale: IssueScale
    stances: list[Stance] = Field(min_length=2)
    role: IssueRole | None = None
    threshold: float | None = None
    goal: IssueGoal | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lens(self) -> Issue:
        if self.role is IssueRole.partner and (self.threshold is None or self.goal is None):
            raise ValueError("a partner issue needs a threshold and a goal (below or above)")
        return self

    def stance(self, actor: str) -> Stance:
        for s in self.stances:
            if s.actor == actor:
                return s
        raise KeyError(actor)

    @property
    def actors(self) -> list[str]:
        return [s.actor for s in self.stances]


def check_issues(scenario: Scenario) -> list[str]:
    """Cross-checks against the rest of the scenario, as ``path: message`` lines: unknown or
    repeated actors, positions and ranges off the scale, thresholds off the scale, and
    capabilities (the size attribute) missing or not summing to a positive number."""
    errors: list[str] = []
    known = {a.id for a in scenario.actors}
    sizes = scenario.sizes()
    seen_ids: set[str] = set()
    for i, issue in enumerate(scenario.issues):
        where = f"issues[{i}]"
        if issue.id in seen_ids:
            errors.append(f"{where}.id: duplicate issue id '{issue.id}'")
        seen_ids.add(issue.id)
        lo, hi = issue.scale.low, issue.scale.high
        if issue.threshold is not None and not lo <= issue.threshold <= hi:
            errors.append(
                f"{where}.threshold: {issue.threshold:g} is off the scale [{lo:g}, {hi:g}]"
            )
        seen: set[str] = set()
        total = 0.0
        for j, st in enumerate(issue.stances):
            at = f"{where}.stances[{j}]"
            if st.actor not in known:
                errors.append(f"{at}.actor: unknown actor '{st.actor}'")
                continue
            if st.actor in seen:
                errors.append(f"{at}.actor: '{st.actor}' has two stances on this issue")
            seen.add(st.actor)
            if not lo <= st.position <= hi:
                errors.append(
                    f"{at}.position: {st.position:g} is off the issue's scale [{lo:g}, {hi:g}]"
                )
            if st.position_range is not None and not (
                lo <= st.position_range[0] and st.position_range[1] <= hi
            ):
                errors.append(f"{at}.position_range: outside the issue's scale [{lo:g}, {hi:g}]")
            if not scenario.size_attribute:
                errors.append(
                    f"{at}.actor: capabilities come from the scenario's size_attribute, which is "
                    "not set"
                )
            elif st.actor not in sizes:
                errors.append(
                    f"{at}.actor: '{st.actor}' has no '{scenario.size_attribute}' attribute "
                    "(its capability)"
                )
            else:
                if sizes[st.actor] < 0:
                    errors.append(f"{at}.actor: '{st.actor}' has a negative capability")
                total += sizes[st.actor]
        if scenario.size_attribute and not total > 0:
            errors.append(
                f"{where}.stances: the capabilities ({scenario.size_attribute}) of the actors "
                "do not sum to a positive number"
            )
    return errors
