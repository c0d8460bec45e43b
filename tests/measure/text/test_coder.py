"""The event coder's behaviour: actors, verbs and patterns, passive, negation, compounds,
transformations, skip reasons, spans and the CAMEO fields of each event."""

from __future__ import annotations

import pytest

from blocs.measure.events.cameo import cameo_events
from blocs.measure.text import Coder, SkipReason

DAY = 20170201


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder.load()


def triples(coder: Coder, text: str, date: int = DAY) -> list[tuple[str, str, str]]:
    return [(e.source, e.target, e.code) for e in coder.code_sentence(text, date=date).events]


def test_actors_include_capitals_metonyms_and_dated_leaders(coder: Coder) -> None:
    found = coder.find_actors("The Kremlin, Tehran and Washington backed Vladimir Putin.", date=DAY)
    assert [(m.code, m.iso3, m.text) for m in found] == [
        ("RUSGOV", "RUS", "Kremlin"),
        ("IRN", "IRN", "Tehran"),
        ("USA", "USA", "Washington"),
        ("RUSGOV", "RUS", "Vladimir Putin"),
    ]
    # the same leader before he held office is an elite, not the government
    assert coder.find_actors("Vladimir Putin", date=19800101)[0].code == "RUSELI"


def test_agents_join_their_actor(coder: Coder) -> None:
    assert [m.code for m in coder.find_actors("Russian troops and the Iranian government")] == [
        "RUSMIL",
        "IRNGOV",
    ]


def test_a_pattern_gives_a_specific_code_and_the_event_carries_cameo_fields(coder: Coder) -> None:
    result = coder.code_sentence("The United States will supply arms to Israel.", line=7, date=DAY)
    (event,) = result.events
    assert (event.source, event.target, event.code) == ("USA", "ISR", "072")
    info = cameo_events()["072"]
    assert (event.root, event.quad_class, event.goldstein) == (
        info.root,
        info.quad_class,
        info.goldstein,
    )
    assert event.line == 7 and (event.source_iso3, event.target_iso3) == ("USA", "ISR")
    text = result.sentence
    assert text[slice(*event.spans["source"])] == "The United States"
    assert text[slice(*event.spans["target"])] == "Israel"
    assert text[slice(*event.spans["verb"])] == "supply"


def test_passive_voice_swaps_source_and_target(coder: Coder) -> None:
    active = triples(coder, "The US presented evidence against Russia.")
    passive = triples(coder, "Evidence against Russia was presented by the US.")
    assert active == passive == [("USA", "RUS", "1124")]
    assert triples(coder, "Iran was attacked by Iraq.") == [("IRQ", "IRN", "190")]


def test_negation_is_no_agreement(coder: Coder) -> None:
    agreed = triples(coder, "Iran agreed to the plan of the United States.")
    refused = triples(coder, "Iran did not agree to the plan of the United States.")
    assert agreed and all(code[:2] != "12" for _, _, code in agreed)
    assert refused == [("IRN", "USA", "127")]  # reject plan or agreement
    assert coder.code_sentence("Iraq did not attack Iran.").skipped is SkipReason.NEGATED


def test_compound_actors_give_one_event_per_pair(coder: Coder) -> None:
    assert triples(coder, "Russia and Iran condemned Israel.") == [
        ("RUS", "ISR", "111"),
        ("IRN", "ISR", "111"),
    ]
    assert triples(coder, "Russia and Iran signed a military agreement.") == [
        ("RUS", "IRN", "0312"),
        ("IRN", "RUS", "0312"),
    ]


def test_paired_codes_give_both_directions(coder: Coder) -> None:
    assert sorted(triples(coder, "Georgia received ministers from Armenia.")) == [
        ("ARMGOV", "GEO", "042"),
        ("GEO", "ARMGOV", "043"),
    ]


def test_transformation_turns_a_claimed_attack_into_an_accusation(coder: Coder) -> None:
    assert triples(coder, "The US claimed that ISIL had attacked Iraq")[0] == (
        "USA",
        "IMGMUSISI",
        "112",
    )


def test_skip_reasons(coder: Coder) -> None:
    assert coder.code_sentence("").skipped is SkipReason.EMPTY
    assert coder.code_sentence("The weather was fine.").skipped is SkipReason.NO_ACTOR
    assert coder.code_sentence("Russia and Iran.").skipped is SkipReason.NO_VERB_MATCH
    assert coder.code_sentence("Iran beat Russia in the World Cup.").skipped is (
        SkipReason.DISCARDED
    )
    assert coder.code_sentence("x" * 200_000).skipped is SkipReason.TOO_LONG


def test_code_lines_counts_and_lists_skips(coder: Coder) -> None:
    run = coder.code_lines(["Iran condemned Israel.", "", "The weather was fine."], date=DAY)
    assert run.sentences == 3 and run.coded == 1
    assert [(s.line, s.reason.value) for s in run.skipped] == [(2, "empty"), (3, "no actor")]
    assert run.skip_counts == {"empty": 1, "no actor": 1}
    assert run.events[0].line == 1


def test_noun_uses_of_verbs_are_not_verbs(coder: Coder) -> None:
    # "the attack" is a noun: the event is CONDEMN's pattern "* ATTACK ON +" (112), no attack
    assert triples(coder, "Iran condemned the attack on Iraq.") == [("IRN", "IRQ", "112")]
