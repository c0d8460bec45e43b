"""UN General Assembly vote agreement, reproducing figures computed from the Voeten data."""

from __future__ import annotations

import gzip
import itertools
import math

import numpy as np
import pytest

from blocs.errors import BlocsError, DataFormatError
from blocs.measure.votes import (
    UN_VOTES_SOURCE,
    read_votes,
    vote_agreement,
    vote_agreement_matrix,
)
from blocs.results import to_jsonable
from blocs.scenario.crosswalk import CountryCodeError


@pytest.fixture(scope="module")
def un_votes(shared_data):
    return shared_data / "un-votes"


@pytest.fixture(scope="module")
def table(un_votes):
    """One read of every state's 2015-2017 votes for the tests below."""
    return read_votes(un_votes, None, 2015, 2017)


# Reference values: 2015-2017 roll calls of the 2021 release on which both states voted
# (yes, abstain or no): share identical, Signorino-Ritter S, number of roll calls.
REFERENCE = {
    ("RUS", "IRN"): (0.648, 0.503, 298),
    ("RUS", "USA"): (0.294, -0.206, 316),
    ("IRN", "USA"): (0.139, -0.510, 302),
}


@pytest.mark.parametrize("pair", sorted(REFERENCE))
def test_reference_pairs_2015_2017(table, pair):
    agreement, s, n = REFERENCE[pair]
    r = vote_agreement(table, *pair, 2015, 2017)
    assert r.overall.votes == n
    assert round(r.overall.agreement, 3) == agreement
    assert round(r.overall.s_score, 3) == s
    assert -1.0 <= r.overall.kappa <= 1.0
    assert r.rows == (r.overall,)


def test_reference_russia_iran_by_year(table):
    r = vote_agreement(table, "RUS", "IRN", 2015, 2017, by="year")
    assert [x.label for x in r.rows] == ["2015", "2016", "2017"]
    assert [round(x.agreement, 3) for x in r.rows] == [0.649, 0.635, 0.658]
    assert sum(x.votes for x in r.rows) == r.overall.votes == 298
    assert sum(x.identical for x in r.rows) == r.overall.identical


def test_reading_from_the_folder_matches_the_table(un_votes, table):
    direct = vote_agreement(un_votes, "IRN", "RUS", 2016, 2016)
    assert direct.overall == vote_agreement(table, "IRN", "RUS", 2016, 2016).overall
    assert direct.malformed == 0


def test_symmetric_in_the_pair(table):
    ab = vote_agreement(table, "RUS", "USA", 2015, 2017).overall
    ba = vote_agreement(table, "USA", "RUS", 2015, 2017).overall
    assert (ab.votes, ab.agreement, ab.s_score) == (ba.votes, ba.agreement, ba.s_score)
    assert ab.kappa == pytest.approx(ba.kappa)


def test_issue_filter_by_code_or_name(table):
    code = vote_agreement(table, "RUS", "IRN", 2015, 2017, issue="hr")
    name = vote_agreement(table, "RUS", "IRN", 2015, 2017, issue="Human rights")
    assert code.overall == name.overall
    assert 0 < code.overall.votes < 298
    assert "issue hr" in code.locator
    with pytest.raises(BlocsError, match=r"unknown issue 'trade'.*hr \(Human rights\)"):
        vote_agreement(table, "RUS", "IRN", 2015, 2017, issue="trade")


def test_historical_codes_and_codes_that_look_like_missing_values(un_votes):
    # Namibia's ISO alpha-2 code is "NA"; the Federal Republic has no code in the data,
    # and ISO DEU covers it before 1990 and unified Germany after.
    t = read_votes(un_votes, ["DEU", "NAM", "SUN"], 1985, 1995)
    r = vote_agreement(t, "DEU", "NAM", 1985, 1995, by="year")
    before = [x for x in r.rows if x.start < 1990]
    assert all(x.votes == 0 and math.isnan(x.agreement) for x in before)
    assert all(x.votes > 0 for x in r.rows if x.start >= 1990)
    assert to_jsonable(r)["rows"][0]["agreement"] is None
    soviet = vote_agreement(t, "SUN", "DEU", 1985, 1989)
    assert soviet.overall.votes > 100


def test_result_carries_the_dataset_and_the_query(table):
    r = vote_agreement(table, "RUS", "IRN", 2015, 2017)
    d = to_jsonable(r)
    assert d["source"]["kind"] == "dataset" and d["source"]["id"] == UN_VOTES_SOURCE.id
    assert d["locator"] == "un-votes: RUS-IRN, roll calls 2015-2017 where both voted"
    assert set(d) >= {"a", "b", "start", "end", "by", "overall", "rows", "malformed"}


def test_bad_requests(table, un_votes, tmp_path):
    with pytest.raises(CountryCodeError, match="unknown ISO 3166 alpha-3 code 'XYZ'"):
        vote_agreement(un_votes, "RUS", "XYZ", 2015, 2017)
    with pytest.raises(BlocsError, match="after it ends"):
        vote_agreement(table, "RUS", "IRN", 2017, 2015)
    small = read_votes(un_votes, ["RUS", "IRN"], 2016, 2016)
    with pytest.raises(BlocsError, match="not read"):
        vote_agreement(small, "RUS", "CHN", 2016, 2016)
    with pytest.raises(BlocsError, match="not read"):
        vote_agreement_matrix(small, 2016, 2016, actors=["RUS", "CHN"])
    with pytest.raises(DataFormatError, match=r"un_votes\.csv\.gz or un_votes\.csv"):
        vote_agreement(tmp_path, "RUS", "IRN", 2015, 2017)


def _write_small_data(folder, vote_lines):
    with gzip.open(folder / "un_votes.csv.gz", "wt") as fh:
        fh.write("rcid,country,country_code,vote\n" + "\n".join(vote_lines) + "\n")
    (folder / "un_roll_calls.csv").write_text(
        "rcid,importantvote,date,unres\n"
        "1,0,2015-10-01,R/70/1\n2,0,2015-11-01,R/70/2\n3,0,2016-03-01,R/70/3\n"
    )
    (folder / "un_roll_call_issues.csv").write_text("rcid,short_name,issue\n1,hr,Human rights\n")


def test_malformed_and_absent_rows_are_counted_not_dropped_silently(tmp_path):
    _write_small_data(
        tmp_path,
        [
            "1,Russia,RU,yes",
            "1,Iran,IR,yes",
            "2,Russia,RU,no",
            "2,Iran,IR,8",  # absent (original Voeten code)
            "3,Russia,RU,maybe",  # malformed
            "3,Iran,IR,abstain",
            "x,Iran,IR,yes",  # malformed roll-call id
        ],
    )
    r = vote_agreement(tmp_path, "RUS", "IRN", 2015, 2016)
    assert r.overall.votes == 1 and r.overall.agreement == 1.0
    assert r.malformed == 2 and r.not_voting == 1


def test_missing_column_names_the_file(tmp_path):
    _write_small_data(tmp_path, ["1,Russia,RU,yes"])
    (tmp_path / "un_roll_calls.csv").write_text("rcid,unres\n1,R/70/1\n")
    with pytest.raises(DataFormatError, match=r"un_roll_calls.csv:1: missing column\(s\) date"):
        vote_agreement(tmp_path, "RUS", "IRN", 2015, 2016)


def test_every_state_read_and_the_unmatched_counted(table):
    assert table.malformed == 0
    # only Zanzibar (1963-64) has no ISO code, so its two rows match no state
    assert table.unmatched == 2
    assert {"RUS", "IRN", "USA", "NAM", "SRB"} <= set(table.votes["actor"])


@pytest.fixture(scope="module")
def matrix(table):
    return vote_agreement_matrix(table, 2015, 2017)


def test_matrix_reproduces_the_reference_pairs(matrix):
    for (a, b), (agreement, s, n) in REFERENCE.items():
        row = matrix.pair(a, b)
        assert (row.votes, round(row.agreement, 3), round(row.s_score, 3)) == (n, agreement, s)


def test_matrix_equals_pair_by_pair(table, matrix):
    fields = ("votes", "identical", "agreement", "s_score", "kappa")
    rng = np.random.default_rng(7)
    pairs = list(itertools.combinations(matrix.actors, 2))
    for k in rng.choice(len(pairs), size=40, replace=False):
        a, b = pairs[k]
        one = vote_agreement(table, a, b, 2015, 2017).overall
        many = matrix.pair(a, b)
        for f in fields:
            x, y = getattr(one, f), getattr(many, f)
            assert (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, abs=1e-12), (a, b)


def test_matrix_is_symmetric_with_a_unit_diagonal(matrix):
    assert np.array_equal(matrix.votes, matrix.votes.T)
    assert np.allclose(matrix.s_score, matrix.s_score.T, equal_nan=True)
    assert np.allclose(np.diag(matrix.agreement), 1.0)
    assert len(matrix.actors) > 180
    d = to_jsonable(matrix)
    assert len(d["votes"]) == len(d["actors"])


def test_matrix_by_issue(table):
    m = vote_agreement_matrix(table, 2015, 2017, "hr", actors=["RUS", "IRN"])
    one = vote_agreement(table, "RUS", "IRN", 2015, 2017, issue="hr").overall
    many = m.pair("RUS", "IRN")
    assert (many.votes, many.identical, many.s_score) == (one.votes, one.identical, one.s_score)
    assert many.kappa == pytest.approx(one.kappa)


def test_a_broken_line_names_the_file(tmp_path):
    _write_small_data(tmp_path, ["1,Russia,RU,yes", "1,Iran,IR,yes,extra,fields"])
    with pytest.raises(DataFormatError, match=r"un_votes\.csv\.gz:3: cannot read as CSV"):
        vote_agreement(tmp_path, "RUS", "IRN", 2015, 2016)
