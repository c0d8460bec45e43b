"""Helpers the readers share: locating a data file under the reference-data root, reading a CSV
with its malformed rows counted, and mapping COW numbers to the states asked for.

Examples
--------
>>> from blocs.measure.builder.base import BuildState
>>> from blocs.measure.builder.common import cow_index
>>> germany = BuildState("DEU", "Germany", (255, 260), "DEU")
>>> cow_index([germany, BuildState("FRA", "France", (220,), "FRA")])
{255: 0, 260: 0, 220: 1}
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.errors import DataFormatError
from blocs.measure.builder.base import BuildState


def find(root: Path, folder: str, names: Sequence[str]) -> Path | None:
    """The first of ``names`` in ``root/folder`` (None when none is there)."""
    for name in names:
        path = root / folder / name
        if path.is_file():
            return path
    return None


def read_numeric(
    path: Path, columns: Sequence[str], *, text: Sequence[str] = ()
) -> tuple[pd.DataFrame, int]:
    """The ``columns`` of a CSV file as numbers (``text`` columns kept as read); rows with a
    missing or non-numeric value in a numeric column are dropped and counted."""
    wanted = list(columns) + list(text)
    try:
        header = list(pd.read_csv(path, nrows=0).columns)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None
    missing = [c for c in wanted if c not in header]
    if missing:
        raise DataFormatError(
            f"missing column(s) {', '.join(missing)}; expected {', '.join(wanted)}",
            file=path.name,
            line=1,
        )
    try:
        frame = pd.read_csv(path, usecols=wanted)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot read as CSV: {exc}", file=path.name) from None
    for col in columns:
        if not pd.api.types.is_numeric_dtype(frame[col]):
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    bad = frame[list(columns)].isna().any(axis=1)
    return frame[~bad].reset_index(drop=True), int(bad.sum())


def cow_index(states: Sequence[BuildState]) -> dict[int, int]:
    """COW number -> position of the state it belongs to."""
    return {c: i for i, s in enumerate(states) for c in s.cow}


def map_codes(codes: pd.Series, index: dict[int, int]) -> np.ndarray:
    """Positions of COW numbers in ``index`` (-1 for codes of states not asked for)."""
    return codes.map(index).fillna(-1).astype("int64").to_numpy()
