"""Text: sentences, tokens and a CAMEO dictionary event coder for English sentences.

The public interface used by the rest of blocs (and by ``blocs code``):

>>> from blocs.measure.text import Coder, split_sentences
>>> coder = Coder.load()                      # the packaged PETRARCH-2 dictionaries
>>> result = coder.code_sentence("Russia and Iran signed a military agreement.", line=1)
>>> [(e.source, e.target, e.code, e.quad_class) for e in result.events]
[('RUS', 'IRN', '0312', 1), ('IRN', 'RUS', '0312', 1)]
>>> [m.iso3 for m in coder.find_actors("Tehran thanked the Kremlin.")]
['IRN', 'RUS']
>>> [s.text for s in split_sentences("Iran met Russia. Then it left.")]
['Iran met Russia.', 'Then it left.']
"""

from __future__ import annotations

from blocs.measure.text.coder import (
    NEGATED_ROOT,
    ActorMention,
    CodedEvent,
    Coder,
    CodingResult,
    CodingRun,
    DictionaryFiles,
    SkippedSentence,
    SkipReason,
    iso3_of,
)
from blocs.measure.text.dictionaries import DictionaryIssue
from blocs.measure.text.tokens import Sentence, Token, split_sentences, tokenize

__all__ = [
    "NEGATED_ROOT",
    "ActorMention",
    "CodedEvent",
    "Coder",
    "CodingResult",
    "CodingRun",
    "DictionaryFiles",
    "DictionaryIssue",
    "Sentence",
    "SkipReason",
    "SkippedSentence",
    "Token",
    "iso3_of",
    "split_sentences",
    "tokenize",
]
