"""The built-in scenario says what its sources say: names, places and numbers of every claim stand
in the cited paragraph, every tie's paragraph names both parties, and every figure's bound
follows the source's hedge under the sign convention of ``docs/scenario-coding.md``."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import blocs
from blocs.measure.documents.figures import find_figures

# One small table of documented synonyms: a name in a claim (left) is found in a paragraph when
# any of its forms (right) is. Demonyms and capitals stand for the state, as the sources use them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "russia": ("russia", "russian", "russians", "moscow", "kremlin", "putin", "soviet"),
    "iran": ("iran", "iranian", "iranians", "tehran", "islamic republic", "ayatollahs"),
    "united states": (
        "united states",
        "washington",
        "white house",
        "trump",
        "obama",
        "clinton",
    ),
    "syria": ("syria", "syrian", "assad", "damascus"),
    "isis": ("isis", "islamic state", "daesh"),
    "china": ("china", "chinese"),
    "india": ("india", "indian"),
    "ukraine": ("ukraine", "ukrainian", "crimea"),
    "belarus": ("belarus",),
    "european union": ("european union", "eu"),
    "imf": ("imf", "international monetary fund"),
    "sco": ("sco", "shanghai cooperation organization"),
    "csto": ("csto", "collective security treaty organization"),
    "jcpoa": ("jcpoa", "nuclear deal", "joint comprehensive plan of action"),
}
# Which synonym entry names each actor of the scenario (blocs such as the EAEU are named in
# their memberships, not in ties).
ACTOR_NAMES = {
    "RUS": "russia",
    "IRN": "iran",
    "USA": "united states",
    "SYR": "syria",
    "ISIS": "isis",
    "CHN": "china",
    "IND": "india",
    "UKR": "ukraine",
    "BLR": "belarus",
    "EU": "european union",
}
FORMS = {form: key for key, forms in SYNONYMS.items() for form in forms}
# Words that open a sentence in a claim without being a name.
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-’']*")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")

# The bound of every figure in the scenario, as the source hedges it, under the sign convention
# (a contraction is a negative change, and the bound bounds the signed value).
EXPECTED_BOUNDS = {
    ("foreign-affairs-2017", 11, -3.5): "at_least",  # "constricted by as much as 3.5 percent"
    ("foreign-affairs-2017", 11, -1.0): "about",  # "shrank by nearly another one percent"
    ("foreign-affairs-2017", 12, 7.5e9): "at_most",  # "as much as $7.5 billion"
    ("foreign-affairs-2017", 12, 1.5e8): "at_most",  # "up to $150 million"
    ("foreign-affairs-2017", 15, 1e11): "at_least",  # "more than $100 billion"
    ("foreign-affairs-2017", 16, 1e10): "at_least",  # "at least $10 billion"
    ("foreign-affairs-2017", 4, 4.0): "exact",  # "four members"
    ("foreign-affairs-2017", 4, 2.0): "exact",  # "two more"
    ("iran-review-2017", 5, 10.0): "exact",  # "from ten years"
    ("iran-review-2017", 5, 2.0): "exact",  # "to two years"
    ("iran-review-2017", 10, 1.0): "exact",  # "One year after"
    ("iran-review-2017", 12, 4.0): "exact",  # "the four-year term"
}


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


@pytest.fixture(scope="module")
def cited(scenario, seeds):
    """Every evidence item that cites a document, with its paragraph's text."""
    texts = {s.id: paragraphs(seeds / s.file) for s in scenario.sources if s.file}
    return [
        (path, ev, texts[ev.source][ev.paragraph - 1])
        for path, ev in scenario.evidence_items()
        if ev.source in texts and ev.paragraph
    ]


def _normal(text: str) -> str:
    text = re.sub(r"\bu\.s\.", "united states", text.lower().replace("’s", "").replace("'s", ""))
    return " " + re.sub(r"[^a-z0-9+]+", " ", text) + " "


def names(key: str, paragraph: str) -> bool:
    """Whether the paragraph names ``key`` in any of its documented forms."""
    text = _normal(paragraph)
    return any(f" {form} " in text for form in SYNONYMS[key])


def key_words(claim: str) -> list[str]:
    """The names, places and acronyms of a claim: capitalised words that do not open a sentence,
    and sentence openers that are names in the synonym table."""
    out = []
    for sentence in re.split(r"(?<=[.;:!?])\s+|\s+[–-]\s+", claim):
        words = _WORD.findall(sentence)
        for i, w in enumerate(words):
            bare = w.strip(".’'-").removesuffix("’s").removesuffix("'s")
            if not bare[:1].isupper():
                continue
            if i == 0 and bare.lower() not in FORMS:
                continue
            out.append(bare)
    return out


def stands_in(word: str, paragraph: str) -> bool:
    """A key word stands in a paragraph when its synonym entry is named there, or (for a word
    outside the table) the paragraph has it up to an ending (Eurasianist ~ Eurasianists)."""
    low = word.lower()
    if low in FORMS:
        return names(FORMS[low], paragraph)
    for part in (p.lower() for p in re.split(r"[–-]", word) if p[:1].isupper()):
        if part in FORMS:
            if not names(FORMS[part], paragraph):
                return False
            continue
        stem = part[: max(4, len(part) - 2)]
        if not re.search(rf"\b{re.escape(stem)}", paragraph.lower()):
            return False
    return True


def test_every_claims_names_places_and_numbers_stand_in_the_cited_paragraph(cited):
    checked = 0
    for path, ev, text in cited:
        missing = [w for w in key_words(ev.claim) if not stands_in(w, text)]
        in_text = set(_NUMBER.findall(text.replace(",", "")))
        missing += [n for n in _NUMBER.findall(ev.claim) if n not in in_text]
        assert not missing, f"{path}: {missing} not in {ev.source} ¶{ev.paragraph}: {ev.claim}"
        checked += 1
    assert checked >= 70


def test_every_tie_cites_paragraphs_that_name_both_parties(scenario, seeds):
    """A paragraph cited for a tie names both parties, or the evidence's note says whose reading
    fills the gap (and names the party it adds). This catches a tie with ISIS that cites a
    paragraph speaking only of unnamed Islamist radicals."""
    texts = {s.id: paragraphs(seeds / s.file) for s in scenario.sources if s.file}
    checked = 0
    for i, tie in enumerate(scenario.ties):
        for k, ev in enumerate(tie.evidence):
            if ev.source not in texts:
                continue
            text = texts[ev.source][ev.paragraph - 1]
            for actor in tie.pair:
                key = ACTOR_NAMES[actor]
                if names(key, text):
                    continue
                assert ev.note and names(key, ev.note), (
                    f"ties[{i}] ({tie.id}).evidence[{k}]: {ev.source} ¶{ev.paragraph} does not"
                    f" name {actor}, and no note says why it is read as {actor}"
                )
            checked += 1
    assert checked >= 40


def test_the_check_catches_a_paragraph_that_does_not_name_a_party(seeds):
    text = paragraphs(seeds / "003_0c90206f52bad03e.txt")[16]  # Foreign Affairs ¶17
    assert "Islamist radicals" in text
    assert not names("isis", text)
    assert names("isis", paragraphs(seeds / "000_51a0d5e7af538e9e.txt")[3])  # Iran Review ¶4
    assert not stands_in("Daesh", text)
    assert key_words("Russia fights ISIS. The IMF says 2015 was bad.") == ["Russia", "ISIS", "IMF"]


def test_every_figure_has_the_bound_its_source_gives(scenario):
    """The table covers every figure: a new figure must be added with the source's hedge."""
    found = {}
    for path, ev in scenario.evidence_items():
        if ev.quantity is not None and ev.paragraph is not None:
            found[(ev.source, ev.paragraph, ev.quantity.value)] = (path, ev.quantity.bound)
    assert set(found) == set(EXPECTED_BOUNDS)
    for key, (path, bound) in found.items():
        expected = EXPECTED_BOUNDS[key]
        assert bound == expected, f"{path}: {key} is {bound}, not {expected}"


def test_bounds_follow_the_hedge_the_figure_reader_finds(cited):
    """Independently of the table: the figure reader finds each figure in its paragraph with a
    hedge and, for a decline, a sign; a negative value must carry the bound turned over."""
    checked = 0
    for path, ev, text in cited:
        q = ev.quantity
        if q is None:
            continue
        signed = [f.signed() for f in find_figures(text) if abs(f.value) == abs(q.value)]
        assert (q.value, q.bound) in signed, f"{path}: {q.value} {q.bound} vs the text's {signed}"
        checked += 1
    assert checked >= len(EXPECTED_BOUNDS)


def test_a_contraction_up_to_a_figure_is_growth_of_at_least_minus_that_figure(scenario):
    growth = scenario.actor("RUS").attribute("gdp_growth_2015")
    (ev,) = growth.evidence
    assert growth.value == ev.quantity.value == -3.5
    assert ev.quantity.bound == "at_least"
    for _, ev in scenario.evidence_items():
        q = ev.quantity
        if q is not None and q.value < 0 and q.unit == "percent":
            assert q.bound in ("at_least", "about", "exact"), "a decline 'up to' bounds from below"


def test_the_doctrine_note_does_not_fault_the_source_arithmetic(scenario, seeds):
    """Iran Review ¶5 lists the years; the intervals it names (ten, then two) are among them."""
    text = paragraphs(seeds / "000_51a0d5e7af538e9e.txt")[4]
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", text)]
    gaps = {b - a for a, b in itertools.pairwise(years)}
    assert years == [1993, 2000, 2010, 2014, 2016] and {10, 2} <= gaps
    note = next(n for n in scenario.notes if "policy documents" in n.topic)
    assert {ev.quantity.value for ev in note.evidence if ev.quantity} == {10.0, 2.0}
    assert "seven" not in note.text
    assert "military doctrines" in note.text and "foreign-policy concept" in note.text
    political = next(t for t in scenario.ties if t.id == "rus-irn-political")
    assert all(not (ev.note or "").startswith("The first gap") for ev in political.evidence)


def test_mongolia_and_tajikistan_are_only_prospective_members(scenario):
    status = {(m.actor, m.bloc): m.status.value for m in scenario.memberships}
    assert status[("MNG", "EAEU")] == status[("TJK", "EAEU")] == "prospective"
    assert "candidate" not in status.values()


def test_codings_the_audit_corrected(scenario):
    ties = {t.id: t for t in scenario.ties}
    assert ties["rus-irn-nuclear"].channel.value == "economic"
    # The distrust Iran Review ¶9 reports is the view before Syria: history, not the present.
    before = ties["rus-irn-distrust-before-syria"]
    assert before not in scenario.current_ties() and before.period.end == "2015-09"
    now = ties["rus-irn-distrust"]
    assert now in scenario.current_ties() and abs(now.strength) < abs(before.strength)
    assert {ev.paragraph for ev in before.evidence if ev.source == "iran-review-2017"} >= {9}
    # The diplomatic tie of 2017 no longer cites the quarter-century of bonds (FA ¶2).
    assert all(ev.paragraph != 2 for ev in ties["rus-irn-diplomatic"].evidence)
    # The reconciliation is hedged in its coding, its rationale and its evidence.
    rec = ties["usa-rus-reconciliation"]
    assert rec.band.value == "weak" and "by all appearances" in rec.rationale
    assert rec.evidence[0].confidence != "high" and "unnamed" in rec.evidence[0].note
    # Ties with ISIS cite no paragraph that fails to name it (FA ¶17 does not).
    for tie_id in ("rus-isis", "syr-isis"):
        assert all(ev.paragraph != 17 for ev in ties[tie_id].evidence)


STABLE_IDS = {
    "fa-19-foothold": ("foreign-affairs-2017", 19),
    "fa-19-long-term": ("foreign-affairs-2017", 19),
    "fa-17-endgame": ("foreign-affairs-2017", 17),
    "fa-1-daylight": ("foreign-affairs-2017", 1),
    "fa-1-reconciliation": ("foreign-affairs-2017", 1),
    "fa-8-temporary": ("foreign-affairs-2017", 8),
    "ir-9-interests": ("iran-review-2017", 9),
    "ir-10-unpredictable-president": ("iran-review-2017", 10),
    "ir-11-after-syria": ("iran-review-2017", 11),
}


def test_the_claims_the_wedge_needs_are_carried_under_stable_ids(scenario):
    for evidence_id, (source, paragraph) in STABLE_IDS.items():
        _, ev = scenario.find_evidence(evidence_id)
        assert (ev.source, ev.paragraph) == (source, paragraph), evidence_id
    with pytest.raises(KeyError, match="no evidence with id 'nope'"):
        scenario.find_evidence("nope")


def test_evidence_ids_are_unique():
    from blocs.scenario.model import Scenario

    ev = {"source": "doc", "paragraph": 1, "claim": "c", "id": "same"}
    with pytest.raises(ValueError, match="duplicate evidence id 'same'"):
        Scenario.model_validate(
            {
                "id": "t",
                "title": "t",
                "sources": [{"id": "doc", "title": "d", "kind": "news", "paragraphs": 1}],
                "actors": [{"id": "AAA", "name": "A"}, {"id": "BBB", "name": "B"}],
                "ties": [
                    {"pair": ["AAA", "BBB"], "channel": c, "strength": 0.2, "rationale": "r"}
                    | {"evidence": [ev]}
                    for c in ("military", "economic")
                ],
            }
        )


def test_priors_of_uncovered_pairs_match_the_un_votes(scenario, shared_data):
    """The stated priors' UN-vote figures are recomputed from the data: S, roll calls, the
    share of votes alike in the claim, and the prior's sign."""
    from blocs.measure.votes import vote_agreement

    checked = 0
    for u in scenario.not_covered:
        for ev in u.evidence:
            if ev.source != "un-votes-2021":
                continue
            pair, years, s_text, calls_text = ev.locator.split(";")
            a, b = pair.split(",")
            start, end = (int(y) for y in years.split("-"))
            r = vote_agreement(shared_data / "un-votes", a, b, start, end).overall
            assert (a, b) == u.pair
            assert round(r.s_score, 3) == float(s_text.removeprefix("S="))
            assert r.votes == int(calls_text.removeprefix("roll calls="))
            share = int(re.search(r"(\d+) percent", ev.claim)[1])
            assert share == round(100 * r.agreement), (ev.claim, r.agreement)
            assert (u.prior > 0) == (r.s_score > 0)
            checked += 1
    assert checked == 5


def test_uncovered_pairs_are_untied_and_their_priors_stated(scenario):
    assessed = {frozenset(t.pair) for t in scenario.current_ties()}
    assert scenario.not_covered
    for u in scenario.not_covered:
        assert frozenset(u.pair) not in assessed, u.pair
        assert u.prior is not None and abs(u.prior) <= 0.3 and u.prior_rationale
    data = scenario.model_dump(mode="json", exclude_none=True)
    data["not_covered"].append({"pair": ["RUS", "XXX"], "reason": "r"})
    with pytest.raises(ValueError, match=r"not_covered\[6\].pair\[1\]: unknown actor 'XXX'"):
        type(scenario).model_validate(data)
    data["not_covered"][-1] = {"pair": ["RUS", "CHN"], "reason": "r", "prior": 0.1}
    with pytest.raises(ValueError, match="prior_rationale"):
        type(scenario).model_validate(data)


def test_every_builtin_tie_declares_a_band_and_sits_in_it(scenario):
    from blocs.scenario.scale import band_problems

    assert all(t.band is not None for t in scenario.ties)
    assert band_problems(scenario.ties) == []
    assert not any(t.band.value == "extreme" for t in scenario.ties)  # no pact, no open war
