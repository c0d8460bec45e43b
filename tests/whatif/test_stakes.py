"""Stakes declared by the scenario: a case unlike the built-in one, with and without stakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import ModelInputError, ScenarioError
from blocs.results import NotComputed, to_jsonable
from blocs.scenario import load
from blocs.scenario.io import loads_scenario
from blocs.whatif.library import assumptions_path
from blocs.whatif.wedge import wedge

TURKEY = Path(__file__).resolve().parents[1] / "data" / "turkey-2019.yaml"
FAST = {"draws": 2000, "sobol_samples": 2**6, "seed": 4}
runner = CliRunner()


def _without_stakes(tmp_path: Path) -> Path:
    text = TURKEY.read_text(encoding="utf-8")
    path = tmp_path / "turkey-no-stakes.yaml"
    path.write_text(text[: text.index("# stakes (cut out")], encoding="utf-8")
    return path


def test_library_assumptions_name_no_case():
    text = assumptions_path().read_text(encoding="utf-8")
    for word in ("{target}-{partner}-arms", "crimea", "syria", "Russia", "Iran", "RUS", "IRN"):
        assert word not in text


def test_turkey_with_stakes_gets_a_price_without_roles():
    r = wedge(load(str(TURKEY)), **FAST)
    assert (r.divider, r.target, r.partner) == ("USA", "TUR", "RUS")
    assert r.computed and r.price.price_median > 0
    names = [t.name for t in r.ledger.terms]
    assert names[:2] == ["s400_deal", "russia_trade"]
    # the offer caps the package: about 1.5 bn a year (±15%)
    assert 1.2e9 < r.price.cap_median < 1.8e9
    trade_share = next(a for a in r.assumptions if a.name == "trade_share")
    assert (trade_share.low, trade_share.high) == (0.05, 0.3)
    # assumptions no term uses (the foothold's, the package cap) are left out
    assert not {"foothold_share_lost", "package_cap"} & {a.name for a in r.assumptions}
    text = json.dumps(to_jsonable(r))
    assert "IRN" not in text and "Iran" not in text and "Crimea" not in text


def test_turkey_without_stakes_runs_every_other_lens(tmp_path):
    r = wedge(load(str(_without_stakes(tmp_path))), **FAST)
    assert isinstance(r.price, NotComputed) and isinstance(r.ledger, NotComputed)
    assert "declares no stakes" in r.price.reason and "stakes:" in (r.price.remedy or "")
    assert r.structural is not None  # the structure needs no stakes
    assert r.reading().startswith("Wedge price: The ledger's price is not computed")


def test_cli_wedge_json_on_a_new_case(tmp_path):
    out = runner.invoke(app, ["wedge", str(TURKEY), "--json", "--draws", "500", "--sobol", "0"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["target"] == "TUR" and data["summary"]["median"] > 0
    bare = runner.invoke(app, ["wedge", str(_without_stakes(tmp_path)), "--json", "--draws", "500"])
    assert bare.exit_code == 0, bare.output
    data = json.loads(bare.output)
    assert data["summary"] is None
    assert "declares no stakes" in data["lenses"]["ledger"]["not_computed"]


@pytest.mark.parametrize(
    "figure, message",
    [
        ("ties[tur-rus-nope]", "no tie with id 'tur-rus-nope'"),
        ("ties[tur-rus-syria]", "has no evidence item with a quantity"),
        ("actors[TUR].attributes[gdp]", "actor TUR has no attribute 'gdp'"),
        ("actors[IRN].attributes[gdp]", "unknown actor 'IRN'"),
    ],
)
def test_stakes_pointing_nowhere_are_located(figure, message):
    text = TURKEY.read_text(encoding="utf-8").replace("ties[tur-rus-s400]", figure)
    line = 1 + text[: text.index(figure)].count("\n")
    with pytest.raises(ScenarioError) as info:
        loads_scenario(text, file="turkey.yaml")
    assert str(info.value).startswith(f"turkey.yaml:{line}: stakes.holdings[0].figure: ")
    assert message in str(info.value)


def test_cli_validate_exits_2_on_a_bad_stake(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        TURKEY.read_text(encoding="utf-8").replace("ties[tur-rus-s400]", "ties[gone]"),
        encoding="utf-8",
    )
    out = runner.invoke(app, ["wedge", str(path)])
    assert out.exit_code == 2
    assert "bad.yaml:" in out.output and "no tie with id 'gone'" in out.output
    assert "Traceback" not in out.output


def test_a_holding_needs_a_kind_and_names_are_unique():
    text = TURKEY.read_text(encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"stakes.holdings\[0\].kind: a holding needs a kind"):
        loads_scenario(text.replace("      kind: arms\n", ""), file="t.yaml")
    with pytest.raises(ScenarioError, match="'s400_deal' is already used by"):
        loads_scenario(text.replace("name: russia_trade", "name: s400_deal"), file="t.yaml")


def test_unknown_assumption_and_bad_range_are_named():
    s = load(str(TURKEY))
    bad = s.stakes.model_copy(
        update={"assumptions": [s.stakes.assumptions[0].model_copy(update={"name": "nope"})]}
    )
    with pytest.raises(ModelInputError, match=r"stakes.assumptions\[0\].name: 'nope'"):
        wedge(s.model_copy(update={"stakes": bad}), **FAST)
    wrong = {"kind": "uniform", "low": 0.5, "high": 0.1}
    bad = s.stakes.model_copy(
        update={"assumptions": [s.stakes.assumptions[0].model_copy(update={"distribution": wrong})]}
    )
    with pytest.raises(ModelInputError, match=r"stakes.assumptions\[0\].distribution"):
        wedge(s.model_copy(update={"stakes": bad}), **FAST)


def test_a_total_offer_is_refused():
    text = (
        TURKEY.read_text(encoding="utf-8")
        .replace(
            "        per: year\n        period: {start: '2019', end: '2019'}\n        evidence:\n"
            "          - source: note-2019",
            "        period: {start: '2019', end: '2019'}\n        evidence:\n"
            "          - source: note-2019",
        )
        .replace("unit: USD, per: year, bound: about}", "unit: USD, bound: about}")
    )
    s = loads_scenario(text, file="t.yaml")
    with pytest.raises(ModelInputError, match=r"stakes.offers\[0\].figure: .* is a total"):
        wedge(s, **FAST)
