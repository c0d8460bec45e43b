"""Tokens and sentences: offsets, abbreviations, possessives, paragraphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blocs.measure.text.tokens import normalise, split_sentences, tokenize


def test_tokens_keep_abbreviations_and_split_clitics() -> None:
    tokens = tokenize("The U.S. didn't back al-Assad's army; Erdoğan did.")
    assert [t.norm for t in tokens] == [
        "THE",
        "U.S.",
        "DID",
        "N'T",
        "BACK",
        "AL-ASSAD",
        "'S",
        "ARMY",
        ";",
        "ERDOGAN",
        "DID",
        ".",
    ]


@given(st.text(max_size=200))
def test_token_spans_point_at_their_text(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.norm == normalise(token.text)


def test_sentences_carry_paragraphs_and_spans() -> None:
    doc = "Mr. Putin met Gen. Soleimani in Moscow. The U.N. objected.\n\n  Iran replied.\n"
    sentences = split_sentences(doc)
    assert [(s.paragraph, s.text) for s in sentences] == [
        (1, "Mr. Putin met Gen. Soleimani in Moscow."),
        (1, "The U.N. objected."),
        (2, "Iran replied."),
    ]
    for s in sentences:
        assert doc[s.start : s.end] == s.text


def test_empty_document_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n \n") == []
