"""SIPRI arms transfers as directed military ties, supplier → recipient.

Coding rule (a stated choice):

* The strength of the tie from supplier S to recipient R is S's share of all the major
  conventional arms R received over the period's covered years, in SIPRI trend-indicator
  values (TIV): ``TIV(S → R) / TIV(all → R)``, in [0, 1]. The total counts every delivery to R,
  from unknown and non-state suppliers too. A sole supplier scores 1; a supplier of a tenth of
  the recipient's arms 0.1. TIV measures capability transferred, not money, so only shares are
  used.
* SIPRI writes 0 for deliveries under 0.5 million TIV; such rows count as deliveries of 0. A
  recipient whose deliveries all total 0 gets no share; shares that round to 0.000 give no tie.
* Rows naming no COW state (``NATO**``, ``Unknown recipient(s)``, rebel groups, and states the
  tidy file leaves without a code) cannot be placed on a pair: they are counted and reported.

Examples
--------
>>> from blocs.measure.builder.sipri import SIPRI_SOURCE
>>> SIPRI_SOURCE.id
'sipri-arms-transfers'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.measure.builder.base import BuildState, DatasetRead, period_text, tie_id
from blocs.measure.builder.common import cow_index, find, map_codes, read_numeric
from blocs.scenario.model import Source, SourceKind

FOLDER = "sipri-arms-transfers"
FILES = ("sipri-exports-processed.csv", "sipri-exports-processed.csv.gz")

SIPRI_SOURCE = Source(
    id="sipri-arms-transfers",
    title="SIPRI Arms Transfers Database, trend-indicator values by supplier, recipient and year",
    kind=SourceKind.dataset,
    publisher="Stockholm International Peace Research Institute (tidied by 360info)",
    version="data generated 2022-07-28",
    url="https://www.sipri.org/databases/armstransfers",
    cite=(
        "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute,"
        " https://www.sipri.org/databases/armstransfers (data generated 28 July 2022);"
        " supplier-recipient-year table by 360info (report-arms-trade, CC BY 4.0)."
    ),
)
RULE = (
    "the strength is the supplier's share of all the major conventional arms (SIPRI TIV) the"
    " recipient received"
)


def read_sipri(root: Path, states: Sequence[BuildState], start: int, end: int) -> DatasetRead:
    """SIPRI deliveries under ``root/sipri-arms-transfers`` as directed military ties."""
    path = find(root, FOLDER, FILES)
    if path is None:
        return DatasetRead("SIPRI", SIPRI_SOURCE, None, None, start, end)
    data, malformed = read_numeric(
        path, ("year", "value"), text=("supplier", "recipient", "supplier_cown", "recipient_cown")
    )
    coverage = (int(data["year"].min()), int(data["year"].max()))
    lo, hi = max(start, coverage[0]), min(end, coverage[1])
    if lo > hi:
        return DatasetRead(
            "SIPRI", SIPRI_SOURCE, path.name, coverage, start, end, malformed=malformed
        )
    data = data[data["year"].between(lo, hi)]
    data = data.assign(
        **{c: pd.to_numeric(data[c], errors="coerce") for c in ("supplier_cown", "recipient_cown")}
    )
    uncoded = data["supplier_cown"].isna() | data["recipient_cown"].isna()
    names = sorted(
        set(data.loc[data["supplier_cown"].isna(), "supplier"])
        | set(data.loc[data["recipient_cown"].isna(), "recipient"])
    )
    # totals by recipient count every delivery, whoever supplied it
    received = data[data["recipient_cown"].notna()]
    totals = received.groupby("recipient_cown")["value"].sum()
    flows = (
        data[~uncoded]
        .groupby(["supplier_cown", "recipient_cown"], as_index=False)
        .agg(
            value=("value", "sum"),
            years=("year", "nunique"),
            first=("year", "min"),
            last=("year", "max"),
        )
    )
    index = cow_index(states)
    si, ri = map_codes(flows["supplier_cown"], index), map_codes(flows["recipient_cown"], index)
    keep = (si >= 0) & (ri >= 0) & (si != ri)
    flows = flows[keep].assign(i=si[keep], j=ri[keep])
    # a state standing for several COW numbers: add its flows and totals up
    flows = flows.groupby(["i", "j"], as_index=False).agg(
        value=("value", "sum"),
        years=("years", "max"),
        first=("first", "min"),
        last=("last", "max"),
        codes_s=("supplier_cown", "first"),
        codes_r=("recipient_cown", "first"),
    )
    recipient_total = (
        pd.Series(totals.to_numpy(), index=map_codes(totals.index.to_series(), index))
        .groupby(level=0)
        .sum()
    )
    flows = flows.assign(total=flows["j"].map(recipient_total))
    share = (flows["value"] / flows["total"].where(flows["total"] > 0)).to_numpy()
    flows = flows.assign(share=np.round(share, 3))
    no_share = int(flows["share"].isna().sum())
    flows = flows[flows["share"] > 0]
    span = period_text(lo, hi)
    ties = []
    for p in flows.to_dict("records"):
        s, r = states[int(p["i"])], states[int(p["j"])]
        value, total, strength = int(p["value"]), int(p["total"]), float(p["share"])
        ties.append(
            {
                "id": tie_id(s.id, r.id, "sipri", start, end),
                "pair": [s.id, r.id],
                "channel": "military",
                "strength": strength,
                "rationale": (
                    f"Measured (SIPRI): the supplier's share of the recipient's arms"
                    f" deliveries (TIV), {span}."
                ),
                "directed": True,
                "basis": "measured",
                "period": {"start": str(start), "end": str(end)},
                "evidence": [
                    {
                        "source": SIPRI_SOURCE.id,
                        "locator": (
                            f"{path.name}: supplier_cown={int(p['codes_s'])},"
                            f" recipient_cown={int(p['codes_r'])}, year {lo}-{hi}; all rows"
                            f" with recipient_cown={int(p['codes_r'])} for the total"
                        ),
                        "claim": (
                            f"{s.name} delivered {value} million TIV of major arms to {r.name}"
                            f" in {span} (in {int(p['years'])} of its years), of {total}"
                            f" million TIV {r.name} received from all suppliers."
                        ),
                        "quantity": {"value": strength, "unit": "share of recipient's arms"},
                        "confidence": "high",
                    }
                ],
            }
        )
    messages = []
    if uncoded.any():
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        messages.append(
            f"SIPRI: {int(uncoded.sum())} delivery rows of {span} name a supplier or recipient"
            f" without a COW code ({shown}); they count in recipients' totals where the"
            " recipient is coded, and give no tie."
        )
    if no_share:
        messages.append(
            f"SIPRI: {no_share} supplier-recipient flows went to recipients whose deliveries"
            " total 0 TIV (all under 0.5 million): no share, no tie."
        )
    return DatasetRead(
        "SIPRI",
        SIPRI_SOURCE,
        path.name,
        coverage,
        start,
        end,
        ties=tuple(ties),
        malformed=malformed,
        unmatched=int(uncoded.sum()),
        messages=tuple(messages),
    )
