"""Readers and the event store on the real samples, corrupted copies and generated files."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from blocs.errors import DataFormatError
from blocs.measure.events.store import export_parquet, ingest
from blocs.measure.events.synthetic import write_gdelt2

REDUCED = "gdelt-sample/moxious_gdelt_reduced_sample_19790101.tsv"
ICEWS = "icews-sample/events.2018.sample.tab"


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_reduced_sample(shared_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    report = ingest([shared_data / REDUCED], db)
    (file,) = report.files
    # 999 rows after the header (PROVENANCE: 306 + 433 + 260), one of them short (padded)
    assert (file.format, file.columns, file.rows, file.rejects) == ("gdelt-reduced", 17, 999, 0)
    by_day = dict(_query(db, "SELECT day(date), count(*) FROM events GROUP BY 1"))
    assert by_day == {1: 306, 2: 433, 3: 260}
    types = dict(
        _query(db, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name='events'")
    )
    assert (
        types["date"] == "DATE"
        and types["goldstein"] == "DOUBLE"
        and types["quad_class"] == "TINYINT"
    )
    first = _query(
        db,
        "SELECT actor1, actor2, event_code, num_events, num_mentions, goldstein FROM events "
        "WHERE date = DATE '1979-01-01' AND actor2 = 'ZMB'",
    )
    assert first == [("AFR", "ZMB", "100", 2, 18, -5.0)]
    # rows whose actor code starts with RUS or IRN (PROVENANCE: 126)
    (n,) = _query(
        db, "SELECT count(*) FROM events WHERE actor1 IN ('RUS','IRN') OR actor2 IN ('RUS','IRN')"
    )[0]
    assert n == 126
    # actor codes that start with a role (GOVMED...) have no country
    (roles,) = _query(db, "SELECT count(*) FROM events WHERE actor1 IN ('GOV', 'MIL', 'IGO')")[0]
    assert roles == 0


def test_icews_sample(shared_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    report = ingest([shared_data / ICEWS], db)
    (file,) = report.files
    assert (file.format, file.columns, file.rows, file.rejects) == ("icews", 20, 3705, 0)
    assert file.unmapped_countries == {}
    assert dict(_query(db, "SELECT date, count(*) FROM events GROUP BY 1")) == {
        __import__("datetime").date(2018, 6, 1): 2359,
        __import__("datetime").date(2018, 6, 2): 1346,
    }
    row = _query(
        db,
        "SELECT actor1, actor2, event_code, quad_class, goldstein, source_story, is_root_event "
        "FROM events WHERE event_id = 32889836",
    )
    assert row == [("BGD", "VNM", "040", 1, 1.0, "47400351", False)]
    # NA countries stay missing and are not reported as unmapped
    (missing,) = _query(db, "SELECT count(*) FROM events WHERE actor1 IS NULL")[0]
    assert missing > 0
    # four Russia-Iran events (ids 32891651, 32891652, 32899613, 32899863), though the sample's
    # provenance note says there are none
    (rus_irn,) = _query(
        db,
        "SELECT count(*) FROM events WHERE actor1 IN ('RUS','IRN') AND actor2 IN ('RUS','IRN') "
        "AND actor1 <> actor2",
    )[0]
    assert rus_irn == 4


def test_corrupted_reduced_copy_keeps_rejects(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / REDUCED).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[10] = lines[10].replace("\t", "\tEXTRA\t", 1).rstrip("\n") + "\tX\tY\tZ\n"
    lines[20] = "19791345" + lines[20][8:]  # month 13
    lines[30] = lines[30].replace("\t", "\t", 1)
    fields = lines[30].split("\t")
    fields[4] = "many"  # NumEvents not an integer
    lines[30] = "\t".join(fields)
    bad = tmp_path / "reduced_bad.tsv"
    bad.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / "e.duckdb"
    report = ingest([bad], db)
    (file,) = report.files
    assert file.rows == 996 and file.rejects == 3
    assert report.rejects == 3
    rejects = _query(db, "SELECT file, line, reason FROM rejects ORDER BY line")
    assert [r[1] for r in rejects] == [11, 21, 31]
    assert all(r[0] == str(bad) for r in rejects)
    assert "TOO MANY COLUMNS" in rejects[0][2]
    assert "19791345" in rejects[1][2]
    assert "many" in rejects[2][2]
    assert sum(file.reject_reasons.values()) == 3


def test_corrupted_icews_copy(shared_data: Path, tmp_path: Path) -> None:
    lines = (shared_data / ICEWS).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = "\t".join(lines[5].split("\t")[:12]) + "\n"  # truncated row
    fields = lines[6].split("\t")
    fields[7] = "high"  # intensity
    lines[6] = "\t".join(fields)
    bad = tmp_path / "events.2018.bad.tab"
    bad.write_text("".join(lines), encoding="utf-8")
    report = ingest([bad], tmp_path / "e.duckdb")
    assert report.rows == 3703 and report.rejects == 2
    reasons = report.files[0].reject_reasons
    assert reasons == {"MISSING COLUMNS": 1, "CAST": 1}
    lines_rejected = _query(tmp_path / "e.duckdb", "SELECT line FROM rejects ORDER BY line")
    assert lines_rejected == [(6,), (7,)]


def test_gdelt2_plain_and_zipped_give_the_same_store(tmp_path: Path) -> None:
    plain = write_gdelt2(tmp_path / "20170101000000.export.CSV", 3000, seed=3)
    zipped = write_gdelt2(tmp_path / "20170101001500.export.CSV.zip", 3000, seed=3, zipped=True)
    assert zipfile.is_zipfile(zipped.path)
    a = ingest([plain.path], tmp_path / "a.duckdb")
    b = ingest([zipped.path], tmp_path / "b.duckdb")
    assert a.rows == b.rows == 3000 and a.rejects == b.rejects == 0
    assert b.files[0].member == "20170101001500.export.CSV"
    sql = "SELECT * EXCLUDE (file_id) FROM events ORDER BY event_id"
    assert _query(tmp_path / "a.duckdb", sql) == _query(tmp_path / "b.duckdb", sql)
    # the key columns are those generated
    frame = plain.frame
    got = _query(
        tmp_path / "a.duckdb",
        "SELECT count(*), sum(num_mentions), sum(is_root_event::INT) FROM events",
    )[0]
    assert got == (3000, int(frame["num_mentions"].sum()), int(frame["is_root_event"].sum()))


def test_zipped_corrupted_rows_are_located(tmp_path: Path) -> None:
    made = write_gdelt2(tmp_path / "20170101000000.export.CSV", 500, seed=5)
    lines = made.path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[99] = "\t".join(lines[99].split("\t")[:58]) + "\n"  # a GDELT 1.0-width row
    fields = lines[199].split("\t")
    fields[1] = "2017-01-01"
    lines[199] = "\t".join(fields)
    archive = tmp_path / "20170101000000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("20170101000000.export.CSV", "".join(lines))
    report = ingest([archive], tmp_path / "e.duckdb")
    assert (report.rows, report.rejects) == (498, 2)
    rejects = _query(tmp_path / "e.duckdb", "SELECT line, reason FROM rejects ORDER BY line")
    assert [r[0] for r in rejects] == [100, 200]
    assert "MISSING COLUMNS" in rejects[0][1] and "CAST" in rejects[1][1]


def test_gdelt1_57_columns_have_no_story(tmp_path: Path) -> None:
    made = write_gdelt2(tmp_path / "x.CSV", 50, seed=1)
    rows = []
    for line in made.path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        del f[40], f[47], f[54]  # the three ADM2 columns
        rows.append("\t".join(f[:-1]))  # and SOURCEURL
    old = tmp_path / "200501.csv"
    old.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = ingest([old], tmp_path / "e.duckdb")
    assert (report.files[0].format, report.files[0].columns, report.rows) == ("gdelt1", 57, 50)
    assert (
        _query(tmp_path / "e.duckdb", "SELECT count(source_story), count(actor1) FROM events")[0][0]
        == 0
    )


def test_same_file_twice_is_skipped_and_parquet_export(shared_data: Path, tmp_path: Path) -> None:
    source = tmp_path / "sample.tsv"
    shutil.copy(shared_data / REDUCED, source)
    db = tmp_path / "e.duckdb"
    ingest([source], db)
    again = ingest([source], db)
    assert again.rows == 0 and again.files[0].skipped == "already ingested"
    out = export_parquet(db, tmp_path / "events.parquet")
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchall() == [(999,)]


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="no such file"):
        ingest([tmp_path / "nope.CSV"], tmp_path / "e.duckdb")
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(DataFormatError, match="cannot tell the format"):
        ingest([odd], tmp_path / "e.duckdb")
