"""What the lenses rest on where the sources are silent: pairs not covered, filled with a prior.

A scenario lists under ``not_covered`` the pairs its sources never tie (each with the reason and,
optionally, a stated ``prior``). The lenses read such a pair as zero, which is itself a coding:
in the built-in scenario it lets China and India follow Iran into Russia's camp through their
trade ties alone. This lens fills the uncovered pairs and recomputes the alignment lenses:

* **as coded**: the pairs stay empty (zero), as every other lens reads them;
* **stated priors**: each pair gets its stated prior (or one stated value for all, ``prior=``);
* **priors reversed**: each prior with its sign turned over, a stress test of how much the
  camps hang on the sign of ties nobody assessed.

Each view gives the weighted structural-balance camps of the overall network (frustration index,
:mod:`blocs.models.balance`) and, when the scenario has sizes, the coalitions of the landscape's
global minimum (:mod:`blocs.models.landscape`). The result names the actors that change side
relative to a reference actor (the focus target, else the first actor) in each view.

Filled ties have ``basis: prior``: they count only where no assessed or measured tie speaks
(:func:`blocs.scenario.network.combine_channel`), and they live only in the copies this lens
builds; the scenario itself is left as it is.

Examples
--------
>>> import blocs
>>> r = coverage_lens(blocs.load("russia-iran-2017"))
>>> [v.label for v in r.views]
['as coded', 'stated priors', 'priors reversed']
>>> len(r.filled)
6
>>> r.reading().startswith("Filling the 6 pairs the sources leave uncovered")
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from blocs.errors import ModelInputError
from blocs.scenario.model import Basis, Channel, Scenario, Tie

__all__ = ["CoverageResult", "CoverageView", "FilledPair", "coverage_lens", "fill_uncovered"]


@dataclass(frozen=True)
class FilledPair:
    """One uncovered pair and the prior it is filled with (before any reversal)."""

    a: str
    b: str
    prior: float
    rationale: str


@dataclass(frozen=True)
class CoverageView:
    """The alignment lenses with the uncovered pairs filled at ``factor`` times their prior."""

    label: str
    factor: float
    balance_camps: tuple[tuple[str, ...], ...]
    balance_frustration: float
    landscape_camps: tuple[tuple[str, ...], ...] | None
    #: Actors whose side relative to the reference differs from the ``as coded`` view, per lens.
    moved: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CoverageResult:
    """How the alignment lenses move when the pairs the sources leave uncovered are filled."""

    scenario_id: str
    reference: str
    channel: str
    filled: tuple[FilledPair, ...]
    views: tuple[CoverageView, ...]
    #: Uncovered pairs left empty: no prior stated, or already tied (measured, or a what-if).
    skipped: tuple[str, ...] = ()
    #: One stated prior for every pair, when given instead of each pair's own.
    prior: float | None = None

    def view(self, label: str) -> CoverageView:
        return next(v for v in self.views if v.label == label)

    def reading(self) -> str:
        """One sentence: which actors change camp under the stated and the reversed priors."""
        n = len(self.filled)
        stated = (
            f"one stated prior of {self.prior:+.1f}"
            if self.prior is not None
            else f"{'their' if n != 1 else 'its'} stated prior"
        )
        pairs = f"{n} pair{'s' if n != 1 else ''}"
        head = f"Filling the {pairs} the sources leave uncovered with {stated}"
        parts = []
        for v in self.views[1:]:
            moved = _moved_text(v.moved, self.reference)
            parts.append(f"{v.label}: {moved}")
        return f"{head} ({'; '.join(parts)})."


def _moved_text(moved: dict[str, tuple[str, ...]], reference: str) -> str:
    if not any(moved.values()):
        return f"no actor changes side relative to {reference} in any alignment lens"
    bits = []
    for lens, actors in moved.items():
        if actors:
            verb = "changes" if len(actors) == 1 else "change"
            bits.append(f"{', '.join(actors)} {verb} side relative to {reference} in {lens}")
    return " and ".join(bits)


def fill_uncovered(
    scenario: Scenario,
    *,
    factor: float = 1.0,
    prior: float | None = None,
    channel: Channel | str = Channel.diplomatic,
) -> tuple[Scenario, tuple[FilledPair, ...], tuple[str, ...]]:
    """A copy of ``scenario`` with each uncovered pair tied at ``factor`` times its prior (or
    ``prior`` for every pair when given), as ``basis: prior`` ties in ``channel``; the pairs
    filled and the pairs skipped (no prior stated, or already tied)."""
    if prior is not None and not -1.0 <= prior <= 1.0:
        raise ModelInputError(f"prior: {prior} is outside [-1, 1]")
    channel = Channel(channel)
    tied = {frozenset(t.pair) for t in scenario.current_ties()}
    filled, skipped, ties = [], [], list(scenario.ties)
    for u in scenario.not_covered:
        value = prior if prior is not None else u.prior
        label = f"{u.pair[0]}–{u.pair[1]}"
        if value is None or frozenset(u.pair) in tied:
            skipped.append(label)
            continue
        rationale = (
            "a stated prior for every uncovered pair"
            if prior is not None
            else (u.prior_rationale or "")
        )
        filled.append(FilledPair(u.pair[0], u.pair[1], value, rationale))
        strength = max(-1.0, min(1.0, factor * value))
        if strength == 0.0:
            continue
        # A prior is not evidence: the filled tie is built without validation, in a copy only.
        ties.append(
            Tie.model_construct(
                id=None,
                pair=u.pair,
                channel=channel,
                strength=strength,
                rationale=rationale,
                band=None,
                directed=False,
                basis=Basis.prior,
                period=None,
                evidence=list(u.evidence),
            )
        )
    return scenario.model_copy(update={"ties": ties}), tuple(filled), tuple(skipped)


def _side(camps: tuple[tuple[str, ...], ...], reference: str, actor: str) -> bool | None:
    ref = next((i for i, c in enumerate(camps) if reference in c), None)
    own = next((i for i, c in enumerate(camps) if actor in c), None)
    if ref is None or own is None:
        return None
    return ref == own


def coverage_lens(
    scenario: Scenario,
    *,
    prior: float | None = None,
    channel: Channel | str = Channel.diplomatic,
    reference: str | None = None,
) -> CoverageResult:
    """The alignment lenses as coded, with the uncovered pairs filled by their stated priors,
    and with those priors reversed (see the module's description).

    ``prior`` states one value for every uncovered pair instead of each pair's own; ``channel``
    is the channel the filled ties go into (their overall net tie is the prior wherever the pair
    has no other tie); ``reference`` is the actor whose camp the others are placed against.
    """
    from blocs.models.balance import balance_report
    from blocs.models.landscape import landscape_from_scenario

    if not scenario.not_covered:
        raise ModelInputError(
            "not_covered: the scenario lists no uncovered pairs; add the pairs its sources never"
            " tie under not_covered (with a prior each) to see how the lenses move"
        )
    if reference is None:
        reference = scenario.focus.target if scenario.focus else scenario.actors[0].id
    scenario.actor(reference)  # a clear error for an unknown reference
    views: list[CoverageView] = []
    filled: tuple[FilledPair, ...] = ()
    skipped: tuple[str, ...] = ()
    for label, factor in (("as coded", 0.0), ("stated priors", 1.0), ("priors reversed", -1.0)):
        variant, pairs, left = fill_uncovered(scenario, factor=factor, prior=prior, channel=channel)
        if factor == 1.0:
            filled, skipped = pairs, left
        weighted = balance_report(variant, []).overall.weighted
        landscape = (
            landscape_from_scenario(variant).global_minimum.coalitions
            if variant.size_attribute
            else None
        )
        views.append(CoverageView(label, factor, weighted.camps, weighted.value, landscape))
    base = views[0]
    lenses = {"structural balance": "balance_camps", "landscape theory": "landscape_camps"}
    out = [base]
    for v in views[1:]:
        moved: dict[str, tuple[str, ...]] = {}
        for lens, attr in lenses.items():
            before, after = getattr(base, attr), getattr(v, attr)
            if before is None or after is None:
                continue
            actors = sorted(
                {a for camp in before for a in camp} | {a for camp in after for a in camp}
            )
            moved[lens] = tuple(
                a
                for a in actors
                if a != reference
                and None not in (_side(before, reference, a), _side(after, reference, a))
                and _side(before, reference, a) != _side(after, reference, a)
            )
        out.append(
            CoverageView(
                v.label, v.factor, v.balance_camps, v.balance_frustration, v.landscape_camps, moved
            )
        )
    return CoverageResult(
        scenario_id=scenario.id,
        reference=reference,
        channel=Channel(channel).value,
        filled=filled,
        views=tuple(out),
        skipped=skipped,
        prior=prior,
    )
