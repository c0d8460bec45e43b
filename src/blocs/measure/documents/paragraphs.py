"""A document's paragraphs, numbered the way a scenario's citations number them.

A paragraph is a non-empty line of the document's text file, counted from 1; blank lines
separate nothing and count for nothing. Each paragraph keeps the line of the file it sits on,
so that a problem can be located in the document as well as in the scenario.

Examples
--------
>>> paras = split_paragraphs("First line.\\n\\n  \\nSecond paragraph.\\n")
>>> [(p.number, p.line, p.text) for p in paras]
[(1, 1, 'First line.'), (2, 4, 'Second paragraph.')]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from blocs.errors import DataFormatError

__all__ = ["Paragraph", "read_paragraphs", "read_text", "split_paragraphs"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its number (from 1), the file line it sits on (from 1) and its text."""

    number: int
    line: int
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """The non-empty lines of ``text``, numbered from 1, stripped of surrounding blanks."""
    out: list[Paragraph] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped:
            out.append(Paragraph(number=len(out) + 1, line=line_no, text=stripped))
    return out


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file, without a leading byte-order mark.

    A missing or undecodable file is a :class:`~blocs.errors.DataFormatError` naming the file
    and, for bad bytes, the line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataFormatError("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise DataFormatError("is a folder, not a text file", file=str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFormatError(
            f"not UTF-8 text (byte {exc.start}: {exc.reason}); convert the file to UTF-8",
            file=str(path),
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def read_paragraphs(path: str | Path) -> list[Paragraph]:
    """The paragraphs of a UTF-8 text file (see :func:`read_text` for its errors)."""
    return split_paragraphs(read_text(path))
