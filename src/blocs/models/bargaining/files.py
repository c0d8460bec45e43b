"""Reading bargaining inputs from the files the field uses: the BDM layout
(``Actor,Capability,Position,Salience``), KTAB's SMP layout, and the DEU III issues file.

Every reader raises :class:`~blocs.errors.DataFormatError` naming the file, line and field;
the DEU reader counts the issues it cannot use and says why, never dropping one silently.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "two.csv"
>>> _ = path.write_text("Actor,Capability,Position,Salience\\nA,1,0,1\\nB,1,10,0.5\\n")
>>> inp = read_bdm_csv(path)
>>> inp.actors, inp.scale.tolist()
(('A', 'B'), [[0.0, 10.0]])
>>> _ = path.write_text("Actor,Capability,Position,Salience\\nA,1,0,1\\nB,x,10,0.5\\n")
>>> read_bdm_csv(path)
Traceback (most recent call last):
...
blocs.errors.DataFormatError: ...two.csv:3: Capability: 'x' is not a number
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from blocs.errors import DataFormatError, ModelInputError
from blocs.models.bargaining.inputs import BargainingInput

__all__ = ["DeuIssue", "DeuIssues", "read_bdm_csv", "read_deu", "read_ktab_csv", "sniff_layout"]


def _rows(path: Path, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            text = fh.read().replace("\r\n", "\n").replace("\r", "\n")
    except OSError as exc:
        raise DataFormatError(f"cannot read the file ({exc.strerror})", file=str(path)) from None
    reader = csv.reader(text.split("\n"), delimiter=delimiter)
    return [(i, row) for i, row in enumerate(reader, start=1) if any(c.strip() for c in row)]


def _num(text: str, path: Path, line: int, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataFormatError(
            f"{what}: '{text.strip()}' is not a number", file=str(path), line=line
        ) from None
    if not math.isfinite(value):
        raise DataFormatError(f"{what}: '{text.strip()}' is not finite", file=str(path), line=line)
    return value


def sniff_layout(path: Path) -> str:
    """``"bdm"`` (header ``Actor,Capability,Position,Salience``), ``"ktab"`` (KTAB's SMP CSV)
    or ``"deu"`` (tab-separated DEU III), from the first lines of the file."""
    rows = _rows(path)
    if not rows:
        raise DataFormatError("the file is empty", file=str(path))
    first = [c.strip().lower() for c in rows[0][1]]
    if first[:4] == ["actor", "capability", "position", "salience"]:
        return "bdm"
    if (
        len(rows) > 1
        and [c.strip().lower() for c in rows[1][1][:3]] == ["actor", "description", "influence"]
    ) or (len(rows) > 1 and [c.strip().lower() for c in rows[1][1][:1]] == ["actor"]):
        return "ktab"
    if "\t" in Path(path).read_text(encoding="utf-8-sig", errors="replace").split("\n", 1)[0]:
        return "deu"
    raise DataFormatError(
        "unknown layout: need a header 'Actor,Capability,Position,Salience' (BDM), KTAB's SMP "
        "CSV, or the tab-separated DEU III file",
        file=str(path),
        line=rows[0][0],
    )


def read_bdm_csv(path: Path, *, salience_scale: float | None = None) -> BargainingInput:
    """Actors from a CSV with columns ``Actor,Capability,Position,Salience`` (one issue).

    Saliences above 1 are read as percentages (divided by 100) unless ``salience_scale`` is
    given; the issue's scale is the range of the positions, as in the BDM replications.
    """
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise DataFormatError(
            "the file is empty; need a header and one row per actor", file=str(path)
        )
    line0, header = rows[0]
    cols = [c.strip().lower() for c in header]
    need = ["actor", "capability", "position", "salience"]
    missing = [c for c in need if c not in cols]
    if missing:
        raise DataFormatError(
            f"header: missing column(s) {', '.join(missing)}; "
            "need Actor,Capability,Position,Salience",
            file=str(path),
            line=line0,
        )
    ix = {c: cols.index(c) for c in need}
    names, cap, pos, sal, lines = [], [], [], [], []
    for line, row in rows[1:]:
        if len(row) < len(header):
            raise DataFormatError(
                f"{len(row)} cells, the header has {len(header)}", file=str(path), line=line
            )
        name = row[ix["actor"]].strip()
        if not name:
            raise DataFormatError("Actor: empty name", file=str(path), line=line)
        names.append(name)
        lines.append(line)
        cap.append(_num(row[ix["capability"]], path, line, "Capability"))
        if not row[ix["position"]].strip():
            raise DataFormatError(
                f"Position: actor {name} has no position", file=str(path), line=line
            )
        if not row[ix["salience"]].strip():
            raise DataFormatError(
                f"Salience: actor {name} has no salience", file=str(path), line=line
            )
        pos.append(_num(row[ix["position"]], path, line, "Position"))
        sal.append(_num(row[ix["salience"]], path, line, "Salience"))
    if not names:
        raise DataFormatError("no actor rows after the header", file=str(path))
    s = np.array(sal)
    scale = salience_scale if salience_scale is not None else (100.0 if s.max() > 1.0 else 1.0)
    s = s / scale
    for k, v in enumerate(s):
        if not 0.0 <= v <= 1.0:
            raise DataFormatError(
                f"Salience: actor {names[k]} has {sal[k]:g}, outside [0, {scale:g}]",
                file=str(path),
                line=lines[k],
            )
    for k, v in enumerate(cap):
        if v < 0:
            raise DataFormatError(
                f"Capability: actor {names[k]} has a negative capability",
                file=str(path),
                line=lines[k],
            )
    if sum(cap) <= 0:
        raise DataFormatError(
            "Capability: the capabilities do not sum to a positive number", file=str(path)
        )
    if max(pos) == min(pos):
        scale_pos = [(min(pos) - 0.5, max(pos) + 0.5)]
    else:
        scale_pos = [(min(pos), max(pos))]
    try:
        return BargainingInput.from_arrays(
            names, cap, [[p] for p in pos], s[:, None], scale_pos, dimensions=[path.stem]
        )
    except ModelInputError as exc:
        raise DataFormatError(str(exc), file=str(path)) from None


def read_ktab_csv(path: Path) -> BargainingInput:
    """Actors from KTAB's SMP CSV: a title line, a header ``Actor,Description,Influence`` and
    then a position and a salience column per dimension (0–100; saliences summing to at most
    100 per actor)."""
    path = Path(path)
    rows = _rows(path)
    if len(rows) < 3:
        raise DataFormatError("need a title line, a header and actor rows", file=str(path))
    line_h, header = rows[1]
    cells = [c.strip() for c in header if c.strip()]
    nd = (len(cells) - 3) // 2
    if nd < 1:
        raise DataFormatError(
            "header: need Actor, Description, Influence, then position and salience columns",
            file=str(path),
            line=line_h,
        )
    dims = [cells[3 + 2 * k].removesuffix(" Position").strip() or f"dim{k + 1}" for k in range(nd)]
    names, cap, pos, sal = [], [], [], []
    for line, row in rows[2:]:
        cells = [c.strip() for c in row]
        if len(cells) < 3 + 2 * nd:
            raise DataFormatError(
                f"{len(cells)} cells, need {3 + 2 * nd}", file=str(path), line=line
            )
        names.append(cells[0])
        cap.append(_num(cells[2], path, line, "Influence"))
        pos.append([_num(cells[3 + 2 * k], path, line, f"position {k + 1}") for k in range(nd)])
        sal.append(
            [_num(cells[4 + 2 * k], path, line, f"salience {k + 1}") / 100.0 for k in range(nd)]
        )
    try:
        return BargainingInput.from_arrays(
            names, cap, pos, sal, [(0.0, 100.0)] * nd, dimensions=dims
        )
    except ModelInputError as exc:
        raise DataFormatError(str(exc), file=str(path)) from None


# --------------------------------------------------------------------------- DEU III


@dataclass(frozen=True)
class DeuIssue:
    """One DEU III issue: the actors that took a position, the reference point and outcome."""

    issue: str
    line: int
    actors: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    reference: float | None
    outcome: float

    def bargaining_input(self, *, equal_capabilities: bool = False) -> BargainingInput:
        cap = np.ones(len(self.actors)) if equal_capabilities else self.capability
        return BargainingInput.from_arrays(
            self.actors,
            cap,
            self.position[:, None],
            self.salience[:, None],
            [(0.0, 100.0)],
            dimensions=[self.issue],
        )


@dataclass(frozen=True)
class DeuIssues:
    """The usable issues of a DEU III file and the count of those dropped, by reason."""

    path: str
    issues: tuple[DeuIssue, ...]
    rows: int
    dropped: dict[str, int]

    def reading(self) -> str:
        gone = sum(self.dropped.values())
        why = "; ".join(f"{n} {reason}" for reason, n in self.dropped.items()) or "none"
        return (
            f"{len(self.issues)} of {self.rows} DEU III issues are usable ({gone} dropped: {why})."
        )


DROP_NO_OUTCOME = "without a recorded outcome"
DROP_FEW_ACTORS = "with fewer than two actors holding a position and salience"
DROP_NO_WEIGHT = "where no actor has both capability and salience"
DROP_ONE_POSITION = "where every actor holds the same position"


def read_deu(path: Path) -> DeuIssues:
    """Issues from the DEU III file (tab-separated; line 2 holds each actor's capability).

    An actor enters an issue when it has both a position and a salience (a position without a
    salience, or the reverse, is dropped for that issue only). An issue is dropped, and counted,
    when it has no outcome, fewer than two such actors, no actor with positive capability and
    salience, or every actor at one position (nothing to bargain over).
    """
    path = Path(path)
    rows = _rows(path, delimiter="\t")
    if len(rows) < 3:
        raise DataFormatError("need a header, a capability line and issue rows", file=str(path))
    line_h, header = rows[0]
    cols = [c.strip().strip('"') for c in header]
    pcols = [
        i
        for i, c in enumerate(cols)
        if c.startswith("p") and c not in ("prnrnmc", "prnr", "prname", "proc", "proccde")
    ]
    pcols = [i for i in pcols if "s" + cols[i][1:] in cols]
    if not pcols or "out" not in cols or "isnr" not in cols:
        raise DataFormatError(
            "header: need p<actor> and s<actor> columns, 'isnr' and 'out'",
            file=str(path),
            line=line_h,
        )
    actor_codes = [cols[i][1:] for i in pcols]
    scols = [cols.index("s" + a) for a in actor_codes]
    out_col, rp_col, id_col = (
        cols.index("out"),
        cols.index("rp") if "rp" in cols else None,
        cols.index("isnr"),
    )
    line_c, caprow = rows[1]
    caps = []
    for a, i in zip(actor_codes, pcols, strict=True):
        cell = caprow[i].strip().strip('"') if i < len(caprow) else ""
        caps.append(_num(cell, path, line_c, f"capability of {a}") if cell else 0.0)
    cap = np.array(caps)
    issues, dropped = [], {}
    n_rows = 0
    for line, row in rows[2:]:
        n_rows += 1
        cells = [c.strip().strip('"') for c in row] + [""] * (len(cols) - len(row))
        out = cells[out_col]
        if not out:
            dropped[DROP_NO_OUTCOME] = dropped.get(DROP_NO_OUTCOME, 0) + 1
            continue
        keep, pos, sal = [], [], []
        for k, (pi, si) in enumerate(zip(pcols, scols, strict=True)):
            if cells[pi] and cells[si]:
                keep.append(k)
                pos.append(_num(cells[pi], path, line, f"p{actor_codes[k]}"))
                sal.append(_num(cells[si], path, line, f"s{actor_codes[k]}") / 100.0)
        reason = None
        if len(keep) < 2:
            reason = DROP_FEW_ACTORS
        elif not (cap[keep] * np.array(sal)).sum() > 0:
            reason = DROP_NO_WEIGHT
        elif len(set(pos)) < 2:
            reason = DROP_ONE_POSITION
        if reason:
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        for k, v in zip(keep, pos, strict=True):
            if not 0 <= v <= 100:
                raise DataFormatError(
                    f"p{actor_codes[k]}: {v:g} is outside 0–100", file=str(path), line=line
                )
        for k, v in zip(keep, sal, strict=True):
            if not 0 <= v <= 1:
                raise DataFormatError(
                    f"s{actor_codes[k]}: {v * 100:g} is outside 0–100", file=str(path), line=line
                )
        rp = cells[rp_col] if rp_col is not None else ""
        issues.append(
            DeuIssue(
                cells[id_col] or f"line {line}",
                line,
                tuple(actor_codes[k] for k in keep),
                cap[keep],
                np.array(pos),
                np.array(sal),
                _num(rp, path, line, "rp") if rp else None,
                _num(out, path, line, "out"),
            )
        )
    return DeuIssues(str(path), tuple(issues), n_rows, dropped)
