"""Figures in English prose: amounts, percentages, counts and years in their usual written forms.

A figure is read with its scale ("2.5 billion", "2.5bn", "$2,500 million", "two and a half
billion"), its currency or unit ("$", "USD", "euros", "percent", "members"), the hedge before it
("as much as" -> ``at_most``, "more than" -> ``at_least``, "nearly" -> ``about``) and a rate
after it ("a month", "per year", "annual"). The same reader serves two purposes: checking that
a scenario's figure stands in the paragraph it cites, and drafting evidence from a document.

Examples
--------
>>> [f.value for f in find_figures("It cost $2,500 million, or 2.5bn, two and a half billion.")]
[2500000000.0, 2500000000.0, 2500000000.0]
>>> f = find_figures("The port costs as much as $7.5 billion in annual upkeep.")[0]
>>> f.value, f.unit, f.per, f.bound
(7500000000.0, 'USD', 'year', 'at_most')
>>> f = find_figures("Relief worth more than $100 billion.")[0]
>>> f.value, f.bound
(100000000000.0, 'at_least')
>>> [(f.value, f.unit, f.kind) for f in find_figures("Growth fell 3.5 percent in 2015.")]
[(3.5, 'percent', 'amount'), (2015.0, 'year', 'year')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Figure", "find_figures", "parse_number_words"]

Bound = Literal["exact", "about", "at_least", "at_most"]
Rate = Literal["year", "month", "week", "day"]

_SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
# Letters that are a scale only right after a currency amount ("$5m"), never on their own.
_SHORT_SCALES = {"k", "m", "b"}

_UNITS_AFTER: dict[str, str] = {
    "percent": "percent",
    "per cent": "percent",
    "percentage points": "percentage_points",
    "%": "percent",
    "dollars": "USD",
    "us dollars": "USD",
    "usd": "USD",
    "euros": "EUR",
    "eur": "EUR",
    "pounds": "GBP",
    "rubles": "RUB",
    "roubles": "RUB",
    "rials": "IRR",
    "yuan": "CNY",
}
_CURRENCY_BEFORE: dict[str, str] = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
}

_ONES = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

_HEDGES: tuple[tuple[str, Bound], ...] = (
    ("as much as", "at_most"),
    ("as many as", "at_most"),
    ("as high as", "at_most"),
    ("up to", "at_most"),
    ("no more than", "at_most"),
    ("not more than", "at_most"),
    ("at most", "at_most"),
    ("less than", "at_most"),
    ("fewer than", "at_most"),
    ("under", "at_most"),
    ("below", "at_most"),
    ("more than", "at_least"),
    ("at least", "at_least"),
    ("upwards of", "at_least"),
    ("in excess of", "at_least"),
    ("over", "at_least"),
    ("above", "at_least"),
    ("exceeding", "at_least"),
    ("some", "about"),
    ("about", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("nearly", "about"),
    ("almost", "about"),
    ("approximately", "about"),
    ("close to", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
    ("~", "about"),
)
_RATES: tuple[tuple[str, Rate], ...] = (
    ("a year", "year"),
    ("per year", "year"),
    ("each year", "year"),
    ("every year", "year"),
    ("per annum", "year"),
    ("annually", "year"),
    ("yearly", "year"),
    ("a month", "month"),
    ("per month", "month"),
    ("each month", "month"),
    ("every month", "month"),
    ("monthly", "month"),
    ("a week", "week"),
    ("per week", "week"),
    ("weekly", "week"),
    ("a day", "day"),
    ("per day", "day"),
    ("daily", "day"),
)
_RATE_ADJECTIVES: dict[str, Rate] = {
    "annual": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
}

_WORD = r"(?:" + "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True)) + r")"
_NUMBER_WORDS_RE = re.compile(
    rf"\b{_WORD}(?:[\s-]+(?:and\s+)?(?:{_WORD}|a\s+half|half|a\s+quarter|hundred|thousand))*"
    rf"(?:\s+(?:and\s+)?(?:a\s+)?(?:half|quarter|third))?"
    r"(?=\s+(?:hundred|thousand|million|billion|trillion)\b)",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£|\bUSD\s?|\bEUR\s?|\bGBP\s?)?"
    r"(?P<sign>[-−–])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<scale>\s?(?:hundred|thousand|millions?|billions?|trillion|bn|mn|mln|tn|trn)\b"
    r"|(?:k|m|b)\b)?",
    re.IGNORECASE,
)
_WORDS_AMOUNT_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£)?(?P<words>"
    + _NUMBER_WORDS_RE.pattern
    + r")\s+(?P<scale>hundred|thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)
_SMALL_WORD_COUNT_RE = re.compile(
    rf"\b(?P<words>{_WORD}(?:-{_WORD})?)(?:\s+|-)(?P<noun>[a-z][a-z-]+)", re.IGNORECASE
)
# Nouns after a small spelled-out number that make it a count worth reading ("four members").
_COUNT_NOUN_MIN_LEN = 4
_NOT_COUNT_NOUNS = {
    "of",
    "the",
    "and",
    "or",
    "more",
    "other",
    "another",
    "such",
    "time",
    "times",
    "way",
    "thing",
    "things",
}


@dataclass(frozen=True)
class Figure:
    """A figure found in text: its value as written (scale applied), unit, rate and hedge.

    ``start``/``end`` are character offsets of the figure in the text; ``text`` is the span.
    ``kind`` is ``amount`` (money, percentages, counts) or ``year`` (a four-digit year alone).
    """

    value: float
    unit: str
    per: Rate | None
    bound: Bound
    start: int
    end: int
    text: str
    kind: Literal["amount", "year"] = "amount"
    decline: bool = False

    def signed(self) -> tuple[float, Bound]:
        """The figure as a signed change: a decline ("shrank by as much as 3.5 percent") is
        negative and its bound turns over (the change is at least -3.5 %).

        >>> find_figures("The economy shrank by as much as 3.5 percent.")[0].signed()
        (-3.5, 'at_least')
        >>> find_figures("Trade grew by up to 4 percent.")[0].signed()
        (4.0, 'at_most')
        """
        if not self.decline:
            return self.value, self.bound
        flipped: dict[Bound, Bound] = {"at_most": "at_least", "at_least": "at_most"}
        return -abs(self.value), flipped.get(self.bound, self.bound)

    def reading(self) -> str:
        rate = f" per {self.per}" if self.per else ""
        hedge = {"exact": "", "about": "about ", "at_least": "at least ", "at_most": "at most "}
        return f"{hedge[self.bound]}{self.value:g} {self.unit}{rate} ({self.text!r})."


def parse_number_words(text: str) -> float | None:
    """The value of a number written in words, or ``None``.

    >>> parse_number_words("two and a half"), parse_number_words("twenty-five")
    (2.5, 25.0)
    >>> parse_number_words("a hundred"), parse_number_words("one thousand two hundred")
    (100.0, 1200.0)
    >>> parse_number_words("banana") is None
    True
    """
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w == "and":
            i += 1
            continue
        if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in _FRACTIONS:
            current += _FRACTIONS[words[i + 1]]
            seen = True
            i += 2
            continue
        if w in _FRACTIONS:
            current += _FRACTIONS[w]
            seen = True
        elif w in _ONES:
            current += _ONES[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
            seen = True
        else:
            return None
        i += 1
    return total + current if seen else None


def _hedge_before(text: str, start: int) -> Bound:
    window = text[max(0, start - 40) : start].lower()
    window = re.sub(r"\s+", " ", window).rstrip(" $€£")
    window = re.sub(r"\s(?:another|an additional|a further|a)$", "", window)
    for phrase, bound in _HEDGES:
        if re.search(rf"(?:^|[^a-z]){re.escape(phrase)}\s*$", window):
            return bound
    return "exact"


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    rest = text[end : end + 40]
    low = rest.lower()
    for phrase, unit in sorted(_UNITS_AFTER.items(), key=lambda kv: -len(kv[0])):
        m = re.match(rf"\s?{re.escape(phrase)}(?![a-z])", low)
        if m:
            return unit, end + m.end()
    return None, end


def _rate_after(text: str, end: int) -> Rate | None:
    window = re.sub(r"\s+", " ", text[end : end + 60].lower())
    # "a month", "per year" right after, or "in annual costs" a few words on.
    for phrase, rate in _RATES:
        if re.match(rf"\W*(?:\w+\W+){{0,2}}?{re.escape(phrase)}\b", window):
            return rate
    adjective = r"(annual|yearly|monthly|weekly|daily)\b"
    m = re.match(r"\W*(?:in|of|for)?\s*(?:\w+\s+){0,1}?" + adjective, window)
    if m:
        return _RATE_ADJECTIVES[m.group(1)]
    return None


def _rate_before(text: str, start: int) -> Rate | None:
    """A rate stated earlier in the same sentence: "each month the ministry paid up to $20m"."""
    head = text[max(0, start - 120) : start]
    head = re.split(r"[.!?;]\s", head)[-1].lower()
    m = re.search(r"\b(?:every|each|per)\s+(year|month|week|day)\b|\b(annually|monthly)\b", head)
    if not m:
        return None
    word = m.group(1) or {"annually": "year", "monthly": "month"}[m.group(2)]
    return word  # type: ignore[return-value]  # one of the Rate literals by the pattern


def _count_unit_after(text: str, end: int) -> str | None:
    m = re.match(r"(?:\s+|-)([A-Za-z][A-Za-z-]+)", text[end : end + 30])
    if not m:
        return None
    noun = m.group(1).lower()
    if len(noun) < _COUNT_NOUN_MIN_LEN or noun in _NOT_COUNT_NOUNS:
        return None
    return noun


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _figure(
    text: str, value: float, unit: str, start: int, end: int, kind: str = "amount"
) -> Figure:
    """A figure at ``text[start:end]`` with the hedge before it and the rate around it."""
    if kind == "year":
        return Figure(value, unit, None, "exact", start, end, text[start:end], "year")
    rate = _rate_after(text, end) or _rate_before(text, start)
    bound = _hedge_before(text, start)
    return Figure(
        value, unit, rate, bound, start, end, text[start:end], decline=_declines(text, start)
    )


_HEDGE_WORDS = r"(?:(?:" + "|".join(re.escape(h) for h, _ in _HEDGES) + r"|another|a further)\s+)*"
_DECLINE_RE = re.compile(
    r"\b(?:shr[ai]nk|shrunk|contract(?:ed|s)?|constrict(?:ed|s)?|f[ae]ll(?:s|en)?|declin(?:ed|es|e)"
    r"|drop(?:ped|s)?|decreas(?:ed|es|e)|plunge[ds]?|slump(?:ed|s)?|lost|cut|reduced)\b"
    r"(?:\s+[a-z]+ly)?(?:\s+by)?\s+" + _HEDGE_WORDS + r"[$€£]?$"
    r"|\b(?:a|an)\s+(?:decline|drop|fall|contraction|decrease|loss)\s+of\s+"
    + _HEDGE_WORDS
    + r"[$€£]?$",
    re.IGNORECASE,
)


def _declines(text: str, start: int) -> bool:
    """Whether a verb or noun of decrease governs the figure ("shrank by", "a drop of")."""
    head = text[max(0, start - 80) : start]
    head = re.split(r"[.;!?]\s", head)[-1]
    return bool(_DECLINE_RE.search(head))


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in reading order.

    Years are four-digit numbers from 1800 to 2099 written without a currency, a scale, a
    unit or a thousands separator; they come back with ``kind='year'``.

    >>> [(f.value, f.unit) for f in find_figures("Two candidates and four members joined.")]
    [(2.0, 'candidates'), (4.0, 'members')]
    >>> f = find_figures("Up to $150 million a month went to contractors.")[0]
    >>> f.value, f.per, f.bound
    (150000000.0, 'month', 'at_most')
    >>> [f.value for f in find_figures("The economy shrank -3.5% and 1,000 troops left.")]
    [-3.5, 1000.0]
    """
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    for m in _WORDS_AMOUNT_RE.finditer(text):
        base = parse_number_words(m["words"])
        if base is None:
            continue
        value = base * _SCALES[m["scale"].lower()]
        unit, end = _unit_after(text, m.end())
        unit = _CURRENCY_BEFORE[m["cur"].lower()] if m["cur"] else unit
        found.append(_figure(text, value, unit or "count", m.start(), end))
        taken.append((m.start(), end))

    for m in _DIGITS_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        # a number glued to letters or inside a longer token (e.g. "G20", "A1") is not a figure
        if m.start() > 0 and text[m.start() - 1].isalnum() and not m["cur"]:
            continue
        raw = m["num"].replace(",", "")
        value = float(raw)
        scale_text = (m["scale"] or "").strip().lower()
        cur = m["cur"].strip().lower() if m["cur"] else None
        if scale_text in _SHORT_SCALES and not cur:
            scale_text = ""
        end = m.end() if scale_text else m.end("num")
        if scale_text:
            value *= _SCALES[scale_text]
        if m["sign"]:
            value = -value
        unit, end = _unit_after(text, end)
        if cur:
            unit = _CURRENCY_BEFORE.get(cur, unit)
        is_year = (
            not cur
            and not scale_text
            and unit is None
            and "," not in m["num"]
            and "." not in m["num"]
            and not m["sign"]
            and len(raw) == 4
            and 1800 <= value <= 2099
        )
        kind: Literal["amount", "year"] = "year" if is_year else "amount"
        if unit is None:
            unit = "year" if is_year else (_count_unit_after(text, end) or "count")
        found.append(_figure(text, value, unit, m.start(), end, kind))
        taken.append((m.start(), end))

    for m in _SMALL_WORD_COUNT_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        value = parse_number_words(m["words"])
        noun = m["noun"].lower()
        if value is None or noun in _SCALES or noun in _ONES or noun in _TENS:
            continue
        start = m.start()
        unit_known, unit_end = _unit_after(text, m.end("words"))
        if unit_known is not None:  # "one percent", "five dollars"
            unit, end = unit_known, unit_end
        elif m["words"].lower() in ("a", "an", "one"):
            continue  # "one of", "an official": too common to be a figure
        elif len(noun) < _COUNT_NOUN_MIN_LEN or noun in _NOT_COUNT_NOUNS:
            unit, end = "count", m.end("words")  # "two more", "three of them"
        else:
            unit, end = noun, m.end()
        found.append(_figure(text, value, unit, start, end))
        taken.append((start, end))

    found.sort(key=lambda f: f.start)
    return found
