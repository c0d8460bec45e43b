"""Figures in prose: every usual written form of a number, its unit, hedge and rate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocs.measure.documents.figures import find_figures, parse_number_words


@pytest.mark.parametrize(
    "text",
    [
        "2.5 billion dollars",
        "$2,500 million",
        "$2.5bn",
        "US$2.5 billion",
        "two and a half billion dollars",
        "2,500,000,000 dollars",
    ],
)
def test_one_amount_in_every_written_form(text):
    (figure,) = find_figures(f"Trade reached {text} last year.")
    assert figure.value == pytest.approx(2.5e9)
    assert figure.unit == "USD"


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("as much as $7.5 billion", "at_most"),
        ("up to $150 million", "at_most"),
        ("less than 3 percent", "at_most"),
        ("more than $100 billion", "at_least"),
        ("at least $10 billion", "at_least"),
        ("nearly 1 percent", "about"),
        ("nearly another one percent", "about"),
        ("some 4,000 troops", "about"),
        ("$5 billion", "exact"),
    ],
)
def test_the_hedge_before_a_figure_becomes_its_bound(text, bound):
    (figure,) = find_figures(f"It was {text}.")
    assert figure.bound == bound


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("$150 million a month", "month"),
        ("$7.5 billion in annual expenditures", "year"),
        ("2 billion dollars per year", "year"),
        ("every month, it spent up to $150 million", "month"),
        ("$3 billion", None),
    ],
)
def test_rates_before_or_after(text, per):
    (figure,) = find_figures(f"By then {text}.")
    assert figure.per == per


def test_years_are_told_apart_from_amounts():
    figures = find_figures("In 2015 it paid 2015 dollars and 1,999 rubles.")
    assert [(f.kind, f.value, f.unit) for f in figures] == [
        ("year", 2015.0, "year"),
        ("amount", 2015.0, "USD"),
        ("amount", 1999.0, "RUB"),
    ]


def test_counts_spelled_out_take_their_noun():
    figures = find_figures("It has four members and is contemplating two more.")
    assert [(f.value, f.unit) for f in figures] == [(4.0, "members"), (2.0, "count")]


def test_letters_glued_to_numbers_are_not_figures():
    assert find_figures("The G20 met; the A1 road closed.") == []


def test_spans_point_at_the_text():
    text = "Moscow has concluded at least $10 billion in deals."
    (figure,) = find_figures(text)
    assert text[figure.start : figure.end] == figure.text == "$10 billion"


@given(st.integers(min_value=0, max_value=999))
def test_number_words_agree_with_digits(n):
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]  # fmt: skip
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def words(k: int) -> str:
        if k == 0:
            return "zero"
        parts = []
        if k >= 100:
            parts.append(f"{ones[k // 100]} hundred")
            k %= 100
            if k:
                parts.append("and")
        if 10 <= k < 20:
            parts.append(teens[k - 10])
        elif k:
            parts.append("-".join(w for w in (tens[k // 10], ones[k % 10]) if w))
        return " ".join(parts)

    assert parse_number_words(words(n)) == n
