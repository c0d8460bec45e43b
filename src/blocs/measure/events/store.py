"""The blocs event store: event files read into one DuckDB database with a normalised table.

Tables of the store:

``events``
    one row per event row of a file: ``event_id``, ``date``, ``actor1``/``actor2`` (country codes:
    CAMEO codes for GDELT, which for states are ISO 3166 alpha-3 codes in most cases; ISO alpha-3
    for ICEWS), ``event_code``, ``root_code``, ``quad_class``, ``goldstein``, ``num_mentions``,
    ``num_events`` (1, or the reduced format's ``NumEvents``), ``is_root_event``,
    ``source_story`` (GDELT's ``SOURCEURL``, ICEWS's ``Story ID``), ``source_format``, ``file_id``.
``dyad_daily``
    the events summed per day, ordered actor pair, QuadClass, root flag and format (see
    :func:`blocs.measure.events.series.daily_dyads`), stored sorted by actor pair and date; the
    dyadic series read it instead of the events.
``rejects``
    every row that could not be read: ``file``, ``line`` (1-based, header included), ``reason``
    and the line's ``text``.
``files``
    one row per ingested file (or zip member) with its format, row and reject counts.
``cameo_events``
    the CAMEO table of :mod:`blocs.measure.events.cameo`.

Plain text is read by DuckDB's own CSV reader with explicit column types, its rejects captured
with their line numbers; a zip member is streamed with :mod:`zipfile` through a named pipe into the
same reader (so nothing is unpacked to disk), or through a temporary file where named pipes do
not exist.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> event = ["1", "042", "042", "04", "1", "1.9", "3", "", "", ""]
>>> row = ["1", "20170105"] + [""] * 23 + event + [""] * 23  # 58 columns
>>> row[7], row[17] = "RUS", "IRN"
>>> _ = (folder / "20170105.export.CSV").write_text("\\t".join(row) + "\\n")
>>> report = ingest([folder / "20170105.export.CSV"], folder / "events.duckdb")
>>> report.rows, report.rejects, report.files[0].format
(1, 0, 'gdelt1')
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

from blocs.errors import DataFormatError
from blocs.measure.events.cameo import cameo_events
from blocs.measure.events.formats import ICEWS_COUNTRY_ALIASES, EventFormat, detect_format

__all__ = [
    "FileReport",
    "IngestProgress",
    "IngestReport",
    "connect",
    "export_parquet",
    "ingest",
]

EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "BIGINT"),
    ("date", "DATE"),
    ("actor1", "VARCHAR"),
    ("actor2", "VARCHAR"),
    ("event_code", "VARCHAR"),
    ("root_code", "VARCHAR"),
    ("quad_class", "TINYINT"),
    ("goldstein", "DOUBLE"),
    ("num_mentions", "INTEGER"),
    ("num_events", "INTEGER"),
    ("is_root_event", "BOOLEAN"),
    ("source_story", "VARCHAR"),
    ("source_format", "VARCHAR"),
    ("file_id", "INTEGER"),
)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS events ({", ".join(f"{n} {t}" for n, t in EVENT_COLUMNS)});
CREATE TABLE IF NOT EXISTS rejects (file_id INTEGER, file VARCHAR, line BIGINT, reason VARCHAR,
    text VARCHAR);
CREATE TABLE IF NOT EXISTS files (file_id INTEGER, file VARCHAR, member VARCHAR, size BIGINT,
    format VARCHAR, columns INTEGER, rows BIGINT, rejects BIGINT, ingested_at TIMESTAMP);
"""

#: The daily dyad table as SQL (the same aggregation as ``series.daily_dyads``).
DYAD_DAILY_SQL = """
CREATE OR REPLACE TABLE dyad_daily AS
SELECT date, actor1, actor2, quad_class, is_root_event, source_format,
       sum(num_events)::BIGINT AS events,
       sum(coalesce(num_mentions, num_events))::BIGINT AS mentions,
       sum(goldstein * num_events) AS goldstein_sum,
       sum(CASE WHEN goldstein IS NOT NULL THEN num_events ELSE 0 END)::BIGINT AS goldstein_events
FROM events
GROUP BY ALL
ORDER BY actor1, actor2, date
"""


@dataclass(frozen=True)
class FileReport:
    """What one file (or zip member) gave: rows stored, rows rejected (by reason), rows kept with
    an event code outside CAMEO 1.1b3, country names without a code (ICEWS), or why skipped."""

    file: str
    member: str | None
    format: str | None
    columns: int | None
    rows: int
    rejects: int
    reject_reasons: dict[str, int] = field(default_factory=dict)
    unknown_event_codes: int = 0
    unmapped_countries: dict[str, int] = field(default_factory=dict)
    skipped: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class IngestReport:
    """The result of :func:`ingest`: one :class:`FileReport` per file and the totals."""

    db: str
    files: tuple[FileReport, ...]
    rows: int
    rejects: int
    seconds: float

    __json_properties__ = ("rows_per_second",)

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class IngestProgress:
    """Passed to the ``progress`` callback: bytes of the current file read so far, and rows
    stored by the files finished."""

    file: str
    bytes_done: int
    bytes_total: int
    rows_done: int


def connect(db: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store at ``db`` with its tables."""
    path = Path(db)
    if read_only:
        if not path.exists():
            raise DataFormatError(
                "no event store here; create one with `blocs events ingest FILES --db PATH`",
                file=str(db),
            )
        con = duckdb.connect(str(path), read_only=True)
        con.execute("SET enable_progress_bar_print = false")
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar_print = false")
    con.execute(_SCHEMA)
    _ensure_cameo(con)
    return con


def _ensure_cameo(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS cameo_events (code VARCHAR, name VARCHAR, root VARCHAR, "
        "level TINYINT, parent VARCHAR, quad_class TINYINT, goldstein DOUBLE)"
    )
    if con.execute("SELECT count(*) FROM cameo_events").fetchone()[0] == 0:
        values = ", ".join(
            f"({_sql_string(e.code)}, {_sql_string(e.name)}, {_sql_string(e.root)}, {e.level}, "
            f"{_sql_string(e.parent) if e.parent else 'NULL'}, {e.quad_class}, {e.goldstein})"
            for e in cameo_events().values()
        )
        con.execute(f"INSERT INTO cameo_events VALUES {values}")


def _icews_countries() -> list[tuple[str, str | None]]:
    """ICEWS country name -> ISO alpha-3, from the blocs crosswalk's names and the aliases."""
    pairs: dict[str, str | None] = {}
    try:
        from blocs.scenario import crosswalk
    except ImportError:  # pragma: no cover - the crosswalk ships with blocs
        crosswalk = None
    if crosswalk is not None:
        for record in crosswalk.records():
            if record.iso3:
                pairs.setdefault(record.name, record.iso3)
    pairs.update(ICEWS_COUNTRY_ALIASES)
    return sorted(pairs.items())


def _first_line(stream: BinaryIO) -> str:
    return stream.readline(1 << 20).decode("utf-8", errors="replace")


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _read_csv(source: str, fmt: EventFormat, count: int, tag: str, file: str) -> str:
    layout = fmt.layout(count, file=file)
    columns = "{" + ", ".join(f"{_sql_string(n)}: '{t}'" for n, t in layout) + "}"
    return (
        f"read_csv({_sql_string(source)}, delim='\\t', quote='', escape='', "
        f"header={'true' if fmt.header else 'false'}, auto_detect=false, columns={columns}, "
        f"dateformat='{fmt.date_format}', null_padding={'true' if fmt.null_padding else 'false'}, "
        f"store_rejects=true, rejects_table='_rej_{tag}', rejects_scan='_scan_{tag}')"
    )


@contextlib.contextmanager
def _member_source(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    workdir: Path,
    on_bytes: Callable[[int], None],
) -> Iterator[str]:
    """A path from which DuckDB reads the unpacked member: a named pipe fed by a thread, or a
    temporary file where the system has no named pipes."""
    chunk = 1 << 20
    if not hasattr(os, "mkfifo"):  # pragma: no cover - Windows
        target = workdir / "member.tsv"
        with archive.open(member) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, chunk)
        on_bytes(member.file_size)
        try:
            yield str(target)
        finally:
            target.unlink(missing_ok=True)
        return
    fifo = workdir / "member.fifo"
    os.mkfifo(fifo)
    failure: list[BaseException] = []

    def feed() -> None:
        done = 0
        try:
            with archive.open(member) as src, open(fifo, "wb") as dst:
                while block := src.read(chunk):
                    dst.write(block)
                    done += len(block)
                    on_bytes(done)
        except BrokenPipeError:
            pass
        except BaseException as exc:  # reported after the read
            failure.append(exc)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield str(fifo)
    finally:
        if writer.is_alive():  # the reader stopped early: unblock the writer
            with contextlib.suppress(OSError):
                fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                os.close(fd)
        writer.join(timeout=5)
        fifo.unlink(missing_ok=True)
    if failure:
        raise DataFormatError(
            f"cannot unpack {member.filename}: {failure[0]}", file=archive.filename
        )


def _ingest_one(
    con: duckdb.DuckDBPyConnection,
    source: str,
    *,
    label: str,
    member: str | None,
    size: int,
    first_line: str,
    given: str | None,
    file_id: int,
) -> FileReport:
    started = time.perf_counter()
    fmt = detect_format(member or label, first_line=first_line, given=given)
    count = len(first_line.rstrip("\r\n").split("\t"))
    layout = fmt.layout(count, file=label)
    tag = f"{file_id}"
    scan = _read_csv(source, fmt, count, tag, label)
    story = "SOURCEURL" if any(n == "SOURCEURL" for n, _ in layout) else "NULL"
    tail = f", {_sql_string(fmt.name)} AS source_format, {file_id} AS file_id"
    unmapped: dict[str, int] = {}
    if fmt.name == "icews":
        con.execute("CREATE OR REPLACE TEMP TABLE _countries (name VARCHAR, code VARCHAR)")
        pairs = ", ".join(
            f"({_sql_string(name)}, {_sql_string(code) if code else 'NULL'})"
            for name, code in _icews_countries()
        )
        con.execute(f"INSERT INTO _countries VALUES {pairs}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS SELECT * FROM {scan}")
        select = fmt.select.format(country1="c1.code", country2="c2.code", story=story)
        inserted = con.execute(
            f"INSERT INTO events SELECT {select}{tail} FROM _stage AS r "
            'LEFT JOIN _countries AS c1 ON r."Source Country" = c1.name '
            'LEFT JOIN _countries AS c2 ON r."Target Country" = c2.name'
        ).fetchone()[0]
        for name, n in con.execute(
            'SELECT name, count(*) FROM (SELECT "Source Country" AS name FROM _stage UNION ALL '
            'SELECT "Target Country" FROM _stage) WHERE name IS NOT NULL AND name NOT IN '
            "(SELECT name FROM _countries) GROUP BY name"
        ).fetchall():
            unmapped[name] = int(n)
        con.execute("DROP TABLE _stage")
    else:
        select = fmt.select.format(story=story)
        inserted = con.execute(f"INSERT INTO events SELECT {select}{tail} FROM {scan}").fetchone()[
            0
        ]
    reasons: dict[str, int] = {}
    con.execute(
        f"INSERT INTO rejects SELECT {file_id}, {_sql_string(label)}, line, "
        "string_agg(error_type || ': ' || error_message, '; ' ORDER BY column_idx), "
        f"any_value(csv_line) FROM _rej_{tag} GROUP BY line ORDER BY line"
    )
    for reason, n in con.execute(
        f"SELECT error_type, count(DISTINCT line) FROM _rej_{tag} GROUP BY error_type"
    ).fetchall():
        reasons[str(reason)] = int(n)
    rejected = con.execute(f"SELECT count(DISTINCT line) FROM _rej_{tag}").fetchone()[0]
    con.execute(f"DROP TABLE _rej_{tag}; DROP TABLE _scan_{tag}")
    unknown = con.execute(
        "SELECT count(*) FROM events WHERE file_id = ? AND (event_code IS NULL OR "
        "event_code NOT IN (SELECT code FROM cameo_events))",
        [file_id],
    ).fetchone()[0]
    con.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [file_id, label, member, size, fmt.name, count, inserted, rejected],
    )
    return FileReport(
        file=label,
        member=member,
        format=fmt.name,
        columns=count,
        rows=int(inserted),
        rejects=int(rejected),
        reject_reasons=reasons,
        unknown_event_codes=int(unknown),
        unmapped_countries=unmapped,
        seconds=time.perf_counter() - started,
    )


def ingest(
    files: Sequence[str | Path],
    db: str | Path,
    *,
    format: str | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    memory_limit: str = "1GB",
) -> IngestReport:
    """Read event files (plain text or zip) into the store at ``db`` and rebuild ``dyad_daily``.

    Parameters
    ----------
    files
        GDELT 1.0/2.0 exports, reduced GDELT 1.0 files or ICEWS ``.tab`` files, plain or zipped,
        or the events ``blocs code --json`` or ``--csv`` wrote (recognised by their first line;
        each event needs the date given to ``blocs code --date``).
    db
        Path of the DuckDB database (created if missing; new rows are appended).
    format
        One of ``gdelt1``, ``gdelt2``, ``gdelt-reduced``, ``icews``; detected from the file name
        and first line when ``None`` (a given format is still checked against the first line).
    progress
        Called with an :class:`IngestProgress` as bytes are read.
    memory_limit
        DuckDB's memory limit while ingesting (it spills to disk beyond it).

    A file (or zip member) already in the store under the same name and size is skipped. Rows that
    cannot be read go to ``rejects`` with file, line and reason and are counted in the report.
    """
    started = time.perf_counter()
    con = connect(db)
    con.execute(f"SET memory_limit = {_sql_string(memory_limit)}")
    con.execute("SET preserve_insertion_order = false")
    reports: list[FileReport] = []
    rows_done = 0

    def report_bytes(label: str, total: int) -> Callable[[int], None]:
        def call(done: int) -> None:
            if progress is not None:
                progress(IngestProgress(label, done, total, rows_done))

        return call

    try:
        with tempfile.TemporaryDirectory(prefix="blocs-ingest-") as work:
            for item in files:
                path = Path(item)
                if not path.is_file():
                    raise DataFormatError("no such file", file=str(path))
                for member, size, opener in _members(path):
                    label = str(path)
                    seen = con.execute(
                        "SELECT count(*) FROM files WHERE file = ? AND member IS NOT DISTINCT "
                        "FROM ? AND size = ?",
                        [label, member, size],
                    ).fetchone()[0]
                    if seen:
                        reports.append(
                            FileReport(label, member, None, None, 0, 0, skipped="already ingested")
                        )
                        continue
                    file_id = con.execute(
                        "SELECT coalesce(max(file_id), 0) + 1 FROM files"
                    ).fetchone()[0]
                    on_bytes = report_bytes(member or label, size)
                    with opener() as stream:
                        first = _first_line(stream)
                    con.execute("BEGIN TRANSACTION")
                    try:
                        if member is None and _is_coded(first):
                            rep = _ingest_coded(con, path, label=label, size=size, file_id=file_id)
                        elif member is None:
                            poll = (
                                _poll_progress(con, on_bytes, size)
                                if progress is not None
                                else _no_poll
                            )
                            try:
                                rep = _ingest_one(
                                    con,
                                    label,
                                    label=label,
                                    member=None,
                                    size=size,
                                    first_line=first,
                                    given=format,
                                    file_id=file_id,
                                )
                            finally:
                                poll()
                        else:
                            with (
                                zipfile.ZipFile(path) as archive,
                                _member_source(
                                    archive, archive.getinfo(member), Path(work), on_bytes
                                ) as source,
                            ):
                                rep = _ingest_one(
                                    con,
                                    source,
                                    label=label,
                                    member=member,
                                    size=size,
                                    first_line=first,
                                    given=format,
                                    file_id=file_id,
                                )
                        con.execute("COMMIT")
                    except BaseException:
                        con.execute("ROLLBACK")
                        raise
                    rows_done += rep.rows
                    on_bytes(size)
                    reports.append(rep)
        con.execute(DYAD_DAILY_SQL)
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        raise DataFormatError(
            f"the event store could not read the files: {exc}", file=str(db)
        ) from None
    finally:
        con.close()
    return IngestReport(
        db=str(db),
        files=tuple(reports),
        rows=sum(r.rows for r in reports),
        rejects=sum(r.rejects for r in reports),
        seconds=time.perf_counter() - started,
    )


#: Header of ``blocs code --csv`` output (the first columns are enough to recognise it).
CODED_CSV_HEADER = "line,sentence,date,source,target"


def _is_coded(first_line: str) -> bool:
    """Whether a file is the output of ``blocs code`` (JSON list or CSV)."""
    head = first_line.lstrip("\ufeff").strip()
    return head.startswith("[") or head.startswith(CODED_CSV_HEADER)


def _coded_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """(line or item number, record or None, raw text) for each event of a coded file."""
    import csv
    import json

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"not UTF-8: {exc.reason}", file=str(path)) from None
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFormatError(
                f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno
            ) from None
        if not isinstance(items, list):
            raise DataFormatError("expected a JSON list of events", file=str(path))
        for number, item in enumerate(items, start=1):
            yield number, item if isinstance(item, dict) else None, json.dumps(item)[:500]
        return
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        yield reader.line_num, row, ",".join(str(v) for v in row.values())[:500]


def _coded_row(record: dict[str, Any] | None) -> tuple[Any, ...]:
    """The store's values for one coded event; ValueError names what is wrong."""
    import datetime as dt

    if record is None:
        raise ValueError("not an event object")
    date_text = record.get("date")
    if not date_text:
        raise ValueError("no date: code the text with `blocs code --date YYYY-MM-DD`")
    try:
        day = dt.date.fromisoformat(str(date_text))
    except ValueError:
        raise ValueError(f"date {date_text!r} is not YYYY-MM-DD") from None
    code = str(record.get("code") or "")
    events = cameo_events()
    if code not in events:
        raise ValueError(f"event code {code!r} is not a CAMEO 1.1b3 code")
    info = events[code]
    actors = []
    for side in ("source", "target"):
        value = record.get(f"{side}_iso3") or None
        if value is not None and not (isinstance(value, str) and len(value) == 3):
            raise ValueError(f"{side}_iso3 {value!r} is not an ISO alpha-3 code")
        if not record.get(side):
            raise ValueError(f"no {side} code")
        actors.append(value)
    return (day, actors[0], actors[1], code, info.root, info.quad_class, info.goldstein)


def _ingest_coded(
    con: duckdb.DuckDBPyConnection, path: Path, *, label: str, size: int, file_id: int
) -> FileReport:
    """Read the events ``blocs code`` wrote (JSON or CSV) into the store; bad rows are rejected
    with their line (CSV) or item number (JSON) and reason."""
    started = time.perf_counter()
    rows: list[tuple[Any, ...]] = []
    rejects: list[tuple[Any, ...]] = []
    reasons: dict[str, int] = {}
    for number, record, raw in _coded_records(path):
        try:
            values = _coded_row(record)
        except ValueError as exc:
            reason = str(exc)
            rejects.append((file_id, label, number, reason, raw))
            key = reason.split(":")[0]
            reasons[key] = reasons.get(key, 0) + 1
            continue
        line = record.get("line") if record else None
        rows.append((None, *values, None, 1, None, f"{label}:{line}", "blocs-code", file_id))
    if rows:
        con.executemany(f"INSERT INTO events VALUES ({', '.join('?' * len(EVENT_COLUMNS))})", rows)
    if rejects:
        con.executemany("INSERT INTO rejects VALUES (?, ?, ?, ?, ?)", rejects)
    con.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
        [file_id, label, None, size, "blocs-code", None, len(rows), len(rejects)],
    )
    return FileReport(
        file=label,
        member=None,
        format="blocs-code",
        columns=None,
        rows=len(rows),
        rejects=len(rejects),
        reject_reasons=reasons,
        seconds=time.perf_counter() - started,
    )


def _members(path: Path) -> Iterator[tuple[str | None, int, Callable[[], Any]]]:
    """(member name or None, uncompressed size, opener) for a plain file or each zip member."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
        if not infos:
            raise DataFormatError("the zip archive holds no file", file=str(path))
        for info in infos:

            def opener(info: zipfile.ZipInfo = info) -> Any:
                return _ZipMember(path, info)

            yield info.filename, info.file_size, opener
    else:
        yield None, path.stat().st_size, lambda: open(path, "rb")  # noqa: SIM115


class _ZipMember(contextlib.AbstractContextManager):
    def __init__(self, path: Path, info: zipfile.ZipInfo):
        self._archive = zipfile.ZipFile(path)
        self._stream = self._archive.open(info)

    def readline(self, limit: int = -1) -> bytes:
        return self._stream.readline(limit)

    def __exit__(self, *exc: object) -> None:
        self._stream.close()
        self._archive.close()


def _no_poll() -> None:
    """The stopper when nobody asked for progress (no thread polls the query)."""


def _poll_progress(
    con: duckdb.DuckDBPyConnection, on_bytes: Callable[[int], None], size: int
) -> Callable[[], None]:
    """Report DuckDB's progress on the running query as bytes of the file; returns a stopper."""
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(0.25):
            with contextlib.suppress(Exception):
                share = con.query_progress()
                if share is not None and share >= 0:
                    on_bytes(int(size * min(share, 100.0) / 100.0))

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()

    def halt() -> None:
        stop.set()
        thread.join(timeout=2)

    return halt


def export_parquet(db: str | Path, target: str | Path) -> Path:
    """Write the store's ``events`` table to a Parquet file (zstd) and return its path."""
    con = connect(db, read_only=True)
    try:
        con.execute(
            f"COPY (SELECT * FROM events) TO {_sql_string(str(target))} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
    finally:
        con.close()
    return Path(target)
