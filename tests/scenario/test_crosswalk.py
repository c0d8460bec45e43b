"""The country-code crosswalk against the COW state list and the CAMEO country dictionary."""

from __future__ import annotations

import csv
import re

import pytest

from blocs.errors import BlocsError
from blocs.results import to_jsonable
from blocs.scenario.crosswalk import (
    CAMEO_NOT_STATES,
    SYSTEMS,
    CountryCodeError,
    candidates,
    convert,
    from_iso3,
    lookup,
    records,
    to_iso3,
)


@pytest.fixture(scope="module")
def cow_states(shared_data):
    """COW state-system membership v2016 (peacesciencer): code -> (abb, name, spells)."""
    out: dict[int, tuple[str, str, list[tuple[int, int]]]] = {}
    with open(shared_data / "peacesciencer-cow-atop" / "cow_states.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            code = int(row["ccode"])
            entry = out.setdefault(code, (row["stateabb"], row["statenme"], []))
            entry[2].append((int(row["styear"]), int(row["endyear"])))
    return out


def test_every_cow_state_is_mapped_with_its_name(cow_states):
    ours = {r.cow: r for r in records()}
    assert set(ours) == set(cow_states)
    for code, (abb, name, spells) in cow_states.items():
        rec = ours[code]
        assert (rec.cow_abb, rec.name, list(rec.spells)) == (abb, name, spells)
        assert lookup(code) is rec
        assert lookup(abb, "cow_abb") is rec


def test_codes_are_well_formed_and_statuses_consistent():
    for rec in records():
        if rec.iso3:
            assert re.fullmatch(r"[A-Z]{3}", rec.iso3), rec
            assert rec.iso2 and re.fullmatch(r"[A-Z]{2}", rec.iso2), rec
            assert rec.iso_status in {"current", "former", "user_assigned"}
        else:
            assert rec.iso_status == "none" and rec.iso2 is None
        assert rec.gw and all(isinstance(g, int) for g in rec.gw)
        assert all(re.fullmatch(r"[A-Z]{3}", c) for c in rec.cameo)


def test_only_known_iso3_codes_are_shared():
    by_iso: dict[str, list[int]] = {}
    for rec in records():
        if rec.iso3:
            by_iso.setdefault(rec.iso3, []).append(rec.cow)
    shared = {k: v for k, v in by_iso.items() if len(v) > 1}
    # the Federal Republic and North Yemen held the codes their unified successors keep
    assert shared == {"DEU": [255, 260], "YEM": [678, 679]}
    assert from_iso3("DEU") == 255 and from_iso3("DEU", year=1970) == 260
    assert from_iso3("YEM") == 679 and from_iso3("YEM", year=1980) == 678


def test_every_cameo_country_code_maps_or_is_listed_as_not_a_state(shared_data):
    path = shared_data / "cameo-actors" / "cameo_country_codes.derived.tsv"
    with open(path, newline="") as fh:
        codes = [row["code"] for row in csv.DictReader(fh, delimiter="\t")]
    assert len(codes) == 208
    for code in codes:
        mapped = candidates(code, "cameo")
        assert bool(mapped) != (code in CAMEO_NOT_STATES), code
        if code in CAMEO_NOT_STATES:
            with pytest.raises(CountryCodeError, match="not a state"):
                lookup(code, "cameo")
    assert set(CAMEO_NOT_STATES) <= set(codes)
    assert lookup("SUN", "cameo").cow == 365
    assert lookup("TMP", "cameo").iso3 == "TLS"
    assert lookup("KSV", "cameo").cow == 347
    assert lookup("SCG", "cameo").cow == 345


# COW abbreviation -> (the COW state it names, the country whose ISO alpha-3 code it is)
SEVEN = {
    "AUS": ("AUT", "Austria", 900),  # ISO AUS: Australia
    "CZE": ("CSK", "Czechoslovakia", 316),  # ISO CZE: Czech Republic
    "KOR": (None, "Korea", 732),  # ISO KOR: Republic of Korea
    "MAC": ("MKD", "Macedonia", None),  # ISO MAC: Macao, not a state
    "MNG": ("MNE", "Montenegro", 712),  # ISO MNG: Mongolia
    "SLV": ("SVN", "Slovenia", 92),  # ISO SLV: El Salvador
    "SWZ": ("CHE", "Switzerland", 572),  # ISO SWZ: Swaziland
}


@pytest.mark.parametrize("abb", sorted(SEVEN))
def test_cow_abbreviations_that_are_other_countries_iso_codes(abb):
    iso, name, other_cow = SEVEN[abb]
    rec = lookup(abb, "cow_abb")
    assert rec.name == name
    if iso is None:
        with pytest.raises(CountryCodeError, match="no ISO"):
            to_iso3(abb, "cow_abb")
    else:
        assert to_iso3(abb, "cow_abb") == iso != abb
    if other_cow is None:
        assert not candidates(abb, "iso3")
    else:
        assert lookup(abb, "iso3").cow == other_cow != rec.cow


def test_the_seven_are_all_such_abbreviations():
    iso3_codes = {c for r in records() for c in r.codes("iso3")}
    clashing = {
        r.cow_abb for r in records() if r.cow_abb in iso3_codes and r.cow_abb not in r.codes("iso3")
    }
    # MAC (Macao) is no state, so it is not in the table's ISO column
    assert clashing | {"MAC"} == set(SEVEN)


def test_norway_and_other_plain_cases():
    assert to_iso3("NOR", "cow_abb") == "NOR"
    assert lookup("NO", "iso2").name == "Norway"
    assert from_iso3("NOR", "cow") == 385
    assert from_iso3("IRN", "cameo") == "IRN"
    assert to_iso3(2) == "USA" and to_iso3(630) == "IRN" and to_iso3(365) == "RUS"
    assert to_iso3("365") == "RUS"
    assert to_iso3("rus", "iso3") == "RUS"


def test_dissolved_and_continuing_states():
    assert lookup("SUN", "iso3").cow == 365
    assert lookup("SU", "iso2").cow == 365
    assert lookup(365, "gw").iso3 == "RUS"
    assert to_iso3(265) == "DDR" and lookup(265).iso_status == "former"
    assert to_iso3(315) == "CSK"
    assert to_iso3(345) == "SRB" and lookup("YUG", "iso3").cow == 345
    assert lookup(340, "gw").cow == 345
    with pytest.raises(CountryCodeError, match="Bavaria"):
        to_iso3(245)


def test_gleditsch_ward_differences():
    assert convert(946, "cow", "gw") == 970  # Kiribati
    assert convert(970, "cow", "gw") == 971  # Nauru
    assert convert(970, "gw", "cow") == 946
    assert convert(679, "cow", "gw") == 678  # unified Yemen
    assert convert(678, "gw", "cow") == 679
    assert convert(678, "gw", "cow", year=1980) == 678
    assert convert(260, "gw", "cow") == 255
    assert convert(260, "gw", "cow", year=1970) == 260


def test_every_code_leads_back_to_its_state():
    for rec in records():
        year = rec.spells[0][0]
        for system in SYSTEMS:
            for code in rec.codes(system):
                assert lookup(code, system, year=year).cow == rec.cow, (rec.cow, system, code)


def test_unknown_codes_raise_a_clear_error():
    with pytest.raises(CountryCodeError, match="unknown COW code 999") as info:
        lookup(999)
    assert isinstance(info.value, BlocsError)
    with pytest.raises(CountryCodeError, match="ISO 3166 alpha-3 code of Austria"):
        lookup("AUT", "cow_abb")
    with pytest.raises(CountryCodeError, match="must be a number"):
        lookup("RUS", "cow")
    with pytest.raises(CountryCodeError, match="unknown code system"):
        lookup("RUS", "iso")
    with pytest.raises(CountryCodeError, match="no CAMEO"):
        convert(245, "cow", "cameo")


def test_record_to_dict_is_plain_data():
    d = to_jsonable(lookup(365))
    assert d["iso3"] == "RUS" and d["gw"] == [365] and d["spells"] == [[1816, 2016]]
    assert "SUN" in d["iso3_aliases"]


# Names the UN vote data writes differently from the COW list (same states).
UN_NAME_VARIANTS = {
    "CI": "Ivory Coast",  # Côte d'Ivoire
    "CZ": "Czech Republic",  # Czechia
    "ST": "Sao Tome and Principe",  # accents
    "SZ": "Swaziland",  # Eswatini since 2018
}


def _words(name: str) -> set[str]:
    common = {"the", "of", "and", "republic", "st", "saint"}
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in common}


def test_iso2_codes_agree_with_the_un_vote_data(shared_data):
    """An independent check of the ISO alpha-2 column: every (name, code) of the UN votes
    data names the state our table gives that code."""
    import duckdb

    path = str(shared_data / "un-votes" / "un_votes.csv.gz")
    rows = duckdb.connect().execute(
        "SELECT DISTINCT country, country_code FROM read_csv($p, all_varchar=true)"
        " WHERE country_code IS NOT NULL",
        {"p": path},
    )
    pairs = rows.fetchall()
    assert len(pairs) > 190
    for name, code in pairs:
        recs = candidates(code, "iso2")
        assert recs, (code, name)
        if code in UN_NAME_VARIANTS:
            assert recs[0].name == UN_NAME_VARIANTS[code]
        else:
            assert any(_words(name) & _words(r.name) for r in recs), (code, name)
