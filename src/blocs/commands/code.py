"""``blocs code``: CAMEO events from English sentences, one per line or split from a document."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import typer

from blocs.commands.common import console, err_console, user_errors
from blocs.errors import DataFormatError

#: Columns of ``blocs code --csv`` (also read by ``blocs events ingest``).
CSV_COLUMNS = (
    "line",
    "sentence",
    "date",
    "source",
    "target",
    "source_iso3",
    "target_iso3",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "source_start",
    "source_end",
    "target_start",
    "target_end",
    "verb_start",
    "verb_end",
)


def read_text(file: str) -> tuple[str, str]:
    """(label, text) of a file or of standard input (``-``); not UTF-8 or empty is an error."""
    if file == "-":
        data = sys.stdin.buffer.read()
        label = "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            raise DataFormatError("no such file", file=file)
        data = path.read_bytes()
        label = file
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFormatError(
            f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}); convert the file "
            "to UTF-8",
            file=label,
            line=line,
        ) from None
    if not text.strip():
        raise DataFormatError("the input is empty: nothing to code", file=label)
    return label, text


def event_rows(events, date: str | None) -> list[dict]:  # type: ignore[no-untyped-def]
    """The events as the JSON objects ``blocs code`` prints (and ``events ingest`` reads)."""
    rows = []
    for e in events:
        rows.append(
            {
                "line": e.line,
                "sentence": e.sentence,
                "date": date,
                "source": e.source,
                "target": e.target,
                "source_iso3": e.source_iso3,
                "target_iso3": e.target_iso3,
                "code": e.code,
                "root": e.root,
                "quad_class": e.quad_class,
                "goldstein": e.goldstein,
                "spans": {k: list(v) for k, v in e.spans.items()},
                "verb": e.verb,
                "pattern": e.pattern,
            }
        )
    return rows


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        spans = r["spans"]
        writer.writerow(
            [r[c] for c in CSV_COLUMNS[:11]] + [*spans["source"], *spans["target"], *spans["verb"]]
        )
    return out.getvalue()


@user_errors
def code(
    file: str | None = typer.Argument(
        None, help="Text file, one sentence per line, or - for standard input."
    ),
    json: bool = typer.Option(False, "--json", help="Print the events as a JSON list."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the events as CSV."),
    document: bool = typer.Option(
        False, "--document", help="Split a document into sentences (line = paragraph number)."
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        help="Date of the text, YYYY-MM-DD: picks dated actor codes and is "
        "written into each event (needed by `blocs events ingest`); default today for codes.",
    ),
    score: Path | None = typer.Option(
        None, "--score", help="Score the coder on a PETRARCH validation file instead."
    ),
    dictionary_issues: bool = typer.Option(
        False, "--dictionary-issues", help="List the dictionary lines the coder could not use."
    ),
    verbs: Path | None = typer.Option(
        None, "--verbs", help="Verb dictionary instead of the packaged CAMEO.2.0.txt."
    ),
    actors: list[Path] | None = typer.Option(
        None, "--actors", help="Actor dictionary (repeat for several) instead of the packaged."
    ),
    agents: Path | None = typer.Option(None, "--agents", help="Agent dictionary."),
    discards: Path | None = typer.Option(None, "--discards", help="Discard list."),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="Stop at the first malformed dictionary line instead of skipping and counting it.",
    ),
) -> None:
    """Code English sentences into CAMEO events (source, target, code, QuadClass, Goldstein).

    Sentences that give no event are counted and listed with the reason on standard error.
    """
    from blocs.measure.text import Coder, split_sentences
    from blocs.results import to_json

    if json and as_csv:
        raise DataFormatError("choose one of --json and --csv")
    day = None
    if date is not None:
        from blocs.measure.text.coder import _day

        day = _day(date)
        date = f"{str(day)[:4]}-{str(day)[4:6]}-{str(day)[6:]}"
    with err_console.status("loading the dictionaries"):
        coder = Coder.load(
            verbs=verbs, actors=actors or None, agents=agents, discards=discards, strict=strict
        )
    given = {p.name for p in (verbs, *(actors or ()), agents, discards) if p is not None}
    mine = [i for i in coder.issues if i.file in given]
    if mine and not dictionary_issues:
        err_console.print(
            f"{len(mine)} dictionary lines skipped (first: {mine[0].file}:{mine[0].line}: "
            f"{mine[0].reason}); --dictionary-issues lists them",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if dictionary_issues:
        for issue in coder.issues:
            sys.stdout.write(f"{issue.file}:{issue.line}: {issue.reason}: {issue.text.strip()}\n")
        sys.stdout.write(f"{len(coder.issues)} dictionary lines not used\n")
        return
    if score is not None:
        _score(coder, score, json)
        return
    if file is None:
        raise DataFormatError("give a text file, or - to read standard input")
    label, text = read_text(file)
    if document:
        sentences = split_sentences(text)
        results = [coder.code_sentence(s.text, s.paragraph, date=day) for s in sentences]
        events = [e for r in results for e in r.events]
        skipped = [(r.line, r.sentence, r.skipped.value) for r in results if r.skipped]
        total = len(results)
    else:
        lines = text.splitlines()
        run = coder.code_lines(lines, date=day)
        events = list(run.events)
        skipped = [(s.line, s.sentence, s.reason.value) for s in run.skipped if s.sentence]
        total = sum(1 for line in lines if line.strip())
    rows = event_rows(events, date)
    if json:
        sys.stdout.write(to_json(rows) + "\n")
    elif as_csv:
        sys.stdout.write(_csv(rows))
    else:
        from rich.table import Table

        table = Table(
            "line",
            "source",
            "target",
            "code",
            "quad",
            "Goldstein",
            "sentence",
            title=f"events coded from {label}",
        )
        for r in rows:
            table.add_row(
                str(r["line"]),
                r["source"],
                r["target"],
                r["code"],
                str(r["quad_class"]),
                f"{r['goldstein']:+.1f}",
                r["sentence"][:60],
            )
        console.print(table)
    _report_skipped(skipped, total, len(rows))


def _report_skipped(skipped: list[tuple[int, str, str]], total: int, events: int) -> None:
    counts: dict[str, int] = {}
    for _, _, reason in skipped:
        counts[reason] = counts.get(reason, 0) + 1
    summary = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
    err_console.print(
        f"{events} events from {total - len(skipped)} of {total} sentences; "
        f"{len(skipped)} not coded" + (f" ({summary})" if summary else ""),
        highlight=False,
        markup=False,
    )
    for line, sentence, reason in skipped:
        err_console.print(
            f"  line {line}: {reason}: {sentence[:70]}", highlight=False, markup=False
        )


def _score(coder, gold: Path, json: bool) -> None:  # type: ignore[no-untyped-def]
    from blocs.measure.text.scoring import read_gold, score
    from blocs.results import to_json

    records, problems = read_gold(gold)
    table = score(coder, records, gold_file=gold.name)
    for problem in problems:
        err_console.print(problem, highlight=False, markup=False)
    if json:
        sys.stdout.write(to_json(table) + "\n")
        return
    from rich.table import Table

    view = Table(
        "level",
        "P",
        "R",
        "F1",
        "baseline P",
        "baseline R",
        "baseline F1",
        title=f"{gold.name}: {table.sentences} sentences",
    )
    for level in ("exact", "root", "dyad"):
        m, b = table.levels[level], table.baseline[level]
        view.add_row(
            level,
            f"{m.precision:.3f}",
            f"{m.recall:.3f}",
            f"{m.f1:.3f}",
            f"{b.precision:.3f}",
            f"{b.recall:.3f}",
            f"{b.f1:.3f}",
        )
    console.print(view)
    console.print(table.reading(), highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``code`` to the ``blocs`` app."""
    app.command("code")(code)
