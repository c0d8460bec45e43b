"""Event-data commands: ``events ingest``, ``events dyad``, ``events summary``."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path

import typer

from blocs.commands.common import (
    EVENTS_MODULES,
    JSON_OPTION,
    PLOT_MODULES,
    console,
    print_json,
    require_extra,
    user_errors,
)
from blocs.errors import DataFormatError

events_app = typer.Typer(
    help="Event data (GDELT, ICEWS): build an event store, read a pair's series.",
    no_args_is_help=True,
)


class EventFormatChoice(StrEnum):
    """The event-file formats blocs reads."""

    gdelt1 = "gdelt1"
    gdelt2 = "gdelt2"
    gdelt_reduced = "gdelt-reduced"
    icews = "icews"


class Freq(StrEnum):
    """The length of one period of an event series."""

    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


class Weight(StrEnum):
    """What an event series counts."""

    events = "events"
    mentions = "mentions"


class Dedup(StrEnum):
    """Which repeated reports of one event are dropped."""

    none = "none"
    root = "root"
    story = "story"


DB_OPTION = typer.Option(Path("events.duckdb"), "--db", help="The event store (DuckDB file).")


@events_app.command("ingest")
@user_errors
def ingest_command(
    files: list[Path] = typer.Argument(..., help="Event files, plain text or zip."),
    db: Path = DB_OPTION,
    format: EventFormatChoice | None = typer.Option(
        None, "--format", help="The files' format (detected if omitted)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Read event files into the store; rejected rows are kept with file, line and reason."""
    require_extra("events", *EVENTS_MODULES)
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from blocs.measure.events.store import IngestProgress, ingest

    fmt = None if format is None else format.value
    if json:
        report = ingest(files, db, format=fmt)
        print_json(report)
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}
        began = time.perf_counter()

        def show(p: IngestProgress) -> None:
            if p.file not in tasks:
                tasks[p.file] = bar.add_task(Path(p.file).name, total=p.bytes_total, rows="")
            elapsed = max(time.perf_counter() - began, 1e-9)
            rate = (
                f"{p.rows_done:,} rows, {p.rows_done / elapsed:,.0f} rows/s" if p.rows_done else ""
            )
            bar.update(tasks[p.file], completed=p.bytes_done, rows=rate)

        report = ingest(files, db, format=fmt, progress=show)
    from rich.table import Table

    table = Table("file", "format", "rows", "rejects", "unknown codes", "note", title=str(db))
    for f in report.files:
        note = f.skipped or ", ".join(f"{k}: {v}" for k, v in f.reject_reasons.items())
        if f.unmapped_countries:
            note += f" unmapped countries: {sum(f.unmapped_countries.values())}"
        name = Path(f.file).name + (f" [{f.member}]" if f.member else "")
        table.add_row(
            name, f.format or "", f"{f.rows:,}", f"{f.rejects:,}", str(f.unknown_event_codes), note
        )
    console.print(table)
    console.print(
        f"{report.rows:,} rows stored, {report.rejects:,} rejected "
        f"({report.rows_per_second:,.0f} rows/s); rejects are in the table 'rejects'."
    )


@events_app.command("dyad")
@user_errors
def dyad_command(
    a: str = typer.Argument(..., help="First actor (CAMEO/ISO3 code, e.g. RUS)."),
    b: str = typer.Argument(..., help="Second actor (e.g. IRN)."),
    start: str | None = typer.Option(None, "--from", help="First period: YYYY, YYYY-MM, ..."),
    end: str | None = typer.Option(None, "--to", help="Last period (inclusive)."),
    freq: Freq = typer.Option(Freq.month, "--freq", help="Length of one period of the series."),
    directed: bool = typer.Option(False, "--directed", help="Only A acting on B."),
    weight: Weight = typer.Option(Weight.events, "--weight", help="Count events or mentions."),
    dedup: Dedup = typer.Option(Dedup.none, "--dedup", help="Drop repeated reports of an event."),
    db: Path = DB_OPTION,
    plot: Path | None = typer.Option(None, "--plot", help="Save a chart (.svg or .html)."),
    json: bool = JSON_OPTION,
) -> None:
    """A pair's event series: counts by QuadClass, Goldstein, net cooperation, share of volume."""
    require_extra("events", *EVENTS_MODULES)
    if plot is not None:
        require_extra("plot", *PLOT_MODULES)
    from blocs.measure.events.summary import store_dyad_series

    series = store_dyad_series(
        db,
        a,
        b,
        start=start,
        end=end,
        freq=freq.value,
        directed=directed,
        weight=weight.value,
        dedup=dedup.value,
    )
    if plot is not None:
        _plot(series, plot)
    if json:
        print_json(series)
        return
    from rich.table import Table

    arrow = "→" if directed else "↔"
    table = Table(
        "period",
        "events",
        "verb. coop",
        "mat. coop",
        "verb. confl",
        "mat. confl",
        "Goldstein mean",
        "net coop",
        "share",
        title=f"{series.a} {arrow} {series.b} per {freq} ({weight}, dedup {dedup})",
    )
    for r in series.rows:
        mean = r["goldstein_mean"]
        table.add_row(
            str(r["period"]),
            str(r["events"]),
            str(r["verbal_cooperation"]),
            str(r["material_cooperation"]),
            str(r["verbal_conflict"]),
            str(r["material_conflict"]),
            "" if mean is None else f"{mean:.2f}",
            str(r["net_cooperation"]),
            f"{r['share']:.2e}",
        )
    console.print(table)
    if plot is not None:
        console.print(f"chart saved to {plot}")


def _plot(series: object, target: Path) -> None:
    import altair as alt
    import pandas as pd

    from blocs.measure.events.summary import DyadSeries

    assert isinstance(series, DyadSeries)
    if target.suffix.lower() not in (".svg", ".html"):
        raise DataFormatError("--plot must end in .svg or .html", file=str(target))
    frame = pd.DataFrame(list(series.rows))
    if frame.empty:
        raise DataFormatError("no events in the store for this period; nothing to plot")
    frame["period"] = pd.to_datetime(frame["period"])
    long = frame.melt(
        id_vars=["period"],
        value_vars=[
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        ],
        var_name="QuadClass",
        value_name="count",
    )
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("period:T", title=None), y=alt.Y("count:Q", title="events"), color="QuadClass:N"
        )
    )
    line = (
        alt.Chart(frame)
        .mark_line(color="black")
        .encode(x="period:T", y=alt.Y("net_cooperation:Q", title="net cooperation"))
    )
    chart = alt.vconcat(bars, line).properties(title=f"{series.a} – {series.b} ({series.freq})")
    if target.suffix.lower() == ".svg":
        import vl_convert as vlc

        target.write_text(vlc.vegalite_to_svg(chart.to_dict()), encoding="utf-8")
    else:
        chart.save(str(target))


@events_app.command("summary")
@user_errors
def summary_command(db: Path = DB_OPTION, json: bool = JSON_OPTION) -> None:
    """What the store holds: files, events per format, dates, rejects."""
    require_extra("events", *EVENTS_MODULES)
    from blocs.measure.events.summary import store_summary

    s = store_summary(db)
    if json:
        print_json(s)
        return
    from rich.table import Table

    table = Table("field", "value", title=f"event store {db}")
    from blocs.results import to_jsonable

    for key, value in to_jsonable(s).items():
        table.add_row(key, str(value))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the ``events`` commands to the ``blocs`` app."""
    app.add_typer(events_app, name="events")
