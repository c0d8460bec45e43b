"""CAMEO event codes, their QuadClass and their Goldstein value, as a table shipped with blocs.

The table ``data/cameo_events.csv`` holds the 316 event codes of the CAMEO 1.1b3 codebook
(20 roots, 2-digit; 3-digit and 4-digit codes below them) with their name, root, level, parent,
QuadClass and Goldstein value. It is built from the codebook and the published CAMEO-to-Goldstein
scale; nothing is read from the network or from outside the package at run time.

QuadClass follows the root code, as GDELT documents it: roots 01-05 are verbal cooperation (1),
06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).

The published copies of the table disagree with each other; blocs decided as follows (the test
``tests/measure/events/test_cameo.py`` lists every remaining disagreement with each copy).

* **Codes and names** are the codebook's. GDELT's lookup file ``CAMEO.eventcodes.txt`` carries
  them with a few defects that blocs repairs: code 106 is missing because its line was merged into
  1056; codes 101, 103, 105, 107 and 108 carry names from an earlier CAMEO version that do not fit
  their own 4-digit children (1011 "Demand economic cooperation" sits under 101, so 101 is "Demand
  material cooperation"), and typing slips (``matyerial``, a broken quotation mark in 044). Codes
  155, 176, 1834, 1951 and 1952 (cyber and aerial-munition codes) are in the 1.1b3 manual but not
  in GDELT's lookup; they are included. Codes 0357, 1213 and 1641-1643 of the older Parus scale
  are not 1.1b3 codes (1641-1643 are 1661-1663 under their earlier numbering) and are left out.
* **Goldstein values** (column ``goldstein_basis`` says which rule gave each):
  ``parus`` - the value of the Parus Analytics CAMEO scale for the same code, which is what GDELT
  writes into its ``GoldsteinScale`` field (it matches real GDELT 1.0 rows for 80 of 84 codes).
  Where that scale's row names show an older numbering (01x, 021x, 10x, 12x, 163/164/166) the value
  is still kept by code, as GDELT applies it, so that the store's own Goldstein values and the
  table agree; ICEWS re-assigned some of these by meaning (its intensity for 163 is -8, for 164
  -6.5), which the test reports. ``gdelt-rows`` - where real GDELT rows contradict the Parus scale
  the rows win: 016 "Deny responsibility" is -2.0 (the Parus row at 016 is a shifted "Make
  empathetic comment" line), 022 is 3.2, 1246 is -4.0. ``sibling`` - 1241-1245 take the -4.0 seen
  for their sibling 1246 (ICEWS agrees for 1243). ``parus-name`` - a code absent from the Parus
  scale whose name is on one of its rows under an older number takes that row's value (129 "Veto"
  -5.0, 1661-1663 -7.0). ``parent`` - any other code absent from the scale takes its parent's value,
  the convention of the CAMEO-Goldstein scale (GDELT rows confirm it for 1014 = -5.0).

Examples
--------
>>> from blocs.measure.events.cameo import cameo_events, quad_class
>>> cameo_events()["190"].name
'Use conventional military force, not specified below'
>>> quad_class("0874"), cameo_events()["0874"].goldstein
(2, 10.0)

References
----------
.. [1] Schrodt, P. A. (2012). *CAMEO Conflict and Mediation Event Observations Event and Actor
   Codebook*, version 1.1b3. Pennsylvania State University / Parus Analytics.
.. [2] Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data. *Journal of
   Conflict Resolution* 36(2): 369-385.
.. [3] Leetaru, K. and Schrodt, P. A. (2013). GDELT: Global Data on Events, Location and Tone,
   1979-2012. ISA Annual Convention (GDELT 1.0 and 2.0 event codebooks for QuadClass).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from blocs.errors import ModelInputError

__all__ = [
    "QUAD_CLASSES",
    "CameoEvent",
    "cameo_events",
    "goldstein",
    "quad_class",
]

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class CameoEvent:
    """One CAMEO event code: ``level`` 1 is a root (2 digits), 2 and 3 are 3- and 4-digit codes."""

    code: str
    name: str
    root: str
    level: int
    parent: str | None
    quad_class: int
    goldstein: float
    goldstein_basis: str


@functools.cache
def cameo_events() -> dict[str, CameoEvent]:
    """Every CAMEO 1.1b3 event code, keyed by its code string (leading zeros kept)."""
    text = resources.files("blocs.measure.events").joinpath("data/cameo_events.csv")
    with text.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        table = {}
        for row in csv.DictReader(lines):
            table[row["code"]] = CameoEvent(
                code=row["code"],
                name=row["name"],
                root=row["root"],
                level=int(row["level"]),
                parent=row["parent"] or None,
                quad_class=int(row["quad_class"]),
                goldstein=float(row["goldstein"]),
                goldstein_basis=row["goldstein_basis"],
            )
    return table


def quad_class(code: str) -> int:
    """QuadClass of an event code from its root (first two digits): 1-4.

    Examples
    --------
    >>> [quad_class(c) for c in ("043", "061", "112", "190")]
    [1, 2, 3, 4]
    """
    root = str(code)[:2]
    if len(root) != 2 or not root.isdigit() or not 1 <= int(root) <= 20:
        raise ModelInputError(f"not a CAMEO event code: {code!r} (root must be 01-20)")
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def goldstein(code: str) -> float:
    """Goldstein value of a CAMEO event code (-10 conflict ... +10 cooperation).

    Examples
    --------
    >>> goldstein("036"), goldstein("1823")
    (4.0, -10.0)
    """
    try:
        return cameo_events()[str(code)].goldstein
    except KeyError:
        raise ModelInputError(f"not a CAMEO 1.1b3 event code: {code!r}") from None
