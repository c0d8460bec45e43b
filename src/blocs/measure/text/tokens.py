"""Tokens and sentences of English news text, with character offsets, and no downloaded model.

Tokenisation is a single regular expression written for the event dictionaries: abbreviations
with internal periods stay whole (``U.N.``, ``U.S.``), hyphenated names stay whole
(``al-Assad``, ``Ban Ki-moon``), the possessive ``'s`` and the negation ``n't`` become tokens of
their own, and every other punctuation mark is a token. Each token carries its text, its
normalised form (upper case, diacritics removed: the dictionaries are upper-case ASCII) and its
character span, so that every coded event can point at the words it came from.

Sentences are split by :mod:`pysbd` (Golden Rules sentence boundary disambiguation, pure Python,
rules only: no model is downloaded). The choice was measured against spaCy's blank English
pipeline with its rule-based ``sentencizer``: importing and setting up ``pysbd`` took 0.06 s
and 0.5 MB installed, against 1.8-2.0 s to import ``spacy`` plus 0.45 s to build the blank
pipeline, and about 330 MB installed with its dependencies (see docs/coding-sentences.md). Both
kept ``Mr.``, ``Gen.`` and ``U.N.`` inside their sentences in our checks; the tokeniser here is
our own because the dictionaries need their own conventions (``U.N.``, ``'S``) either way.
A document's paragraphs are its non-empty lines, numbered from 1 as scenario citations number
them; a sentence never crosses a paragraph.

Examples
--------
>>> [t.norm for t in tokenize("The U.N. didn't condemn Russia's move.")]
['THE', 'U.N.', 'DID', "N'T", 'CONDEMN', 'RUSSIA', "'S", 'MOVE', '.']
>>> doc = "Iran met Russia. Mr. Putin spoke.\\n\\nThen..."
>>> [(s.paragraph, s.text) for s in split_sentences(doc)]
[(1, 'Iran met Russia.'), (1, 'Mr. Putin spoke.'), (2, 'Then...')]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Sentence", "Token", "normalise", "split_sentences", "tokenize"]

_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}                     # U.N., U.S.A.
  | [A-Z]\.(?=\s+[A-Z])                    # an initial: George W. Bush
  | \w+(?=n['’]t\b)                        # did of didn't
  | n['’]t\b                               # n't
  | ['’][sS]\b                             # possessive 's
  | \d+(?:[.,]\d+)*                        # numbers: 1,000 and 2.5
  | \w+(?:[-&]\w+|['’](?![sS]\b)\w+)*       # words, al-Assad, O'Brien
  | [^\w\s]                                # any other mark
    """,
    re.VERBOSE,
)


class Token(NamedTuple):
    """One token: its text as written, its normalised form and its character span (a named
    tuple: tokens are made by the hundred thousand, and a tuple is built several times faster
    than a frozen dataclass)."""

    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its text, its character span in the document and the number
    of its paragraph (non-empty lines numbered from 1)."""

    text: str
    start: int
    end: int
    paragraph: int


@functools.lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """Upper case without diacritics, curly apostrophes made straight.

    >>> normalise("Erdoğan’s")
    "ERDOGAN'S"
    """
    if word.isascii():
        return word.upper()
    word = word.replace("’", "'")
    folded = unicodedata.normalize("NFKD", word)
    return "".join(c for c in folded if not unicodedata.combining(c)).upper()


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` with their spans (see the module's rules)."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append(Token(word, normalise(word), m.start(), m.end()))
    return out


_PLAIN = re.compile(r"[A-Za-z0-9_ ]*")


def tokenize_words(phrase: str) -> tuple[str, ...]:
    """Normalised token strings of a dictionary phrase (``_`` joins words)."""
    if _PLAIN.fullmatch(phrase):  # the common case, without the full tokeniser
        return tuple(phrase.replace("_", " ").upper().split())
    return tuple(t.norm for t in tokenize(phrase.replace("_", " ")))


@functools.cache
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a document, each with its span and paragraph number.

    Paragraphs are the non-empty lines (numbered from 1); each is split into sentences by
    pysbd's rules. Leading and trailing blanks are left out of each sentence's span.
    """
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        start_of_line = offset
        offset += len(line)
        if not line.strip():
            continue
        paragraph += 1
        body = line.rstrip("\r\n")
        for span in _segmenter().segment(body):
            piece = span.sent
            left = len(piece) - len(piece.lstrip())
            stripped = piece.strip()
            if not stripped:
                continue
            begin = start_of_line + span.start + left
            sentences.append(Sentence(stripped, begin, begin + len(stripped), paragraph))
    return sentences
