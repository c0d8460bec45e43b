"""Reading and writing scenarios as YAML 1.2 (ruamel.yaml, safe mode) or JSON.

Errors name the file, the line and the field::

    russia-iran-2017.yaml:48: ties[7].channel: 'militray' is not one of military, economic, ...

YAML 1.2 keeps ``NO`` (Norway) a string; only plain data is constructed (no tags, no objects).

Examples
--------
>>> from blocs.scenario.io import loads_scenario, dumps_scenario
>>> text = '''
... id: toy
... title: Toy
... actors: [{id: NOR, name: Norway}, {id: SWE, name: Sweden}]
... '''
>>> s = loads_scenario(text)
>>> loads_scenario(dumps_scenario(s)) == s
True
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from blocs.errors import ModelInputError, ScenarioError
from blocs.scenario.model import Scenario

_PATH_RE = re.compile(r"^(?P<path>[A-Za-z_]\w*(?:\[\d+\]|\.\w+)*): (?P<msg>.*)$")


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=True)
    y.version = (1, 2)
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 100
    y.sort_base_mapping_type_on_output = False  # keep field order
    return y


def _loc_to_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _path_to_loc(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"\w+", path)]


def _line_of(root: Node | None, loc: list[str | int]) -> int | None:
    """The 1-based line of the deepest node of ``root`` that ``loc`` reaches."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        nxt = None
        if isinstance(node, MappingNode) and isinstance(part, str):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if nxt is None:  # a missing field: point at the mapping that lacks it
                break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = node.value[part]
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def line_of(root: Node | None, path: list[str | int]) -> int | None:
    """The 1-based line of the field at ``path`` (e.g. ``["ties", 3, "strength"]``) in a YAML
    node tree from :func:`parse_yaml`; the nearest enclosing line where the field is absent."""
    return _line_of(root, path)


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        values = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return f"{err['input']!r} is not one of {values}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        values = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return f"{err['input']!r} is not one of {values}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _validation_errors(exc: ValidationError, root: Node | None) -> list[tuple[int | None, str]]:
    found: list[tuple[int | None, str]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = _describe(err)
        if err["type"] == "value_error":
            # model-level checks report "path: message" parts, one per line
            parts = msg.split("\n")
            for part in parts:
                m = _PATH_RE.match(part)
                if m:
                    inner = _path_to_loc(m["path"])
                    full = list(loc) + inner
                    found.append((_line_of(root, full), f"{_loc_to_path(tuple(full))}: {m['msg']}"))
                else:
                    path = _loc_to_path(loc) or "(scenario)"
                    found.append((_line_of(root, list(loc)), f"{path}: {part}"))
            continue
        found.append((_line_of(root, list(loc)), f"{_loc_to_path(loc)}: {msg}"))
    return found


def parse_yaml(text: str, *, file: str = "<string>") -> tuple[Any, Node | None]:
    """Parse YAML 1.2 text into plain data and its node tree (for line numbers)."""
    y = _yaml()
    try:
        root = y.compose(text)
        # the data from the same node tree: the text is parsed once
        data = None if root is None else y.constructor.construct_document(root)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        raise ScenarioError(f"not valid YAML: {problem}", file=file, line=line) from None
    except YAMLError as exc:
        raise ScenarioError(f"not valid YAML: {exc}", file=file) from None
    return data, root


def validate_data(model: type[Any], data: Any, root: Node | None, *, file: str) -> Any:
    """Validate plain data against a pydantic model; a failure becomes a located error whose
    message lists every problem (the first one on the first line)."""
    if not isinstance(data, dict):
        raise ScenarioError("the file must hold a mapping (key: value) at its top", file=file)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = _validation_errors(exc, root)
        problems.sort(key=lambda p: p[0] or 0)
        line, first = problems[0]
        more = [f"{file}:{ln}: {m}" if ln else f"{file}: {m}" for ln, m in problems[1:]]
        message = first + ("".join(f"\n  also {m}" for m in more) if more else "")
        err = ScenarioError(message, file=file, line=line)
        err.problems = problems  # type: ignore[attr-defined]
        raise err from None


#: Above this many ties a scenario is written as YAML 1.2 in its JSON form (one tie per line):
#: block-style YAML of tens of thousands of ties takes minutes to write and read in pure Python.
JSON_FORM_ABOVE = 2000
_JSON_FORM_HEADER = "# blocs scenario: YAML 1.2 in its JSON form, one tie per line\n"


def _json_form(data: dict[str, Any]) -> str:
    """YAML 1.2 text in JSON syntax: each top-level field on its lines, one list item a line."""
    out = [_JSON_FORM_HEADER, "{\n"]
    fields = list(data.items())
    for k, (key, value) in enumerate(fields):
        tail = ",\n" if k < len(fields) - 1 else "\n"
        head = json.dumps(key) + ": "
        if isinstance(value, list) and value:
            items = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            out.append(f"{head}[\n{items}\n]{tail}")
        else:
            out.append(head + json.dumps(value, ensure_ascii=False) + tail)
    out.append("}\n")
    return "".join(out)


def _json_data(text: str) -> Any:
    """The data of a text in JSON syntax (after comment lines), or None for any other text."""
    body = text.lstrip()
    while body.startswith("#"):
        body = body.split("\n", 1)[1].lstrip() if "\n" in body else ""
    if not body.startswith("{"):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def loads_scenario(text: str, *, file: str = "<string>") -> Scenario:
    """A scenario from YAML (or JSON, a subset of YAML 1.2) text.

    Text in JSON syntax is read with the JSON parser (large built scenarios in seconds, not
    minutes); if it does not validate, it is parsed again as YAML so that every error names its
    line.
    """
    data = _json_data(text)
    if isinstance(data, dict):
        try:
            return Scenario.model_validate(data)
        except ValidationError:
            pass
    data, root = parse_yaml(text, file=file)
    return validate_data(Scenario, data, root, file=file)


def load_scenario(path: str | Path) -> Scenario:
    """A scenario from a ``.yaml``/``.yml``/``.json`` file; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError("no such file", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text ({exc.reason})", file=str(path)) from None
    return loads_scenario(text, file=path.name)


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """Plain data (JSON types) for a scenario, without empty optional fields."""
    return scenario.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


def dumps_scenario(scenario: Scenario, *, format: str = "yaml") -> str:
    """Text of a scenario as ``yaml`` or ``json``; YAML of more than :data:`JSON_FORM_ABOVE`
    ties is written in YAML's JSON form, one tie per line."""
    data = scenario_to_data(scenario)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ModelInputError(f"format must be yaml or json, not {format!r}")
    if len(scenario.ties) > JSON_FORM_ABOVE:
        return _json_form(data)
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def save_scenario(scenario: Scenario, path: str | Path, *, format: str | None = None) -> Path:
    """Write a scenario; the format follows the suffix unless given."""
    path = Path(path)
    fmt = format or ("json" if path.suffix == ".json" else "yaml")
    path.write_text(dumps_scenario(scenario, format=fmt), encoding="utf-8")
    return path
