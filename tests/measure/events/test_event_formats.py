"""Format detection and column layouts."""

from __future__ import annotations

import pytest

from blocs.errors import DataFormatError
from blocs.measure.events.formats import FORMATS, detect_format


def _line(n: int) -> str:
    return "\t".join(["x"] * n) + "\n"


def test_layouts_match_the_gdelt_header_files(shared_data) -> None:
    folder = shared_data / "gdelt-sample"
    v1 = (folder / "GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv").read_text().split()[1:]
    assert [n for n, _ in FORMATS["gdelt1"].layouts[1]] == v1
    assert [n for n, _ in FORMATS["gdelt1"].layouts[0]] == v1[:-1]
    v2 = [
        line.split(",", 1)[0]
        for line in (folder / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
        .read_text(encoding="utf-8")
        .splitlines()[1:]
    ]
    assert [n for n, _ in FORMATS["gdelt2"].columns] == v2


@pytest.mark.parametrize(
    ("name", "count", "expected"),
    [
        ("20170301.export.CSV.zip", 58, "gdelt1"),
        ("201201.zip", 57, "gdelt1"),
        ("20170301101500.export.CSV.zip", 61, "gdelt2"),
        ("20170301101500.translation.export.CSV", 61, "gdelt2"),
        ("anything.tsv", 61, "gdelt2"),
    ],
)
def test_detect_by_name_and_column_count(name: str, count: int, expected: str) -> None:
    assert detect_format(name, first_line=_line(count)).name == expected


def test_detect_by_header() -> None:
    assert (
        detect_format("s.tsv", first_line="Date\tSource\tTarget\tCAMEOCode\n").name
        == "gdelt-reduced"
    )
    assert detect_format("e.tab", first_line="Event ID\tEvent Date\tSource Name\n").name == "icews"


@pytest.mark.parametrize(
    ("name", "count", "given", "message"),
    [
        ("20170301101500.export.CSV", 58, None, "GDELT 2.0 file's but the first line has 58"),
        ("20170301.export.CSV", 61, None, "GDELT 1.0 file's but the first line has 61"),
        ("x.csv", 12, None, "cannot tell the format"),
        ("x.csv", 58, "gdelt2", "but gdelt2 files have 61"),
        ("x.csv", 58, "icews", "start with a header"),
        ("x.csv", 58, "acled", "unknown format"),
    ],
)
def test_detect_errors_say_what_to_do(
    name: str, count: int, given: str | None, message: str
) -> None:
    with pytest.raises(DataFormatError, match=message):
        detect_format(name, first_line=_line(count), given=given)
