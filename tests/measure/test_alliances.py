"""ATOP alliance obligations of known pairs: Russia–Iran (1927, 2001) and US–UK (NATO)."""

from __future__ import annotations

import math

import pytest

from blocs.errors import BlocsError, DataFormatError
from blocs.measure.alliances import OBLIGATIONS, AllianceYear, alliance_ties
from blocs.results import to_jsonable
from blocs.scenario.crosswalk import CountryCodeError


@pytest.fixture(scope="module")
def atop5(shared_data):
    return shared_data / "peacesciencer-cow-atop"


@pytest.fixture(scope="module")
def atop4(shared_data):
    return shared_data / "atop-v4"


def test_russia_iran_2001_treaty_member_level(atop4):
    t = alliance_ties(atop4, "RUS", "IRN", 2000, 2016)
    assert t.source.version == "4.01" and t.file == "atop-member-level.csv"
    (treaty,) = t.treaties
    # ATOP 4968: neutrality, non-aggression and consultation; no defence pledge; in effect
    assert treaty.atopid == 4968 and treaty.start == 2001 and treaty.end is None
    assert treaty.obligations == ("neutral", "nonagg", "consul")
    assert t.years[0] == AllianceYear(year=2000)
    assert all(y.atopids == (4968,) and not y.defense for y in t.years[1:])
    assert t.allied_years == 16


def test_russia_iran_2001_treaty_dyad_years(atop5):
    t = alliance_ties(atop5, "IRN", "RUS", 2000, 2018)
    assert t.source.version == "5.1" and t.coverage[1] == 2018
    assert t.years[0].obligations == ()
    assert {y.obligations for y in t.years[1:]} == {("neutral", "nonagg", "consul")}
    assert t.obligations == ("neutral", "nonagg", "consul")
    assert t.strength() == pytest.approx(18 / 19 * 0.5)


def test_soviet_persian_treaty_of_1927_ends_in_1941(atop4):
    t = alliance_ties(atop4, "RUS", "IRN", 1927, 1941)
    assert [tr.atopid for tr in t.treaties] == [2195]
    assert t.treaties[0].end == 1941
    assert t.treaties[0].obligations == ("neutral", "nonagg")


def test_us_uk_nato(atop4, atop5):
    v4 = alliance_ties(atop4, "USA", "GBR", 2015, 2016)
    assert 3180 in {tr.atopid for tr in v4.treaties}  # the North Atlantic Treaty
    v5 = alliance_ties(atop5, "USA", "GBR", 2015, 2017)
    for t in (v4, v5):
        assert all(y.defense for y in t.years)
        assert t.strength() == 1.0


def test_both_forms_agree_on_the_obligations_they_share(atop4, atop5):
    for pair in (("RUS", "IRN"), ("USA", "GBR"), ("RUS", "USA")):
        v4 = alliance_ties(atop4, *pair, 2010, 2016)
        v5 = alliance_ties(atop5, *pair, 2010, 2016)
        assert v4.obligations == v5.obligations, pair


def test_order_of_the_pair_does_not_matter(atop5):
    ab = alliance_ties(atop5, "USA", "GBR", 1940, 1960)
    ba = alliance_ties(atop5, "GBR", "USA", 1940, 1960)
    assert [y.obligations for y in ab.years] == [y.obligations for y in ba.years]


def test_years_outside_the_data_are_not_covered(atop4):
    t = alliance_ties(atop4, "RUS", "IRN", 2015, 2017)
    assert [y.covered for y in t.years] == [True, True, False]
    assert t.strength() == 0.5  # the mean over covered years only
    assert "covers 1815-2016" in t.locator
    none = alliance_ties(atop4, "RUS", "IRN", 2030, 2031)
    assert math.isnan(none.strength()) and to_jsonable(none)["strength"] is None


def test_weights_are_a_parameter(atop5):
    weights = dict.fromkeys(OBLIGATIONS, 0.1) | {"neutral": 0.8}
    t = alliance_ties(atop5, "RUS", "IRN", 2015, 2017, weights=weights)
    assert t.strength() == pytest.approx(0.8)
    with pytest.raises(BlocsError, match="weights must give each"):
        alliance_ties(atop5, "RUS", "IRN", 2015, 2017, weights={"defense": 1.0})


def test_to_dict_is_plain_data(atop4):
    d = to_jsonable(alliance_ties(atop4, "RUS", "IRN", 2015, 2016))
    assert d["treaties"][0]["atopid"] == 4968
    assert d["source"]["kind"] == "dataset"
    assert d["years"][0]["neutral"] is True and d["years"][0]["defense"] is False
    assert d["cow_a"] == [365] and d["cow_b"] == [630]


def test_bad_inputs(tmp_path, atop5):
    with pytest.raises(DataFormatError, match="no ATOP file here"):
        alliance_ties(tmp_path, "RUS", "IRN", 2015, 2017)
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    with pytest.raises(DataFormatError, match=r"other\.csv:1: not an ATOP file"):
        alliance_ties(tmp_path / "other.csv", "RUS", "IRN", 2015, 2017)
    with pytest.raises(CountryCodeError, match="unknown ISO 3166 alpha-3 code 'URS'"):
        alliance_ties(atop5, "URS", "IRN", 2015, 2017)
    with pytest.raises(BlocsError, match="after it ends"):
        alliance_ties(atop5, "RUS", "IRN", 2017, 2015)


def test_malformed_rows_are_counted(tmp_path):
    path = tmp_path / "atop_alliance.csv"
    path.write_text(
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n"
        "365,630,2015,0,0,1,1,1\n"
        "365,630,twenty,0,0,1,1,1\n"
        "630,365,2016,0,0,,1,1\n"
        "2,200,2016,1,0,0,1,1\n"
    )
    t = alliance_ties(path, "RUS", "IRN", 2015, 2016)
    assert t.malformed == 2
    assert t.years[0].obligations == ("neutral", "nonagg", "consul")
    assert t.years[1].obligations == ()
