"""A draft scenario from a document: actors, figures, dates and candidate ties, each cited.

:func:`extract` reads a document paragraph by paragraph (non-empty lines numbered from 1, as a
scenario's citations number them), and finds

- **actors**: states (by ISO 3166 alpha-3 through the crosswalk), organisations and armed
  groups (by a slug of their CAMEO code), from the sentence coder's actor dictionaries;
- **figures**: amounts, percentages and counts with unit, rate and hedge
  (:mod:`blocs.measure.documents.figures`), a decline read as a negative change;
- **dates**: years and month-years, which date the figures of their sentence;
- **candidate ties**: each sentence coded into CAMEO events by the dictionary coder, each
  event between two different actors turned into a tie by :mod:`~.tie_rules` (channel and sign
  from the CAMEO code and QuadClass, a suggested strength from the Goldstein value).

:func:`draft_scenario` turns the extraction into a scenario that validates and says it is a
draft (``draft: true``): every evidence item cites its paragraph, carries the source's words in
``quote`` for the analyst to paraphrase, and a generated ``claim`` in our own words; the
figures are listed as notes, ready to become attributes or tie evidence.

Examples
--------
>>> text = "Russia and Iran signed an arms deal.\\n\\nMoscow paid up to $150 million a month."
>>> found = extract(text, source_id="memo")
>>> sorted(a.id for a in found.actors)
['IRN', 'RUS']
>>> [(f.paragraph, f.value, f.unit, f.per, f.bound) for f in found.figures]
[(2, 150000000.0, 'USD', 'month', 'at_most')]
>>> draft = draft_scenario(found)
>>> draft.draft, draft.sources[0].paragraphs
(True, 2)
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from blocs.errors import ScenarioError
from blocs.measure.documents.figures import Bound, Rate, find_figures
from blocs.measure.documents.paragraphs import Paragraph, split_paragraphs
from blocs.measure.documents.tie_rules import channel_of, sign_of, suggested_strength
from blocs.measure.events.cameo import cameo_events
from blocs.measure.text import ActorMention, Coder, split_sentences
from blocs.scenario.crosswalk import CountryCodeError, lookup
from blocs.scenario.model import Scenario

__all__ = [
    "ExtractedActor",
    "ExtractedDate",
    "ExtractedFigure",
    "ExtractedTie",
    "Extraction",
    "draft_scenario",
    "extract",
]

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTHS})\s+(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractedActor:
    """An actor the document names, with where it is first named and how often."""

    id: str
    name: str
    kind: str
    code: str
    mentions: int
    first_paragraph: int
    first_text: str


@dataclass(frozen=True)
class ExtractedFigure:
    """A figure with its paragraph, signed value, the sentence it stands in and its dating."""

    paragraph: int
    value: float
    unit: str
    per: Rate | None
    bound: Bound
    text: str
    sentence: str
    year: int | None
    actors: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedDate:
    """A year or month-year the document gives."""

    paragraph: int
    text: str
    year: int
    month: int | None


@dataclass(frozen=True)
class ExtractedTie:
    """A candidate tie from one coded event."""

    pair: tuple[str, str]
    channel: str
    sign: int
    suggested_strength: float
    code: str
    event_name: str
    quad_class: int
    goldstein: float
    paragraph: int
    sentence: str


@dataclass(frozen=True)
class Extraction:
    """Everything found in one document."""

    source_id: str
    title: str
    file: str | None
    paragraphs: int
    sentences: int
    sentences_coded: int
    actors: tuple[ExtractedActor, ...]
    figures: tuple[ExtractedFigure, ...]
    dates: tuple[ExtractedDate, ...]
    ties: tuple[ExtractedTie, ...]
    skipped: dict[str, int] = field(default_factory=dict)

    def reading(self) -> str:
        return (
            f"{self.source_id}: {self.paragraphs} paragraphs, {len(self.actors)} actors,"
            f" {len(self.figures)} figures, {len(self.dates)} dates and {len(self.ties)}"
            f" candidate ties from {self.sentences_coded} of {self.sentences} sentences coded."
        )


def _slug(code: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.+-]", "", code) or "ACTOR"
    return slug if slug[0].isalpha() else f"A{slug}"


def _kind_of(code: str) -> str:
    if code.startswith(("IGO", "NGO", "MNC")):
        return "organisation"
    if code.startswith(("IMG", "REB", "INS", "UAF", "SEP")) or "REB" in code or "INS" in code:
        return "armed_group"
    return "organisation"


def _actor_key(mention: ActorMention) -> tuple[str, str, str]:
    """(id, kind, name) of a coder's actor mention."""
    iso3 = mention.iso3
    name = mention.text
    if iso3:
        with contextlib.suppress(CountryCodeError):  # a code the crosswalk lacks keeps its text
            name = lookup(iso3, system="iso3").name
        return iso3, "state", name
    code = str(mention.code)
    return _slug(code), _kind_of(code), name


def _is_actor(code: str | None) -> bool:
    """Whether a coder's code names an actor: not a phrase marked as none, and not an agent
    without a country or organisation ("---GOV", some government)."""
    return bool(code) and not str(code).startswith("---")


def _full_date(date: str | None) -> str | None:
    """A source date as the coder wants it: a year alone is read as its middle (1 July), a
    month as its 15th."""
    if date is None:
        return None
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return f"{date}-15"
    return date


def _years_in(text: str) -> list[int]:
    return [int(f.value) for f in find_figures(text) if f.kind == "year"]


def extract(
    text: str,
    *,
    source_id: str = "document",
    title: str | None = None,
    file: str | None = None,
    date: str | None = None,
    coder: Coder | None = None,
) -> Extraction:
    """Actors, figures, dates and candidate ties of a document's text.

    ``date`` (``YYYY-MM-DD``) is the document's date, which picks the dated dictionary codes
    of leaders ("the president" of the year); today when not given.

    ``coder`` is a :class:`blocs.measure.text.Coder` (loaded with the packaged dictionaries
    when not given; loading once and passing it in saves time over many documents).
    """
    coder = coder if coder is not None else Coder.load()
    date = _full_date(date)
    paragraphs: list[Paragraph] = split_paragraphs(text)
    actors: dict[str, dict[str, Any]] = {}
    figures: list[ExtractedFigure] = []
    dates: list[ExtractedDate] = []
    ties: list[ExtractedTie] = []
    skipped: Counter[str] = Counter()
    n_sentences = n_coded = 0

    for para in paragraphs:
        for m in _MONTH_YEAR_RE.finditer(para.text):
            month = _MONTHS.split("|").index(m.group(1).lower()) + 1
            dates.append(ExtractedDate(para.number, m.group(0), int(m.group(2)), month))
        for sentence in split_sentences(para.text):
            n_sentences += 1
            s_text = sentence.text
            in_sentence: list[str] = []
            for mention in coder.find_actors(s_text, date=date):
                if not _is_actor(mention.code):
                    continue
                actor_id, kind, name = _actor_key(mention)
                in_sentence.append(actor_id)
                entry = actors.setdefault(
                    actor_id,
                    {
                        "name": name,
                        "kind": kind,
                        "code": str(mention.code),
                        "mentions": 0,
                        "first_paragraph": para.number,
                        "first_text": mention.text,
                    },
                )
                entry["mentions"] += 1
            years = _years_in(s_text)
            for f in find_figures(s_text):
                if f.kind == "year":
                    if not _MONTH_YEAR_RE.search(s_text[max(0, f.start - 10) : f.end]):
                        dates.append(ExtractedDate(para.number, f.text, int(f.value), None))
                    continue
                value, bound = f.signed()
                figures.append(
                    ExtractedFigure(
                        paragraph=para.number,
                        value=value,
                        unit=f.unit,
                        per=f.per,
                        bound=bound,
                        text=f.text,
                        sentence=s_text,
                        year=years[0] if len(set(years)) == 1 else None,
                        actors=tuple(dict.fromkeys(in_sentence)),
                    )
                )
            result = coder.code_sentence(s_text, line=para.line, date=date)
            events = list(result.events)
            if not events:
                skipped[result.skipped.value if result.skipped else "no event"] += 1
                continue
            n_coded += 1
            for ev in events:
                a = ev.source_iso3 or (_slug(ev.source) if _is_actor(ev.source) else None)
                b = ev.target_iso3 or (_slug(ev.target) if _is_actor(ev.target) else None)
                if not a or not b or a == b:
                    skipped["event without two different actors"] += 1
                    continue
                for actor_id, code in ((a, ev.source), (b, ev.target)):
                    if actor_id not in actors:
                        actors[actor_id] = {
                            "name": actor_id,
                            "kind": "state"
                            if len(actor_id) == 3
                            and actor_id.isupper()
                            and actor_id in (ev.source_iso3, ev.target_iso3)
                            else _kind_of(code),
                            "code": code,
                            "mentions": 1,
                            "first_paragraph": para.number,
                            "first_text": actor_id,
                        }
                known = cameo_events().get(ev.code)
                ties.append(
                    ExtractedTie(
                        pair=(a, b),
                        channel=channel_of(ev.code),
                        sign=sign_of(int(ev.quad_class)),
                        suggested_strength=suggested_strength(
                            float(ev.goldstein), int(ev.quad_class)
                        ),
                        code=ev.code,
                        event_name=known.name if known else ev.code,
                        quad_class=int(ev.quad_class),
                        goldstein=float(ev.goldstein),
                        paragraph=para.number,
                        sentence=s_text,
                    )
                )

    return Extraction(
        source_id=source_id,
        title=title or source_id,
        file=file,
        paragraphs=len(paragraphs),
        sentences=n_sentences,
        sentences_coded=n_coded,
        actors=tuple(
            ExtractedActor(id=k, **v) for k, v in sorted(actors.items(), key=lambda kv: kv[0])
        ),
        figures=tuple(figures),
        dates=tuple(dates),
        ties=tuple(ties),
        skipped=dict(skipped),
    )


def _figure_claim(f: ExtractedFigure) -> str:
    hedge = {"exact": "", "about": "about ", "at_least": "at least ", "at_most": "at most "}
    rate = f" per {f.per}" if f.per else ""
    who = f" (sentence names {', '.join(f.actors)})" if f.actors else ""
    return f"[draft] A figure of {hedge[f.bound]}{f.value:g} {f.unit}{rate}{who}."


def draft_scenario(found: Extraction, *, scenario_id: str | None = None) -> Scenario:
    """A scenario, marked ``draft``, from an extraction; it validates as any scenario does.

    A document in which no actor is found cannot make a scenario: that is a
    :class:`~blocs.errors.ScenarioError` naming the document.
    """
    if not found.actors:
        raise ScenarioError(
            "no actor found in the document; a draft scenario needs at least one",
            file=found.file or found.source_id,
        )
    source = {
        "id": found.source_id,
        "title": found.title,
        "kind": "analysis",
        "paragraphs": max(found.paragraphs, 1),
    }
    if found.file:
        source["file"] = found.file
    actors: list[dict[str, Any]] = []
    for a in found.actors:
        actor: dict[str, Any] = {"id": a.id, "name": a.name}
        if a.kind != "state":
            actor["kind"] = a.kind
        actors.append(actor)
    grouped: dict[tuple[tuple[str, str], str], list[ExtractedTie]] = defaultdict(list)
    for t in found.ties:
        key = (tuple(sorted(t.pair)), t.channel)
        grouped[key].append(t)  # type: ignore[index]  # a sorted pair of two ids
    ties: list[dict[str, Any]] = []
    for (pair, channel), events in grouped.items():
        strength = sum(e.suggested_strength for e in events) / len(events)
        codes = Counter(f"{e.code} {e.event_name}" for e in events)
        rationale = "[draft] suggested from coded events: " + "; ".join(
            f"{n} x {c}" for c, n in codes.most_common()
        )
        evidence = [
            {
                "source": found.source_id,
                "paragraph": e.paragraph,
                "claim": f"[draft] {e.pair[0]} to {e.pair[1]}: {e.event_name} (CAMEO {e.code}).",
                "quote": e.sentence,
                "confidence": "low",
            }
            for e in events
        ]
        ties.append(
            {
                "pair": list(pair),
                "channel": channel,
                "strength": round(max(-1.0, min(1.0, strength)), 3),
                "rationale": rationale,
                "evidence": evidence,
            }
        )
    notes: list[dict[str, Any]] = []
    for f in found.figures:
        quantity: dict[str, Any] = {"value": f.value, "unit": f.unit, "bound": f.bound}
        if f.per:
            quantity["per"] = f.per
        if f.year is not None:
            quantity["period"] = {"start": str(f.year), "end": str(f.year)}
        notes.append(
            {
                "topic": f"figure in paragraph {f.paragraph}",
                "text": "[draft] A figure to attach to an attribute or a tie, or to drop.",
                "evidence": [
                    {
                        "source": found.source_id,
                        "paragraph": f.paragraph,
                        "claim": _figure_claim(f),
                        "quote": f.sentence,
                        "quantity": quantity,
                        "confidence": "low",
                    }
                ],
            }
        )
    years = sorted({d.year for d in found.dates})
    data: dict[str, Any] = {
        "id": scenario_id or f"{_slug(found.source_id)}-draft",
        "title": f"Draft from {found.title}",
        "draft": True,
        "description": (
            "Drafted by blocs extract; to be reviewed: paraphrase every quote into its claim,"
            " set each strength, then remove the quotes and the draft flag."
        ),
        "sources": [source],
        "actors": actors,
        "ties": ties,
        "notes": notes,
    }
    if years:
        data["period"] = {"start": str(years[0]), "end": str(years[-1])}
    return Scenario.model_validate(data)
