"""From a coded event to a candidate tie: the channel, the sign and a suggested strength.

The rule, documented in ``docs/extract-evidence-from-documents.md``:

- **sign** from the event's QuadClass: verbal and material cooperation (1, 2) are positive,
  verbal and material conflict (3, 4) negative;
- **channel** from the CAMEO code, most specific first: military for military cooperation,
  aid and protection (062, 064, 072, 074), military de-escalation (087), threats of force (138),
  force postures (15) and violence (18, 19, 20); economic for economic cooperation and aid (061,
  071, 073), easing economic sanctions (085), threats to cut aid or to boycott (1311, 1312) and
  embargoes, sanctions and cuts in aid (162, 163); political
  for yielding, investigations, protests and coercion (08, 09, 14, 17, the rest of 13); and
  diplomatic for statements, appeals, intentions, consultation, diplomatic cooperation,
  demands, disapproval, rejection and reductions of relations (01–05, 10–12, 16);
- **suggested strength**: the Goldstein value scaled to the coding scale,
  ``sign * min(0.5, |goldstein| / 20)``: at most half the scale, because one event is weak
  evidence of a bond; the analyst sets the final value.

Examples
--------
>>> channel_of("0621"), channel_of("163"), channel_of("036"), channel_of("190")
('military', 'economic', 'diplomatic', 'military')
>>> sign_of(1), sign_of(4)
(1, -1)
>>> suggested_strength(7.0, 2), suggested_strength(-10.0, 4)
(0.35, -0.5)
"""

from __future__ import annotations

from typing import Literal

__all__ = ["channel_of", "sign_of", "suggested_strength"]

ChannelName = Literal["military", "economic", "political", "diplomatic"]

# Most specific prefix wins; every CAMEO code falls under one of the two-digit roots.
_BY_PREFIX: dict[str, ChannelName] = {
    "061": "economic",
    "062": "military",
    "063": "political",
    "064": "military",
    "071": "economic",
    "072": "military",
    "073": "economic",
    "074": "military",
    "075": "political",
    "085": "economic",
    "087": "military",
    "1311": "economic",
    "1312": "economic",
    "138": "military",
    "161": "diplomatic",
    "162": "economic",
    "163": "economic",
    "164": "diplomatic",
    "01": "diplomatic",
    "02": "diplomatic",
    "03": "diplomatic",
    "04": "diplomatic",
    "05": "diplomatic",
    "06": "economic",
    "07": "economic",
    "08": "political",
    "09": "political",
    "10": "diplomatic",
    "11": "diplomatic",
    "12": "diplomatic",
    "13": "political",
    "14": "political",
    "15": "military",
    "16": "diplomatic",
    "17": "political",
    "18": "military",
    "19": "military",
    "20": "military",
}
_MAX_SUGGESTED = 0.5


def channel_of(code: str) -> ChannelName:
    """The channel of a CAMEO event code (a string with its leading zeros)."""
    for length in (4, 3, 2):
        channel = _BY_PREFIX.get(code[:length])
        if channel is not None:
            return channel
    raise ValueError(f"'{code}' is not a CAMEO event code")


def sign_of(quad_class: int) -> int:
    """+1 for cooperation (QuadClass 1, 2), -1 for conflict (3, 4)."""
    if quad_class not in (1, 2, 3, 4):
        raise ValueError(f"QuadClass must be 1 to 4, not {quad_class}")
    return 1 if quad_class <= 2 else -1


def suggested_strength(goldstein: float, quad_class: int) -> float:
    """A starting strength for the analyst: the Goldstein value on the tie scale, capped at 0.5."""
    return sign_of(quad_class) * round(min(_MAX_SUGGESTED, abs(goldstein) / 20.0), 3)
