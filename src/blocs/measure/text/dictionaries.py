"""Readers for the PETRARCH-2 / TABARI event dictionaries: actors, agents, verbs and discards.

The formats are those of PETRARCH-2's ``dictionaries.rst`` (shipped beside the dictionaries in
``blocs/measure/text/dictionaries/``, MIT licence). Every reader returns typed entries plus the
lines it could not use, each with file, line number, text and reason
(:class:`DictionaryIssue`): a malformed line is never dropped silently. With ``strict=True`` the
first such line raises :class:`~blocs.errors.DataFormatError` naming the file and line instead.

Decisions where the formats or the two reference coders disagree (see the research note on event
coding):

* **Actor dates**: ``<d`` holds strictly before d, ``d1-d2`` from d1 to the day before d2, ``>d``
  from d on (PETRARCH-2's ``check_date``); the first dated code that holds wins, and the code on
  the primary line is the default when none holds (as ``dictionaries.rst`` says). With no date
  given, the coder uses today's date.
* **Null entries**: an actor record with no code at all is kept as a null phrase: matching it
  consumes its words (so no shorter actor inside it is found) but names no actor, as TABARI's
  ``[---]`` phrases do.
* **Duplicate patterns** in a verb block: the first one read wins; later duplicates are listed as
  issues (``duplicate pattern``) so that the count is visible.
* **Discards**: whole-token phrase matching. The bare years 1914-2013 that open
  ``Phoenix.discards.txt`` are not used (listed as ``ignored: bare year``): token matching would
  drop any sentence naming a year, such as one recalling the 1994 genocide in Rwanda.
* **Verb forms** are generated with ``lemminflect`` (correct doubling and irregular forms,
  ``regret`` -> ``regretted``) rather than PETRARCH-2's naive suffix rules; forms listed in
  braces are used as given.

Examples
--------
>>> from blocs.measure.text.dictionaries import parse_actors
>>> lines = ["IRAN_ [IRN]", "+TEHRAN_", "HASSAN_ROUHANI_", "\\t[IRNGOV 130803-210803]",
...          "BROKEN_ [IRN", "+SYNONYM_WITHOUT_RECORD"]
>>> entries, issues = parse_actors(lines[:4] + lines[4:], "demo.actors.txt")
>>> [(e.phrases, e.default) for e in entries]
[((('IRAN',), ('TEHRAN',)), 'IRN'), ((('HASSAN', 'ROUHANI'),), None)]
>>> entries[1].code_on(20150101), entries[1].code_on(20220101)
('IRNGOV', None)
>>> [(i.line, i.reason) for i in issues]
[(5, 'unclosed [ in a code'), (6, 'a + synonym line with no primary phrase before it')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blocs.errors import DataFormatError
from blocs.measure.events.cameo import cameo_events
from blocs.measure.text.tokens import tokenize_words

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "DictionaryIssue",
    "Pattern",
    "Transformation",
    "VerbBlock",
    "VerbDictionary",
    "VerbEntry",
    "parse_actors",
    "parse_agents",
    "parse_discards",
    "parse_verbs",
    "read_lines",
]

Words = tuple[str, ...]


@dataclass(frozen=True)
class DictionaryIssue:
    """A dictionary line that was not used, with where it is and why."""

    file: str
    line: int
    text: str
    reason: str

    def reading(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}: {self.text.strip()[:60]!r}."


class _Issues:
    def __init__(self, file: str, strict: bool):
        self.file = file
        self.strict = strict
        self.items: list[DictionaryIssue] = []

    def add(self, line: int, text: str, reason: str) -> None:
        if self.strict:
            raise DataFormatError(f"{reason}: {text.strip()[:80]!r}", file=self.file, line=line)
        self.items.append(DictionaryIssue(self.file, line, text.rstrip("\r\n"), reason))


def read_lines(path: str | Path) -> list[str]:
    """The lines of a dictionary file; a file that is not UTF-8 raises a located error."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFormatError(
            f"not UTF-8 (byte {data[exc.start]:#04x}); save the dictionary as UTF-8",
            file=str(path),
            line=line,
        ) from None
    return text.splitlines()


_COMMENT = re.compile(r"[#;].*$")


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("<!"):
        return ""
    return _COMMENT.sub("", line).rstrip()


# ---------------------------------------------------------------------------------------------
# dates


def _date(text: str) -> int:
    """YYYYMMDD or YYMMDD (00-30 is 20YY) as an int YYYYMMDD."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date {text!r} (YYMMDD or YYYYMMDD)")
    if len(text) == 6:
        year = int(text[:2])
        text = (f"20{text[:2]}" if year <= 30 else f"19{text[:2]}") + text[2:]
    month, day = int(text[4:6]), int(text[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"bad date {text!r}")
    return int(text)


@dataclass(frozen=True)
class DatedCode:
    """An actor code that holds from ``start`` (inclusive) to ``end`` (exclusive), YYYYMMDD."""

    code: str | None
    start: int | None = None
    end: int | None = None

    def holds(self, day: int) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


_ACTOR_CODE = re.compile(r"[A-Z0-9~/\-]+")


def _parse_code(body: str) -> DatedCode:
    """``CODE``, ``CODE >d``, ``CODE <d``, ``CODE d1-d2`` (the text inside the brackets)."""
    parts = body.replace("> ", ">").replace("< ", "<").split()
    if not parts:
        raise ValueError("empty code []")
    code = parts[0].upper()
    if not _ACTOR_CODE.fullmatch(code):
        raise ValueError(f"bad actor code {parts[0]!r}")
    value = None if code == "---" else code
    if len(parts) == 1:
        return DatedCode(value)
    if len(parts) > 2:
        raise ValueError(f"too many fields in [{body}]")
    limit = parts[1]
    if limit.startswith("<"):
        return DatedCode(value, None, _date(limit[1:]))
    if limit.startswith(">"):
        return DatedCode(value, _date(limit[1:]), None)
    if "-" in limit:
        lo, hi = limit.split("-", 1)
        return DatedCode(value, _date(lo), _date(hi))
    raise ValueError(f"bad date restriction {limit!r} (use <d, >d or d1-d2)")


_BRACKETS = re.compile(r"\[([^\]]*)\]")


def _codes_on_line(text: str) -> tuple[str, list[DatedCode]]:
    """The phrase part and the codes in brackets of a line."""
    if text.count("[") != text.count("]"):
        raise ValueError("unclosed [ in a code")
    codes = [_parse_code(m.group(1)) for m in _BRACKETS.finditer(text)]
    phrase = _BRACKETS.sub(" ", text).strip()
    return phrase, codes


# ---------------------------------------------------------------------------------------------
# actors


@dataclass(frozen=True)
class ActorEntry:
    """One actor record: its phrases (normalised words), dated codes and default code."""

    phrases: tuple[Words, ...]
    dated: tuple[DatedCode, ...]
    default: str | None
    file: str
    line: int

    def code_on(self, day: int) -> str | None:
        """The code that holds on ``day`` (YYYYMMDD), or the default."""
        for dated in self.dated:
            if dated.holds(day):
                return dated.code
        return self.default


def parse_actors(
    lines: Iterable[str], file: str, *, strict: bool = False
) -> tuple[list[ActorEntry], list[DictionaryIssue]]:
    """Actor records from the lines of an actor dictionary (format: ``dictionaries.rst``)."""
    issues = _Issues(file, strict)
    entries: list[ActorEntry] = []
    current: dict | None = None

    def close() -> None:
        if current is not None and current["phrases"]:
            default = current["default"]
            dated = tuple(current["dated"])
            entries.append(
                ActorEntry(tuple(current["phrases"]), dated, default, file, current["line"])
            )

    for number, raw in enumerate(lines, start=1):
        text = _strip_comment(raw)
        if not text.strip():
            continue
        try:
            if raw[:1] in "\t " and text.strip().startswith("["):
                if current is None:
                    issues.add(number, raw, "a dated code line with no primary phrase before it")
                    continue
                phrase, codes = _codes_on_line(text)
                if phrase:
                    raise ValueError("text outside brackets on a dated code line")
                for dated in codes:
                    if dated.start is None and dated.end is None:
                        current["default"] = dated.code
                    else:
                        current["dated"].append(dated)
                continue
            stripped = text.strip()
            if stripped.startswith("+"):
                if current is None:
                    issues.add(number, raw, "a + synonym line with no primary phrase before it")
                    continue
                phrase, codes = _codes_on_line(stripped[1:])
                words = tokenize_words(phrase)
                if not words:
                    raise ValueError("empty synonym")
                current["phrases"].append(words)
                continue
            close()
            current = None
            phrase, codes = _codes_on_line(stripped)
            words = tokenize_words(phrase)
            if not words:
                raise ValueError("no phrase before the code")
            current = {"phrases": [words], "dated": [], "default": None, "line": number}
            for dated in codes:
                if dated.start is None and dated.end is None:
                    current["default"] = dated.code
                else:
                    current["dated"].append(dated)
        except ValueError as exc:
            issues.add(number, raw, str(exc))
    close()
    return entries, issues.items


# ---------------------------------------------------------------------------------------------
# agents


@dataclass(frozen=True)
class AgentEntry:
    """One agent (sector or role): phrases (singular and plural) and its code segment; ``after``
    says whether the segment follows the actor's code (``[~GOV]``) or precedes it (``[IGO~]``)."""

    phrases: tuple[Words, ...]
    code: str
    after: bool
    file: str
    line: int


def plural(word: str) -> str:
    """Regular English plural of an upper-case noun (dictionary convention).

    >>> [plural(w) for w in ("TROOP", "MILITIA", "ARMY", "BUS", "CHURCH", "DAY")]
    ['TROOPS', 'MILITIAS', 'ARMIES', 'BUSES', 'CHURCHES', 'DAYS']
    """
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


_SUBSTITUTION = re.compile(r"^\s*(![A-Z_]+!)\s*=\s*(.+)$", re.IGNORECASE)
_AGENT = re.compile(r"^(?P<phrase>[^{\[]+?)\s*(\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")


def parse_agents(
    lines: Iterable[str], file: str, *, strict: bool = False
) -> tuple[list[AgentEntry], list[DictionaryIssue]]:
    """Agent entries from the lines of an agent dictionary: ``PHRASE {plurals} [~CODE]`` with
    ``!SET! = A, B`` substitution sets."""
    issues = _Issues(file, strict)
    sets: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, raw in enumerate(lines, start=1):
        text = _strip_comment(raw).strip()
        if not text:
            continue
        sub = _SUBSTITUTION.match(text)
        if sub:
            sets[sub.group(1).upper()] = [w.strip().upper() for w in sub.group(2).split(",")]
            continue
        match = _AGENT.match(text)
        if not match:
            issues.add(number, raw, "not PHRASE {plurals} [~CODE]")
            continue
        code = match.group("code").strip().upper()
        if code.count("~") != 1 or not re.fullmatch(r"~?[A-Z0-9]+~?", code):
            issues.add(number, raw, f"agent code {code!r} must have one ~ before or after it")
            continue
        after = code.startswith("~")
        segment = code.strip("~")
        phrase = match.group("phrase").strip().upper()
        marker = re.search(r"![A-Z_]+!", phrase)
        if marker and marker.group() not in sets:
            issues.add(number, raw, f"substitution set {marker.group()} is not defined above")
            continue
        variants = (
            [phrase.replace(marker.group(), item) for item in sets[marker.group()]]
            if (marker)
            else [phrase]
        )
        phrases: list[Words] = []
        for variant in variants:
            words = tokenize_words(variant)
            if not words:
                continue
            phrases.append(words)
            given = match.group("plural")
            if marker is not None:
                continue
            if given is None:
                if not variant.endswith("_"):
                    phrases.append((*words[:-1], plural(words[-1])))
            else:
                phrases += [tokenize_words(p) for p in given.split() if p.strip()]
        if not phrases:
            issues.add(number, raw, "empty agent phrase")
            continue
        entries.append(AgentEntry(tuple(dict.fromkeys(phrases)), segment, after, file, number))
    return entries, issues.items


# ---------------------------------------------------------------------------------------------
# discards


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def parse_discards(
    lines: Iterable[str], file: str, *, strict: bool = False
) -> tuple[list[Words], list[DictionaryIssue]]:
    """Discard phrases (normalised words). Story-level ``+`` phrases discard the sentence here,
    since the coder sees sentences; bare years are listed as ignored (module notes)."""
    issues = _Issues(file, strict)
    phrases: list[Words] = []
    for number, raw in enumerate(lines, start=1):
        text = _strip_comment(raw).strip()
        if not text:
            continue
        text = text.lstrip("+").strip()
        if _YEAR.match(text.rstrip("_")):
            issues.items.append(DictionaryIssue(file, number, raw, "ignored: bare year"))
            continue
        words = tokenize_words(text)
        if not words:
            issues.add(number, raw, "empty discard phrase")
            continue
        phrases.append(words)
    return phrases, issues.items


# ---------------------------------------------------------------------------------------------
# verbs


@dataclass(frozen=True)
class Unit:
    """One word position of a pattern: the word sequences that fill it, indexed by first word."""

    alternatives: dict[str, tuple[Words, ...]]

    @property
    def first_words(self) -> frozenset[str]:
        return frozenset(self.alternatives)


@dataclass(frozen=True)
class Element:
    """A pattern element: ``kind`` is ``words`` (a sequence of units; ``gap`` tokens may come
    between its units) or a slot: ``$`` source, ``+`` target, ``^`` skip an actor, ``%`` both."""

    kind: str
    units: tuple[Unit, ...] = ()
    gap: int = 0


@dataclass(frozen=True)
class Pattern:
    """A verb pattern: elements before and after the verb (``*``) and its code.

    ``code`` is the event code of the subject acting on the object (``None`` for the null code
    ``[---]``); ``reverse`` the code of the object acting back on the subject (paired codes
    ``[A:B]``); ``passive`` is True for ``[:B]`` codes, whose event goes from object to subject.
    """

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    reverse: str | None
    passive: bool
    size: int
    key: frozenset[str]
    text: str
    line: int


@dataclass(frozen=True)
class VerbEntry:
    """One verb (or multi-word verb) of a block with its own default code."""

    lemma: str
    forms: tuple[Words, ...]
    head: int
    code: str | None
    block: str
    line: int


@dataclass
class VerbBlock:
    """A block of synonymous verbs sharing their patterns."""

    name: str
    code: str | None
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Transformation:
    """A verb-verb rule ``~ a (x y LOWER) UPPER = r s CODE``: when actor ``a`` says (UPPER) that
    ``x`` did LOWER to ``y``, code ``r -> s`` with CODE (``Q`` keeps the lower code)."""

    upper: str
    upper_source: str
    lower_source: str
    lower_target: str
    lower: str
    result_source: str
    result_target: str
    code: str
    line: int


@dataclass
class VerbDictionary:
    """The verb dictionary: synonym sets, blocks and transformations."""

    synsets: dict[str, tuple[Words, ...]]
    blocks: list[VerbBlock]
    transformations: list[Transformation]


_CODE = re.compile(r"^(?P<a>\d{2,4})?(?P<bang>!)?(?::(?P<b>\d{2,4}))?$")


def _event_code(text: str, known: bool = True) -> tuple[str | None, str | None, bool]:
    """(code, reverse code, passive) from the inside of a pattern's brackets; ``known`` requires
    CAMEO 1.1b3 codes."""
    text = text.strip()
    if text in ("---", ""):
        return None, None, False
    match = _CODE.match(text)
    if not match or not (match.group("a") or match.group("b")):
        raise ValueError(f"bad event code [{text}]")
    table = cameo_events()
    for part in (match.group("a"), match.group("b")):
        if known and part and part not in table:
            raise ValueError(f"event code {part} is not a CAMEO 1.1b3 code")
    if match.group("a") is None:
        return match.group("b"), None, True
    return match.group("a"), match.group("b"), False


def _verb_forms(word: str) -> list[str]:
    """Inflected forms of an upper-case verb (lemminflect), with a rule fallback."""
    forms = {word}
    try:
        from lemminflect import getAllInflections

        found = getAllInflections(word.lower(), upos="VERB")
    except ImportError:  # pragma: no cover - lemminflect is a dependency
        found = {}
    for values in found.values():
        forms.update(v.upper() for v in values)
    if len(forms) == 1:
        base = word[:-1] if word.endswith("E") else word
        forms.update(
            {
                plural(word) if not word.endswith("Y") else word[:-1] + "IES",
                (word + "D") if word.endswith("E") else (word + "ED"),
                base + "ING",
            }
        )
    return sorted(forms)


def _split_groups(text: str) -> list[str]:
    """Pattern text split into items, keeping ``{...}`` and ``(...)`` groups whole."""
    items: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "({":
            if depth == 0 and current.strip():
                items.append(current.strip())
                current = ""
            depth += 1
            current += char
        elif char in ")}":
            depth -= 1
            current += char
            if depth < 0:
                raise ValueError("unbalanced ) or }")
            if depth == 0:
                items.append(current.strip())
                current = ""
        elif char.isspace() and depth == 0:
            if current.strip():
                items.append(current.strip())
            current = ""
        else:
            current += char
    if depth != 0:
        raise ValueError("unclosed ( or {")
    if current.strip():
        items.append(current.strip())
    return items


class _PatternCompiler:
    def __init__(self, synsets: dict[str, tuple[Words, ...]]):
        self.synsets = synsets

    def _part(self, part: str, last: bool, whole: str) -> tuple[Words, ...]:
        if part.startswith("&"):
            if part not in self.synsets:
                raise ValueError(f"synonym set {part} is not defined")
            return self.synsets[part]
        words = tokenize_words(part)
        if not words:
            raise ValueError(f"empty word {whole!r}")
        if last and not whole.endswith("_") and words[-1].isalpha() and len(words[-1]) > 2:
            return (words, (*words[:-1], plural(words[-1])))
        return (words,)

    def unit(self, word: str) -> Unit:
        """The alternatives of a pattern word: a word (and its plural), a synonym set, or a
        phrase joined by ``_`` whose parts may be sets (``NEW_&TIETYPES_RELATIONS``)."""
        parts = [p for p in word.split("_") if p] or [word]
        options: tuple[Words, ...] = ((),)
        for n, part in enumerate(parts):
            choices = self._part(part, n == len(parts) - 1, word)
            options = tuple((*o, *c) for o in options for c in choices)
        index: dict[str, list[Words]] = {}
        for option in options:
            index.setdefault(option[0], []).append(option)
        return Unit({k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()})

    def elements(self, text: str) -> list[Element]:
        out: list[Element] = []
        for item in _split_groups(text):
            if item in ("$", "+", "^", "%"):
                out.append(Element(item))
            elif item.startswith("{"):
                words = item[1:-1].split()
                if not words:
                    raise ValueError("empty {}")
                out.append(Element("words", tuple(self.unit(w) for w in words), 0))
            elif item.startswith("("):
                inner = item[1:-1].replace("{", " ").replace("}", " ").split()
                if not inner:
                    raise ValueError("empty ()")
                slots = [w for w in inner if w in ("$", "+", "^", "%")]
                words = [w for w in inner if w not in ("$", "+", "^", "%")]
                if words:
                    out.append(Element("words", tuple(self.unit(w) for w in words), 3))
                out.extend(Element(s) for s in slots)
            else:
                out.append(Element("words", (self.unit(item),), 0))
        return out


def _size(elements: Sequence[Element]) -> int:
    size = 0
    for element in elements:
        for unit in element.units:
            size += max(len(" ".join(w)) for ws in unit.alternatives.values() for w in ws)
    return size


def _key(before: Sequence[Element], after: Sequence[Element]) -> frozenset[str]:
    """First words of the pattern's first word unit: a sentence lacking all of them cannot match."""
    for element in (*after, *before):
        if element.units:
            return element.units[0].first_words
    return frozenset()


def parse_verbs(
    lines: Iterable[str], file: str, *, strict: bool = False, cameo_only: bool = True
) -> tuple[VerbDictionary, list[DictionaryIssue]]:
    """The verb dictionary (``CAMEO.2.0.txt`` format): synonym sets, verb blocks with their
    verbs and patterns, and transformations.

    Synonym sets may be defined anywhere (``&LABEL`` then ``+MEMBER`` lines; the older
    validation dictionaries mix them with the blocks); patterns are compiled once the whole file
    is read. With ``cameo_only`` (the default) a code outside CAMEO 1.1b3 makes its line an
    issue; without it any numeric code is kept (the PETRARCH unit-test dictionaries use WEIS and
    test codes).
    """
    issues = _Issues(file, strict)
    raw_synsets: dict[str, list[tuple[Words, bool]]] = {}
    blocks: list[VerbBlock] = []
    transformations: list[Transformation] = []
    pending: list[tuple[VerbBlock, int, str]] = []
    label: str | None = None
    mode = "start"
    block: VerbBlock | None = None
    known = cameo_only
    numbered = list(enumerate(lines, start=1))
    for number, raw in numbered:
        text = _strip_comment(raw).strip()
        if not text:
            continue
        try:
            if text.startswith("&"):
                label = text.split()[0]
                raw_synsets[label] = []
                mode = "synset"
                continue
            if text.startswith("+") and mode == "synset":
                assert label is not None
                member = text[1:].strip()
                words = (member.split()[0],) if member.startswith("&") else tokenize_words(member)
                if not words:
                    raise ValueError("empty synonym-set member")
                raw_synsets[label].append((words, member.endswith("_")))
                continue
            if text.startswith("---"):
                match = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---", text)
                if not match:
                    raise ValueError("block header must be ---  NAME  [CODE]  ---")
                code, _, _ = _event_code(match.group(2), known)
                block = VerbBlock(match.group(1), code)
                blocks.append(block)
                mode = "block"
                continue
            if text.startswith("~"):
                transformations.append(_transformation(text, number, known))
                continue
            if block is None or mode != "block":
                raise ValueError(
                    "expected &LABEL, +MEMBER or a --- block header"
                    if block is None
                    else "a verb line after a synonym set: start a --- block first"
                )
            if text.startswith("-"):
                pending.append((block, number, raw))
                continue
            block.verbs.append(_verb_line(text, block, number, known))
        except ValueError as exc:
            issues.add(number, raw, str(exc))
    if not blocks:
        issues.add(len(numbered), "", "no --- verb block: not a verb dictionary")
    synsets: dict[str, tuple[Words, ...]] = {}
    for name, members in raw_synsets.items():
        options: list[Words] = []
        for words, no_plural in members:
            if words[0].startswith("&"):  # a set inside a set
                options.extend(synsets.get(words[0].rstrip("_"), ()))
                continue
            options.append(words)
            if not no_plural and not name.endswith("_") and words[-1].isalpha():
                options.append((*words[:-1], plural(words[-1])))
        synsets[name.rstrip("_")] = tuple(dict.fromkeys(options))
    compiler = _PatternCompiler(synsets)
    seen: set[tuple[str, str]] = set()
    for owner, number, raw in pending:
        try:
            body = _strip_comment(raw).strip()[1:]
            codes = list(_BRACKETS.finditer(body))
            if not codes:
                raise ValueError("pattern without a [CODE]")
            code, reverse, passive = _event_code(codes[-1].group(1), known)
            inner = body[: codes[-1].start()]
            if "*" not in inner:
                raise ValueError("pattern without the * that stands for the verb")
            left, right = inner.split("*", 1)
            key = (owner.name, " ".join(inner.split()))
            if key in seen:
                issues.items.append(
                    DictionaryIssue(file, number, raw, "duplicate pattern (first one kept)")
                )
                continue
            seen.add(key)
            before = compiler.elements(left)
            after = compiler.elements(right)
            owner.patterns.append(
                Pattern(
                    tuple(before),
                    tuple(after),
                    code,
                    reverse,
                    passive,
                    _size(before) + _size(after),
                    _key(before, after),
                    " ".join(inner.split()),
                    number,
                )
            )
        except ValueError as exc:
            issues.add(number, raw, str(exc))
    for b in blocks:
        b.patterns.sort(key=lambda p: -p.size)
    issues.items.sort(key=lambda i: i.line)
    return VerbDictionary(synsets, blocks, transformations), issues.items


def _verb_line(text: str, block: VerbBlock, number: int, known: bool = True) -> VerbEntry:
    if text.count("[") != text.count("]"):
        raise ValueError("unclosed [ in a code")
    codes = [m.group(1) for m in _BRACKETS.finditer(text)]
    phrase = _BRACKETS.sub(" ", text).strip()
    if len(codes) > 1:
        raise ValueError("more than one code on a verb line")
    own: str | None = block.code
    if codes:
        own, _, _ = _event_code(codes[0], known)
    given: list[str] = []
    brace = re.search(r"\{([^}]*)\}", phrase)
    if brace:
        given = brace.group(1).replace(",", " ").split()
        phrase = (phrase[: brace.start()] + phrase[brace.end() :]).strip()
    elif "{" in phrase or "}" in phrase:
        raise ValueError("unbalanced { } in a verb line")
    if not phrase or " " in phrase.strip():
        raise ValueError("a verb line holds one verb (words joined by _) and optional {forms}")
    parts = phrase.strip("_").split("_")
    heads = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(parts) > 1 and len(heads) != 1:
        raise ValueError("a multi-word verb marks its verb with one +")
    head = heads[0] if heads else 0
    parts = [p.lstrip("+").upper() for p in parts]
    if not all(re.fullmatch(r"[A-Z][A-Z'\-]*", p) for p in parts):
        raise ValueError(f"not a verb: {phrase!r}")
    forms: list[Words] = [tuple(parts)]
    if brace:
        for form in given:
            words = tuple(w.lstrip("+").upper() for w in form.strip("_").split("_"))
            if len(words) != len(parts):
                raise ValueError(f"form {form!r} has another number of words than {phrase!r}")
            forms.append(words)
    else:
        for form in _verb_forms(parts[head]):
            forms.append((*parts[:head], form, *parts[head + 1 :]))
    return VerbEntry(" ".join(parts), tuple(dict.fromkeys(forms)), head, own, block.name, number)


_TRANSFORM = re.compile(
    r"^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s*$"
)


def _transformation(text: str, number: int, known: bool = True) -> Transformation:
    match = _TRANSFORM.match(text)
    if not match:
        raise ValueError("transformation must read ~ a (x y VERB) VERB = r s CODE")
    g = match.groups()
    code = g[7]
    if code != "Q":
        _event_code(code, known)
    return Transformation(
        upper=g[4].upper(),
        upper_source=g[0],
        lower_source=g[1],
        lower_target=g[2],
        lower=g[3].upper(),
        result_source=g[5],
        result_target=g[6],
        code=code,
        line=number,
    )
