"""The layers import only downward: scenario → measure → models → whatif → assessment →
report and the command line. Every ``import`` in the package is read (also those inside
functions), so a lazy import cannot hide an upward one."""

from __future__ import annotations

import ast
from pathlib import Path

import blocs

PACKAGE = Path(blocs.__file__).parent

#: Rank of each top-level part; a module may import its own rank or lower ones.
RANK: dict[str, int] = {
    "_lazy": 0,
    "_version": 0,
    "errors": 0,
    "results": 0,
    "seeding": 0,
    "scenario": 1,
    "measure": 2,
    "models": 3,
    "whatif": 4,
    "assessment": 5,
    "report": 6,
    "commands": 7,
    "cli": 8,
    "__main__": 9,
    "": 9,  # the package root re-exports the public API
}


def part(module: str) -> str:
    """The top-level part of a ``blocs`` module name (``""`` for the package root)."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("blocs", *path.relative_to(PACKAGE).with_suffix("").parts))
        out[name.removesuffix(".__init__")] = path
    return out


def imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every blocs module ``module`` imports, with the line (relative imports resolved)."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((base, node.lineno))
    return [(name, line) for name, line in found if name == "blocs" or name.startswith("blocs.")]


def test_every_part_has_a_rank() -> None:
    unknown = {part(m) for m in modules()} - set(RANK)
    assert not unknown, f"give these parts a rank in RANK: {sorted(unknown)}"


def test_no_upward_import() -> None:
    upward = []
    for module, path in sorted(modules().items()):
        here = RANK[part(module)]
        for name, line in imports(module, path):
            if RANK.get(part(name), 9) > here:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} imports {name}")
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    path = tmp_path / "wedge.py"
    path.write_text("def f():\n    from blocs.report import html\n", encoding="utf-8")
    ((name, line),) = imports("blocs.whatif.wedge", path)
    assert (name, line) == ("blocs.report", 2) and RANK[part(name)] > RANK["whatif"]
