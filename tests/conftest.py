"""Shared fixtures: the reference data beside the project, skipped with a reason where absent."""

from __future__ import annotations

from pathlib import Path

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
