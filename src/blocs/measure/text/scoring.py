"""Scoring a coder against hand-coded sentences: precision, recall and F1 at three levels.

Gold files are PETRARCH validation records: ``<Sentence date=... id=... category=...>``, one or
more ``<EventCoding sourcecode=... targetcode=... eventcode=.../>`` (or ``noevents="True"``), and
``<Text>...</Text>``. Neither reference file is well-formed XML (the UniversalPetrarch file closes
self-closed ``<Sentence .../>`` tags and holds an uncommented header), so records are read with a
tolerant pattern reader; a record without text is listed, not dropped silently.

The three levels compare, sentence by sentence, the multiset of coded events with the gold one:

``exact``  source, target and the full CAMEO code;
``root``   source, target and the code's root (first two digits);
``dyad``   source and target only.

Actor codes are compared as whole strings (``USAGOV`` is not ``USA``). The baseline codes each
sentence by its main verb alone: the first verb whose own dictionary code is not null gives the
root (``<root>0``), the first actor of the sentence the source and the first other actor after
the verb the target; no patterns, passive, negation or compounds.

Examples
--------
>>> gold = [GoldRecord("t1", 20150101, "T", "Russia attacked Ukraine.", (("RUS", "UKR", "190"),))]
>>> from blocs.measure.text import Coder
>>> table = score(Coder.load(), gold)
>>> table.levels["exact"].f1, table.baseline["root"].recall
(1.0, 1.0)
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from blocs.errors import DataFormatError
from blocs.measure.text.coder import Coder

__all__ = ["GoldRecord", "LevelScore", "ScoreTable", "read_gold", "score"]

Triple = tuple[str, str, str]
LEVELS = ("exact", "root", "dyad")


@dataclass(frozen=True)
class GoldRecord:
    """One hand-coded sentence: its id, date (YYYYMMDD), category, text and expected events."""

    id: str
    date: int
    category: str
    text: str
    events: tuple[Triple, ...]
    error: str | None = None


@dataclass(frozen=True)
class LevelScore:
    """Counts and scores at one level: true positives, coded events, gold events."""

    true_positives: int
    coded: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.coded if self.coded else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __json__(self) -> dict[str, float | int]:
        return {
            "true_positives": self.true_positives,
            "coded": self.coded,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class ScoreTable:
    """The coder's and the baseline's scores at the three levels on ``sentences`` records."""

    gold_file: str
    sentences: int
    levels: dict[str, LevelScore]
    baseline: dict[str, LevelScore]
    sentences_all_exact: int
    seconds: float

    def reading(self) -> str:
        e, b = self.levels["exact"], self.baseline["exact"]
        return (
            f"On {self.sentences} gold sentences the coder reaches F1 {e.f1:.2f} on exact code and "
            f"dyad against {b.f1:.2f} for the main-verb baseline."
        )


_RECORD = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def read_gold(path: str | Path) -> tuple[list[GoldRecord], list[str]]:
    """Records of a PETRARCH validation file and the problems found (one line each)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"not UTF-8: {exc.reason}", file=str(file)) from None
    records: list[GoldRecord] = []
    problems: list[str] = []
    for match in _RECORD.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        attrs = dict(_ATTR.findall(match.group(1)))
        body = match.group(2)
        found = _TEXT.search(body)
        sentence = " ".join(found.group(1).split()) if found else ""
        if not sentence:
            problems.append(f"{file.name}:{line}: record {attrs.get('id', '?')} has no text")
            continue
        events: list[Triple] = []
        error = None
        for coding in _CODING.finditer(body):
            fields = dict(_ATTR.findall(coding.group(1)))
            if "error" in fields:
                error = fields["error"]
                continue
            if fields.get("noevents", "").lower() == "true":
                continue
            try:
                events.append(
                    (
                        fields["sourcecode"].upper(),
                        fields["targetcode"].upper(),
                        fields["eventcode"],
                    )
                )
            except KeyError as missing:
                problems.append(f"{file.name}:{line}: an EventCoding lacks {missing}")
        raw_date = attrs.get("date", "")
        date = _date(raw_date)
        if date is None:
            problems.append(f"{file.name}:{line}: bad date {raw_date!r}; today's date used")
        records.append(
            GoldRecord(
                attrs.get("id", f"line{line}"),
                date or 0,
                attrs.get("category", ""),
                sentence,
                tuple(events),
                error,
            )
        )
    if not records:
        raise DataFormatError("no <Sentence> records with text found", file=str(file))
    return records, problems


def _date(text: str) -> int | None:
    if text.isdigit() and len(text) == 8:
        return int(text)
    if text.isdigit() and len(text) == 6:
        return int(("20" if int(text[:2]) <= 30 else "19") + text)
    return None


def _level(triple: Triple, level: str) -> tuple[str, ...]:
    source, target, code = triple
    if level == "exact":
        return (source, target, code)
    if level == "root":
        return (source, target, code[:2])
    return (source, target)


def _count(coded: Sequence[Triple], gold: Sequence[Triple]) -> dict[str, tuple[int, int, int]]:
    out = {}
    for level in LEVELS:
        c = Counter(_level(t, level) for t in coded)
        g = Counter(_level(t, level) for t in gold)
        out[level] = (sum((c & g).values()), sum(c.values()), sum(g.values()))
    return out


def baseline_events(coder: Coder, text: str, date: int | None = None) -> list[Triple]:
    """The main-verb baseline's event for a sentence (see the module's description)."""
    from blocs.measure.text.tokens import tokenize

    tokens = tokenize(text)
    words = [t.norm for t in tokens]
    singles, _ = coder._actors(tokens, words, date or 0)
    actors = [g for g in singles if not g.pronoun]
    if not actors:
        return []
    covered = [False] * len(words)
    for g in actors:
        for k in range(g.first, g.last):
            covered[k] = True
    for _start, end, verb in coder._verb_candidates(tokens, words, covered):
        if verb.code is None:
            continue
        source = actors[0]
        target = next((g for g in actors if g.first >= end and g.codes[0] != source.codes[0]), None)
        if target is None:
            return []
        return [(source.codes[0], target.codes[0], verb.code[:2] + "0")]
    return []


def score(coder: Coder, records: Sequence[GoldRecord], *, gold_file: str = "") -> ScoreTable:
    """Scores of ``coder`` and of the main-verb baseline on the gold ``records``."""
    started = time.perf_counter()
    mine = {level: [0, 0, 0] for level in LEVELS}
    base = {level: [0, 0, 0] for level in LEVELS}
    all_exact = 0
    used = 0
    for record in records:
        if record.error is not None:
            continue
        used += 1
        day = record.date or None
        result = coder.code_sentence(record.text, date=day)
        coded = [(e.source, e.target, e.code) for e in result.events]
        if Counter(coded) == Counter(record.events):
            all_exact += 1
        for level, counts in _count(coded, record.events).items():
            for k in range(3):
                mine[level][k] += counts[k]
        for level, counts in _count(
            baseline_events(coder, record.text, day), record.events
        ).items():
            for k in range(3):
                base[level][k] += counts[k]
    return ScoreTable(
        gold_file=gold_file,
        sentences=used,
        levels={k: LevelScore(*v) for k, v in mine.items()},
        baseline={k: LevelScore(*v) for k, v in base.items()},
        sentences_all_exact=all_exact,
        seconds=time.perf_counter() - started,
    )
