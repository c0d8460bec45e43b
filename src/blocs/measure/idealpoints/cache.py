"""The whole record's ideal points, estimated once and kept on disk.

Estimating every session takes tens of seconds; the pair series of ``blocs votes``, measured
ties and the report all need the same estimates. :func:`record_estimates` keeps the votes read
and the estimates in a cache folder, keyed by the data files' paths, sizes and modification
times and by the model's settings, so a changed file or setting is estimated afresh.

The folder is ``$BLOCS_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/blocs`` or
``~/.cache/blocs``; ``cache=False`` turns caching off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from blocs.measure.idealpoints.unga import (
    IdealPoint,
    IdealPointEstimates,
    RowCounts,
    UNVotes,
    estimate_ideal_points,
    read_un_votes,
    un_votes_files,
)
from blocs.results import to_json

#: Bumped whenever the model or the reader changes what they compute.
MODEL_VERSION = "1"


def cache_folder() -> Path:
    """Where cached estimates live."""
    if os.environ.get("BLOCS_CACHE_DIR"):
        return Path(os.environ["BLOCS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "blocs"


def _key(root: str | Path, sessions: tuple[int, int] | None) -> str:
    parts = [MODEL_VERSION, repr(sessions)]
    for path in un_votes_files(root):
        st = path.stat()
        parts.append(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def _load(folder: Path) -> tuple[UNVotes, IdealPointEstimates] | None:
    try:
        arrays = np.load(folder / "votes.npz")
        meta = json.loads((folder / "estimates.json").read_text("utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    votes = UNVotes(
        rcid=arrays["rcid"],
        session=arrays["session"],
        cow=arrays["cow"],
        vote=arrays["vote"],
        part=arrays["part"],
        files=tuple(meta.pop("files")),
    )
    meta.pop("source", None)
    points = tuple(IdealPoint(**p) for p in meta.pop("points"))
    counts = RowCounts(**meta.pop("counts"))
    meta["sessions_without_votes"] = tuple(meta["sessions_without_votes"])
    return votes, IdealPointEstimates(points=points, counts=counts, **meta)


def _store(folder: Path, votes: UNVotes, est: IdealPointEstimates) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    np.savez(
        folder / "votes.npz",
        rcid=votes.rcid,
        session=votes.session,
        cow=votes.cow,
        vote=votes.vote,
        part=votes.part,
    )
    meta = json.loads(to_json(est, indent=None))
    meta["points"] = [asdict(p) for p in est.points]
    meta["files"] = list(votes.files)
    (folder / "estimates.json").write_text(json.dumps(meta), "utf-8")


def record_estimates(
    root: str | Path,
    sessions: tuple[int, int] | None = None,
    *,
    cache: bool | Path = True,
    progress: Callable[[str, int], None] | None = None,
) -> tuple[UNVotes, IdealPointEstimates]:
    """The votes and their ideal points (all sessions by default), from the cache when fresh.

    ``cache`` is True (the default folder), a folder, or False (always estimate).
    """
    folder = None
    if cache is not False:
        base = cache_folder() if cache is True else Path(cache)
        folder = base / "idealpoints" / _key(root, sessions)
        found = _load(folder)
        if found is not None:
            return found
    votes = read_un_votes(root)
    est = estimate_ideal_points(votes, sessions, progress=progress)
    if folder is not None:
        # a read-only home: the estimates are still returned, only not kept
        with contextlib.suppress(OSError):
            _store(folder, votes, est)
    return votes, est
