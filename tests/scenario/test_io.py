"""YAML I/O: round-trips, YAML 1.2 strings, and errors that name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blocs
from blocs.errors import ScenarioError
from blocs.scenario import dumps_scenario, load_scenario, loads_scenario
from blocs.scenario.model import CHANNELS, Scenario

MINIMAL = """\
id: toy
title: Toy
sources:
  - {id: doc, title: A note, kind: analysis, paragraphs: 3}
actors:
  - {id: RUS, name: Russia}
  - {id: IRN, name: Iran}
  - {id: NO, name: Norway by a two-letter code, kind: organisation}
ties:
  - pair: [RUS, IRN]
    channel: military
    strength: 0.5
    rationale: joint operations
    evidence:
      - {source: doc, paragraph: 2, claim: They fight together.}
"""


def _error(text: str, tmp_path: Path) -> ScenarioError:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    return info.value


def test_yaml_12_keeps_no_a_string():
    s = loads_scenario(MINIMAL)
    assert s.actor("NO").name.startswith("Norway")


def test_builtin_round_trips_through_yaml_and_json():
    s = blocs.load("russia-iran-2017")
    assert loads_scenario(dumps_scenario(s)) == s
    assert loads_scenario(dumps_scenario(s, format="json")) == s


def test_misspelt_channel_names_file_line_and_field(tmp_path):
    err = _error(MINIMAL.replace("channel: military", "channel: militray"), tmp_path)
    assert str(err).splitlines()[0] == (
        "broken.yaml:11: ties[0].channel: 'militray' is not one of "
        "military, economic, political, diplomatic"
    )


def test_json_errors_are_located_too(tmp_path):
    s = blocs.load("russia-iran-2017")
    text = dumps_scenario(s, format="json").replace('"military"', '"militray"', 1)
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if '"militray"' in t)
    assert str(info.value).startswith(f"broken.json:{line}: ties[0].channel")
    assert "'militray' is not one of" in str(info.value)


def test_unknown_actor_in_tie(tmp_path):
    err = _error(MINIMAL.replace("pair: [RUS, IRN]", "pair: [RUS, IRQ]"), tmp_path)
    assert "broken.yaml:10: ties[0].pair[1]: unknown actor 'IRQ'" in str(err)


def test_duplicate_actor_id(tmp_path):
    err = _error(MINIMAL.replace("{id: IRN, name: Iran}", "{id: RUS, name: Iran}"), tmp_path)
    assert "actors[1].id: duplicate id 'RUS'" in str(err)
    assert err.line == 7


def test_evidence_pointing_at_unknown_source(tmp_path):
    err = _error(
        MINIMAL.replace("{source: doc, paragraph: 2", "{source: dox, paragraph: 2"), tmp_path
    )
    assert "ties[0].evidence[0].source: unknown source 'dox'" in str(err)
    assert err.line == 15


def test_evidence_pointing_past_the_last_paragraph(tmp_path):
    err = _error(MINIMAL.replace("paragraph: 2", "paragraph: 9"), tmp_path)
    assert "ties[0].evidence[0].paragraph: source 'doc' has 3 paragraphs, not 9" in str(err)


def test_tie_without_evidence_is_invalid(tmp_path):
    text = MINIMAL.replace(
        "    evidence:\n      - {source: doc, paragraph: 2, claim: They fight together.}\n",
        "    evidence: []\n",
    )
    err = _error(text, tmp_path)
    assert "ties[0].evidence:" in str(err)
    assert "at least 1" in str(err)


def test_strength_out_of_range(tmp_path):
    err = _error(MINIMAL.replace("strength: 0.5", "strength: 1.5"), tmp_path)
    assert str(err).startswith("broken.yaml:12: ties[0].strength:")


def test_missing_field_and_unknown_field(tmp_path):
    err = _error(
        MINIMAL.replace("    rationale: joint operations\n", "    rationale_: x\n"), tmp_path
    )
    text = str(err)
    assert "ties[0].rationale: required field is missing" in text
    assert "ties[0].rationale_: unknown field" in text


def test_yaml_syntax_error_names_line(tmp_path):
    err = _error(MINIMAL + "  - {oops\n", tmp_path)
    assert err.file == "broken.yaml" and err.line is not None
    assert "not valid YAML" in str(err)


def test_no_arbitrary_objects_are_built(tmp_path):
    err = _error("!!python/object/apply:os.system ['echo hi']\n", tmp_path)
    assert "not valid YAML" in str(err)


def test_missing_file():
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario("does-not-exist.yaml")


# -- round-trip of generated scenarios ---------------------------------------------------------
_ids = st.sampled_from(["RUS", "IRN", "USA", "SYR", "CHN", "NOR", "AUS"])
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")


@st.composite
def scenarios(draw) -> Scenario:
    actors = draw(st.lists(_ids, min_size=2, max_size=6, unique=True))
    n_par = draw(st.integers(1, 30))
    ties = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=2, unique=True))
        ties.append(
            {
                "pair": [a, b],
                "channel": draw(st.sampled_from(CHANNELS)),
                "strength": draw(st.floats(-1, 1, allow_nan=False)),
                "rationale": draw(_text),
                "directed": draw(st.booleans()),
                "evidence": [
                    {
                        "source": "doc",
                        "paragraph": draw(st.integers(1, n_par)),
                        "claim": draw(_text),
                        "quantity": draw(
                            st.none()
                            | st.fixed_dictionaries(
                                {
                                    "value": st.floats(-1e12, 1e12, allow_nan=False),
                                    "unit": st.sampled_from(["USD", "percent", "NO"]),
                                    "bound": st.sampled_from(["exact", "at_least", "at_most"]),
                                }
                            )
                        ),
                    }
                ],
            }
        )
    return Scenario.model_validate(
        {
            "id": "generated",
            "title": draw(_text),
            "sources": [{"id": "doc", "title": draw(_text), "kind": "news", "paragraphs": n_par}],
            "actors": [{"id": a, "name": draw(_text)} for a in actors],
            "ties": ties,
        }
    )


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_round_trip_of_generated_scenarios(scenario):
    assert loads_scenario(dumps_scenario(scenario)) == scenario
    assert loads_scenario(dumps_scenario(scenario, format="json")) == scenario


def test_large_scenarios_written_in_yaml_json_form(monkeypatch):
    """Above the threshold a scenario is written in YAML's JSON form: the same data for a YAML
    1.2 parser and the JSON parser, read back to an equal scenario."""
    import blocs
    from blocs.scenario import io as scenario_io

    scenario = blocs.load("russia-iran-2017")
    monkeypatch.setattr(scenario_io, "JSON_FORM_ABOVE", 0)
    text = scenario_io.dumps_scenario(scenario)
    assert text.startswith("# blocs scenario: YAML 1.2 in its JSON form")
    as_yaml, _ = scenario_io.parse_yaml(text)
    assert as_yaml == scenario_io._json_data(text) == scenario_io.scenario_to_data(scenario)
    assert scenario_io.loads_scenario(text) == scenario


def test_json_form_errors_keep_their_line():
    from blocs.errors import ScenarioError
    from blocs.scenario.io import loads_scenario

    text = (
        '{\n"id": "x",\n"title": "X",\n"actors": [\n'
        '  {"id": "NOR", "name": "Norway", "kind": "statee"}\n]\n}\n'
    )
    with pytest.raises(ScenarioError, match=r"<string>:5: actors\[0\]\.kind"):
        loads_scenario(text)
