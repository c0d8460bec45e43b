"""Document commands: ``extract`` (a draft scenario from an article)."""

from __future__ import annotations

from pathlib import Path

import typer

from blocs.commands.common import JSON_OPTION, console, err_console, print_json, user_errors


@user_errors
def extract(
    document: Path = typer.Argument(..., help="A UTF-8 text file, one paragraph per line."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the draft scenario (YAML) here, not to stdout."
    ),
    source_id: str | None = typer.Option(
        None, "--source-id", help="Id of the document as a source (default: from the file name)."
    ),
    title: str | None = typer.Option(None, "--title", help="Title of the document."),
    date: str | None = typer.Option(
        None, "--date", help="The document's date (YYYY-MM-DD): dates leaders' codes."
    ),
    against: str | None = typer.Option(
        None,
        "--against",
        help="A reviewed scenario (name or file) citing this document: print the recall and"
        " precision of what was extracted.",
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Draft a scenario from a document: actors, figures, dates and candidate ties, each cited.

    The draft validates, says it is a draft, and keeps the source's words in ``quote`` fields
    for the analyst to paraphrase."""
    from blocs.measure.documents.evaluate import score_extraction
    from blocs.measure.documents.extract import draft_scenario, extract
    from blocs.measure.documents.paragraphs import read_text
    from blocs.scenario import dumps_scenario, load

    text = read_text(document)
    if not text.strip():
        from blocs.errors import DataFormatError

        raise DataFormatError("the document is empty", file=str(document))
    reference = load(against) if against is not None else None
    sid = source_id
    if sid is None and reference is not None:
        sid = next((s.id for s in reference.sources if s.file == document.name), None)
    sid = sid or (
        "".join(c if c.isalnum() or c in "-_." else "-" for c in document.stem).strip("-")
        or "document"
    )
    if not sid[0].isalpha():
        sid = f"doc-{sid}"
    found = extract(
        text, source_id=sid, title=title or document.stem, file=document.name, date=date
    )
    draft = draft_scenario(found)
    score = score_extraction([found], reference) if reference is not None else None
    if json:
        print_json({"extraction": found, "score": score})
    if output is not None:
        output.write_text(dumps_scenario(draft), encoding="utf-8")
    elif not json:
        typer.echo(dumps_scenario(draft), nl=False)
    say = console if output is not None and not json else err_console
    if not json:
        say.print(found.reading(), highlight=False)
        if output is not None:
            say.print(
                f"wrote the draft scenario {output} (review it, then: blocs validate {output})",
                highlight=False,
            )
        if score is not None:
            say.print(score.reading(), highlight=False)


def register(app: typer.Typer) -> None:
    """Add the document commands to the ``blocs`` app."""
    app.command()(extract)
