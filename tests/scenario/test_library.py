"""The built-in scenario is faithful to its sources: every figure stands in the cited paragraph."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import blocs
from blocs.scenario.library import available

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
SCALE = {"billion": 1e9, "million": 1e6, "thousand": 1e3}
NUMBER = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|"
    + "|".join(WORD_NUMBERS)
    + r")(?:\s*(?P<scale>billion|million|thousand))?",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[float]:
    """Every number a paragraph states, scaled (``$7.5 billion`` → 7.5e9)."""
    found = set()
    for m in NUMBER.finditer(text):
        raw = m["num"].lower()
        value = float(WORD_NUMBERS.get(raw, raw))
        found.add(value * SCALE.get((m["scale"] or "").lower(), 1.0))
    return found


def paragraphs(path: Path) -> list[str]:
    """A document's paragraphs: its non-empty lines, numbered from 1."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


def test_builtin_scenarios_are_listed():
    assert "russia-iran-2017" in available()


def test_declared_paragraph_counts_match_the_documents(scenario, seeds):
    for source in scenario.sources:
        if source.file:
            assert source.paragraphs == len(paragraphs(seeds / source.file)), source.id


def test_every_figure_stands_in_its_cited_paragraph(scenario, seeds):
    checked = 0
    for path, ev in scenario.evidence_items():
        source = scenario.source(ev.source)
        if ev.quantity is None or not source.file:
            continue
        text = paragraphs(seeds / source.file)[ev.paragraph - 1]
        assert abs(ev.quantity.value) in numbers_in(text), (
            f"{path}: {ev.quantity.value} not found in {source.id} ¶{ev.paragraph}"
        )
        checked += 1
    assert checked >= 12


def test_capability_scores_match_the_dataset(scenario, shared_data):
    with open(shared_data / "peacesciencer-cow-atop" / "cow_nmc.csv", newline="") as fh:
        cinc = {(r["ccode"], r["year"]): float(r["cinc"]) for r in csv.DictReader(fh)}
    checked = 0
    for path, ev in scenario.evidence_items():
        if ev.source != "cow-nmc-7":
            continue
        key = dict(part.split("=") for part in ev.locator.split(";"))
        actor_index = int(re.match(r"actors\[(\d+)\]", path)[1])
        attr_index = int(re.search(r"attributes\[(\d+)\]", path)[1])
        value = scenario.actors[actor_index].attributes[attr_index].value
        assert value == pytest.approx(cinc[(key["ccode"], key["year"])], rel=1e-9), path
        checked += 1
    assert checked == len(scenario.sizes())


def test_the_sources_headline_figures_are_all_carried(scenario):
    figures = {round(ev.quantity.value) for _, ev in scenario.evidence_items() if ev.quantity}
    for value in (10e9, 7.5e9, 150e6, 100e9):
        assert round(value) in figures


def test_actors_and_blocs_the_sources_name_are_present(scenario):
    expected = {
        "RUS",
        "IRN",
        "USA",
        "SYR",
        "ISIS",
        "CHN",
        "IND",
        "UKR",
        "BLR",
        "ARM",
        "KAZ",
        "KGZ",
        "TJK",
        "MNG",
        "CSTO",
        "SCO",
        "EAEU",
    }
    assert expected <= set(scenario.actor_ids)


def test_every_actor_in_a_tie_and_every_tie_cited(scenario):
    tied = {a for t in scenario.ties for a in t.pair}
    members = {m.actor for m in scenario.memberships} | {m.bloc for m in scenario.memberships}
    assert {a.id for a in scenario.actors} <= tied | members
    assert all(t.evidence for t in scenario.ties)


def test_no_source_sentence_is_pasted(scenario, seeds):
    """Claims are paraphrases: no run of nine words is copied from a source."""

    def words(text: str) -> list[str]:
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()

    grams = set()
    for seed in seeds.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8"))
        grams |= {" ".join(w[i : i + 9]) for i in range(len(w) - 8)}
    for path, ev in scenario.evidence_items():
        w = words(ev.claim)
        copied = [
            " ".join(w[i : i + 9]) for i in range(len(w) - 8) if " ".join(w[i : i + 9]) in grams
        ]
        assert not copied, f"{path}: copied from a source: {copied[0]}"


@pytest.mark.parametrize("name", ["china-ussr-us-1969", "egypt-ussr-us-1971", "syria-iran-us-1991"])
def test_historical_cases_are_measured_with_focus_and_outcome(name):
    from blocs.scenario.model import Basis

    s = blocs.load(name)
    assert s.focus is not None and s.focus.question is not None
    assert s.outcome is not None and s.outcome.evidence
    assert all(t.basis == Basis.measured for t in s.ties)
    assert all(e.locator for t in s.ties for e in t.evidence)
    # the snapshot ends before the outcome shows
    assert s.period.end < s.outcome.when.start


def test_outcome_needs_a_focus():
    from blocs.errors import ScenarioError
    from blocs.scenario.io import dumps_scenario, loads_scenario

    text = dumps_scenario(blocs.load("syria-iran-us-1991")).replace("focus:", "focux:")
    with pytest.raises(ScenarioError):
        loads_scenario(text)
    s = blocs.load("syria-iran-us-1991")
    data = s.model_dump(mode="json", exclude_none=True)
    data.pop("focus")
    with pytest.raises(ValueError, match="outcome: an outcome answers the focus question"):
        type(s).model_validate(data)
