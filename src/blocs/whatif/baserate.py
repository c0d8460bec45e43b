"""The base-rate lens: how often alliances like this one were abandoned, from ATOP.

A Cox proportional-hazards model (lifelines' ``CoxTimeVaryingFitter``: counting-process rows,
Efron's handling of ties) of the end of alliance membership spells, after Leeds & Savun (2007),
on the ATOP v4.01 member-level data (one row per member and alliance phase, with entry and exit
dates and the termination codes ``termmode``/``termcaus``).

**Event.** A spell *ends by abandonment* when its ``termmode`` is in ``event_codes`` (default
``(3,)``). The ATOP codebook is not in the reference data; the reading of the codes is inferred
from known cases in the file and must be checked against the codebook: ``termmode`` 3 marks
ends by a member's own act before the agreement ran its course (the Soviet–Persian treaty of 1927,
ended by the Soviet invasion of 1941; the Nazi–Soviet pact, ended by the German attack of 1941;
Albania's exit from the Warsaw Pact in 1968), 2 marks a new phase (members added or terms
revised), 4 a member's loss of independence (the two Germanies in 1990), 0 an alliance still in
effect. Other ends are censored (a cause-specific hazard, the competing-risks reading of
Leeds & Savun).

**Covariates** (those the reference data can give; Leeds & Savun's others are listed as
missing): ``defense`` (a defence pledge), ``bilateral``, ``log_members`` (log of the number of
states that were ever members of the alliance), ``major_power`` (the member was a COW major
power at entry), ``asymmetry`` (|log| of the member's CINC over the strongest other member's at
entry, NMC 7.0) and, as a *time-varying* covariate, ``outside_alliance``: from the year the
member enters another alliance during the spell (Leeds & Savun's "new outside alliance"). That
covariate is the proxy for an **outside inducement**: a better offer from outside shows in the
data only as a new alliance with someone else; the data cannot price an offer.

**Probability within the horizon.** With the Breslow baseline cumulative hazard ``H0`` (at
covariates zero) and ``β`` from the fit, an alliance of age ``a`` with profile ``x`` ends by
abandonment within ``h`` years with probability ``1 − exp(−(H0(a+h) − H0(a)) · exp(x·β))``.

The data path is a parameter; when the files are absent the lens is skipped with a note.

Examples
--------
Exponential spells with a known rate (0.1 a year) and a covariate that doubles it:

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(0)
>>> x = rng.integers(0, 2, 3000)
>>> t = rng.exponential(1 / (0.1 * np.where(x == 1, 2.0, 1.0)))
>>> spells = pd.DataFrame({"id": range(3000), "start": 0.0, "stop": np.minimum(t, 30.0),
...                        "event": (t < 30).astype(int), "x": x})
>>> fit = fit_termination(spells, ["x"])
>>> round(fit.hazard_ratios["x"], 1)
2.0

References
----------
Leeds, B. A., & Savun, B. (2007). Terminating alliances: Why do states abrogate agreements?
*The Journal of Politics*, 69(4), 1118–1132.

Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G. (2002). Alliance Treaty Obligations
and Provisions, 1815–1944. *International Interactions*, 28(3), 237–260 (ATOP; version 4.01).

Breslow, N. (1974). Covariance analysis of censored survival data. *Biometrics*, 30(1), 89–99.

Efron, B. (1977). The efficiency of Cox's likelihood function for censored data. *Journal of the
American Statistical Association*, 72(359), 557–565.

Davidson-Pilon, C. (2019). lifelines: survival analysis in Python. *Journal of Open Source
Software*, 4(40), 1317.

Cox, D. R. (1972). Regression models and life-tables. *Journal of the Royal Statistical Society,
Series B*, 34(2), 187–220.

Singer, J. D., Bremer, S., & Stuckey, J. (1972). Capability distribution, uncertainty, and major
power war, 1820–1965 (COW National Material Capabilities, version 7.0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from blocs.errors import DataFormatError

ATOP_MEMBER = Path("atop-v4") / "atop-member-level.csv"
NMC = Path("peacesciencer-cow-atop") / "cow_nmc.csv"
MAJORS = Path("peacesciencer-cow-atop") / "cow_majors.csv"
COVARIATES: tuple[str, ...] = (
    "defense",
    "bilateral",
    "log_members",
    "major_power",
    "asymmetry",
    "outside_alliance",
)
MISSING_COVARIATES = (
    "regime type and regime change (no Polity or V-Dem data at hand)",
    "change in capabilities during the spell (only capabilities at entry are used)",
)
_REQUIRED = ("atopid", "member", "yrent", "moent", "yrexit", "moexit", "termmode", "defense")


@dataclass(frozen=True)
class TerminationFit:
    """A fitted Cox model: coefficients, hazard ratios, the Breslow baseline at covariates zero."""

    covariates: tuple[str, ...]
    coefficients: dict[str, float]
    standard_errors: dict[str, float]
    hazard_ratios: dict[str, float]
    baseline_times: np.ndarray = field(repr=False)
    baseline_cumhaz: np.ndarray = field(repr=False)
    spells: int = 0
    events: int = 0

    def cumulative_hazard(self, t: float | np.ndarray) -> np.ndarray:
        """Baseline cumulative hazard ``H0(t)`` (step function, 0 before the first event)."""
        idx = np.searchsorted(self.baseline_times, np.asarray(t, dtype=float), side="right")
        padded = np.concatenate([[0.0], self.baseline_cumhaz])
        return padded[idx]

    def probability_within(
        self, profile: Mapping[str, float], *, age: float, horizon: float
    ) -> float:
        """Probability that a spell of ``age`` years with ``profile`` ends within ``horizon``."""
        lp = sum(self.coefficients[c] * float(profile.get(c, 0.0)) for c in self.covariates)
        dh = float(self.cumulative_hazard(age + horizon) - self.cumulative_hazard(age))
        return 1.0 - math.exp(-dh * math.exp(lp))


def fit_termination(
    spells: pd.DataFrame,
    covariates: Sequence[str],
    *,
    id_col: str = "id",
    start_col: str = "start",
    stop_col: str = "stop",
    event_col: str = "event",
    penalizer: float = 0.0,
) -> TerminationFit:
    """Fit a Cox model on counting-process rows ``(id, start, stop, event, covariates...)``
    (time-varying covariates as several rows per id: each row is at risk on ``(start, stop]``)
    with lifelines' ``CoxTimeVaryingFitter`` (Efron's handling of ties), and express its
    Breslow baseline cumulative hazard at covariates zero. Covariates that do not vary are
    dropped. ``penalizer`` is lifelines' ridge penalty (on standardised covariates; 0: none)."""
    from lifelines import CoxTimeVaryingFitter

    frame = spells[[id_col, start_col, stop_col, event_col, *covariates]]
    bad = frame[stop_col] <= frame[start_col]
    if bad.any():
        raise DataFormatError(
            f"{int(bad.sum())} rows end before they start ({stop_col} <= {start_col})"
        )
    keep = [c for c in covariates if frame[c].nunique() > 1]
    rows = frame[[id_col, start_col, stop_col, event_col, *keep]]
    model = CoxTimeVaryingFitter(penalizer=penalizer)
    model.fit(rows, id_col=id_col, event_col=event_col, start_col=start_col, stop_col=stop_col)
    # lifelines gives the baseline at the covariates' means: rescale it to covariates zero
    at_zero = float(model.predict_partial_hazard(pd.DataFrame([dict.fromkeys(keep, 0.0)])).iloc[0])
    baseline = model.baseline_cumulative_hazard_.iloc[:, 0]
    coef = {c: float(model.params_[c]) for c in keep}
    return TerminationFit(
        covariates=tuple(keep),
        coefficients=coef,
        standard_errors={c: float(model.standard_errors_[c]) for c in keep},
        hazard_ratios={c: math.exp(b) for c, b in coef.items()},
        baseline_times=baseline.index.to_numpy(dtype=float),
        baseline_cumhaz=baseline.to_numpy(dtype=float) * at_zero,
        spells=int(frame[id_col].nunique()),
        events=int(frame[event_col].astype(bool).sum()),
    )


# -- ATOP spells ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AtopSpells:
    """Counting-process rows built from ATOP, with what was skipped and why."""

    rows: pd.DataFrame
    spells: int
    events: int
    skipped: dict[str, int]
    censor_year: float
    covariates: tuple[str, ...]
    notes: tuple[str, ...]


def _decimal(year: pd.Series, month: pd.Series) -> pd.Series:
    m = month.where((month >= 1) & (month <= 12), 1)
    return year + (m - 1) / 12.0


def atop_spells(
    data: str | Path,
    *,
    event_codes: Sequence[int] = (3,),
    censor_year: float | None = None,
) -> AtopSpells:
    """Membership spells from ATOP v4.01 (under ``data``), split where the member enters an
    outside alliance. ``censor_year`` closes spells still in effect (default: the year after
    the last entry or exit year in the file, where its coverage ends)."""
    data = Path(data)
    path = data / ATOP_MEMBER
    if not path.is_file():
        raise DataFormatError("ATOP member-level file not found", file=str(path))
    raw = pd.read_csv(path)
    missing = [c for c in _REQUIRED if c not in raw.columns]
    if missing:
        raise DataFormatError(f"missing columns: {', '.join(missing)}", file=path.name)
    if censor_year is None:
        censor_year = float(max(raw["yrent"].max(), raw["yrexit"].max()) + 1)
    skipped: dict[str, int] = {}
    bad = raw[list(_REQUIRED)].isna().any(axis=1) | (raw["yrent"] <= 0)
    if bad.any():
        skipped["missing entry year or codes"] = int(bad.sum())
    m = raw[~bad].copy()
    m["t0"] = _decimal(m["yrent"], m["moent"])
    open_ = (m["yrexit"] <= 0) | (m["termmode"] == 0)
    m["t1"] = np.where(open_, censor_year, _decimal(m["yrexit"], m["moexit"]))
    backwards = m["t1"] < m["t0"]
    if backwards.any():
        skipped["exit before entry"] = int(backwards.sum())
        m = m[~backwards]
    m["t1"] = np.maximum(m["t1"], m["t0"] + 1.0 / 24.0)  # same-month exits: half a month
    m["event"] = (~open_.loc[m.index] & m["termmode"].isin(list(event_codes))).astype(int)
    m["defense"] = (m["defense"] > 0).astype(int)
    if "bilat" in m.columns:
        m["bilateral"] = (m["bilat"] > 0).astype(int)
    members = raw.groupby("atopid")["member"].nunique()
    m["log_members"] = np.log(m["atopid"].map(members).astype(float))
    notes: list[str] = []
    covs = ["defense", "log_members"] + (["bilateral"] if "bilateral" in m.columns else [])
    m["spell"] = np.arange(len(m))
    if (data / MAJORS).is_file():
        majors = pd.read_csv(data / MAJORS)
        j = m[["spell", "member", "yrent"]].merge(majors, left_on="member", right_on="ccode")
        hit = j[(j.styear <= j.yrent) & (j.endyear >= j.yrent)].spell.unique()
        m["major_power"] = m["spell"].isin(hit).astype(int)
        covs.append("major_power")
    else:
        notes.append("major_power left out: COW major-power list not found")
    if (data / NMC).is_file():
        nmc = pd.read_csv(data / NMC, usecols=["ccode", "year", "cinc"])
        nmc = nmc[nmc.cinc > 0]
        pairs = m[["spell", "atopid", "member", "yrent"]].merge(
            raw[["atopid", "member"]].drop_duplicates().rename(columns={"member": "other"}),
            on="atopid",
        )
        pairs = pairs[pairs.other != pairs.member]
        pairs = pairs.merge(
            nmc.rename(columns={"ccode": "other", "year": "yrent", "cinc": "c_other"}),
            on=["other", "yrent"],
        )
        strongest = pairs.groupby("spell").c_other.max()
        own = (
            m[["spell", "member", "yrent"]]
            .merge(nmc.rename(columns={"ccode": "member", "year": "yrent"}), on=["member", "yrent"])
            .set_index("spell")
            .cinc
        )
        ratio = own.reindex(m["spell"]).to_numpy() / strongest.reindex(m["spell"]).to_numpy()
        m["asymmetry"] = np.abs(np.log(ratio))
        gaps = int(m["asymmetry"].isna().sum())
        if gaps:
            notes.append(f"asymmetry unknown for {gaps} spells (no CINC at entry); set to 0")
            m["asymmetry"] = m["asymmetry"].fillna(0.0)
        covs.append("asymmetry")
    else:
        notes.append("asymmetry left out: NMC capabilities not found")
    # time-varying outside alliance: first entry of the member into another alliance
    cross = m[["spell", "member", "atopid", "t0", "t1"]].merge(
        m[["member", "atopid", "t0"]].rename(columns={"atopid": "other", "t0": "t_other"}),
        on="member",
    )
    cross = cross[
        (cross.other != cross.atopid) & (cross.t_other > cross.t0) & (cross.t_other < cross.t1)
    ]
    first = cross.groupby("spell").t_other.min()
    split = first.reindex(m["spell"]).to_numpy() - m["t0"].to_numpy()
    base = m[["spell", "atopid", "member", *covs]].rename(columns={"spell": "id"})
    base = base.assign(duration=(m["t1"] - m["t0"]).to_numpy(), event=m["event"].to_numpy())
    whole = base[np.isnan(split)].assign(start=0.0, outside_alliance=0)
    whole["stop"] = whole["duration"]
    cut = split[~np.isnan(split)]
    parted = base[~np.isnan(split)]
    before = parted.assign(start=0.0, stop=cut, event=0, outside_alliance=0)
    after = parted.assign(start=cut, stop=parted["duration"].to_numpy(), outside_alliance=1)
    frame = pd.concat([whole, before, after], ignore_index=True).sort_values(["id", "start"])
    frame = frame.drop(columns="duration").reset_index(drop=True)
    covs.append("outside_alliance")
    return AtopSpells(
        rows=frame,
        spells=len(m),
        events=int(m["event"].sum()),
        skipped=skipped,
        censor_year=censor_year,
        covariates=tuple(covs),
        notes=tuple(notes),
    )


# -- the lens ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BaseRateLens:
    """Probability that an alliance like the target–partner one ends by abandonment within the
    horizon, without and with an outside inducement (proxy: a new outside alliance)."""

    available: bool
    note: str
    horizon: float | None = None
    age: float | None = None
    profile: dict[str, float] = field(default_factory=dict)
    reference: str = ""
    probability: float | None = None
    probability_with_inducement: float | None = None
    raw_rate: float | None = None
    raw_probability: float | None = None
    fit: TerminationFit | None = None
    spells: int = 0
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    event_definition: str = ""
    inducement_proxy: str = ""
    cannot_tell: tuple[str, ...] = ()
    data: str = ""
    fallback: str | None = None


@dataclass(frozen=True)
class PairReference:
    """The target's alliance with the partner as ATOP records it, or why none was used.

    ``profile`` and ``age`` describe the target's membership spell in the latest alliance it
    shares with the partner that is in effect at ``as_of``; ``fallback`` says why the lens
    used a generic profile instead (codes not mapped, no shared alliance, no data)."""

    target: str
    partner: str
    target_cow: int | None = None
    partner_cow: int | None = None
    as_of: float | None = None
    atopid: int | None = None
    profile: dict[str, float] | None = None
    age: float | None = None
    obligations: tuple[str, ...] = ()
    fallback: str | None = None

    def reading(self) -> str:
        if self.atopid is not None:
            return (
                f"The base rate uses ATOP {self.atopid}, the alliance {self.target} and"
                f" {self.partner} share, {self.age or 0:.1f} years old in {self.as_of or 0:.0f}."
            )
        return f"The base rate uses a generic profile because {self.fallback}."


_OBLIGATIONS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
#: Age (years) of the generic alliance profile used when the pair's own treaty is not found.
GENERIC_AGE = 10.0


def _cannot_tell(ref: PairReference | None) -> tuple[str, ...]:
    out = [
        "what any particular package is worth: a new outside alliance is a yes/no proxy for an "
        "outside option, not a priced offer",
        "regime type (no Polity or V-Dem data at hand), a covariate of Leeds & Savun",
    ]
    if ref is not None and ref.atopid is not None:
        pledges = ", ".join(ref.obligations) or "no recorded obligation"
        out.append(
            f"ties outside formal treaties: ATOP {ref.atopid} pledges {pledges} only; cooperation"
            " the treaty does not oblige (arms sales, joint operations) is not in the data"
        )
    else:
        out.append(
            "ties outside formal treaties: cooperation no treaty obliges (arms sales, joint"
            " operations) is not in the data"
        )
    out.append("the exact meaning of the ATOP v4 termination codes, read here from known cases")
    return tuple(out)


def base_rate_lens(
    data: str | Path | None,
    *,
    horizon: float = 10.0,
    reference: PairReference | None = None,
    event_codes: Sequence[int] = (3,),
    censor_year: float | None = None,
) -> BaseRateLens:
    """The base rate of abandonment within ``horizon`` years for the target's alliance with the
    partner (``reference``, from :func:`reference_profile`), without and with an outside
    alliance. Without the pair's own treaty the profile is a generic bilateral pact without a
    defence pledge (other covariates at 0) of age :data:`GENERIC_AGE`, and the result says why
    in ``fallback``."""
    if data is None or not (Path(data) / ATOP_MEMBER).is_file():
        where = "no data folder given" if data is None else f"{ATOP_MEMBER} not found"
        return BaseRateLens(available=False, note=f"base-rate lens skipped: {where}")
    spells = atop_spells(data, event_codes=event_codes, censor_year=censor_year)
    fit = fit_termination(spells.rows, spells.covariates)
    default = {"defense": 0.0, "bilateral": 1.0, "log_members": math.log(2.0)}
    profile: Mapping[str, float] = {}
    fallback: str | None = None
    if reference is not None and reference.atopid is not None and reference.profile:
        age = float(reference.age if reference.age is not None else GENERIC_AGE)
        profile = reference.profile
        text = f"ATOP {reference.atopid} (the pair's own treaty, age {age:.1f} years)"
    else:
        age = GENERIC_AGE
        fallback = (
            reference.fallback
            if reference is not None and reference.fallback
            else "no target and partner were given"
        )
        text = (
            "a generic bilateral pact without a defence pledge (other covariates at 0), because"
            f" {fallback}"
        )
    prof = {**default, **profile}
    prof = {k: v for k, v in prof.items() if k in spells.covariates}
    without = fit.probability_within({**prof, "outside_alliance": 0.0}, age=age, horizon=horizon)
    with_ = fit.probability_within({**prof, "outside_alliance": 1.0}, age=age, horizon=horizon)
    rows = spells.rows
    similar = (rows["defense"] == 0) & (rows.get("bilateral", 1) == 1)
    exposure = float((rows.loc[similar, "stop"] - rows.loc[similar, "start"]).sum())
    events = float(rows.loc[similar, "event"].sum())
    rate = events / exposure if exposure > 0 else None
    raw_p = 1.0 - math.exp(-rate * horizon) if rate is not None else None
    codes = ", ".join(str(c) for c in event_codes)
    return BaseRateLens(
        available=True,
        note="; ".join(
            [
                "Cox model of membership spells (ATOP v4.01), after Leeds & Savun (2007)",
                *spells.notes,
            ]
        ),
        horizon=horizon,
        age=age,
        profile=prof,
        reference=text,
        probability=without,
        probability_with_inducement=with_,
        raw_rate=rate,
        raw_probability=raw_p,
        fit=fit,
        spells=spells.spells,
        events=spells.events,
        skipped=spells.skipped,
        event_definition=(
            f"termmode in ({codes}): ended by a member's own act (withdrawal, renunciation or"
            " violation) as read from known cases; other ends censored"
        ),
        inducement_proxy=(
            "outside_alliance: the member enters another alliance during the spell (time-varying)"
        ),
        cannot_tell=_cannot_tell(reference),
        data=str(ATOP_MEMBER),
        fallback=fallback,
    )


def _cow_code(actor: Any, year: float | None) -> tuple[int | None, str | None]:
    """The COW state number of a scenario actor (or an ISO 3166 alpha-3 code) through the
    crosswalk, or why there is none."""
    from blocs.scenario.crosswalk import CountryCodeError, from_iso3

    iso3 = actor.iso3 if hasattr(actor, "iso3") else str(actor)
    name = getattr(actor, "id", str(actor))
    if iso3 is None:
        return None, f"{name} is not a state (no ISO 3166 code to map to a COW number)"
    try:
        code = from_iso3(iso3, "cow", year=None if year is None else int(year))
    except CountryCodeError as exc:
        return None, f"{iso3} has no COW state number ({exc})"
    return int(code), None


def reference_profile(
    data: str | Path, target: Any, partner: Any, *, as_of: float | None = None
) -> PairReference:
    """The target's membership spell in an alliance it shares with the partner and that is in
    effect at ``as_of`` (the latest such spell; default: the last year the data cover).

    ``target`` and ``partner`` are scenario actors (their ids are mapped to COW state numbers
    through the crosswalk, so ``DEU`` is COW 255, never read as a COW abbreviation) or ISO
    3166 alpha-3 codes. When no profile can be found the result says why in ``fallback``.

    >>> import pathlib
    >>> ref = reference_profile(pathlib.Path("no-such-folder"), "RUS", "IRN")
    >>> ref.atopid, ref.fallback
    (None, 'the ATOP member-level file is not in the data folder')
    """
    data = Path(data)
    t_id = getattr(target, "id", str(target))
    p_id = getattr(partner, "id", str(partner))
    base = PairReference(target=t_id, partner=p_id, as_of=as_of)
    if not (data / ATOP_MEMBER).is_file():
        return replace(base, fallback="the ATOP member-level file is not in the data folder")
    raw = pd.read_csv(
        data / ATOP_MEMBER,
        usecols=["atopid", "member", "yrent", "moent", "yrexit", *_OBLIGATIONS],
    )
    if as_of is None:
        as_of = float(max(raw["yrent"].max(), raw["yrexit"].max()))
    base = replace(base, as_of=as_of)
    t_code, why_t = _cow_code(target, as_of)
    p_code, why_p = _cow_code(partner, as_of)
    base = replace(base, target_cow=t_code, partner_cow=p_code)
    if t_code is None or p_code is None:
        return replace(base, fallback=str(why_t or why_p))
    shared = set(raw.loc[raw.member == p_code, "atopid"])
    mine = raw[(raw.member == t_code) & raw.atopid.isin(shared)]
    mine = mine[(mine.yrent <= as_of) & ((mine.yrexit == 0) | (mine.yrexit >= as_of))]
    if mine.empty:
        return replace(
            base,
            fallback=(
                f"ATOP records no alliance of {t_id} (COW {t_code}) and {p_id} (COW {p_code})"
                f" in effect in {as_of:.0f}"
            ),
        )
    latest = mine.sort_values("yrent").iloc[-1]
    spells = atop_spells(data)
    rows = spells.rows
    spell = rows[(rows.member == t_code) & (rows.atopid == latest.atopid)].sort_values("start")
    if spell.empty:  # pragma: no cover - the same file gives both
        return replace(base, fallback=f"ATOP {int(latest.atopid)} has no usable spell")
    first = spell.iloc[0]
    profile = {c: float(first[c]) for c in spells.covariates if c != "outside_alliance"}
    age = as_of - float(_decimal(pd.Series([latest.yrent]), pd.Series([latest.moent])).iloc[0])
    obligations = tuple(name for col, name in _OBLIGATIONS.items() if latest[col] > 0)
    return replace(
        base, atopid=int(latest.atopid), profile=profile, age=age, obligations=obligations
    )
