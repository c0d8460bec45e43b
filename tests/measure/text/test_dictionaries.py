"""Dictionary readers: formats, dates, located issues, the packaged files' counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.errors import DataFormatError
from blocs.measure.text.coder import DictionaryFiles
from blocs.measure.text.dictionaries import (
    parse_actors,
    parse_agents,
    parse_discards,
    parse_verbs,
    read_lines,
)

VERBS = """\
&WEAPON
+GUN
+RIFLE_

####### VERB PATTERNS #######
---  SUPPLY   [070]  ---
SUPPLY
+BEEF_UP {+BEEFED_UP +BEEFS_UP +BEEFING_UP} [0}
- * &WEAPON                 [072]   # SUPPLY
- * &WEAPON                 [073]   # a duplicate
- * (TO +) &UNDEFINED       [072]
- * AID                     [2099]
"""


def test_verb_file_reads_blocks_patterns_and_lists_bad_lines() -> None:
    verbs, issues = parse_verbs(VERBS.splitlines(), "demo.verbs")
    block = verbs.blocks[0]
    assert block.name == "SUPPLY" and block.code == "070"
    assert [v.lemma for v in block.verbs] == ["SUPPLY"]
    assert "SUPPLIED" in {f[0] for f in block.verbs[0].forms}
    assert [p.code for p in block.patterns] == ["072"]
    assert verbs.synsets["&WEAPON"] == (("GUN",), ("GUNS",), ("RIFLE",))
    reasons = {(i.line, i.reason.split(":")[0]) for i in issues}
    assert (8, "unclosed [ in a code") in reasons or any(i.line == 8 for i in issues)
    assert (10, "duplicate pattern (first one kept)") in reasons
    assert any(i.line == 11 and "&UNDEFINED" in i.reason for i in issues)
    assert any(i.line == 12 and "2099" in i.reason for i in issues)


def test_strict_reading_raises_a_located_error() -> None:
    with pytest.raises(DataFormatError, match=r"demo.verbs:8: "):
        parse_verbs(VERBS.splitlines(), "demo.verbs", strict=True)


def test_actor_dates_follow_the_first_condition_that_holds() -> None:
    lines = [
        "VLADIMIR_PUTIN_  # a comment",
        "+PRESIDENT_PUTIN_",
        "\t[RUSELI 700101-990809]",
        "\t[RUSGOV 990809-080507]",
        "\t[RUSGOV >080508]",
        "\t[RUSELI]",
        "KREMLIN_",
        "\t[RUSGOV]",
    ]
    entries, issues = parse_actors(lines, "demo.actors")
    assert not issues
    putin, kremlin = entries
    assert putin.phrases == (("VLADIMIR", "PUTIN"), ("PRESIDENT", "PUTIN"))
    assert [putin.code_on(d) for d in (19800101, 20000101, 20080507, 20170101)] == [
        "RUSELI",
        "RUSGOV",
        "RUSELI",
        "RUSGOV",
    ]
    assert kremlin.code_on(20170101) == "RUSGOV"


def test_agents_expand_plurals_and_substitution_sets() -> None:
    lines = [
        "!PERSON! = MAN, WOMAN",
        "TROOP [~MIL]",
        "POLICE {} [~COP]",
        "CONGRESS!PERSON! [~LEG]",
        "HUMAN_RIGHTS_BODY [NGO~]",
        "BROKEN AGENT",
    ]
    agents, issues = parse_agents(lines, "demo.agents")
    assert [(a.phrases, a.code, a.after) for a in agents] == [
        ((("TROOP",), ("TROOPS",)), "MIL", True),
        ((("POLICE",),), "COP", True),
        ((("CONGRESSMAN",), ("CONGRESSWOMAN",)), "LEG", True),
        ((("HUMAN", "RIGHTS", "BODY"), ("HUMAN", "RIGHTS", "BODIES")), "NGO", False),
    ]
    assert [(i.line, i.reason) for i in issues] == [(6, "not PHRASE {plurals} [~CODE]")]


def test_discards_ignore_bare_years_and_say_so() -> None:
    phrases, issues = parse_discards(["1994", "+WORLD_CUP  # sport", "BASEBALL"], "d.txt")
    assert phrases == [("WORLD", "CUP"), ("BASEBALL",)]
    assert [(i.line, i.reason) for i in issues] == [(1, "ignored: bare year")]


def test_not_utf8_dictionary_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.actors"
    path.write_bytes(b"IRAN_ [IRN]\n+T\xe9HERAN_\n")
    with pytest.raises(DataFormatError, match=r"bad.actors:2: not UTF-8"):
        read_lines(path)


def test_packaged_dictionaries_read_with_their_documented_sizes() -> None:
    files = DictionaryFiles.packaged()
    verbs, issues = parse_verbs(read_lines(files.verbs), files.verbs.name)
    # 397 blocks, 1,817 verb lines, 4,668 pattern lines of which 286 repeat within their block
    assert len(verbs.blocks) == 397
    assert sum(len(b.verbs) for b in verbs.blocks) == 1817
    duplicates = sum(1 for i in issues if i.reason.startswith("duplicate"))
    kept = sum(len(b.patterns) for b in verbs.blocks)
    other = len(issues) - duplicates
    assert kept + duplicates + other == 4668
    assert other <= 10  # undefined synonym sets, code 1213, unbalanced brackets: listed
    assert len(verbs.synsets) == 40 and len(verbs.transformations) == 8
    total = 0
    for path in files.actors:
        entries, issues = parse_actors(read_lines(path), path.name)
        total += sum(len(e.phrases) for e in entries)
        assert len(issues) <= 10
    assert total > 34_000
