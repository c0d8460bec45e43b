"""Shared fixtures: the reference data beside the project, skipped with a reason where absent."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of reference data sets (``../shared/data``); skips the test when absent."""
    folder = SHARED / "data"
    if not folder.is_dir():
        pytest.skip(f"reference data not found at ../shared/data (looked in {folder.parent.name})")
    return folder


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of source documents (``../shared/seeds``); skips the test when absent."""
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip("source documents not found at ../shared/seeds")
    return folder


#: States of the small UN votes files, from the most western position to the least.
UN_TEST_STATES = [
    ("US", "United States"), ("CA", "Canada"), ("GB", "United Kingdom"), ("FR", "France"),
    ("MX", "Mexico"), ("BR", "Brazil"), ("IN", "India"), ("EG", "Egypt"), ("CN", "China"),
    ("RU", "Russia"), ("IR", "Iran"), ("CU", "Cuba"),
]  # fmt: skip


def _write_un_votes(
    folder: Path,
    sessions: tuple[int, ...] = (70, 71),
    items: int = 25,
    seed: int = 0,
    extra_rows: list[str] | None = None,
) -> Path:
    """A small un-votes folder drawn from the model (US first, most western)."""
    rng = np.random.default_rng(seed)
    position = np.linspace(2, -2, len(UN_TEST_STATES))
    votes = ["rcid,country,country_code,vote"]
    calls = ["rcid,session,importantvote,date,unres,amend,para,short,descr"]
    rcid = 0
    for s in sessions:
        for _ in range(items):
            rcid += 1
            calls.append(f"{rcid},{s},0,{1945 + s}-11-01,R/{s}/{rcid},0,0,x,y")
            beta, mid = rng.normal(1.5, 0.3), rng.normal(0, 0.7)
            for (code, name), t in zip(UN_TEST_STATES, position, strict=True):
                y = beta * t + rng.normal()
                vote = "yes" if y > mid + 0.4 else ("abstain" if y > mid - 0.4 else "no")
                votes.append(f"{rcid},{name},{code},{vote}")
    votes += extra_rows or []
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / "un_votes.csv.gz", "wt") as fh:
        fh.write("\n".join(votes) + "\n")
    (folder / "un_roll_calls.csv").write_text("\n".join(calls) + "\n")
    return folder


@pytest.fixture()
def write_un_votes():
    """A writer of small UN votes folders (``un_votes.csv.gz``, ``un_roll_calls.csv``) drawn
    from the ideal-point model: ``write_un_votes(folder, sessions=(70, 71), extra_rows=[...])``."""
    return _write_un_votes
