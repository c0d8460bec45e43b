"""Deterministic GDELT 2.0-shaped event files, for tests and benchmarks.

Rows have the exact 61-column layout of a GDELT 2.0 export (about 390 bytes each, like real
files); actors, dates, event codes, mentions, root flags and source stories are drawn from a
seeded generator, with QuadClass and Goldstein values taken from the CAMEO table so that rows are
internally consistent. :func:`write_gdelt2` also returns the drawn key columns so that a test can
compute the aggregates it expects independently of the store.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "20170101000000.export.CSV"
>>> made = write_gdelt2(target, 1000, seed=7)
>>> made.rows, len(target.read_text().splitlines()[0].split("\\t"))
(1000, 61)
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from blocs.measure.events.cameo import cameo_events

__all__ = ["SYNTHETIC_ACTORS", "SyntheticFile", "write_gdelt2"]

#: Country codes drawn as actors (with an empty code for unidentified actors), most frequent first.
SYNTHETIC_ACTORS: tuple[str, ...] = (
    "USA", "RUS", "CHN", "GBR", "IRN", "SYR", "ISR", "TUR", "FRA", "DEU", "IND", "PAK", "UKR",
    "SAU", "IRQ", "AFG", "JPN", "PRK", "KOR", "EGY", "CAN", "AUS", "NGA", "ZAF", "BRA", "MEX",
    "ITA", "ESP", "POL", "QAT", "",
)  # fmt: skip


@dataclass(frozen=True)
class SyntheticFile:
    """A generated file: its path, row count, seed and the drawn key columns (``frame``)."""

    path: Path
    rows: int
    seed: int | None
    frame: pd.DataFrame


def _actor_block(code: str) -> str:
    """The 10 actor columns of one actor."""
    if not code:
        return "\t" * 9
    return f"{code}GOV\t{code} GOVERNMENT\t{code}" + "\t" * 6 + "\tGOV"


def _geo_block(code: str, lat: str) -> str:
    """The 7 geo columns (type, full name, country, ADM1, ADM2, lat, long, feature id: 8 with
    ADM2) of one actor's location."""
    if not code:
        return "0\t\t\t\t\t\t\t"
    return f"1\t{code} country\t{code[:2]}\t{code[:2]}00\t\t{lat}\t45.0\t{code[:2]}1"


def _draw(n: int, rng: np.random.Generator, start: dt.date, days: int) -> pd.DataFrame:
    table = cameo_events()
    codes = np.array([c for c, e in table.items() if e.level > 1])
    quads = np.array([table[c].quad_class for c in codes])
    golds = np.array([table[c].goldstein for c in codes])
    actors = np.array(SYNTHETIC_ACTORS)
    weights = 1.0 / np.arange(1, len(actors) + 1)
    weights /= weights.sum()
    a1 = rng.choice(len(actors), n, p=weights)
    a2 = rng.choice(len(actors), n, p=weights)
    pick = rng.integers(0, len(codes), n)
    day = rng.integers(0, days, n)
    return pd.DataFrame(
        {
            "day": day,
            "a1": a1,
            "a2": a2,
            "pick": pick,
            "actor1": actors[a1],
            "actor2": actors[a2],
            "event_code": codes[pick],
            "quad_class": quads[pick],
            "goldstein": golds[pick],
            "num_mentions": rng.integers(1, 30, n),
            "is_root_event": rng.random(n) < 0.45,
            "story": rng.integers(0, max(n // 3, 1), n),
        }
    )


def _lines(frame: pd.DataFrame, first_id: int, start: dt.date, days: int) -> str:
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    day_block = [
        f"{d:%Y%m%d}\t{d:%Y%m}\t{d.year}\t{d.year}.{(d.month * 30 + d.day) * 10000 // 365:04d}"
        for d in dates
    ]
    added = [f"{d:%Y%m%d}120000" for d in dates]
    month = [f"{d:%Y%m}" for d in dates]
    block1 = [_actor_block(a) for a in SYNTHETIC_ACTORS]
    geo1 = [_geo_block(a, "35.0") for a in SYNTHETIC_ACTORS]
    geo2 = [_geo_block(a, "33.0") for a in SYNTHETIC_ACTORS]
    table = cameo_events()
    codes = [c for c, e in table.items() if e.level > 1]
    event_block = [
        f"{c}\t{c[:3]}\t{c[:2]}\t{table[c].quad_class}\t{table[c].goldstein}" for c in codes
    ]
    out = []
    for i, (day, a1, a2, pick, m, root, story) in enumerate(
        zip(
            frame["day"].tolist(),
            frame["a1"].tolist(),
            frame["a2"].tolist(),
            frame["pick"].tolist(),
            frame["num_mentions"].tolist(),
            frame["is_root_event"].tolist(),
            frame["story"].tolist(),
            strict=True,
        )
    ):
        ident = first_id + i
        out.append(
            f"{ident}\t{day_block[day]}\t{block1[a1]}\t{block1[a2]}\t{int(root)}\t"
            f"{event_block[pick]}\t{m}\t{m // 2 + 1}\t{m}\t-2.54237288135593\t"
            f"{geo1[a1]}\t{geo2[a2]}\t4\tMoscow, Moskva, Russia\tRS\tRS48\t{ident}\t"
            f"55.7522\t37.6156\t-2960561\t{added[day]}\t"
            f"https://news.example.org/{month[day]}/world/story-{story}.html\n"
        )
    return "".join(out)


def write_gdelt2(
    path: str | Path,
    rows: int,
    *,
    seed: int | np.random.Generator | None = None,
    start: dt.date = dt.date(2015, 1, 1),
    days: int = 1096,
    zipped: bool = False,
    chunk: int = 200_000,
    keep_frame: bool = True,
) -> SyntheticFile:
    """Write ``rows`` GDELT 2.0 event rows to ``path`` (a zip holding one ``.CSV`` member if
    ``zipped``), with dates in ``days`` days from ``start``; reproducible for an integer seed."""
    rng = np.random.default_rng(seed)
    target = Path(path)
    frames = []
    member = target.name.removesuffix(".zip")

    def chunks() -> Any:
        done = 0
        while done < rows:
            n = min(chunk, rows - done)
            frame = _draw(n, rng, start, days)
            if keep_frame:
                frames.append(frame)
            yield _lines(frame, 1 + done, start, days)
            done += n

    if zipped:
        with (
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
            zf.open(member, "w", force_zip64=True) as out,
        ):
            for text in chunks():
                out.write(text.encode("utf-8"))
    else:
        with open(target, "w", encoding="utf-8", newline="") as out:
            for text in chunks():
                out.write(text)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if keep_frame:
        frame["date"] = [start + dt.timedelta(days=int(d)) for d in frame["day"]]
        frame = frame.drop(columns=["day", "a1", "a2", "pick"])
        frame = frame.rename(columns={"story": "story_number"})
    return SyntheticFile(target, rows, seed if isinstance(seed, int) else None, frame)
