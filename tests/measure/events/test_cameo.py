"""The shipped CAMEO table: codebook facts, and every disagreement with the published copies."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from blocs.measure.events.cameo import QUAD_CLASSES, cameo_events, goldstein, quad_class


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_table_shape_and_rules() -> None:
    table = cameo_events()
    assert len(table) == 316
    assert sum(e.level == 1 for e in table.values()) == 20
    for code, event in table.items():
        assert event.root == code[:2]
        assert event.quad_class == quad_class(code)
        assert -10.0 <= event.goldstein <= 10.0
        if event.level > 1:
            assert event.parent in table and code.startswith(event.parent)
    assert set(QUAD_CLASSES) == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("code", "quad"),
    [("01", 1), ("057", 1), ("06", 2), ("0874", 2), ("09", 3), ("138", 3), ("14", 4), ("204", 4)],
)
def test_quad_class_by_root(code: str, quad: int) -> None:
    assert quad_class(code) == quad


def test_bad_codes_raise() -> None:
    with pytest.raises(ValueError, match="root must be 01-20"):
        quad_class("21")
    with pytest.raises(ValueError, match="not a CAMEO"):
        goldstein("9999")


def _codebook(shared_data: Path) -> Path:
    return shared_data / "cameo-codebook"


def test_against_gdelt_lookup(shared_data: Path) -> None:
    """GDELT's lookup lacks 106 (line merged into 1056) and the 1.1b3 cyber/aerial codes; its
    names differ for the codes whose names blocs repaired (see the cameo module docstring)."""
    ours = cameo_events()
    lookup = {}
    text = (_codebook(shared_data) / "CAMEO.eventcodes.txt").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        code, name = line.split("\t", 1)
        lookup[code] = name
    assert sorted(set(ours) - set(lookup)) == ["106", "155", "176", "1834", "1951", "1952"]
    assert set(lookup) <= set(ours)
    names = sorted(c for c in lookup if _norm(lookup[c]) != _norm(ours[c].name))
    print("names differing from GDELT's lookup:", {c: (lookup[c], ours[c].name) for c in names})
    assert names == ["033", "044", "101", "103", "105", "1056", "107", "108"]


def test_against_manual_json(shared_data: Path) -> None:
    """The manual-derived JSON agrees on QuadClass everywhere; it spells 183 as 1883 and its
    names carry PDF-extraction slips ("Threate n") or the manual's longer wording."""
    ours = cameo_events()
    manual = json.loads((_codebook(shared_data) / "py_gdelt_cameo_codes.json").read_text("utf-8"))
    assert sorted(set(ours) - set(manual)) == ["183"]
    assert sorted(set(manual) - set(ours)) == ["1883"]
    assert manual["1883"]["name"].startswith("Conduct suicide, car, or other non-military bombing")
    assert all(manual[c]["quad_class"] == ours[c].quad_class for c in manual if c in ours)
    names = sorted(
        c for c in manual if c in ours and _norm(manual[c]["name"]) != _norm(ours[c].name)
    )
    print("names differing from the manual JSON:", names)
    assert len(names) == 22


def test_goldstein_against_parus_table(shared_data: Path) -> None:
    """The Parus scale (gdeltPyR copy) is the base; blocs departs from it only where GDELT's own
    rows disagree (016, 022), and fills the 36 codes it lacks; it has 5 non-1.1b3 codes."""
    ours = cameo_events()
    text = (_codebook(shared_data) / "gdeltPyR_cameoCodeTable.tsv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter="\t"))
    parus = {r[3]: float(r[2]) for r in rows[1:]}
    differ = {
        c: (parus[c], ours[c].goldstein)
        for c in parus
        if c in ours and parus[c] != ours[c].goldstein
    }
    print("Goldstein differing from the Parus scale:", differ)
    assert differ == {"016": (3.4, -2.0), "022": (3.4, 3.2)}
    assert sorted(set(parus) - set(ours)) == ["0357", "1213", "1641", "1642", "1643"]
    assert len(set(ours) - set(parus)) == 41
    assert {ours[c].goldstein_basis for c in set(ours) - set(parus)} <= {
        "parent",
        "parus-name",
        "sibling",
        "gdelt-rows",
    }


def test_goldstein_against_real_rows(shared_data: Path) -> None:
    """Every Goldstein value seen in the real GDELT 1.0 rows matches; the ICEWS intensities
    differ for five codes, where ICEWS assigned values by meaning (reported, not followed)."""
    ours = cameo_events()
    path = _codebook(shared_data) / "cameo_event_reference.derived.tsv"
    gdelt, icews = {}, {}
    for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
        code = row["code"]
        if code not in ours:
            continue
        for value in filter(None, row["goldstein_seen_in_gdelt1_sample"].split(";")):
            if float(value) != ours[code].goldstein:
                gdelt[code] = float(value)
        for value in filter(None, row["intensity_seen_in_icews_sample"].split(";")):
            if float(value) != ours[code].goldstein:
                icews[code] = float(value)
        assert int(row["quadclass"]) == ours[code].quad_class
    print("ICEWS intensities differing:", icews)
    assert gdelt == {}
    assert icews == {"016": -5.0, "022": 3.4, "124": -4.0, "163": -8.0, "164": -6.5}
