"""Scenarios built from data: coding rules on hand-checked rows, coverage, bad input, CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import BlocsError, DataFormatError
from blocs.measure.builder import build_scenario, parse_years, resolve_states
from blocs.scenario import load_scenario
from blocs.scenario.model import Basis
from blocs.scenario.network import net_tie


def _tie(scenario, tie_id):
    found = [t for t in scenario.ties if t.id == tie_id]
    assert found, f"no tie {tie_id}: {[t.id for t in scenario.ties]}"
    return found[0]


@pytest.fixture(scope="module")
def egypt_1974(shared_data):
    return build_scenario(shared_data, ["EGY", "RUS", "USA", "FRA"], 1974, 1974)


def test_sipri_share_of_recipient_imports(egypt_1974):
    # SIPRI 1974 deliveries to Egypt: Soviet Union 848, France 228 (TIV millions), no other
    s = egypt_1974.scenario
    rus = _tie(s, "rus-egy-sipri-1974-1974")
    fra = _tie(s, "fra-egy-sipri-1974-1974")
    assert rus.directed and rus.pair == ("RUS", "EGY") and rus.channel.value == "military"
    assert rus.strength == round(848 / 1076, 3) == 0.788
    assert fra.strength == round(228 / 1076, 3)
    assert "848 million TIV" in rus.evidence[0].claim and "1076" in rus.evidence[0].claim
    assert "supplier_cown=365, recipient_cown=651" in rus.evidence[0].locator


def test_every_tie_measured_and_located(egypt_1974):
    s = egypt_1974.scenario
    assert s.ties
    sources = {src.id: src for src in s.sources}
    for t in s.ties:
        assert t.basis == Basis.measured
        for ev in t.evidence:
            assert ev.locator and ev.source in sources and sources[ev.source].version


def test_supplier_switch_egypt_1979(shared_data):
    # 1979: United States 339, China 200, France 65, United Kingdom 26 (total 630)
    s = build_scenario(shared_data, ["EGY", "USA", "CHN", "RUS"], 1979, 1979).scenario
    assert _tie(s, "usa-egy-sipri-1979-1979").strength == round(339 / 630, 3)
    assert _tie(s, "chn-egy-sipri-1979-1979").strength == round(200 / 630, 3)
    assert not [t for t in s.ties if t.id == "rus-egy-sipri-1979-1979"]


def test_atop_by_obligation_type_and_mids_by_hostility(shared_data):
    s = build_scenario(shared_data, ["CHN", "RUS", "USA"], 1969, 1970).scenario
    # ATOP 5.1 codes the 1950 Sino-Soviet treaty as a defence pact in force in both years
    assert _tie(s, "chn-rus-atop-1969-1970").strength == 1.0
    # MID 349, 1969: use of force (hostility 4) -> 0.75 in one of two years
    mid = _tie(s, "chn-rus-mid-1969-1970")
    assert mid.strength == -0.375
    assert "dispnum 349" in mid.evidence[0].locator
    assert net_tie(s, "CHN", "RUS", "military") == pytest.approx(0.625)


def test_neutrality_ranks_below_defence(shared_data):
    # ATOP 5.1, 2016: Russia-Iran hold neutrality, non-aggression and consultation
    s = build_scenario(shared_data, ["RUS", "IRN"], 2016, 2016).scenario
    assert _tie(s, "rus-irn-atop-2016-2016").strength == 0.5


def test_un_votes_s_and_cinc(shared_data):
    r = build_scenario(shared_data, ["RUS", "IRN", "USA"], 2015, 2017)
    s = r.scenario
    # the figures of docs/measure-ties-from-votes-and-alliances.md
    assert _tie(s, "rus-irn-un-votes-2015-2017").strength == 0.503
    assert _tie(s, "rus-usa-un-votes-2015-2017").strength == -0.206
    assert s.size_attribute == "cinc"
    # NMC 7.0: Russia 2016 0.036467496 (a mean over 2015-2017 here)
    one = build_scenario(shared_data, ["RUS", "IRN"], 2016, 2016).scenario
    assert one.actor("RUS").attribute("cinc").value == pytest.approx(0.036467496)


def test_years_outside_one_data_set_are_reported(shared_data):
    r = build_scenario(shared_data, ["RUS", "IRN", "USA"], 2013, 2016)
    mid = next(d for d in r.coverage() if d["dataset"] == "MID")
    assert mid["covers"] == [1816, 2014]
    assert mid["years_missing"] == [2015, 2016]
    assert "2015–2016 lie outside it" in mid["reading"]
    assert any("MID" in n.topic for n in r.scenario.notes)
    assert any("2015–2016" in m for m in r.messages)


def test_absent_data_set_is_reported(shared_data, tmp_path):
    shutil.copytree(shared_data / "un-votes", tmp_path / "un-votes")
    r = build_scenario(tmp_path, ["RUS", "IRN"], 2016, 2016)
    rows = {d["dataset"]: d for d in r.coverage()}
    assert rows["ATOP"]["covers"] is None and "not found" in rows["ATOP"]["reading"]
    assert rows["UN votes"]["ties"] == 1
    assert [s.id for s in r.scenario.sources] == ["un-votes"]


def test_malformed_and_uncoded_rows_counted(tmp_path):
    folder = tmp_path / "sipri-arms-transfers"
    folder.mkdir()
    (folder / "sipri-exports-processed.csv").write_text(
        "supplier,recipient,year,value,supplier_cown,recipient_cown\n"
        "France,Egypt,1974,228,220,651\n"
        "Soviet Union,Egypt,1974,x,365,651\n"
        "United States,NATO**,1974,5,2,\n"
        "Soviet Union,Egypt,1974,100,365,651\n"
    )
    r = build_scenario(tmp_path, ["EGY", "RUS", "FRA"], 1974, 1974)
    row = r.coverage()[2]
    assert (row["dataset"], row["malformed_rows"], row["unmatched_rows"]) == ("SIPRI", 1, 1)
    assert _tie(r.scenario, "fra-egy-sipri-1974-1974").strength == round(228 / 328, 3)
    assert any("NATO**" in m for m in r.messages)


def test_missing_column_names_the_file(tmp_path):
    folder = tmp_path / "sipri-arms-transfers"
    folder.mkdir()
    (folder / "sipri-exports-processed.csv").write_text("supplier,recipient,year\nA,B,1990\n")
    with pytest.raises(DataFormatError, match=r"sipri-exports-processed\.csv:1: missing column"):
        build_scenario(tmp_path, ["EGY", "RUS"], 1990, 1990)


def test_states_by_iso3_or_cow_number():
    states = resolve_states(["710", "sun", "USA"], 1969, 1972)
    assert [(s.id, s.cow) for s in states] == [("CHN", (710,)), ("RUS", (365,)), ("USA", (2,))]
    every = resolve_states(["all"], 2010, 2010)
    assert 185 < len(every) < 200 and len({s.id for s in every}) == len(every)


@pytest.mark.parametrize(
    ("states", "message"),
    [
        (["CHN", "XYZ"], "--states: 'XYZ' is not an ISO 3166 alpha-3 code or a COW number"),
        (["CHN", "9999"], "--states: '9999' is not a COW state number"),
        (["CHN"], "at least two states"),
        (["RUS", "SUN"], "already given as 'RUS'"),
        (["CHN", "SLV", "AUL"], "COW abbreviation of Australia"),
    ],
)
def test_bad_states(states, message, shared_data):
    with pytest.raises(BlocsError, match=message):
        build_scenario(shared_data, states, 1990, 1990)


def test_years_outside_every_data_set(shared_data):
    with pytest.raises(BlocsError, match="lies outside every data set"):
        build_scenario(shared_data, ["CHN", "USA"], 2030, 2031)
    with pytest.raises(BlocsError, match="starts after it ends"):
        parse_years("1972-1969")


def test_cli_build_validate_assess(shared_data, tmp_path):
    runner = CliRunner()
    out = tmp_path / "built.yaml"
    args = ["build", "--states", "EGY,RUS,USA", "--from", "1971", "--to", "1972"]
    args += ["--data", str(shared_data)]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "measured ties" in result.output
    scenario = load_scenario(out)
    assert scenario.id == "built-egy-rus-usa-1971-1972"
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    assessed = runner.invoke(app, ["assess", str(out)])
    assert assessed.exit_code == 0, assessed.output
    as_json = runner.invoke(app, [*args, "--json"])
    assert as_json.exit_code == 0
    import json

    data = json.loads(as_json.output)
    assert data["scenario"] == scenario.id and len(data["datasets"]) == 5


@pytest.mark.parametrize(
    ("states", "years", "needle"),
    [("CHN,XYZ", ("1990", "1990"), "'XYZ'"), ("CHN,USA", ("2030", "2031"), "outside every")],
)
def test_cli_bad_input_exits_2_with_one_line(shared_data, states, years, needle):
    period = ["--from", years[0], "--to", years[1]]
    result = CliRunner().invoke(
        app, ["build", "--states", states, *period, "--data", str(shared_data)]
    )
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in result.output


def test_data_root_must_be_a_folder(tmp_path):
    with pytest.raises(BlocsError, match="--data"):
        build_scenario(tmp_path / "nothing", ["CHN", "USA"], 1990, 1990)
    with pytest.raises(BlocsError, match="no data set"):
        build_scenario(Path(tmp_path), ["CHN", "USA"], 1990, 1990)


def test_built_scenario_opens_in_report(shared_data, tmp_path):
    built = tmp_path / "egypt.yaml"
    runner = CliRunner()
    args = ["build", "--states", "EGY,RUS,USA", "--from", "1971", "--to", "1971"]
    args += ["--data", str(shared_data)]
    assert runner.invoke(app, [*args, "-o", str(built)]).exit_code == 0
    html = tmp_path / "egypt.html"
    out = runner.invoke(app, ["report", str(built), "-o", str(html), "--draws", "200"])
    assert out.exit_code == 0, out.output
    assert "built-egy-rus-usa-1971" in html.read_text(encoding="utf-8")
