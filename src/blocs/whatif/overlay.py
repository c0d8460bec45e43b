"""Shocks as overlays: a YAML file of changes applied to a scenario, giving a new scenario and a
list of what changed.

An overlay changes ties (set, scale, remove or add, by id or by pair and channel), adds an
inducement (the divider offers the target a package worth X a year), removes a stake (the
Syrian war ends: the ties and figures that hang on it are dropped or weakened), scales an
actor's figure, or adds a membership (China lifts its block on Iran's SCO membership)::

    id: syria-war-ends
    title: The Syrian war ends
    changes:
      - op: end_stake
        label: the war in Syria
        ties: [rus-irn-syria]
        factor: 0.0
        attributes: [{actor: RUS, name: syria_contractor_spending}]

Applying an overlay never edits the original: it returns a new, fully validated scenario in
which everything the overlay added or changed carries evidence pointing at the overlay itself
(a source ``overlay-<id>``, located at ``changes[i]``), so that a what-if result can never pass a
hypothesis off as a sourced figure. Errors name the overlay file and the line of the change.

Examples
--------
>>> import blocs
>>> ov = loads_overlay('''
... id: calm
... title: Russia and the US make up
... changes:
...   - {op: set_tie, id: usa-rus-political, strength: 0.2, note: a summit goes well}
... ''')
>>> result = apply_overlay(blocs.load("russia-iran-2017"), ov)
>>> from blocs.scenario.network import net_tie
>>> net_tie(result.scenario, "USA", "RUS", "political")
0.2
>>> result.changes[0].before, result.changes[0].after
(-0.3, 0.2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from blocs.errors import ScenarioError
from blocs.scenario.io import _line_of, parse_yaml, validate_data
from blocs.scenario.model import Channel, MembershipStatus, Scenario


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note: str | None = None


class _TieSelector(_Op):
    id: str | None = None
    pair: tuple[str, str] | None = None
    channel: Channel | None = None

    @model_validator(mode="after")
    def _selects(self) -> _TieSelector:
        if self.id is None and (self.pair is None or self.channel is None):
            raise ValueError("select a tie by 'id', or by 'pair' and 'channel'")
        return self

    def describe(self) -> str:
        if self.id:
            return f"ties[{self.id}]"
        return f"ties[{self.pair[0]}-{self.pair[1]}, {self.channel.value}]"  # type: ignore[index,union-attr]


class SetTie(_TieSelector):
    """Set the strength of a tie; with ``pair`` and ``channel`` and no such tie, add one."""

    op: Literal["set_tie"]
    strength: float = Field(ge=-1.0, le=1.0)


class ScaleTie(_TieSelector):
    """Multiply a tie's strength by ``factor`` (clipped to [-1, 1]); 0 removes it."""

    op: Literal["scale_tie"]
    factor: float


class RemoveTie(_TieSelector):
    """Remove a tie (by id) or every tie of a pair in a channel."""

    op: Literal["remove_tie"]


class AddTie(_Op):
    """Add a tie."""

    op: Literal["add_tie"]
    id: str | None = None
    pair: tuple[str, str]
    channel: Channel
    strength: float = Field(ge=-1.0, le=1.0)


class TieChange(BaseModel):
    """The tie an inducement creates between divider and target (optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel: Channel = Channel.economic
    strength: float = Field(ge=-1.0, le=1.0)


class Inducement(_Op):
    """The ``from`` actor offers the ``to`` actor a package worth ``amount`` a year."""

    op: Literal["inducement"]
    from_: str = Field(alias="from")
    to: str
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    amount: float = Field(ge=0)
    unit: str = "USD"
    per: Literal["year", "month"] = "year"
    tie: TieChange | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class AttributeRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: str
    name: str


class EndStake(_Op):
    """A stake disappears: its ties are scaled by ``factor`` (0 removes them) and so are the
    figures that hang on it."""

    op: Literal["end_stake"]
    label: str = Field(min_length=1)
    ties: list[str] = Field(default_factory=list)
    factor: float = Field(default=0.0, ge=0.0, le=1.0)
    attributes: list[AttributeRef] = Field(default_factory=list)


class ScaleAttribute(_Op):
    """Multiply an actor's figure (and the quantity of its evidence) by ``factor``."""

    op: Literal["scale_attribute"]
    actor: str
    name: str
    factor: float = Field(ge=0.0)


class AddMembership(_Op):
    """An actor joins a bloc (or changes status in it)."""

    op: Literal["add_membership"]
    actor: str
    bloc: str
    status: MembershipStatus = MembershipStatus.member


Change = Annotated[
    SetTie | ScaleTie | RemoveTie | AddTie | Inducement | EndStake | ScaleAttribute | AddMembership,
    Field(discriminator="op"),
]


class Overlay(BaseModel):
    """A named set of changes to a scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.+-]*$")
    title: str = Field(min_length=1)
    description: str | None = None
    scenario: str | None = None
    changes: list[Change] = Field(min_length=1)

    _file: str = PrivateAttr(default="<overlay>")
    _lines: dict[int, int] = PrivateAttr(default_factory=dict)

    def locate(self, index: int) -> tuple[str, int | None]:
        """The file and line of change ``index`` (when the overlay was read from YAML)."""
        return self._file, self._lines.get(index)


@dataclass(frozen=True)
class OverlayChange:
    """One change an overlay made: where, the value before and after, and why."""

    index: int
    op: str
    path: str
    before: Any
    after: Any
    description: str


@dataclass(frozen=True)
class OverlayResult:
    """The scenario after the overlay, and the list of changes."""

    overlay_id: str = field(metadata={"json": "overlay"})
    title: str
    scenario: Scenario = field(repr=False)
    changes: tuple[OverlayChange, ...]

    __json_properties__: ClassVar[dict[str, str]] = {"scenario": "scenario_id"}

    @property
    def scenario_id(self) -> str:
        """The id of the scenario after the overlay."""
        return self.scenario.id


# -- reading ----------------------------------------------------------------------------------
def loads_overlay(text: str, *, file: str = "<string>") -> Overlay:
    """An overlay from YAML text; errors name the file and line."""
    data, root = parse_yaml(text, file=file)
    overlay = validate_data(Overlay, data, root, file=file)
    overlay._file = file
    changes = data.get("changes") if isinstance(data, dict) else None
    for i in range(len(changes or [])):
        line = _line_of(root, ["changes", i])
        if line is not None:
            overlay._lines[i] = line
    return overlay


def load_overlay(path: str | Path) -> Overlay:
    """An overlay from a file, or one of the examples that ship with blocs by name."""
    from blocs.whatif.library import overlay_path, overlays

    text_path = str(path)
    if not isinstance(path, Path) and text_path in overlays():
        path = overlay_path(text_path)
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError("no such overlay file", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    return loads_overlay(text, file=path.name)


def dumps_overlay(overlay: Overlay) -> str:
    """YAML text of an overlay (read back by :func:`loads_overlay`)."""
    import io

    from blocs.scenario.io import _yaml

    data = overlay.model_dump(mode="json", exclude_none=True, by_alias=True)
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


# -- applying ---------------------------------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class _Applier:
    def __init__(self, scenario: Scenario, overlay: Overlay):
        self.overlay = overlay
        self.data = scenario.model_dump(mode="json", exclude_none=True)
        self.source_id = f"overlay-{_slug(overlay.id)}"
        self.changes: list[OverlayChange] = []
        self.actors = {a["id"] for a in self.data["actors"]}

    def error(self, index: int, message: str) -> ScenarioError:
        file, line = self.overlay.locate(index)
        return ScenarioError(f"changes[{index}]: {message}", file=file, line=line)

    def evidence(self, index: int, claim: str) -> dict[str, Any]:
        return {"source": self.source_id, "locator": f"changes[{index}]", "claim": claim}

    def record(self, index: int, op: str, path: str, before: Any, after: Any, text: str) -> None:
        self.changes.append(OverlayChange(index, op, path, before, after, text))

    def check_actor(self, index: int, actor: str, field: str) -> None:
        if actor not in self.actors:
            known = ", ".join(sorted(self.actors))
            raise self.error(index, f"{field}: unknown actor '{actor}' (known: {known})")

    def select(self, index: int, sel: _TieSelector, *, allow_none: bool = False) -> list[int]:
        ties = self.data["ties"]
        if sel.id is not None:
            found = [i for i, t in enumerate(ties) if (t.get("id") or "").lower() == sel.id.lower()]
        else:
            pair = set(sel.pair)  # type: ignore[arg-type]
            for j, a in enumerate(sel.pair):  # type: ignore[arg-type]
                self.check_actor(index, a, f"pair[{j}]")
            found = [
                i
                for i, t in enumerate(ties)
                if set(t["pair"]) == pair and t["channel"] == sel.channel.value  # type: ignore[union-attr]
            ]
        if not found and not allow_none:
            raise self.error(index, f"no tie {sel.describe()} in the scenario")
        return found

    def new_tie(
        self, index: int, pair: Any, channel: Channel, strength: float, tie_id: Any, why: str
    ):
        for j, a in enumerate(pair):
            self.check_actor(index, a, f"pair[{j}]")
        tie = {
            "pair": list(pair),
            "channel": channel.value,
            "strength": strength,
            "rationale": why,
            "evidence": [self.evidence(index, why)],
        }
        if tie_id:
            tie["id"] = tie_id
        self.data["ties"].append(tie)
        path = f"ties[{tie_id or f'{pair[0]}-{pair[1]}, {channel.value}'}]"
        self.record(index, "add_tie", path, None, strength, why)

    def set_strength(self, index: int, i: int, value: float, op: str, why: str) -> None:
        tie = self.data["ties"][i]
        before = tie["strength"]
        tie["strength"] = max(-1.0, min(1.0, value))
        tie["evidence"] = [*tie["evidence"], self.evidence(index, why)]
        path = f"ties[{tie.get('id') or i}]"
        self.record(index, op, path, before, tie["strength"], why)

    def remove(self, index: int, idx: list[int], op: str, why: str) -> None:
        for i in sorted(idx, reverse=True):
            tie = self.data["ties"].pop(i)
            path = f"ties[{tie.get('id') or i}]"
            self.record(index, op, path, tie["strength"], None, why)

    def attribute(self, index: int, actor: str, name: str) -> dict[str, Any]:
        self.check_actor(index, actor, "actor")
        a = next(x for x in self.data["actors"] if x["id"] == actor)
        attr = next((x for x in a.get("attributes", []) if x["name"] == name), None)
        if attr is None:
            have = ", ".join(x["name"] for x in a.get("attributes", [])) or "none"
            raise self.error(index, f"actor {actor} has no attribute '{name}' (it has: {have})")
        return attr

    def scale_attribute(self, index: int, actor: str, name: str, factor: float, why: str) -> None:
        attr = self.attribute(index, actor, name)
        before = attr["value"]
        attr["value"] = before * factor
        first = next((e for e in attr["evidence"] if e.get("quantity")), None)
        ev = self.evidence(index, why)
        if first is not None:
            q = dict(first["quantity"])
            q["value"] = q["value"] * factor
            for key in ("low", "high"):
                if q.get(key) is not None:
                    q[key] = q[key] * factor
            ev["quantity"] = q
        attr["evidence"] = [ev, *attr["evidence"]]
        path = f"actors[{actor}].attributes[{name}]"
        self.record(index, "scale_attribute", path, before, attr["value"], why)

    def apply(self, index: int, ch: Any) -> None:
        why = ch.note
        if isinstance(ch, SetTie):
            why = why or f"{self.overlay.title}: {ch.describe()} set to {ch.strength:g}"
            found = self.select(index, ch, allow_none=ch.id is None)
            if not found:
                self.new_tie(index, ch.pair, ch.channel, ch.strength, None, why)  # type: ignore[arg-type]
            elif len(found) > 1:
                raise self.error(
                    index, f"{ch.describe()} matches {len(found)} ties; select one by id"
                )
            else:
                self.set_strength(index, found[0], ch.strength, "set_tie", why)
        elif isinstance(ch, ScaleTie):
            why = why or f"{self.overlay.title}: {ch.describe()} scaled by {ch.factor:g}"
            found = self.select(index, ch)
            if ch.factor == 0:
                self.remove(index, found, "scale_tie", why)
            else:
                for i in found:
                    value = self.data["ties"][i]["strength"] * ch.factor
                    self.set_strength(index, i, value, "scale_tie", why)
        elif isinstance(ch, RemoveTie):
            why = why or f"{self.overlay.title}: {ch.describe()} removed"
            self.remove(index, self.select(index, ch), "remove_tie", why)
        elif isinstance(ch, AddTie):
            why = why or f"{self.overlay.title}: new tie"
            if ch.id and any((t.get("id") or "") == ch.id for t in self.data["ties"]):
                raise self.error(index, f"id: a tie '{ch.id}' already exists (use set_tie)")
            self.new_tie(index, ch.pair, ch.channel, ch.strength, ch.id, why)
        elif isinstance(ch, Inducement):
            self.inducement(index, ch)
        elif isinstance(ch, EndStake):
            why = why or f"{self.overlay.title}: {ch.label} ends"
            for tie_id in ch.ties:
                sel = ScaleTie(op="scale_tie", id=tie_id, factor=ch.factor, note=why)
                self.apply(index, sel)
            for ref in ch.attributes:
                self.scale_attribute(index, ref.actor, ref.name, ch.factor, why)
            if not ch.ties and not ch.attributes:
                raise self.error(index, "end_stake names no ties and no attributes")
        elif isinstance(ch, ScaleAttribute):
            why = why or f"{self.overlay.title}: {ch.name} of {ch.actor} scaled by {ch.factor:g}"
            self.scale_attribute(index, ch.actor, ch.name, ch.factor, why)
        elif isinstance(ch, AddMembership):
            self.membership(index, ch)

    def inducement(self, index: int, ch: Inducement) -> None:
        self.check_actor(index, ch.from_, "from")
        self.check_actor(index, ch.to, "to")
        why = ch.note or f"{self.overlay.title}: {ch.label}"
        name = inducement_attribute(ch.from_, ch.name)
        actor = next(a for a in self.data["actors"] if a["id"] == ch.to)
        attrs = actor.setdefault("attributes", [])
        if any(a["name"] == name for a in attrs):
            raise self.error(index, f"name: actor {ch.to} already has an attribute '{name}'")
        ev = self.evidence(index, why)
        ev["quantity"] = {"value": ch.amount, "unit": ch.unit, "per": ch.per, "bound": "exact"}
        attrs.append(
            {"name": name, "value": ch.amount, "unit": ch.unit, "per": ch.per, "evidence": [ev]}
        )
        path = f"actors[{ch.to}].attributes[{name}]"
        self.record(index, "inducement", path, None, ch.amount, why)
        if ch.tie is not None:
            tie_id = f"{ch.from_.lower()}-{ch.to.lower()}-{ch.name.replace('_', '-')}"
            self.new_tie(index, (ch.from_, ch.to), ch.tie.channel, ch.tie.strength, tie_id, why)

    def membership(self, index: int, ch: AddMembership) -> None:
        self.check_actor(index, ch.actor, "actor")
        self.check_actor(index, ch.bloc, "bloc")
        why = ch.note or f"{self.overlay.title}: {ch.actor} becomes {ch.status.value} of {ch.bloc}"
        mems = self.data.setdefault("memberships", [])
        old = next((m for m in mems if m["actor"] == ch.actor and m["bloc"] == ch.bloc), None)
        before = old["status"] if old else None
        if old is not None:
            old["status"] = ch.status.value
            old["evidence"] = [*old["evidence"], self.evidence(index, why)]
        else:
            mems.append(
                {
                    "actor": ch.actor,
                    "bloc": ch.bloc,
                    "status": ch.status.value,
                    "evidence": [self.evidence(index, why)],
                }
            )
        path = f"memberships[{ch.actor}→{ch.bloc}]"
        self.record(index, "add_membership", path, before, ch.status.value, why)


def inducement_attribute(divider: str, name: str) -> str:
    """The attribute name under which an inducement from ``divider`` is stored on the target."""
    return f"inducement_{divider.lower()}_{name}"


def offered_package(scenario: Scenario, *, divider: str, target: str) -> float:
    """The yearly value of the packages ``divider`` already offers ``target`` (from overlays)."""
    prefix = inducement_attribute(divider, "")
    total = 0.0
    for attr in scenario.actor(target).attributes:
        if attr.name.startswith(prefix):
            total += attr.value * (12.0 if attr.per == "month" else 1.0)
    return total


def apply_overlay(scenario: Scenario, overlay: Overlay) -> OverlayResult:
    """Apply an overlay to a scenario: a new validated scenario and the list of changes."""
    if overlay.scenario and overlay.scenario != scenario.id:
        file, _ = overlay.locate(0)
        raise ScenarioError(
            f"scenario: this overlay is written for '{overlay.scenario}', not '{scenario.id}'",
            file=file,
        )
    app = _Applier(scenario, overlay)
    for i, change in enumerate(overlay.changes):
        app.apply(i, change)
    file, _ = overlay.locate(0)
    app.data["sources"] = [
        *app.data.get("sources", []),
        {
            "id": app.source_id,
            "title": f"What-if overlay: {overlay.title}",
            "kind": "analysis",
            "file": file,
        },
    ]
    try:
        new = Scenario.model_validate(app.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ScenarioError(
            f"the scenario after this overlay is not valid: {first['msg']}", file=file
        ) from None
    return OverlayResult(
        overlay_id=overlay.id, title=overlay.title, scenario=new, changes=tuple(app.changes)
    )
