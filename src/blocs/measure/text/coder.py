"""A dictionary event coder for English sentences: shallow, TABARI-style pattern matching with
the PETRARCH-2 dictionaries, in pure Python and with no parser.

For each sentence the coder

1. tokenises it (:mod:`blocs.measure.text.tokens`) and drops it if a discard phrase occurs;
2. finds actors and agents by longest match in word tries built from the actor and agent
   dictionaries, and joins each run of adjacent actor and agent words (with ``'s`` and ``of``
   between them) into one actor: the first country-like code, then each agent segment not already
   in it (``Russian`` + ``troops`` -> ``RUSMIL``); an agent with no actor gives ``---`` plus its
   segment (``---GOV``). Actors joined by ``and`` or commas form a compound;
3. finds verbs by their inflected surface forms (one dictionary lookup per token; a candidate
   after a determiner, a possessive, a number, or inside an actor phrase is taken as a noun, and
   so is a capitalised word in mid-sentence, TABARI's rules);
4. splits the sentence into clauses at ``;``, ``:``, ``but``, ``while``, ``that``, ``which``,
   ``who`` and at ``and`` when no actor follows it, and codes the first verb of each clause that
   yields an event. A verb's patterns are tried longest first: the part after ``*`` forward from
   the verb, the part before ``*`` backward, words in order with gaps allowed inside the clause,
   ``$``/``+`` binding the next actor as source/target and ``^`` skipping one. With no pattern
   the verb's own code applies; a null code (``[---]``) stops the verb;
5. takes the source as the first actor of the clause (TABARI: a clause without one inherits the
   previous clause's source; a pronoun subject is the sentence's first actor), the target as the
   first actor after the verb with another code, or else the nearest other actor before it;
6. handles the passive (a form of *be* one or two words before the verb and ``by`` one to three
   words after it: source and target swap), paired codes ``[A:B]`` (source->target A and
   target->source B), ``[:B]`` codes (object->subject B) and compounds (one event per pair);
7. negation: ``not``, ``n't``, ``never`` or ``no longer`` up to three words before the verb turns a
   cooperative event into CAMEO's matching refusal and drops any other (see
   :data:`NEGATED_ROOT`): "did not agree" is no agreement;
8. verb-verb transformations of the dictionary (``~ a (a b ATTACK) SAY = a b 015``) when a clause
   with a speech or intention verb is followed by the clause it introduces.

Every event gets CAMEO's name-independent fields from blocs's CAMEO table (root, QuadClass,
Goldstein) and the ISO3 codes of its actors through the country crosswalk.

Examples
--------
>>> from blocs.measure.text import Coder
>>> coder = Coder.load()
>>> [(e.source, e.target, e.code) for e in coder.code_sentence("Russia and Iran signed a "
...     "military agreement.", date=20170201).events]
[('RUS', 'IRN', '0312'), ('IRN', 'RUS', '0312')]
>>> coder.code_sentence("Iran did not agree to the plan of the United States.").events[0].code
'127'
>>> coder.code_sentence("The weather was fine.").skipped.value
'no actor'
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import itertools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blocs.errors import DataFormatError
from blocs.measure.events.cameo import cameo_events, quad_class
from blocs.measure.text.dictionaries import (
    ActorEntry,
    AgentEntry,
    DictionaryIssue,
    Element,
    Pattern,
    Transformation,
    VerbDictionary,
    VerbEntry,
    parse_actors,
    parse_agents,
    parse_discards,
    parse_verbs,
    read_lines,
)
from blocs.measure.text.tokens import Token, tokenize

__all__ = [
    "NEGATED_ROOT",
    "ActorMention",
    "CodedEvent",
    "Coder",
    "CodingResult",
    "CodingRun",
    "DictionaryFiles",
    "SkipReason",
]

#: The CAMEO code a negated event of each cooperative root becomes ("X did not sign the
#: agreement" is a rejection of it); other roots are dropped when negated.
NEGATED_ROOT: dict[str, str] = {
    "03": "120",  # express intent to cooperate -> reject
    "04": "125",  # consult -> reject proposal to meet, discuss or negotiate
    "05": "127",  # diplomatic cooperation, agreements -> reject plan or agreement
    "06": "121",  # material cooperation -> reject material cooperation
    "07": "121",  # provide aid -> reject material cooperation
    "08": "124",  # yield -> refuse to yield
}

MAX_LINE = 100_000  # characters: longer lines are skipped as not a sentence

_DETERMINERS = frozenset(
    [
        "THE",
        "A",
        "AN",
        "THIS",
        "THAT",
        "THESE",
        "THOSE",
        "ITS",
        "THEIR",
        "HIS",
        "HER",
        "OUR",
        "MY",
        "YOUR",
        "'S",
        "ANY",
        "EACH",
        "EVERY",
        "SOME",
        "NO",
        "SUCH",
        "ANOTHER",
        "OTHER",
        "SEVERAL",
        "MANY",
        "FEW",
        "BOTH",
        "ALL",
        "NEW",
        "FIRST",
        "SECOND",
        "LAST",
    ]
)
_PREPOSITIONS = frozenset(
    ["OF", "IN", "ON", "AT", "FOR", "WITH", "AGAINST", "DURING", "FROM", "INTO", "OVER", "UNDER"]
)
_BE = frozenset(
    ["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'S", "GET", "GOT", "GETS"]
)
_NEGATIONS = frozenset(("NOT", "N'T", "NEVER"))
_CLAUSE_WORDS = frozenset(
    [";", ":", "BUT", "WHILE", "WHEREAS", "THAT", "WHICH", "WHO", "ALTHOUGH", "THOUGH", "AFTER"]
)
_PRONOUNS = frozenset(["HE", "SHE", "IT", "THEY", "WE"])
_JOINERS = frozenset(("'S", "OF", "OF THE"))
#: between an agent and the actor it belongs to ("ministers from Armenia", TABARI's OF and IN)
_AGENT_JOINERS = frozenset(f"{p} {d}".strip() for p in ("OF", "IN", "FROM") for d in ("", "THE"))
_AUXILIARIES = frozenset(
    [
        "WILL",
        "WOULD",
        "SHALL",
        "SHOULD",
        "CAN",
        "COULD",
        "MAY",
        "MIGHT",
        "MUST",
        "DO",
        "DOES",
        "DID",
        "HAS",
        "HAVE",
        "HAD",
    ]
)


class SkipReason(enum.Enum):
    """Why a sentence gave no event."""

    EMPTY = "empty"
    TOO_LONG = "line too long"
    DISCARDED = "discarded"
    NO_ACTOR = "no actor"
    NO_VERB_MATCH = "no verb match"
    NO_SOURCE = "no source"
    NO_TARGET = "no target"
    NEGATED = "negated"


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a sentence: its code (``None`` for a phrase the dictionary marks as no
    actor), ISO3 country code where the code names a state, and its character span."""

    code: str | None
    iso3: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CodedEvent:
    """One coded event with the places in the sentence it came from.

    ``spans`` holds ``source``, ``target`` and ``verb`` character offsets ``[start, end)`` in the
    sentence; ``line`` is the 1-based input line and ``sentence`` the sentence's text.
    """

    line: int
    sentence: str
    source: str
    target: str
    code: str
    root: str
    quad_class: int
    goldstein: float
    spans: dict[str, tuple[int, int]]
    source_iso3: str | None
    target_iso3: str | None
    verb: str = ""
    pattern: str | None = None

    def reading(self) -> str:
        info = cameo_events().get(self.code)
        name = info.name.lower() if info else "event"
        return f"{self.source} -> {self.target}: {name} (CAMEO {self.code}), line {self.line}."


@dataclass(frozen=True)
class CodingResult:
    """The events of one sentence, or the reason there are none."""

    line: int
    sentence: str
    events: tuple[CodedEvent, ...]
    skipped: SkipReason | None = None

    def reading(self) -> str:
        if self.skipped is not None:
            return f"Line {self.line} was not coded: {self.skipped.value}."
        return f"Line {self.line} gave {len(self.events)} event(s)."


@dataclass(frozen=True)
class SkippedSentence:
    """A sentence that gave no event, with where it is and why."""

    line: int
    sentence: str
    reason: SkipReason


@dataclass(frozen=True)
class CodingRun:
    """The events of many sentences, the sentences skipped with their reasons, and counts."""

    events: tuple[CodedEvent, ...]
    skipped: tuple[SkippedSentence, ...]
    sentences: int
    coded: int
    skip_counts: dict[str, int]
    seconds: float = 0.0

    def reading(self) -> str:
        return (
            f"{self.coded} of {self.sentences} sentences gave {len(self.events)} events; "
            f"{len(self.skipped)} were skipped."
        )


@dataclass(frozen=True)
class DictionaryFiles:
    """The dictionary files a coder is built from; :meth:`packaged` names those shipped."""

    verbs: Path
    actors: tuple[Path, ...]
    agents: Path | None
    discards: Path | None

    @classmethod
    def packaged(cls) -> DictionaryFiles:
        folder = Path(__file__).with_name("dictionaries")
        return cls(
            verbs=folder / "CAMEO.2.0.txt",
            actors=(
                folder / "Phoenix.Countries.actors.txt",
                folder / "Phoenix.International.actors.txt",
                folder / "Phoenix.MilNonState.actors.txt",
            ),
            agents=folder / "Phoenix.agents.txt",
            discards=folder / "Phoenix.discards.txt",
        )


@dataclass
class _Mention:
    """An actor or agent run over tokens ``[first, last)``."""

    first: int
    last: int
    entry: ActorEntry | None = None
    agents: list[AgentEntry] = field(default_factory=list)
    code: str | None = None
    null: bool = False


@dataclass
class _Group:
    """An actor (one or more joined mentions) or a compound of them: tokens ``[first, last)``."""

    first: int
    last: int
    codes: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    pronoun: bool = False


@functools.cache
def _iso3_of() -> dict[str, str]:
    """CAMEO country code -> ISO3, from the blocs crosswalk (its ``cameo`` column)."""
    from blocs.scenario import crosswalk

    table: dict[str, str] = {}
    for record in crosswalk.records():
        if not record.iso3:
            continue
        for cameo in record.cameo:
            table.setdefault(cameo, record.iso3)
    return table


def iso3_of(code: str | None) -> str | None:
    """The ISO3 code of the state an actor code names (its first three letters), else ``None``.

    >>> iso3_of("RUSGOV"), iso3_of("IGOUNO"), iso3_of("---MIL")
    ('RUS', None, None)
    """
    if not code or len(code) < 3:
        return None
    return _iso3_of().get(code[:3])


def _today() -> int:
    return int(_dt.date.today().strftime("%Y%m%d"))


def _day(date: int | str | _dt.date | None) -> int:
    if date is None:
        return _today()
    if isinstance(date, _dt.date):
        return int(date.strftime("%Y%m%d"))
    text = str(date).replace("-", "")
    if not (text.isdigit() and len(text) == 8):
        raise DataFormatError(f"date {date!r} must be YYYY-MM-DD or YYYYMMDD")
    return int(text)


class Coder:
    """A CAMEO event coder built from event dictionaries (see the module's description).

    Build it with :meth:`load`; it holds compiled lookups (word tries for actors and agents, a
    surface-form table for verbs, patterns indexed by their first word) and is read-only after
    that, so one coder can code any number of sentences.
    """

    def __init__(
        self,
        verbs: VerbDictionary,
        actors: Sequence[ActorEntry],
        agents: Sequence[AgentEntry],
        discards: Sequence[tuple[str, ...]],
        issues: Sequence[DictionaryIssue] = (),
        load_seconds: float = 0.0,
    ):
        self.issues = tuple(issues)
        self.load_seconds = load_seconds
        self.transformations: tuple[Transformation, ...] = tuple(verbs.transformations)
        self._actor_trie: dict = {}
        for entry in actors:
            for words in entry.phrases:
                self._insert(self._actor_trie, words, entry)
        self._agent_trie: dict = {}
        for agent in agents:
            for words in agent.phrases:
                self._insert(self._agent_trie, words, agent)
        self._discard_trie: dict = {}
        for words in discards:
            self._insert(self._discard_trie, words, True)
        self._verbs: dict[str, list[tuple[tuple[str, ...], VerbEntry]]] = {}
        self._patterns: dict[str, tuple[tuple[Pattern, tuple[frozenset[str], ...]], ...]] = {}
        self._block_code: dict[str, str | None] = {}
        for block in verbs.blocks:
            # each pattern with the word sets it needs: a sentence lacking one cannot match
            self._patterns[block.name] = tuple(
                (
                    pattern,
                    tuple(
                        frozenset(unit.alternatives)
                        for element in (*pattern.before, *pattern.after)
                        for unit in element.units
                    ),
                )
                for pattern in block.patterns
            )
            self._block_code[block.name] = block.code
            for verb in block.verbs:
                for form in verb.forms:
                    self._verbs.setdefault(form[0], []).append((form, verb))
        for options in self._verbs.values():
            options.sort(key=lambda item: -len(item[0]))
        uppers = {rule.upper for rule in self.transformations}
        self._speech_blocks = frozenset(
            block.name for block in verbs.blocks if any(v.lemma in uppers for v in block.verbs)
        )
        self.counts = {
            "actor_phrases": sum(len(e.phrases) for e in actors),
            "agent_phrases": sum(len(a.phrases) for a in agents),
            "verb_blocks": len(verbs.blocks),
            "verbs": sum(len(b.verbs) for b in verbs.blocks),
            "verb_forms": sum(len(v) for v in self._verbs.values()),
            "patterns": sum(len(b.patterns) for b in verbs.blocks),
            "synsets": len(verbs.synsets),
            "transformations": len(verbs.transformations),
            "discards": len(discards),
            "issues": len(self.issues),
        }

    # ------------------------------------------------------------------ building

    @staticmethod
    def _insert(trie: dict, words: Sequence[str], value: object) -> None:
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node.setdefault(None, value)  # the first entry read wins

    @classmethod
    def load(
        cls,
        *,
        verbs: str | Path | None = None,
        actors: Sequence[str | Path] | None = None,
        agents: str | Path | None = None,
        discards: str | Path | None = None,
        strict: bool = False,
        cache: bool = True,
        cameo_only: bool = True,
    ) -> Coder:
        """A coder from the packaged dictionaries, or from the files given instead.

        Parameters
        ----------
        verbs, actors, agents, discards
            Dictionary files in the PETRARCH-2 formats; each defaults to the packaged file.
        strict
            Raise :class:`~blocs.errors.DataFormatError` (file and line) at the first malformed
            line of a dictionary given here; by default such lines are skipped and listed in
            ``coder.issues``. The packaged files' known issues are always listed, never raised.
        cameo_only
            Keep only patterns whose codes are CAMEO 1.1b3 codes (others are listed as issues);
            ``False`` keeps any numeric code, for test dictionaries such as PETRARCH's
            validation set (events with such codes get QuadClass 0 and no Goldstein value).
        cache
            Keep the compiled coder in memory for this process and in the user's cache folder
            (``$BLOCS_CACHE`` or ``~/.cache/blocs``), keyed by a hash of the dictionary files and
            of the coder's own source, so that a later load takes a fraction of a second; a
            changed dictionary or blocs version builds afresh.
        """
        started = time.perf_counter()
        packaged = DictionaryFiles.packaged()
        files = DictionaryFiles(
            verbs=Path(verbs) if verbs else packaged.verbs,
            actors=tuple(Path(a) for a in actors) if actors else packaged.actors,
            agents=Path(agents) if agents else packaged.agents,
            discards=Path(discards) if discards else packaged.discards,
        )
        for path in (files.verbs, *files.actors, files.agents, files.discards):
            if path is not None and not path.is_file():
                raise DataFormatError("no such dictionary file", file=str(path))
        key = _cache_key(files, f"{strict}{cameo_only}")
        if cache:
            if key in _LOADED:
                return _LOADED[key]
            cached = _read_cache(key)
            if cached is not None:
                cached.load_seconds = time.perf_counter() - started
                _LOADED[key] = cached
                return cached
        coder = cls._build(files, strict, cameo_only)
        coder.load_seconds = time.perf_counter() - started
        if cache:
            _write_cache(key, coder)
            _LOADED[key] = coder
        return coder

    @classmethod
    def _build(cls, files: DictionaryFiles, strict: bool, cameo_only: bool) -> Coder:
        packaged = DictionaryFiles.packaged()
        shipped = {packaged.verbs, *packaged.actors, packaged.agents, packaged.discards}
        issues: list[DictionaryIssue] = []
        verb_dict, found = parse_verbs(
            read_lines(files.verbs),
            files.verbs.name,
            strict=strict and files.verbs not in shipped,
            cameo_only=cameo_only,
        )
        issues += found
        actor_entries: list[ActorEntry] = []
        for path in files.actors:
            entries, found = parse_actors(
                read_lines(path), path.name, strict=strict and path not in shipped
            )
            actor_entries += entries
            issues += found
        agent_entries: list[AgentEntry] = []
        if files.agents is not None:
            agent_entries, found = parse_agents(
                read_lines(files.agents),
                files.agents.name,
                strict=strict and files.agents not in shipped,
            )
            issues += found
        discard_phrases: list[tuple[str, ...]] = []
        if files.discards is not None:
            discard_phrases, found = parse_discards(
                read_lines(files.discards),
                files.discards.name,
                strict=strict and files.discards not in shipped,
            )
            issues += found
        return cls(verb_dict, actor_entries, agent_entries, discard_phrases, issues)

    # ------------------------------------------------------------------ matching helpers

    @staticmethod
    def _longest(trie: dict, words: Sequence[str], i: int) -> tuple[int, object] | None:
        node = trie
        best: tuple[int, object] | None = None
        j = i
        n = len(words)
        while j < n:
            node = node.get(words[j])
            if node is None:
                break
            j += 1
            if None in node:
                best = (j, node[None])
        return best

    def _mentions(self, words: Sequence[str], day: int) -> list[_Mention]:
        """Actor and agent phrases by longest match, left to right, actors before agents."""
        mentions: list[_Mention] = []
        i = 0
        n = len(words)
        actor_trie, agent_trie = self._actor_trie, self._agent_trie
        while i < n:
            word = words[i]
            hit = self._longest(actor_trie, words, i) if word in actor_trie else None
            agent = self._longest(agent_trie, words, i) if word in agent_trie else None
            if hit is not None and (agent is None or hit[0] >= agent[0]):
                entry = hit[1]
                assert isinstance(entry, ActorEntry)
                code = entry.code_on(day)
                mentions.append(_Mention(i, hit[0], entry, code=code, null=code is None))
                i = hit[0]
            elif agent is not None:
                assert isinstance(agent[1], AgentEntry)
                mentions.append(_Mention(i, agent[0], agents=[agent[1]]))
                i = agent[0]
            else:
                i += 1
        return mentions

    @staticmethod
    def _combine(codes: list[str | None], agents: list[AgentEntry]) -> str | None:
        base = next((c for c in codes if c), None)
        if base is None and not agents:
            return None
        code = base or "---"
        for agent in agents:
            segment = agent.code
            if segment in code[3:]:
                continue
            code = code + segment if agent.after else segment + code
        for extra in codes:
            if extra and extra != base and len(extra) > 3 and extra[:3] == code[:3]:
                tail = extra[3:]
                if tail not in code[3:]:
                    code += tail
        return code

    def _actors(
        self, tokens: Sequence[Token], words: Sequence[str], day: int
    ) -> tuple[list[_Group], list[_Group]]:
        """(actors, compounds): each actor a run of mentions joined; compounds join actors."""
        mentions = self._mentions(words, day)
        singles: list[_Group] = []
        k = 0
        while k < len(mentions):
            run = [mentions[k]]
            while k + 1 < len(mentions):
                nxt = mentions[k + 1]
                gap = " ".join(words[run[-1].last : nxt.first])
                agent_then_actor = all(m.entry is None for m in run) and nxt.entry is not None
                if (
                    not gap
                    or gap in _JOINERS
                    or (agent_then_actor and gap in _AGENT_JOINERS)
                    or (nxt.entry is None and self._modifiers(tokens, run[-1].last, nxt.first))
                ):
                    k += 1
                    run.append(mentions[k])
                else:
                    break
            k += 1
            if all(m.null for m in run):
                continue
            if all(m.entry is None for m in run) and self._modifier(tokens, run[-1].last):
                continue  # "military agreement": an agent word used as an adjective
            code = self._combine(
                [m.code for m in run if m.entry is not None and not m.null],
                [a for m in run for a in m.agents],
            )
            if code is None:
                continue
            first, last = run[0].first, run[-1].last
            singles.append(
                _Group(first, last, (code,), ((tokens[first].start, tokens[last - 1].end),))
            )
        for i, word in enumerate(words):
            if word in _PRONOUNS:
                singles.append(_Group(i, i + 1, (), ((tokens[i].start, tokens[i].end),), True))
        singles.sort(key=lambda g: g.first)
        groups: list[_Group] = []
        k = 0
        while k < len(singles):
            current = singles[k]
            members = [current]
            while k + 1 < len(singles) and not current.pronoun:
                nxt = singles[k + 1]
                if nxt.pronoun:
                    break
                gap = [w for w in words[members[-1].last : nxt.first] if w not in ("THE",)]
                if gap in (["AND"], [","], [",", "AND"], ["OR"]):
                    members.append(nxt)
                    k += 1
                else:
                    break
            k += 1
            if len(members) == 1:
                groups.append(current)
            else:
                last = members[-1].codes
                if len(last) == 1 and len(last[0]) > 3 and last[0][:3].isalpha():
                    tail = last[0][3:]
                    for m in members[:-1]:
                        if (
                            len(m.codes) == 1
                            and len(m.codes[0]) == 3
                            and m.last + 3 >= members[-1].first
                        ):
                            m.codes = (m.codes[0] + tail,)
                groups.append(
                    _Group(
                        members[0].first,
                        members[-1].last,
                        tuple(dict.fromkeys(c for m in members for c in m.codes)),
                        tuple(s for m in members for s in m.spans),
                    )
                )
        return singles, groups

    _FUNCTION_WORDS = frozenset(
        [
            "AND",
            "OR",
            "BUT",
            "OF",
            "IN",
            "ON",
            "AT",
            "TO",
            "FOR",
            "WITH",
            "BY",
            "FROM",
            "THE",
            "A",
            "AN",
            "WHO",
            "WHICH",
            "THAT",
            "HAS",
            "HAVE",
            "HAD",
            "IS",
            "ARE",
            "WAS",
            "WERE",
            "WILL",
            "WOULD",
            "SAID",
            "SAY",
            "SAYS",
            "ALSO",
            "HAVE",
        ]
    )

    def _modifier(self, tokens: Sequence[Token], after: int) -> bool:
        """Whether the token after an agent phrase is a plain noun it modifies."""
        if after >= len(tokens):
            return False
        token = tokens[after]
        word = token.norm
        return (
            word.isalpha()
            and token.text[:1].islower()
            and word not in self._FUNCTION_WORDS
            and word not in self._verbs
        )

    def _modifiers(self, tokens: Sequence[Token], first: int, last: int) -> bool:
        """Whether tokens ``[first, last)`` are at most two plain modifiers (after an optional
        possessive) between an actor and its agent: "Iraq's national security advisor"."""
        if first < last and tokens[first].norm == "'S":
            first += 1
        return 0 < last - first <= 2 and all(self._modifier(tokens, k) for k in range(first, last))

    def _discarded(self, words: Sequence[str]) -> bool:
        trie = self._discard_trie
        return any(
            word in trie and self._longest(trie, words, i) is not None
            for i, word in enumerate(words)
        )

    def _verb_candidates(
        self, tokens: Sequence[Token], words: Sequence[str], covered: Sequence[bool]
    ) -> list[tuple[int, int, VerbEntry]]:
        found: list[tuple[int, int, VerbEntry]] = []
        i = 0
        n = len(words)
        verbs = self._verbs
        while i < n:
            options = verbs.get(words[i])
            if options is None or covered[i]:
                i += 1
                continue
            hit = None
            for form, entry in options:
                size = len(form)
                if tuple(words[i : i + size]) == form:
                    hit = (i, i + size, entry)
                    break
            if hit is None:
                i += 1
                continue
            head = hit[0] + hit[2].head
            prev = words[head - 1] if head > 0 else ""
            text = tokens[head].text
            noun = (
                prev in _DETERMINERS
                or prev[:1].isdigit()
                or (prev in _PREPOSITIONS and not words[head].endswith("ING"))
                or (head > 0 and text[:1].isupper() and not text.isupper())
            )
            if not noun:
                found.append(hit)
            i = hit[1]
        return found

    # ------------------------------------------------------------------ pattern matching

    @staticmethod
    def _unit_at(unit_alts: dict, words: Sequence[str], i: int) -> int | None:
        options = unit_alts.get(words[i])
        if options is None:
            return None
        for option in options:
            if tuple(words[i : i + len(option)]) == option:
                return i + len(option)
        return None

    def _element_end(self, element: Element, words: Sequence[str], start: int, end: int) -> int:
        """End of ``element`` matched from exactly ``start`` within ``[start, end)``, or -1."""
        pos = start
        for n_unit, unit in enumerate(element.units):
            limit = min(pos + (element.gap if n_unit else 0), end - 1)
            got = None
            for at in range(pos, limit + 1):
                got = self._unit_at(unit.alternatives, words, at)
                if got is not None:
                    break
            if got is None or got > end:
                return -1
            pos = got
        return pos

    def _words_forward(self, element: Element, words: Sequence[str], i: int, end: int) -> int:
        """End of the first match of ``element`` starting at or after ``i`` before ``end``."""
        first = element.units[0].alternatives
        for start in range(i, end):
            if words[start] in first:
                got = self._element_end(element, words, start, end)
                if got != -1:
                    return got
        return -1

    def _words_backward(self, element: Element, words: Sequence[str], i: int, begin: int) -> int:
        """Start of the last match of ``element`` ending by ``i``, not before ``begin``."""
        first = element.units[0].alternatives
        for start in range(i - 1, begin - 1, -1):
            if words[start] in first and self._element_end(element, words, start, i) != -1:
                return start
        return -1

    def _match(
        self,
        pattern: Pattern,
        words: Sequence[str],
        verb: tuple[int, int],
        clause: tuple[int, int],
        actors: Sequence[_Group],
    ) -> dict[str, _Group] | None:
        """Slots bound by ``pattern`` around the verb, or None when it does not match."""
        slots: dict[str, _Group] = {}
        pos = verb[1]
        for element in pattern.after:
            if element.kind == "words":
                got = self._words_forward(element, words, pos, clause[1])
                if got == -1:
                    return None
                pos = got
            else:
                actor = next((g for g in actors if g.first >= pos and g.last <= clause[1]), None)
                if actor is None:
                    return None
                if element.kind != "^":
                    slots["source" if element.kind in "$%" else "target"] = actor
                pos = actor.last
        pos = verb[0]
        for element in reversed(pattern.before):
            if element.kind == "words":
                got = self._words_backward(element, words, pos, clause[0])
                if got == -1:
                    return None
                pos = got
            else:
                actor = next(
                    (g for g in reversed(actors) if g.last <= pos and g.first >= clause[0]), None
                )
                if actor is None:
                    return None
                if element.kind != "^":
                    slots["source" if element.kind in "$%" else "target"] = actor
                pos = actor.first
        return slots

    # ------------------------------------------------------------------ coding

    def find_actors(
        self, text: str, *, date: int | str | _dt.date | None = None
    ) -> list[ActorMention]:
        """The actors named in ``text`` with their codes, ISO3 codes and character spans.

        >>> found = Coder.load().find_actors(
        ...     "The Kremlin and Tehran met the US government.", date=20170101)
        >>> [(m.code, m.iso3, m.text) for m in found]  # doctest: +NORMALIZE_WHITESPACE
        [('RUSGOV', 'RUS', 'Kremlin'), ('IRN', 'IRN', 'Tehran'),
         ('USAGOV', 'USA', 'the US government')]
        """
        tokens = tokenize(text)
        words = [t.norm for t in tokens]
        singles, _ = self._actors(tokens, words, _day(date))
        out = []
        for group in singles:
            if group.pronoun:
                continue
            start, end = group.spans[0]
            out.append(
                ActorMention(group.codes[0], iso3_of(group.codes[0]), start, end, text[start:end])
            )
        return out

    def code_sentence(
        self, text: str, line: int = 1, *, date: int | str | _dt.date | None = None
    ) -> CodingResult:
        """The events of one sentence (``line`` is recorded in each event)."""
        sentence = text.strip()
        if not sentence:
            return CodingResult(line, sentence, (), SkipReason.EMPTY)
        if len(sentence) > MAX_LINE:
            return CodingResult(line, sentence[:200], (), SkipReason.TOO_LONG)
        offset = text.find(sentence)
        tokens = tokenize(text)
        words = [t.norm for t in tokens]
        if self._discarded(words):
            return CodingResult(line, sentence, (), SkipReason.DISCARDED)
        singles, groups = self._actors(tokens, words, _day(date))
        if not any(not g.pronoun for g in singles):
            return CodingResult(line, sentence, (), SkipReason.NO_ACTOR)
        covered = [False] * len(words)
        for g in singles:
            if not g.pronoun:
                for k in range(g.first, g.last):
                    covered[k] = True
        candidates = self._verb_candidates(tokens, words, covered)
        if not candidates:
            return CodingResult(line, sentence, (), SkipReason.NO_VERB_MATCH)
        events, reason = self._code(tokens, words, groups, candidates, line, text)
        if offset:
            events = [_shift(e, -offset) for e in events]
        if not events:
            return CodingResult(line, sentence, (), reason)
        return CodingResult(line, sentence, tuple(events))

    def _clauses(
        self,
        words: Sequence[str],
        groups: Sequence[_Group],
        candidates: Sequence[tuple[int, int, VerbEntry]] = (),
    ) -> list[tuple[int, int]]:
        starts_actor = {g.first for g in groups if not g.pronoun}
        starts_any = {g.first for g in groups}
        cuts = [0]
        for _start, end, verb in candidates:
            # "X said Y ...": a speech or intention verb opens a clause for what it reports
            if verb.block in self._speech_blocks and (end in starts_any or end + 1 in starts_any):
                cuts.append(end)
        inside = {k for g in groups for k in range(g.first, g.last)}
        for i, word in enumerate(words):
            if i in inside:
                continue
            if word in _CLAUSE_WORDS or (
                word == "AND" and (i + 1 not in starts_actor and i + 2 not in starts_actor)
            ):
                cuts.append(i + 1)
        cuts.append(len(words))
        cuts = sorted(set(cuts))
        return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]

    def _code(
        self,
        tokens: Sequence[Token],
        words: Sequence[str],
        groups: Sequence[_Group],
        candidates: Sequence[tuple[int, int, VerbEntry]],
        line: int,
        text: str,
    ) -> tuple[list[CodedEvent], SkipReason]:
        clauses = self._clauses(words, groups, candidates)
        tokset = set(words)
        real = [g for g in groups if not g.pronoun]
        first_actor = real[0] if real else None
        events: list[CodedEvent] = []
        reason = SkipReason.NO_VERB_MATCH
        previous_source: _Group | None = None
        previous: tuple[VerbEntry, _Group | None] | None = None
        for clause in clauses:
            in_clause = [g for g in groups if g.first >= clause[0] and g.last <= clause[1]]
            verbs = [c for c in candidates if clause[0] <= c[0] < clause[1]]
            clause_source = next(
                (g for g in in_clause if g.first < (verbs[0][0] if verbs else clause[1])), None
            )
            if clause_source is not None and clause_source.pronoun:
                plural = words[clause_source.first] in ("THEY", "WE")
                compound = next((g for g in real if len(g.codes) > 1), None)
                clause_source = compound if plural and compound is not None else first_actor
            if clause_source is None:
                clause_source = previous_source
            for start, end, verb in verbs:
                outcome = self._code_verb(
                    tokens, words, tokset, (start, end), verb, clause, in_clause, clause_source
                )
                if outcome is None:
                    continue
                if isinstance(outcome, SkipReason):
                    reason = outcome
                    if outcome is SkipReason.NEGATED:
                        break
                    continue
                triples, pattern = outcome
                triples = self._transform(previous, triples, verb)
                for source, target, code, src_span, tgt_span in triples:
                    if source == target:
                        continue
                    events.append(
                        _event(
                            line,
                            text,
                            source,
                            target,
                            code,
                            src_span,
                            tgt_span,
                            (tokens[start].start, tokens[end - 1].end),
                            verb,
                            pattern,
                        )
                    )
                break
            if verbs:
                previous = (verbs[0][2], clause_source)
            if clause_source is not None:
                previous_source = clause_source
        unique: dict[tuple[str, str, str], CodedEvent] = {}
        for event in events:
            unique.setdefault((event.source, event.target, event.code), event)
        return list(unique.values())[:64], reason

    def _transform(
        self,
        previous: tuple[VerbEntry, _Group | None] | None,
        triples: list[tuple[str, str, str, tuple[int, int], tuple[int, int]]],
        verb: VerbEntry,
    ) -> list[tuple[str, str, str, tuple[int, int], tuple[int, int]]]:
        """Apply the dictionary's verb-verb rules when the clause before holds the upper verb."""
        if previous is None or previous[1] is None or not triples:
            return triples
        upper, speaker = previous
        out = []
        for source, target, code, src_span, tgt_span in triples:
            replaced = None
            for rule in self.transformations:
                if rule.upper != upper.lemma or rule.lower not in (verb.lemma, "Q"):
                    continue
                same = source in speaker.codes
                if rule.lower_source == rule.upper_source and not same:
                    continue
                if rule.lower_source not in (rule.upper_source, ".", "_") and same:
                    continue
                code_out = code if rule.code == "Q" else rule.code
                at = speaker.codes.index(source) if same else 0
                speaker_code = speaker.codes[at]
                speaker_span = speaker.spans[min(at, len(speaker.spans) - 1)]
                if rule.result_target == rule.lower_source and rule.lower_source != "_":
                    replaced = (speaker_code, source, code_out, speaker_span, src_span)
                else:
                    replaced = (speaker_code, target, code_out, speaker_span, tgt_span)
                break
            out.append(replaced or (source, target, code, src_span, tgt_span))
        return out

    def _code_verb(
        self,
        tokens: Sequence[Token],
        words: Sequence[str],
        tokset: set[str],
        verb_at: tuple[int, int],
        verb: VerbEntry,
        clause: tuple[int, int],
        in_clause: Sequence[_Group],
        clause_source: _Group | None,
    ):  # type: ignore[no-untyped-def]
        start, end = verb_at
        code: str | None = verb.code
        reverse: str | None = None
        passive_code = False
        slots: dict[str, _Group] = {}
        pattern_text: str | None = None
        be_before = any(w in _BE for w in words[max(clause[0], start - 2) : start])
        by_after = "BY" in words[end : end + 3]
        for pattern, keys in self._patterns.get(verb.block, ()):
            if any(key.isdisjoint(tokset) for key in keys):
                continue  # a word the pattern needs is not in the sentence
            bound = self._match(pattern, words, verb_at, clause, in_clause)
            if bound is None and be_before and not pattern.before:
                # passive: the object the pattern names stands before the verb
                bound = self._match(
                    pattern, words, (clause[0], clause[0]), (clause[0], start), in_clause
                )
                bound = None if bound is None else {}
            if bound is None:
                continue
            code, reverse, passive_code = pattern.code, pattern.reverse, pattern.passive
            slots = bound
            pattern_text = pattern.text
            break
        if code is None:
            return None
        negated = any(
            w in _NEGATIONS or (w == "NO" and k + 1 < len(words) and words[k + 1] == "LONGER")
            for k, w in enumerate(
                words[max(clause[0], start - 3) : start], start=max(clause[0], start - 3)
            )
        )
        if negated:
            replacement = NEGATED_ROOT.get(code[:2])
            if replacement is None:
                return SkipReason.NEGATED
            code, reverse = replacement, None
        before = [g for g in in_clause if g.last <= start]
        after = [g for g in in_clause if g.first >= end]
        source = slots.get("source") or clause_source
        passive = not slots and be_before and by_after
        if passive:
            by = end + words[end : end + 3].index("BY")
            agent = next((g for g in after if g.first > by), None)
            if agent is not None:
                target = (
                    source
                    if source is not None and source.first < start
                    else (before[-1] if before else None)
                )
                source = agent
                if target is None:
                    return SkipReason.NO_TARGET
                return self._triples(source, target, code, reverse, passive_code), pattern_text
        if source is None or source.pronoun:
            return SkipReason.NO_SOURCE
        target = slots.get("target")
        if target is None:
            target = next(
                (g for g in after if not g.pronoun and set(g.codes) != set(source.codes)), None
            )
        if target is None:
            target = next(
                (
                    g
                    for g in reversed(before)
                    if not g.pronoun and g is not source and set(g.codes) != set(source.codes)
                ),
                None,
            )
        if target is None and len(source.codes) > 1 and code[:2] != "01":
            target = source  # "Russia and Iran signed ...": each acts on the other
        if target is None:
            return SkipReason.NO_TARGET
        return self._triples(source, target, code, reverse, passive_code), pattern_text

    @staticmethod
    def _triples(
        source: _Group, target: _Group, code: str, reverse: str | None, passive: bool
    ) -> list[tuple[str, str, str, tuple[int, int], tuple[int, int]]]:
        out = []
        for i, s in enumerate(source.codes):
            for j, t in enumerate(target.codes):
                s_span = source.spans[min(i, len(source.spans) - 1)]
                t_span = target.spans[min(j, len(target.spans) - 1)]
                if passive:
                    out.append((t, s, code, t_span, s_span))
                    continue
                out.append((s, t, code, s_span, t_span))
                if reverse:
                    out.append((t, s, reverse, t_span, s_span))
        return out

    def code_lines(
        self,
        lines: Iterable[str],
        *,
        date: int | str | _dt.date | None = None,
        first_line: int = 1,
    ) -> CodingRun:
        """Code one sentence per line; blank lines are counted as skipped (``empty``)."""
        started = time.perf_counter()
        events: list[CodedEvent] = []
        skipped: list[SkippedSentence] = []
        counts: dict[str, int] = {}
        sentences = coded = 0
        day = _day(date)
        for number, text in enumerate(lines, start=first_line):
            sentences += 1
            result = self.code_sentence(text.rstrip("\r\n"), number, date=day)
            if result.skipped is not None:
                counts[result.skipped.value] = counts.get(result.skipped.value, 0) + 1
                skipped.append(SkippedSentence(number, result.sentence, result.skipped))
            else:
                coded += 1
                events.extend(result.events)
        return CodingRun(
            tuple(events),
            tuple(skipped),
            sentences,
            coded,
            dict(sorted(counts.items())),
            time.perf_counter() - started,
        )


def _event(
    line: int,
    text: str,
    source: str,
    target: str,
    code: str,
    src_span: tuple[int, int],
    tgt_span: tuple[int, int],
    verb_span: tuple[int, int],
    verb: VerbEntry,
    pattern: str | None,
) -> CodedEvent:
    info = cameo_events().get(code)
    root = info.root if info else code[:2]
    quad = info.quad_class if info else (quad_class(root) if "01" <= root <= "20" else 0)
    return CodedEvent(
        line=line,
        sentence=text.strip(),
        source=source,
        target=target,
        code=code,
        root=root,
        quad_class=quad,
        goldstein=info.goldstein if info else float("nan"),
        spans={"source": src_span, "target": tgt_span, "verb": verb_span},
        source_iso3=iso3_of(source),
        target_iso3=iso3_of(target),
        verb=verb.lemma,
        pattern=pattern,
    )


def _shift(event: CodedEvent, delta: int) -> CodedEvent:
    from dataclasses import replace

    return replace(event, spans={k: (a + delta, b + delta) for k, (a, b) in event.spans.items()})


_LOADED: dict[str, Coder] = {}


def _cache_key(files: DictionaryFiles, options: str) -> str:
    import hashlib

    digest = hashlib.sha256(f"options={options};".encode())
    here = Path(__file__).parent
    for path in (
        here / "coder.py",
        here / "dictionaries.py",
        here / "tokens.py",
        files.verbs,
        *files.actors,
        files.agents,
        files.discards,
    ):
        if path is not None:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _cache_path(key: str) -> Path:
    import os

    root = os.environ.get("BLOCS_CACHE") or Path.home() / ".cache" / "blocs"
    return Path(root) / f"coder-{key}.pickle"


def _read_cache(key: str) -> Coder | None:
    """The compiled coder this process's own earlier run wrote, if any (a file that does not load
    is rebuilt and replaced)."""
    import pickle

    path = _cache_path(key)
    try:
        with open(path, "rb") as handle:
            coder = pickle.load(handle)
    except Exception:  # absent, stale or unreadable: build afresh
        return None
    return coder if isinstance(coder, Coder) else None


def _write_cache(key: str, coder: Coder) -> None:
    import contextlib
    import os
    import pickle
    import tempfile

    path = _cache_path(key)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(coder, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
